"""Login with a per-address limit on attempts, so passwords cannot be guessed at speed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from scorecard.web.responses.ratelimit import hit


def _limited(request: HttpRequest) -> HttpResponse | None:
    """A 429 page once this address used its login attempts for the hour, else None."""
    if request.method != "POST":
        return None
    verdict = hit(request, settings.SCORECARD_LOGIN_PER_HOUR, scope="login")
    if verdict.allowed:
        return None
    response = render(request, "accounts/limited.html", status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _limited(request) or super().post(request, *args, **kwargs)


def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    return _limited(request) or admin.site.login(request, extra_context)
