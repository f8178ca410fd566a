"""What every renderer reads: one Results, the narrative, the validation meetings and,
when earlier editions are given, their comparison with this one (analysis.compare)."""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.analysis import Comparison, Results, anonymous
from scorecard.report.identity import NO_IDENTITY, Identity, Partner
from scorecard.report.meetings import Meeting
from scorecard.report.narrative import Narrative

__all__ = ["Identity", "Partner", "ReportInput"]


@dataclass(frozen=True)
class ReportInput:
    """Hashable, so contexts and charts derived from it can be cached per report.

    With ``anonymous_profile`` (the default) ``results`` is replaced on construction
    by its anonymous form (analysis.anonymity: small profile groups merged), so no
    renderer, present or future, can print the full profile by reading the wrong
    attribute. Only a caller that shows the report to the edition's coordinators
    alone may pass False.
    """

    results: Results
    language: str = "en"
    narrative: Narrative | None = None
    meetings: tuple[Meeting, ...] = ()
    comparison: Comparison | None = None  # earlier editions against this one (the last)
    anonymous_profile: bool = True
    identity: Identity = NO_IDENTITY  # who signs the report: cover, footer, title slide

    def __post_init__(self) -> None:
        if self.anonymous_profile:
            object.__setattr__(self, "results", anonymous(self.results))

    @property
    def story(self) -> Narrative:
        """The narrative, or an empty one: every section then shows "not written yet"."""
        return self.narrative if self.narrative is not None else Narrative()
