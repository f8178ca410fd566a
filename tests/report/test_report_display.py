"""Display rounding and colours: halves away from zero, a real minus, legible ink."""

from __future__ import annotations

from fractions import Fraction

import pytest

from scorecard.report import display


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (Fraction(38), 1, "38.0"),
        (Fraction(77, 2), 0, "39"),  # 38.5: half rounds up, not to even
        (Fraction(-77, 2), 0, "\u221239"),
        (Fraction(2675, 1000), 2, "2.68"),  # 2.675 exactly; a float would give 2.67
        (Fraction(-1, 30), 1, "0.0"),  # no "-0.0"
        (Fraction(1, 3), 2, "0.33"),
        (Fraction(-5, 2), 2, "\u22122.50"),
    ],
    ids=["whole", "half-up", "half-down", "exact-half", "negative-zero", "third", "minus"],
)
def test_it_rounds_for_display(value: Fraction, digits: int, expected: str) -> None:
    assert display.number(value, digits) == expected


def test_it_writes_percent_and_mean() -> None:
    assert display.percent(Fraction(19, 10) * 20) == "38.0%"
    assert display.percent(Fraction(41), 0) == "41%"
    assert display.mean(Fraction(19, 10)) == "1.90"


@pytest.mark.parametrize(
    ("background", "ink"),
    [
        ("#006d2c", "#ffffff"),
        ("#c7e9c0", "#000000"),
        ("#FCC30B", "#000000"),
        ("#7f0000", "#ffffff"),
    ],
)
def test_it_picks_legible_ink(background: str, ink: str) -> None:
    assert display.text_colour_on(background) == ink
    assert display.contrast_ratio(ink, background) >= 4.5


def test_it_refuses_colours_that_are_not_hex() -> None:
    assert display.colour("#E5243B") == "#E5243B"
    assert display.colour("red; background: url(http://x)") == "#999999"
