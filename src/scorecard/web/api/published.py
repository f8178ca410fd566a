"""Published reports, readable by anyone, as the public page /p/<slug>/ is.

The Results JSON is the one stored with the version when it was published, never
computed from the live answers, so a published figure never changes under a reader.
Only versions whose files are all stored (``completed``) are public.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Query, Router
from ninja.errors import HttpError

from scorecard.web.api.schemas import (
    Detail,
    PageQuery,
    PublishedPage,
    ResultsOut,
    Slug,
    ValidationDetail,
    Version,
)
from scorecard.web.reports.models import PublishedReport

router = Router(auth=None, tags=["published"])
ERRORS: dict[int, Any] = {404: Detail, 422: ValidationDetail}


@router.get("/published", response={200: PublishedPage, **ERRORS}, summary="Published editions")
def list_published(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    """The newest version of every published edition; no token needed."""
    public = PublishedReport.objects.filter(completed__isnull=False)
    newest = public.values("edition").annotate(v=Max("pk")).values("v")
    reports = (
        PublishedReport.objects.filter(pk__in=newest)
        .select_related("edition")
        .order_by("-created", "-pk")
    )
    chosen = reports[page.offset : page.offset + page.limit]
    return {
        "items": [
            {
                "slug": r.edition.slug,
                "title": r.edition_data.get("title", r.edition.title),
                "country": r.edition_data.get("country", r.edition.country),
                "year": r.edition_data.get("year", r.edition.year),
                "version": r.version,
                "published": r.created,
            }
            for r in chosen
        ],
        "count": reports.count(),
        "limit": page.limit,
        "offset": page.offset,
    }


@router.get(
    "/published/{slug:slug}",
    response={200: ResultsOut, **ERRORS},
    summary="Results of a published report",
)
def published_results(
    request: HttpRequest,
    slug: Slug,
    version: Version = None,
) -> HttpResponse:
    """The Results JSON of the newest (or the given) published version; no token needed."""
    reports = PublishedReport.objects.filter(edition__slug=slug, completed__isnull=False)
    report = reports.filter(version=version).first() if version else reports.first()
    if report is None or report.results is None:
        raise HttpError(404, "No published report with this slug and version.")
    return JsonResponse(report.results, json_dumps_params={"allow_nan": False})
