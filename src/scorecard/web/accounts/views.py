"""Login, workspace and admin alike, with limits on failed attempts (accounts/limits.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from scorecard.web.accounts import limits


def _limited(request: HttpRequest, view: Callable[[], HttpResponse]) -> HttpResponse:
    """``view``'s answer to a login attempt, or a 429 page while the account or address waits.

    A login succeeded when the view logged a user in (``auth.login`` puts a new
    ``request.user``); any other answer to a POST is a failure.
    """
    if request.method != "POST":
        return view()
    username = str(request.POST.get("username", ""))
    refused = limits.refusal(request, username)
    if refused is not None:
        context = {"minutes": refused.minutes, "account": refused.account}
        response = render(request, "accounts/limited.html", context, status=429)
        response["Retry-After"] = str(refused.retry_after)
        return response
    before = getattr(request, "user", None)
    response = view()
    after = getattr(request, "user", None)
    if after is not before and after is not None and after.is_authenticated:
        limits.record_success(username)
    else:
        limits.record_failure(request, username)
    return response


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _limited(request, lambda: super(LoginView, self).post(request, *args, **kwargs))


def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    """The admin's own login (routed here in urls.py, before admin.site.urls), same limits."""
    return _limited(request, lambda: admin.site.login(request, extra_context))
