"""The texts of validation meetings in each language: what is written, and what reports show.

A meeting's title and a suggestion's text and note are words someone wrote, so each
language of the edition has its own; the plain fields hold the first language's
(every row from before languages is that) and ``texts`` the others'. A report in a
language shows its own text, else the first language's: the same rule as the
narrative (reports.texts), here for meetings, used by the drafts, the checks and the
frozen snapshot alike. Dates, formats, participants, goals and decisions are facts
and are never per language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from scorecard.web.reports.models import Meeting, Suggestion
from scorecard.web.reports.texts import in_language

MEETING_FIELDS = ("title",)
SUGGESTION_FIELDS = ("text", "note")


def own_text(row: Meeting | Suggestion, field: str, language: str, first: str) -> str:
    """``language``'s own text of ``field`` ("" when it has none); the plain field for the first."""
    if language == first:
        return str(getattr(row, field))
    texts = row.texts if isinstance(row.texts, dict) else {}
    own = texts.get(language)
    return str(own.get(field, "")) if isinstance(own, dict) else ""


def text_in(row: Meeting | Suggestion, field: str, language: str, first: str) -> str:
    """What the report in ``language`` shows: its own text, else the first language's."""
    return own_text(row, field, language, first) or str(getattr(row, field))


def with_text(
    texts: Mapping[str, Any], language: str, field: str, text: str
) -> dict[str, dict[str, str]]:
    """``texts`` with ``language``'s ``field`` set to ``text`` (removed when empty: not written)."""
    out = {
        str(code): {str(k): str(v) for k, v in fields.items()}
        for code, fields in texts.items()
        if isinstance(fields, dict)
    }
    fields = out.setdefault(language, {})
    if text:
        fields[field] = text
    else:
        fields.pop(field, None)
    return {code: fields for code, fields in out.items() if fields}


def missing(meetings: Iterable[Meeting], language: str, first: str) -> list[tuple[Meeting, int]]:
    """The meetings with texts ``language`` has not written, and how many each lacks.

    Counted where the first language has a text (an empty note is empty everywhere).
    The suggestions must be prefetched, as every page listing meetings does.
    """
    if language == first:
        return []
    out = []
    for m in meetings:
        rows: list[tuple[Meeting | Suggestion, tuple[str, ...]]] = [(m, MEETING_FIELDS)]
        rows += [(s, SUGGESTION_FIELDS) for s in m.suggestions.all()]
        lacking = sum(
            1
            for row, fields in rows
            for field in fields
            if getattr(row, field) and not own_text(row, field, language, first)
        )
        if lacking:
            out.append((m, lacking))
    return out


def frozen_meetings(meetings: object, languages: list[str], language: str) -> list[Any]:
    """The meetings a published version froze for ``language`` (see texts.in_language)."""
    found = in_language(meetings, languages, language)
    return list(found) if isinstance(found, list) else []
