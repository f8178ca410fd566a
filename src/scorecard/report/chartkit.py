"""The three chart layouts of the reports: bars, a coloured grid and dots on a line.

Layouts take words and figures already translated and formatted, and a
size, and return a Scene; they know nothing of goals or bands, so the
report, the comparison and the network synthesis share them. Given a
height, a layout spreads its rows over it (a chart fills its slide);
without one, rows get the pitch their labels need (a chart on a page).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from scorecard.report import display
from scorecard.report.drawing import INK, Circle, Line, Rect, Scene, Shape, Text, wrap
from scorecard.report.fontmetrics import text_width

GRID = "#d9d9d9"
AXIS = "#333333"
BAR_STROKE = "#4d4d4d"  # outlines pale fills (SDG 7's yellow) against the white page
CELL_STROKE = "#ffffff"
MIN_PITCH = 1.35  # of the font size: rows never closer than this, whatever the height asked


@dataclass(frozen=True)
class Key:
    """One legend entry."""

    name: str
    colour: str


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    colour: str


@dataclass(frozen=True)
class Cell:
    fill: str
    text: str


@dataclass(frozen=True)
class Dot:
    value: float
    colour: str


@dataclass(frozen=True)
class Row:
    """A row label, with the goal's colour as a swatch before it ("" for none)."""

    label: str
    swatch: str = ""


TickLabel = Callable[[int], str]


def axis_range(values: Sequence[float], step: int) -> tuple[int, int]:
    """From 0 (or below, for reductions) to the next multiple of ``step``, within -100..100."""
    low = min(0, max(-100, math.floor(min(values) / step) * step))
    high = max(step, min(100, math.ceil(max(values) / step) * step))
    return low, high


def legend(
    keys: Sequence[Key], title: str, width: float, top: float, font: float
) -> tuple[list[Shape], float]:
    """Swatches and names flowing in rows across ``width``; returns shapes and height."""
    if not keys:
        return [], 0.0
    line = font * 1.6
    shapes: list[Shape] = []
    x, y = 0.0, top + font
    if title:
        shapes.append(Text(0, y, title, font, bold=True))
        x = text_width(title, font, True) + font
    for key in keys:
        need = font * 1.4 + text_width(key.name, font) + font * 1.2
        if x > 0 and x + need > width:
            x, y = 0.0, y + line
        shapes.append(Rect(x, y - font * 0.85, font, font, key.colour, BAR_STROKE, 0.5))
        shapes.append(Text(x + font * 1.4, y, key.name, font))
        x += need
    return shapes, y - top + font * 0.6


