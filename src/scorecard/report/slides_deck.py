"""The deck every slide module draws on: the presentation, its stripe, title and footer.

slides.py (the report), comparison.py (against earlier editions) and
slides_meetings.py (validation meetings) all add slides to one ``Deck``;
it lives here, below all three, so none of them imports another's module.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from scorecard.report.i18n import Gettext
from scorecard.report.markdown import Block, Run
from scorecard.report.slides_kit import (
    ACCENT,
    HEIGHT_IN,
    MUTED,
    WIDTH_IN,
    Box,
    fit,
    plain,
    rect,
    write,
)

BODY = Box(0.6, 1.35, WIDTH_IN - 1.2, HEIGHT_IN - 2.05)


@lru_cache(maxsize=16)
def chart_png(spec: str) -> bytes:
    import vl_convert

    data = vl_convert.vegalite_to_png(spec, scale=2)
    assert isinstance(data, bytes)
    return data


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

    def stripe(self, slide: Any, height: float = 0.12) -> None:
        step = WIDTH_IN / max(1, len(self.colours))
        for i, colour in enumerate(self.colours):
            rect(slide, Box(i * step, 0, step + 0.01, height), colour)

    def slide(self, title: str) -> Any:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[6])
        self.stripe(slide)
        size, _ = fit([plain(title, heading=True)], BODY.w, 0.9, (28, 24, 20, 18))
        shape = write(
            slide, Box(0.6, 0.3, BODY.w, 0.95), [plain(title, heading=True)], size, ACCENT
        )
        shape.name = "Title"  # how tests and accessibility tools find the slide title
        number = len(self.prs.slides)
        foot = self.footer
        if self.ctx["edition"]["synthetic"]:
            warning = self._("Synthetic sample data — not real survey results")
            foot = f"{warning} · {foot}"
        write(slide, Box(0.6, HEIGHT_IN - 0.5, BODY.w - 0.8, 0.35), [plain(foot)], 9, MUTED)
        write(slide, Box(WIDTH_IN - 1.4, HEIGHT_IN - 0.5, 0.8, 0.35), [plain(str(number))], 9)
        return slide

    def text(self, title: str, blocks: Sequence[Block], box: Box = BODY) -> None:
        """One or more slides of text: continuation slides instead of overflow."""
        if not blocks:
            blocks = [placeholder(self._)]
        size, pages = fit(blocks, box.w, box.h)
        for i, page in enumerate(pages):
            heading = title if i == 0 else continued(title, self._)
            write(self.slide(heading), box, page, size)


def continued(title: str, _: Gettext) -> str:
    return _("%(title)s (continued)") % {"title": title}


def placeholder(_: Gettext) -> Block:
    return Block((Run(_("Section not written yet."), italic=True),))


def bullets(texts: Sequence[str]) -> list[Block]:
    return [Block((Run(t),), bullet=True) for t in texts if t]
