"""Charts: drawn offline as accessible SVG, one per figure group, negatives included."""

from __future__ import annotations

import re

import numpy as np

from scorecard.analysis import MISSING, Answers, Respondents, Results, analyse
from scorecard.method import default_framework
from scorecard.report.charts import Chart, draw_charts

from .expect import pct, shown


def charts_of(results: Results) -> list[Chart]:
    drawn = draw_charts(results)
    charts = [drawn.heatmap, drawn.goals, drawn.areas, drawn.pillars]
    assert all(c is not None for c in charts)
    return [c for c in charts if c is not None]


def test_it_draws_every_chart_as_an_accessible_image(results: Results) -> None:
    for chart in charts_of(results):
        root = re.match(r"<svg [^>]*>", chart.svg)
        assert root is not None
        assert 'role="img"' in root.group(0)
        assert f"<title>{chart.title}</title>" in chart.svg
        assert chart.summary
        assert "graphics-symbol" not in chart.svg  # one summary, not a label per mark


def test_it_refers_to_nothing_outside_the_svg(results: Results) -> None:
    for chart in charts_of(results):
        assert re.findall(r"(?:href|src)=\"(?!#)", chart.svg) == []
        assert re.findall(r"url\((?!#)", chart.svg) == []
        assert "@font-face" not in chart.svg


def test_it_prefixes_ids_so_charts_can_share_a_page(results: Results) -> None:
    ids = [i for c in charts_of(results) for i in re.findall(r'\bid="([^"]+)"', c.svg)]
    assert len(ids) == len(set(ids))


def test_it_labels_cells_and_bars_with_display_rounding(results: Results) -> None:
    drawn = draw_charts(results)
    assert drawn.goals is not None
    assert drawn.heatmap is not None
    sdg5 = results.goal(5).score.percent
    assert sdg5 is not None
    assert f">{pct(sdg5)}</text>" in drawn.goals.svg
    assert ">SDG 3 Good health and well-being</text>" in drawn.goals.svg
    assert "SDG 16" not in drawn.goals.svg  # nobody rated it: no bar
    cell = results.cell(5, 1).score.percent
    assert cell is not None
    assert f">{shown(cell, 0)}</text>" in drawn.heatmap.svg


def test_it_draws_reductions_to_the_left_of_zero() -> None:
    fw = default_framework().with_goals((1, 2))
    m = np.full((1, 2, 10), MISSING, np.int8)
    m[0, 0, :] = -3
    m[0, 1, :] = 2
    results = analyse(Answers.from_dense(fw, Respondents.build(["a"]), m))
    drawn = draw_charts(results)
    assert drawn.goals is not None
    assert ">\u221260.0%</text>" in drawn.goals.svg
    assert ">\u221260%</text>" in drawn.goals.svg  # axis tick, with a true minus
    assert "Medium reduction" in drawn.goals.svg
