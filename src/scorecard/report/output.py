"""A rendered output as bytes with its media type and file suffix.

Every renderer returns bytes (registry.py); the CLI writes them to a file, the web
app answers with them and the publishing job stores them. The media types live
here, beside the renderers, not in a view.
"""

from __future__ import annotations

from dataclasses import dataclass

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "datadict": "text/markdown; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "svg": "image/svg+xml",
    "png": "image/png",
}
SUFFIXES = {"datadict": "md"}


@dataclass(frozen=True)
class Output:
    data: bytes
    media_type: str
    suffix: str


def suffix_of(fmt: str) -> str:
    return SUFFIXES.get(fmt, fmt)


def media_type_of(fmt: str) -> str:
    return MEDIA_TYPES.get(fmt, "application/octet-stream")
