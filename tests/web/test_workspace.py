"""The coordinator's workspace, with personas: alice coordinates, bob views, charlie is outside."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from scorecard.analysis import analyse
from scorecard.interop import read_answers, write_answers_csv
from scorecard.sample import sample_answers
from scorecard.web.editions.models import TOKEN_ALPHABET, Edition, Invitation, Role, hash_token
from scorecard.web.responses.models import GoalAnswer, Respondent
from scorecard.web.responses.store import import_answers, load_answers
from tests.web.personas import persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition() -> Edition:
    return Edition.objects.create(
        slug="kz-2024", title="PSC Kazakhstan 2024", country="Kazakhstan", year=2024,
        goals=list(range(1, 18)), status="open", languages=["en", "ru", "kk"],
    )  # fmt: skip


def test_it_sends_anonymous_visitors_to_login(edition: Edition) -> None:
    response = Client().get(f"/editions/{edition.slug}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_hides_an_edition_from_outsiders(edition: Edition) -> None:
    charlie = persona("charlie")
    assert charlie.get(f"/editions/{edition.slug}/").status_code == 404
    assert charlie.get(f"/editions/{edition.slug}/answers.csv").status_code == 404
    assert charlie.post(f"/editions/{edition.slug}/invite/", {"count": 3}).status_code == 404
    assert Invitation.objects.count() == 0


def test_it_lets_a_viewer_look_but_not_change(edition: Edition) -> None:
    bob = persona("bob", edition, "viewer")
    assert bob.get(f"/editions/{edition.slug}/").status_code == 200
    assert bob.post(f"/editions/{edition.slug}/invite/", {"count": 3}).status_code == 403
    assert bob.post(f"/editions/{edition.slug}/step/close/").status_code == 403
    edition.refresh_from_db()
    assert edition.status == "open"
    assert Invitation.objects.count() == 0


def test_it_creates_links_that_are_stored_only_hashed(edition: Edition) -> None:
    alice = persona("alice", edition, "coordinator")
    response = alice.post(f"/editions/{edition.slug}/invite/", {"count": 3})
    assert response.status_code == 200
    links = [line for line in response.content.decode().split() if "/r/" in line]
    tokens = [link.rstrip("/").rsplit("/", 1)[-1] for link in links]
    assert len(set(tokens)) == 3
    # 28 characters of a 31-letter alphabet without look-alikes: 138 bits
    assert all(len(t) == 28 and set(t) <= set(TOKEN_ALPHABET) for t in tokens)
    stored = set(Invitation.objects.values_list("token_hash", flat=True))
    assert stored == {hash_token(t) for t in tokens}
    assert not any(t in stored for t in tokens)


def test_it_revokes_a_link(edition: Edition) -> None:
    alice = persona("alice", edition, "coordinator")
    token = edition.create_invitations(1)[0]
    invitation = Invitation.objects.get()
    alice.post(f"/editions/{edition.slug}/links/{invitation.pk}/revoke/")
    assert Invitation.find(token) is None


def test_it_shows_progress_and_balance(edition: Edition) -> None:
    import_answers(edition, sample_answers(20, seed=5))
    alice = persona("alice", edition, "coordinator")
    page = alice.get(f"/editions/{edition.slug}/").content.decode()
    assert "20 respondents" in page
    assert "Female" in page
    assert "Male" in page


def test_it_round_trips_answers_through_download_and_upload(
    edition: Edition, tmp_path: Path
) -> None:
    answers = sample_answers(25, seed=7)
    import_answers(edition, answers)
    expected = analyse(load_answers(edition)).to_json()
    alice = persona("alice", edition, "coordinator")
    body = b"".join(alice.get(f"/editions/{edition.slug}/answers.csv").streaming_content)  # type: ignore[attr-defined]
    path = tmp_path / "answers.csv"
    path.write_bytes(body)
    downloaded = analyse(read_answers(path)).to_json()
    assert downloaded["cells"] == expected["cells"]
    xlsx = alice.get(f"/editions/{edition.slug}/answers.xlsx").content
    sheet = load_workbook(io.BytesIO(xlsx), read_only=True).worksheets[0]
    assert sum(1 for _ in sheet.iter_rows()) == 26
    # Upload into a second edition: the same figures.
    other = Edition.objects.create(slug="copy", title="Copy", country="KZ", year=2024,
                                   goals=list(range(1, 18)), status="open")  # fmt: skip
    Role.objects.create(user=User.objects.get(username="alice"), edition=other, kind="coordinator")
    alice.post("/editions/copy/upload/", {"file": SimpleUploadedFile("a.csv", body)})
    assert Respondent.objects.filter(edition=other).count() == 0  # not before confirming
    preview = alice.get("/editions/copy/import/").content.decode()
    assert "25" in preview
    alice.post("/editions/copy/import/confirm/", {"action": "import"})
    assert analyse(load_answers(other)).to_json()["cells"] == expected["cells"]


def test_it_imports_nothing_from_a_bad_file(edition: Edition, tmp_path: Path) -> None:
    import_answers(edition, sample_answers(10, seed=3))
    before = list(GoalAnswer.objects.order_by("pk").values())
    path = tmp_path / "bad.csv"
    write_answers_csv(sample_answers(12, seed=4), path)
    rows = list(csv.reader(path.read_text("utf-8").splitlines()))
    rows[5][7] = "9"  # out of scale
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    alice = persona("alice", edition, "coordinator")
    response = alice.post(
        f"/editions/{edition.slug}/upload/",
        {"file": SimpleUploadedFile("answers.csv", out.getvalue().encode())},
        follow=True,
    )
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "answers.csv row 6" in page
    assert list(GoalAnswer.objects.order_by("pk").values()) == before
    assert Respondent.objects.count() == 10


def test_it_renders_live_results_from_stored_answers(edition: Edition) -> None:
    import_answers(edition, sample_answers(15, seed=9))
    bob = persona("bob", edition, "viewer")
    page = bob.get(f"/editions/{edition.slug}/results/").content.decode()
    overall = analyse(load_answers(edition)).overall.percent
    assert overall is not None
    assert f"{float(overall):.1f}%" in page


def test_it_closes_an_edition(edition: Edition) -> None:
    alice = persona("alice", edition, "coordinator")
    alice.post(f"/editions/{edition.slug}/step/close/")
    edition.refresh_from_db()
    assert edition.status == "closed"
    assert not edition.accepts_answers()


def test_it_limits_failed_logins_per_account(settings: Any) -> None:
    # Only failures count (tests/security/test_login_limits.py has the whole rule).
    settings.SCORECARD_LOGIN_ACCOUNT_FAILURES = 3
    User.objects.create_user("alice", password="alice-secret-pw")
    client = Client()
    codes = [
        client.post("/accounts/login/", {"username": "alice", "password": f"guess-{i}"}).status_code
        for i in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    # Even the right password is refused now: a guesser learns nothing.
    right = client.post("/accounts/login/", {"username": "alice", "password": "alice-secret-pw"})
    assert right.status_code == 429
    admin = client.post("/admin/login/", {"username": "ALICE", "password": "alice-secret-pw"})
    assert admin.status_code == 429
    assert client.post("/admin/login/", {"username": "a", "password": "b"}).status_code == 200


def test_it_gives_an_open_link_an_unguessable_key(edition: Edition) -> None:
    assert edition.open_link_token == ""
    edition.open_link = True
    edition.save(update_fields=["open_link"])
    edition.refresh_from_db()
    assert len(edition.open_link_token) >= 32
    other = Edition.objects.create(slug="o", title="O", country="X", year=2024, open_link=True)
    assert other.open_link_token not in ("", edition.open_link_token)


def test_it_imports_a_kobo_export_after_a_preview_and_can_discard(
    edition: Edition, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path
    from tests.interop.importers.helpers import HERE  # realistic tool exports

    kobo = HERE / "kobo" / "xml-values.csv"
    alice = persona("alice", edition, "coordinator")
    alice.post(
        f"/editions/{edition.slug}/upload/",
        {"file": SimpleUploadedFile(kobo.name, kobo.read_bytes()), "format": "auto"},
    )
    page = alice.get(f"/editions/{edition.slug}/import/").content.decode()
    assert "KoboToolbox" in page
    assert Respondent.objects.count() == 0
    alice.post(f"/editions/{edition.slug}/import/confirm/", {"action": "discard"})
    assert Respondent.objects.count() == 0
    assert not list((tmp_path / "uploads").glob("*/*"))
    alice.post(
        f"/editions/{edition.slug}/upload/",
        {"file": SimpleUploadedFile(kobo.name, kobo.read_bytes()), "format": "kobo"},
    )
    alice.post(f"/editions/{edition.slug}/import/confirm/", {"action": "import"})
    imported = Respondent.objects.count()
    assert imported > 0
    # The same export again replaces, never doubles.
    alice.post(
        f"/editions/{edition.slug}/upload/",
        {"file": SimpleUploadedFile(kobo.name, kobo.read_bytes()), "format": "kobo"},
    )
    assert "will be replaced" in alice.get(f"/editions/{edition.slug}/import/").content.decode()
    alice.post(f"/editions/{edition.slug}/import/confirm/", {"action": "import"})
    assert Respondent.objects.count() == imported
