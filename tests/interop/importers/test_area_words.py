"""Key areas recognised by their words, and score-like columns that are never dropped silently."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.interop.catalog import sdg_title, translate
from scorecard.interop.errors import AnswersFileError
from scorecard.interop.importers import read_import
from scorecard.interop.importers.labels import vocabulary
from scorecard.interop.importers.roles import GoalComment, Role, Score
from scorecard.interop.importers.words import same_stem, split_words, without_run
from scorecard.method import default_framework
from tests.interop.importers.helpers import HERE, figures, truth
from tests.interop.importers.truth import pascal

FW = default_framework()
SHORT = HERE / "cognito" / "short-names.csv"


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Goal1_LegalFramework", Score(1, 2)),
        ("Goal1_NationalImplementation", Score(1, 4)),
        ("Goal1_LocalImplementation", Score(1, 5)),
        ("Goal1_Awareness", Score(1, 7)),
        ("Goal1_Monitoring", Score(1, 6)),
        ("Goal1_Transparency", Score(1, 8)),
        ("Goal1_Partnerships", Score(1, 9)),
        ("Goal1_Participation", Score(1, 10)),
        ("Goal1_Strategies", Score(1, 1)),
        ("Goal1_Institutions", Score(1, 3)),
        ("Goal16_Institutions", Score(16, 3)),  # the goal's own name holds "institutions"
        ("Goal17PartnershipsForTheGoals_Partnerships", Score(17, 9)),
        ("SDG1NoPoverty_Strategies", Score(1, 1)),
        ("SDG1_InstitutionalSupportClearMandateSpecificBudget", Score(1, 3)),
        ("SDG1_MonitoringEvaluationAndReportingInclTheVNRProcess", Score(1, 6)),
        ("Goal4 national budget", Score(4, 1)),
        ("ЦУР3_Информированность", Score(3, 7)),
        ("ЦУР5_РеализацияНаМестномУровне", Score(5, 5)),
        ("ТДМ5_Мониторинг", Score(5, 6)),
        ("3Мақсат_ИнклюзивтіӘріптестік", Score(3, 9)),
        ("Goal1_Comment", GoalComment(1)),
        ("Goal1_Implementation", None),  # national or local: not guessed
        ("Goal1_Notes", None),
        ("Gender equality in budgets", None),  # prose naming a goal: words are not tried
        ("SDG 3 — 1. Legal and policy framework", None),  # number and name still disagree
    ],
)
def test_it_recognises_an_areas_words_however_they_are_spelled(
    header: str, role: Role | None
) -> None:
    assert vocabulary(FW).recognise(header) == role


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_it_recognises_cognitos_names_made_from_the_labels_in_each_language(
    language: str,
) -> None:
    """Section "SDG 3: name" and field "area label" run together, as Cognito writes them."""
    vocab = vocabulary(FW)
    for goal in FW.goals:
        section = pascal(sdg_title(language, goal.number, translate(language, goal.name)))
        for area in FW.areas:
            field = pascal(translate(language, area.name))
            expected = Score(goal.number, area.number)
            assert vocab.recognise(f"{section}_{field}") == expected, (section, field)
            assert vocab.recognise(f"Goal{goal.number}_{field}") == expected, field


@pytest.mark.parametrize(
    ("header", "why"),
    [
        ("Goal1_Implementation", "names goal 1; its words could be key area 4 or 5"),
        ("Goal1_Notes", "names goal 1 but no key area this import knows"),
        ("sdg3_note", "names goal 3 but no key area this import knows"),
        ("G2Q1[SQ007]", "looks like key area [7] of an array that names no goal"),
        ("Monitoring", "reads like key area 6 but names no goal"),
        ("Legal framework", "reads like key area 2 but names no goal"),
    ],
)
def test_it_says_why_a_column_looks_like_a_score(header: str, why: str) -> None:
    vocab = vocabulary(FW)
    assert vocab.recognise(header) is None
    assert vocab.score_like(header) == why


@pytest.mark.parametrize(
    "header",
    ["Email", "Start time", "Public comments", "Organisation name", "Q1", "Gender equality"],
)
def test_it_leaves_columns_that_are_not_scores_alone(header: str) -> None:
    assert vocabulary(FW).score_like(header) is None


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzабвгдежзиклмнопрстуәғқңөұүһі", min_size=2)


@given(st.lists(WORD, min_size=1, max_size=6))
def test_it_splits_run_together_words_back_into_the_words(words: list[str]) -> None:
    joined = "".join(w[0].upper() + w[1:] for w in words)
    assert split_words(joined) == words
    assert split_words("_".join(words)) == words


@given(WORD, WORD)
def test_it_compares_stems_symmetrically(a: str, b: str) -> None:
    assert same_stem(a, b) == same_stem(b, a)
    assert same_stem(a, a)


def test_it_compares_word_stems_across_endings() -> None:
    assert same_stem("institutions", "institutional")
    assert same_stem("национальные", "национальном")
    assert not same_stem("partnerships", "participation")
    assert not same_stem("legal", "level")
    assert without_run(["sdg", "no", "poverty", "strategies"], "nopoverty") == ["sdg", "strategies"]


def short_names(tmp_path: Path, renames: dict[str, str]) -> Path:
    """The short-names Cognito export with some fields renamed, as a designer might."""
    rows = list(csv.reader(io.StringIO(SHORT.read_text("utf-8-sig"))))
    rows[0] = [renames.get(name, name) for name in rows[0]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "entries.csv"
    path.write_text(out.getvalue(), "utf-8")
    return path


RENAMES = {
    "Goal3_Awareness": "Goal3_Rating",
    "Goal5_NationalImplementation": "Goal5_Implementation",
}


def test_it_refuses_a_file_whose_score_like_columns_are_not_understood(tmp_path: Path) -> None:
    path = short_names(tmp_path, {**RENAMES, "Sector": "Email"})
    with pytest.raises(AnswersFileError) as caught:
        read_import(path)
    message = str(caught.value)
    lines = message.splitlines()
    assert lines[0] == (
        "entries.csv row 1: 2 columns look like scores but were not understood; "
        "importing without them would change the figures"
    )
    assert lines[1] == (
        "entries.csv row 1, column Goal3_Rating: not understood: names goal 3 but no key area "
        "this import knows"
    )
    assert lines[2] == (
        "entries.csv row 1, column Goal5_Implementation: not understood: names goal 5; "
        "its words could be key area 4 or 5"
    )
    assert "Email" not in message  # not a score: left out with a note, as before
    assert "--ignore COLUMN" in message
    assert "--suggest-map" in message


def test_it_imports_once_the_columns_are_mapped_or_ignored(tmp_path: Path) -> None:
    path = short_names(tmp_path, RENAMES)
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\nGoal3_Rating = "sdg3_7"\nGoal5_Implementation = "sdg5_4"\n')
    mapped = read_import(path, mapping=mapping)
    assert figures(mapped.answers) == truth()
    ignored = read_import(path, ignore=["goal3_rating", "Goal5_Implementation"])
    assert ("Goal3_Rating", "not stored (ignored as asked)") in {
        (u.column, u.target) for u in ignored.preview.not_stored
    }
    cells = {(c["goal"], c["area"]): c for c in figures(ignored.answers)["cells"]}
    assert cells[(3, 7)]["n"] == 0
    assert cells[(5, 4)]["n"] == 0
    assert cells[(3, 6)] == {(c["goal"], c["area"]): c for c in truth()["cells"]}[(3, 6)]


def test_it_names_an_ignored_column_the_file_lacks(tmp_path: Path) -> None:
    path = short_names(tmp_path, RENAMES)
    with pytest.raises(AnswersFileError) as caught:
        read_import(path, ignore=["Goal3_Rating", "Goal5_Implementation", "Goal9_Typo"])
    assert str(caught.value).startswith(
        "entries.csv row 1, column Goal9_Typo: was named to be ignored, but the file has no "
        "such column"
    )


def test_it_still_notes_columns_that_are_not_scores(tmp_path: Path) -> None:
    path = short_names(tmp_path, {"Region": "Start time"})
    result = read_import(path)
    assert result.preview.unmapped == ("Start time",)
    assert re.search(
        r"Columns not understood \(ignored\): 1\n  Start time", "\n".join(result.preview.lines())
    )
