"""Results -> plain dicts of display text, the one shape every templated format reads.

Templates only lay text out: every number is rounded and every word
translated here, so the HTML, and later the PDF and slides, cannot round or
phrase the same figure two ways. Respondent comments stay plain strings; the
template's autoescaping is what keeps them inert.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from scorecard.analysis import AVERAGING_RULE, Results, Score
from scorecard.method import Band, Framework
from scorecard.report import display
from scorecard.report.charts import Charts
from scorecard.report.i18n import Gettext, area_label, goal_label, text_language, translations
from scorecard.report.methodology import methodology_context
from scorecard.report.profile import FIELDS, merge_note, profile_rows

Context = dict[str, Any]


def build_context(results: Results, charts: Charts, language: str = "en") -> Context:
    t = translations(language)
    _ = t.gettext
    fw = results.framework
    return {
        "lang": text_language(language),
        "edition": _edition(results, language),
        "summary": _summary(results, _),
        "method": _method(fw, _),
        "methodology": methodology_context(results, _),
        "profile": _profile(results, _),
        "scores": _scores(results, _),
        "goals_ranked": _goals_ranked(results, _),
        "areas": _areas(results, _),
        "pillars": _pillars(results, _),
        "findings": _findings(results, _),
        "comments": [_goal_comments(results, g.number, _) for g in fw.goals],
        "charts": charts,
    }


def score(value: Score, _: Gettext, digits: int = 1) -> dict[str, Any]:
    """A score as text; a figure nobody rated says so instead of showing a number."""
    if value.percent is None or value.mean is None or value.band is None:
        return {"rated": False, "percent": _("not rated"), "mean": _("not rated")}
    return {
        "rated": True,
        "percent": display.percent(value.percent, digits),
        "mean": display.mean(value.mean),
        "band": _(value.band),
        "colour": "",  # filled by the caller that knows the framework
    }


def band_score(value: Score, fw: Framework, _: Gettext) -> dict[str, Any]:
    shown = score(value, _)
    if shown["rated"]:
        shown["colour"] = display.colour(next(b.colour for b in fw.bands if b.name == value.band))
    return shown


def _edition(results: Results, language: str) -> dict[str, Any]:
    e = results.edition.in_language(language)
    return {
        "title": e.title,
        "country": e.country,
        "year": "" if e.year is None else str(e.year),
        "organisation": e.organisation,
        "synthetic": e.synthetic,
        "notes": list(e.notes),
    }


def _summary(results: Results, _: Gettext) -> dict[str, Any]:
    low, high = results.range_low, results.range_high
    rated_areas = sum(1 for a in results.areas if a.score.percent is not None)
    range_text = ""
    if low is not None and high is not None and low.score.band and high.score.band:
        bands = _(low.score.band)
        if high.score.band != low.score.band:
            bands = _("%(low)s to %(high)s") % {"low": bands, "high": _(high.score.band)}
        every = rated_areas == len(results.areas)
        phrase = (
            _("On all %(count)s key areas, implementation is within %(low)s–%(high)s: %(bands)s.")
            if every
            else _(
                "On the %(count)s key areas rated, implementation is within "
                "%(low)s–%(high)s: %(bands)s."
            )
        )
        range_text = phrase % {
            "count": rated_areas,
            "low": display.number(low.score.percent or Fraction(0), 0),
            "high": display.percent(high.score.percent or Fraction(0), 0),
            "bands": bands,
        }
    return {
        # "N respondents" counts people who gave at least one score (issue 15): a consent
        # alone, or only "don't know", is no answer. ``took_part`` counts every respondent.
        "n": results.profile.answering,
        "answering": results.profile.answering,
        "took_part": results.profile.n,
        "overall": band_score(results.overall, results.framework, _),
        "range": range_text,
        "overall_mean": ""
        if results.overall.mean is None
        else _("mean %(mean)s on the %(min)s to %(max)s scale")
        % {
            "mean": display.mean(results.overall.mean),
            "min": display.number(Fraction(results.framework.scale.minimum), 0),
            "max": _signed(results.framework.scale.maximum, results.framework.scale.minimum),
        },
        "goals_rated": sum(1 for g in results.goals if g.score.percent is not None),
        "goals": len(results.goals),
    }


def _band_range(band: Band) -> str:
    low = display.percent(Fraction(band.minimum), 0)
    high = display.percent(Fraction(band.maximum), 0)
    if band.minimum == band.maximum:
        return f"p = {low}"
    if band.minimum >= 0:
        return f"{low} < p ≤ {high}"
    return f"{low} ≤ p < {high}"


def _signed(top: int, bottom: int) -> str:
    """The top of the scale with a plus when the scale also runs below zero (-5 to +5)."""
    return f"+{top}" if bottom < 0 < top else display.number(Fraction(top), 0)


def _method(fw: Framework, _: Gettext) -> dict[str, Any]:
    s = fw.scale
    top = _signed(s.maximum, s.minimum)
    scale_text = _(
        "Respondents grade each goal on each key area with a whole number from %(min)s to "
        "%(max)s; %(zero)s means no progress perceived."
    ) % {"min": display.number(Fraction(s.minimum), 0), "max": top, "zero": s.no_progress}
    rule = _("Percent = (mean − %(zero)s) ÷ (%(top)s − %(zero)s) × 100.") % {
        "zero": display.number(Fraction(s.no_progress), 0),
        "top": s.maximum,
    }
    if s.no_progress == 0 and 100 % s.maximum == 0:
        rule += " " + _("That is, percent = mean × %(factor)s.") % {"factor": 100 // s.maximum}
    pillars = {p.key: _(p.name) for p in fw.pillars}
    return {
        "framework": f"{fw.name} {fw.version}".strip(),
        "scale": scale_text,
        "missing": _(
            "“Don't know / not assessed” is a missing answer, never 0: it is left out of "
            "every mean, and every figure carries its own n."
        ),
        "percent_rule": rule,
        "averaging": _(AVERAGING_RULE),
        "boundary": _("A boundary value belongs to the band nearer zero."),
        "thresholds": _(
            "Key findings list the goals above %(high)s (highest scores) and below %(low)s "
            "(lowest scores)."
        )
        % {
            "high": display.percent(Fraction(fw.thresholds.highest_above), 0),
            "low": display.percent(Fraction(fw.thresholds.lowest_below), 0),
        },
        "areas": [
            {
                "number": a.number,
                "name": _(a.name),
                "pillar": pillars[a.pillar],
                "description": _(a.description) if a.description else "",
            }
            for a in fw.areas
        ],
        "bands": [
            {"name": _(b.name), "range": _band_range(b), "colour": display.colour(b.colour)}
            for b in sorted(fw.bands, key=lambda b: b.minimum + b.maximum, reverse=True)
        ],
    }


def _profile(results: Results, _: Gettext) -> dict[str, Any]:
    p = results.profile
    threshold = results.framework.thresholds.suppression

    def shares(field: str) -> list[dict[str, str | int]]:
        return [
            {"label": r.label, "count": r.count, "percent": display.percent(r.percent, 0)}
            for r in profile_rows(p, field, threshold, _)
        ]

    age = ""
    if p.age_min is not None and p.age_max is not None and p.age_mean is not None:
        age = _("Ages %(min)s–%(max)s, mean %(mean)s (%(n)s respondents gave their age).") % {
            "min": p.age_min,
            "max": p.age_max,
            "mean": display.number(p.age_mean, 0),
            "n": p.age_n,
        }
    return {
        "n": p.n,
        "answering": p.answering,
        **{field: shares(field) for field in FIELDS},
        "age": age,
        "note": merge_note(p, threshold, _),
    }


def _scores(results: Results, _: Gettext) -> dict[str, Any]:
    """The goal x key area table: means, and percents with n for the chart's text alternative."""
    fw = results.framework
    rows = []
    for g in results.goals:
        cells = []
        for a in fw.areas:
            c = results.cell(g.goal, a.number)
            shown = score(c.score, _, 0)
            shown["n"] = c.n
            cells.append(shown)
        rows.append(
            {
                "label": goal_label(g.goal, g.name, _),
                "sdg_colour": display.colour(g.colour),
                "cells": cells,
                "total": score(g.score, _),
                "n": g.respondents,
            }
        )
    s = fw.scale
    return {
        "mean_caption": _("Mean score (%(min)s to %(max)s) by goal and key area")
        % {"min": display.number(Fraction(s.minimum), 0), "max": _signed(s.maximum, s.minimum)},
        "areas": [{"number": a.number, "name": _(a.name)} for a in fw.areas],
        "rows": rows,
        "area_totals": [score(a.score, _) for a in results.areas],
        "overall": score(results.overall, _),
    }


