"""The report's charts, drawn once per report and shared by every output format.

DESIGN: charts are drawn once per report and reused. ``draw_charts`` is
cached on the (immutable, hashable) Results and the language, so the HTML,
PDF and slide renderers of one report share the same SVGs, and a renderer
that needs a bitmap converts ``Chart.spec`` with ``vl_convert.vegalite_to_png``
instead of drawing again. Chart labels use the same rounding as the tables
(display.py), so the picture and the numbers never disagree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import altair as alt
import vl_convert
from markupsafe import Markup, escape

from scorecard.analysis import Results
from scorecard.report import display
from scorecard.report.i18n import Gettext, area_label, goal_label, translations

NOT_RATED_COLOUR = "#eeeeee"
# Pillars have no colour in the framework; these keep 3:1 contrast on white (WCAG 1.4.11).
PILLAR_COLOURS = ("#1f5f8b", "#b35806", "#6a3d9a", "#2d7d46", "#8c2d04", "#4d4d4d")
BAR_STROKE = "#4d4d4d"  # outlines the pale band colours against the white page
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


@dataclass(frozen=True)
class Chart:
    """One drawn chart: the SVG to inline, the spec it came from and its text alternative."""

    spec: str
    svg: Markup
    title: str
    summary: str


@dataclass(frozen=True)
class Charts:
    """Every chart of a report; None where there is nothing to draw (no scores)."""

    heatmap: Chart | None
    goals: Chart | None
    areas: Chart | None
    pillars: Chart | None


@lru_cache(maxsize=8)
def draw_charts(results: Results, language: str = "en") -> Charts:
    _ = translations(language).gettext
    return Charts(
        heatmap=_heatmap(results, _),
        goals=_goal_bars(results, _),
        areas=_area_bars(results, _),
        pillars=_pillar_bars(results, _),
    )


def _heatmap(results: Results, _: Gettext) -> Chart | None:
    fw = results.framework
    rated = [c for c in results.cells if c.score.percent is not None]
    if not rated:
        return None
    goals = {g.number: goal_label(g.number, g.name, _) for g in fw.goals}
    areas = {a.number: area_label(a.number, a.name, _) for a in fw.areas}
    colours = {b.name: display.colour(b.colour) for b in fw.bands}
    not_rated = _("Not rated")
    rows = []
    for cell in results.cells:
        p, band = cell.score.percent, cell.score.band
        fill = NOT_RATED_COLOUR if band is None else colours[band]
        rows.append(
            {
                "goal": goals[cell.goal],
                "area": areas[cell.area],
                "band": not_rated if band is None else _(band),
                "label": "" if p is None else display.number(p, 0),
                "ink": display.text_colour_on(fill),
            }
        )
    domain, palette = _band_scale(results, _, {c.score.band for c in rated})
    if len(rated) < len(results.cells):
        domain.append(not_rated)
        palette.append(NOT_RATED_COLOUR)
    base = alt.Chart(alt.InlineData(values=rows)).encode(
        x=alt.X(
            "area:N",
            sort=list(areas.values()),
            axis=alt.Axis(title=None, orient="top", labelAngle=-35, labelLimit=190),
        ),
        y=alt.Y("goal:N", sort=list(goals.values()), axis=alt.Axis(title=None, labelLimit=340)),
    )
    chart = (
        base.mark_rect(stroke="#ffffff", strokeWidth=1).encode(
            color=alt.Color(
                "band:N",
                scale=alt.Scale(domain=domain, range=palette),
                legend=alt.Legend(
                    title=_("Progress band"), orient="bottom", columns=3, labelLimit=280
                ),
            )
        )
        + base.mark_text(fontSize=11).encode(
            text="label:N", color=alt.Color("ink:N", scale=None, legend=None)
        )
    ).properties(width=50 * len(areas), height=24 * len(goals))
    best = max(rated, key=lambda c: c.score.percent or 0)
    worst = min(rated, key=lambda c: c.score.percent or 0)
    summary = _(
        "Heatmap of percent by goal and key area: %(rated)s of %(cells)s cells rated. "
        "Highest %(high)s (%(high_goal)s, key area %(high_area)s), "
        "lowest %(low)s (%(low_goal)s, key area %(low_area)s). "
        "The tables in this section give every value."
    ) % {
        "rated": len(rated),
        "cells": len(results.cells),
        "high": display.percent(_known(best.score.percent), 0),
        "high_goal": goals[best.goal],
        "high_area": areas[best.area],
        "low": display.percent(_known(worst.score.percent), 0),
        "low_goal": goals[worst.goal],
        "low_area": areas[worst.area],
    }
    return finish(chart, "heatmap", _("Percent by goal and key area"), summary)


def _goal_bars(results: Results, _: Gettext) -> Chart | None:
    rated = [g for g in results.goals if g.score.percent is not None]
    if not rated:
        return None
    rated.sort(key=lambda g: (-(g.score.percent or 0), g.goal))
    rows = [
        {
            "label": goal_label(g.goal, g.name, _),
            "percent": float(_known(g.score.percent)),
            "text": display.percent(_known(g.score.percent)),
            "colour": _(g.score.band) if g.score.band else "",
        }
        for g in rated
    ]
    domain, palette = _band_scale(results, _, {g.score.band for g in rated})
    legend = alt.Legend(title=_("Progress band"), orient="bottom", columns=3, labelLimit=280)
    chart = _bars(rows, alt.Scale(domain=domain, range=palette), legend)
    first, last = rows[0], rows[-1]
    unrated = len(results.goals) - len(rated)
    summary = _(
        "Goals ranked by percent, highest first: %(first)s %(first_p)s, lowest %(last)s %(last_p)s."
    ) % {
        "first": first["label"],
        "first_p": first["text"],
        "last": last["label"],
        "last_p": last["text"],
    }
    if unrated:
        summary += " " + _("Goals not rated: %(count)s.") % {"count": unrated}
    return finish(chart, "goals", _("Goals ranked by percent"), summary)


def _area_bars(results: Results, _: Gettext) -> Chart | None:
    rated = [a for a in results.areas if a.score.percent is not None]
    if not rated:
        return None
    pillars = {p.key: _(p.name) for p in results.framework.pillars}
    rows = [
        {
            "label": area_label(a.area, a.name, _),
            "percent": float(_known(a.score.percent)),
            "text": display.percent(_known(a.score.percent)),
            "colour": pillars[a.pillar],
        }
        for a in rated
    ]
    legend = alt.Legend(title=_("Pillar"), orient="bottom", columns=3, labelLimit=280)
    chart = _bars(rows, _pillar_scale(list(pillars.values())), legend)
    summary = _("Key areas by percent, grouped by pillar: %(items)s.") % {
        "items": "; ".join(f"{r['label']} {r['text']}" for r in rows)
    }
    return finish(chart, "areas", _("Key areas by percent"), summary)


def _pillar_bars(results: Results, _: Gettext) -> Chart | None:
    rated = [p for p in results.pillars if p.score.percent is not None]
    if not rated:
        return None
    names = [_(p.name) for p in results.framework.pillars]
    rows = [
        {
            "label": _(p.name),
            "percent": float(_known(p.score.percent)),
            "text": display.percent(_known(p.score.percent)),
            "colour": _(p.name),
        }
        for p in rated
    ]
    chart = _bars(rows, _pillar_scale(names), None)
    summary = _("Pillars by percent: %(items)s.") % {
        "items": "; ".join(f"{r['label']} {r['text']}" for r in rows)
    }
    return finish(chart, "pillars", _("Pillars by percent"), summary)


def _known(value: Fraction | None) -> Fraction:
    """A figure the caller has already filtered to rated ones."""
    if value is None:
        raise ValueError("an unrated figure reached a chart")
    return value


def _band_scale(
    results: Results, _: Gettext, present: set[str | None]
) -> tuple[list[str], list[str]]:
    """Only the bands that occur, highest first, in the framework's colours."""
    bands = sorted(
        (b for b in results.framework.bands if b.name in present),
        key=lambda b: b.minimum + b.maximum,
        reverse=True,
    )
    return [_(b.name) for b in bands], [display.colour(b.colour) for b in bands]


