"""The "against earlier editions" part of the comparative data, in every format.

METHOD's report shows comparative data in percent "by goal, by area, by
pillar, and against earlier editions". analysis.compare computes the
changes and their intervals; this module words and rounds them once (as
context.py does for the rest) for the HTML/PDF template, the slides and the
workbook, and draws one chart: each goal's percent in every edition.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from scorecard.analysis import Change, Comparison, Pair, Results, Verdict
from scorecard.report import display, tables
from scorecard.report.i18n import Gettext, area_label, goal_label, translations
from scorecard.report.inputs import ReportInput
from scorecard.report.slides_deck import Deck, chart_picture
from scorecard.report.slides_kit import Box, fit, plain, table, write
from scorecard.report.text import formula_safe

if TYPE_CHECKING:
    from scorecard.report.charts import Chart
    from scorecard.report.drawing import Scene

EDITION_COLOURS = ("#8c96a0", "#1f5f8b", "#b35806", "#6a3d9a", "#2d7d46", "#8c2d04")


def signed(points: Fraction, digits: int = 1) -> str:
    """+3.0, −1.2 or 0.0: a change says its direction."""
    return display.signed(points, digits)


def number(change: Change) -> int:
    """The goal or key-area number of a change."""
    if not isinstance(change.key, int):
        raise TypeError(f"{change.key!r} is not a goal or key-area number")
    return change.key


def verdict_text(change: Change, _: Gettext) -> str:
    # The verdict's value is an English msgid ("higher", "too few answers to tell", ...).
    return _(change.verdict.value)


def interval(ci: tuple[float, float], _: Gettext) -> str:
    """[−16.8, +2.0]: the interval's ends in points, the same in every language."""
    return f"[{signed(Fraction(ci[0]))}, {signed(Fraction(ci[1]))}]"


def single_note(change: Change, _: Gettext) -> str:
    """Why a change may be "no clear change": it rests on cells only one respondent answered.

    Empty where it does not, or where there are too few answers to tell anyway.
    """
    if not change.rests_on_single_answers or change.verdict is Verdict.TOO_FEW:
        return ""
    goals = sorted({g for g, _a in (*change.single_before, *change.single_after)})
    return _(
        "Rests on cells only one respondent answered (%(goals)s); the interval gives them the "
        "widest spread the scale allows."
    ) % {"goals": ", ".join(_("SDG %(number)s") % {"number": g} for g in goals)}


def single_cells(cells: tuple[tuple[int, int], ...]) -> str:
    """4.1 4.2: the cells one respondent answered, goal.area, for the open data."""
    return " ".join(f"{g}.{a}" for g, a in cells)


def row(change: Change, label: str, _: Gettext, colour: str = "") -> dict[str, Any]:
    """One figure's change as display text."""

    def shown(percent: Fraction | None) -> str:
        return _("not rated") if percent is None else display.percent(percent)

    ci = change.ci95
    band = ""
    if change.band_changed and change.before.band and change.after.band:
        band = f"{_(change.before.band)} → {_(change.after.band)}"
    return {
        "label": label,
        "sdg_colour": colour,
        "before": shown(change.before.percent),
        "after": shown(change.after.percent),
        "n_before": change.n_before,
        "n_after": change.n_after,
        "change": "" if change.points is None else signed(change.points),
        "interval": "" if ci is None else interval(ci, _),
        "verdict": verdict_text(change, _),
        "verdict_key": change.verdict.name.lower(),
        "band": band,
        "single": single_note(change, _),
    }


def pair_context(pair: Pair, results: Results, _: Gettext) -> dict[str, Any]:
    fw = results.framework
    colours = {g.number: display.colour(g.colour) for g in fw.goals}
    goals = [row(c, goal_label(number(c), c.name, _), _, colours[number(c)]) for c in pair.goals]
    counts = {key: sum(r["verdict_key"] == key for r in goals) for key in ("higher", "lower")}
    told = sum(r["verdict_key"] != "too_few" for r in goals)
    summary = _(
        "Of %(told)s goals with enough answers on both sides, %(higher)s scored higher and "
        "%(lower)s lower than in %(before)s beyond the noise; the others show no clear change."
    ) % {"told": told, "before": pair.before, **counts}
    return {
        "title": _("%(before)s to %(after)s") % {"before": pair.before, "after": pair.after},
        "before": pair.before,
        "after": pair.after,
        "scale_note": ""
        if pair.same_scale
        else _("The two editions use different scales; they are compared through percent."),
        "summary": summary,
        "interval": _("%(level)s interval") % {"level": display.percent(95, 0)},
        "overall": row(pair.overall, _("Overall"), _),
        "goals": goals,
        "areas": [row(c, area_label(number(c), c.name, _), _) for c in pair.areas],
        "pillars": [row(c, _(c.name), _) for c in pair.pillars],
    }


