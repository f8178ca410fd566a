"""A rendered output as bytes with its media type and file suffix.

Renderers write files (the CLI's natural unit); the web app answers with bytes and
the publishing job stores bytes. This is the one place that turns the first into
the second, so the media types live beside the renderers, not in a view.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

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

In = TypeVar("In")


@dataclass(frozen=True)
class Output:
    data: bytes
    media_type: str
    suffix: str


def suffix_of(fmt: str) -> str:
    return SUFFIXES.get(fmt, fmt)


def media_type_of(fmt: str) -> str:
    return MEDIA_TYPES.get(fmt, "application/octet-stream")


def render_output(renderer: Callable[[In, Path], None], inp: In, fmt: str) -> Output:
    """Run a path-writing renderer in a private temporary folder and keep its bytes."""
    suffix = suffix_of(fmt)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"out.{suffix}"
        renderer(inp, path)
        data = path.read_bytes()
    return Output(data, media_type_of(fmt), suffix)
