"""The network synthesis as a report: HTML, PDF, JSON and XLSX, like a national report.

A regional network reads one page across its national editions: each
country's overall score, a goals x countries heatmap of percent, the goals
that score lowest everywhere (by median) and how many countries are in each
band. Figures come from analysis.network.synthesise; words and rounding are
made here once, and the HTML and the PDF share one template.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from scorecard.analysis import Synthesis
from scorecard.analysis.network import NOT_RATED
from scorecard.report import display
from scorecard.report.html import environment
from scorecard.report.i18n import Gettext, area_label, goal_label, text_language, translations
from scorecard.report.pdf import html_to_pdf
from scorecard.report.tables import (
    PERCENT,
    Value,
    json_bytes,
    new_workbook,
    table,
    workbook_bytes,
)

if TYPE_CHECKING:
    from scorecard.report.charts import Chart
    from scorecard.report.drawing import Scene

TEMPLATE = "network.html.j2"


@dataclass(frozen=True)
class NetworkInput:
    synthesis: Synthesis
    language: str = "en"


def _percent(value: Fraction | None, _: Gettext) -> str:
    return _("not rated") if value is None else display.percent(value, 0)


def network_context(inp: NetworkInput) -> dict[str, Any]:
    s, _ = inp.synthesis, translations(inp.language).gettext
    fw, th = s.framework, s.framework.thresholds
    colours = {b.name: display.colour(b.colour) for b in fw.bands}
    n = len(s.countries)
    goals = {g.key: g for g in s.goals}
    return {
        "lang": text_language(inp.language),
        "synthetic": any(e.synthetic for e in s.editions),
        "title": _("Network synthesis: %(count)s national editions") % {"count": n},
        "countries": [
            {
                "label": label,
                "year": "" if e.year is None else str(e.year),
                "n": people,
                "percent": _percent(score.percent, _),
                "band": _(score.band) if score.band else "",
                "colour": colours.get(score.band or "", "#eeeeee"),
            }
            for label, e, people, score in zip(
                s.countries, s.editions, s.respondents, s.overall, strict=True
            )
        ],
        "respondents": sum(s.respondents),
        "method": _(
            "Percent is the common currency: each edition's own percent rule puts its scores "
            "on one scale. A goal's median is over the countries that rated it; key findings "
            "use the thresholds of %(framework)s (below %(low)s, above %(high)s)."
        )
        % {
            "framework": fw.name,
            "low": display.percent(Fraction(th.lowest_below), 0),
            "high": display.percent(Fraction(th.highest_above), 0),
        },
        "heatmap": network_heatmap(s, inp.language),
        "goals": [
            _row(g, goal_label(g.key, g.name, _), _, colours, _used_bands(s)) for g in s.goals
        ],
        "areas": [_row(a, area_label(a.key, a.name, _), _, colours, ()) for a in s.areas],
        "lowest": [
            {
                "label": goal_label(g.key, g.name, _),
                "sdg_colour": display.colour(goals[g.key].colour),
                "median": _percent(g.median, _),
                "range": _("%(low)s to %(high)s")
                % {"low": _percent(g.lowest, _), "high": _percent(g.highest, _)},
                "below": _("%(k)s of %(n)s") % {"k": g.below, "n": g.rated},
                "rated": g.rated,
            }
            for g in s.lowest_everywhere()
        ],
        "lowest_title": _("Goals ranked by median, lowest first; countries below %(low)s")
        % {"low": display.percent(Fraction(th.lowest_below), 0)},
        "bands": [band_names(s, _)[i] for i in _used_bands(s)],
    }


def band_names(s: Synthesis, _: Gettext) -> list[str]:
    """The column heads of the band counts: every band of the reference, then "not rated"."""
    names = [name for name, _count in s.goals[0].band_counts] if s.goals else []
    return [_("not rated") if name == NOT_RATED else _(name) for name in names]


def _used_bands(s: Synthesis) -> tuple[int, ...]:
    """Columns of the band counts that some goal uses: eleven mostly empty ones hide the rest."""
    if not s.goals:
        return ()
    width = len(s.goals[0].band_counts)
    return tuple(i for i in range(width) if any(g.band_counts[i][1] for g in s.goals))


def _row(
    row: Any, label: str, _: Gettext, colours: dict[str, str], bands: tuple[int, ...]
) -> dict[str, Any]:
    return {
        "label": label,
        "sdg_colour": display.colour(row.colour) if row.colour else "",
        "cells": [
            {"percent": _percent(p, _), "rated": p is not None, "colour": colours.get(b or "", "")}
            for p, b in zip(row.percents, row.bands, strict=True)
        ],
        "median": _percent(row.median, _),
        "below": row.below,
        "counts": [row.band_counts[i][1] for i in bands],
    }


@lru_cache(maxsize=4)
def network_heatmap(s: Synthesis, language: str) -> Chart | None:
    """Goals x countries in band colours (the band is the message), goals with their SDG colour."""
    from scorecard.report.chartkit import Cell, Key, Row, grid_chart
    from scorecard.report.charts import NOT_RATED_COLOUR, PAGE_WIDTH, chart

    _ = translations(language).gettext
    colours = {b.name: display.colour(b.colour) for b in s.framework.bands}
    sdg = {g.number: display.colour(g.colour) for g in s.framework.goals}
    rows, grid, present = [], [], set()
    with display.speaking(language):
        for g in s.goals:
            rows.append(Row(goal_label(g.key, g.name, _), sdg.get(g.key, "")))
            line = []
            for p, band in zip(g.percents, g.bands, strict=True):
                present.add(band)
                if p is None or band is None:
                    line.append(Cell(NOT_RATED_COLOUR, ""))
                else:
                    line.append(Cell(colours.get(band, NOT_RATED_COLOUR), display.percent(p, 0)))
            grid.append(tuple(line))
    if not any(c.text for line in grid for c in line):
        return None
    bands = sorted(s.framework.bands, key=lambda b: -(b.minimum + b.maximum))
    keys = [Key(_(b.name), display.colour(b.colour)) for b in bands if b.name in present]
    if None in present:
        keys.append(Key(_("Not rated"), NOT_RATED_COLOUR))
    columns, key_title = list(s.countries), _("Progress band")

    def layout(width: float, height: float | None, font: float) -> Scene:
        with display.speaking(language):
            return grid_chart(rows, columns, grid, width, height, keys, key_title, font)

    lowest = s.lowest_everywhere()
    summary = _("Percent by goal and country for %(countries)s.") % {
        "countries": ", ".join(s.countries)
    }
    if lowest:
        summary += " " + _("Lowest median: %(goal)s, %(median)s.") % {
            "goal": goal_label(lowest[0].key, lowest[0].name, _),
            "median": _percent(lowest[0].median, _),
        }
    return chart("network", _("Percent by goal and country"), summary, layout, PAGE_WIDTH)


def network_document(inp: NetworkInput, for_print: bool = False) -> str:
    context = network_context(inp)
    context["print"] = for_print
    return environment(inp.language).get_template(TEMPLATE).render(context)


def render_network_html(inp: NetworkInput) -> bytes:
    return network_document(inp).encode("utf-8")


def render_network_pdf(inp: NetworkInput) -> bytes:
    return html_to_pdf(network_document(inp, True))


def render_network_json(inp: NetworkInput) -> bytes:
    return json_bytes(inp.synthesis.to_json())


def render_network_xlsx(inp: NetworkInput) -> bytes:
    s, _ = inp.synthesis, translations(inp.language).gettext
    wb = new_workbook()
    rows: list[list[Value]] = [
        [c, e.year, n, _num(o.percent), _(o.band) if o.band else ""]
        for c, e, n, o in zip(s.countries, s.editions, s.respondents, s.overall, strict=True)
    ]
    header = [_("Country"), _("Year"), _("Respondents"), _("Overall percent"), _("Band")]
    table(wb.create_sheet(_("Countries")), header, rows, {4: PERCENT})
    for title, items, label in (
        (_("Goals"), s.goals, goal_label),
        (_("Areas"), s.areas, area_label),
    ):
        header = [_("Name"), *s.countries, _("Median"), _("Lowest"), _("Highest")]
        header += [_("Countries below"), _("Countries rated")]
        figures: list[list[Value]] = [
            [
                *(label(r.key, r.name, _), *(_num(p) for p in r.percents), _num(r.median)),
                *(_num(r.lowest), _num(r.highest), r.below, r.rated),
            ]
            for r in items
        ]
        formats = dict.fromkeys(range(2, len(s.countries) + 5), PERCENT)
        table(wb.create_sheet(title), header, figures, formats)
    header = [_("Goal"), *band_names(s, _)]
    bands: list[list[Value]] = [
        [goal_label(g.key, g.name, _), *(c for _n, c in g.band_counts)] for g in s.goals
    ]
    table(wb.create_sheet(_("Countries per band")), header, bands)
    return workbook_bytes(wb)


def _num(value: Fraction | None) -> float | None:
    return None if value is None else float(value)
