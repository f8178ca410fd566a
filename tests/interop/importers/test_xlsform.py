"""The XLSForm: pyxform converts it (with ODK Validate), and answers to it come back intact.

The round trip writes what KoboToolbox would export for answers to the form, from the
form's own names and labels (read back from the workbook, not from the code that wrote
it), imports that export with no mapping file and expects the original figures.
"""

from __future__ import annotations

import csv
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from scorecard.analysis import MISSING, Answers
from scorecard.interop.catalog import sdg_short, translate
from scorecard.interop.importers import read_import
from scorecard.interop.xlsform import FormSpec, form_id, write_xlsform
from scorecard.method import Scale, default_framework
from scorecard.sample import sample_answers
from tests.interop.importers.helpers import comments, figures

LANGUAGES = {"en": "English (en)", "ru": "Russian (ru)", "kk": "Kazakh (kk)"}


@dataclass(frozen=True)
class Form:
    survey: list[dict[str, str]]
    choices: list[dict[str, str]]

    def choice_name(self, list_name: str, english: str) -> str:
        for row in self.choices:
            if row["list_name"] == list_name and row["label::English (en)"] == english:
                return row["name"]
        raise KeyError(english)

    def choice_label(self, list_name: str, name: str, language: str) -> str:
        for row in self.choices:
            if row["list_name"] == list_name and row["name"] == name:
                return row[f"label::{LANGUAGES[language]}"]
        raise KeyError(name)


def read_form(path: Path) -> Form:
    book = load_workbook(path, read_only=True)
    sheets = {}
    for title in ("survey", "choices"):
        rows = [[str(v or "") for v in row] for row in book[title].iter_rows(values_only=True)]
        sheets[title] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    book.close()
    return Form(sheets["survey"], sheets["choices"])


def kobo_export(form: Form, answers: Answers, language: str | None) -> list[list[str]]:
    """What Kobo's export would hold: XML names (language None) or one language's labels,
    groups in headers, select_multiple as one column plus one 1/0 column per choice."""
    fw = answers.framework
    dense = answers.to_dense()
    notes = {(c.respondent, c.goal): c.text for c in answers.comments}
    people = answers.respondents
    header: list[str] = []
    columns: list[tuple[dict[str, str], str | None]] = []  # survey row, choice for 1/0 columns
    groups: list[dict[str, str]] = []

    def title(row: dict[str, str]) -> str:
        return row["name"] if language is None else row[f"label::{LANGUAGES[language]}"]

    for row in form.survey:
        kind = row["type"]
        if kind == "begin_group":
            groups.append(row)
            continue
        if kind == "end_group":
            groups.pop()
            continue
        if kind == "note":
            continue
        path = "/".join([*(title(g) for g in groups if title(g)), title(row)])
        header.append(path)
        columns.append((row, None))
        if kind.startswith("select_multiple"):
            for option in form.choices:
                if option["list_name"] == kind.split()[1]:
                    label = option["name"]
                    if language is not None:
                        label = option[f"label::{LANGUAGES[language]}"]
                    header.append(f"{path}/{label}")
                    columns.append((row, option["name"]))
    header += ["_id", "_uuid", "_submission_time", "_validation_status", "_index"]
    out = [header]
    for i in range(len(people)):
        chosen = {g for gi, g in enumerate(fw.goal_numbers) if (dense[i, gi] != MISSING).any()}
        chosen |= {g for (r, g) in notes if r == i}
        line: list[str] = []
        for question, choice in columns:
            name, kind = question["name"], question["type"]
            list_name = kind.split()[1] if " " in kind else ""

            def shown(value: str, list_name: str = list_name) -> str:
                if language is None or not value:
                    return value
                return form.choice_label(list_name, value, language)

            if choice is not None:
                line.append("1" if int(choice) in chosen else "0")
            elif name == "consent":
                line.append("OK")
            elif name in ("sector", "gender"):
                label = getattr(people, name).value(i)
                line.append(shown(form.choice_name(list_name, label) if label else ""))
            elif name == "age":
                line.append("" if people.age[i] < 0 else str(int(people.age[i])))
            elif name == "region":
                line.append(people.region.value(i) or "")
            elif name == "goals":
                picked = [str(g) for g in fw.goal_numbers if g in chosen]
                line.append(" ".join(shown(p) for p in picked))
            elif name.endswith("_comment"):
                line.append(notes.get((i, int(name[3:].split("_")[0])), ""))
            else:
                goal, area = (int(x) for x in name[3:].split("_"))
                if goal not in chosen:
                    line.append("")
                    continue
                value = int(dense[i, fw.goal_numbers.index(goal), fw.area_numbers.index(area)])
                line.append(shown("dk" if value == MISSING else str(value)))
        line += [str(1000 + i), str(uuid.UUID(int=i + 1)), "2024-03-05T10:00:00", "", str(i + 1)]
        out.append(line)
    return out


