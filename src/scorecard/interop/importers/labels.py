"""Recognising a column by its header, in any of the questionnaire's languages.

Exports name columns by whatever the form said: ``sdg3/sdg3_7`` (Kobo XML
names), ``SDG3_StrategiesNationalActionPlansNationalBudgeting`` (Cognito
internal names), ``SDG3[SQ007]`` (LimeSurvey codes) or
``ЦУР 3: ... [Стратегии, национальные планы ...]`` (labels). One recogniser
looks for a goal (a number after SDG / Goal / ЦУР / ТДМ, or a goal's name) and
then an area (its name in any catalogue language, or a number in a place where
areas are numbered). Names win over numbers; when both are present and
disagree the column is left unmapped rather than guessed. A header that names
its goal by number but no area by its whole name (``Goal1_LegalFramework``,
``ЦУР3_Информированность``) is matched word by word (``words.py``); a column
that still looks like a score is what the builder refuses (``score_like``),
so no score is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from scorecard.interop.catalog import (
    ALLOW_OTHER,
    PROFILE_CHOICES,
    PROFILE_SYNONYMS,
    SDG_TITLE,
    catalog_languages,
    every_translation,
    translate,
)
from scorecard.interop.importers.roles import (
    GoalComment,
    Meta,
    ProfileField,
    RespondentKey,
    Role,
    Score,
)
from scorecard.interop.importers.values import ProfileReader, normalise, squeeze
from scorecard.interop.importers.words import Match, WordIndex, split_words, without_run
from scorecard.method import Framework

CANONICAL_SCORE = re.compile(r"^sdg(\d{1,3})_(\d{1,3})$")
CANONICAL_COMMENT = re.compile(r"^sdg(\d{1,3})_comments?$")
GOAL_WORDS = ("sdg", "goal", "цур", "цель", "тдм", "мақсат", "максат")
AREA_AFTER_GOAL = re.compile(r"^\s*[-_:./]\s*0*(\d{1,2})(?!\d)")
AREA_BRACKET = re.compile(r"\[\s*(?:sq|a|area|q)?\s*0*(\d{1,3})\s*\]")
AREA_WORD = re.compile(
    r"(?<![^\W\d_])(?:key area|area|ka|a|sq|q|направление|сфера|бағыт)"
    r"\s*[-_#№.:]?\s*0*(\d{1,2})(?!\d)"
)
BRACKETED = re.compile(r"\s*\[[^\]]*\]\s*$")
AREA_WORD_AFTER = re.compile(r"(?<!\d)0*(\d{1,2})\s*-\s*(?:бағыт|направление)")
PROFILE_WORDS = {
    "sector": ("sector", "organisation sector", "Sector of your organisation"),
    "gender": ("gender", "sex", "Gender"),
    "age": ("age", "age in years", "Age", "Age (optional)"),
    "region": ("region", "location", "Region", "Region (optional)"),
}
GOAL_CHOICE_WORDS = (
    "goals",
    "goals to assess",
    "chosen goals",
    "Goals you will assess",
    "Which goals will you assess?",
    "Choose your goals",
)
CONSENT_WORDS = ("consent", "I agree to take part in this survey.", "Before you start")
COMMENT_WORDS = (
    "comment",
    "comments",
    "remarks",
    "Comment",
    "комментарий",
    "комментарии",
    "түсініктеме",
    "пікір",
)


def compress(text: str) -> str:
    """Letters and digits only: how Cognito turns a label into a field name."""
    return "".join(ch for ch in normalise(text) if ch.isalnum())


def canonical_role(name: str) -> Role | None:
    """A canonical column name (also the target names a mapping file uses)."""
    text = name.strip().lower()
    if text == "respondent":
        return RespondentKey()
    if text in {"sector", "gender", "age", "region"}:
        return ProfileField(text)
    if score := CANONICAL_SCORE.match(text):
        return Score(int(score[1]), int(score[2]))
    if comment := CANONICAL_COMMENT.match(text):
        return GoalComment(int(comment[1]))
    return None


def role_from_target(text: str) -> Role | None:
    """A target as a mapping file writes it: sdg3_7, sdg3_comment, sector, respondent, ignore."""
    name = text.strip().lower()
    if name in {"ignore", "skip"}:
        return Meta("ignored by the mapping file")
    if name in {"id", "respondent id"}:
        return RespondentKey()
    return canonical_role(name)


def _keys(words: tuple[str, ...]) -> tuple[str, ...]:
    """Compressed spellings of ``words`` and of their translations, longest first."""
    found = {compress(t) for word in words for t in every_translation(word)}
    return tuple(sorted((k for k in found if k), key=len, reverse=True))


@dataclass(frozen=True)
class Vocabulary:
    """Everything the recogniser knows about one framework, in every catalogue language."""

    goals: frozenset[int]
    areas: frozenset[int]
    goal_pattern: re.Pattern[str]
    goal_names: tuple[tuple[str, int], ...]  # compressed name -> goal, longest first
    area_names: tuple[tuple[str, int], ...]
    comment: tuple[str, ...]
    profile: dict[str, str]  # compressed label -> field
    goal_choice: frozenset[str]
    consent: frozenset[str]
    area_words: WordIndex  # every area's significant words, in every catalogue language
    goal_words: WordIndex
    goal_keys: dict[int, tuple[str, ...]]  # compressed names of each goal

    def recognise(self, header: str) -> Role | None:
        """The role a header names, or None when it names nothing we store."""
        last = header.rsplit("/", 1)[-1]
        for text in (header, last):
            role = canonical_role(text)
            if role is not None:
                return role
            key = compress(text)
            if key in self.profile:
                return ProfileField(self.profile[key])
        question = BRACKETED.sub("", header.split("/", 1)[0])  # goals[SQ003], goals/3
        if compress(question) in self.goal_choice:
            return Meta("goal choice")
        if compress(header) in self.consent:
            return Meta("consent")
        return self._goal_role(header)

    def _goal_role(self, header: str) -> Role | None:
        text = normalise(header)
        goal, rest = self._goal(text)
        if goal is None:
            return None  # a goal outside the edition is kept, so the builder can say so
        by_number = self.goal_pattern.search(text) is not None
        return self.area_or_comment(goal, rest, header if by_number else None)

    def area_or_comment(self, goal: int, rest: str, original: str | None = None) -> Role | None:
        """What the rest of a header says once its goal is known: an area or the comment.

        ``original`` (the header as written, case kept) lets the area be matched word
        by word when no whole name or number says it; only headers whose goal is
        certain get that chance, so prose that merely mentions a goal stays unmapped.
        """
        area = self._area(normalise(rest))
        if area is not None:
            return Score(goal, area) if area > 0 else None
        if any(word in compress(rest) for word in self.comment):
            return GoalComment(goal)
        if original is not None:
            found = self.area_match(goal, original).unique
            if found is not None and found in self.areas:
                return Score(goal, found)
        return None

    def area_match(self, goal: int | None, header: str) -> Match:
        """The header's words against every area's words, the goal's own name left out."""
        words = split_words(header)
        for key in self.goal_keys.get(goal, ()) if goal is not None else ():
            words = without_run(words, key)
        return self.area_words.match(words)

    def goal_number(self, header: str) -> int | None:
        """The goal a header names by number (SDG 3, Goal3, ЦУР 3, 3-мақсат), if any."""
        match = self.goal_pattern.search(normalise(header))
        return int(match["n1"] or match["n2"]) if match is not None else None

    def score_like(self, header: str) -> str | None:
        """Why a header that was not understood looks like a score column, or None.

        A goal number, a subquestion bracket (``[SQ007]``) or a header made only of an
        area's words is a score the form asked for; dropping it would change the figures.
        """
        text = normalise(header)
        goal = self.goal_number(header)
        if goal is not None:
            _, rest = self._goal(text)
            if self._area(normalise(rest)) == 0:
                return (
                    f"names goal {goal} and more than one key area, or an area number and "
                    "name that disagree"
                )
            match = self.area_match(goal, header)
            if len(match.best) > 1:
                areas = " or ".join(str(a) for a in match.best)
                return f"names goal {goal}; its words could be key area {areas}"
            return f"names goal {goal} but no key area this import knows"
        bracket = AREA_BRACKET.search(text)
        if bracket is not None:
            return f"looks like key area [{bracket[1]}] of an array that names no goal"
        words = split_words(header)
        if self.area_words.covers(words):
            areas = " or ".join(str(a) for a in self.area_words.match(words).best)
            return f"reads like key area {areas} but names no goal"
        return None

    def _goal(self, text: str) -> tuple[int | None, str]:
        match = self.goal_pattern.search(text)
        if match is not None:
            number = match["n1"] or match["n2"]
            return int(number), text[: match.start()] + " " + text[match.end() :]
        squeezed = compress(text)
        for key, goal in self.goal_names:
            if key in squeezed:
                return goal, squeezed.replace(key, " ", 1)
        return None, text

    def _area(self, rest: str) -> int | None:
        """The area in what is left of a header; 0 means "ambiguous, do not guess"."""
        squeezed = compress(rest)
        for key, _ in self.goal_names:
            squeezed = squeezed.replace(key, " ")
        named: set[int] = set()
        for key, area in self.area_names:
            if key in squeezed:
                named.add(area)
                squeezed = squeezed.replace(key, " ")
        numbered = self._area_number(rest)
        if len(named) > 1 or (named and numbered is not None and numbered not in named):
            return 0
        if named:
            return named.pop()
        if numbered is not None:
            return numbered if numbered in self.areas else 0
        return None

    @staticmethod
    def _area_number(rest: str) -> int | None:
        for pattern in (AREA_AFTER_GOAL, AREA_BRACKET, AREA_WORD, AREA_WORD_AFTER):
            match = pattern.search(rest)
            if match is not None:
                return int(match[1])
        return None


