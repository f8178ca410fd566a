"""The project's own translations (locale/*/django.mo), read without Django.

The questionnaire is translated once, for the web app. Reading the same
catalogue here means an XLSForm carries the very words of the web
questionnaire, and an importer recognises a Russian or Kazakh export of it
without a list of its own that could drift. A language without a catalogue,
or a phrase missing from one, falls back to English.
"""

from __future__ import annotations

import gettext
import struct
from functools import cache
from importlib import resources

LANGUAGE_NAMES = {
    "en": "English",
    "ru": "Russian",
    "kk": "Kazakh",
    "ky": "Kyrgyz",
    "uz": "Uzbek",
    "tg": "Tajik",
    "tk": "Turkmen",
    "fr": "French",
    "es": "Spanish",
    "ar": "Arabic",
    "pt": "Portuguese",
}
DONT_KNOW = "Don’t know"  # the msgid as the web questionnaire writes it (U+2019)
SDG_TITLE = "SDG %(number)s: %(name)s"

# The web questionnaire's profile choices: (XLSForm choice name, stored English label).
SECTORS = (
    ("ngo", "NGO"),
    ("public_association", "Public association"),
    ("academic", "Academic/educational"),
    ("media", "Media"),
    ("cbo", "Community-based organisation"),
    ("other", "Other"),
)
GENDERS = (
    ("female", "Female"),
    ("male", "Male"),
    ("other", "Other"),
    ("prefer_not_to_say", "Prefer not to say"),
)
PROFILE_CHOICES = {"sector": SECTORS, "gender": GENDERS}
OTHER = "Other"
# Where an answer that matches no choice is stored as Other (its text kept apart) instead of
# refused: the questionnaire offers Other for both. An edition may make both strict.
ALLOW_OTHER = frozenset({"sector", "gender"})

# How people write the choices beyond their labels and choice names, in English, Russian
# and Kazakh (matched without case, spacing or punctuation, so "Ж." is "ж"). Data, not
# interface text: the translated labels come from the catalogues besides these.
PROFILE_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "sector": {
        "NGO": (
            "NGOs",
            "non-governmental organisation",
            "non-governmental organization",
            "non-profit",
            "non-profit organisation",
            "non-profit organization",
            "NPO",
            "НПО",
            "НКО",
            "ННО",
            "некоммерческая организация",
            "неправительственная организация",
            "негосударственная некоммерческая организация",
            "ҮЕҰ",
            "КЕҰ",
            "үкіметтік емес ұйым",
            "коммерциялық емес ұйым",
        ),
        "Public association": (
            "association",
            "public associations",
            "общественное объединение",
            "общественная организация",
            "ОО",
            "қоғамдық бірлестік",
            "қоғамдық ұйым",
            "ҚБ",
        ),
        "Academic/educational": (
            "academia",
            "academic",
            "educational",
            "education",
            "university",
            "research institute",
            "академическая",
            "образовательная",
            "образование",
            "наука",
            "университет",
            "вуз",
            "научная организация",
            "академиялық",
            "білім беру",
            "ғылым",
            "жоғары оқу орны",
            "ЖОО",
        ),
        "Media": (
            "mass media",
            "press",
            "journalism",
            "journalist",
            "СМИ",
            "медиа",
            "пресса",
            "средства массовой информации",
            "журналистика",
            "БАҚ",
            "бұқаралық ақпарат құралдары",
            "баспасөз",
        ),
        "Community-based organisation": (
            "CBO",
            "community-based organization",
            "community organisation",
            "community organization",
            "community group",
            "grassroots organisation",
            "местная организация",
            "организация на уровне сообщества",
            "инициативная группа",
            "жергілікті ұйым",
            "жергілікті қоғамдастық",
            "бастамашыл топ",
        ),
        "Other": ("другое", "другая", "иное", "прочее", "басқа", "басқасы"),
    },
    "gender": {
        "Female": (
            "F",
            "fem",
            "woman",
            "women",
            "ж",
            "жен",
            "женский",
            "женщина",
            "женщины",
            "әйел",
            "әйел адам",
            "әйелдер",
        ),
        "Male": (
            "M",
            "man",
            "men",
            "м",
            "муж",
            "мужской",
            "мужчина",
            "мужчины",
            "ер",
            "ер адам",
            "ерлер",
        ),
        "Other": ("non-binary", "другое", "другой", "иное", "басқа", "басқасы"),
        "Prefer not to say": (
            "prefer not to answer",
            "rather not say",
            "предпочитаю не указывать",
            "не хочу указывать",
            "не указывать",
            "көрсеткім келмейді",
            "айтқым келмейді",
        ),
    },
}


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language``; an empty one (English) when there is none."""
    if language == "en" or not language.replace("_", "").isalnum():
        return gettext.NullTranslations()
    path = resources.files("scorecard").joinpath("locale", language, "LC_MESSAGES", "django.mo")
    try:
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except (OSError, ValueError, struct.error):
        return gettext.NullTranslations()


@cache
def catalog_languages() -> tuple[str, ...]:
    """English and every language with a compiled catalogue, in a stable order."""
    found = ["en"]
    try:
        folders = sorted(p.name for p in resources.files("scorecard").joinpath("locale").iterdir())
    except OSError:
        folders = []
    for code in folders:
        if code != "en" and not isinstance(catalog(code), gettext.GNUTranslations):
            continue
        if code not in found:
            found.append(code)
    return tuple(found)


def translate(language: str, text: str) -> str:
    return catalog(language).gettext(text)


def every_translation(text: str) -> tuple[str, ...]:
    """``text`` in English and in every catalogue language, without repeats."""
    seen: dict[str, None] = {}
    for language in catalog_languages():
        seen.setdefault(translate(language, text), None)
    return tuple(seen)


def language_label(code: str) -> str:
    """The XLSForm spelling of a language: ``English (en)``."""
    return f"{LANGUAGE_NAMES.get(code, code)} ({code})"


def sdg_title(language: str, number: int, name: str) -> str:
    return translate(language, SDG_TITLE) % {"number": number, "name": name}


def sdg_short(language: str, number: int) -> str:
    """``SDG 3`` / ``ЦУР 3`` / ``ТДМ 3``: the title pattern without the goal's name."""
    pattern = translate(language, SDG_TITLE)
    head = pattern.split("%(name)s", 1)[0] % {"number": number}
    return head.rstrip(" :—–-") or f"SDG {number}"
