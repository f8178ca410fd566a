"""A narrative per language (issue 14): no English narrative in a Russian report.

The workspace stores each section once per language the edition offers; a report
shows its language's text, else the first language's; publishing freezes every
language's narrative, and versions frozen before that still render.
"""

from __future__ import annotations

import html as htmllib
import re
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from scorecard.report import registry
from scorecard.report.checks import CHECK_IDS
from scorecard.sample import sample_answers
from scorecard.web.api.models import ApiToken, Scope
from scorecard.web.editions.models import Edition
from scorecard.web.reports.convert import draft_input, published_input
from scorecard.web.reports.models import NarrativeVersion, PublishedReport
from scorecard.web.reports.publishing import ChecksNotAccepted, checks_for, publish, render_version
from scorecard.web.reports.texts import current_texts, written
from scorecard.web.responses.store import import_answers
from tests.web.personas import persona
from tests.web.publishing import publish_now, stored_version, walk_to

EN_CONTEXT = "The English context of the coalition."
RU_CONTEXT = "Русский контекст коалиции."
EN_POLICY = "English findings on policy."


def _edition(languages: list[str] | None = None) -> Edition:
    edition = Edition.objects.create(
        slug="kz", title="PSC Kazakhstan", country="Kazakhstan", year=2024,
        goals=list(range(1, 18)), status="open", languages=languages or ["en", "ru"],
    )  # fmt: skip
    import_answers(edition, sample_answers(30, seed=11))
    return edition


def text_of(page: bytes) -> str:
    """The words of an HTML page, one space between them."""
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", page.decode(), flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def pdf_words(data: bytes, tmp: Path) -> str:
    path = tmp / "report.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


@pytest.fixture
def alice(db: None) -> tuple[Edition, Client]:
    """An English-and-Russian edition whose coordinator wrote the English context and policy."""
    edition = _edition()
    client = persona("alice", edition, "coordinator")
    client.post("/editions/kz/narrative/", {"context": EN_CONTEXT, "pillar:policy": EN_POLICY})
    return edition, client


def test_saving_russian_leaves_english_untouched(alice: tuple[Edition, Client]) -> None:
    edition, client = alice
    response = client.post("/editions/kz/narrative/?language=ru", {"context": RU_CONTEXT})
    assert response.status_code == 302
    assert response["Location"] == "/editions/kz/narrative/?language=ru"
    assert written(edition) == {
        "en": {"context": EN_CONTEXT, "pillar:policy": EN_POLICY},
        "ru": {"context": RU_CONTEXT},
    }
    stored = NarrativeVersion.objects.filter(edition=edition).order_by("pk")
    assert [(v.key, v.language) for v in stored] == [
        ("context", "en"),
        ("pillar:policy", "en"),
        ("context", "ru"),
    ]
    # The form shows each language's own text, and names the language being written.
    english = client.get("/editions/kz/narrative/").content.decode()
    russian = client.get("/editions/kz/narrative/?language=ru").content.decode()
    assert f">{EN_CONTEXT}</textarea>" in english
    assert f">{RU_CONTEXT}</textarea>" in russian
    assert f">{EN_CONTEXT}</textarea>" not in russian
    assert 'href="/editions/kz/narrative/?language=ru" lang="ru" aria-current="page"' in russian
    assert 'href="/editions/kz/narrative/?language=en" lang="en">' in russian
    assert 'action="/editions/kz/narrative/?language=ru"' in russian
    history = client.get("/editions/kz/narrative/history/").content.decode()
    assert "Russian" in history
    assert "English" in history


def test_a_russian_draft_shows_the_russian_narrative(
    alice: tuple[Edition, Client], tmp_path: Path
) -> None:
    _, client = alice
    client.post("/editions/kz/narrative/?language=ru", {"context": RU_CONTEXT})
    html = text_of(client.get("/editions/kz/report.html?language=ru").content)
    assert RU_CONTEXT in html
    assert EN_CONTEXT not in html
    pdf = pdf_words(client.get("/editions/kz/report.pdf?language=ru").content, tmp_path)
    assert RU_CONTEXT in pdf
    assert EN_CONTEXT not in pdf
    english = text_of(client.get("/editions/kz/report.html?language=en").content)
    assert EN_CONTEXT in english
    assert RU_CONTEXT not in english


