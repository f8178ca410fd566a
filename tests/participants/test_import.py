"""Participant lists from CSV and XLSX: all or nothing, every bad cell named by row and column."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from scorecard.interop import AnswersFileError
from scorecard.web.editions.models import Edition
from scorecard.web.participants.importing import import_participants, read_participants
from scorecard.web.participants.models import Participant

GOOD = (
    "name,email,language,sector,gender,region\n"
    "Aigerim,aigerim@example.kz,kk,NGO,Female,Almaty\n"
    "Ivan,ivan@example.kz,Русский,Media,Male,Astana\n"
    "Jane,jane@example.org,,Other,,\n"
)


def write(tmp_path: Path, text: str, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_a_good_csv_is_imported_with_languages_read(edition: Edition, tmp_path: Path) -> None:
    rows = read_participants(write(tmp_path, GOOD), edition)
    result = import_participants(edition, rows, "list.csv")
    assert result.added == 3
    stored = {p.email: (p.name, p.language, p.sector) for p in Participant.objects.all()}
    assert stored == {
        "aigerim@example.kz": ("Aigerim", "kk", "NGO"),
        "ivan@example.kz": ("Ivan", "ru", "Media"),
        "jane@example.org": ("Jane", "en", "Other"),  # empty: the edition's first language
    }


def test_russian_headers_and_an_xlsx(edition: Edition, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ФИО", "Эл. почта", "Язык"])
    sheet.append(["Айгерим", "a@example.kz", "қазақша"])
    path = tmp_path / "список.xlsx"
    book.save(path)
    rows = read_participants(path, edition)
    assert [r.values["language"] for r in rows] == ["kk"]
    assert import_participants(edition, rows, path.name).added == 1


def test_every_bad_cell_is_named_and_nothing_is_stored(edition: Edition, tmp_path: Path) -> None:
    text = (
        "name,email,language\n"
        "Aigerim,aigerim@example.kz,kk\n"
        "Bad,not-an-address,en\n"
        "Twice,AIGERIM@example.kz,ru\n"
        "Lang,lang@example.kz,de\n"
        ",noname@example.kz,en\n"
    )
    with pytest.raises(AnswersFileError) as caught:
        read_participants(write(tmp_path, text), edition)
    lines = str(caught.value).splitlines()
    assert "list.csv row 3, column email: not-an-address is not an e-mail address" in lines
    assert "list.csv row 4, column email: AIGERIM@example.kz is already in row 2" in lines
    assert "list.csv row 5, column language: unknown language 'de'" in lines
    assert "list.csv row 6, column name: the name is empty" in lines
    assert Participant.objects.count() == 0


def test_a_file_without_an_email_column_says_so(edition: Edition, tmp_path: Path) -> None:
    with pytest.raises(AnswersFileError, match="row 1: no email column"):
        read_participants(write(tmp_path, "name,phone\nA,1\n"), edition)


def test_a_language_the_edition_does_not_have_is_refused(edition: Edition, tmp_path: Path) -> None:
    edition.languages = ["en", "ru"]
    edition.save()
    with pytest.raises(AnswersFileError, match="row 2, column language: unknown language 'kk'"):
        read_participants(write(tmp_path, "name,email,language\nA,a@b.kz,kk\n"), edition)


def test_addresses_already_on_the_list_are_kept_not_doubled(
    edition: Edition, tmp_path: Path
) -> None:
    Participant.objects.create(edition=edition, name="Old name", email="ivan@example.kz")
    rows = read_participants(write(tmp_path, GOOD), edition)
    result = import_participants(edition, rows, "list.csv")
    assert result.added == 2
    assert result.kept == ["row 3: ivan@example.kz"]
    assert Participant.objects.get(email="ivan@example.kz").name == "Old name"
