"""The workbook: one sheet per table, for coordinators who work in a spreadsheet program.

Figures are stored unrounded (the Results' exact values as floats) with number
formats that show them as the report does: 0.00 for means, 0.0 with the
language's percent sign for percents ("38.0 %" in Russian), meeting days as
real dates in the language's short form. The file always stores "." as the
decimal point; the reader's spreadsheet program shows its own separator.
Band colours are cell fills. Every text cell is written as a string cell,
control characters stripped; text that starts like a formula (= + - @ tab CR)
gets a leading apostrophe, as in the CSVs, and Excel's quote prefix, so a comment
such as ``=HYPERLINK(...)`` is shown, never run, even after someone edits the cell.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from scorecard.analysis import AVERAGING_RULE, Results, Score
from scorecard.report import display
from scorecard.report.comparison import comparison_sheet
from scorecard.report.i18n import Gettext, translations
from scorecard.report.inputs import ReportInput
from scorecard.report.profile import profile_rows
from scorecard.report.tables import MEAN, PERCENT, Value, new_workbook, table, workbook_bytes

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["MEAN", "PERCENT", "Value", "render_xlsx"]


def render_xlsx(inp: ReportInput) -> bytes:
    _ = translations(inp.language).gettext
    res = inp.results
    wb = new_workbook()  # openpyxl is imported there, so `import scorecard.report` stays cheap
    _about(wb.create_sheet(_("Read me")), res, inp.language, _)
    _cells(wb.create_sheet(_("Cells")), res, _)
    _goals(wb.create_sheet(_("Goals")), res, _)
    _areas(wb.create_sheet(_("Areas")), res, _)
    _pillars(wb.create_sheet(_("Pillars")), res, _)
    _profile(wb.create_sheet(_("Profile")), res, _)
    goals = {g.number: g.name for g in res.framework.goals}
    rows: list[list[Value]] = [[c.goal, _(goals[c.goal]), c.text] for c in res.comments]
    table(wb.create_sheet(_("Comments")), [_("Goal"), _("Goal name"), _("Comment")], rows)
    _meetings(wb, inp, _)
    if inp.comparison is not None:
        comparison_sheet(wb, inp, _)
    return workbook_bytes(wb)


def _percent_format() -> str:
    return display.excel_percent_format(1)


def _num(value: Fraction | float | None) -> float | None:
    return None if value is None else float(value)


def _score(score: Score, _: Gettext) -> list[Value]:
    return [_num(score.mean), _num(score.percent), _(score.band) if score.band else ""]


def _fill_bands(ws: Worksheet, res: Results, col: int, first: int, _: Gettext) -> None:
    """Colour each band cell with its band's colour, text in black or white for contrast."""
    from openpyxl.styles import Font, PatternFill

    colours = {_(b.name): display.colour(b.colour) for b in res.framework.bands}
    for row in ws.iter_rows(min_row=first, min_col=col, max_col=col):
        for cell in row:
            colour = colours.get(str(cell.value or ""))
            if colour:
                full = colour if len(colour) == 7 else "#" + "".join(c * 2 for c in colour[1:])
                cell.fill = PatternFill("solid", fgColor=full[1:].upper())
                cell.font = Font(color=display.text_colour_on(full)[1:].upper())


def _about(ws: Worksheet, res: Results, language: str, _: Gettext) -> None:
    e = res.edition.in_language(language)
    rows: list[list[Value]] = [
        [_("Title"), e.title],
        [_("Country"), e.country],
        [_("Year"), e.year],
        [_("Organisation"), e.organisation],
        [_("Respondents"), res.profile.answering],  # who gave at least one score
        [_("Overall percent"), _num(res.overall.percent)],
        [_("Overall band"), _(res.overall.band) if res.overall.band else ""],
        [_("Averaging rule"), _(AVERAGING_RULE)],
    ]
    if e.synthetic:
        rows.insert(0, [_("Warning"), _("Synthetic sample data — not real survey results")])
    table(ws, [_("Item"), _("Value")], rows)
    # Only the overall percent is a percent: the year and the count in the same column are not.
    at = next(i for i, row in enumerate(rows, 2) if row[0] == _("Overall percent"))
    ws.cell(row=at, column=2).number_format = _percent_format()


