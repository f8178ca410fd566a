"""Background tasks (django-tasks, database backend: no broker, SQLite or PostgreSQL).

The worker is ``scorecard worker`` (deploy/scorecard-worker.service): it first queues
again any version a killed job left unfinished, then runs django-tasks-db's worker.
"""

from __future__ import annotations

from django_tasks import task

from scorecard.web.reports.publishing import render_version


@task()
def render_published(report_id: int) -> bool:
    """Render a published version's files once; True when the version is public."""
    return render_version(report_id)
