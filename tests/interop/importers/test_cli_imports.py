"""`scorecard import` and `scorecard xlsform` against the database, through click's CliRunner."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from scorecard.cli import main
from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import GoalAnswer, Respondent
from scorecard.web.responses.store import load_answers
from tests.interop.importers.helpers import HERE, figures, truth

KOBO = HERE / "kobo" / "xml-values.csv"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def edition(transactional_db: None) -> Edition:
    return Edition.objects.create(
        slug="kz-2024",
        title="Kazakhstan 2024",
        country="Kazakhstan",
        year=2024,
        goals=[3, 5, 16],
        languages=["en", "ru", "kk"],
    )


def stored(edition: Edition) -> list[tuple[Any, ...]]:
    people = Respondent.objects.filter(edition=edition).order_by("external_id")
    answers = GoalAnswer.objects.filter(respondent__edition=edition).order_by(
        "respondent__external_id", "goal"
    )
    return [
        *people.values_list("external_id", "sector", "gender", "age", "region"),
        *answers.values_list("respondent__external_id", "goal", "a1", "a10", "comment"),
    ]


@pytest.mark.django_db(transaction=True)
def test_it_shows_what_it_understood_then_imports_the_whole_file(edition: Edition) -> None:
    result = run("import", KOBO, "--edition", "kz-2024")
    assert result.exit_code == 0, result.output
    assert "xml-values.csv: KoboToolbox export (recognised), utf-8" in result.output
    assert "sdg3/sdg3_1 .. sdg3/sdg3_10 -> SDG 3, 10 key areas" in result.output
    assert 'row 6 skipped: marked "Not approved" in KoboToolbox' in result.output
    assert "SDG 16: 6 respondents" in result.output
    assert "Importing" in result.output
    assert result.output.rstrip().endswith("Imported 10 respondents into kz-2024.")
    assert figures(load_answers(edition), profile=False) == truth(profile=False)
    assert Respondent.objects.filter(edition=edition).count() == 10


@pytest.mark.django_db(transaction=True)
def test_it_replaces_rather_than_doubles_on_a_second_import(edition: Edition) -> None:
    assert run("import", KOBO, "--edition", "kz-2024").exit_code == 0
    before = stored(edition)
    again = run("import", KOBO, "--edition", "kz-2024")
    assert again.exit_code == 0, again.output
    assert "Already imported: 10 respondents with the same id will be replaced" in again.output
    assert stored(edition) == before
    assert Respondent.objects.filter(edition=edition).count() == 10


@pytest.mark.django_db(transaction=True)
def test_it_stores_nothing_on_a_dry_run(edition: Edition) -> None:
    result = run("import", HERE / "gforms" / "responses.csv", "--edition", "kz-2024", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Google Forms responses" in result.output
    assert result.output.rstrip().endswith("Dry run: nothing was stored.")
    assert not Respondent.objects.filter(edition=edition).exists()


@pytest.mark.django_db(transaction=True)
def test_it_reads_mapping_files_and_old_encodings(edition: Edition, tmp_path: Path) -> None:
    ru, mapping = HERE / "mapped" / "ru.xlsx", HERE / "mapped" / "ru.toml"
    mapped = run("import", ru, "--edition", "kz-2024", "--map", mapping)
    assert mapped.exit_code == 0, mapped.output
    assert figures(load_answers(edition)) == truth()
    old = tmp_path / "old.csv"
    text = (HERE / "canonical" / "answers.csv").read_text("utf-8")
    old.write_bytes(text.encode("cp1251", "replace"))
    refused = run("import", old, "--edition", "kz-2024")
    assert refused.exit_code == 2
    assert "--encoding cp1251" in refused.output


@pytest.mark.django_db(transaction=True)
def test_it_stores_nothing_from_a_bad_file(edition: Edition, tmp_path: Path) -> None:
    assert run("import", KOBO, "--edition", "kz-2024").exit_code == 0
    before = stored(edition)
    bad = tmp_path / "kobo.csv"
    bad.write_text(KOBO.read_text("utf-8").replace('"4";"5";"5"', '"4";"Very good";"5"', 1))
    result = run("import", bad, "--edition", "kz-2024")
    assert result.exit_code == 2
    assert "kobo.csv row 2, column sdg3/sdg3_2: 'Very good' is not an answer" in result.output
    assert "Traceback" not in result.output
    assert stored(edition) == before


@pytest.mark.django_db(transaction=True)
def test_it_refuses_goals_outside_the_edition(transactional_db: None) -> None:
    Edition.objects.create(slug="two", title="Two goals", country="KZ", year=2024, goals=[3, 5])
    result = run("import", KOBO, "--edition", "two")
    assert result.exit_code == 2
    assert "goal 16 is not in this edition (goals 3, 5)" in result.output
    assert not Respondent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_stores_nothing_when_storing_fails_half_way(
    edition: Edition, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scorecard.commands.imports as command
    import scorecard.web.responses.store as store

    calls: list[int] = []
    real = store.import_answers

    def failing(ed: Edition, answers: Any) -> int:
        calls.append(len(answers.respondents))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(ed, answers)

    monkeypatch.setattr(command, "CHUNK", 4)
    monkeypatch.setattr(store, "import_answers", failing)
    result = run("import", KOBO, "--edition", "kz-2024")
    assert isinstance(result.exception, RuntimeError)
    assert calls == [4, 4]
    assert not Respondent.objects.filter(edition=edition).exists()


@pytest.mark.django_db(transaction=True)
def test_it_names_an_unknown_edition(transactional_db: None) -> None:
    result = run("import", KOBO, "--edition", "nope")
    assert result.exit_code == 2
    assert "no edition with slug 'nope'" in result.output


@pytest.mark.django_db(transaction=True)
def test_it_writes_the_xlsform_of_an_edition_and_checks_it(
    edition: Edition, tmp_path: Path
) -> None:
    out = tmp_path / "form.xlsx"
    result = run("xlsform", "kz-2024", "--out", out, "--version", "7", "--check")
    assert result.exit_code == 0, result.output
    assert f"Wrote {out} (goals 3, 5, 16; languages en, ru, kk)" in result.output
    assert f"Checked {out} with pyxform and ODK Validate" in result.output
    book = load_workbook(out, read_only=True)
    header = next(book["survey"].iter_rows(values_only=True))
    settings = list(book["settings"].iter_rows(values_only=True))
    book.close()
    assert "label::Kazakh (kk)" in header
    assert settings[1][:3] == ("Kazakhstan 2024", "kz_2024", "7")


def test_it_writes_an_xlsform_from_goals_without_a_database(tmp_path: Path) -> None:
    out = tmp_path / "form.xlsx"
    result = run("xlsform", "--goals", "16,3", "--languages", "en,ru", "--out", out)
    assert result.exit_code == 0, result.output
    assert "(goals 3, 16; languages en, ru)" in result.output
    book = load_workbook(out, read_only=True)
    names = [row[1] for row in book["survey"].iter_rows(values_only=True)]
    book.close()
    assert "sdg16_10" in names
    assert "sdg5_1" not in names


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give an EDITION slug, or --goals"),
        (("--goals", "3,x"), "list goal numbers"),
        (("--goals", "18"), "goals are numbered 1..17"),
        (("--goals", "3", "--languages", ",,"), "list language codes"),
    ],
)
def test_it_explains_bad_xlsform_options(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("xlsform", *args, "--out", tmp_path / "f.xlsx")
    assert result.exit_code == 2
    assert message in result.output
