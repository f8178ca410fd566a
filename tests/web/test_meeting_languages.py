"""Validation meetings per language (issue 14): no English meeting text in a Russian report.

A meeting is recorded once, in the edition's first language; the meetings page's
other tabs translate its title and each suggestion and note. A report shows its
language's text, else the first language's; publishing freezes what every
language shows, and versions frozen before that (one list of meetings) still render.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from scorecard.report import registry
from scorecard.report.checks import CHECK_IDS
from scorecard.web.editions.models import Edition
from scorecard.web.reports.convert import draft_input, meetings_of, published_input
from scorecard.web.reports.models import Meeting, Suggestion
from scorecard.web.reports.publishing import checks_for, publish
from tests.web.personas import persona
from tests.web.publishing import publish_now, stored_version, walk_to
from tests.web.test_narrative_languages import _edition, text_of

EN_TITLE = "Almaty round table"
RU_TITLE = "Круглый стол в Алматы"
EN_TEXT = "Name the rural clinics without doctors."
RU_TEXT = "Назвать сельские поликлиники без врачей."
EN_NOTE = "Added to the findings on goal 3."
RU_NOTE = "Добавлено в выводы по цели 3."


Alice = tuple[Edition, Client, Meeting, Suggestion]


@pytest.fixture
def alice(db: None) -> Alice:
    """An English-and-Russian edition with one meeting and suggestion recorded in English."""
    edition = _edition()
    client = persona("alice", edition, "coordinator")
    client.post(
        "/editions/kz/meetings/",
        {"date": "2024-05-12", "format": "online", "title": EN_TITLE, "goals": [3], "sector_0": 7},
    )
    meeting = Meeting.objects.get(edition=edition)
    client.post(
        f"/editions/kz/meetings/{meeting.pk}/suggestions/",
        {"text": EN_TEXT, "decision": "incorporated", "note": EN_NOTE, "goal": 3},
    )
    return edition, client, meeting, meeting.suggestions.get()


def _translate(client: Client, meeting: Meeting, suggestion: Suggestion, **texts: str) -> str:
    """POST the Russian tab with ``title``, ``text``, ``note``; the redirect's target."""
    names = {"title": f"title-{meeting.pk}", "text": f"text-{suggestion.pk}"}
    names["note"] = f"note-{suggestion.pk}"
    response = client.post(
        "/editions/kz/meetings/?language=ru", {names[k]: v for k, v in texts.items()}
    )
    assert response.status_code == 302
    return str(response["Location"])


def test_a_russian_translation_leaves_the_english_text(alice: Alice) -> None:
    _, client, meeting, suggestion = alice
    back = _translate(client, meeting, suggestion, title=RU_TITLE, text=RU_TEXT, note=RU_NOTE)
    assert back == "/editions/kz/meetings/?language=ru"
    meeting.refresh_from_db()
    suggestion.refresh_from_db()
    assert (meeting.title, suggestion.text, suggestion.note) == (EN_TITLE, EN_TEXT, EN_NOTE)
    assert meeting.texts == {"ru": {"title": RU_TITLE}}
    assert suggestion.texts == {"ru": {"text": RU_TEXT, "note": RU_NOTE}}
    # Facts are one: date, format, participants, goals and decision are not per language.
    assert (meeting.participants, meeting.goals, suggestion.decision) == (
        [["NGO", 7]],
        [3],
        "incorporated",
    )
    english = client.get("/editions/kz/meetings/").content.decode()
    russian = client.get("/editions/kz/meetings/?language=ru").content.decode()
    assert EN_TITLE in english
    assert RU_TITLE not in english
    assert f'value="{RU_TITLE}"' in russian
    assert f">{RU_TEXT}</textarea>" in russian
    assert f">{EN_TEXT}</textarea>" not in russian  # shown beside the box, never in it
    assert 'href="/editions/kz/meetings/?language=ru" lang="ru" aria-current="page"' in russian
    assert 'action="/editions/kz/meetings/?language=ru"' in russian


