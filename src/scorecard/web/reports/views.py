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
from scorecard.web.reports import meeting_page
from scorecard.web.reports.convert import draft_input
from scorecard.web.reports.forms import MeetingForm, SuggestionForm
from scorecard.web.reports.models import Meeting, NarrativeVersion, Suggestion
from scorecard.web.reports.narrative_page import language_url, page_context
from scorecard.web.reports.sections import sections
from scorecard.web.reports.texts import first_language, language_name, languages_of, written
from scorecard.web.respond import output_response
from scorecard.web.workspace.results_cache import results_for

MAX_SECTION_CHARS = 50_000


def _refused(
    request: HttpRequest, edition: Edition, activity: Activity, back: str = ""
) -> HttpResponse | None:
    """A save that may not happen: 403 for a viewer; for what the edition's state
    forbids, a message and back to the page. Nothing is stored either way."""
    if edition.role_of(request.user) != "coordinator":
        return HttpResponse(status=403)
    try:
        edition.ensure(activity)
    except TransitionError as exc:
        messages.error(request, str(exc))
        return redirect(back or request.path)
    return None


def _language() -> str:
    return (get_language() or "en")[:2]


def _asked_language(request: HttpRequest, edition: Edition, default: str) -> str:
    """``?language=``, which must be one the edition offers (else 404: nothing is stored
    or shown under a language the edition does not have); ``default`` without it."""
    asked = request.GET.get("language", "")
    if not asked:
        return default
    if asked not in languages_of(edition):
        raise Http404
    return asked


@edition_view()
def narrative(request: HttpRequest, edition: Edition) -> HttpResponse:
    """One language's sections on one page; saving stores a new version of each changed one.

    The language is ``?language=`` (the edition's first without it). Saving touches
    that language only; a section it has not written shows, and is reported with,
    the first language's text, which the page says.
    """
    language = _asked_language(request, edition, first_language(edition))
    found = written(edition)
    own = found.get(language, {})
    here = language_url(edition, "reports:narrative", language)
    if request.method == "POST":
        if refused := _refused(request, edition, Activity.NARRATIVE, here):
            return refused
        return _save(request, edition, language, own, here)
    results = results_for(edition)
    comments = {g: results.comments_on(g) for g in edition.framework.goal_numbers}
    return render(
        request,
        "reports/narrative.html",
        {
            "edition": edition,
            "role": edition.role_of(request.user),
            **page_context(edition, language, found, sections(edition, comments)),
        },
    )


def _save(
    request: HttpRequest, edition: Edition, language: str, own: dict[str, str], back: str
) -> HttpResponse:
    """Store the changed sections of ``language``, all or none (then say why)."""
    titles = {s.key: s.title for s in sections(edition, {})}
    changed = [
        NarrativeVersion(
            edition=edition, key=key, language=language, text=text, author_id=request.user.pk
        )
        for key in titles
        if (text := request.POST.get(key, own.get(key, "")).replace("\r\n", "\n").strip())
        != own.get(key, "")
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
        messages.success(
            request,
            _("%(n)s sections saved in %(language)s.")
            % {"n": len(changed), "language": language_name(language)},
        )
    return redirect(back)


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
    """The meetings recorded in the first language; ``?language=`` translates their texts.

    The first language's tab (the page without the parameter) records meetings and
    suggestions; another language's tab edits only that language's titles,
    suggestions and notes (reports.meeting_page). A language the edition does not
    offer is 404, as on the narrative page.
    """
    first = first_language(edition)
    language = _asked_language(request, edition, first)
    if language != first:
        return _translate_meetings(request, edition, language)
    goals = edition.framework.goal_numbers
    form = MeetingForm(goals, request.POST or None)
    if request.method == "POST":
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
            "tabs": meeting_page.tabs(edition, first),
            "first_name": language_name(first),
        },
    )


def _translate_meetings(request: HttpRequest, edition: Edition, language: str) -> HttpResponse:
    """Another language's tab: coordinators save its texts, the lifecycle permitting."""
    here = language_url(edition, "reports:meetings", language)
    if request.method == "POST":
        if refused := _refused(request, edition, Activity.MEETINGS, here):
            return refused
        return meeting_page.save(request, edition, language, here)
    return render(
        request,
        "reports/meeting_texts.html",
        {
            "edition": edition,
            "role": edition.role_of(request.user),
            **meeting_page.page_context(edition, language),
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
    """The report as it is now, in ``?language=`` (one the edition offers) or the page's."""
    language = _asked_language(request, edition, _language())
    return _report_response(
        draft_input(edition, language, reader=request.user), fmt, f"{edition.slug}-draft"
    )


def _report_response(inp: ReportInput, fmt: str, stem: str) -> HttpResponse:
    if fmt not in registry.formats("report"):
        raise Http404
    return output_response(registry.render("report", fmt, inp), stem, attachment=fmt != "html")
