"""An open edition on SDG 3 and 5 with personal links, shared by the questionnaire tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from scorecard.web.editions.models import Edition, hash_token
from scorecard.web.responses.models import AREA_FIELDS, GoalAnswer, Respondent

PERSON_FIELDS = (
    "pk",
    "invitation_id",
    "sector",
    "gender",
    "age",
    "region",
    "consent_at",
    "chosen_goals",
    "submitted_at",
)


@dataclass
class Survey:
    edition: Edition
    tokens: list[str]

    def url(self, step: str, token: str | None = None, **kwargs: object) -> str:
        return reverse(f"responses:{step}", kwargs={"token": token or self.tokens[0], **kwargs})


@pytest.fixture
def survey(db: None) -> Survey:
    edition = Edition.objects.create(
        slug="kz-2024",
        title="Kazakhstan 2024",
        country="Kazakhstan",
        year=2024,
        goals=[3, 5],
        status="open",
        languages=["en", "ru", "kk"],
        open_link=True,
        open_link_token="shared-key",
    )
    return Survey(edition, edition.create_invitations(2))


def start(
    client: Client, survey: Survey, goals: tuple[int, ...] = (3, 5), token: str | None = None
) -> Respondent:
    """Consent, profile and goal choice done: the state in which goal pages are answered."""
    token = token or survey.tokens[0]
    assert client.post(survey.url("consent", token), {"consent": "on"}).status_code == 302
    profile = {"sector": "NGO", "gender": "Female", "age": "40", "region": "Almaty"}
    assert client.post(survey.url("profile", token), profile).status_code == 302
    chosen = {"goals": [str(g) for g in goals]}
    assert client.post(survey.url("goals", token), chosen).status_code == 302
    return Respondent.objects.get(invitation__token_hash=hash_token(token))


def scores(*values: int | None, comment: str = "") -> dict[str, str]:
    """A goal page as the browser posts it; None is the "Don't know" radio."""
    data = {f"a{i}": "dk" if v is None else str(v) for i, v in enumerate(values, start=1)}
    return {**data, "comment": comment, "action": "next"}


def snapshot() -> list[tuple[object, ...]]:
    """Every stored answer and respondent field a request could change, to compare before/after."""
    answers = GoalAnswer.objects.order_by("pk").values_list(
        "respondent_id", "goal", *AREA_FIELDS, "comment"
    )
    people = Respondent.objects.order_by("pk").values_list(*PERSON_FIELDS)
    return [*answers, *people]
