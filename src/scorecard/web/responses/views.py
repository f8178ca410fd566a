"""The questionnaire steps: consent, profile, goals, one page per goal, review, done.

Every step stores what it receives before moving on, so answers survive a
closed tab, a lost connection or a server restart; nothing lives in the
session. Views stay thin: rows are written through responses.store.
"""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from scorecard.web.editions.models import Invitation
from scorecard.web.responses import pages
from scorecard.web.responses.access import Visit, not_found, step
from scorecard.web.responses.forms import (
    ASKED,
    BACK,
    DONT_KNOW,
    EMPTY_DONT_KNOW,
    NEXT,
    ConsentForm,
    GoalPage,
    GoalsForm,
    ProfileForm,
    parse_goal_page,
)
from scorecard.web.responses.models import GoalAnswer, Respondent
from scorecard.web.responses.store import SavedGoal, save_goal, saved_goal

GET_POST = ["GET", "POST"]


@require_http_methods(["GET", "HEAD"])
@step(consent=False)
def start(request: HttpRequest, visit: Visit) -> HttpResponse:
    if visit.invitation.opened_at is None:  # "opened" in fieldwork counts: the first visit
        Invitation.objects.filter(pk=visit.invitation.pk, opened_at__isnull=True).update(
            opened_at=timezone.now()
        )
    return HttpResponseRedirect(visit.next_step())


@require_http_methods(GET_POST)
@step(consent=False)
def consent(request: HttpRequest, visit: Visit) -> HttpResponse:
    person = visit.respondent
    given = person is not None and person.consent_at is not None
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not given:
            give_consent(visit)
        return HttpResponseRedirect(visit.next_step())
    status = 400 if form.is_bound else 200
    context = {"visit": visit, "edition": visit.edition, "form": form, "given": given}
    return render(request, "responses/consent.html", context, status=status)


def give_consent(visit: Visit) -> Respondent:
    """The respondent row is born with consent; a double click finds the first one."""
    person, created = Respondent.objects.get_or_create(
        invitation=visit.invitation,
        defaults={
            "edition": visit.edition,
            "consent_at": timezone.now(),
            "language": (get_language() or "en")[:5],
        },
    )
    if not created and person.consent_at is None:
        person.consent_at = timezone.now()
        person.save(update_fields=["consent_at", "updated"])
    visit.respondent = person
    return person


@require_http_methods(GET_POST)
@step()
def profile(request: HttpRequest, visit: Visit) -> HttpResponse:
    person = visit.respondent
    assert person is not None
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            person.sector = data["sector"]
            person.gender = data["gender"]
            person.age = data["age"]
            person.region = data["region"].strip()
            person.save(update_fields=["sector", "gender", "age", "region", "updated"])
            return HttpResponseRedirect(visit.next_step())
        status = 400
    else:
        initial = {
            "sector": person.sector,
            "gender": person.gender,
            "age": person.age,
            "region": person.region,
        }
        form = ProfileForm(initial=initial)
        status = 200
    return render(request, "responses/profile.html", {"visit": visit, "form": form}, status=status)


@require_http_methods(GET_POST)
@step()
def goals(request: HttpRequest, visit: Visit) -> HttpResponse:
    person = visit.respondent
    assert person is not None
    if request.method == "POST":
        form = GoalsForm(visit.framework, request.POST)
        if form.is_valid():
            chosen = sorted(set(form.cleaned_data["goals"]))
            with transaction.atomic():
                person.chosen_goals = chosen
                person.save(update_fields=["chosen_goals", "updated"])
                # A goal taken off the list is no longer assessed: its answers go too.
                GoalAnswer.objects.filter(respondent=person).exclude(goal__in=chosen).delete()
            return HttpResponseRedirect(visit.next_step())
        status = 400
    else:
        form = GoalsForm(visit.framework, initial={"goals": visit.chosen_goals})
        status = 200
    return render(request, "responses/goals.html", {"visit": visit, "form": form}, status=status)


@require_http_methods(GET_POST)
@step()
def goal(request: HttpRequest, visit: Visit, goal: int) -> HttpResponse:
    person = visit.respondent
    assert person is not None
    chosen = visit.chosen_goals
    if goal not in chosen:
        return not_found(request)
    position = chosen.index(goal)
    if request.method == "POST":
        page = parse_goal_page(request.POST, visit.framework)
        if not page.valid:
            context = pages.goal_context(visit, goal, position, page)
            return render(request, "responses/goal.html", context, status=400)
        action = request.POST.get("action", NEXT)
        if action == EMPTY_DONT_KNOW:
            page.mark_empty_dont_know()
        if not page.untouched:
            # An untouched page left with "Back" stays unanswered, so resuming finds it again.
            save_goal(person, goal, page.scores, page.comment, page.dont_know)
        if action == NEXT and page.empty() and not request.POST.get(ASKED):
            # Skipped areas are asked about once, after saving what was given: the respondent
            # answers them, marks them "Don't know", or leaves them empty on purpose.
            context = pages.goal_context(visit, goal, position, page, ask_about_empty=True)
            return render(request, "responses/goal.html", context)
        if action == BACK:
            target = visit.url("goal", chosen[position - 1]) if position else visit.url("goals")
        elif position + 1 < len(chosen):
            target = visit.url("goal", chosen[position + 1])
        else:
            target = visit.url("review")
        return HttpResponseRedirect(target)
    saved = stored_page(saved_goal(person, goal), len(visit.framework.areas))
    context = pages.goal_context(visit, goal, position, saved)
    return render(request, "responses/goal.html", context)


def stored_page(row: SavedGoal | None, areas: int) -> GoalPage:
    """A saved row as a page to pre-select: "Don't know" where chosen, nothing where skipped."""
    if row is None:
        return GoalPage(scores=[None] * areas, comment="", raw=[None] * areas)
    scores = row.scores[:areas]
    raw: list[str | None] = [
        str(v) if v is not None else DONT_KNOW if said else None
        for v, said in zip(scores, row.dont_know, strict=False)
    ]
    return GoalPage(scores=scores, comment=row.comment, raw=raw)


@require_http_methods(GET_POST)
@step()
def review(request: HttpRequest, visit: Visit) -> HttpResponse:
    person = visit.respondent
    assert person is not None
    if request.method == "POST":
        person.submitted_at = timezone.now()
        person.save(update_fields=["submitted_at", "updated"])
        return HttpResponseRedirect(visit.url("done"))
    return render(request, "responses/review.html", pages.review_context(visit))


@require_http_methods(["GET", "HEAD"])
@step()
def done(request: HttpRequest, visit: Visit) -> HttpResponse:
    person = visit.respondent
    assert person is not None
    if person.submitted_at is None:
        return HttpResponseRedirect(visit.url("review"))
    link = request.build_absolute_uri(visit.url("start"))
    return render(request, "responses/done.html", {"visit": visit, "personal_link": link})
