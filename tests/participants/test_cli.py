"""The command-line twins: participants import/show, invite --send, remind --only."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scorecard.cli import main
from scorecard.web.editions.models import TOKEN_ALPHABET, Edition, Invitation, hash_token
from scorecard.web.participants.models import Participant
from tests.participants.conftest import submit
from tests.participants.smtp import Sink

LIST = (
    "name,email,language,sector\n"
    "Aigerim,aigerim@example.kz,kk,NGO\n"
    "Ivan,ivan@example.kz,ru,Media\n"
    "Jane,jane@example.org,en,NGO\n"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.django_db(transaction=True)
def test_import_invite_remind_and_show(edition: Edition, smtp: Sink, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(LIST, "utf-8")
    result = run("participants", "import", edition.slug, str(path))
    assert result.exit_code == 0, result.output
    assert "Added 3 participants from people.csv" in result.output

    result = run("invite", edition.slug, "--send", "--base-url", "http://example.test")
    assert result.exit_code == 0, result.output
    assert "3 sent, 0 refused" in result.output
    assert sorted(r.to[0] for r in smtp.received) == sorted(
        ["aigerim@example.kz", "ivan@example.kz", "jane@example.org"]
    )
    assert "http://example.test/r/" in smtp.received[0].body

    again = run("invite", edition.slug, "--send")
    assert again.exit_code == 0
    assert "Every participant is already invited" in again.output

    submit(Participant.objects.get(email="jane@example.org"))
    smtp.received.clear()
    result = run("remind", edition.slug, "--only", "sector=NGO")
    assert result.exit_code == 0, result.output
    assert [r.to for r in smtp.received] == [["aigerim@example.kz"]]

    shown = run("participants", "show", edition.slug)
    assert shown.exit_code == 0, shown.output
    assert "participants: 3  invited: 3  opened: 0  started: 1  submitted: 1" in shown.output
    assert "Jane,jane@example.org,en,NGO,submitted," in shown.output
    assert "Ivan,ivan@example.kz,ru,Media,invited," in shown.output


@pytest.mark.django_db(transaction=True)
def test_a_bad_list_names_rows_and_stores_nothing(edition: Edition, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("name,email\nA,a@example.kz\nB,broken@\n", "utf-8")
    result = run("participants", "import", edition.slug, str(path))
    assert result.exit_code == 2
    assert "people.csv row 3, column email: broken@ is not an e-mail address" in result.output
    assert Participant.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_server_exits_with_the_reason(edition: Edition, smtp: Sink) -> None:
    Participant.objects.create(edition=edition, name="A", email="a@example.kz")
    smtp.stop()
    result = run("invite", edition.slug, "--send")
    assert result.exit_code == 2
    assert "could not be reached" in result.output
    assert "0 sent" in result.output
    assert "1 still to send" in result.output


def test_remind_only_needs_field_equals_value(edition: Edition) -> None:
    result = run("remind", edition.slug, "--only", "sector")
    assert result.exit_code == 2
    assert "FIELD=VALUE" in result.output


def test_labelled_links_as_csv_use_the_plain_alphabet(edition: Edition) -> None:
    result = run("invite", edition.slug, "--count", "2", "--label", "Almaty", "--csv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "label,link"
    labels = [line.split(",")[0] for line in lines[1:]]
    assert labels == ["Almaty 1", "Almaty 2"]
    for line in lines[1:]:
        token = line.rsplit("/", 2)[1]
        assert len(token) == 28
        assert set(token) <= set(TOKEN_ALPHABET)
        assert Invitation.objects.get(token_hash=hash_token(token)).label == line.split(",")[0]
