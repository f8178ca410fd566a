"""A profile fit to publish: groups too small to show are merged into one (METHOD "Respondents").

A profile row "Other: 1" beside a report's quotes points at one person. So every
published output shows, per profile field, only groups of at least
``thresholds.suppression`` respondents (the threshold the groups view suppresses
with, analysis.groups) and merges the smaller ones into "Other (fewer than N)".

The merged group must not give a small group away by subtraction: the total n is
printed, so a merged group holding a single small group would be that group. When
only one group is small, the next-smallest joins it, and groups keep joining while
the merged group is under the threshold. Respondents who left the field blank
("Not stated", n minus the groups) count as a group under this rule: left out they
would be found by subtraction, and shown below the threshold they single people out.

The ages a profile prints are the youngest, the oldest and the mean: with fewer
than the threshold giving their age, they describe too few people and are withheld.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Mapping
from fractions import Fraction
from typing import TypeVar

from scorecard.analysis.results import Profile, Results, Share

OTHER_GROUP = "Other (fewer than %(n)s)"
"""The merged group's English label; a msgid the report catalogue translates."""

K = TypeVar("K", bound=Hashable)


def merged_groups(counts: Mapping[K, int], threshold: int) -> frozenset[K]:
    """The groups that go into the merged one; empty when every group is big enough.

    Every non-empty group under the threshold, then the smallest others (the first
    listed on a tie) until together they reach the threshold, or no group is left.
    That also makes a lone small group take a partner: alone it is under the threshold.
    """
    present = {k: c for k, c in counts.items() if c > 0}
    chosen = {k for k, c in present.items() if c < threshold}
    if not chosen:
        return frozenset()
    total = sum(present[k] for k in chosen)
    for key in sorted((k for k in present if k not in chosen), key=lambda k: present[k]):
        if total >= threshold:
            break
        chosen.add(key)
        total += present[key]
    return frozenset(chosen)


def anonymous_shares(shares: tuple[Share, ...], n: int, threshold: int) -> tuple[Share, ...]:
    """The shown groups in their order, then the merged group; "Not stated" stays implied."""
    if not shares or any(s.merged for s in shares):
        return shares
    counts: dict[int | None, int] = {i: s.count for i, s in enumerate(shares)}
    counts[None] = n - sum(counts.values())  # not stated
    chosen = merged_groups(counts, threshold)
    if not chosen:
        return shares
    count = sum(counts[k] for k in chosen)
    other = Share(OTHER_GROUP % {"n": threshold}, count, Fraction(count * 100, n), merged=True)
    return (*(s for i, s in enumerate(shares) if i not in chosen), other)


def anonymous_profile(profile: Profile, threshold: int) -> Profile:
    n = profile.n
    few_ages = profile.age_n < threshold
    return dataclasses.replace(
        profile,
        gender=anonymous_shares(profile.gender, n, threshold),
        sector=anonymous_shares(profile.sector, n, threshold),
        region=anonymous_shares(profile.region, n, threshold),
        age_min=None if few_ages else profile.age_min,
        age_max=None if few_ages else profile.age_max,
        age_mean=None if few_ages else profile.age_mean,
    )


def anonymous(results: Results) -> Results:
    """The results every published output shows: the same figures, the profile merged."""
    threshold = results.framework.thresholds.suppression
    return dataclasses.replace(results, profile=anonymous_profile(results.profile, threshold))
