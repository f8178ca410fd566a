"""Small profile groups merged for publishing (analysis.anonymity, docs/method.md "Respondents").

Hand-worked cases first, then properties over generated profiles: after merging,
every shown group has at least the threshold, the merged group does too unless it
holds every group, and no group under the threshold can be recovered by subtracting
the shown figures from n.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.analysis import OTHER_GROUP, Answers, Respondents, analyse, anonymous
from scorecard.analysis.anonymity import anonymous_shares, merged_groups
from scorecard.analysis.results import Share
from scorecard.method import default_framework

FAST = settings(max_examples=200, deadline=None)


def shares_of(counts: dict[str, int], n: int) -> tuple[Share, ...]:
    """Shares as analyse() lists them: non-empty groups, largest first, then by label."""
    order = sorted((k for k, c in counts.items() if c), key=lambda k: (-counts[k], k))
    return tuple(Share(k, counts[k], Fraction(counts[k] * 100, n)) for k in order)


def shown(shares: tuple[Share, ...]) -> dict[str, int]:
    return {s.label: s.count for s in shares}


def test_it_leaves_a_profile_without_small_groups_alone() -> None:
    shares = shares_of({"Female": 12, "Male": 9}, 26)  # 5 not stated: at the threshold
    assert anonymous_shares(shares, 26, 5) == shares


def test_it_merges_one_small_group_with_the_next_smallest() -> None:
    # Female 22, Male 15, Other 1 (n 38): Other alone would be 38 - 22 - 15 = 1; Male joins.
    out = anonymous_shares(shares_of({"Female": 22, "Male": 15, "Other": 1}, 38), 38, 5)
    assert shown(out) == {"Female": 22, "Other (fewer than 5)": 16}
    assert out[-1].merged
    assert out[-1].percent == Fraction(1600, 38)


def test_it_merges_small_groups_and_the_blank_ones_together() -> None:
    # Almaty 25, Astana 6, Mangystau 3, Aktobe 2 and 2 not stated (n 38): 3 + 2 + 2 = 7.
    counts = {"Almaty": 25, "Astana": 6, "Mangystau": 3, "Aktobe": 2}
    out = anonymous_shares(shares_of(counts, 38), 38, 5)
    assert shown(out) == {"Almaty": 25, "Astana": 6, "Other (fewer than 5)": 7}
    assert sum(s.count for s in out) == 38  # nobody is left "not stated"


def test_it_keeps_merging_while_the_merged_group_is_under_the_threshold() -> None:
    # NGO 30, Media 6, Academic 1, Community 1 (n 38): 1 + 1 = 2 < 5, so Media (6) joins: 8.
    counts = {"NGO": 30, "Media": 6, "Academic": 1, "Community": 1}
    out = anonymous_shares(shares_of(counts, 38), 38, 5)
    assert shown(out) == {"NGO": 30, "Other (fewer than 5)": 8}


def test_a_small_not_stated_is_merged_with_the_next_smallest_group() -> None:
    # Female 20, Male 17 and 1 not stated (n 38): the blank one is the only small group.
    out = anonymous_shares(shares_of({"Female": 20, "Male": 17}, 38), 38, 5)
    assert shown(out) == {"Female": 20, "Other (fewer than 5)": 18}


def test_a_large_not_stated_can_be_the_next_smallest_group() -> None:
    # Female 20, Male 10, Other 2 and 6 not stated (n 38): the 6 blank join the 2.
    out = anonymous_shares(shares_of({"Female": 20, "Male": 10, "Other": 2}, 38), 38, 5)
    assert shown(out) == {"Female": 20, "Male": 10, "Other (fewer than 5)": 8}


def test_it_merges_everything_when_the_whole_is_under_the_threshold() -> None:
    out = anonymous_shares(shares_of({"Female": 2, "Male": 1}, 4), 4, 5)
    assert shown(out) == {"Other (fewer than 5)": 4}


def test_the_merged_label_is_the_msgid_with_the_threshold() -> None:
    assert OTHER_GROUP % {"n": 7} == "Other (fewer than 7)"
    out = anonymous_shares(shares_of({"Female": 20, "Other": 1}, 21), 21, 7)
    assert out[-1].label == "Other (fewer than 7)"


def test_it_merges_every_field_uses_the_framework_threshold_and_withholds_few_ages() -> None:
    fw = default_framework().with_goals((1,))
    n = 12
    respondents = Respondents.build(
        [f"r{i}" for i in range(n)],
        sector=["NGO"] * 7 + ["Media"] * 3 + ["Academic"] * 2,
        gender=["Female"] * 6 + ["Male"] * 5 + ["Other"],
        region=["Almaty"] * 12,
        age=[30, 40, 50] + [None] * 9,
    )
    matrix = np.zeros((n, 1, 10), dtype=np.int8)
    full = analyse(Answers.from_dense(fw, respondents, matrix))
    shown_results = anonymous(full)
    p = shown_results.profile
    assert shown(p.sector) == {"NGO": 7, "Other (fewer than 5)": 5}  # Media 3 + Academic 2
    assert shown(p.gender) == {"Female": 6, "Other (fewer than 5)": 6}  # Male 5 joins Other 1
    assert shown(p.region) == {"Almaty": 12}
    assert (p.age_n, p.age_min, p.age_max, p.age_mean) == (3, None, None, None)
    # Only the profile changes, and a second pass changes nothing.
    assert dataclasses.replace(shown_results, profile=full.profile) == full
    assert anonymous(shown_results) == shown_results
    lower = dataclasses.replace(fw.thresholds, suppression=2)
    fw2 = dataclasses.replace(fw, thresholds=lower)
    p2 = anonymous(analyse(Answers.from_dense(fw2, respondents, matrix))).profile
    assert shown(p2.sector) == {"NGO": 7, "Media": 3, "Academic": 2}
    assert shown(p2.gender) == {"Female": 6, "Other (fewer than 2)": 6}  # Male 5 joins Other 1
    assert (p2.age_min, p2.age_max, p2.age_mean) == (30, 50, Fraction(40))


# --- properties ------------------------------------------------------------------------


@st.composite
def profiles(draw: st.DrawFn) -> tuple[dict[str, int], int, int]:
    labels = draw(st.lists(st.sampled_from("ABCDEFGH"), unique=True, max_size=8))
    counts = {k: draw(st.integers(1, 25)) for k in labels}
    blank = draw(st.integers(0, 12))
    threshold = draw(st.integers(1, 10))
    return counts, sum(counts.values()) + blank, threshold


@FAST
@given(profiles())
def test_after_merging_no_small_group_is_shown_or_recoverable(
    case: tuple[dict[str, int], int, int],
) -> None:
    counts, n, threshold = case
    if n == 0:
        return
    out = anonymous_shares(shares_of(counts, n), n, threshold)
    merged = [s for s in out if s.merged]
    kept = [s for s in out if not s.merged]
    blank = n - sum(s.count for s in out)
    groups = {**counts, **({"": n - sum(counts.values())} if counts else {})}
    groups = {k: c for k, c in groups.items() if c}
    # Nobody is lost: the shown groups, the merged one and "not stated" add up to n.
    assert sum(s.count for s in out) + blank == n
    # Every group shown by name is one of the originals, whole, and big enough.
    for s in kept:
        assert counts[s.label] == s.count >= threshold
    # "Not stated" (the rest of n) is either merged away or big enough to show.
    assert blank == 0 or blank >= threshold or not counts
    small = {k for k, c in groups.items() if c < threshold}
    if not small or not counts:
        assert not merged
        return
    assert len(merged) == 1
    other = merged[0]
    # Merged: every group not shown by name, and the blank ones unless they are shown.
    hidden = set(groups) - {s.label for s in kept} - ({""} if blank else set())
    assert small <= hidden
    assert other.count == sum(groups[k] for k in hidden)
    everything = hidden == set(groups)
    # The merged group reaches the threshold unless it had to take every group.
    assert other.count >= threshold or everything
    # Subtraction from n gives the merged total, never a small group's own size,
    # unless the field has a single group (whose size is n, public anyway).
    for k in small:
        assert other.count != groups[k] or len(groups) == 1
    assert len(hidden) >= 2 or len(groups) == 1


@FAST
@given(
    st.dictionaries(st.text("abc", min_size=1, max_size=2), st.integers(0, 30), max_size=8),
    st.integers(1, 12),
)
def test_the_merge_rule_takes_the_fewest_groups_it_must(counts: dict[str, int], t: int) -> None:
    chosen = merged_groups(counts, t)
    present = {k: c for k, c in counts.items() if c}
    small = {k for k, c in present.items() if c < t}
    assert small <= chosen <= set(present)
    if not small:
        assert chosen == frozenset()
        return
    # Every group merged on top of the small ones is no bigger than any group left shown ...
    extra = chosen - small
    left = set(present) - chosen
    if extra and left:
        assert max(present[k] for k in extra) <= min(present[k] for k in left)
    # ... and was needed: without the largest of them the merged group fails the rule.
    if extra:
        largest = max(extra, key=lambda k: present[k])
        without = chosen - {largest}
        assert len(without) < 2 or sum(present[k] for k in without) < t
    if left:
        assert len(chosen) >= 2
        assert sum(present[k] for k in chosen) >= t
