"""The open link: one shared address that gives each person who agrees a personal link.

Opening the link only shows the consent page; the invitation and the
respondent are created when the person agrees (a POST). Link previews in
messengers and mail scanners fetch with GET, so they create nothing and use
none of the rate limit, and no respondent without consent is ever counted.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from scorecard.web.editions.models import TOKEN_BYTES, Edition, Invitation, hash_token
from scorecard.web.responses import ratelimit
from scorecard.web.responses.access import closed, invalid_link
from scorecard.web.responses.forms import ConsentForm
from scorecard.web.responses.models import Respondent

DEFAULT_PER_HOUR = 20


@require_http_methods(["GET", "POST"])
def open_link(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    edition = Edition.objects.filter(slug=slug, open_link=True).first()
    if (
        edition is None
        or not edition.open_link_token
        or not constant_time_compare(key, edition.open_link_token)
    ):
        return invalid_link(request)
    if not edition.accepts_answers():
        return closed(request, edition)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        limit: int = getattr(settings, "SCORECARD_OPEN_LINK_PER_HOUR", DEFAULT_PER_HOUR)
        verdict = ratelimit.hit(request, limit)
        if not verdict.allowed:
            response = render(request, "responses/limited.html", {"edition": edition}, status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with transaction.atomic():
            invitation = Invitation.objects.create(edition=edition, token_hash=hash_token(token))
            Respondent.objects.create(
                edition=edition,
                invitation=invitation,
                consent_at=timezone.now(),
                language=(get_language() or "en")[:5],
            )
        return HttpResponseRedirect(reverse("responses:start", kwargs={"token": token}))
    status = 400 if form.is_bound else 200
    context = {"edition": edition, "form": form, "given": False, "open_link": True}
    return render(request, "responses/consent.html", context, status=status)
