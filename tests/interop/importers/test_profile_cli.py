"""`scorecard import` with profile answers that match no choice: refused or kept as Other.

The edition decides (Edition.strict_profile). Refused: exit code 2, the message names
file, row, column, value and the choices, and the database is as it was. Allowed: the
answer is stored as Other and its text in sector_other / gender_other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from scorecard.cli import main
from scorecard.commands.base import EXIT_BAD_INPUT
from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import GoalAnswer, Respondent

EXPORT = (
    "Response ID,Sector,Gender,Region,SDG 3 [Institutional support]\n"
    "1,НПО,F,Almaty,3\n"
    "2,Think tank,жен,almaty,2\n"
    "3,ҮЕҰ,Әйел,Astana,1\n"
)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def edition(transactional_db: None) -> Edition:
    return Edition.objects.create(
        slug="kz-2024", title="Kazakhstan 2024", country="Kazakhstan", year=2024,
        goals=[3, 5, 16], languages=["en", "ru", "kk"],
    )  # fmt: skip


def everything() -> list[tuple[Any, ...]]:
    return [*Respondent.objects.order_by("pk").values_list(), *GoalAnswer.objects.values_list()]


@pytest.mark.django_db(transaction=True)
def test_a_strict_edition_refuses_the_file_and_stores_nothing(
    edition: Edition, tmp_path: Path
) -> None:
    Edition.objects.filter(pk=edition.pk).update(strict_profile=True)
    first = tmp_path / "first.csv"
    first.write_text(EXPORT.replace("Think tank", "NGO"), "utf-8")
    assert run("import", first, "--edition", "kz-2024", "--format", "spreadsheet").exit_code == 0
    before = everything()
    path = tmp_path / "survey.csv"
    path.write_text(EXPORT.replace("1,НПО", "1,Media").replace("Әйел", "Femal"), "utf-8")
    result = run("import", path, "--edition", "kz-2024", "--format", "spreadsheet")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "survey.csv row 3, column Sector: 'Think tank' is not one of the sector choices" in (
        result.output
    )
    assert "(NGO, Public association, Academic/educational, Media," in result.output
    assert "survey.csv row 4, column Gender: 'Femal' is not one of the gender choices" in (
        result.output
    )
    assert "Imported" not in result.output
    assert everything() == before
    assert set(Respondent.objects.values_list("sector", flat=True)) == {"NGO"}  # not Media


@pytest.mark.django_db(transaction=True)
def test_an_edition_that_allows_other_stores_it_with_its_text(
    edition: Edition, tmp_path: Path
) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(EXPORT, "utf-8")
    result = run("import", path, "--edition", "kz-2024", "--format", "spreadsheet")
    assert result.exit_code == 0, result.output
    assert "1 sector answers match no choice and are stored as Other" in result.output
    people = Respondent.objects.filter(edition=edition).order_by("external_id")
    stored = people.values_list("sector", "sector_other", "gender", "gender_other", "region")
    assert list(stored) == [
        ("NGO", "", "Female", "", "Almaty"),
        ("Other", "Think tank", "Female", "", "Almaty"),
        ("NGO", "", "Female", "", "Astana"),
    ]  # fmt: skip
