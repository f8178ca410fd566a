"""An open trilingual edition, an SMTP server to send to, and participants to invite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from scorecard.web.editions.models import Edition
from scorecard.web.participants.models import Participant
from scorecard.web.responses.models import Respondent
from tests.participants.smtp import Sink, free_port, start

LANGUAGES = ("en", "ru", "kk")


@pytest.fixture
def edition(db: None) -> Edition:
    return Edition.objects.create(
        slug="kz-2025",
        title="Kazakhstan 2025",
        country="Kazakhstan",
        year=2025,
        organisation="Coalition for Sustainable Development",
        goals=[3, 5],
        status="open",
        languages=list(LANGUAGES),
    )


@pytest.fixture
def smtp(settings: Settings) -> Iterator[Sink]:
    """A running SMTP server that the e-mail settings point at."""
    sink = Sink()
    port = free_port()
    start(sink, port)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.SCORECARD_MAIL_PER_MINUTE = 0
    yield sink
    sink.stop()


def add_people(edition: Edition, count: int) -> list[Participant]:
    """``count`` participants, languages in turn en, ru, kk; sectors NGO and Media."""
    people = [
        Participant(
            edition=edition,
            name=f"Person {i}",
            email=f"person{i}@example.org",
            language=LANGUAGES[i % 3],
            sector="NGO" if i % 2 else "Media",
        )
        for i in range(count)
    ]
    Participant.objects.bulk_create(people)
    return list(Participant.objects.filter(edition=edition).order_by("pk"))


def submit(person: Participant) -> Respondent:
    """The participant answered and submitted through their link."""
    person.refresh_from_db()
    assert person.invitation is not None
    return Respondent.objects.create(
        edition=person.edition,
        invitation=person.invitation,
        consent_at=timezone.now(),
        submitted_at=timezone.now(),
        sector="NGO",
    )
