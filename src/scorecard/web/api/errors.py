"""JSON for every ``/api/`` path, also where Django or ninja answer before an operation runs.

Inside ``/api/v1/`` ninja answers its operations' errors as ``{"detail": ...}``, and
the fallback router (api.py) unknown paths; two answers escape both: a method an
endpoint does not accept (ninja's plain-text 405) and anything Django answers itself
(a 404 for ``/api/`` paths outside ``/api/v1/``, a 400, 403 or 500). urls.py wires
``json_methods`` around the API's views and these handlers for the rest; pages
outside ``/api/`` keep Django's own error pages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.urls import URLPattern, URLResolver
from django.views import defaults

PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(PREFIX)


def detail(status: int, text: str) -> JsonResponse:
    return JsonResponse({"detail": text}, status=status)


def not_allowed(allowed: str) -> JsonResponse:
    methods = ", ".join(m.strip() for m in sorted(allowed.split(",")) if m.strip())
    response = detail(405, f"Method not allowed; this endpoint accepts {methods}.")
    response["Allow"] = allowed
    return response


def json_methods(
    urls: tuple[list[URLPattern | URLResolver], str, str],
) -> tuple[list[URLPattern | URLResolver], str, str]:
    """The API's URL patterns, each view answering a method it lacks with JSON."""

    def wrap(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)  # keeps csrf_exempt and ninja's marks
        def json_405(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            response = view(request, *args, **kwargs)
            if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
                return not_allowed(response.get("Allow", ""))
            return response

        return json_405

    patterns, app_name, namespace = urls
    wrapped: list[URLPattern | URLResolver] = [
        URLPattern(p.pattern, wrap(p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in patterns
    ]
    return wrapped, app_name, namespace


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return detail(404, "No such API endpoint; the document is at /api/v1/openapi.json.")
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return detail(400, "Bad request.")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return detail(403, "Forbidden.")
    return defaults.permission_denied(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return detail(500, "Server error; it has been logged.")
    return defaults.server_error(request)
