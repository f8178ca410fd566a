"""A network's synthesis: national editions of several countries side by side.

Regional networks support 15-20 national coalitions a year (METHOD.md), and
their question is which goals lag everywhere. Percent is the common
currency, so editions on different scales line up. For each goal (and key
area, when every edition has the same key areas) the synthesis holds each
country's percent and band, the median across the countries that rated it
(goals are ranked by it, lowest first), how many countries are below the
network's ``lowest_below`` threshold and above ``highest_above``, and how
many countries fall in each band. The thresholds and the band order are the
first edition's framework's: one network, one rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from scorecard.analysis.results import Results, Score
from scorecard.method import Edition, Framework

NOT_RATED = "not rated"


@dataclass(frozen=True)
class Row:
    """One goal or key area across the countries, in the order they were given."""

    key: int
    name: str
    colour: str
    percents: tuple[Fraction | None, ...]
    bands: tuple[str | None, ...]
    n: tuple[int, ...]  # respondents (goals) or answers (key areas) per country
    median: Fraction | None
    lowest: Fraction | None
    highest: Fraction | None
    below: int
    above: int
    band_counts: tuple[tuple[str, int], ...]  # every band of the reference, then NOT_RATED

    @property
    def rated(self) -> int:
        return sum(p is not None for p in self.percents)

    def json(self, countries: Sequence[str]) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "countries": {
                c: {"percent": _num(p), "band": b, "n": n}
                for c, p, b, n in zip(countries, self.percents, self.bands, self.n, strict=True)
            },
            "rated": self.rated,
            "median": _num(self.median),
            "lowest": _num(self.lowest),
            "highest": _num(self.highest),
            "below": self.below,
            "above": self.above,
            "band_counts": dict(self.band_counts),
        }


@dataclass(frozen=True)
class Synthesis:
    countries: tuple[str, ...]
    editions: tuple[Edition, ...]
    framework: Framework
    respondents: tuple[int, ...]
    overall: tuple[Score, ...]
    goals: tuple[Row, ...]
    areas: tuple[Row, ...]  # empty when the editions' key areas differ

    def lowest_everywhere(self) -> tuple[Row, ...]:
        """Rated goals by median, lowest first; ties: more countries below, then goal number."""
        rated = [g for g in self.goals if g.median is not None]
        return tuple(sorted(rated, key=lambda g: (g.median, -g.below, g.key)))

    def to_json(self) -> dict[str, Any]:
        th = self.framework.thresholds
        return {
            "countries": [
                {"label": c, **e.to_dict(), "n": n, **s.json()}
                for c, e, n, s in zip(
                    self.countries, self.editions, self.respondents, self.overall, strict=True
                )
            ],
            "thresholds": {"lowest_below": th.lowest_below, "highest_above": th.highest_above},
            "goals": [g.json(self.countries) for g in self.goals],
            "areas": [a.json(self.countries) for a in self.areas],
            "lowest_everywhere": [g.key for g in self.lowest_everywhere()],
        }


def synthesise(named_results: Sequence[tuple[str, Results]]) -> Synthesis:
    """The cross-country synthesis of ``(country label, Results)`` pairs. Pure."""
    if not named_results:
        raise ValueError("a synthesis needs at least one edition")
    labels = [label for label, _ in named_results]
    if len(set(labels)) != len(labels):
        raise ValueError(f"country labels repeat: {labels}")
    editions = [r for _, r in named_results]
    reference = editions[0].framework
    goal_names: dict[int, tuple[str, str]] = {}
    for r in editions:
        for g in r.framework.goals:
            goal_names.setdefault(g.number, (g.name, g.colour))
    goals = tuple(
        _row(number, name, colour, [_goal(r, number) for r in editions], reference)
        for number, (name, colour) in goal_names.items()
    )
    areas: tuple[Row, ...] = ()
    if all(set(r.framework.area_numbers) == set(reference.area_numbers) for r in editions):
        areas = tuple(
            _row(a.number, a.name, "", [_area(r, a.number) for r in editions], reference)
            for a in reference.areas
        )
    return Synthesis(
        tuple(labels),
        tuple(r.edition for r in editions),
        reference,
        tuple(r.profile.n for r in editions),
        tuple(r.overall for r in editions),
        goals,
        areas,
    )


def _goal(results: Results, number: int) -> tuple[Score, int]:
    for g in results.goals:
        if g.goal == number:
            return g.score, g.respondents
    return Score(None, None, None), 0


def _area(results: Results, number: int) -> tuple[Score, int]:
    found = next(a for a in results.areas if a.area == number)
    return found.score, found.answers


def _row(
    key: int, name: str, colour: str, scores: list[tuple[Score, int]], reference: Framework
) -> Row:
    percents = tuple(s.percent for s, _ in scores)
    rated = sorted(p for p in percents if p is not None)
    bands = tuple(s.band for s, _ in scores)
    names = [b.name for b in sorted(reference.bands, key=lambda b: -(b.minimum + b.maximum))]
    names += sorted({b for b in bands if b is not None} - set(names))
    counts = [(b, sum(x == b for x in bands)) for b in names]
    counts.append((NOT_RATED, sum(x is None for x in bands)))
    th = reference.thresholds
    return Row(
        key,
        name,
        colour,
        percents,
        bands,
        tuple(n for _, n in scores),
        _median(rated),
        rated[0] if rated else None,
        rated[-1] if rated else None,
        sum(p < th.lowest_below for p in rated),
        sum(p > th.highest_above for p in rated),
        tuple(counts),
    )


def _median(ordered: list[Fraction]) -> Fraction | None:
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _num(value: Fraction | None) -> float | None:
    return None if value is None else float(value)
