"""What each report format is, in words a coordinator reads, not a file extension.

"DATADICT" or "PPTX" on a button says nothing to someone who has never met the
word (issue 14); the label says what the file is and, in brackets, what opens it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FORMAT_LABELS: dict[str, Promise] = {
    "html": _("Web page"),
    "pdf": _("Printable document (PDF)"),
    "pptx": _("Slides (PowerPoint)"),
    "xlsx": _("Workbook (Excel)"),
    "csv": _("Open data table (CSV)"),
    "json": _("Open data for programs (JSON)"),
    "datadict": _("Description of the open data"),
}


def format_labels(formats: Iterable[str]) -> list[tuple[str, str]]:
    """(format, label) in the given order; a format added later shows its name until labelled."""
    return [(fmt, str(FORMAT_LABELS.get(fmt, fmt.upper()))) for fmt in formats]