def comparison_context(inp: ReportInput) -> dict[str, Any] | None:
    """What the template shows under "Against earlier editions"; None without a comparison."""
    comparison = inp.comparison
    if comparison is None:
        return None
    _ = translations(inp.language).gettext
    by_people = comparison.variance == "respondents"
    return {
        "labels": list(comparison.labels),
        "rule": _(
            "A change is the later percent minus the earlier one, in percentage points. It is "
            "called higher or lower only when its 95% interval excludes zero (Welch's interval "
            "for two independent means); with fewer than 5 answers on a side, or a side not "
            "rated, there are too few answers to tell."
        ),
        "variance": _(
            "For goal, key-area, pillar and overall scores the interval counts respondents as "
            "the independent units, since one respondent rates many cells."
        )
        if by_people
        else _(
            "For goal, key-area, pillar and overall scores the interval treats cells as "
            "independent; respondents who rate many cells alike make it too narrow."
        ),
        "single": _(
            "A change that rests on cells only one respondent answered takes for them the "
            "widest spread the scale allows: one person's score is not a measured mean."
        ),
        "chart": comparison_chart(comparison, inp.results, inp.language),
        "pairs": [pair_context(p, inp.results, _) for p in comparison.pairs],
    }


@lru_cache(maxsize=8)
def comparison_chart(comparison: Comparison, results: Results, language: str) -> Chart | None:
    """Each goal's percent in every edition: dots on a line per goal, one colour per edition."""
    from scorecard.report.chartkit import Dot, Key, Row, dot_chart
    from scorecard.report.charts import PAGE_WIDTH, chart, tick_label

    _ = translations(language).gettext
    last = comparison.pairs[-1]
    labels = list(comparison.labels)
    colours = {e: EDITION_COLOURS[i % len(EDITION_COLOURS)] for i, e in enumerate(labels)}
    series: dict[int, list[Dot]] = {number(c): [] for c in last.goals}
    for pair in comparison.pairs:
        for c in pair.goals:
            if c.before.percent is not None and number(c) in series:
                series[number(c)].append(Dot(float(c.before.percent), colours[pair.before]))
    for c in last.goals:
        if c.after.percent is not None:
            series[number(c)].append(Dot(float(c.after.percent), colours[last.after]))
    if not any(series.values()):
        return None
    sdg = {g.number: display.colour(g.colour) for g in results.framework.goals}
    rows = [Row(goal_label(number(c), c.name, _), sdg.get(number(c), "")) for c in last.goals]
    dots = [tuple(series[number(c)]) for c in last.goals]
    keys = [Key(e, colours[e]) for e in labels]
    ticks, key_title = tick_label(language), _("Edition")

    def layout(width: float, height: float | None, font: float) -> Scene:
        with display.speaking(language):
            return dot_chart(rows, dots, width, ticks, height, keys, key_title, font)

    moves = [c for c in last.goals if c.points is not None]
    summary = _("Percent by goal in each edition: %(editions)s.") % {"editions": ", ".join(labels)}
    if moves:
        up = max(moves, key=lambda c: c.points or 0)
        down = min(moves, key=lambda c: c.points or 0)
        summary += " " + _(
            "From %(before)s to %(after)s the largest rise is %(up)s (%(up_p)s points), the "
            "largest fall %(down)s (%(down_p)s points)."
        ) % {
            "before": last.before,
            "after": last.after,
            "up": goal_label(number(up), up.name, _),
            "up_p": signed(up.points or Fraction(0)),
            "down": goal_label(number(down), down.name, _),
            "down_p": signed(down.points or Fraction(0)),
        }
    title = _("Goals in each edition, percent")
    return chart("comparison", title, summary, layout, PAGE_WIDTH)


def comparison_slides(deck: Deck, inp: ReportInput, _: Gettext) -> None:
    """A chart slide, then per earlier edition a table of goal changes."""
    ctx = comparison_context(inp)
    if ctx is None:
        return
    # "Change" is a noun here; the web app's "Change" is a button (a verb).
    pgettext = translations(inp.language).pgettext
    heading = _("Comparative data in percent") + ": " + _("against earlier editions")
    if ctx["chart"] is not None:
        slide = deck.slide(heading)
        chart_picture(slide, ctx["chart"], Box(0.6, 1.3, 7.6, 5.6))
        notes = [plain(p["summary"]) for p in ctx["pairs"]] + [plain(ctx["rule"])]
        if any(r["single"] for p in ctx["pairs"] for r in [*p["goals"], p["overall"]]):
            notes.append(plain("† " + ctx["single"]))
        size, _pages = fit(notes, 4.3, 5.4, (14, 12, 11, 10, 9))
        write(slide, Box(8.5, 1.4, 4.3, 5.4), notes, size)
    for p in ctx["pairs"]:
        slide = deck.slide(_("Change by goal: %(title)s") % {"title": p["title"]})
        header = [_("Goal"), p["before"], p["after"], pgettext("column heading", "Change")]
        header += [p["interval"], _("Verdict")]
        rows = [header] + [
            [r["label"], r["before"], r["after"], r["change"], r["interval"], _dagger(r)]
            for r in [*p["goals"], p["overall"]]
        ]
        widths = (4.0, 1.2, 1.2, 1.0, 2.3, 2.4)
        height = min(5.7, 0.27 * len(rows))
        table(slide, Box(0.6, 1.3, sum(widths), height), rows, 9 if len(rows) > 14 else 11, widths)


