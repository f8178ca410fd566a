"""The HTML report: one self-contained file that opens offline and prints.

The PDF is this same document with ``for_print`` on (a cover, a table of
contents with page numbers, print CSS), so the two cannot say different things.
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from scorecard.analysis import Results
from scorecard.report import display
from scorecard.report.i18n import translations
from scorecard.report.identity import identity_context
from scorecard.report.inputs import ReportInput
from scorecard.report.meetings import Meeting
from scorecard.report.narrative import Narrative
from scorecard.report.text import clean

TEMPLATE = "report.html.j2"

PRINTED_COMMENTS = 10
"""Comments per goal in the printed annex. Paper has to end: at 10,000 respondents every
comment would add hundreds of pages and most of the time to make the PDF; the page and the
workbook keep them all, and the annex says how many more each goal has there."""


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
        finalize=_clean,
    )
    # The i18n extension adds this method at runtime; jinja2's type hints do not know it.
    cast(Any, env).install_gettext_translations(translations(language), newstyle=True)
    return env


def _clean(value: Any) -> Any:
    """Every printed value loses C0 control characters, which escaping leaves in place."""
    if isinstance(value, Markup):
        return Markup(clean(str(value)))  # noqa: S704 - already safe markup, only chars removed
    if isinstance(value, str):
        return clean(value)
    return value


def report_document(inp: ReportInput, for_print: bool = False) -> str:
    # Deferred: `import scorecard.report` stays cheap for commands that never draw.
    from scorecard.report.charts import draw_charts
    from scorecard.report.comparison import comparison_context
    from scorecard.report.context import build_context
    from scorecard.report.disagreement import disagreement_context
    from scorecard.report.story import build_story

    context = build_context(inp.results, draw_charts(inp.results, inp.language), inp.language)
    context["story"] = build_story(inp)
    context["print"] = for_print
    context["printed_comments"] = PRINTED_COMMENTS if for_print else None
    context["comparison"] = comparison_context(inp)
    context["disagreement"] = disagreement_context(inp.results, translations(inp.language).gettext)
    context["identity"] = identity_context(inp.identity, translations(inp.language).gettext)
    return environment(inp.language).get_template(TEMPLATE).render(context)


def html_document(
    results: Results,
    language: str = "en",
    narrative: Narrative | None = None,
    meetings: tuple[Meeting, ...] = (),
) -> str:
    """The report page as text (the web app serves this without the registry)."""
    with display.speaking(language):  # what the registry does for every other caller
        return report_document(ReportInput(results, language, narrative, meetings))


def render_html(inp: ReportInput) -> bytes:
    return report_document(inp).encode("utf-8")
