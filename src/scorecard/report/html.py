"""The HTML report: one self-contained file that opens offline and prints."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, PackageLoader, StrictUndefined

from scorecard.analysis import Results
from scorecard.report.i18n import translations

TEMPLATE = "report.html.j2"


@cache
def environment(language: str) -> Environment:
    """One Jinja environment per language, since gettext is installed into it.

    Autoescaping is on for every template: respondent comments are hostile
    input and reach the page only as escaped text.
    """
    env = Environment(
        loader=PackageLoader("scorecard.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # The i18n extension adds this method at runtime; jinja2's type hints do not know it.
    cast(Any, env).install_gettext_translations(translations(language), newstyle=True)
    return env


def html_document(results: Results, language: str = "en") -> str:
    # Deferred: altair and the chart engine take about a second to load, and
    # `import scorecard.report` should stay cheap for commands that never draw.
    from scorecard.report.charts import draw_charts
    from scorecard.report.context import build_context

    context = build_context(results, draw_charts(results, language), language)
    return environment(language).get_template(TEMPLATE).render(context)


def render_html(results: Results, out: Path, language: str) -> None:
    out.write_text(html_document(results, language), encoding="utf-8")