def test_an_empty_russian_section_uses_the_english_text(alice: tuple[Edition, Client]) -> None:
    edition, client = alice
    client.post("/editions/kz/narrative/?language=ru", {"context": RU_CONTEXT})
    russian = text_of(client.get("/editions/kz/report.html?language=ru").content)
    assert EN_POLICY in russian  # not written in Russian: the English text, not "not written"
    page = client.get("/editions/kz/narrative/?language=ru").content.decode()
    hint = "Not written in Russian yet; the report uses the English text."
    assert page.count(hint) == 1  # policy only: the context is written in Russian
    assert f'<div class="rendered" lang="en"><p>{EN_POLICY}</p>' in page
    # Emptied again, the Russian context falls back too; the English one is still there.
    client.post("/editions/kz/narrative/?language=ru", {"context": ""})
    assert current_texts(edition, "ru")["context"] == EN_CONTEXT
    assert EN_CONTEXT in text_of(client.get("/editions/kz/report.html?language=ru").content)
    assert "ru" not in written(edition)


def test_the_language_is_one_the_edition_offers(alice: tuple[Edition, Client]) -> None:
    edition, client = alice
    assert client.get("/editions/kz/narrative/?language=kk").status_code == 404
    assert client.post("/editions/kz/narrative/?language=de", {"context": "x"}).status_code == 404
    assert client.get("/editions/kz/report.html?language=kk").status_code == 404
    assert NarrativeVersion.objects.filter(edition=edition).count() == 2  # nothing stored
    # Without the parameter: the first language.
    assert 'aria-current="page"' in client.get("/editions/kz/narrative/").content.decode()
    assert 'lang="en" aria-current="page"' in client.get("/editions/kz/narrative/").content.decode()


def test_only_coordinators_save_a_language(alice: tuple[Edition, Client]) -> None:
    edition, _ = alice
    bob = persona("bob", edition, "viewer")
    charlie = persona("charlie")
    assert bob.post("/editions/kz/narrative/?language=ru", {"context": "x"}).status_code == 403
    assert charlie.post("/editions/kz/narrative/?language=ru", {"context": "x"}).status_code == 404
    assert "ru" not in written(edition)
    page = bob.get("/editions/kz/narrative/?language=ru")
    assert page.status_code == 200  # viewers read every language ...
    assert "readonly" in page.content.decode()  # ... and cannot write any
    assert "Save the narrative" not in page.content.decode()


def test_every_protection_holds_in_another_language(alice: tuple[Edition, Client]) -> None:
    edition, client = alice
    refused = client.post("/editions/kz/narrative/?language=ru", {"context": "a\x00b"}, follow=True)
    assert "control character" in refused.content.decode()
    long = client.post("/editions/kz/narrative/?language=ru", {"context": "x" * 50_001})
    assert long.status_code == 302
    assert "ru" not in written(edition)
    publish_now(edition)
    after = client.post("/editions/kz/narrative/?language=ru", {"context": RU_CONTEXT})
    assert after["Location"] == "/editions/kz/narrative/?language=ru"
    assert "ru" not in written(edition)  # published: the lifecycle refuses


@pytest.mark.django_db
def test_publishing_freezes_every_language() -> None:
    edition = _edition()
    client = persona("alice", edition, "coordinator")
    client.post("/editions/kz/narrative/", {"context": EN_CONTEXT, "pillar:policy": EN_POLICY})
    client.post("/editions/kz/narrative/?language=ru", {"context": RU_CONTEXT})
    v1 = publish_now(edition)
    assert v1.narrative == {
        "by_language": {
            "en": {"context": EN_CONTEXT, "pillar:policy": EN_POLICY},
            "ru": {"context": RU_CONTEXT, "pillar:policy": EN_POLICY},
        }
    }
    public = Client()
    ru_v1 = public.get("/p/kz/v1/ru/report.html").content
    assert RU_CONTEXT in text_of(ru_v1)
    assert EN_CONTEXT not in text_of(ru_v1)
    assert EN_CONTEXT in text_of(public.get("/p/kz/v1/en/report.html").content)
    # A correction rewrites the Russian context: version 1 stays as it was, byte for byte.
    client.post("/editions/kz/step/correct/", {"reason": "Russian context reworded"})
    client.post("/editions/kz/narrative/?language=ru", {"context": "Новый русский контекст."})
    assert public.get("/p/kz/v1/ru/report.html").content == ru_v1
    v1.refresh_from_db()
    assert v1.narrative["by_language"]["ru"]["context"] == RU_CONTEXT
    draft = text_of(client.get("/editions/kz/report.html?language=ru").content)
    assert "Новый русский контекст." in draft


