"""The methodology in two registers: a paragraph anyone can read, and an annex with the rules.

A journalist reading the report should learn who was asked, what they graded and
what a percent means without meeting a formula; the formulas, the averaging rule
and the sources stay in the annex for whoever checks the figures (issue 14).
Every figure in the text comes from the framework and the Results, so another
scale (1 to 5, say) gets its own words, not the default's.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from scorecard.analysis import Results
from scorecard.analysis.agreement import CONTESTED_BELOW, CONTESTED_MIN_N
from scorecard.report import display
from scorecard.report.i18n import Gettext

SOURCES = (
    "van der Eijk, C. (2001). Measuring agreement in ordered rating scales. "
    "Quality & Quantity, 35, 325–341.",
)
"""Bibliographic references, printed as written in every language (titles are not translated)."""


def methodology_context(results: Results, _: Gettext) -> dict[str, Any]:
    return {"plain": plain_text(results, _), "agreement": agreement_rule(_), "sources": SOURCES}


def plain_text(results: Results, _: Gettext) -> str:
    """What the survey asked and what a percent means, with no formula and no jargon."""
    s = results.framework.scale
    top = f"+{s.maximum}" if s.minimum < 0 < s.maximum else display.number(s.maximum, 0)
    sentences = [
        _(
            "Each respondent graded how well the government delivers the goals they know, "
            "on each key area listed below, with a whole number from %(min)s to %(max)s, "
            "where %(zero)s means no progress."
        )
        % {
            "min": display.number(s.minimum, 0),
            "max": top,
            "zero": display.number(s.no_progress, 0),
        },
        _("When a respondent could not judge, the answer is left out, not counted as %(zero)s.")
        % {"zero": display.number(s.no_progress, 0)},
        _(
            "The report averages the grades and shows each average as a percent: %(none)s "
            "means no progress and %(top)s the best grade."
        )
        % {"none": display.percent(0, 0), "top": display.percent(100, 0)},
    ]
    if s.minimum < s.no_progress:
        sentences.append(_("A negative percent means things got worse."))
    overall = results.overall
    if overall.percent is not None and overall.band is not None:
        sentences.append(
            _(
                "A progress band puts each percent into words: the overall score, "
                "%(overall)s, is in the band “%(band)s”."
            )
            % {"overall": display.percent(overall.percent), "band": _(overall.band)}
        )
    return " ".join(sentences)


def agreement_rule(_: Gettext) -> str:
    """Agreement A as the annex states it, with its source; the body explains it in words."""
    return _(
        "Agreement A is van der Eijk's measure of agreement on an ordered scale: 1 when every "
        "answer is the same, 0 when answers are spread evenly over the scale, −1 when they "
        "split into two camps at its ends. A cell is contested when A is below %(below)s "
        "with at least %(n)s answers."
    ) % {"below": display.number(Fraction(CONTESTED_BELOW), 1), "n": CONTESTED_MIN_N}