def test_the_russian_draft_shows_the_russian_meeting(alice: Alice) -> None:
    _, client, meeting, suggestion = alice
    _translate(client, meeting, suggestion, title=RU_TITLE, text=RU_TEXT, note=RU_NOTE)
    russian = text_of(client.get("/editions/kz/report.html?language=ru").content)
    for ru, en in ((RU_TITLE, EN_TITLE), (RU_TEXT, EN_TEXT), (RU_NOTE, EN_NOTE)):
        assert ru in russian
        assert en not in russian
    english = text_of(client.get("/editions/kz/report.html?language=en").content)
    assert EN_TITLE in english
    assert RU_TITLE not in english


def test_an_empty_translation_falls_back_to_the_first_language(alice: Alice) -> None:
    edition, client, meeting, suggestion = alice
    _translate(client, meeting, suggestion, text=RU_TEXT)
    [shown] = meetings_of(edition, "ru")
    assert shown.title == EN_TITLE  # not translated: the English title, not none
    assert (shown.suggestions[0].text, shown.suggestions[0].note) == (RU_TEXT, EN_NOTE)
    # Emptied again, the Russian suggestion falls back too; nothing empty is kept.
    _translate(client, meeting, suggestion, text="")
    suggestion.refresh_from_db()
    assert suggestion.texts == {}
    assert meetings_of(edition, "ru")[0].suggestions[0].text == EN_TEXT
    assert EN_TEXT in text_of(client.get("/editions/kz/report.html?language=ru").content)


def test_publishing_freezes_every_language(alice: Alice) -> None:
    edition, client, meeting, suggestion = alice
    _translate(client, meeting, suggestion, title=RU_TITLE, text=RU_TEXT)
    v1 = publish_now(edition)
    frozen = v1.meetings["by_language"]
    assert [m["title"] for m in frozen["en"]] == [EN_TITLE]
    assert [m["title"] for m in frozen["ru"]] == [RU_TITLE]
    assert frozen["ru"][0]["suggestions"][0] == {
        "text": RU_TEXT,
        "decision": "incorporated",
        "note": EN_NOTE,  # not translated: frozen as the Russian report showed it
        "goal": 3,
    }
    public = Client()
    ru_v1 = public.get("/p/kz/v1/ru/report.html").content
    assert RU_TITLE in text_of(ru_v1)
    assert EN_TITLE not in text_of(ru_v1)
    assert EN_TITLE in text_of(public.get("/p/kz/v1/en/report.html").content)
    # A correction retranslates the title: version 1 stays as it was, byte for byte.
    client.post("/editions/kz/step/correct/", {"reason": "Russian title reworded"})
    _translate(client, meeting, suggestion, title="Новое название встречи")
    assert public.get("/p/kz/v1/ru/report.html").content == ru_v1
    v1.refresh_from_db()
    assert v1.meetings["by_language"]["ru"][0]["title"] == RU_TITLE
    draft = text_of(client.get("/editions/kz/report.html?language=ru").content)
    assert "Новое название встречи" in draft


@pytest.mark.django_db
def test_a_version_frozen_with_one_list_of_meetings_still_renders() -> None:
    edition = _edition()
    walk_to(edition, "validated")
    report = stored_version(edition, 1, public=False)
    report.meetings = [
        {
            "date": "2024-05-12",
            "format": "online",
            "title": "One title for every language",
            "participants": [["NGO", 4]],
            "goals": [3],
            "suggestions": [
                {"text": "One suggestion.", "decision": "accepted", "note": "", "goal": 3}
            ],
        }
    ]
    report.save()
    for language in ("en", "ru"):
        [meeting] = published_input(report, language).meetings
        assert meeting.title == "One title for every language"
        assert meeting.suggestions[0].text == "One suggestion."
        page = registry.render("report", "html", published_input(report, language)).data
        assert "One title for every language" in text_of(page)


