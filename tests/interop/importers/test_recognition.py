"""How headers and answers are read: the spellings real exports use, in three languages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from scorecard.analysis import MISSING
from scorecard.interop.catalog import sdg_short, sdg_title, translate
from scorecard.interop.importers.detect import detect
from scorecard.interop.importers.labels import profile_reader, vocabulary
from scorecard.interop.importers.roles import (
    GoalComment,
    Meta,
    ProfileField,
    RespondentKey,
    Role,
    Score,
    target_name,
)
from scorecard.interop.importers.values import BAD, DK, ScoreReader
from scorecard.method import default_framework

FW = default_framework()


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("sdg3_7", Score(3, 7)),
        ("sdg3/sdg3_7", Score(3, 7)),
        ("SDG3_StrategiesNationalActionPlansNationalBudgeting", Score(3, 1)),
        ("SDG3[SQ007]", Score(3, 7)),
        ("SDG 16: Peace, justice and strong institutions [Inclusive partnerships]", Score(16, 9)),
        ("SDG 5 — 10. Citizen participation and civil-society engagement", Score(5, 10)),
        ("Goal 4 - area 2", Score(4, 2)),
        ("ЦУР 3 / 1. Стратегии", Score(3, 1)),
        ("3-мақсат, 2-бағыт", Score(3, 2)),
        ("SDG3comment", GoalComment(3)),
        ("Comments on SDG 16 (optional)", GoalComment(16)),
        ("profile/sector", ProfileField("sector")),
        ("Age (optional)", ProfileField("age")),
        ("respondent", RespondentKey()),
        ("goals/3", Meta("goal choice")),
        ("goals[SQ003]", Meta("goal choice")),
        ("Which goals will you assess? [SDG 3: Good health and well-being]", Meta("goal choice")),
        ("consent", Meta("consent")),
        ("SDG 5: Gender equality", None),  # a goal but no area: not guessed
        ("SDG 3 — 1. Legal and policy framework", None),  # number and name disagree
        ("Gender equality in budgets", None),
        ("sdg3_note", None),
        ("favourite colour", None),
    ],
)
def test_it_recognises_headers_as_tools_write_them(header: str, role: Role | None) -> None:
    assert vocabulary(FW).recognise(header) == role


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_it_recognises_the_questionnaire_labels_in_each_language(language: str) -> None:
    """Labels built from the catalogue, so the test holds whatever the translators write."""
    vocab = vocabulary(FW)
    for goal in FW.goals:
        group = sdg_title(language, goal.number, translate(language, goal.name))
        for area in FW.areas:
            label = f"{sdg_short(language, goal.number)} — {area.number}. "
            label += translate(language, area.name)
            assert vocab.recognise(label) == Score(goal.number, area.number), label
            assert vocab.recognise(f"{group}/{label}") == Score(goal.number, area.number)
        comment = (
            f"{sdg_short(language, goal.number)} — {translate(language, 'Comment (optional)')}"
        )
        assert vocab.recognise(comment) == GoalComment(goal.number), comment
    for text, name in (("Sector of your organisation", "sector"), ("Gender", "gender")):
        assert vocab.recognise(translate(language, text)) == ProfileField(name)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3),
        ("+3", 3),
        (" 3.0 ", 3),
        ("\u22125", -5),
        ("–2", -2),
        ("3 - High progress", 3),
        ("+5 (very high progress)", 5),
        ("0 (no progress perceived)", 0),
        ("-4. Large reduction", -4),
        ("", MISSING),  # unanswered, kept apart from a written "don't know" (DK)
        ("  ", MISSING),
        ("dk", DK),
        ("Don’t know", DK),
        ("DON'T KNOW", DK),
        ("Не знаю", DK),
        ("Білмеймін", DK),
        ("n/a", DK),
        ("No answer", MISSING),  # what a tool writes for a skipped question
        ("Нет ответа", MISSING),
        ("3.5", BAD),
        ("6", BAD),
        ("3-5", BAD),  # a range: not guessed
        ("High progress", BAD),
        ("=A1", BAD),
    ],
)
def test_it_reads_the_spellings_of_an_answer(text: str, value: int) -> None:
    assert ScoreReader(FW.scale).read(text) == value


def test_it_explains_answers_it_cannot_read() -> None:
    reader = ScoreReader(FW.scale)
    assert reader.explain("7") == "7 is outside the scale -5..5"
    assert reader.explain("3.5") == "3.5 is not a whole number"
    assert reader.explain("Good") == "'Good' is not an answer this import knows"
    assert reader.explain("=SUM(A1:A3)").startswith("holds a spreadsheet formula")


def test_it_reads_a_mapping_files_own_answers() -> None:
    reader = ScoreReader(FW.scale, {"Высокий прогресс": 3, "Жоқ": MISSING})
    assert reader.read("высокий  прогресс") == 3
    assert reader.read("жоқ") == DK  # the file's own "don't know", written out
    assert reader.read("") == MISSING


def test_it_stores_profile_answers_as_the_english_labels() -> None:
    reader = profile_reader()

    def label(name: str, text: str) -> tuple[str, str] | None:
        found = reader.read(name, text)
        return None if found is None else (found.label, found.other)

    assert label("sector", "ngo") == ("NGO", "")
    assert label("sector", translate("ru", "Public association")) == ("Public association", "")
    assert label("gender", translate("kk", "Female")) == ("Female", "")
    assert label("region", " Алматы ") == ("Алматы", "")
    assert label("sector", "Think tank") == ("Other", "Think tank")


@pytest.mark.parametrize(
    ("header", "fmt"),
    [
        (["respondent", "sdg3_1"], "canonical"),
        (["start", "sdg3/sdg3_1", "_uuid", "_index"], "kobo"),
        (["Form_Id", "SDG3_Comment", "Entry_Status"], "cognito"),
        (["id", "submitdate", "lastpage", "startlanguage", "SDG3[SQ001]"], "limesurvey"),
        (["Response ID", "Date submitted", "Last page", "Start language"], "limesurvey"),
        (["G1Q1[SQ001]"], "limesurvey"),
        (["Timestamp", "SDG 3 [Institutional support]"], "gforms"),
        (["Респондент", "3.1"], "spreadsheet"),
        (["respondent", "sdg3_1", "sdg3_l"], "canonical"),
        (["respondent", "Q1", "Q2", "Q3"], "spreadsheet"),
    ],
)
def test_it_recognises_which_tool_wrote_a_file(header: list[str], fmt: str) -> None:
    assert detect(header) == fmt


def test_it_names_targets_as_the_canonical_file_does() -> None:
    assert [target_name(r) for r in (Score(3, 7), GoalComment(3), ProfileField("age"))] == [
        "sdg3_7",
        "sdg3_comment",
        "age",
    ]
    assert target_name(Meta("consent")) == "not stored (consent)"


def test_it_imports_the_importers_without_django() -> None:
    code = (
        "import sys, scorecard.interop.importers, scorecard.interop.xlsform\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
