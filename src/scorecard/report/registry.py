"""Every output of the project, registered once: ``render(kind, fmt, inp) -> Output``.

A renderer takes its input and returns bytes; the registry adds the media type
and the file suffix, so the CLI writes ``Output.data`` to a file, the web app
answers with it (web/reports/respond.py ``output_response``) and the publishing
job stores it, all through ``render``. Kinds and their inputs:

- ``report``: the national report (ReportInput);
- ``comparison``: the report against earlier editions (ReportInput with a
  comparison); its CSV is the changes as open data;
- ``groups``: results by groups of respondents (GroupsInput);
- ``network``: the cross-country synthesis (NetworkInput).

Renderer modules import their heavy libraries (WeasyPrint, python-pptx,
openpyxl, altair) inside functions, so importing the registry stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from scorecard.report import display
from scorecard.report.comparison import render_comparison_csv
from scorecard.report.groups import (
    GroupsInput,
    render_groups_csv,
    render_groups_html,
    render_groups_json,
    render_groups_pdf,
    render_groups_xlsx,
)
from scorecard.report.html import render_html
from scorecard.report.inputs import ReportInput
from scorecard.report.jsonfile import render_json
from scorecard.report.network import (
    NetworkInput,
    render_network_html,
    render_network_json,
    render_network_pdf,
    render_network_xlsx,
)
from scorecard.report.opendata import render_csv, render_datadict
from scorecard.report.output import Output, media_type_of, suffix_of
from scorecard.report.pdf import render_pdf
from scorecard.report.slides import render_pptx
from scorecard.report.xlsx import render_xlsx

Renderer = Callable[[Any], bytes]
INPUTS: dict[str, type] = {
    "report": ReportInput,
    "comparison": ReportInput,
    "groups": GroupsInput,
    "network": NetworkInput,
}


class UnknownFormatError(ValueError):
    """A format no renderer is registered for; the message lists the known ones."""

    def __init__(self, fmt: str, known: list[str], kind: str = "report") -> None:
        self.format = fmt
        self.known = known
        self.kind = kind
        super().__init__(f"unknown {kind} format {fmt!r}; known formats: {', '.join(known)}")


@dataclass(frozen=True)
class Entry:
    kind: str
    format: str
    func: Renderer
    media_type: str
    suffix: str


_ENTRIES: dict[tuple[str, str], Entry] = {}


def _in_its_language(func: Renderer) -> Renderer:
    """Every figure the renderer writes follows its input's language (display.speaking)."""

    @wraps(func)
    def rendered(inp: Any) -> bytes:
        with display.speaking(getattr(inp, "language", "en")):
            return func(inp)

    return rendered


def register(
    kind: str,
    fmt: str,
    func: Renderer,
    media_type: str | None = None,
    suffix: str | None = None,
) -> None:
    """Add a renderer; the media type and suffix default to the format's (output.py)."""
    if kind not in INPUTS:
        raise ValueError(f"unknown output kind {kind!r}; known kinds: {', '.join(INPUTS)}")
    shown = _in_its_language(func)
    _ENTRIES[(kind, fmt)] = Entry(
        kind, fmt, shown, media_type or media_type_of(fmt), suffix or suffix_of(fmt)
    )


def formats(kind: str) -> list[str]:
    """The formats of one kind, in the order they were registered."""
    return [fmt for k, fmt in _ENTRIES if k == kind]


def entry(kind: str, fmt: str) -> Entry:
    try:
        return _ENTRIES[(kind, fmt)]
    except KeyError:
        raise UnknownFormatError(fmt, sorted(formats(kind)), kind) from None


def renderers(kind: str) -> dict[str, Renderer]:
    """``{format: renderer}`` of one kind (what ``scorecard.report.RENDERERS`` is)."""
    return {fmt: _ENTRIES[(kind, fmt)].func for fmt in formats(kind)}


def render(kind: str, fmt: str, inp: object) -> Output:
    """The one way any output is made: the renderer's bytes, media type and file suffix."""
    found = entry(kind, fmt)
    if not isinstance(inp, INPUTS[kind]):
        raise TypeError(f"{kind} renderers take {INPUTS[kind].__name__}, not {type(inp).__name__}")
    return Output(found.func(inp), found.media_type, found.suffix)


_REPORT: dict[str, Renderer] = {
    "html": render_html,
    "pdf": render_pdf,
    "pptx": render_pptx,
    "xlsx": render_xlsx,
    "csv": render_csv,
    "json": render_json,
    "datadict": render_datadict,
}
for _fmt, _func in _REPORT.items():
    register("report", _fmt, _func)
for _fmt in ("html", "pdf", "pptx", "xlsx", "json"):
    register("comparison", _fmt, _REPORT[_fmt])
register("comparison", "csv", render_comparison_csv)
register("groups", "html", render_groups_html)
register("groups", "pdf", render_groups_pdf)
register("groups", "json", render_groups_json)
register("groups", "xlsx", render_groups_xlsx)
register("groups", "csv", render_groups_csv)
register("network", "html", render_network_html)
register("network", "pdf", render_network_pdf)
register("network", "json", render_network_json)
register("network", "xlsx", render_network_xlsx)