def _cells(ws: Worksheet, res: Results, _: Gettext) -> None:
    fw = res.framework
    goals = {g.number: g.name for g in fw.goals}
    areas = {a.number: a for a in fw.areas}
    pillars = {p.key: p.name for p in fw.pillars}
    header = [_("Goal"), _("Goal name"), _("Key area"), _("Key area name"), _("Pillar"), "n"]
    header += [_("Mean"), _("Percent"), _("Band"), _("Standard deviation")]
    header += [_("95% CI low"), _("95% CI high"), _("Median")]
    header += [_("Interquartile range"), _("Agreement A"), _("Contested cell")]
    answers = _("Answers")
    header += [f"{answers} {display.number(Fraction(v), 0)}" for v in fw.scale.values]
    rows: list[list[Value]] = []
    for c in res.cells:
        a = areas[c.area]
        ci = c.ci95 or (None, None)
        rows.append(
            [
                *(c.goal, _(goals[c.goal]), c.area, _(a.name), _(pillars[a.pillar]), c.n),
                *_score(c.score, _),
                *(c.sd, ci[0], ci[1], _num(c.median)),
                *(_num(c.iqr), _num(c.agreement), c.contested, *c.counts),
            ]
        )
    formats = {7: MEAN, 8: _percent_format(), 10: MEAN, 11: MEAN, 12: MEAN, 13: "0.0"}
    formats |= {14: "0.0", 15: MEAN}
    table(ws, header, rows, formats)
    _fill_bands(ws, res, 9, 2, _)


def _goals(ws: Worksheet, res: Results, _: Gettext) -> None:
    header = [_("Goal"), _("Goal name"), _("Respondents"), _("Answers")]
    header += [_("Mean"), _("Percent"), _("Band")]
    rows = [[g.goal, _(g.name), g.respondents, g.answers, *_score(g.score, _)] for g in res.goals]
    table(ws, header, rows, {5: MEAN, 6: _percent_format()})
    _fill_bands(ws, res, 7, 2, _)


def _areas(ws: Worksheet, res: Results, _: Gettext) -> None:
    pillars = {p.key: p.name for p in res.framework.pillars}
    header = [_("Key area"), _("Key area name"), _("Pillar"), _("Answers")]
    header += [_("Mean"), _("Percent"), _("Band")]
    rows = [
        [a.area, _(a.name), _(pillars[a.pillar]), a.answers, *_score(a.score, _)] for a in res.areas
    ]
    table(ws, header, rows, {5: MEAN, 6: _percent_format()})
    _fill_bands(ws, res, 7, 2, _)


def _pillars(ws: Worksheet, res: Results, _: Gettext) -> None:
    header = [_("Pillar"), _("Key areas"), _("Answers"), _("Mean"), _("Percent"), _("Band")]
    rows = [
        [_(p.name), ", ".join(str(a) for a in p.areas), p.answers, *_score(p.score, _)]
        for p in res.pillars
    ]
    table(ws, header, rows, {4: MEAN, 5: _percent_format()})
    _fill_bands(ws, res, 6, 2, _)


def _profile(ws: Worksheet, res: Results, _: Gettext) -> None:
    p = res.profile
    threshold = res.framework.thresholds.suppression
    rows: list[list[Value]] = []
    for title, field in ((_("Gender"), "gender"), (_("Sector"), "sector"), (_("Region"), "region")):
        rows += [
            [title, r.label, r.count, float(r.percent)]
            for r in profile_rows(p, field, threshold, _)
        ]
    age = [(_("Youngest"), p.age_min), (_("Oldest"), p.age_max), (_("Mean age"), p.age_mean)]
    rows += [[_("Age"), label, None if v is None else float(v), None] for label, v in age]
    rows.append([_("Respondents"), _("All"), p.n, 100.0])
    table(ws, [_("Group"), _("Category"), _("Respondents"), _("Share (%)")], rows, {4: "0.0"})


def _meetings(wb: Any, inp: ReportInput, _: Gettext) -> None:
    header = [_("Date"), _("Format"), _("Title"), _("Participants"), _("By sector")]
    header.append(_("Goals discussed"))
    rows: list[list[Value]] = []
    suggestions: list[list[Value]] = []
    for m in inp.meetings:
        sectors = ", ".join(f"{_(s)} {n}" for s, n in m.participants)
        goals = ", ".join(str(g) for g in m.goals)
        rows.append([m.date, _(m.format.value), m.title, m.total, sectors, goals])
        for s in m.suggestions:
            row: list[Value] = [m.date, s.goal, s.text, _(s.decision.value), s.note]
            suggestions.append(row)
    dates = {1: display.excel_date_format()}
    table(wb.create_sheet(_("Meetings")), header, rows, dates)
    header = [_("Date"), _("Goal"), _("Suggestion"), _("Decision"), _("Note")]
    table(wb.create_sheet(_("Suggestions")), header, suggestions, dates)
