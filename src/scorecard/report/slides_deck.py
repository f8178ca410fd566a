"""The deck every slide module draws on: the presentation, its stripe, title and footer.

slides.py (the report), comparison.py (against earlier editions) and
slides_meetings.py (validation meetings) all add slides to one ``Deck``;
it lives here, below all three, so none of them imports another's module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from scorecard.report.i18n import Gettext
from scorecard.report.markdown import Block, Run
from scorecard.report.slides_identity import stripe_master
from scorecard.report.slides_kit import (
    ACCENT,
    HEIGHT_IN,
    MUTED,
    TYPE,
    WIDTH_IN,
    Box,
    fit,
    picture,
    plain,
    rect,
    write,
)

if TYPE_CHECKING:
    from scorecard.report.charts import Chart

BODY = Box(0.6, 1.35, WIDTH_IN - 1.2, HEIGHT_IN - 2.05)


SLIDE_PX = 72  # chart pixels per slide inch: a 12 px label reads as 12 pt on the slide


def chart_png(chart: Chart, box: Box, font: float = 12) -> bytes:
    """The chart laid out for ``box`` (it fills the box, not a corner of it), as PNG."""
    return chart.png(box.w * SLIDE_PX, box.h * SLIDE_PX, font)


def chart_picture(slide: Any, chart: Chart, box: Box) -> Any:
    """The chart as a picture filling ``box``, its summary as the picture's alt text."""
    shape = picture(slide, chart_png(chart, box), box)
    shape._element.nvPicPr.cNvPr.set("descr", chart.summary)
    shape.name = chart.title
    return shape


class Deck:
    """A presentation plus what every slide repeats: SDG stripe, title, footer."""

    def __init__(self, ctx: dict[str, Any], _: Gettext, language: str) -> None:
        from pptx import Presentation
        from pptx.util import Emu

        self.prs = Presentation()
        # Exactly PowerPoint's 16:9 "widescreen" (33.867 x 19.05 cm), not a rounded inch value.
        self.prs.slide_width, self.prs.slide_height = Emu(12192000), Emu(6858000)
        self.ctx, self._, self.language = ctx, _, language
        self.colours = [r["sdg_colour"] for r in ctx["scores"]["rows"]]
        edition = ctx["edition"]
        parts = [edition["title"], edition["country"], edition["year"]]
        self.footer = " · ".join(p for p in parts if p)
        stripe_master(self.prs, self.colours)  # every slide's band, drawn once

    def stripe(self, slide: Any, height: float = 0.12) -> None:
        step = WIDTH_IN / max(1, len(self.colours))
        for i, colour in enumerate(self.colours):
            rect(slide, Box(i * step, 0, step + 0.01, height), colour)

    def slide(self, title: str) -> Any:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[6])
        size, _ = fit([plain(title, heading=True)], BODY.w, 0.9, (TYPE.heading, 24, 20, 18))
        shape = write(
            slide, Box(0.6, 0.3, BODY.w, 0.95), [plain(title, heading=True)], size, ACCENT
        )
        shape.name = "Title"  # how tests and accessibility tools find the slide title
        number = len(self.prs.slides)
        foot = self.footer
        if self.ctx["edition"]["synthetic"]:
            warning = self._("Synthetic sample data — not real survey results")
            foot = f"{warning} · {foot}"
        write(slide, Box(0.6, HEIGHT_IN - 0.5, BODY.w - 0.8, 0.35), [plain(foot)], TYPE.note, MUTED)
        page = [plain(str(number))]
        write(slide, Box(WIDTH_IN - 1.4, HEIGHT_IN - 0.5, 0.8, 0.35), page, TYPE.note)
        return slide

    def text(self, title: str, blocks: Sequence[Block], box: Box = BODY) -> list[Any]:
        """One or more slides of text: continuation slides instead of overflow."""
        if not blocks:
            blocks = [placeholder(self._)]
        size, pages = fit(blocks, box.w, box.h)
        made = []
        for i, page in enumerate(pages):
            heading = title if i == 0 else continued(title, self._)
            made.append(self.slide(heading))
            write(made[-1], box, page, size)
        return made


def continued(title: str, _: Gettext) -> str:
    return _("%(title)s (continued)") % {"title": title}


def placeholder(_: Gettext) -> Block:
    return Block((Run(_("Section not written yet."), italic=True),))


def bullets(texts: Sequence[str]) -> list[Block]:
    return [Block((Run(t),), bullet=True) for t in texts if t]
