"""Narrative, validation meetings, publishing and the public report. Views stay thin."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scorecard.interop.importers.values import has_control_character
from scorecard.report import registry
from scorecard.report.inputs import ReportInput
from scorecard.report.meetings import propose_agenda
from scorecard.web.editions.access import edition_view
from scorecard.web.editions.lifecycle import Activity, TransitionError
from scorecard.web.editions.models import Edition
from scorecard.web.reports.convert import current_texts, draft_input
from scorecard.web.reports.forms import MeetingForm, SuggestionForm
from scorecard.web.reports.models import Meeting, NarrativeVersion, Suggestion
from scorecard.web.reports.sections import sections
from scorecard.web.respond import output_response
from scorecard.web.workspace.results_cache import results_for

MAX_SECTION_CHARS = 50_000


def _refused(request: HttpRequest, edition: Edition, activity: Activity) -> HttpResponse | None:
    """What the edition's state forbids: a message and back to the page (nothing stored)."""
    try:
        edition.ensure(activity)
    except TransitionError as exc:
        messages.error(request, str(exc))
        return redirect(request.path)
    return None


def _language() -> str:
    return (get_language() or "en")[:2]


@edition_view()
def narrative(request: HttpRequest, edition: Edition) -> HttpResponse:
    """All sections on one page; saving stores a new version of each changed section."""
    texts = current_texts(edition)
    if request.method == "POST":
        if edition.role_of(request.user) != "coordinator":
            return HttpResponse(status=403)
        if refused := _refused(request, edition, Activity.NARRATIVE):
            return refused
        titles = {s.key: s.title for s in sections(edition, {})}
        known = set(titles)
        changed = [
            NarrativeVersion(edition=edition, key=key, text=text, author_id=request.user.pk)
            for key in known
            if (text := request.POST.get(key, texts.get(key, "")).replace("\r\n", "\n").strip())
            != texts.get(key, "")
        ]
        control = [titles[v.key] for v in changed if has_control_character(v.text)]
        if control:
            messages.error(
                request,
                _(
                    "The section “%(section)s” contains a control character (such as NUL) "
                    "that cannot be stored; nothing saved."
                )
                % {"section": control[0]},
            )
        elif any(len(v.text) > MAX_SECTION_CHARS for v in changed):
            messages.error(request, _("A section is longer than 50,000 characters; nothing saved."))
        else:
            NarrativeVersion.objects.bulk_create(changed)
            messages.success(request, _("%(n)s sections saved.") % {"n": len(changed)})
        return redirect("reports:narrative", slug=edition.slug)
    results = results_for(edition)
    comments = {g: results.comments_on(g) for g in edition.framework.goal_numbers}
    return render(
        request,
        "reports/narrative.html",
        {
            "edition": edition,
            "role": edition.role_of(request.user),
            "sections": [
                (s, text, s.preview(text))
                for s in sections(edition, comments)
                for text in [texts.get(s.key, "")]
            ],
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
        if refused := _refused(request, edition, Activity.MEETINGS):
            return refused
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
    results = results_for(edition)
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
    if refused := _refused(request, edition, Activity.MEETINGS):
        return refused
    form = SuggestionForm(request.POST)
    if form.is_valid():
        Suggestion.objects.create(meeting=meeting, **form.cleaned_data)
        messages.success(request, _("Suggestion added."))
    else:
        messages.error(request, _("The suggestion needs a text and a decision."))
    return redirect("reports:meetings", slug=edition.slug)


@edition_view()
def draft_report(request: HttpRequest, edition: Edition, fmt: str) -> HttpResponse:
    return _report_response(
        draft_input(edition, _language(), reader=request.user), fmt, f"{edition.slug}-draft"
    )


def _report_response(inp: ReportInput, fmt: str, stem: str) -> HttpResponse:
    if fmt not in registry.formats("report"):
        raise Http404
    return output_response(registry.render("report", fmt, inp), stem, attachment=fmt != "html")
