"""Comparison and synthesis from stored editions (the statistics are in the core)."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from scorecard.analysis import Answers, Results, analyse
from scorecard.analysis.compare import Comparison, compare
from scorecard.analysis.network import Synthesis, synthesise
from scorecard.web.editions.models import Edition
from scorecard.web.networks.models import Comparable, Network
from scorecard.web.responses.store import load_answers


def analysed(edition: Edition) -> tuple[Answers, Results]:
    answers = load_answers(edition)
    return answers, analyse(answers, edition.core())


def earlier_of(edition: Edition) -> Edition | None:
    link = Comparable.objects.filter(edition=edition).select_related("earlier").first()
    return link.earlier if link else None


Reader: TypeAlias = AbstractBaseUser | AnonymousUser


def earlier_for(edition: Edition, reader: Reader | None) -> tuple[Edition | None, bool]:
    """The declared earlier edition if ``reader`` may read it now, and whether one is hidden.

    Access is checked when the comparison is read, not only when it is declared: a role on
    the earlier edition removed since (or never held) hides it. ``reader=None`` is the
    system itself (publishing, the CLI), which may read everything.
    """
    earlier = earlier_of(edition)
    if earlier is None or reader is None or earlier.role_of(reader) is not None:
        return earlier, False
    return None, True


def comparison_for(
    edition: Edition, results: Results, answers: Answers, *, reader: Reader | None
) -> Comparison | None:
    """This edition against its declared earlier edition, or None (also when ``reader``
    may not read the earlier edition)."""
    earlier, _hidden = earlier_for(edition, reader)
    if earlier is None:
        return None
    before_answers, before = analysed(earlier)
    return compare(before, results, answers=[before_answers, answers])


def network_synthesis(network: Network) -> Synthesis | None:
    editions = list(network.editions.order_by("country", "-year"))
    latest: dict[str, Edition] = {}
    for e in editions:  # the newest edition of each country
        latest.setdefault(e.country, e)
    if not latest:
        return None
    return synthesise([(country, analysed(e)[1]) for country, e in sorted(latest.items())])
