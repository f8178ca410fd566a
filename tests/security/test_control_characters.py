"""NUL and other control characters are refused with a clear message in every text input.

PostgreSQL refuses NUL (a 500 where SQLite stored it); the other C0 characters (tab,
newline and CR excepted) are never meant. Each case sends one bad field and checks: no
500, a message that says why, nothing stored. Runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse

from scorecard.interop import canonical_rows
from scorecard.interop.canonical import parse_answers
from scorecard.interop.errors import AnswersFileError
from scorecard.interop.importers.values import has_control_character
from scorecard.interop.tabular import parse_csv
from scorecard.method import default_framework
from scorecard.sample import sample_answers
from scorecard.web.reports.forms import MeetingForm, PublishForm
from scorecard.web.reports.models import Meeting, NarrativeVersion
from scorecard.web.responses.models import Respondent
from scorecard.web.text import NoControlCharacters
from tests.security.conftest import World, database_state

NUL = "a\x00b"
FORM_MESSAGE = "contains a control character"
API = "/api/v1/editions/kz"


def page_of(response: HttpResponseBase) -> str:
    assert response.status_code < 500
    assert isinstance(response, HttpResponse)
    return response.content.decode()


def refused(client: Client, url: str, data: dict[str, Any], follow: bool = False) -> str:
    """POST ``data``; assert nothing stored and no 500; the page (or the page followed)."""
    before = database_state()
    text = page_of(client.post(url, data, follow=follow))
    assert database_state() == before, "a refused text was stored"
    return text


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f"])
def test_the_rule_refuses_c0_controls_but_not_tab_newline_cr(char: str) -> None:
    assert has_control_character(f"x{char}y")
    assert not has_control_character("tab\tnew\nline\r\n, \x7f and ünïcödé")


# --- the questionnaire ----------------------------------------------------------------------


def test_the_profile_refuses_a_nul_in_the_region(world: World) -> None:
    url = reverse("responses:profile", kwargs={"token": world.token})
    data = {"sector": "NGO", "gender": "Female", "age": "40", "region": NUL}
    text = refused(Client(), url, data)
    assert FORM_MESSAGE in text


@pytest.mark.parametrize("comment", [NUL, "bell\x07"])
def test_a_goal_page_refuses_a_control_character_in_the_comment(world: World, comment: str) -> None:
    client = Client()
    profile = {"sector": "NGO", "gender": "Female", "age": "40", "region": "Almaty"}
    assert client.post(reverse("responses:profile", args=[world.token]), profile).status_code == 302
    goals = client.post(reverse("responses:goals", args=[world.token]), {"goals": ["3"]})
    assert goals.status_code == 302
    url = reverse("responses:goal", kwargs={"token": world.token, "goal": 3})
    data = {**{f"a{i}": "1" for i in range(1, 11)}, "comment": comment, "action": "next"}
    text = refused(client, url, data)
    assert "cannot be stored" in text


# --- the workspace ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["context", "recommendations"])
def test_the_narrative_names_the_section_and_stores_nothing(world: World, key: str) -> None:
    alice = world.client("alice")
    before = NarrativeVersion.objects.count()
    text = refused(alice, "/editions/kz/narrative/", {key: NUL, "full_report": "fine"}, True)
    assert "contains a control character" in text
    assert "nothing saved" in text
    assert NarrativeVersion.objects.count() == before
    # Tabs and line breaks are text: they are kept.
    alice.post("/editions/kz/narrative/", {key: "one\ttwo\r\nthree"})
    assert NarrativeVersion.objects.filter(key=key, text="one\ttwo\nthree").exists()


def test_the_narrative_message_names_the_section_by_its_heading(world: World) -> None:
    text = refused(world.client("alice"), "/editions/kz/narrative/", {"context": NUL}, True)
    assert "“Country context”" in text


MEETING = {"date": "2024-06-01", "format": "online", "title": "Goal 3", "goals": ["3"]}


def test_a_meeting_title_with_nul_is_refused(world: World) -> None:
    text = refused(world.client("alice"), "/editions/kz/meetings/", {**MEETING, "title": NUL})
    assert "Please correct the fields" in text
    form = MeetingForm((3,), {**MEETING, "title": NUL})
    assert not form.is_valid()
    assert FORM_MESSAGE in str(form.errors["title"])


@pytest.mark.parametrize("field", ["text", "note"])
def test_a_suggestion_with_nul_is_refused(world: World, field: str) -> None:
    meeting = Meeting.objects.get(edition=world.edition)
    data = {"text": "Add a law", "decision": "accepted", "note": "", field: NUL}
    refused(world.client("alice"), f"/editions/kz/meetings/{meeting.pk}/suggestions/", data, True)


def test_the_publish_note_refuses_a_nul() -> None:
    form = PublishForm({"note": NUL})
    assert not form.is_valid()
    assert FORM_MESSAGE in str(form.errors["note"])


EDITION = {
    "title": "Fresh", "slug": "fresh", "country": "Kazakhstan", "year": "2025",
    "organisation": "CSO", "goals": ["3", "5"], "languages": ["en"],
}  # fmt: skip


@pytest.mark.parametrize("field", ["title", "slug", "country", "organisation"])
def test_the_edition_form_refuses_nul_on_create_and_edit(world: World, field: str) -> None:
    alice = world.client("alice")
    text = refused(alice, "/editions/new/", {**EDITION, field: NUL})
    assert "control character" in text or field == "slug"  # a slug says it is not a slug
    text = refused(alice, "/editions/kz/edit/", {**EDITION, "slug": "kz", field: NUL})
    assert "control character" in text or field == "slug"


def test_every_char_field_of_a_mixed_form_gets_the_rule() -> None:
    from django import forms

    class Sample(NoControlCharacters, forms.Form):
        name = forms.CharField()
        mail = forms.EmailField(required=False)

    form = Sample({"name": "x\x1by", "mail": ""})
    assert not form.is_valid()
    assert list(form.errors) == ["name"]
    assert len(Sample({"name": NUL}).errors["name"]) == 1  # one message, not Django's as well


# --- the API ----------------------------------------------------------------------------------


def submission(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "respondent": "gw-1", "sector": "NGO", "gender": "Female", "region": "Almaty",
        "answers": [{"goal": 3, "scores": [1] * 10, "comment": "fine"}],
    }  # fmt: skip
    return {**body, **changes}


@pytest.mark.parametrize("field", ["respondent", "sector", "gender", "region", "comment"])
def test_the_api_refuses_a_nul_in_every_text_field(world: World, field: str) -> None:
    body = submission()
    if field == "comment":
        body["answers"] = [{"goal": 3, "scores": [1] * 10, "comment": NUL}]
    else:
        body[field] = NUL
    before = database_state()
    response = world.client("alice").post(f"{API}/answers", body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert "control character" in response.content.decode()
    assert database_state() == before


def test_the_api_refuses_a_nul_in_a_transition_reason(world: World) -> None:
    before = database_state()
    response = world.client("alice").post(
        f"{API}/transitions/close", {"reason": NUL}, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert database_state() == before


# --- imported files ---------------------------------------------------------------------------


def answers_csv(column: str, value: str) -> bytes:
    rows = [list(r) for r in canonical_rows(sample_answers(3, seed=42))]
    index = rows[0].index(column)
    rows[2][index] = value  # the second respondent: spreadsheet row 3
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().replace("r1,", "planted-1,").encode()


@pytest.mark.parametrize("column", ["respondent", "sector", "region", "sdg3_comment", "sdg3_1"])
def test_the_importer_names_row_and_column(column: str) -> None:
    data = answers_csv(column, "x\x00y" if column != "sdg3_1" else "3\x1b")
    with pytest.raises(AnswersFileError) as found:
        parse_answers(parse_csv(data, "answers.csv"), default_framework())
    assert f"answers.csv row 3, column {column}: contains a control character" in str(found.value)


def test_a_clean_file_with_tabs_and_newlines_in_comments_still_reads() -> None:
    data = answers_csv("sdg3_comment", "line one\nline\ttwo")
    answers = parse_answers(parse_csv(data, "answers.csv"), default_framework())
    assert any(c.text == "line one\nline\ttwo" for c in answers.comments)


@pytest.mark.parametrize("column", ["region", "sdg3_comment"])
def test_an_upload_with_nul_imports_nothing_and_says_where(world: World, column: str) -> None:
    alice = world.client("alice")
    before = Respondent.objects.count()
    upload = SimpleUploadedFile("answers.csv", answers_csv(column, "x\x00y"))
    text = page_of(alice.post("/editions/kz/upload/", {"file": upload}, follow=True))
    text += page_of(alice.post("/editions/kz/import/confirm/", {"action": "import"}, follow=True))
    assert f"column {column}: contains a control character" in text
    assert Respondent.objects.count() == before
    assert not Respondent.objects.filter(external_id__contains="planted").exists()
