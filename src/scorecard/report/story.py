"""Narrative and validation meetings -> display dicts, beside context.py's figures.

Markdown becomes safe HTML here (markdown.to_html, raw HTML off), so templates
only place it. A section nobody wrote yet is None, and every template shows
the same translated placeholder for it instead of leaving a silent gap.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from markupsafe import Markup

from scorecard.analysis import Results
from scorecard.report import display
from scorecard.report.context import Context, alike, band_score
from scorecard.report.disagreement import cell_row
from scorecard.report.i18n import Gettext, area_label, goal_label, translations
from scorecard.report.inputs import ReportInput
from scorecard.report.markdown import to_html
from scorecard.report.meetings import Meeting, propose_agenda

CARD_COMMENTS = 5
"""Respondent comments shown on a key-finding card when no quotes were chosen; the
annex lists them all, so a 10,000-respondent edition keeps a readable card."""


def build_story(inp: ReportInput) -> Context:
    _ = translations(inp.language).gettext
    story, results = inp.story, inp.results
    highest, lowest = set(results.highest), set(results.lowest)
    others = [g.goal for g in story.goals if g.goal not in highest | lowest]
    return {
        "placeholder": _("Section not written yet."),
        "context": _html(story.context),
        "methodology_notes": _html(story.methodology),
        "pillar_findings": _pillars(results, inp, _),
        "highest": [goal_card(results, inp, g, _) for g in results.highest],
        "lowest": [goal_card(results, inp, g, _) for g in results.lowest],
        "others": [goal_card(results, inp, g, _) for g in others],
        "recommendations": _html(story.recommendations),
        "full_report": _html(story.full_report),
        "meetings": meetings_context(results, inp.meetings, _),
    }


def _html(text: str, offset: int = 2) -> Markup | None:
    return to_html(text, offset) if text.strip() else None


def _pillars(results: Results, inp: ReportInput, _: Gettext) -> list[dict[str, Any]]:
    fw = results.framework
    out = []
    for p in results.pillars:
        areas = [a for a in results.areas if a.pillar == p.pillar]
        out.append(
            {
                "key": p.pillar,
                "label": _(p.name),
                **band_score(p.score, fw, _),
                "areas": [
                    {"label": area_label(a.area, a.name, _), **band_score(a.score, fw, _)}
                    for a in areas
                ],
                "text": _html(inp.story.pillar(p.pillar)),
                "markdown": inp.story.pillar(p.pillar),
            }
        )
    return out


def distinct(texts: list[str], limit: int) -> list[str]:
    """The first ``limit`` texts that differ (ignoring case and spacing), in order.

    A card samples the comments; the same sentence twice (a copied template answer,
    "No comment") would waste its few lines. The annex lists each once, with its count.
    """
    seen: set[str] = set()
    found: list[str] = []
    for text in texts:
        key = alike(text)
        if key not in seen:
            seen.add(key)
            found.append(text)
            if len(found) == limit:
                break
    return found


def goal_card(results: Results, inp: ReportInput, number: int, _: Gettext) -> dict[str, Any]:
    g = results.goal(number)
    written = inp.story.goal(number)
    comments = list(results.comments_on(number))
    shown = distinct(comments, CARD_COMMENTS)
    return {
        "number": number,
        "label": goal_label(g.goal, g.name, _),
        "sdg_colour": display.colour(g.colour),
        "n": g.respondents,
        **band_score(g.score, results.framework, _),
        "findings": _html(written.findings, 3) if written else None,
        "findings_md": written.findings if written else "",
        "recommendations": _html(written.recommendations, 3) if written else None,
        "recommendations_md": written.recommendations if written else "",
        "quotes": list(written.quotes) if written else [],
        "comments": shown,
        "more_comments": len(comments) - len(shown),
    }


def meetings_context(results: Results, meetings: tuple[Meeting, ...], _: Gettext) -> Context:
    fw = results.framework
    goals = {g.number: goal_label(g.number, g.name, _) for g in fw.goals}
    total = sum(m.total for m in meetings)
    rows, suggestions = [], []
    for m in meetings:
        rows.append(
            {
                "date": display.date(m.date),
                "title": m.title,
                "format": _(m.format.value),
                "total": m.total,
                "sectors": ", ".join(f"{_(sector)} {count}" for sector, count in m.participants),
                "goals": ", ".join(str(g) for g in m.goals),
            }
        )
        for s in m.suggestions:
            suggestions.append(
                {
                    "date": display.date(m.date),
                    "goal": goals.get(s.goal, "") if s.goal is not None else "",
                    "text": s.text,
                    "decision": _(s.decision.value),
                    "decision_key": s.decision.value,
                    "note": s.note,
                }
            )
    summary = ""
    if meetings:
        summary = _(
            "Validation meetings held: %(count)s, with %(people)s participants in total."
        ) % {"count": len(meetings), "people": total}
    return {
        "held": bool(meetings),
        "count": len(meetings),
        "participants": total,
        "summary": summary,
        "rows": rows,
        "suggestions": suggestions,
        "agenda": _agenda(results, _),
    }


def _agenda(results: Results, _: Gettext) -> Context:
    agenda = propose_agenda(results)
    fw = results.framework
    goals = {g.number: goal_label(g.number, g.name, _) for g in fw.goals}
    areas = {a.number: area_label(a.number, a.name, _) for a in fw.areas}
    return {
        "disputed": [
            {
                "goal": goals[c.goal],
                "area": areas[c.area],
                "n": c.n,
                "sd": display.number(Fraction(c.sd or 0.0), 2),
                "mean": display.mean(c.score.mean) if c.score.mean is not None else "",
            }
            for c in agenda.disputed
        ],
        "thin": [
            {"goal": goals[g.goal], "answers": g.answers, "n": g.respondents}
            for g in agenda.least_answered
        ],
        "contested": [cell_row(results, c, _) for c in agenda.contested],
    }
