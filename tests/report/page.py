"""Read a rendered page the way the tests need: headings, tables by caption, attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Table:
    caption: str = ""
    rows: list[list[str]] = field(default_factory=list)


class Page(HTMLParser):
    """Headings in order, every table's rows as cell texts, and every attribute seen."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.tables: list[Table] = []
        self.attributes: list[tuple[str, str, str]] = []
        self._heading: tuple[int, list[str]] | None = None
        self._table: Table | None = None
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self._heading = (int(tag[1]), [])
        elif tag == "table":
            self._table = Table()
            self.tables.append(self._table)
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self._table is not None:
            self._table.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if self._heading and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], _squash(self._heading[1])))
            self._heading = None
        elif tag == "caption" and self._table is not None and self._caption is not None:
            self._table.caption = _squash(self._caption)
            self._caption = None
        elif tag in ("td", "th") and self._table is not None and self._cell is not None:
            self._table.rows[-1].append(_squash(self._cell))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        for sink in (self._cell, self._caption, self._heading[1] if self._heading else None):
            if sink is not None:
                sink.append(data)

    def table(self, caption: str) -> Table:
        return next(t for t in self.tables if t.caption.startswith(caption))

    def row(self, caption: str, first_cell: str) -> list[str]:
        return next(r for r in self.table(caption).rows if r and r[0] == first_cell)


def _squash(parts: list[str]) -> str:
    return " ".join("".join(parts).split())
