"""The PDF report: the HTML report laid out for A4 print by WeasyPrint.

Same template as the HTML with ``for_print`` on (cover, table of contents with
page numbers from CSS ``target-counter``, page numbers in the footer), so the
PDF and the page never disagree. Charts stay vector: the inline SVG is drawn
by WeasyPrint itself.

Every PDF is tagged PDF/UA-1: the seed report faults public bodies whose sites
shut out blind and visually impaired citizens, so the coalition's own report
must read aloud. The language comes from ``<html lang>``, a chart's alternative
text from its SVG ``<title>``; ``pdf_tags`` adds what WeasyPrint leaves out.
"""

from __future__ import annotations

from typing import Any

from scorecard.report.html import report_document
from scorecard.report.inputs import ReportInput
from scorecard.report.pdf_tags import finish_tags

PDF_VARIANT = "pdf/ua-1"


class _NoFetching(ValueError):
    pass


def _refuse(url: str, *args: Any, **kwargs: Any) -> Any:
    """Everything the report shows is inline; a URL to fetch can only come from hostile text.

    Logos are inline too, as data URIs of images made safe by logos.py: those are decoded.
    """
    if url.startswith(("data:image/png;", "data:image/jpeg;", "data:image/svg+xml;")):
        from weasyprint.urls import URLFetcher

        return URLFetcher(allowed_protocols={"data"}).fetch(url)
    raise _NoFetching(f"the PDF report fetches nothing, refused {url[:80]!r}")


def html_to_pdf(document: str) -> bytes:
    """Any of our print documents as PDF, fetching nothing (every report, groups, network)."""
    from weasyprint import HTML  # deferred: WeasyPrint and Pango take ~0.5 s to load

    data = HTML(string=document, url_fetcher=_refuse).write_pdf(
        pdf_variant=PDF_VARIANT, finisher=finish_tags
    )
    assert isinstance(data, bytes)
    return data


def render_pdf(inp: ReportInput) -> bytes:
    return html_to_pdf(report_document(inp, for_print=True))
