"""A chart as a handful of shapes, written out as SVG or painted as PNG.

The report draws five chart kinds; a chart engine (Vega through a JavaScript
runtime) cost a second and more of every cold start and 86 MB installed. A
scene of rectangles, lines, circles and text is enough for all five, and
one scene gives both outputs, so the slide picture, the preview image and
the page can never show different bars. Coordinates are CSS pixels.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from scorecard.report.fontmetrics import text_width

if TYPE_CHECKING:
    from PIL import ImageFont

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
INK = "#1a1a1a"
_FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str = ""
    stroke_width: float = 0.0


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 1.0


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str
    stroke: str = ""


@dataclass(frozen=True)
class Text:
    """One line of text; ``y`` is its baseline, ``anchor`` is start, middle or end."""

    x: float
    y: float
    text: str
    size: float
    fill: str = INK
    anchor: str = "start"
    bold: bool = False


Shape = Rect | Line | Circle | Text


@dataclass(frozen=True)
class Scene:
    width: float
    height: float
    shapes: tuple[Shape, ...]

    def fills(self) -> set[str]:
        """Every fill colour drawn, for tests and checks that read the picture back."""
        return {s.fill.lower() for s in self.shapes if isinstance(s, Rect | Circle)}


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to ``width``; a word longer than the width keeps a line of its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _n(value: float) -> str:
    """A coordinate with at most two decimals: shorter SVG, no float noise."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _svg_shape(s: Shape) -> str:
    if isinstance(s, Rect):
        stroke = f' stroke="{s.stroke}" stroke-width="{_n(s.stroke_width)}"' if s.stroke else ""
        return (
            f'<rect x="{_n(s.x)}" y="{_n(s.y)}" width="{_n(s.w)}" height="{_n(s.h)}" '
            f'fill="{s.fill}"{stroke}/>'
        )
    if isinstance(s, Line):
        return (
            f'<line x1="{_n(s.x1)}" y1="{_n(s.y1)}" x2="{_n(s.x2)}" y2="{_n(s.y2)}" '
            f'stroke="{s.colour}" stroke-width="{_n(s.width)}"/>'
        )
    if isinstance(s, Circle):
        stroke = f' stroke="{s.stroke}" stroke-width="0.75"' if s.stroke else ""
        return f'<circle cx="{_n(s.cx)}" cy="{_n(s.cy)}" r="{_n(s.r)}" fill="{s.fill}"{stroke}/>'
    anchor = "" if s.anchor == "start" else f' text-anchor="{s.anchor}"'
    weight = ' font-weight="bold"' if s.bold else ""
    return (
        f'<text x="{_n(s.x)}" y="{_n(s.y)}" font-size="{_n(s.size)}" fill="{s.fill}"'
        f"{anchor}{weight}>{escape(s.text)}</text>"
    )


def to_svg(scene: Scene, title: str, summary: str) -> Markup:
    """Standalone SVG that speaks as one image: a title and a one-sentence summary.

    No ids, links or fonts are referenced, so several charts share one page
    and the file opens anywhere without fetching anything.
    """
    w, h = _n(scene.width), _n(scene.height)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(summary)}" '
        f'class="chart-svg" focusable="false" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        f'font-family="{FONT}"><title>{escape(title)}</title>'
    )
    body = "".join(_svg_shape(s) for s in scene.shapes)
    return Markup(f"{head}{body}</svg>")  # noqa: S704 - every text and attribute escaped above


@cache
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    try:
        # Pillow looks the file name up in the system's font folders.
        return ImageFont.truetype(_FONT_FILES[bold], size)
    except OSError as exc:
        raise RuntimeError(
            f"the chart font {_FONT_FILES[bold]} is not installed: install DejaVu Sans "
            "(Debian/Ubuntu: apt-get install fonts-dejavu-core)"
        ) from exc


def to_png(scene: Scene, scale: float = 2.0) -> bytes:
    """The scene painted on white at ``scale`` pixels per CSS pixel, without a browser."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (math.ceil(scene.width * scale), math.ceil(scene.height * scale)))
    image.paste((255, 255, 255), (0, 0, *image.size))
    draw = ImageDraw.Draw(image)
    for s in scene.shapes:
        if isinstance(s, Rect):
            # A bar of a 0% (or negative) figure has no width: corners sorted, and at
            # least one pixel, as the SVG draws a hairline for it.
            x0, x1 = sorted((s.x * scale, (s.x + s.w) * scale))
            y0, y1 = sorted((s.y * scale, (s.y + s.h) * scale))
            box = (x0, y0, max(x0, x1 - 1), max(y0, y1 - 1))
            outline = s.stroke or None
            width = max(1, round(s.stroke_width * scale)) if s.stroke else 0
            draw.rectangle(box, fill=s.fill, outline=outline, width=width)
        elif isinstance(s, Line):
            points = (s.x1 * scale, s.y1 * scale, s.x2 * scale, s.y2 * scale)
            draw.line(points, fill=s.colour, width=max(1, round(s.width * scale)))
        elif isinstance(s, Circle):
            left, top = (s.cx - s.r) * scale, (s.cy - s.r) * scale
            right, bottom = (s.cx + s.r) * scale, (s.cy + s.r) * scale
            draw.ellipse((left, top, right, bottom), fill=s.fill, outline=s.stroke or None)
        else:
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[s.anchor]
            font = _font(max(1, round(s.size * scale)), s.bold)
            draw.text((s.x * scale, s.y * scale), s.text, fill=s.fill, font=font, anchor=anchor)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()
