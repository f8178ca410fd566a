"""Sending runs on the same task library as publishing (django-tasks, database backend).

``scorecard worker`` runs these; at its start it queues again every mailing a
stopped job left unfinished. A mailing paused because the mail server could not be
reached is tried again SCORECARD_MAIL_RETRY_SECONDS later.
"""

from __future__ import annotations

from django_tasks import task

from scorecard.web.participants.sending import enqueue, send_mailing


@task()
def send_mailing_task(mailing_id: int) -> bool:
    """Send a mailing's queued messages; True once none is left to send."""
    outcome = send_mailing(mailing_id)
    if outcome.error:
        enqueue(mailing_id, later=True)
    return outcome.finished
