"""What every renderer reads: one Results, the narrative, the validation meetings and,
when earlier editions are given, their comparison with this one (analysis.compare)."""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.analysis import Comparison, Results
from scorecard.report.meetings import Meeting
from scorecard.report.narrative import Narrative


@dataclass(frozen=True)
class ReportInput:
    """Hashable, so contexts and charts derived from it can be cached per report."""

    results: Results
    language: str = "en"
    narrative: Narrative | None = None
    meetings: tuple[Meeting, ...] = ()
    comparison: Comparison | None = None  # earlier editions against this one (the last)

    @property
    def story(self) -> Narrative:
        """The narrative, or an empty one: every section then shows "not written yet"."""
        return self.narrative if self.narrative is not None else Narrative()
