"""The report's charts, drawn once per report and shared by every output format.

DESIGN: charts are drawn once per report and reused. ``draw_charts`` is
cached on the (immutable, hashable) Results and the language, so the HTML,
PDF and slide renderers of one report share the same drawing. Each chart is
a Scene (drawing.py) written as inline SVG for the page; a slide or the
published preview image lays the same chart out again for its own box
(``Chart.layout``) and paints it as PNG. Chart labels use the same rounding
as the tables (display.py), so the picture and the numbers never disagree.

Colours say one thing each: a goal is drawn in its official SDG colour
(from the framework), a cell in its progress band's colour only where the
band is the message (the heatmap, with a legend), a key area in its
pillar's colour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from markupsafe import Markup

from scorecard.analysis import Results
from scorecard.report import display
from scorecard.report.chartkit import Bar, Cell, Key, Row, bar_chart, grid_chart
from scorecard.report.drawing import Scene, to_png, to_svg
from scorecard.report.i18n import Gettext, area_label, goal_label, translations

NOT_RATED_COLOUR = "#eeeeee"
# Pillars have no colour in the framework; these keep 3:1 contrast on white (WCAG 1.4.11).
PILLAR_COLOURS = ("#1f5f8b", "#b35806", "#6a3d9a", "#2d7d46", "#8c2d04", "#4d4d4d")
PAGE_WIDTH = 640.0  # CSS px: a portrait A4 text column
WIDE_WIDTH = 960.0  # CSS px: the landscape scores page

Layout = Callable[[float, "float | None", float], Scene]
"""(width, height or None for the natural height, font size) -> the chart laid out."""


@dataclass(frozen=True)
class Chart:
    """One drawn chart: the SVG to inline, its text alternative, and how to lay it out again."""

    svg: Markup
    title: str
    summary: str
    scene: Scene
    layout: Layout = field(compare=False, repr=False)

    def png(self, width: float, height: float, font: float = 12, scale: float = 3) -> bytes:
        """The chart filling a ``width`` x ``height`` box, painted ``scale`` times as fine."""
        return to_png(self.layout(width, height, font), scale)


def chart(name: str, title: str, summary: str, layout: Layout, width: float) -> Chart:
    """The chart at its page size. ``name`` is kept for callers that label charts apart."""
    scene = layout(width, None, 11)
    return Chart(to_svg(scene, title, summary), title, summary, scene, layout)


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
    with display.speaking(language):
        return Charts(
            heatmap=_heatmap(results, _, language),
            goals=_goal_bars(results, _, language),
            areas=_area_bars(results, _, language),
            pillars=_pillar_bars(results, _, language),
        )


def tick_label(language: str) -> Callable[[int], str]:
    """Axis ticks as the language writes a whole percent, with a true minus."""
    return lambda value: display.percent(value, 0, language)


def _heatmap(results: Results, _: Gettext, language: str) -> Chart | None:
    fw = results.framework
    rated = [c for c in results.cells if c.score.percent is not None]
    if not rated:
        return None
    goals = {g.number: goal_label(g.number, g.name, _) for g in fw.goals}
    areas = {a.number: area_label(a.number, a.name, _) for a in fw.areas}
    band_colour = {b.name: display.colour(b.colour) for b in fw.bands}
    by_cell = {(c.goal, c.area): c.score for c in results.cells}
    rows = [Row(goals[g.number], display.colour(g.colour)) for g in fw.goals]
    grid = []
    for g in fw.goals:
        line = []
        for a in fw.areas:
            score = by_cell.get((g.number, a.number))
            if score is None or score.percent is None or score.band is None:
                line.append(Cell(NOT_RATED_COLOUR, ""))
            else:
                line.append(Cell(band_colour[score.band], display.percent(score.percent, 0)))
        grid.append(tuple(line))
    keys = band_keys(results, _, {c.score.band for c in rated})
    if len(rated) < len(results.cells):
        keys.append(Key(_("Not rated"), NOT_RATED_COLOUR))
    columns = list(areas.values())
    key_title = _("Progress band")

    def layout(width: float, height: float | None, font: float) -> Scene:
        with display.speaking(language):
            return grid_chart(rows, columns, grid, width, height, keys, key_title, font)

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
    return chart("heatmap", _("Percent by goal and key area"), summary, layout, WIDE_WIDTH)


def _goal_bars(results: Results, _: Gettext, language: str) -> Chart | None:
    """Goals in their own SDG colours: the ranking is the message, not the bands."""
    rated = [g for g in results.goals if g.score.percent is not None]
    if not rated:
        return None
    rated.sort(key=lambda g: (-(g.score.percent or 0), g.goal))
    colours = {g.number: display.colour(g.colour) for g in results.framework.goals}
    bars = [
        Bar(
            goal_label(g.goal, g.name, _),
            float(_known(g.score.percent)),
            display.percent(_known(g.score.percent)),
            colours.get(g.goal, "#999999"),
        )
        for g in rated
    ]
    first, last = bars[0], bars[-1]
    unrated = len(results.goals) - len(rated)
    summary = _(
        "Goals ranked by percent, highest first: %(first)s %(first_p)s, lowest %(last)s %(last_p)s."
    ) % {"first": first.label, "first_p": first.text, "last": last.label, "last_p": last.text}
    if unrated:
        summary += " " + _("Goals not rated: %(count)s.") % {"count": unrated}
    return chart("goals", _("Goals ranked by percent"), summary, _bars(bars, language), PAGE_WIDTH)


def _area_bars(results: Results, _: Gettext, language: str) -> Chart | None:
    rated = [a for a in results.areas if a.score.percent is not None]
    if not rated:
        return None
    pillars = [p.key for p in results.framework.pillars]
    names = {p.key: _(p.name) for p in results.framework.pillars}
    bars = [
        Bar(
            area_label(a.area, a.name, _),
            float(_known(a.score.percent)),
            display.percent(_known(a.score.percent)),
            pillar_colour(pillars.index(a.pillar)),
        )
        for a in rated
    ]
    used = dict.fromkeys(a.pillar for a in rated)
    keys = [Key(names[k], pillar_colour(pillars.index(k))) for k in used]
    summary = _("Key areas by percent, grouped by pillar: %(items)s.") % {
        "items": "; ".join(f"{b.label} {b.text}" for b in bars)
    }
    summary += " " + extremes(bars, _)
    layout = _bars(bars, language, keys, _("Pillar"))
    return chart("areas", _("Key areas by percent"), summary, layout, PAGE_WIDTH)


def _pillar_bars(results: Results, _: Gettext, language: str) -> Chart | None:
    rated = [p for p in results.pillars if p.score.percent is not None]
    if not rated:
        return None
    keys = [p.key for p in results.framework.pillars]
    bars = [
        Bar(
            _(p.name),
            float(_known(p.score.percent)),
            display.percent(_known(p.score.percent)),
            pillar_colour(keys.index(p.pillar)),
        )
        for p in rated
    ]
    summary = _("Pillars by percent: %(items)s.") % {
        "items": "; ".join(f"{b.label} {b.text}" for b in bars)
    }
    summary += " " + extremes(bars, _)
    return chart("pillars", _("Pillars by percent"), summary, _bars(bars, language), PAGE_WIDTH)


def _bars(bars: list[Bar], language: str, keys: list[Key] | None = None, title: str = "") -> Layout:
    ticks = tick_label(language)

    def layout(width: float, height: float | None, font: float) -> Scene:
        with display.speaking(language):
            return bar_chart(bars, width, ticks, height, keys or (), title, font)

    return layout


def extremes(bars: list[Bar], _: Gettext) -> str:
    """The one sentence a listener needs first: which is highest and which lowest."""
    high = max(bars, key=lambda b: b.value)
    low = min(bars, key=lambda b: b.value)
    return _("Highest: %(high)s, %(high_p)s; lowest: %(low)s, %(low_p)s.") % {
        "high": high.label,
        "high_p": high.text,
        "low": low.label,
        "low_p": low.text,
    }


def pillar_colour(index: int) -> str:
    return PILLAR_COLOURS[index % len(PILLAR_COLOURS)]


def _known(value: Fraction | None) -> Fraction:
    """A figure the caller has already filtered to rated ones."""
    if value is None:
        raise ValueError("an unrated figure reached a chart")
    return value


def band_keys(results: Results, _: Gettext, present: set[str | None]) -> list[Key]:
    """Only the bands that occur, highest first, in the framework's colours."""
    bands = sorted(
        (b for b in results.framework.bands if b.name in present),
        key=lambda b: b.minimum + b.maximum,
        reverse=True,
    )
    return [Key(_(b.name), display.colour(b.colour)) for b in bands]
