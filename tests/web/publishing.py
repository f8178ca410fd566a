"""Test helpers for the lifecycle and publishing: walk an edition, publish it, be the worker."""

from __future__ import annotations

from scorecard.web.editions.models import Edition
from scorecard.web.reports.models import PublishedReport
from scorecard.web.reports.publishing import publish, render_version, unfinished

ORDER = ("open", "close", "validate")


def walk_to(edition: Edition, status: str) -> None:
    """Move an edition along the lifecycle, the way the buttons do, until it has ``status``."""
    edition.refresh_from_db()
    steps = {"draft": 0, "open": 1, "closed": 2, "validated": 3}
    for action in ORDER[steps[edition.status] : steps[status]]:
        edition.transition(action)


def work_queue() -> list[int]:
    """Do what the worker does: render every unfinished version; the ids it finished."""
    done = []
    for report in list(unfinished()):
        assert render_version(report.pk)
        done.append(report.version)
    return done


def publish_now(edition: Edition, author_id: int | None = None) -> PublishedReport:
    """Publish (accepting every warning) and render at once, as a worker would."""
    walk_to(edition, "validated")
    report = publish(edition, author_id, None)
    assert render_version(report.pk)
    report.refresh_from_db()
    return report


def stored_version(edition: Edition, version: int, public: bool = True) -> PublishedReport:
    """A version with its snapshot and Results JSON, without rendering files (for the API)."""
    from django.utils import timezone

    from scorecard.web.reports.convert import frozen_results, snapshot

    report = PublishedReport(edition=edition, version=version, **snapshot(edition))
    report.results = frozen_results(report).to_json()
    report.completed = timezone.now() if public else None
    report.save()
    return report
