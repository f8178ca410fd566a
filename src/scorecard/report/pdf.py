"""The PDF report: the HTML report laid out for A4 print by WeasyPrint.

Same template as the HTML with ``for_print`` on (cover, table of contents with
page numbers from CSS ``target-counter``, page numbers in the footer), so the
PDF and the page never disagree. Charts stay vector: the inline SVG is drawn
by WeasyPrint itself.
"""

from __future__ import annotations

from typing import Any, NoReturn

from scorecard.report.html import report_document
from scorecard.report.inputs import ReportInput


class _NoFetching(ValueError):
    pass


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    """Everything the report shows is inline; a URL to fetch can only come from hostile text."""
    raise _NoFetching(f"the PDF report fetches nothing, refused {url[:80]!r}")


def html_to_pdf(document: str) -> bytes:
    """Any of our print documents as PDF, fetching nothing (every report, groups, network)."""
    from weasyprint import HTML  # deferred: WeasyPrint and Pango take ~0.5 s to load

    data = HTML(string=document, url_fetcher=_refuse).write_pdf()
    assert isinstance(data, bytes)
    return data


def render_pdf(inp: ReportInput) -> bytes:
    return html_to_pdf(report_document(inp, for_print=True))
