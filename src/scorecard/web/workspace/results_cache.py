"""An edition's Results, computed once per version of its answers (issue 16, part 4).

The version is read from the database on every request, in one aggregate query, so
it holds across gunicorn workers and app servers while the cache itself is per process
(a small dictionary of immutable Results, so a hit costs no unpickling): a worker that
missed a change sees a new version and computes again. Nothing on the write side
changes, so the questionnaire's one-statement save stays as fast as it was. The version is

- the number of respondents, their highest pk and their latest ``updated``: an import
  or a new respondent raises the pk (an import replaces respondents by new rows), a
  deletion lowers the count, a profile edit moves ``updated``;
- the number of answer rows and their latest ``updated``: every upsert of a goal page
  sets ``updated`` to now, a deleted row lowers the count;
- the edition's own fields that reach the figures (goals and ``core()``).

The one change it can miss is an upsert whose ``updated`` is older than the newest row
while no count moves (two saves racing across the moment the figures are read): the
entry expires after ``TIMEOUT`` seconds at most, and the next save corrects it.
``SCORECARD_RESULTS_CACHE=0`` (settings.SCORECARD_RESULTS_CACHE) turns the cache off.

Other things that follow from the same answers (the edition page's profile counts and
its rendered table of answers per goal) are kept beside the Results under the same
version, through :func:`derived`, so the edition page reads the version once and
recomputes nothing it already has.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from django.conf import settings
from django.db.models import Count, Max

from scorecard.analysis import Results, analyse
from scorecard.web.editions.models import Edition
from scorecard.web.responses.store import load_answers

TIMEOUT = 600  # seconds: a backstop only, the version decides
ENTRIES = 32  # editions kept per process
T = TypeVar("T")


@dataclass
class Derived:
    """What one version of an edition's answers yields, computed on first use.

    ``keep`` is False when the cache is off: every part is then computed each time.
    """

    version: str
    created: float
    keep: bool = True
    parts: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, compute: Callable[[], T]) -> T:
        if not self.keep:
            return compute()
        if name not in self.parts:
            self.parts[name] = compute()
        return cast(T, self.parts[name])


_CACHE: OrderedDict[int, Derived] = OrderedDict()


# Over the edition's respondents and their answers; a caller may add aggregates of its
# own over the same rows and pass the figures to derived() (one query, not two).
VERSION = {
    "people": Count("pk", distinct=True),
    "last": Max("pk"),
    "touched": Max("updated"),
    "rows": Count("answers"),
    "answered": Max("answers__updated"),
}


def answers_version(edition: Edition, figures: dict[str, Any] | None = None) -> str:
    """A digest that changes with every save, import and deletion of the edition's answers.

    ``figures`` holds the values of :data:`VERSION` when the caller has read them.
    """
    if figures is None:
        figures = edition.respondents.aggregate(**VERSION)
    mine = sorted((name, figures[name]) for name in VERSION)
    parts = (mine, list(edition.goals or []), edition.core())
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def derived(edition: Edition, figures: dict[str, Any] | None = None) -> Derived:
    """The entry of the edition's current answers: one version query, then cached parts."""
    if not settings.SCORECARD_RESULTS_CACHE:
        return Derived("", 0.0, keep=False)
    version = answers_version(edition, figures)
    now = time.monotonic()
    hit = _CACHE.get(edition.pk)
    if hit is not None and hit.version == version and now - hit.created < TIMEOUT:
        _CACHE.move_to_end(edition.pk)
        return hit
    entry = _CACHE[edition.pk] = Derived(version, now)
    _CACHE.move_to_end(edition.pk)
    while len(_CACHE) > ENTRIES:
        _CACHE.popitem(last=False)
    return entry


def results_for(edition: Edition, entry: Derived | None = None) -> Results:
    """``analyse(load_answers(edition), edition.core())``, from the cache when unchanged."""
    return (entry or derived(edition)).get("results", lambda: _analyse(edition))


def _analyse(edition: Edition) -> Results:
    return analyse(load_answers(edition), edition.core())
