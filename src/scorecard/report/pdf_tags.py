"""What WeasyPrint's tagged PDF leaves out and PDF/UA-1 asks for, added before the file is written.

WeasyPrint tags the document from the HTML (headings, lists, tables, figures with
the SVG's ``<title>`` as /Alt), but a header cell gets no /Scope, so a checker
cannot tell a column header from a row header where no data cell points at it; link
annotations lack the Print flag, so print and screen differ; and every decorative
empty ``<span>`` (the colour swatches) becomes an empty structure element that a
screen reader announces as nothing. This runs as WeasyPrint's ``finisher``, on its
in-memory objects (pydyf), so nothing is parsed back. It also turns a figure's
bounding box into page coordinates: WeasyPrint writes it in CSS pixels from the top
of the page, which puts the heatmap beyond the page edge for a reflowing reader.
"""

from __future__ import annotations

from typing import Any

_PRINT = 4  # annotation flag bit 3: the annotation is printed like the page it sits on
_POINTS_PER_PIXEL = 0.75  # 72 PDF points per inch, 96 CSS pixels per inch


def finish_tags(document: Any, pdf: Any) -> None:
    """Scopes on header cells, figure boxes on the page, printable links, no empty spans.

    The HTML scope (``scope="row"`` in a body row, ``scope="col"`` in the head) is
    what the templates write; a header in a table head is a column header and any
    other is a row header, the reading a screen reader gives the HTML too.
    """
    del document  # the finisher protocol passes it; the PDF objects carry everything needed
    elements = {obj.reference: obj for obj in pdf.objects if _is_element(obj)}
    pages = {obj.reference: obj for obj in pdf.objects if _is_page(obj)}
    for element in elements.values():
        if element["S"] == "/TH":
            _scope(element, elements)
        elif element["S"] == "/Figure":
            _figure_box(element, pages)
    _drop_empty_spans(elements)
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Subtype") == "/Link":
            obj["F"] = obj.get("F", 0) | _PRINT


def _is_element(obj: Any) -> bool:
    return isinstance(obj, dict) and obj.get("Type") == "/StructElem"


def _is_page(obj: Any) -> bool:
    return isinstance(obj, dict) and obj.get("Type") == "/Page"


def _figure_box(figure: Any, pages: dict[bytes, Any]) -> None:
    """CSS pixels, y down from the page top, become PDF points, y up from the bottom."""
    attributes, page = figure.get("A"), pages.get(figure.get("Pg"))
    if attributes is None or "BBox" not in attributes or page is None:
        return
    x1, y1, x2, y2 = (float(v) * _POINTS_PER_PIXEL for v in attributes["BBox"])
    height = float(page["MediaBox"][3])
    attributes["BBox"][:] = [x1, height - y2, x2, height - y1]


def _scope(cell: Any, elements: dict[bytes, Any]) -> None:
    row = elements.get(cell["P"])
    group = elements.get(row["P"]) if row is not None else None
    in_head = group is not None and group["S"] == "/THead"
    attributes = cell.get("A")
    if attributes is None:
        attributes = cell["A"] = type(cell)({"O": "/Table"})  # a direct pydyf dictionary
    attributes["Scope"] = "/Column" if in_head else "/Row"


def _drop_empty_spans(elements: dict[bytes, Any]) -> None:
    """Remove spans with nothing inside (swatches) from their parents' kids.

    Only elements without marked content, kids or alternative text go, so no
    MCID in the parent tree loses its element.
    """
    empty = {
        ref
        for ref, e in elements.items()
        if e["S"] == "/Span" and not e.get("K") and "Alt" not in e and "ActualText" not in e
    }
    if not empty:
        return
    for element in elements.values():
        kids = element.get("K")
        if isinstance(kids, list) and any(_ref(k) in empty for k in kids):
            kids[:] = [k for k in kids if _ref(k) not in empty]


def _ref(kid: Any) -> bytes | None:
    return kid if isinstance(kid, bytes) else None
