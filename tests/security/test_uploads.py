"""Big uploads are refused before they are read, and file names never choose a path.

The workspace upload checks CONTENT_LENGTH against SCORECARD_MAX_UPLOAD_BYTES
before it touches request.POST or request.FILES, so a client announcing a
huge body costs the server nothing; the API refuses bodies over Django's
DATA_UPLOAD_MAX_MEMORY_SIZE the same way (413). An uploaded file's name is
only ever used for its suffix and for messages.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser
from pytest_django import Settings

from scorecard.interop import canonical_rows
from scorecard.sample import sample_answers
from scorecard.web.responses.models import Respondent
from tests.security.conftest import World, database_state

UPLOAD = "/editions/kz/upload/"


def answers_csv(respondents: int = 3, prefix: str = "up") -> bytes:
    out = io.StringIO()
    rows = list(canonical_rows(sample_answers(respondents, seed=5)))
    for row in rows[1:]:
        row[0] = f"{prefix}-{row[0]}"
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def refuse_reading(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make any read of the body fail the test, and record the attempt."""
    attempts: list[str] = []

    def parse(self: MultiPartParser) -> None:
        attempts.append("multipart")
        raise AssertionError("the upload body was parsed")

    monkeypatch.setattr(MultiPartParser, "parse", parse)

    def read_answers(*args: object, **kwargs: object) -> None:
        attempts.append("read_answers")
        raise AssertionError("the upload was read")

    monkeypatch.setattr("scorecard.web.workspace.imports.read_import", read_answers)
    return attempts


@pytest.mark.parametrize("announced", [10**12, 50 * 2**20 + 1, 2**63])
def test_it_refuses_an_announced_huge_upload_without_reading_it(
    world: World, monkeypatch: pytest.MonkeyPatch, announced: int
) -> None:
    alice = world.client("alice")
    attempts = refuse_reading(monkeypatch)
    before = database_state()
    body = b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nx\r\n'
    response = alice.generic(
        "POST", UPLOAD, body, content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(announced),
    )  # fmt: skip
    assert response.status_code == 302
    assert attempts == []
    assert database_state() == before
    page = alice.get("/editions/kz/").content.decode()
    assert "larger than 50 MB" in page


def test_it_refuses_a_file_over_the_limit(world: World, settings: Settings) -> None:
    settings.SCORECARD_MAX_UPLOAD_BYTES = 2000
    data = answers_csv(20)
    assert len(data) > 2000
    before = database_state()
    response = world.client("alice").post(UPLOAD, {"file": SimpleUploadedFile("a.csv", data)})
    assert response.status_code == 302
    assert database_state() == before


def test_it_refuses_a_huge_api_body_before_reading_it(world: World) -> None:
    before = database_state()
    response = world.client("alice").generic(
        "POST", "/api/v1/editions/kz/answers", b"{}", content_type="application/json",
        CONTENT_LENGTH=str(10**9),
    )  # fmt: skip
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}
    assert database_state() == before


NAMES = [
    "../../etc/passwd.csv", "..\\..\\windows\\win.ini.csv", "/etc/passwd.csv", "a/../../b.csv",
    "..", "....//....//x.csv", "%2e%2e%2fx.csv", "x.csv\x00.png", "ok.CSV",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_it_never_lets_an_upload_name_choose_a_path(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    # Written by hand: the test client would clean the name before the server sees it.
    body = (
        b'--x\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\n'
        b"Content-Type: text/csv\r\n\r\n%s\r\n--x--\r\n"
    ) % (name.encode(), answers_csv(2, prefix="named"))
    alice = world.client("alice")
    response = alice.generic("POST", UPLOAD, body, content_type="multipart/form-data; boundary=x")
    assert response.status_code == 302
    # Nothing is stored until the coordinator confirms the preview.
    assert not Respondent.objects.filter(external_id__startswith="named-").exists()
    alice.post("/editions/kz/import/confirm/", {"action": "import"})
    left = [p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()]
    assert left == [], f"files left behind: {left}"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "b", "c"]
    imported = Respondent.objects.filter(external_id__startswith="named-").count()
    # Read as a CSV under the app's own name, or (a name with no file name left) refused.
    assert imported == (0 if name == ".." else 2)
