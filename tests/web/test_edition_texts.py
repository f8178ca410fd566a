"""The edition in its own languages: set on the form, asked in, reported and published in."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.test import Client
from openpyxl import load_workbook

from scorecard.report.display import number, percent
from scorecard.sample import sample_answers
from scorecard.web.editions.models import Edition
from scorecard.web.participants.mail import placeholder_values
from scorecard.web.reports.convert import published_input
from scorecard.web.responses.store import import_answers
from tests.web.conftest import Survey
from tests.web.personas import persona
from tests.web.publishing import publish_now

pytestmark = pytest.mark.django_db

TITLES = {
    "en": "PSC Kazakhstan 2024",
    "ru": "Народная оценочная карта: Казахстан, 2024",
    "kk": "Халықтық бағалау картасы: Қазақстан, 2024",
}
COUNTRIES = {"en": "Kazakhstan", "ru": "Казахстан", "kk": "Қазақстан"}
HOSTILE = '<script>alert("ru")</script>'


def _edition(texts: dict[str, dict[str, str]] | None = None) -> Edition:
    return Edition.objects.create(
        slug="kz", title=TITLES["en"], country="Kazakhstan", year=2024,
        goals=list(range(1, 18)), status="open", languages=["en", "ru", "kk"],
        texts=texts or {},
    )  # fmt: skip


def _translated() -> dict[str, dict[str, str]]:
    return {
        "title": {"ru": TITLES["ru"], "kk": TITLES["kk"]},
        "country": {"ru": COUNTRIES["ru"], "kk": COUNTRIES["kk"]},
    }


def _form(**extra: str) -> dict[str, object]:
    base: dict[str, object] = {
        "title": TITLES["en"], "slug": "kz", "country": "Kazakhstan", "year": "2024",
        "goals": ["3"], "languages": ["en", "ru", "kk"], "licence": "",
    }  # fmt: skip
    return base | extra


def test_the_form_shows_one_group_per_offered_language_and_saves_ru_and_kk() -> None:
    edition = _edition()
    Edition.objects.filter(pk=edition.pk).update(languages=["en", "ru"])
    alice = persona("alice", edition, "coordinator")
    page = alice.get("/editions/kz/edit/").content.decode()
    assert 'name="title_ru"' in page
    assert 'name="title_en"' in page
    assert 'name="title_kk"' not in page  # kk is not offered yet

    response = alice.post(
        "/editions/kz/edit/",
        _form(title_ru=TITLES["ru"], country_ru=COUNTRIES["ru"], title_en="  "),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    edition.refresh_from_db()
    assert edition.texts == {"title": {"ru": TITLES["ru"]}, "country": {"ru": COUNTRIES["ru"]}}
    assert edition.title == TITLES["en"]  # the plain field stays the default text

    # kk offered now: its fields appear, the Russian texts are still there.
    page = alice.get("/editions/kz/edit/").content.decode()
    assert 'name="title_kk"' in page
    assert f'value="{TITLES["ru"]}"' in page
    response = alice.post(
        "/editions/kz/edit/",
        _form(title_ru=TITLES["ru"], title_kk=TITLES["kk"], organisation_kk="ҚР АҚ коалициясы"),
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.texts == {
        "title": {"ru": TITLES["ru"], "kk": TITLES["kk"]},  # country_ru emptied: removed
        "organisation": {"kk": "ҚР АҚ коалициясы"},
    }
    assert edition.text("title", "kk") == TITLES["kk"]
    assert edition.text("country", "ru") == "Kazakhstan"  # no Russian text: the default
    assert edition.text("organisation", "en") == ""


def test_a_control_character_in_a_language_text_is_refused_and_nothing_saved() -> None:
    edition = _edition()
    alice = persona("alice", edition, "coordinator")
    response = alice.post("/editions/kz/edit/", _form(title_ru="Казах\x07стан"))
    assert response.status_code == 200  # the form again, with its error
    assert 'id="id_title_ru"' in response.content.decode()
    edition.refresh_from_db()
    assert edition.texts == {}


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_questionnaire_shows_the_title_and_country_in_the_page_language(
    client: Client, survey: Survey, language: str
) -> None:
    Edition.objects.filter(pk=survey.edition.pk).update(texts=_translated())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    consent = client.get(survey.url("consent")).content.decode()
    assert f'<p class="edition">{TITLES[language]}</p>' in consent
    assert COUNTRIES[language] in consent
    assert survey.edition.title not in consent
    client.post(survey.url("consent"), {"consent": "on"})
    profile = client.get(survey.url("profile")).content.decode()
    head_title = profile.split("<title>", 1)[1].split("</title>", 1)[0]
    assert f" · {TITLES[language]} · " in head_title
    assert f'<p class="edition">{TITLES[language]}</p>' in profile


def test_the_questionnaire_in_english_keeps_the_plain_title(client: Client, survey: Survey) -> None:
    Edition.objects.filter(pk=survey.edition.pk).update(texts=_translated())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    consent = client.get(survey.url("consent")).content.decode()
    assert f'<p class="edition">{survey.edition.title}</p>' in consent
    assert TITLES["ru"] not in consent


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_draft_report_is_titled_in_its_language(language: str) -> None:
    edition = _edition(_translated())
    import_answers(edition, sample_answers(20, seed=3))
    alice = persona("alice", edition, "coordinator")
    alice.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = alice.get("/editions/kz/report.html").content.decode()
    assert TITLES[language] in html
    assert TITLES["en"] not in html
    sheet = load_workbook(io.BytesIO(alice.get("/editions/kz/report.xlsx").content))
    cells = {str(c.value) for ws in sheet.worksheets for row in ws.iter_rows() for c in row}
    assert any(TITLES[language] in cell for cell in cells)


def test_a_published_version_keeps_its_titles_after_the_edition_is_edited() -> None:
    edition = _edition(_translated())
    import_answers(edition, sample_answers(20, seed=5))
    report = publish_now(edition)
    Edition.objects.filter(pk=edition.pk).update(
        title="Renamed", texts={"title": {"ru": "Переименовано", "kk": "Жаңа атау"}}
    )
    for language in ("ru", "kk"):
        frozen = published_input(report, language).results.edition.in_language(language)
        assert frozen.title == TITLES[language]
        page = Client().get(f"/p/kz/?lang={language}").content.decode()
        assert f"<h1>{TITLES[language]}</h1>" in page
        assert f"<title>{TITLES[language]} · " in page
        assert COUNTRIES[language] in page
        assert "Renamed" not in page
        assert "Переименовано" not in page
        stored = Client().get(f"/p/kz/v1/{language}/report.html").content.decode()
        assert TITLES[language] in stored
        assert "Жаңа атау" not in stored
    english = Client().get("/p/kz/?lang=en").content.decode()
    assert f"<h1>{TITLES['en']}</h1>" in english
    assert TITLES["ru"] not in english


def test_a_version_published_before_texts_existed_still_shows_its_plain_title() -> None:
    edition = _edition()
    import_answers(edition, sample_answers(20, seed=7))
    report = publish_now(edition)
    data = dict(report.edition_data)
    del data["texts"]  # as versions stored before per-language texts
    type(report).objects.filter(pk=report.pk).update(edition_data=data)
    page = Client().get("/p/kz/?lang=ru").content.decode()
    assert f"<h1>{TITLES['en']}</h1>" in page


def test_hostile_language_texts_are_escaped_everywhere(client: Client, survey: Survey) -> None:
    hostile = {"title": {"ru": HOSTILE}, "country": {"ru": HOSTILE}}
    Edition.objects.filter(pk=survey.edition.pk).update(texts=hostile)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    consent = client.get(survey.url("consent")).content.decode()
    assert "&lt;script&gt;alert(&quot;ru&quot;)&lt;/script&gt;" in consent
    assert HOSTILE not in consent

    edition = _edition(hostile | {"organisation": {"ru": HOSTILE}})
    import_answers(edition, sample_answers(20, seed=9))
    alice = persona("alice", edition, "coordinator")
    assert HOSTILE not in alice.get("/editions/kz/edit/").content.decode()
    alice.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    draft = alice.get("/editions/kz/report.html").content.decode()
    assert "&lt;script&gt;" in draft
    assert HOSTILE not in draft
    publish_now(edition)
    page = Client().get("/p/kz/?lang=ru").content.decode()
    assert "&lt;script&gt;" in page
    assert HOSTILE not in page


def test_an_invitation_names_the_edition_in_the_participant_language() -> None:
    edition = _edition(_translated() | {"organisation": {"kk": "ҚР АҚ коалициясы"}})
    values = {
        language: placeholder_values(edition, "Aida", "https://x.example/r/t/", language)
        for language in ("en", "ru", "kk")
    }
    assert values["en"]["coalition"] == TITLES["en"]  # no organisation: the title
    assert values["ru"]["coalition"] == TITLES["ru"]
    assert values["kk"]["coalition"] == "ҚР АҚ коалициясы"


def test_the_public_page_writes_percents_as_the_report_does() -> None:
    """ "34,2 %" in Russian on the page and in the PDF alike, never "34,2%" beside "34,2 %"."""
    edition = _edition(_translated())
    import_answers(edition, sample_answers(20, seed=5))
    report = publish_now(edition)
    shapes = set()
    for language in ("en", "ru", "kk"):
        exact = published_input(report, language).results.overall.percent
        assert exact is not None
        written = percent(exact, 1, language)
        shapes.add(written.replace(number(exact, 1, language), "N"))
        page = Client().get(f"/p/kz/?lang={language}").content.decode()
        assert f'<p class="big">{written} ' in page
        stored = Client().get(f"/p/kz/v1/{language}/report.html").content.decode()
        assert written.replace("\N{NO-BREAK SPACE}", "&nbsp;") in stored or written in stored
    assert shapes == {"N%", "N\N{NO-BREAK SPACE}%"}  # the locales do differ