def write_semicolon_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL).writerows(rows)


@pytest.fixture(scope="module")
def sample() -> Answers:
    return sample_answers(61, seed=2022)


@pytest.fixture(scope="module")
def sample_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = FormSpec(
        default_framework(),
        title="People's Scorecard Kazakhstan 2022 (synthetic sample data)",
        form_id=form_id("kz-2022"),
        version="2022",
        country="Kazakhstan",
        year=2022,
    )
    path = tmp_path_factory.mktemp("form") / "form.xlsx"
    write_xlsform(spec, path)
    return path


def test_it_writes_a_form_pyxform_converts_with_odk_validate(sample_form: Path) -> None:
    result = convert(xlsform=str(sample_form), validate=True)
    assert result.warnings == []
    xform = result.xform
    assert '<data id="kz_2022" version="2022"' in xform
    assert "relevant=\"selected( /data/goals , '16')\"" in xform
    assert "relevant=\" /data/consent  = 'OK'\"" in xform
    for language in LANGUAGES.values():
        assert f'lang="{language}"' in xform


def test_it_labels_goals_and_areas_in_every_language_of_the_edition(sample_form: Path) -> None:
    form = read_form(sample_form)
    row = next(r for r in form.survey if r["name"] == "sdg3_7")
    fw = default_framework()
    for code, column in LANGUAGES.items():
        area = translate(code, fw.areas[6].name)
        assert row[f"label::{column}"] == f"{sdg_short(code, 3)} — 7. {area}"
    group = next(r for r in form.survey if r["name"] == "sdg3" and r["type"] == "begin_group")
    assert group["relevant"] == "selected(${goals}, '3')"
    assert [r["name"] for r in form.choices if r["list_name"] == "score"] == [
        *(str(v) for v in range(5, -6, -1)),
        "dk",
    ]


def test_it_falls_back_to_english_for_a_language_without_a_catalogue(tmp_path: Path) -> None:
    spec = FormSpec(default_framework().with_goals((5,)), languages=("en", "fr"))
    write_xlsform(spec, tmp_path / "form.xlsx")
    form = read_form(tmp_path / "form.xlsx")
    row = next(r for r in form.survey if r["name"] == "sector")
    assert row["label::French (fr)"] == row["label::English (en)"] == "Sector of your organisation"
    assert convert(xlsform=str(tmp_path / "form.xlsx"), validate=True).warnings == []


def test_it_writes_the_scale_of_another_framework(tmp_path: Path) -> None:
    one_to_five = replace(default_framework(), scale=Scale(1, 5, 1)).with_goals((4,))
    write_xlsform(FormSpec(one_to_five, languages=("en",)), tmp_path / "form.xlsx")
    form = read_form(tmp_path / "form.xlsx")
    labels = [r["label::English (en)"] for r in form.choices if r["list_name"] == "score"]
    assert labels == [
        "+5 (very high progress)",
        "+4",
        "+3",
        "+2",
        "+1 (no progress perceived)",
        "Don’t know",
    ]
    assert convert(xlsform=str(tmp_path / "form.xlsx"), validate=True).warnings == []


@pytest.mark.parametrize("language", [None, "en", "ru", "kk"])
def test_it_imports_a_kobo_export_of_answers_to_the_form_with_no_mapping(
    tmp_path: Path, sample_form: Path, sample: Answers, language: str | None
) -> None:
    rows = kobo_export(read_form(sample_form), sample, language)
    path = tmp_path / "kobo-export.csv"
    write_semicolon_csv(path, rows)
    result = read_import(path)
    assert result.preview.format == "kobo"
    assert result.preview.unmapped == ()
    assert figures(result.answers) == figures(sample)
    assert comments(result.answers) == comments(sample)
