"""Big imports on SQLite, and uploads that fail leave nothing behind in the data folder."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from scorecard.analysis import MISSING, Answers, Respondents
from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import GoalAnswer, Respondent
from scorecard.web.responses.store import import_answers, load_answers
from scorecard.web.workspace import imports
from tests.web.personas import persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition() -> Edition:
    return Edition.objects.create(
        slug="big", title="Big", country="Kazakhstan", year=2024, goals=[3], status="open"
    )


def answers_of(edition: Edition, count: int, seed: int = 1, prefix: str = "r") -> Answers:
    """``count`` respondents, each answering the edition's one goal."""
    fw = edition.framework
    rng = np.random.default_rng(seed)
    matrix = rng.integers(-5, 6, size=(count, len(fw.goals), len(fw.areas))).astype(np.int8)
    matrix[rng.random(matrix.shape) < 0.1] = MISSING
    matrix[:, :, 0] = 1  # every respondent has an answer, so none is dropped
    ids = [f"{prefix}{i}" for i in range(count)]
    return Answers.from_dense(fw, Respondents.build(ids), matrix)


@pytest.mark.slow
def test_it_imports_300k_respondents(edition: Edition) -> None:
    """Once "too many SQL variables" on SQLite: the replaced ids are looked up 500 at a time
    (`make test` runs it on SQLite, `make test-postgres` on PostgreSQL)."""
    start = time.perf_counter()
    assert import_answers(edition, answers_of(edition, 300_000)) == 300_000
    seconds = time.perf_counter() - start
    print(f"300,000 respondents imported on {connection.vendor} in {seconds:.1f} s")
    assert Respondent.objects.filter(edition=edition).count() == 300_000
    assert GoalAnswer.objects.filter(respondent__edition=edition).count() == 300_000


def test_it_replaces_more_respondents_than_one_query_holds(edition: Edition) -> None:
    import_answers(edition, answers_of(edition, 1_200, seed=1))
    import_answers(edition, answers_of(edition, 1_300, seed=2))  # 1,200 replaced, 100 new
    assert Respondent.objects.filter(edition=edition).count() == 1_300
    assert GoalAnswer.objects.filter(respondent__edition=edition).count() == 1_300
    stored = load_answers(edition)
    assert (stored.to_dense() == answers_of(edition, 1_300, seed=2).to_dense()).all()


def test_it_rolls_back_the_whole_import_when_one_part_fails(
    edition: Edition, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_answers(edition, answers_of(edition, 1_200, seed=1))
    before = list(GoalAnswer.objects.order_by("pk").values_list("respondent_id", "a1"))

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(GoalAnswer.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        import_answers(edition, answers_of(edition, 1_200, seed=2))
    assert list(GoalAnswer.objects.order_by("pk").values_list("respondent_id", "a1")) == before


def upload(edition: Edition, name: str, data: bytes) -> str:
    alice = persona("alice", edition, "coordinator")
    response = alice.post(
        f"/editions/{edition.slug}/upload/", {"file": SimpleUploadedFile(name, data)}, follow=True
    )
    return str(response.content.decode())


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("answers.csv", b"respondent,sdg3_1\nr1,9\n", "outside the scale"),
        ("answers.csv", "respondent,sdg3_1\nr1,2\n".encode("utf-16"), "UTF-16"),
        ("answers.xlsx", b"not a zip", "not a readable .xlsx workbook"),
    ],
    ids=["bad-score", "utf-16", "bad-xlsx"],
)
def test_a_refused_upload_leaves_no_folder(
    edition: Edition, tmp_path: Path, settings: Any, name: str, data: bytes, message: str
) -> None:
    settings.DATA_DIR = tmp_path
    page = upload(edition, name, data)
    assert "Nothing was imported" in page
    assert message in page
    assert list((tmp_path / "uploads").iterdir()) == []


@pytest.mark.parametrize("error", [RuntimeError("openpyxl broke"), SystemExit(1)])
def test_a_crash_or_timeout_while_reading_leaves_no_folder(
    edition: Edition,
    tmp_path: Path,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
) -> None:
    """gunicorn ends a timed-out worker with SystemExit, raised wherever the request is."""
    settings.DATA_DIR = tmp_path

    def crash(*args: Any, **kwargs: Any) -> None:
        raise error

    monkeypatch.setattr(imports, "read_import", crash)
    with pytest.raises(type(error)):
        upload(edition, "answers.csv", b"respondent,sdg3_1\nr1,2\n")
    assert list((tmp_path / "uploads").iterdir()) == []


def test_each_upload_sweeps_folders_older_than_a_day(
    edition: Edition, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path
    stale = tmp_path / "uploads" / "forgotten"
    stale.mkdir(parents=True)
    (stale / "answers.csv").write_bytes(b"respondent\n")
    old = time.time() - 2 * 24 * 3600
    os.utime(stale, (old, old))
    upload(edition, "answers.csv", b"respondent,sdg3_1\nr1,9\n")
    assert list((tmp_path / "uploads").iterdir()) == []


def test_a_preview_of_a_swept_upload_says_so(
    edition: Edition, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path
    alice = persona("alice", edition, "coordinator")
    alice.post(
        f"/editions/{edition.slug}/upload/",
        {"file": SimpleUploadedFile("answers.csv", b"respondent,sdg3_1\nr1,2\n")},
    )
    [folder] = (tmp_path / "uploads").iterdir()
    for path in folder.iterdir():
        path.unlink()
    page = alice.get(f"/editions/{edition.slug}/import/", follow=True).content.decode()
    assert "Nothing was imported" in page
    assert list((tmp_path / "uploads").iterdir()) == []
