"""Names and addresses stay out of every output, and erasing them changes no figure."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.test import Client

from scorecard.sample import sample_answers
from scorecard.web.editions.models import Edition, Role
from scorecard.web.participants.importing import erase_contact_data
from scorecard.web.participants.models import Message, Participant
from scorecard.web.participants.sending import queue_invitations, send_mailing
from scorecard.web.responses.models import GoalAnswer, Respondent
from scorecard.web.responses.store import import_answers
from scorecard.web.workspace.results_cache import results_for
from tests.participants.conftest import add_people, submit
from tests.participants.smtp import Sink


@pytest.fixture
def coordinator(edition: Edition) -> Client:
    alice = User.objects.create(username="alice")
    Role.objects.create(user=alice, edition=edition, kind="coordinator")
    client = Client()
    client.force_login(alice)
    return client


def outputs(edition: Edition, client: Client) -> str:
    """Everything that carries answers out: exports, Results JSON, report, API."""
    from scorecard.web.api.models import ApiToken, Scope

    token = ApiToken.issue(User.objects.get(username="alice"), Scope.values, "t")
    api = Client(headers={"Authorization": f"Bearer {token}"})
    responses = [
        client.get(f"/editions/{edition.slug}/answers.csv"),
        client.get(f"/editions/{edition.slug}/answers.xlsx"),
        client.get(f"/editions/{edition.slug}/results/"),
        api.get(f"/api/v1/editions/{edition.slug}/results"),
        api.get(f"/api/v1/editions/{edition.slug}/answers.csv"),
    ]
    parts = [json.dumps(results_for(edition).to_json(), ensure_ascii=False)]
    for response in responses:
        assert response.status_code == 200
        data = response.getvalue() if response.streaming else response.content
        assert len(data) > 100
        if data[:2] == b"PK":  # the XLSX: its cells, not its zipped bytes
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
            cells = (c for sheet in book.worksheets for row in sheet.iter_rows() for c in row)
            parts.append(" ".join(str(c.value) for c in cells if c.value is not None))
        else:
            parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


@pytest.mark.django_db(transaction=True)
def test_no_name_or_address_in_any_output_and_erase_keeps_figures(
    edition: Edition, smtp: Sink, coordinator: Client
) -> None:
    edition.goals = list(range(1, 18))
    edition.save()
    import_answers(edition, sample_answers(30, seed=3))
    people = add_people(edition, 12)
    mailing = queue_invitations(edition, "http://testserver")
    assert mailing is not None
    assert send_mailing(mailing.pk).finished
    for person in people[:4]:
        submit(person)
    before = results_for(edition).to_json()
    text = outputs(edition, coordinator)
    assert "Person 1" not in text
    assert "@example.org" not in text
    answers_before = list(GoalAnswer.objects.order_by("pk").values_list())
    respondents_before = Respondent.objects.count()

    assert erase_contact_data(edition) == 12
    assert Participant.objects.count() == 0
    assert Message.objects.count() == 0
    assert results_for(edition).to_json() == before
    assert list(GoalAnswer.objects.order_by("pk").values_list()) == answers_before
    assert Respondent.objects.count() == respondents_before
    assert edition.invitations.count() == 12  # the links still work


def test_erase_through_the_page_asks_first(edition: Edition, coordinator: Client) -> None:
    Participant.objects.create(edition=edition, name="A", email="a@example.org")
    url = f"/editions/{edition.slug}/participants/erase/"
    page = coordinator.get(url)
    assert page.status_code == 200
    assert Participant.objects.count() == 1
    assert coordinator.post(url).status_code == 302
    assert Participant.objects.count() == 0


def test_viewers_and_outsiders_cannot_see_the_list(edition: Edition) -> None:
    bob = User.objects.create(username="bob")
    Role.objects.create(user=bob, edition=edition, kind="viewer")
    carol = User.objects.create(username="carol")
    Participant.objects.create(edition=edition, name="Secret Name", email="s@example.org")
    for who, status in ((bob, 403), (carol, 404)):
        client = Client()
        client.force_login(who)
        response = client.get(f"/editions/{edition.slug}/participants/")
        assert response.status_code == status
        assert b"Secret Name" not in response.content
