"""The meetings page in a language other than the first: translating titles and suggestions.

Meetings are recorded once, in the edition's first language (the page's first tab);
their facts (date, format, participants, goals, decisions) are the same in every
language. Another language's tab edits only that language's words of the meetings
already recorded: each title, suggestion and note beside the first language's text
it translates. An empty box is "not translated": the report shows the first
language's text there, which the page says. Kept apart from the view so the view
only decides who may save; this module describes and stores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from scorecard.interop.importers.values import has_control_character
from scorecard.web.editions.models import Edition
from scorecard.web.reports.meeting_texts import own_text, with_text
from scorecard.web.reports.models import Meeting, Suggestion
from scorecard.web.reports.narrative_page import Tab, language_header, language_tabs
from scorecard.web.reports.texts import first_language, language_name

LIMITS = {"title": 200, "text": 5000, "note": 5000}  # as the first language's forms


@dataclass(frozen=True)
class Box:
    """One text to translate: its form name, this language's text, the first language's."""

    name: str
    field: str
    text: str
    original: str


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    title: Box
    suggestions: list[tuple[Suggestion, Box, Box]]


def _box(row: Meeting | Suggestion, field: str, language: str, first: str) -> Box:
    return Box(
        f"{field}-{row.pk}", field, own_text(row, field, language, first), getattr(row, field)
    )


def _stored(edition: Edition) -> list[Meeting]:
    return list(Meeting.objects.filter(edition=edition).prefetch_related("suggestions"))


def tabs(edition: Edition, language: str) -> list[Tab]:
    """One tab per language of the edition, each naming its language in that language."""
    return language_tabs(edition, "reports:meetings", language)


def page_context(edition: Edition, language: str) -> dict[str, Any]:
    """The translation tab's context: every meeting's texts in ``language`` and the first's."""
    first = first_language(edition)
    return {
        **language_header(edition, "reports:meetings", language),
        "rows": [
            MeetingRow(
                m,
                _box(m, "title", language, first),
                [
                    (s, _box(s, "text", language, first), _box(s, "note", language, first))
                    for s in m.suggestions.all()
                ],
            )
            for m in _stored(edition)
        ],
    }


def _changes(
    request: HttpRequest, meetings: list[Meeting], language: str, first: str
) -> list[tuple[Meeting | Suggestion, str, str]]:
    """(row, field, new text) for every box whose text differs from what is stored."""
    rows: list[tuple[Meeting | Suggestion, str]] = []
    for m in meetings:
        rows.append((m, "title"))
        rows += [(s, field) for s in m.suggestions.all() for field in ("text", "note")]
    out = []
    for row, field in rows:
        current = own_text(row, field, language, first)
        text = request.POST.get(f"{field}-{row.pk}", current).replace("\r\n", "\n").strip()
        if field == "title":
            text = " ".join(text.split())  # one line, as the first language's title
        if text != current:
            out.append((row, field, text))
    return out


def save(request: HttpRequest, edition: Edition, language: str, back: str) -> HttpResponse:
    """Store ``language``'s changed texts of the recorded meetings, all or none (else why)."""
    first = first_language(edition)
    meetings = _stored(edition)
    changed = _changes(request, meetings, language, first)
    if any(has_control_character(text) for _row, _field, text in changed):
        messages.error(
            request,
            _(
                "A meeting text contains a control character (such as NUL) that cannot be "
                "stored; nothing saved."
            ),
        )
    elif any(len(text) > LIMITS[field] for _row, field, text in changed):
        messages.error(
            request,
            _(
                "A meeting title is longer than 200 characters, or a suggestion or note "
                "longer than 5,000; nothing saved."
            ),
        )
    else:
        for row, field, text in changed:
            row.texts = with_text(row.texts or {}, language, field, text)
        with transaction.atomic():
            Meeting.objects.bulk_update(
                {r.pk: r for r, _f, _t in changed if isinstance(r, Meeting)}.values(), ["texts"]
            )
            Suggestion.objects.bulk_update(
                {r.pk: r for r, _f, _t in changed if isinstance(r, Suggestion)}.values(), ["texts"]
            )
        messages.success(
            request,
            _("%(n)s meeting texts saved in %(language)s.")
            % {"n": len(changed), "language": language_name(language)},
        )
    return redirect(back)
