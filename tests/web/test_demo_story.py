"""The demo edition shows a finished report, and the workspace speaks without jargon (issue 14)."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from scorecard.interop import write_answers_csv
from scorecard.report import registry
from scorecard.report.i18n import translations
from scorecard.sample import sample_answers
from scorecard.web.demo import DemoInfo, load_demo
from scorecard.web.editions.models import Edition
from scorecard.web.reports.convert import draft_input, published_input
from scorecard.web.reports.models import PublishedReport

pytestmark = pytest.mark.django_db

# Words that name a file format or a programmer's concept, not what the thing is.
JARGON = re.compile(r"\b(datadict|slug|toml|markdown)\b", re.IGNORECASE)


@pytest.fixture
def demo(tmp_path: Path) -> DemoInfo:
    answers = tmp_path / "answers.csv"
    write_answers_csv(sample_answers(), answers)
    return load_demo(answers)


def visible(page: str) -> str:
    """What a person reads: text between tags and the labels screen readers announce."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    labels = re.findall(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"', text)
    return htmllib.unescape(" ".join([re.sub(r"<[^>]+>", " ", text), *labels]))


# A phrase of the sample context in each language the story ships.
CONTEXT = {
    "en": "interministerial council on the SDGs",
    "ru": "межведомственный совет по ЦУР",
    "kk": "ведомствоаралық кеңес арқылы",
}


# The start of each sample meeting's title, and its first suggestion, in each language
# (sample_story/{en,ru,kk}/meetings.toml).
MEETING = {
    "en": ("Synthetic meeting (sample data)", "rural clinics lack doctors"),
    "ru": ("Синтетическая встреча (пример данных)", "в сельских поликлиниках не хватает врачей"),
    "kk": ("Синтетикалық кездесу (мысалға арналған деректер)", "дәрігерлер де жетіспейтінін"),
}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_demo_report_is_finished(demo: DemoInfo, language: str) -> None:
    edition = Edition.objects.get(slug=demo.slug)
    page = " ".join(
        registry.render("report", "html", draft_input(edition, language)).data.decode().split()
    )
    assert translations(language).gettext("Section not written yet.") not in page
    assert CONTEXT[language] in page
    for other in set(CONTEXT) - {language}:
        assert CONTEXT[other] not in page  # the narrative of the report's language only
    title, suggestion = MEETING[language]
    assert page.count(title) == 2  # both meetings, titled in the report's language
    assert suggestion in page
    for other in set(MEETING) - {language}:
        assert MEETING[other][0] not in page  # no meeting title of another language
        assert MEETING[other][1] not in page
    assert translations(language).gettext("No validation meetings are recorded yet.") not in page


def test_the_published_demo_edition_carries_its_story(demo: DemoInfo) -> None:
    report = PublishedReport.objects.get(edition__slug=demo.later_slug)
    frozen = report.narrative["by_language"]
    assert sorted(frozen) == sorted(report.languages)  # every language of the edition
    assert frozen["en"]["context"].startswith("_Synthetic sample narrative")
    assert frozen["ru"]["context"].startswith("_Синтетический пример текста")
    for texts in frozen.values():
        # context, recommendations, full report; three pillars; every goal; three goals' quotes
        assert len(texts) == 3 + 3 + 17 * 2 + 3
    meetings = report.meetings["by_language"]
    assert sorted(meetings) == sorted(report.languages)
    for language, frozen_meetings in meetings.items():
        assert [m["date"][:4] for m in frozen_meetings] == ["2023", "2023"]
        assert all(m["title"].startswith(MEETING[language][0]) for m in frozen_meetings)
    ru_page = registry.render("report", "html", published_input(report, "ru")).data.decode()
    assert MEETING["ru"][0] in ru_page
    assert MEETING["en"][0] not in ru_page


def test_the_jargon_pattern_finds_what_it_should() -> None:
    assert JARGON.search(visible("<label>Slug</label>"))
    assert JARGON.search(visible('<a aria-label="DATADICT">x</a>'))
    assert not JARGON.search(visible('<a href="/editions/my-slug/narrative/">Narrative</a>'))


def test_workspace_pages_name_things_not_formats(demo: DemoInfo) -> None:
    user = User.objects.get(username=demo.username)
    user.is_superuser = True  # may create editions, so the new-edition form is shown too
    user.save()
    client = Client()
    client.force_login(user)
    e = f"/editions/{demo.slug}"
    pages = [
        "/", "/editions/new/", f"{e}/", f"{e}/edit/", f"{e}/results/", f"{e}/links/",
        f"{e}/upload/", f"{e}/narrative/", f"{e}/narrative/history/", f"{e}/meetings/",
        f"{e}/publish/", f"{e}/publish/preview/", f"/editions/{demo.later_slug}/compare/",
        f"{e}/participants/", f"{e}/participants/import/", f"{e}/participants/add/",
        f"{e}/participants/templates/", f"{e}/participants/targets/",
        "/networks/", f"/networks/{demo.network_slug}/",
    ]  # fmt: skip
    checked = 0
    for url in pages:
        response = client.get(url)
        if response.status_code == 405:  # a page that only takes a form's POST
            continue
        assert response.status_code == 200, url
        found = JARGON.findall(visible(response.content.decode()))
        assert not found, f"{url}: {found}"
        checked += 1
    assert checked >= 15
    # What they say instead, where the words used to be:
    assert "Short name for web addresses" in client.get(f"{e}/edit/").content.decode()
    assert "Description of the open data" in client.get(f"{e}/").content.decode()
    assert "Slides (PowerPoint)" in client.get(f"{e}/publish/preview/").content.decode()
    assert "Column mapping" in client.get(f"{e}/").content.decode()
    assert "a blank line starts a new paragraph" in client.get(f"{e}/narrative/").content.decode()


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("ru", "Народная оценочная карта: Казахстан, 2023"),
        ("kk", "Халықтық бағалау картасы: Қазақстан, 2023"),
    ],
)
def test_the_demo_editions_are_titled_in_each_language(
    demo: DemoInfo, language: str, title: str
) -> None:
    """The sample's own titles reach the web editions: the public page reads no English."""
    edition = Edition.objects.get(slug=demo.later_slug)
    assert edition.texts["title"][language].startswith(title)
    report = PublishedReport.objects.get(edition=edition)
    assert report.edition_data["texts"]["title"][language].startswith(title)
