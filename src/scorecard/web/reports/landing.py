"""What the public landing page shows, read from a version's frozen data only.

The page is built from the Results JSON, edition facts and framework stored with
the version (never from the live edition), so the public page of version 1 says
what it said on the day, whatever the edition or the software does later. The
preview before publishing builds the same context from a snapshot that is not
stored yet, so the coordinator sees the exact page.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from scorecard.method import Edition as CoreEdition
from scorecard.report.display import count, number, percent
from scorecard.report.identity import Identity, identity_context
from scorecard.web.editions.forms import LANGUAGE_NAMES
from scorecard.web.editions.models import TRANSLATED_FIELDS, text_triples
from scorecard.web.framework_i18n import translate


@dataclass(frozen=True)
class Ranked:
    goal: int
    name: str
    colour: str
    percent: str
    band: str


def percent_text(value: float | None, language: str) -> str:
    """As the report writes a percent (display.percent): "34.2%", "34,2 %" in Russian.

    The stored figure is the JSON float of the exact one; its shortest repr is read as
    a decimal, so it rounds as the report's fraction did.
    """
    if value is None:
        return "–"
    return percent(Fraction(Decimal(repr(value))), 1, language)


def landing_context(
    edition: dict[str, Any], results: dict[str, Any], language: str
) -> dict[str, Any]:
    """Score, ranked goals, pillars and key findings, worded for ``language``."""
    goals = [
        Ranked(
            g["goal"],
            translate(g["name"]),
            g.get("colour", "#666666"),
            percent_text(g["percent"], language),
            translate(g["band"]) if g.get("band") else _("not rated"),
        )
        for g in sorted(
            (g for g in results["goals"] if g.get("percent") is not None),
            key=lambda g: (-g["percent"], g["goal"]),
        )
    ]
    by_goal = {r.goal: r for r in goals}
    overall = results["overall"]
    pillars = [
        {
            "name": translate(p["name"]),
            "percent": percent_text(p["percent"], language),
            "band": translate(p["band"]) if p.get("band") else _("not rated"),
        }
        for p in results["pillars"]
    ]
    highest = [by_goal[g] for g in results["key_findings"]["highest"] if g in by_goal]
    lowest = [by_goal[g] for g in results["key_findings"]["lowest"] if g in by_goal]
    summary = ""
    if goals:
        summary = _(
            "Goals ranked by score: highest SDG %(top)s (%(top_percent)s), "
            "lowest SDG %(bottom)s (%(bottom_percent)s)."
        ) % {
            "top": goals[0].goal,
            "top_percent": goals[0].percent,
            "bottom": goals[-1].goal,
            "bottom_percent": goals[-1].percent,
        }
    return {
        "edition": in_language(edition, language),
        "overall_percent": percent_text(overall.get("percent"), language),
        "overall_band": translate(overall["band"]) if overall.get("band") else None,
        "respondents": results["respondents"]["n"],
        "answering": overall.get("n"),
        "ranked": goals,
        "pillars": pillars,
        "highest": highest,
        "lowest": lowest,
        "chart_summary": summary,
        "language": language,
        "language_names": [(code, LANGUAGE_NAMES.get(code, code)) for code in edition["languages"]],
        # Frozen with the version: the logos and partners it was published with.
        "identity": identity_context(Identity.from_json(edition.get("identity")), _),
    }


def in_language(edition: dict[str, Any], language: str) -> dict[str, Any]:
    """The frozen edition facts with its title, country and organisation in ``language``.

    Falls back as the core's Edition.text does: the language's own text, else the
    plain field (the edition's first language).
    """
    core = CoreEdition(
        title=str(edition.get("title") or ""),
        country=str(edition.get("country") or ""),
        organisation=str(edition.get("organisation") or ""),
        texts=text_triples(edition.get("texts")),
    )
    return edition | {name: core.text(name, language) for name in TRANSLATED_FIELDS}


def human_size(size: int, language: str) -> str:
    if size < 1024:
        return _("%(n)s bytes") % {"n": size}
    if size < 1024 * 1024:
        return _("%(n)s KB") % {"n": count(round(size / 1024), language)}
    return _("%(n)s MB") % {"n": number(Fraction(size, 1024 * 1024), 1, language)}
