"""Framework and edition files from disk (method itself does no I/O)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

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
    """An edition.toml: title, country, year, organisation, synthetic, languages.

    Title, country and organisation may be given per language (docs/report.md).
    """
    try:
        data = tomllib.loads(path.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FrameworkError(f"{path}: cannot read the edition file ({exc})") from exc
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        raise FrameworkError(f"{path}, field year: must be a whole number")
    languages = tuple(str(x) for x in data.get("languages", ["en"]))
    texts: list[tuple[str, str, str]] = []
    plain: dict[str, Any] = {
        name: _texts(data, name, default, languages, path, texts)
        for name, default in (
            ("title", "People's Scorecard"),
            ("country", ""),
            ("organisation", ""),
        )
    }
    return Edition(
        **plain,
        year=year,
        synthetic=bool(data.get("synthetic", False)),
        languages=languages,
        texts=tuple(texts),
    )


def _texts(
    data: dict[str, Any],
    name: str,
    default: str,
    languages: tuple[str, ...],
    path: Path,
    found: list[tuple[str, str, str]],
) -> str:
    """A text given once (``title = "..."``) or per language (``{ en = "...", ru = "..." }``).

    Each language's text goes to ``found``; the plain value is the first offered
    language's text, so outputs that know no languages still show one.
    """
    value = data.get(name, default)
    if not isinstance(value, dict):
        return str(value)
    for language, text in value.items():
        if not isinstance(text, str):
            raise FrameworkError(f"{path}, field {name}.{language}: must be text")
        found.append((name, language, text))
    for language in (*languages, "en"):
        if language in value:
            return str(value[language])
    return str(next(iter(value.values()), default))
