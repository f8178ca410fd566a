"""The coordinator's workspace. Views are thin: figures come from the core."""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scorecard.analysis import Results
from scorecard.interop import canonical_rows
from scorecard.interop.canonical import answers_xlsx_bytes
from scorecard.interop.formulas import escape_formula
from scorecard.report import RENDERERS
from scorecard.web.editions.access import edition_view, user_id
from scorecard.web.editions.fieldwork import PEOPLE, fieldwork_counts
from scorecard.web.editions.forms import EditionForm, InviteForm, UploadForm
from scorecard.web.editions.lifecycle import TransitionError
from scorecard.web.editions.models import Edition, Invitation, Role
from scorecard.web.editions.transitions import TITLES
from scorecard.web.format_labels import format_labels
from scorecard.web.responses.store import load_answers
from scorecard.web.workspace.results_cache import VERSION, derived, results_for

PUBLISH_LABEL = gettext_lazy("Publish the report")
CREATE_EDITION = "editions.create_edition"
AGE_BANDS = ((0, 29, "< 30"), (30, 44, "30-44"), (45, 59, "45-59"), (60, 200, "60+"))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_superuser:
        editions = list(Edition.objects.all())
    else:
        editions = list(Edition.objects.filter(roles__user_id=user_id(request)))
    return render(
        request,
        "editions/home.html",
        {"editions": editions, "can_create": may_create_editions(request.user)},
    )


