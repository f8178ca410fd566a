"""How a figure looks where a person reads it: rounding, signs and legible colours.

Results hold exact Fractions (analysis/results.py); rounding happens here and
nowhere earlier, so every output format shows the same digits for the same
figure. Halves round away from zero, as a reader rounding by hand would, not
to even as Python's ``round`` does.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction

MINUS = "\u2212"
"""A true minus sign: screen readers say "minus" and it lines up with digits."""


def rounded(value: Fraction, digits: int) -> Decimal:
    """``value`` rounded half away from zero, exactly (no binary float on the way)."""
    scaled = value * 10**digits
    whole = math.floor(abs(scaled) + Fraction(1, 2))
    return Decimal(-whole if scaled < 0 else whole).scaleb(-digits)


def number(value: Fraction, digits: int) -> str:
    shown = rounded(value, digits)
    if shown == 0:
        shown = abs(shown)  # "-0.0" would claim a sign the rounded figure lacks
    text = f"{shown:.{digits}f}"
    return text.replace("-", MINUS)


def percent(value: Fraction, digits: int = 1) -> str:
    return f"{number(value, digits)}%"


def mean(value: Fraction) -> str:
    return number(value, 2)


_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def colour(value: str, fallback: str = "#999999") -> str:
    """A ``#rgb``/``#rrggbb`` colour from a framework file, or ``fallback``.

    Colours land in inline CSS, where HTML escaping does not help; a framework
    file is configuration, but a typo must not break the page or inject styles.
    """
    return value if _HEX.fullmatch(value) else fallback


def _luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#rrggbb`` colour."""
    raw = hex_colour.lstrip("#")
    if len(raw) == 3:
        raw = "".join(c * 2 for c in raw)
    channels = [int(raw[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    a, b = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG contrast)."""
    black, white = "#000000", "#ffffff"
    if contrast_ratio(black, background) >= contrast_ratio(white, background):
        return black
    return white
