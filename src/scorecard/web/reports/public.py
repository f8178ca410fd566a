"""The public side of a published report: landing pages and the stored files, no login.

Nothing here renders a report: files are the bytes the publishing job stored, with
their SHA-256 as ETag and ``immutable`` caching, and the landing page is built from
the version's frozen Results JSON. Only versions whose every file exists
(``completed``) are visible at all.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from scorecard.web.reports.landing import human_size, landing_context
from scorecard.web.reports.models import PublishedFile, PublishedReport

IMMUTABLE = "public, max-age=31536000, immutable"
# Stored files are ours, but they show coalition-written text: let them run nothing.
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
INLINE = {"text/html", "image/svg+xml", "image/png"}
FORMAT_ORDER = ("report.html", "report.pdf", "report.pptx", "report.xlsx", "report.csv",
                "report.json", "report-datadict.md")  # fmt: skip


class _Bytes:
    """Recently served files by digest: immutable, so a copy in memory is never stale."""

    def __init__(self, budget: int = 64 * 1024 * 1024) -> None:
        self.budget = budget
        self.used = 0
        self.items: OrderedDict[str, bytes] = OrderedDict()

    def get(self, sha256: str, storage_name: str) -> bytes:
        data = self.items.get(sha256)
        if data is not None:
            self.items.move_to_end(sha256)
            return data
        with default_storage.open(storage_name, "rb") as f:
            data = bytes(f.read())
        if len(data) <= self.budget // 4:
            self.items[sha256] = data
            self.used += len(data)
            while self.used > self.budget:
                _, old = self.items.popitem(last=False)
                self.used -= len(old)
        return data


FILES = _Bytes()


def _versions(slug: str) -> list[PublishedReport]:
    found = list(
        PublishedReport.objects.filter(edition__slug=slug, completed__isnull=False)
        .select_related("edition")
        .defer("answers_csv", "narrative", "meetings")
        .order_by("-version")
    )
    if not found:
        raise Http404
    return found


def _language(request: HttpRequest, languages: list[str]) -> str:
    asked = request.GET.get("lang", "")
    if asked in languages:
        return asked
    current = (get_language() or "en")[:2]
    return current if current in languages else languages[0]


def landing(request: HttpRequest, slug: str, version: int | None = None) -> HttpResponse:
    """A version's public page; without a version, the latest one."""
    versions = _versions(slug)
    latest = versions[0]
    report = (
        latest if version is None else next((v for v in versions if v.version == version), None)
    )
    if report is None:
        raise Http404
    language = _language(request, report.languages)
    with translation.override(language):
        response = render(
            request, "reports/public.html", _page(request, report, versions, language)
        )
    response["Cache-Control"] = "public, max-age=60"
    response["Content-Language"] = language
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def _page(
    request: HttpRequest, report: PublishedReport, versions: list[PublishedReport], language: str
) -> dict[str, Any]:
    files = list(report.files.all())
    chart = next((f for f in files if f.language == language and f.name == "goals.svg"), None)
    preview = next((f for f in files if f.language == language and f.name == "goals.png"), None)
    slug = report.edition.slug
    downloads = sorted(
        (f for f in files if f.name in FORMAT_ORDER),
        key=lambda f: (f.language != language, f.language, FORMAT_ORDER.index(f.name)),
    )
    return {
        **landing_context(report.edition_data, report.results or {}, language),
        "report": report,
        "slug": slug,
        "latest": versions[0],
        "versions": versions,
        "chart_svg": _svg(chart),
        "og_image": request.build_absolute_uri(_file_url(slug, report.version, preview))
        if preview
        else "",
        "page_url": request.build_absolute_uri(
            reverse("reports:public_version", args=[slug, report.version])
        ),
        "report_url": _file_url(slug, report.version, _named(files, language, "report.html")),
        "downloads_here": [
            _row(slug, report.version, f, language) for f in downloads if f.language == language
        ],
        "downloads_other": [
            _row(slug, report.version, f, language) for f in downloads if f.language != language
        ],
        "downloads_label": _("Downloads"),
        "other_label": _("Files in the other languages"),
        "preview_mode": False,
    }


def _row(slug: str, version: int, stored: PublishedFile, language: str) -> dict[str, Any]:
    url = _file_url(slug, version, stored)
    return {"file": stored, "url": url, "size": human_size(stored.size, language)}


def _named(files: list[PublishedFile], language: str, name: str) -> PublishedFile | None:
    return next((f for f in files if f.language == language and f.name == name), None)


def _svg(stored: PublishedFile | None) -> str:
    if stored is None:
        return ""
    return FILES.get(stored.sha256, stored.storage_name).decode("utf-8")


def _file_url(slug: str, version: int, stored: PublishedFile | None) -> str:
    if stored is None:
        return ""
    return reverse("reports:public_file", args=[slug, version, stored.language, stored.name])


def public_file(
    request: HttpRequest, slug: str, version: int, language: str, name: str
) -> HttpResponse:
    """The stored bytes of one file of a version: never rendered here, cached for good."""
    stored = (
        PublishedFile.objects.filter(
            report__edition__slug=slug,
            report__version=version,
            report__completed__isnull=False,
            language=language,
            name=name,
        )
        .values_list("sha256", "storage_name", "media_type")
        .first()
    )
    if stored is None:
        raise Http404
    sha256, storage_name, media_type = stored
    etag = f'"{sha256}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(FILES.get(sha256, storage_name), content_type=media_type)
        if media_type.split(";")[0] not in INLINE:
            response["Content-Disposition"] = (
                f'attachment; filename="{slug}-v{version}-{language}-{name}"'
            )
    response["ETag"] = etag
    response["Cache-Control"] = IMMUTABLE
    response["Content-Security-Policy"] = FILE_CSP
    return response


def legacy_download(request: HttpRequest, slug: str, version: int, fmt: str) -> HttpResponse:
    """Old links (``/p/<slug>/v1/report.pdf``) lead to the stored file in the reader's language."""
    report = next((v for v in _versions(slug) if v.version == version), None)
    if report is None:
        raise Http404
    name = "report-datadict.md" if fmt == "datadict" else f"report.{fmt}"
    if name not in FORMAT_ORDER:
        raise Http404
    language = _language(request, report.languages)
    return HttpResponseRedirect(
        reverse("reports:public_file", args=[slug, version, language, name])
    )
