"""Publishing: checks, the frozen version, and the one-time render of its files.

``publish`` freezes what the public will get (framework, edition facts, answers,
narrative, meetings, Results JSON) as a new PublishedReport and queues
``render_version``, which writes every format in every language of the edition
into Django's storage, once. The version becomes public only when its last file
is stored (``completed``). Rendering is resumable and idempotent: files already
stored are kept, and a lease in the database makes sure only one process renders
a version at a time, so a killed job leaves no half version and the next worker
(or ``scorecard edition publish`` itself) finishes it.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from scorecard.report import registry
from scorecard.report.checks import Warning_, publish_checks, unaccepted
from scorecard.report.output import Output, media_type_of, suffix_of
from scorecard.web.editions.lifecycle import TRANSITIONS, TransitionError
from scorecard.web.editions.models import Edition
from scorecard.web.leases import holder_is_gone, worker_id
from scorecard.web.reports.convert import draft_input, frozen_results, published_input, snapshot
from scorecard.web.reports.language_checks import in_order, untranslated
from scorecard.web.reports.models import PublishedFile, PublishedReport

log = logging.getLogger("scorecard.render")


class ChecksNotAccepted(TransitionError):
    """Publishing refused: these failing checks were not acknowledged."""

    def __init__(self, warnings: list[Warning_]) -> None:
        self.warnings = warnings
        ids = ", ".join(w.id for w in warnings)
        super().__init__(f"Acknowledge these warnings to publish anyway: {ids}.")


def checks_for(edition: Edition, language: str = "en") -> list[Warning_]:
    """The failing pre-publishing checks of the edition as it is now.

    They read the full profile: the coordinator is told which groups are small (and
    will be merged in every published output), which the merged profile no longer says.
    The narrative checked is the one of ``language`` (first-language text where it has
    none); sections missing in one of the languages are the ``untranslated`` warning.
    """
    inp = draft_input(edition, language, anonymous_profile=False)
    found = publish_checks(inp.results, inp.story, inp.meetings, language)
    if (languages := untranslated(edition, language)) is not None:
        found.append(languages)
    return in_order(found)


def publish(edition: Edition, author_id: int | None, accepted: set[str] | None) -> PublishedReport:
    """Freeze a new version and queue its render; ``accepted=None`` acknowledges every warning.

    The status moves validated -> published in one conditional UPDATE inside the
    transaction that creates the version, so of two coordinators publishing at once
    exactly one makes a version and the other is told the edition is published.
    """
    edition.refresh_from_db()
    if edition.status != Edition.Status.VALIDATED:
        raise TransitionError(f"{edition.status_message()} {TRANSITIONS['publish'].refusal}")
    found = checks_for(edition)
    missing = unaccepted(found, accepted)
    if missing:
        raise ChecksNotAccepted(missing)
    with transaction.atomic():
        edition.transition("publish")
        last = edition.published.aggregate(v=Max("version"))["v"] or 0
        frozen = snapshot(edition)
        report = PublishedReport(
            edition=edition,
            version=last + 1,
            author_id=author_id,
            note=edition.correction_reason,
            accepted=[
                {"id": w.id, "message": w.message, "details": list(w.details)} for w in found
            ],
            **frozen,
        )
        report.results = frozen_results(report).to_json()
        report.save()
        Edition.objects.filter(pk=edition.pk).update(correction_reason="")
        transaction.on_commit(lambda: enqueue_render(report.pk))
    return report


def enqueue_render(report_id: int) -> None:
    from scorecard.web.reports.tasks import render_published

    render_published.enqueue(report_id)


# --- what a version consists of -------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    language: str
    name: str
    make: Callable[[], Output]


def planned_files(report: PublishedReport) -> list[Planned]:
    """Every file of a version, in the order they are rendered (quick ones first)."""
    out: list[Planned] = []
    for language in report.languages:
        for fmt in ("html", "json", "csv", "datadict", "xlsx", "pptx", "pdf"):
            name = "report-datadict.md" if fmt == "datadict" else f"report.{suffix_of(fmt)}"
            out.append(Planned(language, name, _maker(report, language, fmt)))
        if (report.results or {}).get("overall", {}).get("percent") is not None:
            out.append(Planned(language, "goals.svg", _chart(report, language, png=False)))
            out.append(Planned(language, "goals.png", _chart(report, language, png=True)))
    return out


def _maker(report: PublishedReport, language: str, fmt: str) -> Callable[[], Output]:
    def make() -> Output:
        return registry.render("report", fmt, published_input(report, language))

    return make


def _chart(report: PublishedReport, language: str, png: bool) -> Callable[[], Output]:
    """The goals-ranked chart: inline on the landing page, and the preview image for links."""

    def make() -> Output:
        from scorecard.report.charts import draw_charts

        chart = draw_charts(published_input(report, language).results, language).goals
        assert chart is not None
        if png:
            # 1200 x 630 px: the size link previews (Open Graph) show uncropped.
            return Output(chart.png(800, 420, font=13, scale=1.5), "image/png", "png")
        return Output(str(chart.svg).encode("utf-8"), media_type_of("svg"), "svg")

    return make


def progress(report: PublishedReport) -> tuple[int, int]:
    """(files stored, files in the version)."""
    return report.files.count(), len(planned_files(report))


# --- rendering, once --------------------------------------------------------------------


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "SCORECARD_RENDER_LEASE_SECONDS", 120))


def _claim(report_id: int, owner: str) -> bool:
    """Take (or renew) the version's render lease; False while another live process holds it."""
    now = timezone.now()
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now) | Q(lease_owner=owner)
    return bool(
        PublishedReport.objects.filter(Q(pk=report_id) & Q(completed__isnull=True) & free).update(
            lease_owner=owner, lease_until=now + _lease()
        )
    )


