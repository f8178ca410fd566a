"""Validation-meeting slides: the meetings held and every suggestion with its decision.

Long lists run over several slides rather than shrinking below legibility;
without meetings the slide proposes an agenda (meetings.propose_agenda).
"""

from __future__ import annotations

from typing import Any

from scorecard.report.i18n import Gettext
from scorecard.report.slides_deck import Deck, continued
from scorecard.report.slides_kit import Box, fit, plain, table, write

ROWS_PER_SLIDE = 8
CHARS_PER_CELL = 180  # a suggestion longer than this is cut on the slide; the report has it all


def _short(text: str, limit: int = CHARS_PER_CELL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def meeting_slides(deck: Deck, m: dict[str, Any], _: Gettext) -> None:
    title = _("Validation meetings")
    if not m["held"]:
        _agenda(deck, m, _)
        return
    header = [_("Date"), _("Format"), _("Participants"), _("By sector"), _("Goals discussed")]
    # The title goes with the format, as in the report: it may say the meeting is synthetic.
    rows = [
        [r["date"], " · ".join(filter(None, (r["format"], r["title"]))), str(r["total"]),
         r["sectors"], r["goals"]]
        for r in m["rows"]
    ]  # fmt: skip
    for start in range(0, len(rows), ROWS_PER_SLIDE):
        slide = deck.slide(title if start == 0 else continued(title, _))
        write(slide, Box(0.6, 1.3, 12.1, 0.5), [plain(m["summary"], bold=True)], 16)
        chunk = [header, *rows[start : start + ROWS_PER_SLIDE]]
        widths = (1.4, 3.2, 1.3, 4.2, 2.0)
        table(slide, Box(0.6, 1.95, sum(widths), 0.5 * len(chunk)), chunk, 12, widths)
    header = [_("Date"), _("Goal"), _("Suggestion"), _("Decision"), _("Note")]
    items = [
        [s["date"], s["goal"], _short(s["text"]), s["decision"], _short(s["note"], 120)]
        for s in m["suggestions"]
    ]
    per = ROWS_PER_SLIDE // 2 + 1
    heading = _("Suggestions and decisions")
    for start in range(0, len(items), per):
        slide = deck.slide(heading if start == 0 else continued(heading, _))
        chunk = [header, *items[start : start + per]]
        widths = (1.4, 2.4, 4.6, 1.5, 2.2)
        table(slide, Box(0.6, 1.35, sum(widths), 0.95 * len(chunk)), chunk, 11, widths)


def _agenda(deck: Deck, m: dict[str, Any], _: Gettext) -> None:
    slide = deck.slide(_("Validation meetings") + ": " + _("Proposed agenda"))
    why = _(
        "Points to discuss first: the cells where respondents disagree most (highest standard "
        "deviation, at least 3 answers) and the goals with the fewest answers."
    )
    intro = [plain(_("No validation meetings are recorded yet.")), plain(why)]
    size, _pages = fit(intro, 12.1, 1.1, (16, 14, 12))
    write(slide, Box(0.6, 1.3, 12.1, 1.1), intro, size)
    a = m["agenda"]
    if a["disputed"]:
        rows = [[_("Goal"), _("Key area"), _("Answers"), _("Standard deviation")]]
        rows += [[c["goal"], c["area"], str(c["n"]), c["sd"]] for c in a["disputed"]]
        table(slide, Box(0.6, 2.55, 7.6, 0.42 * len(rows)), rows, 11, (3.3, 2.7, 0.8, 0.8))
    rows = [[_("Goal"), _("Answers")]] + [[g["goal"], str(g["answers"])] for g in a["thin"]]
    table(slide, Box(8.6, 2.55, 4.1, 0.42 * len(rows)), rows, 11, (3.1, 1.0))