def _goals_ranked(results: Results, _: Gettext) -> list[dict[str, Any]]:
    """Rated goals by percent, highest first, then goals nobody rated."""
    fw = results.framework
    ordered = sorted(
        results.goals,
        key=lambda g: (g.score.percent is None, -(g.score.percent or 0), g.goal),
    )
    return [
        {
            "number": g.goal,
            "label": goal_label(g.goal, g.name, _),
            "sdg_colour": display.colour(g.colour),
            "n": g.respondents,
            "answers": g.answers,
            **band_score(g.score, fw, _),
        }
        for g in ordered
    ]


def _areas(results: Results, _: Gettext) -> list[dict[str, Any]]:
    pillars = {p.key: _(p.name) for p in results.framework.pillars}
    return [
        {
            "label": area_label(a.area, a.name, _),
            "pillar": pillars[a.pillar],
            "n": a.answers,
            **band_score(a.score, results.framework, _),
        }
        for a in results.areas
    ]


def _pillars(results: Results, _: Gettext) -> list[dict[str, Any]]:
    return [
        {
            "label": _(p.name),
            "areas": ", ".join(str(a) for a in p.areas),
            "n": p.answers,
            **band_score(p.score, results.framework, _),
        }
        for p in results.pillars
    ]


def _findings(results: Results, _: Gettext) -> dict[str, Any]:
    th = results.framework.thresholds
    return {
        "highest_title": _("Highest scores (above %(threshold)s)")
        % {"threshold": display.percent(Fraction(th.highest_above), 0)},
        "lowest_title": _("Lowest scores (below %(threshold)s)")
        % {"threshold": display.percent(Fraction(th.lowest_below), 0)},
        "highest": [_finding(results, g, _) for g in results.highest],
        "lowest": [_finding(results, g, _) for g in results.lowest],
    }


