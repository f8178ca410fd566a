"""The narrative's texts in each language: what is written, and what each report shows.

Coordinators write every section once per language the edition offers. A report
in a language shows that language's text of a section, else the text of the
edition's first language (the language it is written in first, and the one every
row from before languages belongs to), else "not written yet". One rule, here,
for the draft reports, the publishing checks and the frozen snapshot.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Max
from django.utils import translation

from scorecard.web.editions.models import Edition
from scorecard.web.reports.models import NarrativeVersion

Texts = dict[str, str]
"""Section key (context, pillar:policy, goal:3:findings, ...) -> Markdown text."""


def languages_of(edition: Edition) -> list[str]:
    """The languages the edition offers, first language first (English when none is set)."""
    return list(edition.languages or ["en"])


def first_language(edition: Edition) -> str:
    return languages_of(edition)[0]


def language_name(code: str) -> str:
    """The language's name in the page's language ("Russian", "русский"), else its code."""
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


def written(edition: Edition) -> dict[str, Texts]:
    """The newest text of every (section, language) written so far, by language (two queries).

    A row without a language (loaded from before languages) is the first language's.
    A section saved empty is left out: it is not written in that language (nor is a
    language with nothing written).
    """
    newest = (
        NarrativeVersion.objects.filter(edition=edition)
        .values("key", "language")
        .annotate(newest=Max("pk"))
        .values_list("newest", flat=True)
    )
    rows = NarrativeVersion.objects.filter(pk__in=list(newest)).order_by("pk")
    first = first_language(edition)
    found: dict[str, Texts] = {}
    for key, language, text in rows.values_list("key", "language", "text"):
        # Ordered by pk: a later row of the same section wins when "" and first meet.
        found.setdefault(language or first, {})[key] = text
    kept = {
        lang: {key: text for key, text in texts.items() if text} for lang, texts in found.items()
    }
    return {language: texts for language, texts in kept.items() if texts}


def shown(by_language: Mapping[str, Mapping[str, str]], first: str, language: str) -> Texts:
    """What the report in ``language`` shows: its own texts, the first language's elsewhere."""
    own = by_language.get(language, {})
    base = by_language.get(first, {})
    keys = [*base, *(key for key in own if key not in base)]  # a stable order, for the JSON
    return {key: text for key in keys if (text := own.get(key) or base.get(key, ""))}


def current_texts(edition: Edition, language: str | None = None) -> Texts:
    """The texts the report in ``language`` shows now (None: the edition's first language)."""
    first = first_language(edition)
    return shown(written(edition), first, language or first)


def shown_by_language(edition: Edition) -> dict[str, Texts]:
    """What each language's report shows now, for every language the edition offers."""
    found = written(edition)
    first = first_language(edition)
    return {language: shown(found, first, language) for language in languages_of(edition)}


def fallbacks(edition: Edition, language: str, found: Mapping[str, Mapping[str, str]]) -> Texts:
    """Sections ``language`` has not written whose report shows the first language's text."""
    first = first_language(edition)
    if language == first:
        return {}
    own = found.get(language, {})
    return {key: text for key, text in found.get(first, {}).items() if key not in own}


def gaps(edition: Edition) -> dict[str, set[str]]:
    """Per language, the sections another language of the edition has written and it has not.

    Its report shows the first language's text there (or "not written yet" when the
    first language is the one missing it), so the coordinator should know. Texts of a
    language the edition no longer offers are kept but count for nothing here.
    """
    found = written(edition)
    offered = languages_of(edition)
    anywhere = {key for language in offered for key in found.get(language, {})}
    out: dict[str, set[str]] = {}
    for language in offered:
        missing = anywhere - set(found.get(language, {}))
        if missing:
            out[language] = missing
    return out


def in_language(snapshot: object, languages: list[str], language: str) -> object:
    """The part of a published version's snapshot that ``language``'s report showed.

    Versions store ``{"by_language": {language: part}}``, what each language's report
    showed (fallbacks included); a language the version lacks reads its first
    language's part. Versions from before languages store one part, which every
    language showed: it is returned as it is.
    """
    stored = snapshot.get("by_language") if isinstance(snapshot, dict) else None
    if not isinstance(stored, dict):
        return snapshot
    return stored.get(language) or stored.get(languages[0] if languages else "en")


def frozen(narrative: object, languages: list[str], language: str) -> Texts:
    """The narrative a published version froze for ``language`` (see ``in_language``)."""
    texts = in_language(narrative, languages, language)
    if not isinstance(texts, dict):
        return {}
    return {str(key): str(text) for key, text in texts.items()}


def freeze(edition: Edition) -> dict[str, dict[str, Texts]]:
    """The narrative to store with a new version: every offered language, as its report shows."""
    return {"by_language": shown_by_language(edition)}
