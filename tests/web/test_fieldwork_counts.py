"""Counts that add up (issue 15, item 5): invited, opened, started, submitted, imported.

Each step is counted on its own and named the same on the edition's progress page,
the participants page and the API's edition summary. The fieldwork here, by hand:

- 4 batch links made on the edition page (handed out at once: 4 invited);
- 3 participants: 2 invited by e-mail and sent, 1 whose invitation is only queued
  (6 links invited in all, not 7);
- batch link 1 opened only, link 2 consent given and nothing else, link 3 submitted
  with scores on SDG 3 (3 opened, 2 started, 1 submitted);
- an import of 2 respondents, both with scores (2 imported);

so 4 respondents are stored, and 3 of them gave at least one score.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from scorecard.analysis import MISSING, Answers, Respondents
from scorecard.interop import write_answers_csv
from scorecard.method import default_framework
from scorecard.web.api.models import ApiToken, Scope
from scorecard.web.editions.models import Edition
from scorecard.web.participants import sending
from scorecard.web.participants.models import Participant
from scorecard.web.responses.models import Respondent
from tests.web.personas import persona

pytestmark = pytest.mark.django_db

EXPECTED = {"invited": 6, "opened": 3, "started": 2, "submitted": 1, "imported": 2}


@pytest.fixture
def edition() -> Edition:
    return Edition.objects.create(
        slug="kz-2025", title="PSC Kazakhstan 2025", country="Kazakhstan", year=2025,
        goals=[3, 5], status="open", languages=["en"],
    )  # fmt: skip


def _links(alice: Client, edition: Edition, count: int) -> list[str]:
    page = alice.post(f"/editions/{edition.slug}/invite/", {"count": count}).content.decode()
    return re.findall(r"/r/([a-z0-9]{28})/", page)


def _invite_two_and_queue_one(edition: Edition, settings: Settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for i in range(2):
        Participant.objects.create(
            edition=edition, name=f"P{i}", email=f"p{i}@example.org", language="en"
        )
    mailing = sending.queue_invitations(edition, "http://testserver")
    assert mailing is not None
    assert sending.send_mailing(mailing.pk).finished
    Participant.objects.create(edition=edition, name="Late", email="late@example.org")
    assert sending.queue_invitations(edition, "http://testserver") is not None  # not sent


def _walk(token: str, steps: str) -> None:
    """A respondent's own browser: "o" opens the link, "c" consents, "s" scores and submits."""
    client = Client()
    assert client.get(f"/r/{token}/").status_code in (200, 302)
    if "c" in steps:
        assert client.post(f"/r/{token}/consent/", {"consent": "on"}).status_code == 302
    if "s" in steps:
        profile = {"sector": "NGO", "gender": "Female", "age": "40", "region": "Almaty"}
        assert client.post(f"/r/{token}/profile/", profile).status_code == 302
        assert client.post(f"/r/{token}/goals/", {"goals": ["3"]}).status_code == 302
        scores = {f"a{i}": str(i % 5) for i in range(1, 11)}
        response = client.post(f"/r/{token}/goal/3/", {**scores, "comment": "", "action": "next"})
        assert response.status_code == 302
        assert client.post(f"/r/{token}/review/").status_code == 302


def _import_two(alice: Client, edition: Edition, tmp_path: Path) -> None:
    fw = default_framework().with_goals((3, 5))
    m = np.full((2, 2, 10), MISSING, np.int8)
    m[0, 0, :] = 2
    m[1, 1, :4] = [-1, 0, 1, 3]
    path = tmp_path / "answers.csv"
    write_answers_csv(Answers.from_dense(fw, Respondents.build(["imp-1", "imp-2"]), m), path)
    upload = SimpleUploadedFile("answers.csv", path.read_bytes())
    alice.post(f"/editions/{edition.slug}/upload/", {"file": upload})
    alice.post(f"/editions/{edition.slug}/import/confirm/", {"action": "import"})
    assert Respondent.objects.exclude(external_id="").count() == 2


@pytest.fixture
def alice(edition: Edition, settings: Settings, tmp_path: Path) -> Client:
    """The coordinator, after the fieldwork of the module docstring."""
    settings.DATA_DIR = tmp_path
    alice = persona("alice", edition, "coordinator")
    tokens = _links(alice, edition, 4)
    assert len(tokens) == 4
    _invite_two_and_queue_one(edition, settings)
    _walk(tokens[0], "o")
    _walk(tokens[1], "oc")
    _walk(tokens[2], "ocs")
    _import_two(alice, edition, tmp_path)
    return alice


def _text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_progress_page_counts_each_step_on_its_own(alice: Client, edition: Edition) -> None:
    text = _text(alice, f"/editions/{edition.slug}/")
    for step, n in EXPECTED.items():
        assert f"{n} {step}" in text
    assert "4 respondents, 3 gave at least one score" in text
    assert "7 personal links, 0 revoked" in text


def test_the_participants_page_names_them_the_same(alice: Client, edition: Edition) -> None:
    text = _text(alice, f"/editions/{edition.slug}/participants/")
    edition_wide = text.split("All links and respondents of the edition", 1)[1]
    edition_wide = edition_wide.split("The participants on the list", 1)[0]
    assert edition_wide.split() == [word for step, n in EXPECTED.items() for word in (str(n), step)]
    on_the_list = text.split("The participants on the list", 1)[1]
    assert "3 participants 2 invited 0 opened 0 started 0 submitted" in on_the_list


def test_the_api_edition_summary_gives_the_same_counts(alice: Client, edition: Edition) -> None:
    key = ApiToken.issue(User.objects.get(username="alice"), [Scope.READ_RESULTS], "dashboard")
    api = Client(headers={"Authorization": f"Bearer {key}"})
    body = api.get(f"/api/v1/editions/{edition.slug}").json()
    assert {step: body[step] for step in EXPECTED} == EXPECTED
    assert body["respondents"] == 4


def test_the_counts_are_read_per_request_not_from_the_results_cache(
    alice: Client, edition: Edition, settings: Settings
) -> None:
    settings.SCORECARD_RESULTS_CACHE = 1
    assert "3 opened" in _text(alice, f"/editions/{edition.slug}/")
    token = _links(alice, edition, 1)[0]
    _walk(token, "o")  # a visit changes no answer, so the Results cache stays valid
    text = _text(alice, f"/editions/{edition.slug}/")
    assert "4 opened" in text
    assert "7 invited" in text