def may_create_editions(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Superusers and accounts given "Can create editions" (the CLI is not asked)."""
    return isinstance(user, PermissionsMixin) and user.has_perm(CREATE_EDITION)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not may_create_editions(request.user):
        raise PermissionDenied
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            edition = form.save()
            Role.objects.create(user_id=user_id(request), edition=edition, kind="coordinator")
        return redirect("editions:detail", slug=edition.slug)
    return render(request, "editions/form.html", {"form": form, "edition": None})


@edition_view(coordinator=True)
def edit(request: HttpRequest, edition: Edition) -> HttpResponse:
    form = EditionForm(request.POST or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Edition saved."))
        return redirect("editions:detail", slug=edition.slug)
    return render(request, "editions/form.html", {"form": form, "edition": edition})


@edition_view()
def detail(request: HttpRequest, edition: Edition) -> HttpResponse:
    """Live progress: answers per goal, n per cell, and how balanced the sample is.

    Everything that follows from the answers (figures, profile counts, the table of
    answers per goal in this language) comes from the results cache under one version
    of the answers, so a coordinator reloading the page recomputes and re-renders none
    of it (issue 16: p99 < 100 ms with 1,000 respondents).
    """
    figures = edition.respondents.aggregate(**VERSION, **PEOPLE)  # one pass over the answers
    entry = derived(edition, figures)
    results = results_for(edition, entry)
    language = get_language() or "en"
    people = entry.get(f"people:{language}", lambda: _people(edition))  # "not given" is worded
    goal_table = entry.get(f"goal-table:{language}", lambda: _goal_table(results))
    fieldwork = fieldwork_counts(edition, totals=True, people=figures)  # never from the cache
    versions = list(edition.published.only("version", "completed"))  # not the stored files
    context = {
        "edition": edition,
        "role": edition.role_of(request.user),
        # Rendered by our own template, autoescaped there.
        "goal_table": mark_safe(goal_table),  # noqa: S308
        **people,
        "scoring": results.profile.answering,  # the report's "N respondents"
        "fieldwork": fieldwork,
        "links": fieldwork["links"],
        "revoked": fieldwork["revoked"],
        "invite_form": InviteForm(),
        "invite_fields": blank_fields(InviteForm, language),
        "collecting": edition.status in (Edition.Status.DRAFT, Edition.Status.OPEN),
        "stages": Edition.Status.choices,
        "next_steps": next_steps(edition),
        "public_version": next((v for v in versions if v.completed), None),
        "rendering": [v for v in versions if not v.completed],
        "report_formats": format_labels(RENDERERS),
        "upload_form": UploadForm(),
        "upload_fields": blank_fields(UploadForm, language),
    }
    return render(request, "editions/detail.html", context)


@cache
def blank_fields(form: type[forms.Form], language: str) -> dict[str, SafeString]:
    """The widgets of a blank form in ``language``, rendered once per process.

    Widgets render through Django's form templates, about a millisecond per page for the
    edition page's two forms, and a blank form is the same for every request.
    """
    with translation.override(language):
        blank = form()
        return {name: mark_safe(str(blank[name])) for name in blank.fields}  # noqa: S308


def _goal_table(results: Results) -> str:
    by_goal: dict[int, list[int]] = {}
    for c in results.cells:
        by_goal.setdefault(c.goal, []).append(c.n)
    rows = [(g, by_goal.get(g.goal, [])) for g in results.goals]
    return render_to_string("editions/_goal_table.html", {"results": results, "goal_rows": rows})


def _people(edition: Edition) -> dict[str, Any]:
    """Respondent counts and the sample's balance, in three queries."""
    people = edition.respondents.all()
    totals = people.aggregate(
        respondents=Count("pk"),
        **{
            f"age_{i}": Count("pk", filter=Q(age__gte=low, age__lte=high))
            for i, (low, high, _label) in enumerate(AGE_BANDS)
        },
    )
    return {
        "respondents": totals["respondents"],
        "gender": _grouped(people, "gender"),
        "sector": _grouped(people, "sector"),
        "age_bands": [
            (label, totals[f"age_{i}"]) for i, (_low, _high, label) in enumerate(AGE_BANDS)
        ],
    }


def next_steps(edition: Edition) -> list[tuple[str, str]]:
    """The buttons of the lifecycle that apply now; each leads to a confirmation page."""
    step = {
        "draft": ["open"],
        "open": ["close"],
        "closed": ["validate", "open"],
        "validated": ["publish"],
        "published": ["correct"],
    }[edition.status]
    out = []
    for action in step:
        if action == "publish":
            out.append((reverse("reports:publish", args=[edition.slug]), str(PUBLISH_LABEL)))
        else:
            url = reverse("editions:transition", args=[edition.slug, action])
            out.append((url, str(TITLES[action])))
    return out


def _grouped(people: QuerySet[Any], field: str) -> list[tuple[str, int]]:
    """Counts per value, largest first, counted by the database (one query)."""
    counter: Counter[str] = Counter()
    for value, n in people.values_list(field).annotate(n=Count("pk")).order_by():
        counter[value or _("not given")] += n
    return counter.most_common()


@edition_view()
def results_page(request: HttpRequest, edition: Edition) -> HttpResponse:
    """The report of the answers so far, under the workspace's header, nav and tabs."""
    import re

    from django.utils.html import strip_tags

    from scorecard.report.html import html_document

    results = results_for(edition)
    document = html_document(results, get_language() or "en")
    # The report is a whole page: its inline style joins this page's head, and its body
    # goes inside this page's <main>, where its own <main> becomes a plain box.
    style = document.split("<style>", 1)[1].split("</style>", 1)[0]
    body = document.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    body = body.replace("<main ", "<div ", 1).replace("</main>", "</div>", 1)

    def scroll_box(found: re.Match[str]) -> str:
        """A table the report left outside a scroll box scrolls on a phone, as its others do."""
        if found[1]:
            return found[0]
        caption = re.search(r"<caption>(.*?)</caption>", found[2], re.S)
        label = strip_tags(caption[1]).strip() if caption else _("Table")
        box = f'<div class="table-scroll" role="region" aria-label="{label}" tabindex="0">'
        return f"{box}{found[2]}</div>"

    body = re.sub(r'(tabindex="0">\s*)?(<table\b.*?</table>)', scroll_box, body, flags=re.S)
    context = {
        "edition": edition,
        # The report's own output: autoescaped by its templates (report.html).
        "report_style": mark_safe(style),  # noqa: S308
        "report_body": mark_safe(body),  # noqa: S308
    }
    return render(request, "editions/results.html", context)


@edition_view(coordinator=True)
@require_POST
def invite(request: HttpRequest, edition: Edition) -> HttpResponse:
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a number of links from 1 to 5000."))
        return redirect("editions:detail", slug=edition.slug)
    label = form.cleaned_data["label"]
    try:
        tokens = edition.create_invitations(form.cleaned_data["count"], label)
    except TransitionError as exc:
        messages.error(request, str(exc))
        return redirect("editions:detail", slug=edition.slug)
    links = [
        (f"{label} {i}" if label else "", _link(request, token))
        for i, token in enumerate(tokens, start=1)
    ]
    if request.POST.get("download"):  # for coalitions that send links by messenger
        return _links_csv(edition, links)
    # Shown once: only hashes are stored, so the coordinator copies them now.
    return render(request, "editions/links.html", {"edition": edition, "links": links})


def _link(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("responses:start", args=[token]))


def _links_csv(edition: Edition, links: list[tuple[str, str]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-links.csv"'
    writer = csv.writer(response)
    writer.writerow(["label", "link"])
    for label, link in links:
        writer.writerow([escape_formula(label), link])
    return response


@edition_view(coordinator=True)
@require_POST
def revoke(request: HttpRequest, edition: Edition, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk, edition=edition)
    invitation.revoke()
    messages.success(request, _("Link %(id)s revoked.") % {"id": pk})
    return redirect("editions:links", slug=edition.slug)


@edition_view(coordinator=True)
@require_POST
def reissue(request: HttpRequest, edition: Edition, pk: int) -> HttpResponse:
    """A lost link: a new token for the same row (answers so far stay), the old one dies."""
    invitation = get_object_or_404(Invitation, pk=pk, edition=edition)
    try:
        token = invitation.reissue()
    except TransitionError as exc:
        messages.error(request, str(exc))
        return redirect("editions:links", slug=edition.slug)
    name = getattr(getattr(invitation, "participant", None), "name", "")
    links = [(invitation.label or name or f"#{invitation.pk}", _link(request, token))]
    return render(
        request, "editions/links.html", {"edition": edition, "links": links, "reissued": True}
    )


@edition_view(coordinator=True)
def links(request: HttpRequest, edition: Edition) -> HttpResponse:
    invitations = edition.invitations.select_related("respondent", "participant").order_by("pk")
    return render(
        request, "editions/link_list.html", {"edition": edition, "invitations": invitations}
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@edition_view(coordinator=True)  # raw answers carry each respondent's profile: not for viewers
def download(request: HttpRequest, edition: Edition, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    answers = load_answers(edition)
    name = f"{edition.slug}-answers"
    if fmt == "xlsx":
        response = HttpResponse(
            answers_xlsx_bytes(answers),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    writer = csv.writer(_Echo())
    streaming = StreamingHttpResponse(
        (writer.writerow(row) for row in canonical_rows(answers)), content_type="text/csv"
    )
    streaming["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return streaming  # type: ignore[return-value]
