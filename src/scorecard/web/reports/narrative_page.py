"""What the narrative page shows for one language: its tabs, texts, and fallbacks.

Kept apart from the view so the view only decides (who may save, what is stored)
and this only describes: which language is being written, the others to switch
to, and for each section its own text or the first language's text the report
uses instead (shown, never put in the text box: saving must not copy it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from markupsafe import Markup

from scorecard.web.editions.forms import LANGUAGE_NAMES
from scorecard.web.editions.models import Edition
from scorecard.web.reports.sections import Section
from scorecard.web.reports.texts import fallbacks, first_language, language_name, languages_of


@dataclass(frozen=True)
class Row:
    """One section as the page shows it in the language being written."""

    section: Section
    text: str  # this language's own text ("" when it has none)
    preview: Markup
    fallback: Markup  # the first language's text the report uses instead, as HTML


@dataclass(frozen=True)
class Tab:
    code: str
    name: str  # in the language itself, as language switches name languages
    url: str
    current: bool


def language_url(edition: Edition, page: str, language: str, *args: str) -> str:
    """The edition's page named ``page`` in ``language`` (``?language=``)."""
    return f"{reverse(page, args=[edition.slug, *args])}?language={language}"


def language_tabs(edition: Edition, page: str, language: str) -> list[Tab]:
    """One tab per language of the edition on the page named ``page`` (narrative, meetings)."""
    return [
        Tab(
            code,
            LANGUAGE_NAMES.get(code, code),
            language_url(edition, page, code),
            code == language,
        )
        for code in languages_of(edition)
    ]


def language_header(edition: Edition, page: str, language: str) -> dict[str, Any]:
    """What a page written per language says on top: which language, the first, the tabs."""
    first = first_language(edition)
    return {
        "language": language,
        "language_name": language_name(language),
        "first_language": first,
        "first_name": language_name(first),
        "tabs": language_tabs(edition, page, language),
        "here": language_url(edition, page, language),
        "draft_url": language_url(edition, "reports:draft", language, "html"),
    }


def page_context(
    edition: Edition,
    language: str,
    found: Mapping[str, Mapping[str, str]],
    shown: list[Section],
) -> dict[str, Any]:
    """The template's context for writing ``language``'s narrative."""
    own = found.get(language, {})
    instead = fallbacks(edition, language, found)
    return {
        **language_header(edition, "reports:narrative", language),
        "sections": [
            Row(
                s,
                own.get(s.key, ""),
                s.preview(own.get(s.key, "")),
                s.preview(instead[s.key]) if s.key in instead else Markup(""),
            )
            for s in shown
        ],
    }
