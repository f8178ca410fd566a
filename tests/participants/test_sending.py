"""Invitations and reminders through a real SMTP server: the numbers of the issue.

500 participants in en/ru/kk are invited (500 messages, each in its language with
its own working link); 100 submit and a reminder goes to exactly 400; 10 opt out
with the one-click URL and the next reminder goes to 390; a server killed mid-send
and started again leaves nobody with two messages and nobody without one.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from scorecard.web import leases
from scorecard.web.editions.lifecycle import TransitionError
from scorecard.web.editions.models import Edition, hash_token
from scorecard.web.participants.mail import optout_key
from scorecard.web.participants.models import Kind, MailTemplate, Message, Participant, State
from scorecard.web.participants.sending import queue_invitations, queue_reminders, send_mailing
from tests.participants.conftest import LANGUAGES, add_people, submit
from tests.participants.smtp import Received, Sink, start

LINK = re.compile(r"http://testserver/r/([a-z0-9]+)/")
SUBJECTS = {"en": "Invitation EN {coalition}", "ru": "Приглашение {coalition}", "kk": "Шақыру"}


def own_templates(edition: Edition) -> None:
    """A template per language, so each message's language can be told from its subject."""
    for language in LANGUAGES:
        for kind in Kind.values:
            MailTemplate.objects.create(
                edition=edition,
                kind=kind,
                language=language,
                subject=f"{kind} {SUBJECTS[language]}",
                body=f"[{language}] {{name}}: {{link}} ({{deadline}})",
            )


def invite_all(edition: Edition) -> None:
    mailing = queue_invitations(edition, "http://testserver")
    assert mailing is not None
    outcome = send_mailing(mailing.pk)
    assert outcome.finished, outcome.error


def remind(edition: Edition, only: dict[str, str] | None = None) -> int:
    mailing = queue_reminders(edition, only, "http://testserver")
    if mailing is None:
        return 0
    outcome = send_mailing(mailing.pk)
    assert outcome.finished, outcome.error
    return outcome.sent


def recipients(received: list[Received]) -> Counter[str]:
    return Counter(address for r in received for address in r.to)


