"""Answers as arrays: the one shape every reader (interop) produces and the analysis reads.

DESIGN.md suggested a dense respondents x goals x areas matrix. We keep the
layout of storage instead, one row per respondent x goal, because respondents
rate only the goals they know: a 1,000,000-respondent edition with about 5 of
17 goals each is 5M rows x 10 areas (50 MB) rather than 170 MB, and counting
it is 3-4x faster (benchmarks/). A dense view is one call away for tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from scorecard.method import Framework

MISSING = -128
"""Sentinel for "don't know / not assessed": METHOD says missing, never 0."""

Int8Array = npt.NDArray[np.int8]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_NO_MASK: BoolArray = np.zeros((0, 0), dtype=np.bool_)
"""The default of ``Answers.dont_know``: replaced by an all-False view that takes no memory."""


def _all_false(shape: tuple[int, ...]) -> BoolArray:
    """An all-False mask of any size in no memory (a read-only broadcast of one False)."""
    return np.broadcast_to(np.False_, shape)


def _is_all_false_view(mask: BoolArray) -> bool:
    return mask.size == 0 or mask.strides == (0,) * mask.ndim


@dataclass(frozen=True)
class Categorical:
    """A text column stored as codes; -1 is missing. Labels keep their first spelling."""

    codes: npt.NDArray[np.int32]
    labels: tuple[str, ...]

    @classmethod
    def from_values(cls, values: Iterable[str | None]) -> Categorical:
        index: dict[str, int] = {}
        labels: list[str] = []
        codes: list[int] = []
        for raw in values:
            text = (raw or "").strip()
            if not text:
                codes.append(-1)
                continue
            key = text.casefold()
            if key not in index:
                index[key] = len(labels)
                labels.append(text)
            codes.append(index[key])
        return cls(np.asarray(codes, dtype=np.int32), tuple(labels))

    def __len__(self) -> int:
        return len(self.codes)

    def value(self, i: int) -> str | None:
        code = int(self.codes[i])
        return None if code < 0 else self.labels[code]

    def take(self, rows: npt.NDArray[np.intp]) -> Categorical:
        return Categorical(self.codes[rows], self.labels)


@dataclass(frozen=True)
class Respondents:
    """The respondent table. No names or e-mails: ids are whatever the source used.

    ``other_text``: per field (sector, gender), what each respondent wrote where the
    answer matched no choice and was kept as "Other" ("" elsewhere). Stored for the
    coordinators, never grouped by or shown in an output; empty when nobody wrote any.
    """

    ids: tuple[str, ...]
    sector: Categorical
    gender: Categorical
    region: Categorical
    age: npt.NDArray[np.int16]  # -1 = not given
    other_text: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(
        cls,
        ids: Sequence[str],
        sector: Sequence[str | None] | None = None,
        gender: Sequence[str | None] | None = None,
        region: Sequence[str | None] | None = None,
        age: Sequence[int | None] | None = None,
        other_text: Mapping[str, Sequence[str]] | None = None,
    ) -> Respondents:
        n = len(ids)
        blank: list[str | None] = [None] * n
        ages = np.asarray([-1 if a is None else a for a in (age or [None] * n)], dtype=np.int16)
        others = {k: tuple(v) for k, v in (other_text or {}).items() if any(v)}
        if any(len(v) != n for v in others.values()):
            raise ValueError("other_text needs one entry per respondent")
        return cls(
            tuple(ids),
            Categorical.from_values(sector or blank),
            Categorical.from_values(gender or blank),
            Categorical.from_values(region or blank),
            ages,
            others,
        )


@dataclass(frozen=True)
class Comment:
    """A respondent's comment on a goal. ``respondent`` indexes the table; never output."""

    respondent: int
    goal: int
    text: str


