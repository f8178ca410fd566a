"""Files in and out. No Django: parsers return answers or raise an error naming file, row
and column."""

from __future__ import annotations

from scorecard.interop.canonical import (
    canonical_rows,
    escape_formula,
    read_answers,
    write_answers_csv,
)
from scorecard.interop.errors import AnswersFileError, Problem
from scorecard.interop.frameworks import load_framework
from scorecard.interop.tabular import DEFAULT_MAX_BYTES

__all__ = [
    "DEFAULT_MAX_BYTES",
    "AnswersFileError",
    "Problem",
    "canonical_rows",
    "escape_formula",
    "load_framework",
    "read_answers",
    "write_answers_csv",
]
