"""Editions, results, comparisons and exports for token holders. Views are thin."""

from __future__ import annotations

import csv
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.translation import get_language
from ninja import Query, Router
from ninja.errors import HttpError

from scorecard.analysis import Answers, NotComparableError, Results, analyse, compare
from scorecard.interop import canonical_rows
from scorecard.report import RENDERERS, registry
from scorecard.report.output import media_type_of
from scorecard.web.api.auth import TokenAuth, edition_for, need_scope, token_of, visible_editions
from scorecard.web.api.models import Scope
from scorecard.web.api.schemas import (
    ComparisonOut,
    Detail,
    EditionDetail,
    EditionPage,
    Language,
    PageQuery,
    ReportFormat,
    ResultsOut,
    Slug,
    TokenOut,
    TransitionIn,
    TransitionOut,
    ValidationDetail,
)
from scorecard.web.editions.fieldwork import fieldwork_counts
from scorecard.web.editions.lifecycle import TransitionError
from scorecard.web.editions.models import Edition, Role
from scorecard.web.reports.convert import draft_input
from scorecard.web.reports.publishing import ChecksNotAccepted, publish
from scorecard.web.respond import output_response
from scorecard.web.responses.models import Respondent
from scorecard.web.responses.store import load_answers
from scorecard.web.workspace.results_cache import results_for

router = Router(auth=TokenAuth(), tags=["editions"])
ERRORS: dict[int, Any] = {401: Detail, 403: Detail, 404: Detail, 422: ValidationDetail, 429: Detail}
JSON_OPTIONS = {"allow_nan": False}


def edition_json(edition: Edition, role: str) -> dict[str, Any]:
    return {
        "slug": edition.slug,
        "title": edition.title,
        "country": edition.country,
        "year": edition.year,
        "organisation": edition.organisation,
        "status": edition.status,
        "goals": list(edition.goals or []),
        "languages": list(edition.languages or []),
        "synthetic": edition.synthetic,
        "opens_at": edition.opens_at,
        "closes_at": edition.closes_at,
        "accepts_answers": edition.accepts_answers(),
        "role": role,
    }


def results_of(edition: Edition) -> Results:
    """Exactly what the workspace's results page shows, computed once per answers version."""
    return results_for(edition)


@router.get("/token", response={200: TokenOut, **ERRORS}, summary="The calling token")
def token(request: HttpRequest) -> dict[str, Any]:
    """Which token this is and what it may do; gateways call it to check their setup."""
    found = token_of(request)
    return {
        "name": found.name,
        "prefix": found.prefix,
        "user": found.user.get_username(),
        "scopes": found.scopes,
        "created": found.created,
    }