def _row_labels(
    rows: Sequence[Row], width: float, font: float, top: float, pitch: float, lines: int = 2
) -> list[Shape]:
    """Labels wrapped into the lines their row has room for, vertically centred on it.

    A label that needs more lines than fit (a slide packs rows closer than
    a page) is set smaller rather than run into the next row.
    """
    shapes: list[Shape] = []
    swatch = font * 0.9 if any(r.swatch for r in rows) else 0.0
    room = max(1, min(lines, int(pitch // (font * 1.2))))
    avail = width - swatch * 1.6
    for i, row in enumerate(rows):
        size = font
        text = wrap(row.label, avail, size)
        while len(text) > room and size > font * 0.7:
            size -= 0.5
            text = wrap(row.label, avail, size)
        text = text[:room]
        middle = top + (i + 0.5) * pitch
        first = middle - (len(text) - 1) * size * 0.6 + size * 0.35
        if row.swatch:
            shapes.append(Rect(0, middle - swatch / 2, swatch, swatch, row.swatch))
        for k, part in enumerate(text):
            shapes.append(Text(swatch * 1.6, first + k * size * 1.2, part, size))
    return shapes


def _label_width(rows: Sequence[Row], width: float, font: float, share: float) -> float:
    swatch = font * 1.5 if any(r.swatch for r in rows) else 0.0
    widest = max(text_width(r.label, font) for r in rows) + swatch
    return min(widest, width * share) + 2


def _label_lines(rows: Sequence[Row], label_w: float, font: float) -> int:
    swatch = font * 1.5 if any(r.swatch for r in rows) else 0.0
    return min(2, max(len(wrap(r.label, label_w - swatch, font)) for r in rows))


def _axis(
    x: Callable[[float], float],
    ticks: range,
    top: float,
    bottom: float,
    font: float,
    tick_label: TickLabel,
) -> list[Shape]:
    shapes: list[Shape] = []
    for t in ticks:
        colour, width = (AXIS, 1.0) if t == 0 else (GRID, 0.75)
        shapes.append(Line(x(t), top, x(t), bottom, colour, width))
        shapes.append(Text(x(t), bottom + font * 1.2, tick_label(t), font, anchor="middle"))
    return shapes


def bar_chart(
    bars: Sequence[Bar],
    width: float,
    tick_label: TickLabel,
    height: float | None = None,
    keys: Sequence[Key] = (),
    key_title: str = "",
    font: float = 11,
) -> Scene:
    """Horizontal bars in the given order, the displayed value at each bar's end."""
    rows = [Row(b.label) for b in bars]
    label_w = _label_width(rows, width, font, 0.45)
    lines = _label_lines(rows, label_w, font)
    room = max(text_width(b.text, font) for b in bars) + font * 0.6
    low, high = axis_range([b.value for b in bars], 20)
    x0 = label_w + font * 0.8 + (room if low < 0 else 0)
    x1 = width - room - font * 0.5
    axis_h = font * 1.8
    key_shapes, key_h = legend(keys, key_title, width, 0, font)
    gap = font if keys else 0.0
    natural = max(font * 2.2, lines * font * 1.2 + font * 0.8)
    pitch = natural if height is None else (height - axis_h - key_h - gap) / len(bars)
    pitch = max(pitch, font * MIN_PITCH)
    bottom = pitch * len(bars)
    thick = min(pitch * 0.72, font * 2.6)

    def x(v: float) -> float:
        return x0 + (v - low) / (high - low) * (x1 - x0)

    shapes: list[Shape] = _axis(x, range(low, high + 1, 20), 0, bottom, font, tick_label)
    shapes += _row_labels(rows, label_w, font, 0, pitch, lines)
    for i, b in enumerate(bars):
        y = i * pitch + (pitch - thick) / 2
        left, right = sorted((x(0), x(b.value)))
        shapes.append(Rect(left, y, right - left, thick, b.colour, BAR_STROKE, 0.5))
        base = y + thick / 2 + font * 0.35
        if b.value >= 0:
            shapes.append(Text(right + font * 0.35, base, b.text, font))
        else:
            shapes.append(Text(left - font * 0.35, base, b.text, font, anchor="end"))
    shapes.append(Line(x(0), 0, x(0), bottom, AXIS, 1.0))  # zero drawn over the bars' ends
    top = bottom + axis_h + gap
    shapes += [_moved(s, top) for s in key_shapes]
    return Scene(width, top + key_h, tuple(shapes))


def grid_chart(
    rows: Sequence[Row],
    columns: Sequence[str],
    cells: Sequence[Sequence[Cell]],
    width: float,
    height: float | None = None,
    keys: Sequence[Key] = (),
    key_title: str = "",
    font: float = 11,
) -> Scene:
    """A row x column grid of coloured cells with their values, full column labels wrapped."""
    label_w = _label_width(rows, width, font, 0.3)
    lines = _label_lines(rows, label_w, font)
    x0 = label_w + font * 0.6
    col_w = (width - x0) / len(columns)
    longest = max(text_width(w, font - 1) for c in columns for w in c.split())
    head_font = max(7.0, min(font - 1, (font - 1) * (col_w - 6) / longest))
    heads = [wrap(c, col_w - 6, head_font) for c in columns]
    head_h = max(len(h) for h in heads) * head_font * 1.2 + font * 0.5
    key_shapes, key_h = legend(keys, key_title, width, 0, font)
    gap = font if keys else 0.0
    natural = max(font * 2, lines * font * 1.2 + font * 0.6)
    pitch = natural if height is None else (height - head_h - key_h - gap) / len(rows)
    pitch = max(pitch, font * MIN_PITCH)
    cell_font = min(font, pitch * 0.55, col_w * 0.3)
    shapes: list[Shape] = []
    for j, head in enumerate(heads):
        centre = x0 + (j + 0.5) * col_w
        for k, part in enumerate(head):
            y = head_h - font * 0.5 - (len(head) - 1 - k) * head_font * 1.2
            shapes.append(Text(centre, y, part, head_font, anchor="middle"))
    shapes += _row_labels(rows, label_w, font, head_h, pitch, lines)
    for i, row in enumerate(cells):
        for j, cell in enumerate(row):
            x, y = x0 + j * col_w, head_h + i * pitch
            shapes.append(Rect(x, y, col_w, pitch, cell.fill, CELL_STROKE, 1.0))
            if cell.text:
                ink = display.text_colour_on(cell.fill)
                base = y + pitch / 2 + cell_font * 0.35
                shapes.append(Text(x + col_w / 2, base, cell.text, cell_font, ink, "middle"))
    top = head_h + pitch * len(rows) + gap
    shapes += [_moved(s, top) for s in key_shapes]
    return Scene(width, top + key_h, tuple(shapes))


def dot_chart(
    rows: Sequence[Row],
    dots: Sequence[Sequence[Dot]],
    width: float,
    tick_label: TickLabel,
    height: float | None = None,
    keys: Sequence[Key] = (),
    key_title: str = "",
    font: float = 11,
) -> Scene:
    """Per row, dots on a grey line from the lowest to the highest (one colour per series)."""
    label_w = _label_width(rows, width, font, 0.4)
    lines = _label_lines(rows, label_w, font)
    values = [d.value for row in dots for d in row]
    low, high = axis_range(values, 10)
    x0, x1 = label_w + font, width - font
    axis_h = font * 1.8
    key_shapes, key_h = legend(keys, key_title, width, 0, font)
    gap = font if keys else 0.0
    natural = max(font * 2, lines * font * 1.2 + font * 0.6)
    pitch = natural if height is None else (height - axis_h - key_h - gap) / len(rows)
    pitch = max(pitch, font * MIN_PITCH)
    bottom = pitch * len(rows)

    def x(v: float) -> float:
        return x0 + (v - low) / (high - low) * (x1 - x0)

    shapes: list[Shape] = _axis(x, range(low, high + 1, 10), 0, bottom, font, tick_label)
    shapes += _row_labels(rows, label_w, font, 0, pitch, lines)
    radius = min(font * 0.5, pitch * 0.3)
    for i, row in enumerate(dots):
        y = (i + 0.5) * pitch
        if len(row) > 1:
            ends = [d.value for d in row]
            shapes.append(Line(x(min(ends)), y, x(max(ends)), y, "#999999", 2.0))
        shapes += [Circle(x(d.value), y, radius, d.colour, AXIS) for d in row]
    top = bottom + axis_h + gap
    shapes += [_moved(s, top) for s in key_shapes]
    return Scene(width, top + key_h, tuple(shapes))


def _moved(shape: Shape, dy: float) -> Shape:
    if isinstance(shape, Line):
        return replace(shape, y1=shape.y1 + dy, y2=shape.y2 + dy)
    if isinstance(shape, Circle):
        return replace(shape, cy=shape.cy + dy)
    return replace(shape, y=shape.y + dy)


__all__ = ["INK", "Bar", "Cell", "Dot", "Key", "Row", "bar_chart", "dot_chart", "grid_chart"]
