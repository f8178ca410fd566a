"""`scorecard edition ...` and `scorecard worker`: an edition's lifecycle from the shell.

The status is read back from the database after every refused command, so a
refusal is shown to change nothing; published files are compared byte for byte
with what the public URL serves. Two full publishes (about 5 s each).
"""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result
from django.core.files.storage import default_storage
from django.test import Client
from pytest_django.fixtures import Settings

from scorecard.cli import main
from scorecard.interop import read_answers
from scorecard.report.checks import CHECK_IDS
from scorecard.sample import sample_answers
from scorecard.web.editions.models import Edition
from scorecard.web.reports import publishing
from scorecard.web.reports.models import PublishedReport
from scorecard.web.responses.store import import_answers
from tests.web.publishing import walk_to

pytestmark = pytest.mark.django_db

SLUG = "kz-2024"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def status() -> str:
    return Edition.objects.get(slug=SLUG).status


@pytest.fixture(autouse=True)
def storage(settings: Settings, tmp_path: Path) -> Path:
    """Published files go to a folder of this test, not to the data folder."""
    folder = tmp_path / "files"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder, "base_url": None},
        },
    }
    return folder


def stored_bytes(name: str) -> bytes:
    with default_storage.open(name, "rb") as f:
        return bytes(f.read())


def create(*extra: str) -> Edition:
    result = run(
        "edition", "create", SLUG, "--title", "Kazakhstan 2024", "--country", "Kazakhstan",
        "--year", "2024", *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.output + result.stderr
    return Edition.objects.get(slug=SLUG)


def with_answers(count: int = 20) -> Edition:
    edition = create("--organisation", "CSO coalition")
    import_answers(edition, sample_answers(count, seed=3))
    return edition


# --- create and show ---------------------------------------------------------------------


def test_it_creates_a_draft_edition_and_shows_it() -> None:
    edition = create("--organisation", "CSO coalition", "--goals", "3,5,16", "--languages", "en,kk")
    assert edition.status == "draft"
    assert (edition.title, edition.country, edition.year) == ("Kazakhstan 2024", "Kazakhstan", 2024)
    assert edition.organisation == "CSO coalition"
    assert edition.goals == [3, 5, 16]
    assert edition.languages == ["en", "kk"]
    assert run("invite", SLUG, "--count", "3").exit_code == 0

    result = run("edition", "show", SLUG)
    assert result.exit_code == 0, result.output
    out = result.output
    for line in (
        "slug:         kz-2024",
        "title:        Kazakhstan 2024",
        "country:      Kazakhstan",
        "year:         2024",
        "status:       draft",
        "languages:    en, kk",
        "goals:        3, 5, 16",
        "respondents:  0 (0 submitted)",
        "links:        3 personal (0 revoked)",
        "published:    none",
    ):
        assert line in out.splitlines(), (line, out)
    assert "checks" not in out  # only a validated edition shows its checks


def test_it_covers_every_goal_in_english_by_default() -> None:
    edition = create()
    assert edition.goals == list(range(1, 18))
    assert edition.languages == ["en"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--year", "2024", "--goals", "0,3"], "--goals"),
        (["--year", "2024", "--goals", "three"], "--goals"),
        (["--year", "2024", "--languages", "en,fr"], "--languages"),
        (["--year", "1850"], "--year"),
        (["--year", "2024", "--title", ""], "--title"),
    ],
)
def test_it_refuses_bad_values_and_stores_nothing(args: list[str], says: str) -> None:
    base = ["edition", "create", SLUG, "--title", "T", "--country", "Kazakhstan"]
    result = run(*base, *args)
    assert result.exit_code == 2
    assert "Error" in result.stderr
    assert says in result.stderr, result.stderr
    assert not Edition.objects.exists()