@router.get("/editions", response={200: EditionPage, **ERRORS}, summary="Editions you can see")
def list_editions(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    found = token_of(request)
    need_scope(found, Scope.READ_RESULTS)
    editions = visible_editions(found).order_by("-year", "title", "pk")
    total = editions.count()
    chosen = list(editions[page.offset : page.offset + page.limit])
    roles = {}
    if not found.user.is_superuser:
        roles = dict(
            Role.objects.filter(user_id=found.user.pk, edition__in=chosen).values_list(
                "edition_id", "kind"
            )
        )
    return {
        "items": [edition_json(e, roles.get(e.pk, "coordinator")) for e in chosen],
        "count": total,
        "limit": page.limit,
        "offset": page.offset,
    }


@router.get("/editions/{slug:slug}", response={200: EditionDetail, **ERRORS}, summary="One edition")
def edition_detail(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    edition, role = edition_for(request, slug, Scope.READ_RESULTS)
    return {
        **edition_json(edition, role),
        "respondents": Respondent.objects.filter(edition=edition).count(),
        **fieldwork_counts(edition),  # named as on the progress page (docs/fieldwork.md)
        "published_versions": sorted(edition.published.values_list("version", flat=True)),
        "report_formats": list(RENDERERS),
    }


@router.get(
    "/editions/{slug:slug}/results",
    response={200: ResultsOut, **ERRORS},
    summary="Live results (the Results JSON)",
)
def results(request: HttpRequest, slug: Slug) -> HttpResponse:
    """``analyse(load_answers(edition), edition.core()).to_json()``, unrounded and unchanged."""
    edition, _role = edition_for(request, slug, Scope.READ_RESULTS)
    return JsonResponse(results_of(edition).to_json(), json_dumps_params=JSON_OPTIONS)


@router.get(
    "/editions/{slug:a}/compare/{slug:b}",
    response={200: ComparisonOut, 409: Detail, **ERRORS},
    summary="Two editions compared",
)
def comparison(request: HttpRequest, a: Slug, b: Slug) -> HttpResponse:
    """Edition b against the earlier edition a (scorecard.analysis.compare), labelled by slug.

    Both editions must be visible to the token. Aggregate variances are taken by
    respondents, since the answers are at hand (docs/compare.md).
    """
    first, _ = edition_for(request, a, Scope.READ_RESULTS)
    second, _ = edition_for(request, b, Scope.READ_RESULTS)
    answers: list[Answers] = [load_answers(first), load_answers(second)]
    results = [analyse(answers[0], first.core()), analyse(answers[1], second.core())]
    try:
        found = compare(*results, labels=[a, b], answers=answers)
    except NotComparableError as exc:
        raise HttpError(409, f"These editions cannot be compared: {exc}.") from None
    return JsonResponse(found.to_json(), json_dumps_params=JSON_OPTIONS)


REPORT_RESPONSES = {
    200: {
        "description": "The report file.",
        "content": {media_type_of(f).split(";")[0]: {} for f in RENDERERS},
    }
}


@router.get(
    "/editions/{slug:slug}/report.{fmt}",
    response=ERRORS,
    summary="Draft report as a file",
    openapi_extra={"responses": REPORT_RESPONSES},
)
def report(
    request: HttpRequest,
    slug: Slug,
    fmt: ReportFormat,
    language: Language = None,
) -> HttpResponse:
    """The draft report with the current narrative and meetings, as the workspace renders it."""
    edition, _role = edition_for(request, slug, Scope.READ_RESULTS)
    lang = language or (get_language() or "en")[:2]
    try:
        inp = draft_input(edition, lang, reader=token_of(request).user)
        output = registry.render("report", fmt, inp)
    except registry.UnknownFormatError:
        raise HttpError(
            404, f"Unknown report format; known formats: {', '.join(RENDERERS)}."
        ) from None
    return output_response(output, f"{edition.slug}-draft")


class _Echo:
    def write(self, value: str) -> str:
        return value


@router.get(
    "/editions/{slug:slug}/answers.csv",
    response=ERRORS,
    summary="All answers as the canonical CSV (coordinators)",
    openapi_extra={
        "responses": {200: {"description": "Canonical CSV.", "content": {"text/csv": {}}}}
    },
)
def answers_csv(request: HttpRequest, slug: Slug) -> StreamingHttpResponse:
    """Streams (a big edition never sits in memory); text cells are formula-escaped."""
    edition, _role = edition_for(request, slug, Scope.MANAGE_EDITION, coordinator=True)
    writer = csv.writer(_Echo())
    rows = canonical_rows(load_answers(edition))
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-answers.csv"'
    return response


Action = Literal["open", "close", "validate", "publish", "correct"]


@router.post(
    "/editions/{slug:slug}/transitions/{action}",
    response={200: TransitionOut, 409: Detail, **ERRORS},
    summary="Move an edition through its lifecycle (coordinators)",
)
def transition(request: HttpRequest, slug: Slug, action: Action, body: TransitionIn) -> Any:
    """draft -> open -> closed -> validated -> published, as the workspace buttons do.

    Out of order, the answer is 409 with the reason. ``publish`` refuses (409) while a
    failing check is neither in ``accept`` nor covered by ``accept_all``; it returns at
    once with the new version, which becomes public when the worker has stored its files.
    """
    edition, _role = edition_for(request, slug, Scope.MANAGE_EDITION, coordinator=True)
    version = None
    try:
        if action == "publish":
            accepted = None if body.accept_all else set(body.accept)
            version = publish(edition, token_of(request).user.pk, accepted).version
        else:
            edition.transition(action, reason=body.reason)
    except ChecksNotAccepted as exc:
        found = "; ".join(f"{w.id}: {w.message}" for w in exc.warnings)
        raise HttpError(409, f"{exc} {found}") from None
    except TransitionError as exc:
        raise HttpError(409, str(exc)) from None
    edition.refresh_from_db()
    return {"slug": edition.slug, "status": edition.status, "version": version}
