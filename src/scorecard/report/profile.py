"""The respondent profile's rows, worded once for every format that prints them.

The HTML, PDF and slides (through context.py) and the workbook print the same
rows: each group, the group small ones were merged into (analysis.anonymity) and
"Not stated" for the rest of n, so no format can drop a row and let a reader
recover it by subtracting the others from the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from scorecard.analysis import Profile, Share
from scorecard.report.i18n import Gettext


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    percent: Fraction


FIELDS = ("gender", "sector", "region")


def share_label(share: Share, threshold: int, _: Gettext) -> str:
    if share.merged:
        return _("Other (fewer than %(n)s)") % {"n": threshold}
    return _(share.label)


def profile_rows(profile: Profile, field: str, threshold: int, _: Gettext) -> list[Row]:
    """One field's groups, then "Not stated" when some left it blank; none if nobody answered it."""
    shares: tuple[Share, ...] = getattr(profile, field)
    rows = [Row(share_label(s, threshold, _), s.count, s.percent) for s in shares]
    missing = profile.n - sum(s.count for s in shares)
    if shares and missing > 0:
        rows.append(Row(_("Not stated"), missing, Fraction(missing * 100, profile.n)))
    return rows


def merge_note(profile: Profile, threshold: int, _: Gettext) -> str:
    """Says why a merged group is there; empty when the profile has none."""
    if not any(s.merged for field in FIELDS for s in getattr(profile, field)):
        return ""
    return _(
        "Groups of fewer than %(n)s respondents are merged into one, so that no respondent "
        "can be singled out."
    ) % {"n": threshold}
