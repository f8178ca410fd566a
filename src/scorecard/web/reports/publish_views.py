"""Publishing from the workspace: checks to acknowledge, a preview, then progress.

The publish page lists every failing check (the same list as ``scorecard edition
publish``) with a checkbox each; publishing is refused until each is ticked, and
what was acknowledged is stored with the version. The preview shows the public
page exactly as it will look; the progress page follows the render job until the
version is public.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from scorecard.method import default_framework, framework_data
from scorecard.report.charts import draw_charts
from scorecard.web.editions.access import edition_view, user_id
from scorecard.web.editions.lifecycle import TransitionError
from scorecard.web.editions.models import Edition
from scorecard.web.format_labels import format_labels
from scorecard.web.reports.convert import draft_input
from scorecard.web.reports.landing import landing_context
from scorecard.web.reports.models import PublishedReport
from scorecard.web.reports.narrative_page import language_url
from scorecard.web.reports.public import FORMAT_ORDER
from scorecard.web.reports.publishing import ChecksNotAccepted, checks_for, progress, publish


def _language(edition: Edition) -> str:
    current = (get_language() or "en")[:2]
    languages = list(edition.languages or ["en"])
    return current if current in languages else languages[0]


@edition_view(coordinator=True)
def publish_page(request: HttpRequest, edition: Edition) -> HttpResponse:
    language = (get_language() or "en")[:2]
    found = checks_for(edition, language)
    accepted = set(request.POST.getlist("accept"))
    error = ""
    if request.method == "POST":
        try:
            report = publish(edition, user_id(request), accepted)
        except ChecksNotAccepted as exc:
            error = _("Tick each warning you accept, or fix it first: %(ids)s.") % {
                "ids": ", ".join(w.id for w in exc.warnings)
            }
        except TransitionError as exc:
            messages.error(request, str(exc))
            return redirect("editions:detail", slug=edition.slug)
        else:
            return redirect("reports:publish_progress", slug=edition.slug, version=report.version)
    context = {
        "edition": edition,
        "checks": found,
        "accepted": accepted,
        "error": error,
        "ready": edition.status == Edition.Status.VALIDATED,
        "next_version": (edition.published.count() or 0) + 1,
    }
    return render(request, "reports/publish.html", context, status=400 if error else 200)


@edition_view(coordinator=True)
def preview(request: HttpRequest, edition: Edition) -> HttpResponse:
    """The public page as it will be, from the edition as it is now (nothing stored)."""
    language = _language(edition)
    inp = draft_input(edition, language, reader=request.user)
    results = inp.results
    data = {
        **results.edition.to_dict(),
        "languages": list(edition.languages or ["en"]),
        "framework": framework_data(default_framework()),
    }
    chart = draw_charts(results, language).goals
    drafts = [
        {"url": _draft_url(edition, fmt, language), "label": label}
        for fmt, label in format_labels(_fmt(name) for name in FORMAT_ORDER)
    ]
    context: dict[str, Any] = {
        **landing_context(data, results.to_json(), language),
        "slug": edition.slug,
        "chart_svg": str(chart.svg) if chart else "",
        "og_image": "",
        "page_url": "",
        "report_url": _draft_url(edition, "html", language),
        "downloads": drafts,
        "downloads_here": [],
        "preview_mode": True,
    }
    return render(request, "reports/public.html", context)


def _draft_url(edition: Edition, fmt: str, language: str) -> str:
    """A draft in the preview's language, its narrative included (reports.texts)."""
    return language_url(edition, "reports:draft", language, fmt)


def _fmt(name: str) -> str:
    return "datadict" if name == "report-datadict.md" else name.split(".")[-1]


@edition_view(coordinator=True)
def publish_progress(request: HttpRequest, edition: Edition, version: int) -> HttpResponse:
    report = get_object_or_404(PublishedReport, edition=edition, version=version)
    done, total = progress(report)
    text = _("Rendering %(done)s of %(total)s files…") % {"done": done, "total": total}
    if request.GET.get("format") == "json":
        return JsonResponse(
            {"done": done, "total": total, "completed": report.completed is not None, "text": text}
        )
    return render(
        request,
        "reports/publish_progress.html",
        {"edition": edition, "report": report, "done": done, "total": total, "progress_text": text},
    )
