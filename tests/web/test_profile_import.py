"""The workspace import and the edition form with profile answers that match no choice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import GoalAnswer, Respondent
from tests.web.personas import persona

pytestmark = pytest.mark.django_db

EXPORT = (
    "Response ID,Sector,Gender,Region,SDG 3 [Institutional support]\n"
    "1,NGO,F,Almaty,3\n"
    "2,Think tank,жен,almaty,2\n"
    "3,СМИ,m,,1\n"
).encode()


@pytest.fixture
def edition() -> Edition:
    return Edition.objects.create(
        slug="kz-2024", title="PSC Kazakhstan 2024", country="Kazakhstan", year=2024,
        goals=list(range(1, 18)), status="open", languages=["en", "ru", "kk"],
    )  # fmt: skip


def upload(client: Any, edition: Edition) -> str:
    response = client.post(
        f"/editions/{edition.slug}/upload/",
        {"file": SimpleUploadedFile("survey.csv", EXPORT), "format": "spreadsheet"},
        follow=True,
    )
    return str(response.content.decode())


def test_a_strict_edition_shows_the_refusal_and_stores_nothing(
    edition: Edition, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path
    Edition.objects.filter(pk=edition.pk).update(strict_profile=True)
    alice = persona("alice", edition, "coordinator")
    page = upload(alice, edition)
    assert "Nothing was imported" in page
    refusal = "survey.csv row 3, column Sector: &#x27;Think tank&#x27; is not one of the sector"
    assert refusal in page
    assert Respondent.objects.count() == GoalAnswer.objects.count() == 0
    assert not list((tmp_path / "uploads").glob("*/*"))  # the upload is gone too


def test_an_edition_that_allows_other_previews_then_stores_it_with_its_text(
    edition: Edition, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path
    alice = persona("alice", edition, "coordinator")
    page = upload(alice, edition)
    assert "1 sector answers match no choice and are stored as Other" in page
    assert Respondent.objects.count() == 0  # not before confirming
    alice.post(f"/editions/{edition.slug}/import/confirm/", {"action": "import"})
    people = Respondent.objects.order_by("external_id")
    assert list(people.values_list("sector", "sector_other", "gender", "region")) == [
        ("NGO", "", "Female", "Almaty"),
        ("Other", "Think tank", "Female", "Almaty"),
        ("Media", "", "Male", ""),
    ]
    detail = alice.get(f"/editions/{edition.slug}/").content.decode()
    assert "Think tank" not in detail  # the text is stored, never shown


def test_the_edition_form_switches_strict_profile_answers_on(edition: Edition) -> None:
    alice = persona("alice", edition, "coordinator")
    form = alice.get(f"/editions/{edition.slug}/edit/").content.decode()
    assert 'name="strict_profile"' in form
    assert edition.allow_other == frozenset({"sector", "gender"})
    fields = {
        "title": edition.title, "slug": edition.slug, "country": edition.country,
        "year": edition.year, "goals": [3, 5], "languages": ["en"], "strict_profile": "on",
    }  # fmt: skip
    response = alice.post(f"/editions/{edition.slug}/edit/", fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    edition.refresh_from_db()
    assert edition.strict_profile
    assert edition.allow_other == frozenset()