def _dagger(r: dict[str, Any]) -> str:
    return f"{r['verdict']} †" if r["single"] else str(r["verdict"])


def comparison_sheet(wb: Any, inp: ReportInput, _: Gettext) -> None:
    """One row per figure and earlier edition, unrounded, beside the report's other sheets."""
    if inp.comparison is None:
        return
    header = [_("Earlier edition"), _("Current edition"), _("Figure"), _("Key"), _("Name")]
    header += [_("Earlier n"), _("Earlier percent"), _("Earlier band")]
    header += [_("Current n"), _("Current percent"), _("Current band")]
    header += [_("Change (percentage points)"), _("95% CI low"), _("95% CI high"), "df"]
    header.append(_("Verdict"))
    header += [
        _("Earlier cells one respondent answered"),
        _("Current cells one respondent answered"),
    ]
    rows: list[list[tables.Value]] = []
    for pair in inp.comparison.pairs:
        figures: list[tuple[str, Change]] = [(_("Overall"), pair.overall)]
        figures += [(_("Goal"), c) for c in pair.goals] + [(_("Key area"), c) for c in pair.areas]
        figures += [(_("Pillar"), c) for c in pair.pillars] + [(_("Cell"), c) for c in pair.cells]
        for kind, c in figures:
            key = c.key if not isinstance(c.key, tuple) else f"{c.key[0]}.{c.key[1]}"
            ci = c.ci95 or (None, None)
            rows.append(
                [
                    *(pair.before, pair.after, kind, key, _(c.name) if c.name else ""),
                    *(c.n_before, _pct(c.before.percent), _band(c.before.band, _)),
                    *(c.n_after, _pct(c.after.percent), _band(c.after.band, _)),
                    *(_pct(c.points), ci[0], ci[1], c.df, verdict_text(c, _)),
                    *(single_cells(c.single_before), single_cells(c.single_after)),
                ]
            )
    pct, mean = tables.PERCENT, tables.MEAN
    formats = {7: pct, 10: pct, 12: pct, 13: pct, 14: pct, 15: mean}
    tables.table(wb.create_sheet(_("Comparison")), header, rows, formats)


def _band(band: str | None, _: Gettext) -> str:
    return _(band) if band else ""  # gettext("") would return the catalogue's header


def _pct(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


CSV_HEADER = [
    *("before", "after", "figure", "goal", "area", "pillar"),
    *("n_before", "percent_before", "band_before", "n_after", "percent_after", "band_after"),
    *("points", "ci95_low", "ci95_high", "df", "verdict"),
    *("single_cells_before", "single_cells_after"),  # goal.area, space-separated
]


def render_comparison_csv(inp: ReportInput) -> bytes:
    """The changes as open data: unrounded, untranslated, one row per figure and pair."""
    if inp.comparison is None:
        raise ValueError("no comparison to write")

    def num(value: Fraction | float | None) -> str:
        return "" if value is None else repr(float(value))

    rows: list[list[str]] = []
    for pair in inp.comparison.pairs:
        figures: list[tuple[str, Change]] = [("overall", pair.overall)]
        figures += [("pillar", c) for c in pair.pillars] + [("goal", c) for c in pair.goals]
        figures += [("area", c) for c in pair.areas] + [("cell", c) for c in pair.cells]
        for kind, c in figures:
            key = c.key
            goal = key[0] if isinstance(key, tuple) else key if kind == "goal" else ""
            area = key[1] if isinstance(key, tuple) else key if kind == "area" else ""
            ci = c.ci95 or (None, None)
            row = [pair.before, pair.after, kind, str(goal), str(area)]
            row += [str(key) if kind == "pillar" else ""]
            row += [str(c.n_before), num(c.before.percent), c.before.band or ""]
            row += [str(c.n_after), num(c.after.percent), c.after.band or ""]
            row += [num(c.points), num(ci[0]), num(ci[1]), num(c.df), c.verdict.value]
            row += [single_cells(c.single_before), single_cells(c.single_after)]
            rows.append([formula_safe(v) for v in row])
    return tables.csv_bytes(CSV_HEADER, rows)
