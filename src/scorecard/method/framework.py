"""The framework as data: goals, key areas, pillars, scale, bands and thresholds.

METHOD.md: scale, areas, pillars and bands are configuration, not code, so a
network that uses a 1-5 scale or other key areas writes a TOML or JSON file
instead of a patch. Everything here is immutable and does no I/O beyond
reading the one file it is asked to load.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

DEFAULT_DONT_KNOW = ("dk", "don't know", "not assessed", "n/a")


class FrameworkError(ValueError):
    """A framework file that cannot be used; the message names the file and field."""


@dataclass(frozen=True)
class Goal:
    number: int
    name: str
    colour: str


@dataclass(frozen=True)
class Pillar:
    key: str
    name: str


@dataclass(frozen=True)
class Area:
    number: int
    name: str
    pillar: str
    description: str = ""


@dataclass(frozen=True)
class Scale:
    """A whole-number answer scale and its linear map to percent.

    METHOD: the point meaning "no progress" is 0% and the top of the scale is
    100%, so percent = (mean - no_progress) / (max - no_progress) x 100.
    """

    minimum: int
    maximum: int
    no_progress: int
    dont_know: tuple[str, ...] = DEFAULT_DONT_KNOW

    @property
    def values(self) -> range:
        return range(self.minimum, self.maximum + 1)

    def percent(self, mean: Fraction) -> Fraction:
        return (mean - self.no_progress) * 100 / (self.maximum - self.no_progress)

    def __str__(self) -> str:
        return f"{self.minimum}..{self.maximum}"


@dataclass(frozen=True)
class Band:
    """A progress band. METHOD: a boundary belongs to the band nearer zero."""

    name: str
    minimum: int
    maximum: int
    colour: str = "#999999"

    def holds(self, percent: Fraction) -> bool:
        if self.minimum == self.maximum:
            return percent == self.minimum
        if self.minimum >= 0:
            return self.minimum < percent <= self.maximum
        return self.minimum <= percent < self.maximum


@dataclass(frozen=True)
class Thresholds:
    highest_above: int = 40
    lowest_below: int = 30
    suppression: int = 5


@dataclass(frozen=True)
class Framework:
    name: str
    version: str
    scale: Scale
    goals: tuple[Goal, ...]
    pillars: tuple[Pillar, ...]
    areas: tuple[Area, ...]
    bands: tuple[Band, ...]
    thresholds: Thresholds

    def goal(self, number: int) -> Goal:
        for goal in self.goals:
            if goal.number == number:
                return goal
        raise KeyError(number)

    def pillar(self, key: str) -> Pillar:
        for pillar in self.pillars:
            if pillar.key == key:
                return pillar
        raise KeyError(key)

    @property
    def goal_numbers(self) -> tuple[int, ...]:
        return tuple(g.number for g in self.goals)

    @property
    def area_numbers(self) -> tuple[int, ...]:
        return tuple(a.number for a in self.areas)

    def areas_of(self, pillar_key: str) -> tuple[Area, ...]:
        return tuple(a for a in self.areas if a.pillar == pillar_key)

    def band(self, percent: Fraction) -> Band:
        """The band holding an exact percent; exact so 40% is never 40.000001%."""
        for band in self.bands:
            if band.holds(percent):
                return band
        raise ValueError(f"{float(percent)}% is outside every band of {self.name}")

    def with_goals(self, numbers: tuple[int, ...]) -> Framework:
        """The same framework restricted to an edition's goals, in framework order."""
        wanted = set(numbers)
        unknown = wanted - set(self.goal_numbers)
        if unknown:
            raise FrameworkError(f"goal(s) {sorted(unknown)} are not in framework {self.name}")
        goals = tuple(g for g in self.goals if g.number in wanted)
        return Framework(
            self.name,
            self.version,
            self.scale,
            goals,
            self.pillars,
            self.areas,
            self.bands,
            self.thresholds,
        )


@cache
def default_framework() -> Framework:
    # Package data shipped beside this module, not user I/O.
    text = resources.files("scorecard.method").joinpath("default.toml").read_text("utf-8")
    return framework_from_text(text, "default.toml")


def framework_from_text(text: str, source: str) -> Framework:
    """Parse framework text; JSON when ``source`` ends in .json, TOML otherwise.

    The caller reads the file (method does no I/O), ``source`` names it in errors.
    """
    try:
        data = json.loads(text) if source.lower().endswith(".json") else tomllib.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        kind = "JSON" if source.lower().endswith(".json") else "TOML"
        raise FrameworkError(f"{source}: not valid {kind}: {exc}") from exc
    if not isinstance(data, Mapping):
        raise FrameworkError(f"{source}: the top level must be a table")
    return parse_framework(data, source)


