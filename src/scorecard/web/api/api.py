"""The NinjaAPI behind ``/api/v1/``: routers, and errors as ``{"detail": ...}`` JSON.

Versioned by path: a change that breaks clients gets ``/api/v2/`` beside this
one. The OpenAPI document is served at ``/api/v1/openapi.json``; the
interactive docs page is off, because ninja's would load scripts from a CDN
(any OpenAPI viewer can read the document instead).
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError

from scorecard.web.api import editions, intake, published
from scorecard.web.api.auth import TooManyFailures
from scorecard.web.api.schemas import Detail

api = NinjaAPI(
    title="People's Scorecard API",
    version="1",
    description=(
        "Editions, results, comparisons, report exports and answer intake for gateways. "
        "Authenticate with `Authorization: Bearer <token>`; published results need no token. "
        'Errors are JSON: `{"detail": ...}`. See docs/api.md.'
    ),
    urls_namespace="api-v1",
    docs_url=None,
    openapi_url="/openapi.json",
)


@api.exception_handler(TooManyFailures)
def too_many_failures(request: HttpRequest, exc: TooManyFailures) -> HttpResponse:
    response = api.create_response(
        request, {"detail": "Too many bad tokens from this address; try again later."}, status=429
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """RFC 6750: a 401 names the scheme it wants."""
    detail = "Send a valid token: Authorization: Bearer <token>."
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return api.create_response(request, {"detail": "The request body is too large."}, status=413)


api.add_router("", editions.router)
api.add_router("", intake.router)
api.add_router("", published.router)

# Last, so it only catches what no operation matched: unknown API paths answer JSON too.
fallback = Router(auth=None)


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"],
    "/{path:rest}",
    response={404: Detail},
    include_in_schema=False,
)
def not_found(request: HttpRequest, rest: str) -> dict[str, str]:
    return {"detail": "No such API endpoint."}


@fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/", response={404: Detail}, include_in_schema=False
)
def root(request: HttpRequest) -> dict[str, str]:
    return {"detail": "No such API endpoint; the document is at /api/v1/openapi.json."}


api.add_router("", fallback)
