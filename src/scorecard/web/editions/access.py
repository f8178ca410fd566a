"""Who may see or change an edition: one decorator, so every view asks the same question."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from scorecard.web.editions.models import Edition, Role

View = Callable[..., HttpResponse]


def edition_view(coordinator: bool = False) -> Callable[[View], View]:
    """Load the edition from ``slug``; outsiders get 404 (not 403) so slugs do not leak."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            edition = get_object_or_404(Edition, slug=slug)
            role = edition.role_of(request.user)
            if role is None:
                raise Http404
            if coordinator and role != Role.Kind.COORDINATOR:
                return HttpResponse(status=403, content=b"Coordinators only.")
            return view(request, edition, *args, **kwargs)

        return wrapper

    return decorate


def user_id(request: HttpRequest) -> int:
    """The logged-in user's id (views that call this require login)."""
    pk = request.user.pk
    assert isinstance(pk, int)
    return pk
