"""How answers are spelled: text in a cell -> a score, "don't know", or a profile label.

Tools write the same answer many ways: ``3``, ``+3``, ``3.0``, ``−3`` with a
real minus, ``3 - High progress``, ``+5 (very high progress)``, ``Don't know``,
``Не знаю``, ``Білмеймін``, LimeSurvey codes such as ``P3`` or a coordinator's
own labels from a mapping file. One reader turns all of them into the scale,
memoising each distinct spelling so a 100,000-row export costs one dict
lookup per cell.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from scorecard.answers import MISSING
from scorecard.interop.catalog import DONT_KNOW, OTHER, every_translation
from scorecard.method import Scale

BAD = 127  # not an answer; no scale point can be 127 (scales stay within -100..100)
DK = 126  # "don't know" written out, kept apart from an empty cell (MISSING) until it is stored

# Spellings of "not assessed" beyond the framework's own list and the catalogue.
EXTRA_DONT_KNOW = (
    "don't know",
    "do not know",
    "dont know",
    "dk",
    "n/a",
    "na",
    "not assessed",
    "no answer",
    "cannot assess",
    "затрудняюсь ответить",
    "нет ответа",
    "жауап жоқ",
)
# Of those, the ones tools write for a question left unanswered (LimeSurvey's "No answer"):
# missing like "don't know", but not chosen, so they read as an empty cell.
NO_ANSWER = ("no answer", "нет ответа", "жауап жоқ")
# A whole number, alone or followed by words: "3", "3.0", "3 - High progress", "+5 (very high)".
LEADING_NUMBER = re.compile(r"^([+-]?\d{1,3})(?:\.0+)?(?:$|(?=\s*[-:)(.]\s*(?:\D|$)|\s+\D))")
# C0 control characters except tab, line feed and carriage return: never text a person means,
# and NUL is refused by PostgreSQL. (DEL and C1 are left alone: they store fine.)
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
DASHES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2019": "'", "\u2018": "'"})


def has_control_character(text: str) -> bool:
    """Whether ``text`` holds a C0 control character other than tab, newline or CR."""
    return CONTROL_CHARACTERS.search(text) is not None


def normalise(text: str) -> str:
    """Case, spacing, dashes and apostrophes as people mean them, not as they typed them."""
    text = unicodedata.normalize("NFKC", text).translate(DASHES).casefold()
    return " ".join(text.replace("ё", "е").split())


class _Memo(dict[str, int]):
    """Spelling -> value; a spelling not seen yet is parsed once, on its first lookup."""

    def __init__(self, parse: Callable[[str], int]) -> None:
        super().__init__()
        self.parse = parse

    def __missing__(self, key: str) -> int:
        value = self[key] = self.parse(key)
        return value


@dataclass
class ScoreReader:
    """Cell text -> scale value, DK ("don't know" written out), MISSING (empty) or BAD.

    Both DK and MISSING are missing in the figures; they are told apart so the
    canonical file keeps ``dk`` where the source said "don't know" and leaves empty
    what nobody answered. A tool's own code for "don't know" (``extra`` value
    MISSING, as LimeSurvey's ``dk`` or a mapping file's ``"dk"``) reads as DK too.

    ``labelled``: the format's answers are a tool's labelled choices ("3 - High
    progress", "Не знаю"), so text the reader does not know "is not an answer this
    import knows". The canonical file's answers are numbers (``labelled=False``), so
    there such text "is not a number". Both read the same spellings.
    """

    scale: Scale
    extra: Mapping[str, int] = field(default_factory=dict)  # spelling -> value
    labelled: bool = True
    known: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _memo: _Memo = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._memo = _Memo(self._parse)
        known = self.known
        for word in (*EXTRA_DONT_KNOW, *every_translation(DONT_KNOW)):
            known[normalise(word)] = DK
        for word in NO_ANSWER:
            known[normalise(word)] = MISSING
        for word in self.scale.dont_know:  # the framework's own list has the last word
            known[normalise(word)] = DK
        for key, value in self.extra.items():
            known[normalise(key)] = DK if value in (MISSING, DK) else value
        known[""] = MISSING  # an empty cell is unanswered, whatever the extras say
        for value in self.scale.values:
            self._memo[str(value)] = value
        self._memo.update({"": MISSING, "dk": DK})

    def with_extra(self, extra: Mapping[str, int]) -> ScoreReader:
        return ScoreReader(self.scale, {**self.extra, **extra}, self.labelled)

    def read(self, raw: str) -> int:
        """One cell; the result is memoised per exact spelling."""
        return self._memo[raw]

    def cells(self, values: Iterable[str], count: int) -> npt.NDArray[np.int16]:
        """Many cells at once: one C-level dict lookup each, parsing only new spellings."""
        return np.fromiter(map(self._memo.__getitem__, values), np.int16, count)

    def _parse(self, raw: str) -> int:
        text = normalise(raw)
        if text in self.known:
            return self.known[text]
        match = LEADING_NUMBER.match(text)
        if match is not None:
            value = int(match[1])
        else:  # what spreadsheets write for a whole number: 2e0, 3.000, +2.0
            number = _number(text)
            if number is None or not number.is_integer():
                return BAD
            value = int(number)
        return value if self.scale.minimum <= value <= self.scale.maximum else BAD

    def explain(self, raw: str) -> str:
        """Why a cell is not an answer, in words a coordinator can act on.

        Never "outside the scale" for a number inside it: a whole number the reader
        refused (a decimal comma, "3,0") is named as a spelling it does not know.
        """
        text = raw.strip()
        if text.startswith("="):
            return f"holds a spreadsheet formula ({text[:40]}), not an answer"
        plain = normalise(text)
        match = LEADING_NUMBER.match(plain)
        number = float(match[1]) if match else _number(plain.replace(",", "."))
        if number is not None and not number.is_integer():
            return f"{text[:60]} is not a whole number"
        if number is not None and not self.scale.minimum <= number <= self.scale.maximum:
            return f"{int(number)} is outside the scale {self.scale}"
        if self.labelled:
            return f"{text[:60]!r} is not an answer this import knows"
        return f"{text[:60]!r} is not a number"

    def hint(self) -> str:
        if self.labelled:
            return (
                f'a score is a whole number from {self.scale}, or empty / "don\'t know"; '
                "other spellings go under [values] in a mapping file."
            )
        return f"a score is a whole number from {self.scale} or 'dk' / empty for not assessed."


def _number(text: str) -> float | None:
    """A finite number as spreadsheets spell it (2e0, 3.000, +2.0), or None."""
    if "_" in text:  # float() reads 1_0 as 10; no spreadsheet writes that
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


OTHER_MAX = 200  # Respondent.sector_other / gender_other
# "Other: think tank", "Другое (фонд)", "Other - a foundation": the choice, then its text.
OTHER_WITH_TEXT = re.compile(
    r"^(?P<head>[^:(\-\u2013\u2014]+?)\s*[:(\-\u2013\u2014]\s*(?P<text>.+?)\)?$"
)


def squeeze(text: str) -> str:
    """Letters and digits only, as ``normalise`` reads them: "Ж.", "ж" and " Ж " are one."""
    return "".join(ch for ch in normalise(text) if ch.isalnum())


def tidy(text: str) -> str:
    """Spacing as people mean it: no outer spaces, one space between words."""
    return " ".join(text.split())


@dataclass(frozen=True)
class ProfileAnswer:
    """A profile answer as stored: the label the report groups by, and apart from it the
    text of an answer that matched no choice and was kept as "Other" (never grouped by)."""

    label: str
    other: str = ""


@dataclass
class ProfileReader:
    """Profile answers -> the English labels the report groups by ("NGO", "Female").

    A field with choices (sector, gender) accepts only them, spelled as a choice name
    (``ngo``), a label in any catalogue language (``НПО``, ``ҮЕҰ``) or a synonym (``жен``,
    ``F``), so "F" and "жен" never become categories beside "Female". An answer that
    matches nothing is stored as Other with its text kept apart where the field allows
    Other (``allow_other``), and refused otherwise. Fields without choices (region) are
    free text with tidy spacing. ``tidy=False`` keeps text exactly as written, stripped:
    the canonical reader thaws published versions with it, and a published figure must
    never change because a later release reads spellings differently.
    """

    labels: Mapping[str, Mapping[str, str]]  # field -> squeezed spelling -> stored label
    allow_other: frozenset[str] = frozenset()
    extra: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # a mapping file's
    tidy: bool = True
    _memo: dict[tuple[str, str], ProfileAnswer | None] = field(
        default_factory=dict, init=False, repr=False
    )

    @classmethod
    def as_written(cls) -> ProfileReader:
        return cls({}, tidy=False)

    def read(self, name: str, raw: str) -> ProfileAnswer | None:
        """The stored answer, or None when ``raw`` matches no choice and Other is not allowed."""
        key = (name, raw)
        if key in self._memo:
            return self._memo[key]
        found = self._memo[key] = self._parse(name, raw)
        return found

    def _parse(self, name: str, raw: str) -> ProfileAnswer | None:
        text = tidy(raw) if self.tidy else raw.strip()
        known = self.labels.get(name)
        if known is None or not text:
            return ProfileAnswer(text)
        key = squeeze(text)
        if not key:  # "-", "?": nothing was answered
            return ProfileAnswer("")
        target = self.extra.get(name, {}).get(key)
        if target is not None:  # the mapping file says what this spelling means
            text, key = tidy(target), squeeze(target)
        label = known.get(key)
        if label is not None:
            return ProfileAnswer(label)
        head = OTHER_WITH_TEXT.match(text)
        if head is not None and known.get(squeeze(head["head"])) == OTHER:
            return ProfileAnswer(OTHER, head["text"].strip())
        return ProfileAnswer(OTHER, text) if name in self.allow_other else None

    def choices(self, name: str) -> tuple[str, ...]:
        """The labels ``name`` accepts, in the questionnaire's order."""
        return tuple(dict.fromkeys(self.labels.get(name, {}).values()))

    def explain(self, name: str, raw: str) -> str:
        return (
            f"{tidy(raw)[:60]!r} is not one of the {name} choices ({', '.join(self.choices(name))})"
        )

    def hint(self, name: str) -> str:
        return (
            f"write a {name} choice in English, Russian or Kazakh, or say what the file's own "
            f"spelling means under [{name}] in a mapping file (docs/imports.md)."
        )

    def with_extra(self, extra: Mapping[str, Mapping[str, str]]) -> ProfileReader:
        merged = {name: dict(values) for name, values in self.extra.items()}
        for name, values in extra.items():
            merged.setdefault(name, {}).update({squeeze(k): v for k, v in values.items()})
        return ProfileReader(self.labels, self.allow_other, merged, self.tidy)

    def with_allow_other(self, allow_other: frozenset[str]) -> ProfileReader:
        return ProfileReader(self.labels, allow_other, self.extra, self.tidy)


def merge_spellings(values: list[str | None]) -> list[str | None]:
    """Case and spacing variants of free text become the first spelling the file used, so
    "Almaty", "almaty" and "ALMATY " are stored (and exported) as one place."""
    first: dict[str, str] = {}
    return [None if v is None else first.setdefault(normalise(v), v) for v in values]