def release_dead_leases() -> int:
    """Free the leases of render processes on this machine that no longer exist (kill -9)."""
    freed = 0
    held = PublishedReport.objects.filter(completed__isnull=True, lease_until__isnull=False)
    for pk, owner in held.values_list("pk", "lease_owner"):
        if holder_is_gone(owner):
            freed += PublishedReport.objects.filter(pk=pk, lease_owner=owner).update(
                lease_owner="", lease_until=None
            )
    return freed


def render_version(report_id: int, on_file: Callable[[int, int], None] | None = None) -> bool:
    """Render and store the version's missing files; True once the version is public.

    False when another live process holds the lease (it will finish the version).
    """
    owner = worker_id()
    if PublishedReport.objects.filter(pk=report_id, completed__isnull=False).exists():
        return True
    if not _claim(report_id, owner):
        return False
    report = PublishedReport.objects.select_related("edition").get(pk=report_id)
    if report.results is None:  # a version published before results were stored with it
        report.results = frozen_results(report).to_json()
        report.save(update_fields=["results"])
    plan = planned_files(report)
    have = set(report.files.values_list("language", "name"))
    for done, item in enumerate(plan):
        if (item.language, item.name) not in have:
            if not _claim(report_id, owner):
                return False
            _store(report, item)
        if on_file is not None:
            on_file(done + 1, len(plan))
    PublishedReport.objects.filter(pk=report_id, completed__isnull=True).update(
        completed=timezone.now(), lease_owner="", lease_until=None
    )
    log.info("version %s of %s is public", report.version, report.edition.slug)
    return True


def _store(report: PublishedReport, item: Planned) -> None:
    output = item.make()
    log.info("rendered %s v%s %s/%s", report.edition.slug, report.version, item.language, item.name)
    name = f"published/{report.edition_id}/v{report.version}/{item.language}/{item.name}"
    if default_storage.exists(name):  # left by a killed render before its row was written
        default_storage.delete(name)
    stored = default_storage.save(name, ContentFile(output.data))
    try:
        PublishedFile.objects.create(
            report=report,
            language=item.language,
            name=item.name,
            storage_name=stored,
            media_type=output.media_type,
            size=len(output.data),
            sha256=hashlib.sha256(output.data).hexdigest(),
        )
    except IntegrityError:
        default_storage.delete(stored)


def unfinished() -> Iterator[PublishedReport]:
    return iter(PublishedReport.objects.filter(completed__isnull=True).order_by("pk"))


def resume_unfinished() -> int:
    """Queue every version a killed job left unfinished; the worker does this at start."""
    release_dead_leases()
    count = 0
    for report in unfinished():
        enqueue_render(report.pk)
        count += 1
    return count
