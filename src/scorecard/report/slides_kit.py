"""Drawing helpers for the slide deck: a 16:9 layout of our own, and text that fits.

python-pptx's default template is 4:3 and changing ``slide_width`` does not
move its placeholders, so every slide starts blank and places its own boxes.
Text is fitted before it is written: ``fit`` estimates wrapped lines from an
average glyph width (conservative for Arial, DejaVu and Liberation Sans) and
picks the largest font size that fits; what does not fit at the smallest
size goes on a continuation slide instead of running off the slide.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scorecard.report.markdown import Block, Run
from scorecard.report.text import clean

WIDTH_IN, HEIGHT_IN = 12192000 / 914400, 7.5
FONT = "Arial"
INK, ACCENT, MUTED = "1A1A1A", "19486A", "555555"
GLYPH_EM = 0.56  # average advance of a glyph in em, with margin
LINE = 1.22
SIZES = (20, 18, 16, 14, 13, 12, 11)


@dataclass(frozen=True)
class TypeScale:
    """The deck's one set of sizes (points): every slide picks from these, not its own."""

    title: int = 40  # the title slide's title
    heading: int = 28  # slide titles
    lead: int = 20  # the title slide's facts, a slide's one key sentence
    body: int = 16
    small: int = 12  # tables
    note: int = 9  # footers, sources


TYPE = TypeScale()


def _capacity_lines(block: Block, width_in: float, size: float) -> int:
    indent = 0.3 * (block.level + (1 if block.bullet or block.quote else 0))
    chars = max(10, int((width_in - indent - 0.2) * 72 / (size * GLYPH_EM)))
    return sum(max(1, math.ceil(len(part) / chars)) for part in block.text.split("\n"))


def height_of(blocks: Sequence[Block], width_in: float, size: float) -> float:
    """Inches the blocks take at ``size`` points, with paragraph spacing."""
    lines = sum(_capacity_lines(b, width_in, size) for b in blocks)
    gaps = size * 0.45 * max(0, len(blocks) - 1)
    return (lines * size * LINE + gaps) / 72 + 0.15


def measured_height(blocks: Sequence[Block], width_in: float, size: float) -> float:
    """Inches the blocks take, wrapped word by word with DejaVu Sans's advance widths.

    Where a line too many runs into the next box (the title slide's stacked lines), the
    average glyph of ``height_of`` is too rough: bold Cyrillic runs wider. DejaVu Sans is
    wider than Arial and Liberation Sans, so what fits by this measure fits on screen.
    """
    from scorecard.report.drawing import wrap

    inner = (width_in - 0.1) * 72  # points inside the 0.05 in insets of ``write``
    lines = sum(
        len(wrap(part, inner, size, block.heading or any(r.bold for r in block.runs)))
        for block in blocks
        for part in block.text.split("\n")
    )
    gaps = size * 0.45 * max(0, len(blocks) - 1)
    return (lines * size * LINE + gaps) / 72 + 0.15


def fit(
    blocks: Sequence[Block], width_in: float, height_in: float, sizes: Sequence[int] = SIZES
) -> tuple[int, list[list[Block]]]:
    """The largest size at which ``blocks`` fit, or pages of blocks at the smallest size."""
    for size in sizes:
        if height_of(blocks, width_in, size) <= height_in:
            return size, [list(blocks)]
    size = sizes[-1]
    pages: list[list[Block]] = [[]]
    for block in _split_long(blocks, width_in, height_in, size):
        if pages[-1] and height_of([*pages[-1], block], width_in, size) > height_in:
            pages.append([])
        pages[-1].append(block)
    return size, pages


def _split_long(
    blocks: Sequence[Block], width_in: float, height_in: float, size: int
) -> list[Block]:
    """A paragraph taller than a whole box is cut at word boundaries into several."""
    out: list[Block] = []
    for block in blocks:
        if height_of([block], width_in, size) <= height_in:
            out.append(block)
            continue
        words, current = block.text.split(), ""
        for word in words:
            trial = f"{current} {word}".strip()
            probe = Block((Run(trial),), block.level, block.bullet, block.heading, block.quote)
            if current and height_of([probe], width_in, size) > height_in:
                out.append(Block((Run(current),), block.level, block.bullet, False, block.quote))
                current = word
            else:
                current = trial
        if current:
            out.append(Block((Run(current),), block.level, block.bullet, False, block.quote))
    return out


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


def rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    raw = hex_colour.lstrip("#")
    if len(raw) == 3:
        raw = "".join(c * 2 for c in raw)
    return RGBColor(int(raw[0:2], 16), int(raw[2:4], 16), int(raw[4:6], 16))  # type: ignore[no-untyped-call]


def rect(slide: Any, box: Box, fill: str, line: str | None = None) -> Any:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h)
    )
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(fill)
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = rgb(line)
        shape.line.width = Pt(1.5)
    shape.shadow.inherit = False
    return shape


def write(
    slide: Any,
    box: Box,
    blocks: Sequence[Block],
    size: float,
    colour: str = INK,
    align_centre: bool = False,
) -> Any:
    """A text box holding ``blocks`` at ``size`` points; bullets drawn as "•" text.

    Bullets are characters, not list formatting, so every program shows them alike.
    """
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_textbox(Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Inches(0.05))
    for i, block in enumerate(blocks):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(size * 0.45)
        para.line_spacing = 1.05
        if align_centre:
            para.alignment = PP_ALIGN.CENTER
        prefix = ("    " * block.level) + ("• " if block.bullet else "")
        runs = list(block.runs)
        if prefix:
            runs.insert(0, Run(prefix))
        if block.quote:
            runs = [Run("“"), *runs, Run("”")]
        for r in runs:
            run = para.add_run()
            run.text = clean(r.text)
            font = run.font
            font.name = FONT
            font.size = Pt(size)
            font.bold = r.bold or block.heading
            font.italic = r.italic or block.quote
            font.color.rgb = rgb(ACCENT if block.heading else colour)
    return shape


def plain(text: str, bold: bool = False, heading: bool = False) -> Block:
    return Block((Run(text, bold=bold),), heading=heading)


def table(
    slide: Any,
    box: Box,
    rows: Sequence[Sequence[str]],
    size: float,
    widths: Sequence[float] | None = None,
    fills: dict[tuple[int, int], str] | None = None,
) -> Any:
    """A table whose first row is the header; ``fills`` colours cells by (row, col)."""
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches, Pt

    from scorecard.report.display import text_colour_on

    n_rows, n_cols = len(rows), len(rows[0])
    shape = slide.shapes.add_table(
        n_rows, n_cols, Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h)
    )
    tbl = shape.table
    if widths:
        for i, w in enumerate(widths):
            tbl.columns[i].width = Inches(w)
    row_h = Inches(box.h / n_rows)
    for r, values in enumerate(rows):
        tbl.rows[r].height = row_h
        for c, value in enumerate(values):
            cell = tbl.cell(r, c)
            cell.margin_left = cell.margin_right = Inches(0.04)
            cell.margin_top = cell.margin_bottom = Inches(0.01)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE  # PowerPoint and LibreOffice alike
            fill = (fills or {}).get((r, c))
            if fill is None:
                fill = ACCENT if r == 0 else ("F4F6F8" if r % 2 else "FFFFFF")
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(fill)
            para = cell.text_frame.paragraphs[0]
            run = para.add_run()
            run.text = clean(value)
            run.font.name = FONT
            run.font.size = Pt(size)
            run.font.bold = r == 0
            run.font.color.rgb = rgb(text_colour_on("#" + fill.lstrip("#"))[1:])
    return shape


def goal_tile(slide: Any, box: Box, number: int, colour: str) -> Any:
    """A square in the goal's colour with its number, as the SDG icons show goals."""
    from scorecard.report.display import text_colour_on

    fill = "#" + colour.lstrip("#")
    rect(slide, box, fill[1:])
    ink = text_colour_on(fill)[1:]
    label = write(
        slide,
        Box(box.x, box.y + box.h * 0.18, box.w, box.h * 0.7),
        [plain(str(number), bold=True)],
        TYPE.title,
        ink,
        align_centre=True,
    )
    label.name = f"SDG {number}"
    return label


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (no imaging library needed)."""
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def picture(slide: Any, data: bytes, box: Box) -> Any:
    """The image scaled to fit ``box``, keeping its aspect ratio, centred."""
    import io

    from pptx.util import Inches

    w, h = png_size(data)
    scale = min(box.w / w, box.h / h)
    pw, ph = w * scale, h * scale
    x, y = box.x + (box.w - pw) / 2, box.y + (box.h - ph) / 2
    return slide.shapes.add_picture(io.BytesIO(data), Inches(x), Inches(y), Inches(pw), Inches(ph))