@cache
def vocabulary(framework: Framework) -> Vocabulary:
    prefixes = set(GOAL_WORDS)
    for language in catalog_languages():
        head = translate(language, SDG_TITLE).split("%(number)s", 1)[0]
        if normalise(head).strip():
            prefixes.add(re.escape(normalise(head).strip(" :-")))
    words = "|".join(sorted(prefixes, key=len, reverse=True))
    goal_pattern = re.compile(
        rf"(?<![^\W\d_])(?:{words})\s*[-_#№.:]?\s*0*(?P<n1>\d{{1,2}})(?!\d)"
        rf"|(?<!\d)(?P<n2>\d{{1,2}})\s*-?\s*(?:мақсат|максат)"
    )

    def names(items: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
        found = {(key, number) for text, number in items for key in _keys((text,))}
        return tuple(sorted((p for p in found if len(p[0]) >= 5), key=lambda p: -len(p[0])))

    profile = {key: name for name, words in PROFILE_WORDS.items() for key in _keys(words)}
    area_texts = [(a.number, t) for a in framework.areas for t in every_translation(a.name)]
    goal_texts = [(g.number, t) for g in framework.goals for t in every_translation(g.name)]
    return Vocabulary(
        goals=frozenset(framework.goal_numbers),
        areas=frozenset(framework.area_numbers),
        goal_pattern=goal_pattern,
        goal_names=names([(g.name, g.number) for g in framework.goals]),
        area_names=names([(a.name, a.number) for a in framework.areas]),
        comment=_keys(COMMENT_WORDS),
        profile=profile,
        goal_choice=frozenset(_keys(GOAL_CHOICE_WORDS)),
        consent=frozenset(_keys(CONSENT_WORDS)),
        area_words=WordIndex.build(area_texts),
        goal_words=WordIndex.build(goal_texts),
        goal_keys={g.number: _keys((g.name,)) for g in framework.goals},
    )


@cache
def profile_reader(allow_other: frozenset[str] = ALLOW_OTHER) -> ProfileReader:
    """Choice names, translated labels and synonyms of the questionnaire's choices -> stored
    English labels; answers to the fields in ``allow_other`` that match none become Other."""
    labels: dict[str, dict[str, str]] = {}
    for name, choices in PROFILE_CHOICES.items():
        known = labels[name] = {}
        for choice, label in choices:
            spellings = (choice, *every_translation(label), *PROFILE_SYNONYMS[name].get(label, ()))
            for text in spellings:
                known.setdefault(squeeze(text), label)
    return ProfileReader(labels, allow_other)
