"""Backup and restore: every edition, answer, narrative and account comes back identically."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User

from scorecard.analysis import analyse
from scorecard.cli import main
from scorecard.sample import sample_answers
from scorecard.web.editions.models import Edition, Invitation, Role
from scorecard.web.reports.models import NarrativeVersion
from scorecard.web.responses.models import GoalAnswer
from scorecard.web.responses.store import import_answers, load_answers

pytestmark = pytest.mark.django_db(transaction=True)


def build() -> Edition:
    edition = Edition.objects.create(
        slug="kz", title="PSC", country="Kazakhstan", year=2024, goals=list(range(1, 18)),
        status="open",
    )  # fmt: skip
    import_answers(edition, sample_answers(20, seed=3))
    user = User.objects.create_user("alice", password="alice-pw-123456")
    Role.objects.create(user=user, edition=edition, kind="coordinator")
    NarrativeVersion.objects.create(edition=edition, key="context", text="Контекст", author=user)
    edition.create_invitations(2)
    return edition


def snapshot() -> dict[str, object]:
    edition = Edition.objects.get(slug="kz")
    return {
        "results": analyse(load_answers(edition), edition.core()).to_json(),
        "answers": GoalAnswer.objects.count(),
        "links": sorted(Invitation.objects.values_list("token_hash", flat=True)),
        "narrative": list(NarrativeVersion.objects.values_list("key", "text", "author__username")),
        "password_ok": User.objects.get(username="alice").check_password("alice-pw-123456"),
    }


def test_it_restores_exactly_what_it_backed_up(tmp_path: Path) -> None:
    build()
    before = snapshot()
    out = tmp_path / "backup.json.gz"
    runner = CliRunner()
    assert runner.invoke(main, ["backup", str(out)]).exit_code == 0
    Edition.objects.all().delete()
    User.objects.all().delete()
    result = runner.invoke(main, ["restore", str(out)])
    assert result.exit_code == 0, result.output
    assert snapshot() == before


def test_it_refuses_to_restore_over_data_without_force(tmp_path: Path) -> None:
    build()
    out = tmp_path / "backup.json.gz"
    runner = CliRunner()
    runner.invoke(main, ["backup", str(out)])
    Edition.objects.filter(slug="kz").update(title="Changed since the backup")
    refused = runner.invoke(main, ["restore", str(out)])
    assert refused.exit_code == 2
    assert "--force" in refused.output
    assert Edition.objects.get(slug="kz").title == "Changed since the backup"
    forced = runner.invoke(main, ["restore", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert Edition.objects.get(slug="kz").title == "PSC"


def test_it_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    bad = tmp_path / "nope.json.gz"
    bad.write_bytes(b"not gzip at all")
    result = CliRunner().invoke(main, ["restore", str(bad)])
    assert result.exit_code == 2
    assert "not a scorecard backup" in result.output
