"""Framework and edition files from disk (method itself does no I/O)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from scorecard.method import Edition, Framework, FrameworkError, framework_from_text


def load_framework(path: Path) -> Framework:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise FrameworkError(f"{path}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise FrameworkError(f"{path}: not UTF-8 text") from exc
    return framework_from_text(text, str(path))


def load_edition(path: Path) -> Edition:
    """An edition.toml: title, country, year, organisation, synthetic, languages."""
    try:
        data = tomllib.loads(path.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FrameworkError(f"{path}: cannot read the edition file ({exc})") from exc
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        raise FrameworkError(f"{path}, field year: must be a whole number")
    return Edition(
        title=str(data.get("title", "People's Scorecard")),
        country=str(data.get("country", "")),
        year=year,
        organisation=str(data.get("organisation", "")),
        synthetic=bool(data.get("synthetic", False)),
        languages=tuple(str(x) for x in data.get("languages", ["en"])),
    )
