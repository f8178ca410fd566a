"""Translations for every output format, loaded once per language.

DESIGN: every user-facing string goes through gettext. The report has its own
catalogue, ``scorecard/report/locale/<lang>/LC_MESSAGES/report.mo`` (domain
"report"), apart from the web app's Django catalogue, so the pure core needs
no Django and the two can be edited without stepping on each other. It holds
the report's sentences and the default framework's names (official UN
Russian SDG names). A language without a catalogue falls back to the English
source strings instead of failing the report.

Counts go through ``ngettext`` (Russian has three plural forms), a word with two
roles through ``pgettext`` with a context ("column heading"), and no translation
glues a case ending to a run-time figure; terms follow docs/glossary.md. Figures
themselves are written by display.py in the same language.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path

Gettext = Callable[[str], str]

DOMAIN = "report"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


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


def N_(message: str) -> str:
    """Marks a msgid for extraction without translating it (gettext_noop)."""
    return message


# Words that reach the report as data, translated where shown with ``_(value)``.
DATA_MSGIDS = (
    N_("online"),
    N_("in person"),
    N_("accepted"),
    N_("rejected"),
    N_("incorporated"),
    N_("Female"),
    N_("Male"),
    N_("NGO"),
    N_("Public association"),
    N_("Academic/educational"),
    N_("Media"),
    N_("Community-based organisation"),
    N_("Other"),
)
