"""Narrative, validation meetings, publishing and the public report. Views stay thin."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scorecard.analysis import analyse
from scorecard.report import RENDERERS
from scorecard.report.inputs import ReportInput
from scorecard.report.meetings import propose_agenda
from scorecard.web.editions.access import edition_view
from scorecard.web.editions.models import Edition
from scorecard.web.editions.store import load_answers
from scorecard.web.reports.convert import current_texts, draft_input, published_input, snapshot
from scorecard.web.reports.forms import MeetingForm, PublishForm, SuggestionForm
from scorecard.web.reports.models import Meeting, NarrativeVersion, PublishedReport, Suggestion
from scorecard.web.reports.sections import sections

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "datadict": "text/markdown; charset=utf-8",
}
SUFFIX = {"datadict": "md"}
MAX_SECTION_CHARS = 50_000


def _language() -> str:
    return (get_language() or "en")[:2]


@edition_view()
def narrative(request: HttpRequest, edition: Edition) -> HttpResponse:
    """All sections on one page; saving stores a new version of each changed section."""
    texts = current_texts(edition)
    if request.method == "POST":
        if edition.role_of(request.user) != "coordinator":
            return HttpResponse(status=403)
        known = {s.key for s in sections(edition, {})}
        changed = [
            NarrativeVersion(edition=edition, key=key, text=text, author_id=request.user.pk)
            for key in known
            if (text := request.POST.get(key, texts.get(key, "")).replace("\r\n", "\n").strip())
            != texts.get(key, "")
        ]
        if any(len(v.text) > MAX_SECTION_CHARS for v in changed):
            messages.error(request, _("A section is longer than 50,000 characters; nothing saved."))
        else:
            NarrativeVersion.objects.bulk_create(changed)
            messages.success(request, _("%(n)s sections saved.") % {"n": len(changed)})
        return redirect("reports:narrative", slug=edition.slug)
    results = analyse(load_answers(edition), edition.core())
    comments = {g: results.comments_on(g) for g in edition.framework.goal_numbers}
    return render(
        request,
        "reports/narrative.html",
        {
            "edition": edition,
            "role": edition.role_of(request.user),
            "sections": [(s, texts.get(s.key, "")) for s in sections(edition, comments)],
        },
    )


@edition_view()
def history(request: HttpRequest, edition: Edition) -> HttpResponse:
    versions = NarrativeVersion.objects.filter(edition=edition).select_related("author")
    return render(
        request,
        "reports/history.html",
        {"edition": edition, "versions": versions.order_by("-pk")[:500]},
    )


@edition_view()
def meetings(request: HttpRequest, edition: Edition) -> HttpResponse:
    goals = edition.framework.goal_numbers
    form = MeetingForm(goals, request.POST or None)
    if request.method == "POST":
        if edition.role_of(request.user) != "coordinator":
            return HttpResponse(status=403)
        if form.is_valid():
            Meeting.objects.create(
                edition=edition,
                date=form.cleaned_data["date"],
                format=form.cleaned_data["format"],
                title=form.cleaned_data["title"],
                goals=form.cleaned_data["goals"],
                participants=form.participants(),
            )
            messages.success(request, _("Meeting added."))
            return redirect("reports:meetings", slug=edition.slug)
    results = analyse(load_answers(edition), edition.core())
    agenda = propose_agenda(results)
    area_names = {a.number: _(a.name) for a in edition.framework.areas}
    stored = Meeting.objects.filter(edition=edition).prefetch_related("suggestions")
    return render(
        request,
        "reports/meetings.html",
        {
            "edition": edition,
            "role": edition.role_of(request.user),
            "form": form,
            "meetings": stored,
            "agenda": agenda,
            "disputed": [(c, area_names[c.area]) for c in agenda.disputed],
            "suggestion_form": SuggestionForm(),
        },
    )


@edition_view(coordinator=True)
@require_POST
def add_suggestion(request: HttpRequest, edition: Edition, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk, edition=edition)
    form = SuggestionForm(request.POST)
    if form.is_valid():
        Suggestion.objects.create(meeting=meeting, **form.cleaned_data)
        messages.success(request, _("Suggestion added."))
    else:
        messages.error(request, _("The suggestion needs a text and a decision."))
    return redirect("reports:meetings", slug=edition.slug)


@edition_view()
def draft_report(request: HttpRequest, edition: Edition, fmt: str) -> HttpResponse:
    return _report_response(draft_input(edition, _language()), fmt, f"{edition.slug}-draft")


@edition_view(coordinator=True)
@require_POST
def validate(request: HttpRequest, edition: Edition) -> HttpResponse:
    if edition.status not in (Edition.Status.CLOSED, Edition.Status.VALIDATED):
        messages.error(request, _("Close the edition before marking its results validated."))
    else:
        edition.status = Edition.Status.VALIDATED
        edition.save(update_fields=["status"])
        messages.success(request, _("Results marked as validated."))
    return redirect("editions:detail", slug=edition.slug)


@edition_view(coordinator=True)
@require_POST
def publish(request: HttpRequest, edition: Edition) -> HttpResponse:
    """Freeze the report as a new version; the first needs validated results."""
    if edition.status not in (Edition.Status.VALIDATED, Edition.Status.PUBLISHED):
        messages.error(request, _("Validate the results before publishing."))
        return redirect("editions:detail", slug=edition.slug)
    form = PublishForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        last = locked.published.aggregate(v=Max("version"))["v"] or 0
        PublishedReport.objects.create(
            edition=locked, version=last + 1, author_id=request.user.pk, note=note,
            **snapshot(locked),
        )  # fmt: skip
        locked.status = Edition.Status.PUBLISHED
        locked.save(update_fields=["status"])
    messages.success(request, _("Published as version %(v)s.") % {"v": last + 1})
    return redirect("reports:public", slug=edition.slug)


def _published(slug: str, version: int | None) -> PublishedReport:
    reports = PublishedReport.objects.filter(edition__slug=slug).select_related("edition")
    found = reports.filter(version=version).first() if version else reports.first()
    if found is None:
        raise Http404
    return found


def public(request: HttpRequest, slug: str, version: int | None = None) -> HttpResponse:
    """The published report, no login: a frozen version, with its downloads and history."""
    report = _published(slug, version)
    results = published_input(report, _language()).results
    return render(
        request,
        "reports/public.html",
        {
            "report": report,
            "results": results,
            "versions": PublishedReport.objects.filter(edition=report.edition),
            "formats": list(RENDERERS),
        },
    )


def public_download(request: HttpRequest, slug: str, version: int, fmt: str) -> HttpResponse:
    report = _published(slug, version)
    return _report_response(published_input(report, _language()), fmt, f"{slug}-v{report.version}")


def _report_response(inp: ReportInput, fmt: str, stem: str) -> HttpResponse:
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise Http404
    suffix = SUFFIX.get(fmt, fmt)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report.{suffix}"
        renderer(inp, path)
        data = path.read_bytes()
    response = HttpResponse(data, content_type=CONTENT_TYPES.get(fmt, "application/octet-stream"))
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{stem}.{suffix}"'
    return response
