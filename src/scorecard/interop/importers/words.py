"""Matching a header's words, not one spelling, against goal and key-area names.

Form builders write the same key area many ways: Cognito runs a label's words
together (``LegalAndPolicyFramework``, ``СтратегииНациональныеПланы``), a form
designer shortens it (``LegalFramework``, ``Awareness``, ``LocalImplementation``),
Russian and Kazakh inflect it (``национальном`` / ``национальные``). Splitting a
header into words and comparing word stems with each name's significant words
(stop words such as "and", "level", "и", "және" dropped) in every catalogue
language finds the area whichever way it was written; a tie is reported, never
broken by guessing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

CHUNKS = re.compile(r"[^\W\d_]+|\d+")
EN_STOP = "and of at the in on for to by with from incl including level levels key area areas"
RU_STOP = "и в на по для с со к о об от из уровне уровень уровня уровнях цур цель цели целей"
KK_STOP = "және мен бен пен деңгейде деңгей деңгейдегі тдм мақсат максат"
STOP_WORDS = frozenset(f"{EN_STOP} goal goals sdg sdgs {RU_STOP} {KK_STOP}".split())
MIN_STEM = 4  # shared letters that make two words one stem (strateg-ies / strateg-ия)
MAX_ENDING = 3  # letters an inflection may change at the end of the shorter word


def split_words(text: str) -> list[str]:
    """Words of a header, casefolded: split at spaces, punctuation, digits and camelCase."""
    words: list[str] = []
    for chunk in CHUNKS.findall(unicodedata.normalize("NFKC", text)):
        start = 0
        for i in range(1, len(chunk)):
            before, here = chunk[i - 1], chunk[i]
            after = chunk[i + 1] if i + 1 < len(chunk) else ""
            if (before.islower() and here.isupper()) or (
                before.isupper() and here.isupper() and after.islower()
            ):
                words.append(chunk[start:i])
                start = i
        words.append(chunk[start:])
    return [w.casefold().replace("ё", "е") for w in words]


def significant(words: Iterable[str]) -> list[str]:
    """The words that can tell one name from another: no stop words, numbers or scraps."""
    return [w for w in words if len(w) >= 3 and not w.isdigit() and w not in STOP_WORDS]


def same_stem(a: str, b: str) -> bool:
    """Whether two words differ only by an ending (plural, case, -al / -ion)."""
    if a == b:
        return True
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= MIN_STEM and shared >= min(len(a), len(b)) - MAX_ENDING


@dataclass(frozen=True)
class Match:
    """How a header's words compare with every name: the best, and how sure that is."""

    best: tuple[int, ...]  # the numbers sharing the highest count (one: a unique match)
    matched: tuple[str, ...]  # the header's words that matched the (first) best name
    words: int  # significant words in the header

    @property
    def unique(self) -> int | None:
        """The one best number when at least half of the header's words are its words."""
        if len(self.best) == 1 and self.matched and len(self.matched) * 2 >= self.words:
            return self.best[0]
        return None

    @property
    def whole(self) -> bool:
        """Every significant word of the header belongs to the best name."""
        return bool(self.matched) and len(self.matched) == self.words


@dataclass(frozen=True)
class WordIndex:
    """Significant words of numbered names (key areas or goals) in every language."""

    names: Mapping[int, frozenset[str]]
    _seen: dict[str, frozenset[int]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, names: Iterable[tuple[int, str]]) -> WordIndex:
        found: dict[int, set[str]] = {}
        for number, text in names:
            found.setdefault(number, set()).update(significant(split_words(text)))
        return cls({n: frozenset(words) for n, words in found.items()})

    def numbers_of(self, word: str) -> frozenset[int]:
        """The names a word belongs to (memoised: headers repeat the same words)."""
        known = self._seen.get(word)
        if known is None:
            known = frozenset(
                n for n, words in self.names.items() if any(same_stem(word, w) for w in words)
            )
            self._seen[word] = known
        return known

    def match(self, words: list[str]) -> Match:
        """Count, for each name, the header's significant words that are its words."""
        kept = significant(words)
        counts: dict[int, list[str]] = {}
        for word in kept:
            for number in self.numbers_of(word):
                counts.setdefault(number, []).append(word)
        if not counts:
            return Match((), (), len(kept))
        top = max(len(found) for found in counts.values())
        best = tuple(sorted(n for n, found in counts.items() if len(found) == top))
        return Match(best, tuple(counts[best[0]]), len(kept))

    def covers(self, words: list[str]) -> bool:
        """Every significant word (at least one) is some name's word: a name-like header."""
        kept = significant(words)
        return bool(kept) and all(self.numbers_of(w) for w in kept)


def without_run(words: list[str], key: str) -> list[str]:
    """``words`` without the first run whose letters spell ``key`` (a goal's name)."""
    if not key:
        return words
    for start in range(len(words)):
        joined = ""
        for end in range(start, len(words)):
            joined += words[end]
            if joined == key:
                return words[:start] + words[end + 1 :]
            if not key.startswith(joined):
                break
    return words
