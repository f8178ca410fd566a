"""The framework as data (METHOD.md "The framework"): the default and custom files."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest

from scorecard.method import FrameworkError, default_framework, framework_from_text

# Official UN SDG colours (the UN communications guidelines), written out independently.
UN_COLOURS = {
    1: "#E5243B",
    2: "#DDA63A",
    3: "#4C9F38",
    4: "#C5192D",
    5: "#FF3A21",
    6: "#26BDE2",
    7: "#FCC30B",
    8: "#A21942",
    9: "#FD6925",
    10: "#DD1367",
    11: "#FD9D24",
    12: "#BF8B2E",
    13: "#3F7E44",
    14: "#0A97D9",
    15: "#56C02B",
    16: "#00689D",
    17: "#19486A",
}

# METHOD's table of key areas and pillars.
PILLAR_OF_AREA = {
    1: "Policy environment",
    2: "Policy environment",
    3: "Institutional capacity",
    4: "Institutional capacity",
    5: "Institutional capacity",
    6: "Inclusiveness",
    7: "Inclusiveness",
    8: "Inclusiveness",
    9: "Inclusiveness",
    10: "Inclusiveness",
}


def test_it_has_the_17_goals_with_their_un_colours() -> None:
    fw = default_framework()
    assert fw.goal_numbers == tuple(range(1, 18))
    assert {g.number: g.colour.upper() for g in fw.goals} == UN_COLOURS
    assert all(g.name.strip() for g in fw.goals)


def test_it_has_10_areas_in_3_pillars() -> None:
    fw = default_framework()
    assert fw.area_numbers == tuple(range(1, 11))
    assert [p.name for p in fw.pillars] == [
        "Policy environment",
        "Institutional capacity",
        "Inclusiveness",
    ]
    assert {a.number: fw.pillar(a.pillar).name for a in fw.areas} == PILLAR_OF_AREA
    by_pillar = {p.name: [a.number for a in fw.areas_of(p.key)] for p in fw.pillars}
    assert by_pillar == {
        "Policy environment": [1, 2],
        "Institutional capacity": [3, 4, 5],
        "Inclusiveness": [6, 7, 8, 9, 10],
    }


def test_it_uses_the_minus_5_to_5_scale_and_the_method_thresholds() -> None:
    fw = default_framework()
    assert (fw.scale.minimum, fw.scale.maximum, fw.scale.no_progress) == (-5, 5, 0)
    assert list(fw.scale.values) == list(range(-5, 6))
    assert "dk" in fw.scale.dont_know
    th = fw.thresholds
    assert (th.highest_above, th.lowest_below, th.suppression) == (40, 30, 5)


@pytest.mark.parametrize(
    ("mean", "percent"),
    [("-5", "-100"), ("-4", "-80"), ("0", "0"), ("1.9", "38"), ("5", "100")],
    ids=["-5", "-4", "0", "1.9", "5"],
)
def test_it_maps_the_default_scale_to_mean_times_20(mean: str, percent: str) -> None:
    assert default_framework().scale.percent(Fraction(mean)) == Fraction(percent)


def test_it_restricts_an_edition_to_some_goals_in_framework_order() -> None:
    fw = default_framework().with_goals((17, 3, 5))
    assert fw.goal_numbers == (3, 5, 17)
    assert fw.area_numbers == tuple(range(1, 11))
    with pytest.raises(FrameworkError, match="18"):
        default_framework().with_goals((1, 18))


# A network's own framework: 1-5, 1 = no progress, so only bands from 0 to 100%.
CUSTOM: dict[str, Any] = {
    "name": "Five points",
    "version": "1",
    "scale": {"min": 1, "max": 5, "no_progress": 1},
    "thresholds": {"highest_above": 50, "lowest_below": 25, "suppression": 3},
    "pillars": [{"key": "p", "name": "Policy"}, {"key": "q", "name": "Practice"}],
    "areas": [
        {"number": 1, "name": "Plans", "pillar": "p"},
        {"number": 2, "name": "Laws", "pillar": "p"},
        {"number": 3, "name": "Delivery", "pillar": "q"},
    ],
    "goals": [
        {"number": 1, "name": "No poverty", "colour": "#E5243B"},
        {"number": 4, "name": "Quality education", "colour": "#C5192D"},
    ],
    "bands": [
        {"name": "None", "min": 0, "max": 0},
        {"name": "Very low", "min": 0, "max": 20},
        {"name": "Low", "min": 20, "max": 40},
        {"name": "Medium", "min": 40, "max": 60},
        {"name": "High", "min": 60, "max": 80},
        {"name": "Very high", "min": 80, "max": 100},
    ],
}


def _toml_value(value: Any) -> str:
    return json.dumps(value)  # str, int, float and bool literals read the same in TOML


def to_toml(data: dict[str, Any]) -> str:
    """Just enough TOML for CUSTOM: top-level values, tables, arrays of tables."""
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, dict | list)]
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"[{key}]")
            lines += [f"{k} = {_toml_value(v)}" for k, v in value.items()]
        elif isinstance(value, list):
            for item in value:
                lines.append(f"[[{key}]]")
                lines += [f"{k} = {_toml_value(v)}" for k, v in item.items()]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("source", "render"),
    [("five.toml", to_toml), ("five.json", json.dumps)],
    ids=["toml", "json"],
)
def test_it_loads_a_custom_1_to_5_framework(
    source: str, render: Callable[[dict[str, Any]], str]
) -> None:
    fw = framework_from_text(render(CUSTOM), source)
    assert fw.name == "Five points"
    assert (fw.scale.minimum, fw.scale.maximum, fw.scale.no_progress) == (1, 5, 1)
    assert fw.goal_numbers == (1, 4)
    assert fw.area_numbers == (1, 2, 3)
    assert [a.number for a in fw.areas_of("q")] == [3]
    th = fw.thresholds
    assert (th.highest_above, th.lowest_below, th.suppression) == (50, 25, 3)
    assert [b.name for b in fw.bands] == ["None", "Very low", "Low", "Medium", "High", "Very high"]


# (mean - 1) / 4 x 100, by hand.
FIVE_POINT = [
    ("1", "0", "None"),
    ("1.8", "20", "Very low"),  # 0.8 / 4 = 0.2
    ("2", "25", "Low"),  # 1 / 4
    ("2.6", "40", "Low"),  # 1.6 / 4 = 0.4: a boundary, Low
    ("3", "50", "Medium"),  # 2 / 4
    ("3.4", "60", "Medium"),  # 2.4 / 4 = 0.6: a boundary, Medium
    ("4.2", "80", "High"),  # 3.2 / 4 = 0.8: a boundary, High
    ("13/3", "250/3", "Very high"),  # (10/3) / 4 = 5/6 -> 83.33%
    ("5", "100", "Very high"),
]


@pytest.mark.parametrize(
    ("mean", "percent", "band"), FIVE_POINT, ids=[f"mean {m}" for m, _, _ in FIVE_POINT]
)
def test_it_maps_a_1_to_5_mean_to_percent_linearly(mean: str, percent: str, band: str) -> None:
    fw = framework_from_text(to_toml(CUSTOM), "five.toml")
    got = fw.scale.percent(Fraction(mean))
    assert got == Fraction(percent)
    assert fw.band(got).name == band


def _with(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(CUSTOM)
    change(data)
    return data


def _set_bands(*bands: tuple[str, int, int]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["bands"] = [{"name": n, "min": lo, "max": hi} for n, lo, hi in bands]

    return change


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


# (id, change, field named in the message, words of the message)
INVALID: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    (
        "bands with a gap",
        _set_bands(("None", 0, 0), ("Low", 0, 20), ("High", 25, 100)),
        "bands",
        "no band",
    ),
    (
        "overlapping bands",
        _set_bands(("None", 0, 0), ("Low", 0, 30), ("High", 20, 100)),
        "bands",
        "several bands",
    ),
    (
        "band missing zero",
        _set_bands(("Low", 0, 50), ("High", 50, 100)),
        "bands",
        "no band",
    ),
    ("area with unknown pillar", _set(("areas", 1, "pillar"), "nowhere"), "areas[1].pillar", ""),
    ("duplicate goal number", _set(("goals", 1, "number"), 1), "goals", "twice"),
    ("duplicate area number", _set(("areas", 2, "number"), 2), "areas", "twice"),
    ("non-integer scale max", _set(("scale", "max"), 5.5), "scale.max", "whole number"),
    ("text scale min", _set(("scale", "min"), "1"), "scale.min", "whole number"),
    ("no_progress at the top", _set(("scale", "no_progress"), 5), "scale", ""),
    ("goal without a name", _set(("goals", 0, "name"), " "), "goals[0].name", ""),
    ("no areas", _set(("areas",), []), "areas", ""),
    (
        "text threshold",
        _set(("thresholds", "highest_above"), "forty"),
        "thresholds.highest_above",
        "",
    ),
    (
        "non-integer threshold",
        _set(("thresholds", "lowest_below"), 30.5),
        "thresholds.lowest_below",
        "",
    ),
]


@pytest.mark.parametrize("source", ["bad.toml", "bad.json"], ids=["toml", "json"])
@pytest.mark.parametrize(
    ("change", "field", "words"),
    [(c, f, w) for _, c, f, w in INVALID],
    ids=[i for i, _, _, _ in INVALID],
)
def test_it_refuses_an_invalid_framework_naming_source_and_field(
    source: str, change: Callable[[dict[str, Any]], None], field: str, words: str
) -> None:
    data = _with(change)
    text = json.dumps(data) if source.endswith(".json") else to_toml(data)
    with pytest.raises(FrameworkError) as caught:
        framework_from_text(text, source)
    message = str(caught.value)
    assert source in message
    assert f"field {field}" in message
    assert words in message


@pytest.mark.parametrize(
    ("source", "text", "kind"),
    [
        ("broken.toml", 'name = "x"\n[scale\nmin = 1\n', "TOML"),
        ("broken.json", '{"name": "x", "scale": {', "JSON"),
        ("list.json", "[1, 2]", "top level"),
    ],
    ids=["toml", "json", "json list"],
)
def test_it_refuses_text_that_does_not_parse(source: str, text: str, kind: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        framework_from_text(text, source)
    assert source in str(caught.value)
    assert kind in str(caught.value)
