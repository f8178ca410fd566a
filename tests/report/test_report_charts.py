"""Charts: drawn offline as accessible SVG, one per figure group, negatives included."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from PIL import Image
from pptx.util import Inches

from scorecard.analysis import MISSING, Answers, Respondents, Results, analyse
from scorecard.method import default_framework
from scorecard.report.chartkit import AXIS, BAR_STROKE
from scorecard.report.charts import PILLAR_COLOURS, Chart, draw_charts
from scorecard.report.drawing import Line, Rect, wrap
from scorecard.report.fontmetrics import text_width
from scorecard.report.slides_deck import chart_picture
from scorecard.report.slides_kit import Box

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
    assert f">{shown(cell, 0)}%</text>" in drawn.heatmap.svg  # a percent says so


def test_it_draws_reductions_to_the_left_of_zero() -> None:
    fw = default_framework().with_goals((1, 2))
    m = np.full((1, 2, 10), MISSING, np.int8)
    m[0, 0, :] = -3
    m[0, 1, :] = 2
    results = analyse(Answers.from_dense(fw, Respondents.build(["a"]), m))
    drawn = draw_charts(results)
    assert drawn.goals is not None
    assert drawn.heatmap is not None
    assert ">\u221260.0%</text>" in drawn.goals.svg
    assert ">\u221260%</text>" in drawn.goals.svg  # axis tick, with a true minus
    assert "Medium reduction" in drawn.heatmap.svg  # bands speak where bands are the message
    zero = next(s for s in drawn.goals.scene.shapes if isinstance(s, Line) and s.colour == AXIS)
    sdg1, sdg2 = bars(drawn.goals)  # ranked: SDG 2 (40%) first, SDG 1 (-60%) second
    assert sdg2.x + sdg2.w == pytest.approx(zero.x1)  # the reduction ends at zero
    assert sdg1.x == pytest.approx(zero.x1)
    assert sdg2.w == pytest.approx(sdg1.w * 60 / 40)


def bars(chart: Chart) -> list[Rect]:
    """The bars of a bar chart, top to bottom (the legend's swatches come after them)."""
    found = [s for s in chart.scene.shapes if isinstance(s, Rect) and s.stroke == BAR_STROKE]
    return [r for r in found if r.h > 11]


def hex_of(pixel: object) -> str:
    assert isinstance(pixel, tuple)
    return "#{:02x}{:02x}{:02x}".format(*pixel)


def svg_fills(svg: str, tag: str = "rect") -> list[str]:
    return [f.lower() for f in re.findall(rf'<{tag} [^>]*fill="(#[0-9a-fA-F]+)"', svg)]


def test_goal_bars_wear_the_frameworks_sdg_colours(results: Results) -> None:
    drawn = draw_charts(results)
    assert drawn.goals is not None
    colours = {g.number: g.colour.lower() for g in results.framework.goals}
    ranked = sorted(
        (g for g in results.goals if g.score.percent is not None),
        key=lambda g: (-(g.score.percent or 0), g.goal),
    )
    assert [b.fill.lower() for b in bars(drawn.goals)] == [colours[g.goal] for g in ranked]
    assert svg_fills(drawn.goals.svg) == [colours[g.goal] for g in ranked]  # read off the SVG
    band_colours = {b.colour.lower() for b in results.framework.bands}
    assert not band_colours & set(svg_fills(drawn.goals.svg))
    assert "Progress band" not in drawn.goals.svg  # no band legend where bands are not shown


def test_the_heatmap_labels_goals_in_sdg_colours_and_cells_in_band_colours(
    results: Results,
) -> None:
    drawn = draw_charts(results)
    assert drawn.heatmap is not None
    fills = svg_fills(drawn.heatmap.svg)
    for g in results.framework.goals:
        assert g.colour.lower() in fills
    cell = results.cell(5, 1)
    band = next(b for b in results.framework.bands if b.name == cell.score.band)
    assert band.colour.lower() in fills
    assert "Progress band" in drawn.heatmap.svg
    assert f">{cell.score.band}<" in drawn.heatmap.svg


def test_heatmap_cells_say_percent_and_area_labels_are_whole(results: Results) -> None:
    drawn = draw_charts(results)
    assert drawn.heatmap is not None
    cell = results.cell(3, 1).score.percent
    assert f">{shown(cell, 0)}%</text>" in drawn.heatmap.svg
    texts = " ".join(re.findall(r"<text [^>]*>([^<]*)</text>", drawn.heatmap.svg))
    for area in results.framework.areas:
        assert all(w in texts.split() for w in area.name.split())  # wrapped, never cut
    assert "\u2026" not in texts
    assert "..." not in texts


def test_every_chart_has_a_sentence_naming_highest_and_lowest(results: Results) -> None:
    drawn = draw_charts(results)
    assert drawn.areas is not None
    assert drawn.pillars is not None
    high = max(
        (a for a in results.areas if a.score.percent is not None),
        key=lambda a: a.score.percent or 0,
    )
    assert f"Highest: {high.area} {high.name}, {pct(high.score.percent)}" in drawn.areas.summary
    low = min(
        (p for p in results.pillars if p.score.percent is not None),
        key=lambda p: p.score.percent or 0,
    )
    assert f"lowest: {low.name}, {pct(low.score.percent)}" in drawn.pillars.summary
    for chart in charts_of(results):
        assert f'aria-label="{escape(chart.summary)}"' in chart.svg


def test_the_png_paints_each_bar_in_its_goal_colour(results: Results) -> None:
    drawn = draw_charts(results)
    assert drawn.goals is not None
    scale, width, height = 2.0, 700.0, 400.0
    image = Image.open(io.BytesIO(drawn.goals.png(width, height, 12, scale))).convert("RGB")
    assert image.size == (round(width * scale), round(height * scale))  # fills its box
    laid_out = drawn.goals.layout(width, height, 12)
    shown_bars = [s for s in laid_out.shapes if isinstance(s, Rect) and s.stroke == BAR_STROKE]
    assert shown_bars
    for bar in shown_bars:
        x, y = (bar.x + bar.w / 2) * scale, (bar.y + bar.h / 2) * scale
        assert hex_of(image.getpixel((int(x), int(y)))) == bar.fill.lower()
    colours = {g.colour.lower() for g in results.framework.goals}
    assert {b.fill.lower() for b in shown_bars} <= colours


def test_a_slide_chart_fills_its_box_and_carries_its_summary(results: Results) -> None:
    from pptx import Presentation

    drawn = draw_charts(results)
    assert drawn.pillars is not None
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = Box(8.2, 1.3, 4.8, 3.0)
    shape = chart_picture(slide, drawn.pillars, box)
    assert shape.width == pytest.approx(Inches(box.w), rel=0.005)  # whole pixels: near, not equal
    assert shape.height == pytest.approx(Inches(box.h), rel=0.005)
    assert shape._element.nvPicPr.cNvPr.get("descr") == drawn.pillars.summary
    image = Image.open(io.BytesIO(shape.image.blob)).convert("RGB")
    pixels = {hex_of(rgb) for _count, rgb in image.getcolors(1 << 24) or []}
    assert PILLAR_COLOURS[0] in pixels


@given(
    st.lists(st.text("abcdefghijklmnopqrstuvwxyzжқә", min_size=1, max_size=14), max_size=12),
    st.floats(min_value=20, max_value=300),
)
def test_wrap_keeps_every_word_in_order_within_the_width(words: list[str], width: float) -> None:
    lines = wrap(" ".join(words), width, 11)
    assert " ".join(lines).split() == words
    for line in lines:
        assert text_width(line, 11) <= width or len(line.split()) == 1


def test_text_width_follows_the_fonts_advances() -> None:
    # DejaVu Sans: "0" advances 1303/2048 em, "Ж" 2206/2048 em (read from the TTF's hmtx table).
    assert text_width("00", 2048) == 2 * 1303
    assert text_width("Ж", 2048) == 2206


@given(
    x=st.floats(0, 300),
    w=st.floats(-50, 50),
    h=st.floats(-20, 20),
    stroke=st.sampled_from(["", "#4d4d4d"]),
)
def test_a_bar_of_any_width_paints_even_zero_and_negative(
    x: float, w: float, h: float, stroke: str
) -> None:
    """A goal at exactly 0% (or a reduction) draws a bar of no width: the PNG still paints.

    Found by the anonymous-profile publishing test: a 0% key area stopped the whole deck.
    """
    from scorecard.report.drawing import Scene, to_png

    scene = Scene(400, 100, (Rect(x, 40, w, h, "#6a3d9a", stroke, 1.0 if stroke else 0.0),))
    image = Image.open(io.BytesIO(to_png(scene, scale=2.0)))
    assert image.size == (800, 200)
