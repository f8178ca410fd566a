"""Two editions side by side: percent differences per goal, key area, pillar and overall.

The core is getting its own ``scorecard.analysis.compare``; until it lands, the
API computes plain differences of the two Results' percents here (b - a, in
percentage points), and says so in ``method``. When the core function exists,
its output is passed through as ``core`` as well, so clients can move to it
without a new API version.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any

from scorecard.analysis import Results, Score

METHOD = (
    "difference = b percent - a percent, in percentage points, from each edition's own "
    "Results (METHOD.md percent rule); null where either edition has no answers"
)


def _percent(score: Score | None) -> float | None:
    return None if score is None or score.percent is None else float(score.percent)


def _difference(a: Score | None, b: Score | None) -> dict[str, float | None]:
    pa, pb = _percent(a), _percent(b)
    return {
        "a_percent": pa,
        "b_percent": pb,
        "difference": None if pa is None or pb is None else pb - pa,
    }


def _union(first: Iterable[Any], second: Iterable[Any]) -> list[Any]:
    """Keys of both editions, in the first edition's order then the second's new ones."""
    seen = list(first)
    return seen + [k for k in second if k not in seen]


def differences(a: Results, b: Results) -> dict[str, Any]:
    goals_a, goals_b = {g.goal: g.score for g in a.goals}, {g.goal: g.score for g in b.goals}
    areas_a, areas_b = {x.area: x.score for x in a.areas}, {x.area: x.score for x in b.areas}
    pil_a, pil_b = {p.pillar: p.score for p in a.pillars}, {p.pillar: p.score for p in b.pillars}
    return {
        "method": METHOD,
        "overall": _difference(a.overall, b.overall),
        "goals": [
            {"goal": g, **_difference(goals_a.get(g), goals_b.get(g))}
            for g in sorted(_union(goals_a, goals_b))
        ],
        "areas": [
            {"area": n, **_difference(areas_a.get(n), areas_b.get(n))}
            for n in sorted(_union(areas_a, areas_b))
        ],
        "pillars": [
            {"pillar": k, **_difference(pil_a.get(k), pil_b.get(k))} for k in _union(pil_a, pil_b)
        ],
    }


def core_compare() -> Callable[[Results, Results], object] | None:
    """``scorecard.analysis.compare`` if the core has it (looked up at call time)."""
    found = getattr(importlib.import_module("scorecard.analysis"), "compare", None)
    return found if callable(found) else None


def _plain(value: object) -> object:
    if isinstance(value, Fraction):
        return float(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def core_json(a: Results, b: Results) -> dict[str, Any] | None:
    """The core comparison as JSON-ready data, or None when the core has none."""
    compare = core_compare()
    if compare is None:
        return None
    result = compare(a, b)
    to_json = getattr(result, "to_json", None)
    data = to_json() if callable(to_json) else result
    plain = json.loads(json.dumps(data, default=_plain, allow_nan=False))
    return plain if isinstance(plain, dict) else {"result": plain}
