"""How a figure looks where a person reads it: rounding, signs and legible colours.

Results hold exact Fractions (analysis/results.py); rounding happens here and
nowhere earlier, so every output format shows the same digits for the same
figure. Halves round away from zero, as a reader rounding by hand would, not
to even as Python's ``round`` does.

Digits are then written in the language of the output (CLDR data through
Babel): "25.3%" in English, "25,3 %" in Russian (a non-breaking space before
the sign), "25,3%" in Kazakh, thousands apart by a non-breaking space. The
language is an argument; left out, it is the language of the output being
rendered, which the registry sets once per render (``speaking``), the way
gettext installs one catalogue: figures are written in some forty places
across a dozen modules that are handed only a gettext function, and one
forgotten argument would print an English "34.3%" in a Russian PDF beside a
Russian "34,2 %" on the web.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

MINUS = "\u2212"
"""A true minus sign: screen readers say "minus" and it lines up with digits."""


_LANGUAGE: ContextVar[str] = ContextVar("report_language", default="en")


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Figures written inside the block follow ``language``'s number format."""
    token = _LANGUAGE.set(language)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def current_language() -> str:
    return _LANGUAGE.get()


@cache
def _locale(language: str) -> Locale:
    """The CLDR locale, or English for a code CLDR does not know (never a failed report).

    Babel loads on first use (about 0.1 s), not when the report package is imported.
    """
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def rounded(value: Fraction, digits: int) -> Decimal:
    """``value`` rounded half away from zero, exactly (no binary float on the way)."""
    scaled = value * 10**digits
    whole = math.floor(abs(scaled) + Fraction(1, 2))
    return Decimal(-whole if scaled < 0 else whole).scaleb(-digits)


def number(value: Fraction | int, digits: int, language: str | None = None) -> str:
    """``value`` with ``digits`` decimals in the language's format, a true minus before it.

    The charts call this too, so a bar's label and the table beside it agree.
    """
    from babel.numbers import format_decimal

    shown = rounded(Fraction(value), digits)
    if shown == 0:
        shown = abs(shown)  # "-0.0" would claim a sign the rounded figure lacks
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    text = format_decimal(abs(shown), pattern, locale=_locale(language or current_language()))
    return MINUS + text if shown < 0 else text


def signed(value: Fraction | int, digits: int, language: str | None = None) -> str:
    """A change: "+3.5", "−2.0" or "0.0", since a difference without its sign reads as a level."""
    text = number(value, digits, language)
    return f"+{text}" if rounded(Fraction(value), digits) > 0 else text


def count(value: int, language: str | None = None) -> str:
    """A whole count, grouped as the language groups thousands ("10 000" in Russian)."""
    return number(value, 0, language)


@cache
def _percent_affixes(language: str) -> tuple[str, str]:
    """What CLDR puts before and after the digits of a percent (" %" in Russian)."""
    pattern = _locale(language).percent_formats[None].pattern.split(";")[0]
    digits = re.search(r"[#0,.]+", pattern)
    if digits is None:  # no known locale lacks digits; keep the English form then
        return "", "%"
    return pattern[: digits.start()].replace("'", ""), pattern[digits.end() :].replace("'", "")


def percent(value: Fraction | int, digits: int = 1, language: str | None = None) -> str:
    before, after = _percent_affixes(language or current_language())
    return f"{before}{number(value, digits, language)}{after}"


def percent_sign(language: str | None = None) -> str:
    """The sign alone, for a heading that says "%" once instead of in every cell."""
    return _percent_affixes(language or current_language())[1].strip() or "%"


def mean(value: Fraction, language: str | None = None) -> str:
    return number(value, 2, language)


def excel_percent_format(digits: int, language: str | None = None) -> str:
    """A spreadsheet number format for a figure already in percent (38.0 shown as 38.0%).

    The file always stores "." and ","; the reader's spreadsheet program puts its
    own separators in. Only the space before the sign is the language's to set.
    """
    before, after = _percent_affixes(language or current_language())
    decimals = "." + "0" * digits if digits > 0 else ""
    return f"{_quoted(before)}#,##0{decimals}{_quoted(after)}"


def _quoted(affix: str) -> str:
    return f'"{affix}"' if affix else ""


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


def date(value: datetime.date, language: str | None = None) -> str:
    """A day as the language writes it in running text ("12 мая 2022 г.", "May 12, 2022")."""
    from babel.dates import format_date

    return format_date(value, "long", locale=_locale(language or current_language()))


def excel_date_format(language: str | None = None) -> str:
    """The language's short date (CLDR) as a spreadsheet format: "DD.MM.YYYY" in Russian.

    The cell keeps a real date, so it still sorts and filters; the year is always
    written in full, as a two-digit year reads ambiguously in a table.
    """
    from babel.dates import get_date_format

    pattern = get_date_format("short", locale=_locale(language or current_language())).pattern
    pattern = re.sub(r"y+", "YYYY", pattern)
    return re.sub(r"d+", lambda m: "D" * len(m.group()), pattern).replace("'", '"')