def test_only_coordinators_translate(alice: Alice) -> None:
    edition, client, meeting, _ = alice
    bob = persona("bob", edition, "viewer")
    charlie = persona("charlie")
    data = {f"title-{meeting.pk}": RU_TITLE}
    assert bob.post("/editions/kz/meetings/?language=ru", data).status_code == 403
    assert charlie.post("/editions/kz/meetings/?language=ru", data).status_code == 404
    meeting.refresh_from_db()
    assert meeting.texts == {}
    page = bob.get("/editions/kz/meetings/?language=ru")
    assert page.status_code == 200  # viewers read every language ...
    assert "readonly" in page.content.decode()  # ... and cannot write any
    assert "Save the Russian texts" not in page.content.decode()
    assert (
        "Save the Russian texts"
        in client.get("/editions/kz/meetings/?language=ru").content.decode()
    )


def test_every_protection_holds_in_another_language(alice: Alice) -> None:
    edition, client, meeting, suggestion = alice
    assert client.get("/editions/kz/meetings/?language=kk").status_code == 404
    assert client.post("/editions/kz/meetings/?language=de", {}).status_code == 404
    refused = client.post(
        "/editions/kz/meetings/?language=ru",
        {f"title-{meeting.pk}": RU_TITLE, f"text-{suggestion.pk}": "a\x00b"},
        follow=True,
    )
    assert "control character" in refused.content.decode()
    _translate(client, meeting, suggestion, title="x" * 201)
    _translate(client, meeting, suggestion, title=RU_TITLE, note="x" * 5001)
    meeting.refresh_from_db()
    assert meeting.texts == {}  # all or none: the valid title was not stored either
    publish_now(edition)
    assert _translate(client, meeting, suggestion, title=RU_TITLE) == (
        "/editions/kz/meetings/?language=ru"
    )
    meeting.refresh_from_db()
    assert meeting.texts == {}  # published: the lifecycle refuses


def test_an_untranslated_meeting_is_a_warning(alice: Alice) -> None:
    edition, client, meeting, suggestion = alice
    warning = {w.id: w for w in checks_for(edition)}["untranslated"]
    # Title, suggestion and note are not in Russian; English has them all.
    assert warning.details == (
        "Русский — validation meeting of 2024-05-12: 3 texts not translated",
    )
    _translate(client, meeting, suggestion, title=RU_TITLE, text=RU_TEXT)
    warning = {w.id: w for w in checks_for(edition)}["untranslated"]
    assert warning.details == ("Русский — validation meeting of 2024-05-12: 1 text not translated",)
    walk_to(edition, "validated")
    assert publish(edition, None, set(CHECK_IDS)).version == 1  # a warning, not a refusal
    _translate(client, meeting, suggestion, note=RU_NOTE)  # refused (published): still missing
    client.post("/editions/kz/step/correct/", {"reason": "Russian note"})
    _translate(client, meeting, suggestion, note=RU_NOTE)
    assert "untranslated" not in {w.id for w in checks_for(edition)}


def test_the_draft_input_uses_the_report_language(alice: Alice) -> None:
    edition, client, meeting, suggestion = alice
    _translate(client, meeting, suggestion, title=RU_TITLE)
    assert draft_input(edition, "ru").meetings[0].title == RU_TITLE
    assert draft_input(edition, "en").meetings[0].title == EN_TITLE


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_old_meetings_as_the_first_language() -> None:
    before = [("reports", "0003_narrative_language")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        state = executor.loader.project_state(before).apps
        old_meeting = state.get_model("reports", "Meeting")
        old_suggestion = state.get_model("reports", "Suggestion")
        edition = _edition(["ru", "en"])
        m = old_meeting.objects.create(
            edition_id=edition.pk, date="2024-05-12", format="online", title=RU_TITLE, goals=[3]
        )
        old_suggestion.objects.create(meeting_id=m.pk, text=RU_TEXT, decision="accepted")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert Meeting.objects.get().texts == {}
    for language in ("ru", "en"):  # Russian first: English falls back to it
        [shown] = meetings_of(edition, language)
        assert (shown.title, shown.suggestions[0].text) == (RU_TITLE, RU_TEXT)
