"""Results by groups of respondents as a report: HTML, PDF, JSON, XLSX and CSV.

Every output reads the groups only through ``Group.figure`` and ``Group.n``,
which return None for a suppressed figure, so no format can show a hidden
number by mistake: a suppressed figure is the word "suppressed" and the note
says why (analysis/groups.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scorecard.analysis import Group, GroupView
from scorecard.analysis.groups import (
    AGE_BANDS,
    OVERALL,
    FigureKey,
    area_key,
    cell_key,
    goal_key,
    pillar_key,
)
from scorecard.report import display
from scorecard.report.html import environment
from scorecard.report.i18n import N_, Gettext, area_label, goal_label, text_language, translations
from scorecard.report.pdf import html_to_pdf
from scorecard.report.tables import (
    Value,
    csv_bytes,
    json_bytes,
    new_workbook,
    table,
    workbook_bytes,
)
from scorecard.report.text import formula_safe

TEMPLATE = "groups.html.j2"
AGE_DASH = re.compile(r"(?<=\d)-(?=\d)")
SPLIT_NAMES = {
    "sector": N_("Sector"),
    "gender": N_("Gender"),
    "age": N_("Age"),
    "region": N_("Region"),
}


@dataclass(frozen=True)
class GroupsInput:
    view: GroupView
    language: str = "en"


def group_label(group: Group, _: Gettext) -> str:
    if not group.values:
        return _("All respondents")
    parts = [_("not given") if v is None else _(v) for v in group.values]
    return " · ".join(parts)


def suppression_note(view: GroupView, _: Gettext) -> str:
    return _("suppressed: fewer than %(threshold)s respondents") % {"threshold": view.threshold}


def suppression_why(view: GroupView, _: Gettext) -> str:
    return _(
        "Some figures from %(threshold)s or more respondents are suppressed too, so that a "
        "smaller group's figure cannot be worked out by subtracting the others from a total."
    ) % {"threshold": view.threshold}


def _cell(group: Group, key: FigureKey, _: Gettext) -> dict[str, Any]:
    shown = group.figure(key)
    if shown is None:
        return {"shown": False, "text": _("suppressed")}
    score, n = shown
    if score.percent is None:
        return {"shown": True, "text": _("not rated"), "n": n}
    return {"shown": True, "text": display.percent(score.percent), "n": n}


def groups_context(inp: GroupsInput) -> dict[str, Any]:
    view, _ = inp.view, translations(inp.language).gettext
    fw = view.whole.results.framework
    columns = [view.whole, *view.groups]

    def rows(keys: list[tuple[str, FigureKey]]) -> list[dict[str, Any]]:
        return [{"label": label, "cells": [_cell(g, k, _) for g in columns]} for label, k in keys]

    by = " × ".join(_(SPLIT_NAMES[b]) for b in view.by)
    edition = view.whole.results.edition.in_language(inp.language)
    return {
        "lang": text_language(inp.language),
        "title": _("Results by group: %(by)s") % {"by": by},
        "edition": " · ".join(
            p for p in (edition.title, edition.country, str(edition.year or "")) if p
        ),
        "synthetic": edition.synthetic,
        "note": suppression_note(view, _),
        "why": suppression_why(view, _),
        "ages": _("Age bands: %(bands)s.") % {"bands": ", ".join(b[0] for b in AGE_BANDS)}
        if "age" in view.by
        else "",
        "columns": [
            {
                "label": group_label(g, _),
                # An age band such as "30-44" must not break at its hyphen (U+2011 keeps it).
                "parts": [AGE_DASH.sub("\u2011", x) for x in group_label(g, _).split(" · ")],
                "n": _("suppressed") if g.n is None else f"n = {g.n}",
            }
            for g in columns
        ],
        "summary": rows(
            [(_("Overall"), OVERALL), *((_(p.name), pillar_key(p.key)) for p in fw.pillars)]
        ),
        "goals": rows([(goal_label(g.number, g.name, _), goal_key(g.number)) for g in fw.goals]),
        "areas": rows([(area_label(a.number, a.name, _), area_key(a.number)) for a in fw.areas]),
        "cells": rows(
            [
                (f"{g.number}.{a.number}", cell_key(g.number, a.number))
                for g in fw.goals
                for a in fw.areas
            ]
        ),
    }


def groups_document(inp: GroupsInput, for_print: bool = False) -> str:
    context = groups_context(inp)
    context["print"] = for_print
    return environment(inp.language).get_template(TEMPLATE).render(context)


def render_groups_html(inp: GroupsInput) -> bytes:
    return groups_document(inp).encode("utf-8")


def render_groups_pdf(inp: GroupsInput) -> bytes:
    return html_to_pdf(groups_document(inp, True))


def render_groups_json(inp: GroupsInput) -> bytes:
    return json_bytes(inp.view.to_json())


CSV_HEADER = ["group", "figure", "goal", "area", "pillar", "n", "mean", "percent", "band"]
CSV_HEADER.append("suppressed")


def csv_rows(view: GroupView) -> list[list[str]]:
    """One row per group and figure; a suppressed figure has no number at all."""
    rows = []
    for group in (view.whole, *view.groups):
        label = "all" if not group.values else " · ".join(v or "not given" for v in group.values)
        rows.append([label, "respondents", "", "", "", _text(group.n), "", "", "", _flag(group)])
        for key in view.figure_keys():
            kind = str(key[0])
            goal = str(key[1]) if kind in ("goal", "cell") else ""
            area = str(key[-1]) if kind in ("area", "cell") else ""
            pillar = str(key[1]) if kind == "pillar" else ""
            shown = group.figure(key)
            numbers = ["", "", "", ""]
            if shown is not None:
                score, n = shown
                numbers = [str(n), _text(score.mean), _text(score.percent), score.band or ""]
            hidden = "true" if shown is None else "false"
            rows.append([label, kind, goal, area, pillar, *numbers, hidden])
    return [[formula_safe(v) for v in row] for row in rows]


def _text(value: Any) -> str:
    return "" if value is None else repr(float(value)) if not isinstance(value, int) else str(value)


def _flag(group: Group) -> str:
    return "true" if group.n is None else "false"


def render_groups_csv(inp: GroupsInput) -> bytes:
    return csv_bytes(CSV_HEADER, csv_rows(inp.view))


def render_groups_xlsx(inp: GroupsInput) -> bytes:
    ctx, _ = groups_context(inp), translations(inp.language).gettext
    wb = new_workbook()
    about: list[list[Value]] = [[_("Title"), ctx["title"]], [_("Edition"), ctx["edition"]]]
    about += [[_("Suppression"), ctx["note"]], ["", ctx["why"]]]
    if ctx["synthetic"]:
        about.insert(0, [_("Warning"), _("Synthetic sample data — not real survey results")])
    table(wb.create_sheet(_("Read me")), [_("Item"), _("Value")], about)
    header = [_("Figure"), *(f"{c['label']} ({c['n']})" for c in ctx["columns"])]
    for title, key in (
        (_("Overall and pillars"), "summary"),
        (_("Goals"), "goals"),
        (_("Areas"), "areas"),
        (_("Cells"), "cells"),
    ):
        rows: list[list[Value]] = [[r["label"], *(c["text"] for c in r["cells"])] for r in ctx[key]]
        table(wb.create_sheet(title), header, rows)
    return workbook_bytes(wb)