@dataclass(frozen=True)
class Answers:
    """All answers of one edition.

    ``row_respondent[i]`` and ``row_goal[i]`` (an index into ``framework.goals``)
    say whose answers to which goal ``scores[i]`` holds, one column per key area
    in framework order, ``MISSING`` where not assessed. A respondent x goal pair
    appears at most once.

    ``dont_know`` tells the two kinds of MISSING apart where the source did: True
    where the respondent chose "Don't know", False where they left the area empty
    (or the source could not say). The figures read only ``scores``, so both count
    as missing; the mask is kept for the canonical file (``dk`` vs empty) and the
    questionnaire. A row may hold "Don't know" alone, with no score. Left out, it
    is an all-False view that costs no memory.
    """

    framework: Framework
    respondents: Respondents
    row_respondent: npt.NDArray[np.int32]
    row_goal: npt.NDArray[np.int16]
    scores: Int8Array
    comments: tuple[Comment, ...] = ()
    dont_know: BoolArray = field(default_factory=lambda: _NO_MASK)

    def __post_init__(self) -> None:
        rows = len(self.row_respondent)
        if self.scores.shape != (rows, len(self.framework.areas)) or len(self.row_goal) != rows:
            raise ValueError("answers arrays disagree in shape")
        if self.scores.dtype != np.int8:
            raise ValueError("scores must be int8")
        if self.dont_know is _NO_MASK:
            object.__setattr__(self, "dont_know", _all_false(self.scores.shape))
        elif self.dont_know.shape != self.scores.shape or self.dont_know.dtype != np.bool_:
            raise ValueError("the don't-know mask must be a bool array shaped like the scores")
        elif self.has_dont_know and (self.dont_know & (self.scores != MISSING)).any():
            raise ValueError('a cell holds both a score and "don\'t know"')
        scale = self.framework.scale
        outside = (self.scores != MISSING) & (
            (self.scores < scale.minimum) | (self.scores > scale.maximum)
        )
        if outside.any():
            raise ValueError(f"answers outside the scale {scale}")

    @property
    def has_dont_know(self) -> bool:
        """Whether any cell says "don't know"; free when the mask was never given."""
        return not _is_all_false_view(self.dont_know) and bool(self.dont_know.any())

    def rated_rows(self) -> BoolArray:
        """Rows with at least one score (a row may hold "don't know" alone)."""
        rated: BoolArray = (self.scores != MISSING).any(axis=1)
        return rated

    @classmethod
    def from_dense(
        cls,
        framework: Framework,
        respondents: Respondents,
        matrix: Int8Array,
        comments: tuple[Comment, ...] = (),
        dont_know: BoolArray | None = None,
    ) -> Answers:
        """From a respondents x goals x areas matrix (and, where the source tells it, the
        same shape of "don't know" marks); rows with neither a score nor a mark are dropped."""
        matrix = np.asarray(matrix, dtype=np.int8)
        expected = (len(respondents), len(framework.goals), len(framework.areas))
        if matrix.shape != expected:
            raise ValueError(f"matrix shape {matrix.shape} != {expected}")
        if dont_know is not None and dont_know.shape != expected:
            raise ValueError(f"don't-know shape {dont_know.shape} != {expected}")
        has_any = (matrix != MISSING).any(axis=2)
        marks = dont_know if dont_know is not None and dont_know.any() else None
        if marks is not None:
            has_any |= marks.any(axis=2)
        r, g = np.nonzero(has_any)
        return cls(
            framework,
            respondents,
            r.astype(np.int32),
            g.astype(np.int16),
            np.ascontiguousarray(matrix[r, g]),
            comments,
            _NO_MASK if marks is None else np.ascontiguousarray(marks[r, g], dtype=np.bool_),
        )

    def to_dense(self) -> Int8Array:
        shape = (len(self.respondents), len(self.framework.goals), len(self.framework.areas))
        dense = np.full(shape, MISSING, dtype=np.int8)
        dense[self.row_respondent, self.row_goal] = self.scores
        return dense

    def dont_know_dense(self) -> BoolArray:
        """The "don't know" marks as a respondents x goals x areas matrix, like ``to_dense``."""
        shape = (len(self.respondents), len(self.framework.goals), len(self.framework.areas))
        dense = np.zeros(shape, dtype=np.bool_)
        if self.has_dont_know:
            dense[self.row_respondent, self.row_goal] = self.dont_know
        return dense

    def select(self, keep: npt.NDArray[np.bool_]) -> Answers:
        """Only the respondents where ``keep`` is true (a subgroup), renumbered."""
        rows = np.flatnonzero(keep)
        new_index = np.full(len(self.respondents), -1, dtype=np.int32)
        new_index[rows] = np.arange(len(rows), dtype=np.int32)
        r = self.respondents
        sub = Respondents(
            tuple(r.ids[i] for i in rows),
            r.sector.take(rows),
            r.gender.take(rows),
            r.region.take(rows),
            r.age[rows],
            {name: tuple(texts[i] for i in rows) for name, texts in r.other_text.items()},
        )
        row_keep = keep[self.row_respondent]
        comments = tuple(
            Comment(int(new_index[c.respondent]), c.goal, c.text)
            for c in self.comments
            if keep[c.respondent]
        )
        return Answers(
            self.framework,
            sub,
            new_index[self.row_respondent[row_keep]],
            self.row_goal[row_keep],
            self.scores[row_keep],
            comments,
            self.dont_know[row_keep] if self.has_dont_know else _NO_MASK,
        )
