"""Plain data for the goal and review templates.

The goal page is the hot path (every respondent sees it once per goal), so
its 120 radio buttons are written here as one escaped string per key area:
a template loop over them cost three times the rest of the page, and Django
form widgets cost more still (STACK.md: ~10 ms per form).
"""

from __future__ import annotations

from html import escape
from typing import Any

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from scorecard.method import Framework
from scorecard.web.framework_i18n import area_description, area_name, goal_name, translate
from scorecard.web.responses.access import Visit
from scorecard.web.responses.forms import (
    ASKED,
    BACK,
    DONT_KNOW,
    EMPTY_DONT_KNOW,
    LEAVE_EMPTY,
    NEXT,
    GoalPage,
    signed,
)
from scorecard.web.responses.models import GoalAnswer


def scale_options(framework: Framework) -> list[tuple[str, str, str]]:
    """(value, label, id suffix) for each point of the scale; ids avoid "-" for readability."""
    return [(str(v), signed(v), f"m{-v}" if v < 0 else f"p{v}") for v in framework.scale.values]


def radio_group(
    field: str, options: list[tuple[str, str, str]], raw: str | None, dont_know: str
) -> SafeString:
    """One key area's radio buttons: the scale, then "Don't know".

    `options` and `dont_know` come escaped (from :func:`escaped_options`), so a page
    escapes the scale's texts once rather than once per key area.
    """
    name = escape(field)
    parts = [
        f'<label><input type="radio" name="{name}" id="{name}-{suffix}" '
        f'value="{value}"{" checked" if raw == value else ""}><span>{label}</span></label>'
        for value, label, suffix in options
    ]
    parts.append(
        f'<label class="dk"><input type="radio" name="{name}" id="{name}-dk" '
        f'value="{DONT_KNOW}"{" checked" if raw == DONT_KNOW else ""}>'
        f"<span>{dont_know}</span></label>"
    )
    return mark_safe("".join(parts))  # noqa: S308 (every part escaped)


def escaped_options(framework: Framework) -> list[tuple[str, str, str]]:
    """The scale for :func:`radio_group`, escaped with the standard library's escape
    (Django's lazy-aware one cost more than the rest of the page at 120 calls)."""
    return [(escape(v), escape(label), escape(s)) for v, label, s in scale_options(framework)]


def goal_context(
    visit: Visit, goal: int, position: int, page: GoalPage, *, ask_about_empty: bool = False
) -> dict[str, Any]:
    """``ask_about_empty``: the page was saved with areas left empty, and comes back once
    to ask about them (marked, counted, with the buttons that answer the question)."""
    fw = visit.framework
    the_goal = fw.goal(goal)
    options = escaped_options(fw)
    pillars = {p.key: translate(p.name) for p in fw.pillars}
    dont_know = escape(_("Don’t know"))
    areas = []
    for area, raw in zip(fw.areas, page.raw, strict=True):
        field = f"a{area.number}"
        areas.append(
            {
                "number": area.number,
                "field": field,
                "name": area_name(area),
                "description": area_description(area),
                "pillar": pillars.get(area.pillar, area.pillar),
                "error": page.errors.get(area.number, ""),
                "empty": ask_about_empty and raw is None,
                "scale": radio_group(field, options, raw, dont_know),
            }
        )
    empty = [a for a in areas if a["empty"]]
    scale = fw.scale
    return {
        "visit": visit,
        "goal": the_goal,
        "goal_name": goal_name(the_goal),
        "position": position + 1,
        "count": len(visit.chosen_goals),
        "areas": areas,
        "errors": [a for a in areas if a["error"]],
        "empty": empty,
        "empty_count": len(empty),
        "actions": {
            "next": NEXT,
            "back": BACK,
            "empty_dont_know": EMPTY_DONT_KNOW,
            "leave_empty": LEAVE_EMPTY,
            "asked": ASKED,
        },
        "comment": page.comment,
        "comment_error": page.comment_error,
        "comment_max": settings.SCORECARD_COMMENT_MAX_CHARS,
        "minimum": signed(scale.minimum),
        "maximum": signed(scale.maximum),
        "no_progress": signed(scale.no_progress),
    }


def review_context(visit: Visit) -> dict[str, Any]:
    """One table per chosen goal; a goal with no saved page says so rather than invent answers.

    "Don't know" and "Not answered" are shown apart: the respondent chose one and
    skipped the other, and may want to go back to what they skipped.
    """
    fw = visit.framework
    rows = {
        row.goal: row
        for row in GoalAnswer.objects.filter(respondent=visit.respondent, goal__in=fw.goal_numbers)
    }
    dont_know, not_answered = _("Don’t know"), _("Not answered")
    goals = []
    unanswered = 0
    for number in visit.chosen_goals:
        the_goal = fw.goal(number)
        row = rows.get(number)
        answers = []
        if row is not None:
            said = row.dont_know_flags()
            for area, value, chosen in zip(fw.areas, row.scores(), said, strict=False):
                if value is not None:
                    answer, kind = signed(value), "score"
                elif chosen:
                    answer, kind = dont_know, "unknown"
                else:
                    answer, kind = not_answered, "unanswered"
                    unanswered += 1
                answers.append(
                    {
                        "number": area.number,
                        "name": area_name(area),
                        "answer": answer,
                        "kind": kind,
                    }
                )
        goals.append(
            {
                "number": number,
                "name": goal_name(the_goal),
                "colour": the_goal.colour,
                "answers": answers,
                "comment": row.comment if row else "",
                "saved": row is not None,
                "url": visit.url("goal", number),
            }
        )
    missing = [g for g in goals if not g["saved"]]
    return {"visit": visit, "goals": goals, "missing": missing, "unanswered": unanswered}