def _finding(results: Results, number: int, _: Gettext) -> dict[str, Any]:
    g = results.goal(number)
    return {
        "label": goal_label(g.goal, g.name, _),
        "sdg_colour": display.colour(g.colour),
        "n": g.respondents,
        "comments": list(results.comments_on(number)),
        **band_score(g.score, results.framework, _),
    }


def _goal_comments(results: Results, number: int, _: Gettext) -> dict[str, Any]:
    g = results.goal(number)
    texts = results.comments_on(number)
    return {
        "label": goal_label(g.goal, g.name, _),
        "sdg_colour": display.colour(g.colour),
        "texts": said_alike(texts),
        "total": len(texts),
    }


def alike(text: str) -> str:
    """What two comments share when they say the same: case and spacing do not count."""
    return " ".join(text.split()).casefold()


def said_alike(texts: tuple[str, ...]) -> list[dict[str, Any]]:
    """Each comment once, with how many respondents wrote it, the most frequent first.

    Copied answers ("No comment", a template sentence a network circulated) would fill
    the annex with one sentence many times; once with its count, the reader also sees
    what many respondents said. Case and spacing do not make a comment different; the
    first way it was written is shown. The workbook keeps one row per respondent.
    """
    found: dict[str, dict[str, Any]] = {}
    for text in texts:
        key = alike(text)
        if key in found:
            found[key]["n"] += 1
        else:
            found[key] = {"text": text, "n": 1}
    return sorted(found.values(), key=lambda said: -said["n"])  # stable: ties keep order
