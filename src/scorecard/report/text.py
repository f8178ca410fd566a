"""Hostile text made inert: control characters out, spreadsheet formulas defused.

Respondents' comments and coordinators' narrative reach every format. HTML
escaping is the templates' job (autoescape); this module covers what escaping
cannot: C0 control characters, which break XML-based formats (XLSX, PPTX) and
can hide text, and cells that a spreadsheet program would run as a formula
(OWASP "CSV injection": text starting with = + - @ tab or CR).
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(text: str) -> str:
    """``text`` without C0 control characters; line breaks kept as ``\\n``, tabs kept.

    CR and CRLF become newlines first, so a Windows line break survives as one.
    """
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def formula_safe(text: str) -> str:
    """Cleaned text that no spreadsheet program evaluates: a leading ``'`` when needed.

    The check runs on the raw text (a leading tab or CR is a trigger too) and
    again after cleaning, since stripping a control character can expose an ``=``.
    """
    cleaned = clean(text)
    if text.startswith(FORMULA_START) or cleaned.startswith(FORMULA_START):
        return "'" + cleaned
    return cleaned
