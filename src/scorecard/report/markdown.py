"""Coordinators' Markdown as safe HTML for pages, and as plain blocks for slides.

One parser configuration for every format: markdown-it's "js-default" preset
(CommonMark plus tables and strikethrough) with raw HTML off, so a ``<script>``
in a narrative file is shown as text, never run; images are off too, since a
report fetches nothing from the network. markdown-it already refuses
``javascript:`` and ``data:`` links.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from scorecard.report.text import clean


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    return md


def to_html(text: str, heading_offset: int = 2) -> Markup:
    """HTML for ``text``; a ``#`` heading becomes ``h{1 + heading_offset}`` so it nests
    under the report section it appears in (WCAG: no skipped heading levels)."""
    tokens = parser().parse(clean(text))
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + heading_offset)}"
    html = parser().renderer.render(tokens, parser().options, {})
    return Markup(html)  # noqa: S704 - markdown-it escapes text; raw HTML is disabled


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """One paragraph, list item, heading or quote, as slides and workbooks lay it out."""

    runs: tuple[Run, ...]
    level: int = 0
    bullet: bool = False
    heading: bool = False
    quote: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def to_blocks(text: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    lists = quote = 0
    heading = False
    for token in parser().parse(clean(text)):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind in ("fence", "code_block"):
            blocks.append(Block((Run(token.content.rstrip("\n")),), max(0, lists - 1)))
        elif kind == "inline":
            runs = _runs(token.children or [])
            if runs:
                level = max(0, lists - 1)
                blocks.append(Block(runs, level, lists > 0, heading, quote > 0))
    return tuple(blocks)


def _runs(children: list[Token]) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = start = 0
    href = ""
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            start = len(runs)
        elif kind == "link_close":
            shown = "".join(r.text for r in runs[start:])
            if href and href != shown:
                runs.append(Run(f" ({href})", bool(bold), bool(italic)))
            href = ""
        elif kind in ("text", "code_inline"):
            runs.append(Run(child.content, bold > 0, italic > 0))
        elif kind == "softbreak":
            runs.append(Run(" "))
        elif kind == "hardbreak":
            runs.append(Run("\n"))
    return tuple(r for r in runs if r.text)


def unclosed_fence(text: str) -> int | None:
    """The 1-based line of a code fence that is never closed, else None.

    CommonMark lets such a fence run to the end of the file, which would turn
    every later section into code and hide it: a coordinator's typo to report.
    """
    lines = clean(text).split("\n")
    for token in parser().parse(clean(text)):
        if token.type == "fence" and token.map is not None:
            start, end = token.map
            last = lines[end - 1].strip() if end - 1 > start else ""
            if not last.startswith(token.markup):
                return start + 1
    return None