@pytest.mark.django_db
def test_a_version_frozen_before_languages_still_renders() -> None:
    edition = _edition()
    walk_to(edition, "validated")
    report = stored_version(edition, 1, public=False)
    report.narrative = {"context": "One text for every language.", "pillar:policy": "Policy."}
    report.save()
    for language in ("en", "ru"):
        story = published_input(report, language).story
        assert story.context == "One text for every language."
        assert story.pillar("policy") == "Policy."
    assert render_version(report.pk)
    ru = Client().get("/p/kz/v1/ru/report.html")
    assert ru.status_code == 200
    assert "One text for every language." in text_of(ru.content)
    assert Client().get("/p/kz/v1/?lang=ru").status_code == 200


@pytest.mark.django_db
def test_a_missing_translation_is_a_warning_naming_the_language() -> None:
    edition = _edition(["en", "ru", "kk"])
    NarrativeVersion.objects.create(edition=edition, key="context", language="en", text="C")
    NarrativeVersion.objects.create(edition=edition, key="context", language="ru", text="К")
    found = {w.id: w for w in checks_for(edition)}
    assert list(found) == [c for c in CHECK_IDS if c in found]  # the fixed order
    warning = found["untranslated"]
    assert "English text" in warning.message
    assert warning.details == ("Қазақша — Country context",)
    russian = {w.id: w for w in checks_for(edition, "ru")}["untranslated"]
    assert "Country context" not in russian.details[0]  # worded in the page's language
    walk_to(edition, "validated")
    others = set(CHECK_IDS) - {"untranslated"}
    with pytest.raises(ChecksNotAccepted) as refused:
        publish(edition, None, others)
    assert [w.id for w in refused.value.warnings] == ["untranslated"]
    assert publish(edition, None, set(CHECK_IDS)).version == 1  # a warning, not a refusal
    NarrativeVersion.objects.create(edition=edition, key="context", language="kk", text="Ж")
    assert "untranslated" not in {w.id for w in checks_for(edition)}


@pytest.mark.django_db
def test_a_row_without_a_language_is_the_first_languages() -> None:
    edition = _edition(["ru", "en"])
    NarrativeVersion.objects.create(edition=edition, key="context", text=RU_CONTEXT)
    assert written(edition) == {"ru": {"context": RU_CONTEXT}}
    assert current_texts(edition, "en") == {"context": RU_CONTEXT}
    NarrativeVersion.objects.create(edition=edition, key="context", language="ru", text="Новый.")
    assert current_texts(edition) == {"context": "Новый."}  # the newest of the two wins


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_old_rows_as_the_first_language() -> None:
    before = [("reports", "0002_frozen_files")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps.get_model("reports", "NarrativeVersion")
        russian_first = _edition(["ru", "en"])
        no_languages = Edition.objects.create(
            slug="none", title="T", country="C", year=2024, goals=[1], languages=[]
        )
        user = User.objects.create_user("alice", password="alice-secret-pw")
        old.objects.create(edition_id=russian_first.pk, key="context", text=RU_CONTEXT)
        old.objects.create(edition_id=russian_first.pk, key="pillar:policy", text="Политика.")
        old.objects.create(
            edition_id=no_languages.pk, key="context", text="Context.", author_id=user.pk
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    stored = NarrativeVersion.objects.order_by("pk")
    assert [v.language for v in stored] == ["ru", "ru", "en"]
    assert stored[2].author == user  # nothing else about a row changes
    assert written(russian_first) == {"ru": {"context": RU_CONTEXT, "pillar:policy": "Политика."}}
    assert current_texts(russian_first, "en")["context"] == RU_CONTEXT  # the fallback
    assert current_texts(no_languages) == {"context": "Context."}
    page = registry.render("report", "html", draft_input(russian_first, "ru")).data
    assert RU_CONTEXT in text_of(page)


def test_the_api_report_is_in_the_asked_language(alice: tuple[Edition, Client]) -> None:
    edition, client = alice
    client.post("/editions/kz/narrative/?language=ru", {"context": RU_CONTEXT})
    token = ApiToken.issue(User.objects.get(username="alice"), [Scope.READ_RESULTS], "gateway")
    api = Client(headers={"Authorization": f"Bearer {token}"})
    russian = text_of(api.get("/api/v1/editions/kz/report.html?language=ru").content)
    assert RU_CONTEXT in russian
    assert EN_CONTEXT not in russian
    assert EN_CONTEXT in text_of(api.get("/api/v1/editions/kz/report.html?language=en").content)
    assert PublishedReport.objects.filter(edition=edition).count() == 0  # drafts store nothing
