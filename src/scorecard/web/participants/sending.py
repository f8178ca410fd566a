"""Queueing invitations and reminders, and sending them once each, across crashes.

Every message is a row (``Message``) whose state moves by conditional UPDATEs:
a sending job claims a batch (queued -> sending, with a lease naming the job),
sends it over one SMTP connection, and records each message as sent or refused
the moment the server answers. A job killed mid-batch leaves its claimed rows in
"sending": the next job takes them over when the lease runs out (at once on the
same machine, where it sees the process is gone), so none is skipped. A message is
sent twice only if the job dies in the instant between the server's "250 OK" and
the UPDATE after it; both copies then carry the same Message-ID. When the mail
server cannot be reached, the claimed messages go back to the queue untouched and
the mailing waits for the next try: nothing already sent is sent again.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from scorecard.web.editions.lifecycle import Activity, TransitionError
from scorecard.web.editions.models import Edition, Invitation, hash_token
from scorecard.web.leases import holder_is_gone, worker_id
from scorecard.web.participants.mail import compose
from scorecard.web.participants.models import Kind, Mailing, Message, Participant, State

log = logging.getLogger("scorecard.mail")
BATCH = 100
# Participant fields a reminder can be limited to (``--only sector=NGO``).
GROUP_FIELDS = ("sector", "gender", "region", "language", "organisation")
UNFINISHED = (State.QUEUED, State.SENDING)


class Unreachable(Exception):
    """The mail server could not be reached or refused the whole session."""


@dataclass
class Outcome:
    sent: int = 0
    refused: int = 0
    cancelled: int = 0
    finished: bool = False
    error: str = ""


# --- queueing ---------------------------------------------------------------------------


def site_url() -> str:
    return str(settings.SCORECARD_SITE_URL)


def invited_ids(edition: Edition) -> QuerySet[Message, int]:
    """Participants whose invitation is sent or on its way (not refused ones)."""
    return Message.objects.filter(
        mailing__edition=edition,
        mailing__kind=Kind.INVITATION,
        state__in=[State.QUEUED, State.SENDING, State.SENT],
    ).values_list("participant_id", flat=True)


def queue_invitations(edition: Edition, base_url: str | None = None) -> Mailing | None:
    """Queue an invitation to every participant not yet invited; None when there is none."""
    edition.ensure(Activity.LINKS)
    with transaction.atomic():
        Edition.objects.select_for_update().filter(pk=edition.pk).first()  # one queuer at once
        todo = list(
            Participant.objects.filter(edition=edition, opted_out_at__isnull=True)
            .exclude(pk__in=invited_ids(edition))
            .select_related("invitation")
        )
        if not todo:
            return None
        _give_links(edition, todo)
        return _mailing(edition, Kind.INVITATION, todo, base_url, {})


def _give_links(edition: Edition, people: list[Participant]) -> None:
    """A link for each participant without one (kept for every later message)."""
    needing = [p for p in people if p.invitation is None]
    made = [Invitation.for_participant(edition)[0] for _ in needing]
    Invitation.objects.bulk_create(made)
    for person, invitation in zip(needing, made, strict=True):
        person.invitation = invitation
    Participant.objects.bulk_update(needing, ["invitation"], batch_size=500)


def reminder_targets(edition: Edition, only: dict[str, str]) -> QuerySet[Participant]:
    """Invited, not submitted, not opted out, and in the group ``only`` names."""
    wrong = [key for key in only if key not in GROUP_FIELDS]
    if wrong:
        raise ValueError(
            gettext("A reminder can be limited by %(fields)s, not by %(wrong)s.")
            % {"fields": ", ".join(GROUP_FIELDS), "wrong": ", ".join(wrong)}
        )
    people = (
        Participant.objects.filter(
            edition=edition,
            opted_out_at__isnull=True,
            pk__in=Message.objects.filter(
                mailing__edition=edition, mailing__kind=Kind.INVITATION, state=State.SENT
            ).values("participant_id"),
            invitation__revoked_at__isnull=True,
        )
        .exclude(invitation__respondent__submitted_at__isnull=False)
        .select_related("invitation")
    )
    for key, value in only.items():
        people = people.filter(**{f"{key}__iexact": value})
    return people


def queue_reminders(
    edition: Edition, only: dict[str, str] | None = None, base_url: str | None = None
) -> Mailing | None:
    """Queue a reminder to everyone invited who has not submitted nor opted out."""
    edition.ensure(Activity.LINKS)
    only = only or {}
    with transaction.atomic():
        Edition.objects.select_for_update().filter(pk=edition.pk).first()
        todo = list(reminder_targets(edition, only))
        if not todo:
            return None
        return _mailing(edition, Kind.REMINDER, todo, base_url, only)


def _mailing(
    edition: Edition,
    kind: str,
    people: list[Participant],
    base_url: str | None,
    only: dict[str, str],
) -> Mailing:
    mailing = Mailing.objects.create(
        edition=edition, kind=kind, base_url=(base_url or site_url()).rstrip("/"), only=only
    )
    Message.objects.bulk_create(
        (Message(mailing=mailing, participant=p) for p in people), batch_size=500
    )
    transaction.on_commit(lambda: enqueue(mailing.pk))
    return mailing


def enqueue(mailing_id: int, later: bool = False) -> None:
    from scorecard.web.participants.tasks import send_mailing_task

    if later:
        delay = datetime.timedelta(seconds=settings.SCORECARD_MAIL_RETRY_SECONDS)
        send_mailing_task.using(run_after=timezone.now() + delay).enqueue(mailing_id)
    else:
        send_mailing_task.enqueue(mailing_id)


# --- leases -----------------------------------------------------------------------------


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.SCORECARD_MAIL_LEASE_SECONDS)


def _free(now: datetime.datetime) -> Q:
    return Q(state=State.QUEUED) | Q(state=State.SENDING, lease_until__lt=now)


def claim(mailing_id: int, owner: str, size: int) -> list[Message]:
    """Take up to ``size`` messages nobody holds; each is claimed by one job only."""
    now = timezone.now()
    ids = list(
        Message.objects.filter(_free(now), mailing_id=mailing_id)
        .order_by("pk")
        .values_list("pk", flat=True)[:size]
    )
    if not ids:
        return []
    until = now + _lease()
    Message.objects.filter(_free(now), pk__in=ids).update(
        state=State.SENDING, lease_owner=owner, lease_until=until, attempts=F("attempts") + 1
    )
    return list(
        Message.objects.filter(
            pk__in=ids, state=State.SENDING, lease_owner=owner, lease_until=until
        )
        .select_related("participant__invitation__respondent")
        .order_by("pk")
    )


def release_dead_leases() -> int:
    """Give back the messages of sending jobs on this machine that no longer exist."""
    freed = 0
    held = Message.objects.filter(state=State.SENDING).values_list("lease_owner", flat=True)
    for owner in set(held):
        if holder_is_gone(owner):
            freed += Message.objects.filter(state=State.SENDING, lease_owner=owner).update(
                state=State.QUEUED, lease_owner="", lease_until=None
            )
    return freed


def _finish(message: Message, owner: str, state: str, error: str = "") -> bool:
    done = Message.objects.filter(pk=message.pk, state=State.SENDING, lease_owner=owner).update(
        state=state,
        lease_owner="",
        lease_until=None,
        error=error[:1000],
        sent_at=timezone.now() if state == State.SENT else None,
    )
    return bool(done)


def _give_back(ids: list[int], owner: str, error: str) -> None:
    Message.objects.filter(pk__in=ids, state=State.SENDING, lease_owner=owner).update(
        state=State.QUEUED, lease_owner="", lease_until=None, error=error[:1000]
    )


# --- sending ----------------------------------------------------------------------------


def send_mailing(mailing_id: int, on_message: Callable[[int, int], None] | None = None) -> Outcome:
    """Send the mailing's queued messages; ``finished`` once none is left to send.

    ``on_message(done, total)`` follows progress (the CLI's bar). Stops at the first
    sign that the server is unreachable, leaving the rest queued for the next try.
    """
    owner = worker_id()
    release_dead_leases()
    mailing = Mailing.objects.select_related("edition").get(pk=mailing_id)
    total = mailing.messages.count()
    outcome = Outcome()
    rate = settings.SCORECARD_MAIL_PER_MINUTE
    interval = 60.0 / rate if rate > 0 else 0.0
    lease_seconds = settings.SCORECARD_MAIL_LEASE_SECONDS
    # A batch must go out well within its lease, whatever the rate limit.
    size = max(1, min(BATCH, int(lease_seconds / 2 / interval))) if interval else BATCH
    connection = get_connection(fail_silently=False)
    wordings: dict[tuple[str, str], object] = {}
    last = 0.0
    try:
        while batch := claim(mailing_id, owner, size):
            try:  # checked per batch: an edition closed meanwhile sends no more links
                mailing.edition.ensure(Activity.LINKS)
            except TransitionError as exc:
                Message.objects.filter(pk__in=[m.pk for m in batch]).update(
                    state=State.CANCELLED, lease_owner="", lease_until=None, error=str(exc)
                )
                outcome.cancelled += len(batch)
                continue
            for index, message in enumerate(batch):
                if interval:
                    wait = last + interval - time.monotonic()
                    if wait > 0:
                        time.sleep(wait)
                try:
                    state, error = _send_one(mailing, message, connection, wordings)
                except Unreachable as exc:
                    _give_back([m.pk for m in batch[index:]], owner, str(exc))
                    outcome.error = str(exc)
                    Mailing.objects.filter(pk=mailing_id).update(last_error=str(exc)[:1000])
                    log.warning("mailing %s paused: %s", mailing_id, exc)
                    return outcome
                last = time.monotonic()
                if _finish(message, owner, state, error):
                    if state == State.SENT:
                        outcome.sent += 1
                    elif state == State.REFUSED:
                        outcome.refused += 1
                    else:
                        outcome.cancelled += 1
                if on_message is not None:
                    on_message(_settled(mailing_id), total)
    finally:
        connection.close()
    left = Message.objects.filter(mailing_id=mailing_id, state__in=UNFINISHED).exists()
    if not left:
        Mailing.objects.filter(pk=mailing_id, finished_at__isnull=True).update(
            finished_at=timezone.now(), last_error=""
        )
        outcome.finished = True
    return outcome


def _settled(mailing_id: int) -> int:
    return Message.objects.filter(mailing_id=mailing_id).exclude(state__in=UNFINISHED).count()


def _send_one(
    mailing: Mailing, message: Message, connection: object, wordings: dict[tuple[str, str], object]
) -> tuple[str, str]:
    """(state, error) of one message; raises Unreachable for the server's own failures."""
    person = message.participant
    invitation = person.invitation
    if person.opted_out_at is not None:
        return State.CANCELLED, gettext("opted out")
    if invitation is None or invitation.revoked_at is not None:
        return State.CANCELLED, gettext("the link was revoked")
    respondent = getattr(invitation, "respondent", None)
    if mailing.kind == Kind.REMINDER and respondent is not None and respondent.submitted_at:
        return State.CANCELLED, gettext("submitted")
    token = invitation.token()
    if hash_token(token) != invitation.token_hash:  # SECRET_KEY changed since it was made
        token = invitation.reissue()
    link = mailing.base_url + reverse("responses:start", kwargs={"token": token})
    email = compose(
        mailing.edition,
        mailing.kind,
        person,
        link,
        mailing.base_url,
        message.pk,
        wordings,  # type: ignore[arg-type]
    )
    email.connection = connection
    try:
        if getattr(connection, "connection", False) is None:
            connection.open()  # type: ignore[attr-defined]  # once, kept for the whole run
        email.send()
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _text in exc.recipients.values()]
        text = "; ".join(f"{code} {_decode(reply)}" for code, reply in exc.recipients.values())
        if all(code >= 500 for code in codes):
            return State.REFUSED, text
        raise Unreachable(gettext("The mail server deferred a recipient: %s") % text) from exc
    except smtplib.SMTPDataError as exc:  # this message's content or recipient, refused
        text = f"{exc.smtp_code} {_decode(exc.smtp_error)}"
        if exc.smtp_code >= 500:
            return State.REFUSED, text
        raise Unreachable(gettext("The mail server answered: %s") % text) from exc
    except smtplib.SMTPResponseException as exc:  # sender, login, greeting: every message
        text = f"{exc.smtp_code} {_decode(exc.smtp_error)}"
        raise Unreachable(gettext("The mail server answered: %s") % text) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise Unreachable(
            gettext("The mail server could not be reached: %s") % (exc or type(exc).__name__)
        ) from exc
    except ValueError as exc:  # an address Django cannot encode
        return State.REFUSED, str(exc)
    return State.SENT, ""


def _decode(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def unfinished_mailings() -> QuerySet[Mailing]:
    return Mailing.objects.filter(finished_at__isnull=True).order_by("pk")


def resume_unfinished() -> int:
    """Queue again every mailing a stopped job left with messages to send (worker start)."""
    release_dead_leases()
    count = 0
    for mailing in unfinished_mailings():
        enqueue(mailing.pk)
        count += 1
    return count
