"""Publishing you can stand behind: frozen bytes, the lifecycle in order, checks, races."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from django.test import Client

from scorecard.method import Framework, default_framework
from scorecard.report.checks import CHECK_IDS
from scorecard.sample import sample_answers
from scorecard.web.editions.lifecycle import TransitionError
from scorecard.web.editions.models import Edition
from scorecard.web.reports.models import NarrativeVersion, PublishedReport
from scorecard.web.reports.publishing import (
    ChecksNotAccepted,
    checks_for,
    planned_files,
    publish,
)
from scorecard.web.responses.store import import_answers
from tests.web.personas import persona
from tests.web.publishing import publish_now, walk_to, work_queue

LANGUAGES = ["en", "ru", "kk"]


def _edition(slug: str = "kz", languages: list[str] | None = None) -> Edition:
    edition = Edition.objects.create(
        slug=slug, title="PSC Kazakhstan", country="Kazakhstan", year=2024,
        goals=list(range(1, 18)), status="open", languages=languages or LANGUAGES,
    )  # fmt: skip
    import_answers(edition, sample_answers(30, seed=11))
    NarrativeVersion.objects.create(edition=edition, key="context", text="Context of v1")
    return edition


def public_urls(report: PublishedReport) -> list[str]:
    return [
        f"/p/{report.edition.slug}/v{report.version}/{f.language}/{f.name}"
        for f in report.files.all()
    ]


def fetch_all(urls: list[str]) -> dict[str, bytes]:
    anonymous = Client()
    out = {}
    for url in urls:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        out[url] = response.content
    return out


def other_framework() -> Framework:
    """The default framework as a later release might change it: other bands, other names."""
    fw = default_framework()
    bands = tuple(dataclasses.replace(b, name=f"{b.name} (renamed)") for b in fw.bands)
    goals = tuple(dataclasses.replace(g, name=f"{g.name} (renamed)") for g in fw.goals)
    return dataclasses.replace(fw, bands=bands, goals=goals)


@pytest.mark.django_db
def test_a_published_version_never_changes_a_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    edition = _edition()
    v1 = publish_now(edition)
    assert sorted({f.language for f in v1.files.all()}) == sorted(LANGUAGES)
    assert v1.files.count() == len(planned_files(v1)) == 27  # 9 files in each language
    urls = public_urls(v1)
    before = fetch_all(urls)
    for stored in v1.files.all():
        url = f"/p/kz/v1/{stored.language}/{stored.name}"
        assert hashlib.sha256(before[url]).hexdigest() == stored.sha256
    # The edition is edited after publishing, and a new release changes the framework.
    edition.title = "Renamed edition"
    edition.goals = [1, 2, 3, 4, 5]
    edition.save()
    changed = other_framework()
    monkeypatch.setattr("scorecard.web.editions.models.default_framework", lambda: changed)
    monkeypatch.setattr("scorecard.web.reports.convert.default_framework", lambda: changed)
    edition.transition("correct", reason="Goals 6-17 were out of scope")
    NarrativeVersion.objects.create(edition=edition, key="context", text="Context of v2")
    v2 = publish(edition, None, None)
    assert work_queue() == [2]
    assert fetch_all(urls) == before  # every v1 file, every language, byte for byte
    after = fetch_all(public_urls(v2))
    v2_html = after["/p/kz/v2/en/report.html"].decode()
    assert "Renamed edition" in v2_html
    assert "Context of v2" in v2_html
    assert "(renamed)" in v2_html
    assert "Context of v1" in before["/p/kz/v1/en/report.html"].decode()
    assert "(renamed)" not in before["/p/kz/v1/en/report.html"].decode()
    assert [g["goal"] for g in (v2.results or {})["goals"]] == [1, 2, 3, 4, 5]
    assert len((v1.results or {})["goals"]) == 17
    latest = Client().get("/p/kz/")
    assert latest.status_code == 200
    assert "Renamed edition" in latest.content.decode()
    old = Client().get("/p/kz/v1/").content.decode()
    assert "Goals 6-17 were out of scope" in old  # the banner that points to v2
    assert 'href="/p/kz/v2/"' in old
    for language in LANGUAGES:
        page = Client().get(f"/p/kz/v1/?lang={language}")
        assert page["Content-Language"] == language
        assert f'<html lang="{language}">' in page.content.decode()


@pytest.mark.django_db
def test_stored_files_are_cached_for_good_and_checkable() -> None:
    report = publish_now(_edition(languages=["en"]))
    stored = report.files.get(language="en", name="report.pdf")
    anonymous = Client()
    response = anonymous.get("/p/kz/v1/en/report.pdf")
    assert response["ETag"] == f'"{stored.sha256}"'
    assert "immutable" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")
    again = anonymous.get("/p/kz/v1/en/report.pdf", HTTP_IF_NONE_MATCH=f'"{stored.sha256}"')
    assert again.status_code == 304
    assert again.content == b""
    landing = anonymous.get("/p/kz/").content.decode()
    for f in report.files.filter(name__startswith="report"):
        assert f.sha256 in landing  # a copy received by e-mail can be checked
    assert 'property="og:image" content="http://testserver/p/kz/v1/en/goals.png"' in landing
    assert 'name="twitter:card" content="summary_large_image"' in landing
    png = anonymous.get("/p/kz/v1/en/goals.png")
    assert png.content.startswith(b"\x89PNG")


@pytest.mark.django_db
def test_no_status_is_set_by_a_form_or_the_admin() -> None:
    edition = _edition()
    alice = persona("alice", edition, "coordinator")
    form = {
        "title": "T", "slug": "kz", "country": "K", "year": "2024", "goals": ["3"],
        "languages": ["en"], "status": "published",
    }  # fmt: skip
    assert alice.post("/editions/kz/edit/", form).status_code == 302
    edition.refresh_from_db()
    assert edition.title == "T"
    assert edition.status == "open"


OUT_OF_ORDER = [
    ("draft", "close"), ("draft", "validate"), ("draft", "publish"), ("draft", "correct"),
    ("open", "open"), ("open", "validate"), ("open", "publish"), ("open", "correct"),
    ("closed", "close"), ("closed", "publish"), ("closed", "correct"),
    ("validated", "open"), ("validated", "close"), ("validated", "validate"),
    ("validated", "correct"),
    ("published", "open"), ("published", "close"), ("published", "validate"),
    ("published", "publish"),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "action"), OUT_OF_ORDER, ids=lambda x: str(x))
def test_every_transition_out_of_order_is_refused(status: str, action: str) -> None:
    edition = _edition(languages=["en"])
    Edition.objects.filter(pk=edition.pk).update(status=status)
    alice = persona("alice", edition, "coordinator")
    if action == "publish":
        response = alice.post("/editions/kz/publish/", {"accept": list(CHECK_IDS)}, follow=True)
    else:
        response = alice.post(f"/editions/kz/step/{action}/", {"reason": "r"})
    page = response.content.decode()
    assert "Status of the edition:" in page
    edition.refresh_from_db()
    assert edition.status == status
    assert PublishedReport.objects.count() == 0
    with pytest.raises(TransitionError, match="Status of the edition"):
        edition.transition(action, reason="r")


@pytest.mark.django_db
def test_a_closed_edition_refuses_links_uploads_and_a_published_one_its_narrative() -> None:
    edition = _edition(languages=["en"])
    alice = persona("alice", edition, "coordinator")
    close = alice.get("/editions/kz/step/close/").content.decode()
    assert "30 of 30 respondents have not submitted" in close
    assert alice.post("/editions/kz/step/close/").status_code == 302
    with pytest.raises(TransitionError):
        edition.create_invitations(1)
    assert alice.post("/editions/kz/invite/", {"count": "3"}).status_code == 302
    assert edition.invitations.count() == 0
    with pytest.raises(TransitionError):
        import_answers(edition, sample_answers(3, seed=1))
    walk_to(edition, "validated")
    publish(edition, None, None)
    alice.post("/editions/kz/narrative/", {"context": "Changed after publishing"})
    assert not NarrativeVersion.objects.filter(text="Changed after publishing").exists()
    assert alice.post("/editions/kz/meetings/", {"date": "2024-01-01"}).status_code == 302
    assert not edition.meetings.exists()


@pytest.mark.django_db
def test_publishing_waits_for_each_failing_check_to_be_acknowledged() -> None:
    edition = _edition(languages=["en"])
    walk_to(edition, "validated")
    found = {w.id for w in checks_for(edition)}
    assert {"narrative", "meetings"} <= found
    with pytest.raises(ChecksNotAccepted) as refused:
        publish(edition, None, found - {"meetings"})
    assert [w.id for w in refused.value.warnings] == ["meetings"]
    alice = persona("alice", edition, "coordinator")
    page = alice.get("/editions/kz/publish/").content.decode()
    for check in found:
        assert f'name="accept" value="{check}"' in page
    partial = alice.post("/editions/kz/publish/", {"accept": ["narrative"]})
    assert partial.status_code == 400
    assert PublishedReport.objects.count() == 0
    preview = alice.get("/editions/kz/publish/preview/").content.decode()
    assert "Nothing is public yet" in preview
    assert "PSC Kazakhstan" in preview
    done = alice.post("/editions/kz/publish/", {"accept": sorted(found)})
    assert done.status_code == 302
    report = PublishedReport.objects.get()
    assert sorted(a["id"] for a in report.accepted) == sorted(found)
    progress = alice.get(done["Location"]).content.decode()
    assert f"0 of {len(planned_files(report))}" in progress
    assert Client().get("/p/kz/").status_code == 404  # nothing public until every file exists
    work_queue()
    assert "is public" in alice.get(done["Location"]).content.decode()