def parse_framework(data: Mapping[str, Any], source: str) -> Framework:
    reader = _Reader(source)
    scale_raw = reader.table(data, "scale")
    scale = Scale(
        reader.integer(scale_raw, "scale.min"),
        reader.integer(scale_raw, "scale.max"),
        reader.integer(scale_raw, "scale.no_progress"),
        tuple(str(x).casefold() for x in scale_raw.get("dont_know", DEFAULT_DONT_KNOW)),
    )
    if not scale.minimum <= scale.no_progress < scale.maximum:
        reader.fail("scale", "needs min <= no_progress < max")
    if scale.maximum - scale.minimum > 100:
        reader.fail("scale", "may have at most 101 points")
    if scale.minimum < -100 or scale.maximum > 100:
        reader.fail("scale", "values must lie within -100..100")
    th = data.get("thresholds", {})
    if not isinstance(th, Mapping):
        reader.fail("thresholds", "is not a table")
    th = {"highest_above": 40, "lowest_below": 30, "suppression": 5, **th}
    thresholds = Thresholds(
        reader.integer(th, "thresholds.highest_above"),
        reader.integer(th, "thresholds.lowest_below"),
        reader.integer(th, "thresholds.suppression"),
    )
    if thresholds.suppression < 1:
        reader.fail("thresholds.suppression", "must be at least 1")
    pillars = tuple(
        Pillar(reader.text(p, f"pillars[{i}].key"), reader.text(p, f"pillars[{i}].name"))
        for i, p in enumerate(reader.array(data, "pillars"))
    )
    pillar_keys = {p.key for p in pillars}
    areas = []
    for i, a in enumerate(reader.array(data, "areas")):
        area = Area(
            reader.integer(a, f"areas[{i}].number"),
            reader.text(a, f"areas[{i}].name"),
            reader.text(a, f"areas[{i}].pillar"),
            str(a.get("description", "")),
        )
        if area.pillar not in pillar_keys:
            reader.fail(f"areas[{i}].pillar", f"names unknown pillar {area.pillar!r}")
        areas.append(area)
    goals = tuple(
        Goal(
            reader.integer(g, f"goals[{i}].number"),
            reader.text(g, f"goals[{i}].name"),
            str(g.get("colour", "#666666")),
        )
        for i, g in enumerate(reader.array(data, "goals"))
    )
    bands = tuple(
        Band(
            reader.text(b, f"bands[{i}].name"),
            reader.integer(b, f"bands[{i}].min"),
            reader.integer(b, f"bands[{i}].max"),
            str(b.get("colour", "#999999")),
        )
        for i, b in enumerate(reader.array(data, "bands"))
    )
    reader.unique([g.number for g in goals], "goals", "number")
    reader.unique([a.number for a in areas], "areas", "number")
    reader.unique([p.key for p in pillars], "pillars", "key")
    _check_bands(bands, scale, reader)
    return Framework(
        str(data.get("name", "Custom framework")),
        str(data.get("version", "")),
        scale,
        goals,
        pillars,
        tuple(areas),
        bands,
        thresholds,
    )


def framework_data(fw: Framework) -> dict[str, Any]:
    """The framework as plain data that ``parse_framework`` reads back to an equal one.

    A published version stores this, so a later change to ``default.toml`` or to an
    edition's goals cannot change a figure the public has already seen.
    """
    return {
        "name": fw.name,
        "version": fw.version,
        "scale": {
            "min": fw.scale.minimum,
            "max": fw.scale.maximum,
            "no_progress": fw.scale.no_progress,
            "dont_know": list(fw.scale.dont_know),
        },
        "thresholds": {
            "highest_above": fw.thresholds.highest_above,
            "lowest_below": fw.thresholds.lowest_below,
            "suppression": fw.thresholds.suppression,
        },
        "pillars": [{"key": p.key, "name": p.name} for p in fw.pillars],
        "areas": [
            {"number": a.number, "name": a.name, "pillar": a.pillar, "description": a.description}
            for a in fw.areas
        ],
        "goals": [{"number": g.number, "name": g.name, "colour": g.colour} for g in fw.goals],
        "bands": [
            {"name": b.name, "min": b.minimum, "max": b.maximum, "colour": b.colour}
            for b in fw.bands
        ],
    }


def _check_bands(bands: tuple[Band, ...], scale: Scale, reader: _Reader) -> None:
    """Every percent the scale can produce must fall in exactly one band."""
    lowest = scale.percent(Fraction(scale.minimum))
    probes: set[Fraction] = {Fraction(0), lowest, Fraction(100)}
    for band in bands:
        if band.minimum > band.maximum:
            reader.fail("bands", f"band {band.name!r} has min > max")
        for edge in (band.minimum, band.maximum):
            probes.update(
                {
                    Fraction(edge),
                    Fraction(edge) - Fraction(1, 1000),
                    Fraction(edge) + Fraction(1, 1000),
                }
            )
    for p in sorted(probes):
        if not lowest <= p <= 100:
            continue
        holders = [b.name for b in bands if b.holds(p)]
        if len(holders) != 1:
            what = "no band" if not holders else f"several bands ({', '.join(holders)})"
            reader.fail("bands", f"{float(p):g}% falls in {what}")


@dataclass(frozen=True)
class _Reader:
    source: str

    def fail(self, field: str, message: str) -> None:
        raise FrameworkError(f"{self.source}, field {field}: {message}")

    def table(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, Mapping):
            self.fail(key, "is missing or not a table")
        assert isinstance(value, Mapping)
        return value

    def array(self, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = data.get(key)
        if not isinstance(value, list) or not value:
            self.fail(key, "is missing or empty")
        assert isinstance(value, list)
        for i, item in enumerate(value):
            if not isinstance(item, Mapping):
                self.fail(f"{key}[{i}]", "is not a table")
        return value

    def integer(self, data: Mapping[str, Any], field: str) -> int:
        value = data.get(field.rsplit(".", 1)[-1])
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(field, f"must be a whole number, not {value!r}")
        assert isinstance(value, int)
        return value

    def text(self, data: Mapping[str, Any], field: str) -> str:
        value = data.get(field.rsplit(".", 1)[-1])
        if not isinstance(value, str) or not value.strip():
            self.fail(field, "must be non-empty text")
        assert isinstance(value, str)
        return value

    def unique(self, values: list[Any], key: str, field: str) -> None:
        seen: set[Any] = set()
        for v in values:
            if v in seen:
                self.fail(key, f"{field} {v!r} appears twice")
            seen.add(v)
