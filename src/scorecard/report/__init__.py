"""Results -> report files. One registry of renderers, as datasette registers outputs.

A renderer is ``render(results, out_path, language)`` and writes one file.
Later formats (pdf, pptx, xlsx) join ``RENDERERS`` under their name and reuse
``charts.draw_charts`` and ``context.build_context``, so a report's charts are
drawn once and its numbers are rounded and worded once. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

from scorecard.analysis import Results
from scorecard.report.html import render_html
from scorecard.report.jsonfile import render_json

Renderer: TypeAlias = Callable[[Results, Path, str], None]


class UnknownFormatError(ValueError):
    """A format no renderer is registered for; the message lists the known ones."""

    def __init__(self, fmt: str, known: list[str]) -> None:
        self.format = fmt
        self.known = known
        super().__init__(f"unknown report format {fmt!r}; known formats: {', '.join(known)}")


RENDERERS: dict[str, Renderer] = {
    "html": render_html,
    "json": render_json,
}


def render(fmt: str, results: Results, out: Path | str, language: str = "en") -> None:
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise UnknownFormatError(fmt, sorted(RENDERERS)) from None
    renderer(results, Path(out), language)


__all__ = ["RENDERERS", "Renderer", "UnknownFormatError", "render"]
