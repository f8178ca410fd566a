"""The leading quote that keeps text cells of the canonical file from running as formulas.

A module of its own because both sides need it: the writer (canonical.py) adds the
quote, the one validating builder (importers/build.py) removes it again, and the
canonical reader is that builder.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Defuse spreadsheet formulas: a text cell that starts like one gets a leading quote.

    Text that already starts with a quote gets one more, so reading back is exact.
    """
    return "'" + text if text.startswith((*FORMULA_START, "'")) else text


def unescape_formula(text: str) -> str:
    if text.startswith("'") and text[1:].startswith((*FORMULA_START, "'")):
        return text[1:]
    return text
