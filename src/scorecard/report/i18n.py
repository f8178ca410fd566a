"""Translations for every output format, loaded once per language.

DESIGN: every user-facing string goes through gettext. Catalogues live in
``scorecard/locale/<lang>/LC_MESSAGES/scorecard.mo``; a language without one
falls back to the English source strings instead of failing the report.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path

Gettext = Callable[[str], str]

DOMAIN = "scorecard"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


@cache
def translations(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True)


def text_language(language: str) -> str:
    """The language the text will actually be in, for ``<html lang>``.

    Without a catalogue the words stay English, and a screen reader told
    ``lang="kk"`` would read English with Kazakh pronunciation.
    """
    if type(translations(language)) is gettext.NullTranslations:
        return "en"
    return language


def goal_label(number: int, name: str, _: Gettext) -> str:
    # Framework names pass through gettext too, so a catalogue can translate the default ones.
    return _("SDG %(number)s %(name)s") % {"number": number, "name": _(name)}


def area_label(number: int, name: str, _: Gettext) -> str:
    return _("%(number)s %(name)s") % {"number": number, "name": _(name)}
