"""The workbook: one sheet per table, for coordinators who work in a spreadsheet program.

Figures are stored unrounded (the Results' exact values as floats) with number
formats that show them as the report does: 0.00 for means, 0.0 for percents.
Band colours are cell fills. Every text cell is written as a string cell,
control characters stripped; text that starts like a formula (= + - @ tab CR)
gets a leading apostrophe, as in the CSVs, and Excel's quote prefix, so a comment
such as ``=HYPERLINK(...)`` is shown, never run, even after someone edits the cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorecard.analysis import AVERAGING_RULE, Results, Score
from scorecard.report import display
from scorecard.report.i18n import Gettext, translations
from scorecard.report.inputs import ReportInput
from scorecard.report.text import clean, formula_safe

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

MEAN, PERCENT = "0.00", "0.0"
Value = str | int | float | None


def render_xlsx(inp: ReportInput, out: Path) -> None:
    from openpyxl import Workbook  # deferred: keeps `import scorecard.report` cheap

    _ = translations(inp.language).gettext
    res = inp.results
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    _about(wb.create_sheet(_("Read me")), res, _)
    _cells(wb.create_sheet(_("Cells")), res, _)
    _goals(wb.create_sheet(_("Goals")), res, _)
    _areas(wb.create_sheet(_("Areas")), res, _)
    _pillars(wb.create_sheet(_("Pillars")), res, _)
    _profile(wb.create_sheet(_("Profile")), res, _)
    goals = {g.number: g.name for g in res.framework.goals}
    rows: list[list[Value]] = [[c.goal, _(goals[c.goal]), c.text] for c in res.comments]
    _table(wb.create_sheet(_("Comments")), [_("Goal"), _("Goal name"), _("Comment")], rows)
    _meetings(wb, inp, _)
    if inp.comparison is not None:
        from scorecard.report.comparison import comparison_sheet

        comparison_sheet(wb, inp, _)
    wb.save(out)


def _table(
    ws: Worksheet,
    header: Sequence[str],
    rows: Sequence[Sequence[Value]],
    formats: dict[int, str] | None = None,
) -> None:
    """Header row (bold, frozen, filtered), then rows; text always as inert strings."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for col, title in enumerate(header, 1):
        put(ws, 1, col, title).font = Font(bold=True)
    for r, row in enumerate(rows, 2):
        for col, value in enumerate(row, 1):
            cell = put(ws, r, col, value)
            if formats and col in formats and isinstance(value, int | float):
                cell.number_format = formats[col]
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    for col, title in enumerate(header, 1):
        longest = max([len(title), *(len(str(r[col - 1] or "")) for r in rows[:200])])
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(8, longest + 2))


def put(ws: Worksheet, row: int, col: int, value: Value) -> Any:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        # As the CSVs (text.formula_safe): a leading ' where the text starts like a formula,
        # so the cell reads as text in any program, and Excel's quote prefix as well.
        text = formula_safe(value)
        cell.value = text
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        if text != clean(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


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


def _about(ws: Worksheet, res: Results, _: Gettext) -> None:
    e = res.edition
    rows: list[list[Value]] = [
        [_("Title"), e.title],
        [_("Country"), e.country],
        [_("Year"), e.year],
        [_("Organisation"), e.organisation],
        [_("Respondents"), res.profile.n],
        [_("Overall percent"), _num(res.overall.percent)],
        [_("Overall band"), _(res.overall.band) if res.overall.band else ""],
        [_("Averaging rule"), _(AVERAGING_RULE)],
    ]
    if e.synthetic:
        rows.insert(0, [_("Warning"), _("Synthetic sample data — not real survey results")])
    _table(ws, [_("Item"), _("Value")], rows, {2: PERCENT})


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
    formats = {7: MEAN, 8: PERCENT, 10: MEAN, 11: MEAN, 12: MEAN, 13: "0.0", 14: "0.0", 15: MEAN}
    _table(ws, header, rows, formats)
    _fill_bands(ws, res, 9, 2, _)


def _goals(ws: Worksheet, res: Results, _: Gettext) -> None:
    header = [_("Goal"), _("Goal name"), _("Respondents"), _("Answers")]
    header += [_("Mean"), _("Percent"), _("Band")]
    rows = [[g.goal, _(g.name), g.respondents, g.answers, *_score(g.score, _)] for g in res.goals]
    _table(ws, header, rows, {5: MEAN, 6: PERCENT})
    _fill_bands(ws, res, 7, 2, _)


def _areas(ws: Worksheet, res: Results, _: Gettext) -> None:
    pillars = {p.key: p.name for p in res.framework.pillars}
    header = [_("Key area"), _("Key area name"), _("Pillar"), _("Answers")]
    header += [_("Mean"), _("Percent"), _("Band")]
    rows = [
        [a.area, _(a.name), _(pillars[a.pillar]), a.answers, *_score(a.score, _)] for a in res.areas
    ]
    _table(ws, header, rows, {5: MEAN, 6: PERCENT})
    _fill_bands(ws, res, 7, 2, _)


def _pillars(ws: Worksheet, res: Results, _: Gettext) -> None:
    header = [_("Pillar"), _("Key areas"), _("Answers"), _("Mean"), _("Percent"), _("Band")]
    rows = [
        [_(p.name), ", ".join(str(a) for a in p.areas), p.answers, *_score(p.score, _)]
        for p in res.pillars
    ]
    _table(ws, header, rows, {4: MEAN, 5: PERCENT})
    _fill_bands(ws, res, 6, 2, _)


def _profile(ws: Worksheet, res: Results, _: Gettext) -> None:
    p = res.profile
    rows: list[list[Value]] = []
    for title, shares in (
        (_("Gender"), p.gender),
        (_("Sector"), p.sector),
        (_("Region"), p.region),
    ):
        rows += [[title, s.label, s.count, float(s.percent)] for s in shares]
    age = [(_("Youngest"), p.age_min), (_("Oldest"), p.age_max), (_("Mean age"), p.age_mean)]
    rows += [[_("Age"), label, None if v is None else float(v), None] for label, v in age]
    rows.append([_("Respondents"), _("All"), p.n, 100.0])
    _table(ws, [_("Group"), _("Category"), _("Respondents"), _("Share (%)")], rows, {4: "0.0"})


def _meetings(wb: Any, inp: ReportInput, _: Gettext) -> None:
    header = [_("Date"), _("Format"), _("Title"), _("Participants"), _("By sector")]
    header.append(_("Goals discussed"))
    rows: list[list[Value]] = []
    suggestions: list[list[Value]] = []
    for m in inp.meetings:
        sectors = ", ".join(f"{_(s)} {n}" for s, n in m.participants)
        goals = ", ".join(str(g) for g in m.goals)
        rows.append([m.date.isoformat(), _(m.format.value), m.title, m.total, sectors, goals])
        for s in m.suggestions:
            row: list[Value] = [m.date.isoformat(), s.goal, s.text, _(s.decision.value), s.note]
            suggestions.append(row)
    _table(wb.create_sheet(_("Meetings")), header, rows)
    header = [_("Date"), _("Goal"), _("Suggestion"), _("Decision"), _("Note")]
    _table(wb.create_sheet(_("Suggestions")), header, suggestions)
