"""Narrative, meetings, publishing and the public page, with personas alice/bob/charlie."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from scorecard.analysis import analyse
from scorecard.report.checks import CHECK_IDS
from scorecard.sample import sample_answers
from scorecard.web.editions.models import Edition
from scorecard.web.reports.models import Meeting, NarrativeVersion, PublishedReport, Suggestion
from scorecard.web.reports.texts import current_texts
from scorecard.web.responses.store import import_answers, load_answers
from tests.web.personas import persona
from tests.web.publishing import publish_now, work_queue

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert(1)</script> =HYPERLINK("http://x","y")'


@pytest.fixture
def edition() -> Edition:
    e = Edition.objects.create(
        slug="kz", title="PSC Kazakhstan", country="Kazakhstan", year=2024,
        goals=list(range(1, 18)), status="open", languages=["en", "ru"],
    )  # fmt: skip
    import_answers(e, sample_answers(30, seed=11))
    return e


def test_it_versions_the_narrative_with_who_and_when(edition: Edition) -> None:
    alice = persona("alice", edition, "coordinator")
    alice.post("/editions/kz/narrative/", {"context": "First text", "pillar:policy": "Policy"})
    alice.post("/editions/kz/narrative/", {"context": "Second text", "pillar:policy": "Policy"})
    versions = NarrativeVersion.objects.filter(edition=edition, key="context").order_by("pk")
    assert [v.text for v in versions] == ["First text", "Second text"]
    assert all(v.author and v.author.username == "alice" for v in versions)
    # Unchanged sections are not saved again.
    assert NarrativeVersion.objects.filter(key="pillar:policy").count() == 1
    history = alice.get("/editions/kz/narrative/history/").content.decode()
    assert "Second text" in history
    assert "alice" in history


def test_it_lets_only_coordinators_write(edition: Edition) -> None:
    bob = persona("bob", edition, "viewer")
    charlie = persona("charlie")
    assert bob.post("/editions/kz/narrative/", {"context": "x"}).status_code == 403
    assert charlie.post("/editions/kz/narrative/", {"context": "x"}).status_code == 404
    assert bob.post("/editions/kz/meetings/", {"date": "2024-05-01"}).status_code == 403
    assert bob.post("/editions/kz/publish/").status_code == 403
    assert charlie.get("/editions/kz/report.html").status_code == 404
    assert NarrativeVersion.objects.count() == 0
    assert Meeting.objects.count() == 0


def test_it_records_meetings_and_suggestions(edition: Edition) -> None:
    alice = persona("alice", edition, "coordinator")
    alice.post(
        "/editions/kz/meetings/",
        {"date": "2024-05-02", "format": "online", "title": "Goal 16", "goals": ["16", "10"],
         "sector_0": "7", "sector_2": "3"},
    )  # fmt: skip
    meeting = Meeting.objects.get()
    assert meeting.participants == [["NGO", 7], ["Academic/educational", 3]]
    assert meeting.goals == [16, 10]
    alice.post(
        f"/editions/kz/meetings/{meeting.pk}/suggestions/",
        {"text": "Add anti-discrimination law", "decision": "incorporated", "note": "ok"},
    )
    assert Suggestion.objects.get().decision == "incorporated"
    page = alice.get("/editions/kz/meetings/").content.decode()
    assert "Add anti-discrimination law" in page
    results = analyse(load_answers(edition))
    spread = max(c.sd for c in results.cells if c.sd is not None and c.n >= 3)
    assert f"sd {spread:.2f}" in page  # the most disputed cell leads the agenda


def test_it_publishes_a_frozen_report_and_corrections_as_new_versions(edition: Edition) -> None:
    alice = persona("alice", edition, "coordinator")
    alice.post("/editions/kz/narrative/", {"context": "Context v1"})
    refused = alice.post("/editions/kz/publish/", {"accept": list(CHECK_IDS)})
    assert refused.status_code == 302  # back to the edition with the reason
    assert PublishedReport.objects.count() == 0  # not validated yet
    alice.post("/editions/kz/step/close/")
    alice.post("/editions/kz/step/validate/")
    response = alice.post("/editions/kz/publish/", {"accept": list(CHECK_IDS)})
    assert response.status_code == 302
    assert response["Location"] == "/editions/kz/publish/v1/"
    assert Client().get("/p/kz/").status_code == 404  # not public before its files exist
    assert work_queue() == [1]
    edition.refresh_from_db()
    assert edition.status == "published"
    v1_html = Client().get("/p/kz/v1/en/report.html").content.decode()
    assert "Context v1" in v1_html
    # Published: the narrative is frozen until a correction starts ...
    alice.post("/editions/kz/narrative/", {"context": "Context v2"})
    assert "Context v2" not in current_texts(edition).values()
    alice.post("/editions/kz/step/correct/", {"reason": "typo in context"})
    alice.post("/editions/kz/narrative/", {"context": "Context v2"})
    assert "Context v1" in Client().get("/p/kz/v1/en/report.html").content.decode()
    # ... and the correction is published as version 2.
    alice.post("/editions/kz/publish/", {"accept": list(CHECK_IDS)})
    assert work_queue() == [2]
    assert list(PublishedReport.objects.values_list("version", flat=True)) == [2, 1]
    public = Client().get("/p/kz/").content.decode()
    assert "typo in context" in public
    assert "Context v2" in Client().get("/p/kz/v2/en/report.html").content.decode()
    assert "Context v1" in Client().get("/p/kz/v1/en/report.html").content.decode()


def test_it_serves_every_format_of_the_public_report_without_login(edition: Edition) -> None:
    report = publish_now(edition)
    expected = analyse(load_answers(edition)).to_json()
    anonymous = Client()
    data = json.loads(anonymous.get("/p/kz/v1/en/report.json").content)
    assert data["cells"] == expected["cells"]
    assert report.results is not None
    assert report.results["cells"] == expected["cells"]
    workbook = load_workbook(io.BytesIO(anonymous.get("/p/kz/v1/ru/report.xlsx").content))
    assert len(workbook.sheetnames) >= 6
    assert anonymous.get("/p/kz/v1/en/report.pdf").content.startswith(b"%PDF")
    assert anonymous.get("/p/kz/v1/ru/report.pptx").content.startswith(b"PK")
    assert anonymous.get("/p/kz/v1/en/report.csv").status_code == 200
    assert anonymous.get("/p/kz/v1/report.pdf")["Location"] == "/p/kz/v1/en/report.pdf"
    assert anonymous.get("/p/kz/v1/en/report.exe").status_code == 404
    assert anonymous.get("/p/kz/v1/kk/report.pdf").status_code == 404  # not a language of kz
    assert anonymous.get("/p/kz/v1/report.exe").status_code == 404
    assert anonymous.get("/p/nope/").status_code == 404


def test_it_never_runs_hostile_narrative_text(edition: Edition) -> None:
    alice = persona("alice", edition, "coordinator")
    alice.post("/editions/kz/narrative/", {"context": HOSTILE, "goal:3:quotes": HOSTILE})
    html = alice.get("/editions/kz/report.html").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "alert(1)" in html  # shown, as text
    page = alice.get("/editions/kz/narrative/").content.decode()
    assert "<script>alert(1)</script>" not in page