@pytest.mark.django_db(transaction=True)
def test_500_invited_100_submit_400_reminded_10_opt_out_390(edition: Edition, smtp: Sink) -> None:
    own_templates(edition)
    people = add_people(edition, 500)
    invite_all(edition)

    assert len(smtp.received) == 500
    assert set(recipients(smtp.received).values()) == {1}
    by_address = {p.email: p for p in people}
    tokens = set()
    client = Client()
    for got in smtp.received:
        person = by_address[got.to[0]]
        assert (
            str(got.message["Subject"])
            .strip()
            .startswith(f"invitation {SUBJECTS[person.language][:5]}")
        )
        assert got.body.startswith(f"[{person.language}] {person.name}: ")
        token = LINK.search(got.body)
        assert token is not None, got.body
        tokens.add(token[1])
        person.refresh_from_db()
        assert person.invitation is not None
        assert person.invitation.token_hash == hash_token(token[1])
    assert len(tokens) == 500
    for plain in list(tokens)[:20]:  # the links work: they lead into the questionnaire
        response = client.get(f"/r/{plain}/")
        assert response.status_code == 302
        assert "/consent/" in response["Location"]

    for person in people[:100]:
        submit(person)
    smtp.received.clear()
    assert remind(edition) == 400
    assert len(smtp.received) == 400
    reminded = set(recipients(smtp.received))
    assert reminded == {p.email for p in people[100:]}
    for got in smtp.received[:30]:  # a reminder carries the same link as the invitation
        person = by_address[got.to[0]]
        person.refresh_from_db()
        token = LINK.search(got.body)
        assert token is not None
        assert person.invitation is not None
        assert hash_token(token[1]) == person.invitation.token_hash
        assert str(got.message["Subject"]).strip().startswith("reminder")

    opting = {p.email for p in people[100:110]}
    for got in smtp.received:
        if got.to[0] in opting:
            url = re.search(
                r"<(http://testserver)?(/optout/[^>]+)>", got.message["List-Unsubscribe"]
            )
            assert url is not None
            assert got.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            assert url[2] in got.body  # and a visible link
            response = client.post(
                url[2],
                "List-Unsubscribe=One-Click",
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code == 200
    assert Participant.objects.filter(opted_out_at__isnull=False).count() == 10
    smtp.received.clear()
    assert remind(edition) == 390
    assert len(smtp.received) == 390
    assert not set(recipients(smtp.received)) & opting


@pytest.mark.django_db(transaction=True)
def test_a_server_killed_mid_send_and_started_again_sends_each_once(
    edition: Edition, smtp: Sink
) -> None:
    people = add_people(edition, 120)
    port = smtp.controller.port if smtp.controller else 0
    smtp.kill_after = 47
    mailing = queue_invitations(edition, "http://testserver")
    assert mailing is not None

    first = send_mailing(mailing.pk)
    assert not first.finished
    assert first.sent == 47
    assert "could not be reached" in first.error or "answered" in first.error
    states = Counter(Message.objects.values_list("state", flat=True))
    assert states == {State.SENT: 47, State.QUEUED: 73}

    again = send_mailing(mailing.pk)  # still down: nothing sent, nothing lost
    assert again.sent == 0
    assert not again.finished
    assert Message.objects.filter(state=State.SENT).count() == 47

    smtp.kill_after = None
    start(smtp, port)
    last = send_mailing(mailing.pk)
    assert last.finished
    assert last.sent == 73
    got = recipients(smtp.received)
    assert got == Counter({p.email: 1 for p in people})


@pytest.mark.django_db(transaction=True)
def test_a_job_killed_after_claiming_leaves_nothing_behind(
    edition: Edition, smtp: Sink, settings: Settings
) -> None:
    """A job that died holding a batch: its messages are sent by the next job, once."""
    people = add_people(edition, 30)
    mailing = queue_invitations(edition, "http://testserver")
    assert mailing is not None
    from scorecard.web.participants import sending

    dead = f"{leases.worker_id().rpartition(':')[0]}:999999999"  # no such process
    claimed = sending.claim(mailing.pk, dead, 10)
    assert len(claimed) == 10
    outcome = send_mailing(mailing.pk)
    assert outcome.finished
    assert outcome.sent == 30
    assert recipients(smtp.received) == Counter({p.email: 1 for p in people})


@pytest.mark.django_db(transaction=True)
def test_refusals_are_recorded_per_participant_and_the_rest_go(
    edition: Edition, smtp: Sink
) -> None:
    people = add_people(edition, 6)
    smtp.refuse = {people[2].email}
    invite_all(edition)
    assert len(smtp.received) == 5
    refused = Message.objects.get(participant=people[2])
    assert refused.state == State.REFUSED
    assert "550" in refused.error
    assert Message.objects.filter(state=State.SENT).count() == 5


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_server_keeps_everything_queued(
    edition: Edition, smtp: Sink, settings: Settings
) -> None:
    add_people(edition, 4)
    smtp.stop()
    mailing = queue_invitations(edition, "http://testserver")
    assert mailing is not None
    outcome = send_mailing(mailing.pk)
    assert not outcome.finished
    assert outcome.sent == 0
    assert "could not be reached" in outcome.error
    assert Counter(Message.objects.values_list("state", flat=True)) == {State.QUEUED: 4}
    mailing.refresh_from_db()
    assert "could not be reached" in mailing.last_error


@pytest.mark.django_db(transaction=True)
def test_invite_twice_sends_only_to_the_new(edition: Edition, smtp: Sink) -> None:
    add_people(edition, 3)
    invite_all(edition)
    assert queue_invitations(edition, "http://testserver") is None
    Participant.objects.create(edition=edition, name="Late", email="late@example.org")
    invite_all(edition)
    assert [r.to for r in smtp.received[3:]] == [["late@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_a_reminder_to_one_group_only(edition: Edition, smtp: Sink) -> None:
    people = add_people(edition, 10)
    invite_all(edition)
    smtp.received.clear()
    assert remind(edition, {"sector": "ngo"}) == 5  # case does not matter
    assert set(recipients(smtp.received)) == {p.email for p in people if p.sector == "NGO"}
    with pytest.raises(ValueError, match="not by email"):
        queue_reminders(edition, {"email": "x"})


@pytest.mark.django_db(transaction=True)
def test_the_rate_limit_spaces_messages(edition: Edition, smtp: Sink, settings: Settings) -> None:
    import time

    add_people(edition, 3)
    settings.SCORECARD_MAIL_PER_MINUTE = 300  # one per 0.2 s
    began = time.monotonic()
    invite_all(edition)
    assert time.monotonic() - began >= 0.4  # three messages, two gaps
    assert len(smtp.received) == 3


def test_optout_get_only_asks_and_a_bad_key_is_refused(db: None, edition: Edition) -> None:
    person = Participant.objects.create(edition=edition, name="A", email="a@example.org")
    url = reverse("participants:optout", args=[optout_key(person.pk)])
    client = Client(enforce_csrf_checks=True)
    assert client.get(url).status_code == 200
    person.refresh_from_db()
    assert person.opted_out_at is None
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    person.refresh_from_db()
    assert person.opted_out_at is not None
    forged = reverse("participants:optout", args=[f"{person.pk}:forged"])
    assert client.post(forged).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_an_edition_closed_after_queueing_sends_no_links(edition: Edition, smtp: Sink) -> None:
    add_people(edition, 3)
    mailing = queue_invitations(edition, "http://testserver")
    assert mailing is not None
    edition.transition("close")
    outcome = send_mailing(mailing.pk)
    assert outcome.finished
    assert (outcome.sent, outcome.cancelled) == (0, 3)
    assert smtp.received == []
    with pytest.raises(TransitionError):
        queue_reminders(edition)