def _pillar_scale(names: list[str]) -> alt.Scale:
    colours = [PILLAR_COLOURS[i % len(PILLAR_COLOURS)] for i in range(len(names))]
    return alt.Scale(domain=names, range=colours)


def _bars(rows: list[dict[str, Any]], scale: alt.Scale, legend: alt.Legend | None) -> alt.Chart:
    """Horizontal bars in row order with the rounded percent printed at each bar's end."""
    values = [r["percent"] for r in rows]
    low = min(0, math.floor(min(values) / 20) * 20)
    high = max(20, min(100, math.ceil(max(values) / 20) * 20))
    order = [r["label"] for r in rows]
    base = alt.Chart(alt.InlineData(values=rows)).encode(
        y=alt.Y("label:N", sort=order, axis=alt.Axis(title=None, labelLimit=340)),
        x=alt.X(
            "percent:Q",
            scale=alt.Scale(domain=[low, high], nice=False),
            axis=alt.Axis(
                title=None,
                values=list(range(low, high + 1, 20)),
                labelExpr="replace(format(datum.value, 'd'), '-', '\u2212') + '%'",
            ),
        ),
    )
    colour = alt.Color("colour:N", scale=scale, legend=legend)
    bars = base.mark_bar(stroke=BAR_STROKE, strokeWidth=0.5, height=16).encode(color=colour)
    ahead = base.transform_filter("datum.percent >= 0").mark_text(align="left", dx=4)
    behind = base.transform_filter("datum.percent < 0").mark_text(align="right", dx=-4)
    zero = alt.Chart(alt.InlineData(values=[{"x": 0}])).mark_rule(color="#333333").encode(x="x:Q")
    text = {"text": alt.Text("text:N"), "color": alt.value("#1a1a1a")}
    layered = bars + ahead.encode(**text) + behind.encode(**text) + zero
    return layered.properties(width=360, height=24 * len(rows))  # type: ignore[no-any-return]


_ATTRIBUTE = re.compile(r'\s(?:role|aria-roledescription|aria-label|aria-hidden)="[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')


def finish(chart: alt.TopLevelMixin, name: str, title: str, summary: str) -> Chart:
    """SVG that can sit beside others in one HTML page and speaks as one image.

    Vega labels each mark for screen readers; one summary on a role="img"
    root serves better, so the per-mark ARIA goes. Ids are prefixed because
    several inline SVGs share one document and Vega numbers its clip paths
    and gradients from zero in each.
    """
    spec = (
        chart.configure(font=FONT, aria=False)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=11, labelColor="#1a1a1a")
        .configure_legend(labelFontSize=11, titleFontSize=11, labelColor="#1a1a1a")
        .to_json()
    )
    svg = vl_convert.vegalite_to_svg(spec)
    svg = _ATTRIBUTE.sub("", svg)
    for old in set(_ID.findall(svg)):
        new = f"{name}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"#{old})", f"#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    head = f'<svg role="img" aria-label="{escape(summary)}" class="chart-svg" focusable="false" '
    svg = svg.replace("<svg ", head, 1)
    svg = svg.replace(">", f"><title>{escape(title)}</title>", 1)
    return Chart(spec=spec, svg=Markup(svg), title=title, summary=summary)  # noqa: S704
