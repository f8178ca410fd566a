"""Expected display text, written independently of scorecard.report.display."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# The report's level-2 sections, in method order (the HTML headings, the PDF contents).
SECTIONS = [
    "Country context",
    "Methodology",
    "Average scores by SDG and key area",
    "Comparative data in percent",
    "Findings by pillar",
    "Key findings and recommendations",
    "Validation meetings",
    "Where to find the full report",
    "Annex: how the figures are computed",
    "Annex: comments by goal",
]


def shown(value: Fraction | None, digits: int) -> str:
    """Rounded as a reader rounds by hand (half away from zero), with a true minus sign."""
    assert value is not None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    text = str(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    return text.lstrip("-") if Decimal(text) == 0 else text.replace("-", "\u2212")


def pct(value: Fraction | None, digits: int = 1) -> str:
    return shown(value, digits) + "%"