def test_it_refuses_a_bad_slug() -> None:
    args = ["--title", "T", "--country", "Kazakhstan", "--year", "2024"]
    result = run("edition", "create", "not a slug!", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: SLUG: "), result.stderr
    assert not Edition.objects.exists()


def test_it_refuses_an_existing_slug() -> None:
    create()
    result = run(
        "edition", "create", SLUG, "--title", "Other", "--country", "Kyrgyzstan", "--year", "2025"
    )
    assert result.exit_code == 2
    assert "Error: SLUG: " in result.stderr
    assert "already exists" in result.stderr
    assert list(Edition.objects.values_list("title", flat=True)) == ["Kazakhstan 2024"]


def test_it_refuses_an_unknown_edition() -> None:
    for args in (["show"], ["open"], ["publish"], ["export", "--out", "x.csv"]):
        result = run("edition", args[0], "nope", *args[1:])
        assert result.exit_code == 2, args
        assert result.stderr == "Error: no edition with slug 'nope'\n"


# --- the lifecycle -----------------------------------------------------------------------


def test_it_moves_an_edition_in_order() -> None:
    create()
    for action, now in (
        ("open", "open"),
        ("close", "closed"),
        ("open", "open"),  # reopened before validation
        ("close", "closed"),
        ("validate", "validated"),
    ):
        result = run("edition", action, SLUG)
        assert result.exit_code == 0, result.stderr
        assert result.output == f"{SLUG} is now {now}\n"
        assert status() == now


@pytest.mark.parametrize(
    ("start", "args", "says"),
    [
        ("draft", ["validate"], "Close the edition before"),
        ("draft", ["close"], "Only an open edition can be closed"),
        ("draft", ["publish"], "Mark the results validated before publishing"),
        ("draft", ["correct", "--reason", "typo"], "Only a published edition can be corrected"),
        ("open", ["publish", "--accept-all"], "Mark the results validated before publishing"),
        ("open", ["validate"], "Close the edition before"),
        ("open", ["open"], "Only a draft or a closed edition"),
        ("closed", ["close"], "Only an open edition can be closed"),
        ("validated", ["open"], "Only a draft or a closed edition"),
        ("validated", ["correct", "--reason", "typo"], "Only a published edition"),
        ("validated", ["correct"], "Missing option '--reason'"),
    ],
)
def test_it_refuses_a_transition_out_of_order(start: str, args: list[str], says: str) -> None:
    walk_to(create(), start)
    result = run("edition", args[0], SLUG, *args[1:])
    assert result.exit_code == 2
    assert says in result.stderr, result.stderr
    assert "Error" in result.stderr
    assert status() == start
    assert not PublishedReport.objects.exists()


def test_it_refuses_a_correction_with_an_empty_reason() -> None:
    edition = create()
    walk_to(edition, "validated")
    Edition.objects.filter(pk=edition.pk).update(status="published")
    result = run("edition", "correct", SLUG, "--reason", "  ")
    assert result.exit_code == 2
    assert "A correction needs a reason" in result.stderr
    assert status() == "published"


def test_it_shows_a_version_still_rendering_and_the_checks_of_a_validated_edition() -> None:
    edition = with_answers()
    walk_to(edition, "validated")
    shown = run("edition", "show", SLUG).output
    assert "pre-publishing checks that fail:" in shown
    assert "  meetings: No validation meeting is recorded." in shown
    assert "respondents:  20 (0 submitted)" in shown

    report = publishing.publish(edition, None, None)  # frozen, not rendered (no worker ran)
    shown = run("edition", "show", SLUG).output
    total = len(publishing.planned_files(report))
    assert f"  v1  {report.created:%Y-%m-%d %H:%M}  rendering 0/{total} files" in shown
    assert "status:       published" in shown
    assert "checks" not in shown


# --- publishing, the whole walk ----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_it_walks_an_edition_from_creation_to_a_public_version(storage: Path) -> None:
    from django_tasks_db.models import DBTaskResult

    edition = create()
    assert run("edition", "open", SLUG).exit_code == 0
    import_answers(edition, sample_answers(20, seed=3))
    assert run("edition", "close", SLUG).exit_code == 0
    assert run("edition", "validate", SLUG).exit_code == 0
    failing = [w.id for w in publishing.checks_for(edition)]
    assert failing
    assert set(failing) <= set(CHECK_IDS)

    refused = run("edition", "publish", SLUG)
    assert refused.exit_code == 2
    for check in failing:
        assert f"  {check}: " in refused.output  # each failing check, with its message
        assert f"--accept {check}" in refused.stderr  # and how to accept it
    assert "--accept-all" in refused.stderr
    partly = run("edition", "publish", SLUG, "--accept", failing[0])
    assert partly.exit_code == 2
    assert failing[0] not in partly.stderr.split("accepted:")[1].split(".")[0]
    assert status() == "validated"
    assert not PublishedReport.objects.exists()

    result = run("edition", "publish", SLUG, "--accept-all")
    assert result.exit_code == 0, result.stderr
    assert status() == "published"
    report = PublishedReport.objects.get(edition=edition)
    assert report.version == 1
    assert report.completed is not None
    assert {a["id"] for a in report.accepted} == set(failing)  # recorded with the version
    assert f"Public at /p/{SLUG}/v1/" in result.output
    files = list(report.files.all())
    assert len(files) == publishing.progress(report)[1]
    assert {f.name for f in files} >= {"report.html", "report.pdf", "report.json", "report.csv"}
    for stored in files:
        data = stored_bytes(stored.storage_name)
        assert (storage / stored.storage_name).exists()
        assert hashlib.sha256(data).hexdigest() == stored.sha256
        assert len(data) == stored.size
        line = f"  {stored.language}/{stored.name}  {stored.size} bytes  sha256 {stored.sha256}"
        assert line in result.output.splitlines()

    served = Client().get(f"/p/{SLUG}/v1/en/report.json")
    assert served.status_code == 200
    json_file = report.files.get(language="en", name="report.json")
    assert served.content == stored_bytes(json_file.storage_name)

    shown = run("edition", "show", SLUG).output
    assert f"  v1  {report.created:%Y-%m-%d %H:%M}  public at /p/{SLUG}/v1/" in shown

    # publish queued the render for the worker too; it finds the version already public.
    queued = DBTaskResult.objects.get()
    worked = run("worker", "--batch")
    assert worked.exit_code == 0, worked.output
    assert "Queued 0 unfinished published version(s) again" in worked.output
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert queued.return_value is True
    assert report.files.count() == len(files)  # nothing rendered twice

    again = run("edition", "publish", SLUG, "--accept-all")
    assert again.exit_code == 2
    assert "needs a correction" in again.stderr
    assert PublishedReport.objects.count() == 1


def test_it_finishes_a_version_whose_worker_was_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker took the version's lease and died: publish frees it and renders it itself."""
    edition = with_answers()
    walk_to(edition, "validated")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    owner = f"{socket.gethostname()}:{dead.pid}"
    real_publish = publishing.publish

    def publish_then_die(*args: object, **kwargs: object) -> PublishedReport:
        report = real_publish(*args, **kwargs)  # type: ignore[arg-type]
        assert publishing._claim(report.pk, owner)
        return report

    real_release = publishing.release_dead_leases
    released: list[int] = []

    def release() -> int:
        released.append(real_release())
        return released[-1]

    monkeypatch.setattr(publishing, "publish", publish_then_die)
    monkeypatch.setattr(publishing, "release_dead_leases", release)
    monkeypatch.setattr("scorecard.commands.edition.POLL_SECONDS", 0.01)
    result = run("edition", "publish", SLUG, "--accept-all")
    assert result.exit_code == 0, result.stderr
    report = PublishedReport.objects.get(edition=edition)
    assert report.completed is not None
    assert released[0] == 1  # it waited for the dead worker, saw it was gone, took over
    assert report.lease_owner == ""
    assert report.lease_until is None
    assert report.files.count() == publishing.progress(report)[1]


# --- export ------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_it_exports_the_answers_file_that_reads_back_the_same(tmp_path: Path, suffix: str) -> None:
    original = sample_answers(20, seed=3)
    with_answers()
    out = tmp_path / "out" / f"answers{suffix}"
    result = run("edition", "export", SLUG, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.output == f"Wrote {out} (20 respondents)\n"
    back = read_answers(out)
    assert len(back.respondents) == len(original.respondents) == 20
    assert back.respondents.ids == original.respondents.ids
    np.testing.assert_array_equal(back.to_dense(), original.to_dense())
    assert not list(out.parent.glob("*.part"))


def test_it_refuses_an_unknown_export_suffix(tmp_path: Path) -> None:
    create()
    out = tmp_path / "answers.ods"
    result = run("edition", "export", SLUG, "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr == "Error: answers.ods: the answers file must end in .csv or .xlsx\n"
    assert not out.exists()
