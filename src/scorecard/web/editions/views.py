"""The coordinator's workspace. Views are thin: figures come from the core."""

from __future__ import annotations

import csv
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scorecard.analysis import analyse
from scorecard.interop import canonical_rows
from scorecard.interop.canonical import answers_xlsx_bytes
from scorecard.report import RENDERERS
from scorecard.web.editions.access import edition_view, user_id
from scorecard.web.editions.forms import EditionForm, InviteForm, UploadForm
from scorecard.web.editions.models import Edition, Invitation, Role
from scorecard.web.editions.store import load_answers
from scorecard.web.responses.models import Respondent

AGE_BANDS = ((0, 29, "< 30"), (30, 44, "30-44"), (45, 59, "45-59"), (60, 200, "60+"))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_superuser:
        editions = list(Edition.objects.all())
    else:
        editions = list(Edition.objects.filter(roles__user_id=user_id(request)))
    return render(request, "editions/home.html", {"editions": editions})


@login_required
def create(request: HttpRequest) -> HttpResponse:
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
    """Live progress: answers per goal, n per cell, and how balanced the sample is."""
    results = analyse(load_answers(edition), edition.core())
    people = Respondent.objects.filter(edition=edition)
    ages = [a for a in people.values_list("age", flat=True) if a is not None]
    context = {
        "edition": edition,
        "role": edition.role_of(request.user),
        "results": results,
        "cells": {(c.goal, c.area): c.n for c in results.cells},
        "respondents": people.count(),
        "submitted": people.filter(submitted_at__isnull=False).count(),
        "links": edition.invitations.count(),
        "revoked": edition.invitations.filter(revoked_at__isnull=False).count(),
        "gender": _counts(people.values_list("gender", flat=True)),
        "sector": _counts(people.values_list("sector", flat=True)),
        "age_bands": [
            (label, sum(1 for a in ages if low <= a <= high)) for low, high, label in AGE_BANDS
        ],
        "invite_form": InviteForm(),
        "report_formats": list(RENDERERS),
        "upload_form": UploadForm(),
    }
    return render(request, "editions/detail.html", context)


def _counts(values: object) -> list[tuple[str, int]]:
    counter = Counter(v or _("not given") for v in values)  # type: ignore[attr-defined]
    return counter.most_common()


@edition_view()
def results_page(request: HttpRequest, edition: Edition) -> HttpResponse:
    from scorecard.report.html import html_document

    results = analyse(load_answers(edition), edition.core())
    return HttpResponse(html_document(results, get_language() or "en"))


@edition_view(coordinator=True)
@require_POST
def invite(request: HttpRequest, edition: Edition) -> HttpResponse:
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a number of links from 1 to 5000."))
        return redirect("editions:detail", slug=edition.slug)
    tokens = edition.create_invitations(form.cleaned_data["count"])
    links = [
        request.build_absolute_uri(reverse("responses:start", args=[token])) for token in tokens
    ]
    # Shown once: only hashes are stored, so the coordinator copies them now.
    return render(request, "editions/links.html", {"edition": edition, "links": links})


@edition_view(coordinator=True)
@require_POST
def revoke(request: HttpRequest, edition: Edition, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk, edition=edition)
    invitation.revoke()
    messages.success(request, _("Link %(id)s revoked.") % {"id": pk})
    return redirect("editions:links", slug=edition.slug)


@edition_view(coordinator=True)
def links(request: HttpRequest, edition: Edition) -> HttpResponse:
    invitations = edition.invitations.select_related("respondent").order_by("pk")
    return render(
        request, "editions/link_list.html", {"edition": edition, "invitations": invitations}
    )


@edition_view(coordinator=True)
@require_POST
def close(request: HttpRequest, edition: Edition) -> HttpResponse:
    edition.status = Edition.Status.CLOSED
    edition.closes_at = edition.closes_at or timezone.now()
    edition.save(update_fields=["status", "closes_at"])
    messages.success(request, _("The edition is closed; answers can no longer be changed."))
    return redirect("editions:detail", slug=edition.slug)


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
