"""A draft mapping file: right after one reviewed edit, and honest about what it cannot place."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from scorecard.interop import read_answers
from scorecard.interop.errors import AnswersFileError
from scorecard.interop.importers import read_import, suggest_file
from scorecard.method import default_framework
from tests.interop.importers.helpers import HERE, TRUTH, comments, figures, truth
from tests.interop.importers.test_area_words import RENAMES, short_names

LIME = HERE / "limesurvey" / "g1q1.csv"
EDITION = default_framework().with_goals((3, 5, 16))
DK_LINE = '# "A12" = "dk"  # low: the one code after the scale: "Don\'t know"?'


def test_it_drafts_the_limesurvey_code_mapping_with_how_sure_each_guess_is() -> None:
    draft = suggest_file(LIME, EDITION)
    text = draft.toml()
    data = tomllib.loads(text)
    assert data["goals"] == {"G2Q1": 3, "G3Q1": 5, "G4Q1": 16}
    assert data["columns"] == {
        "G2Q2": "sdg3_comment",
        "G3Q2": "sdg5_comment",
        "G4Q2": "sdg16_comment",
    }
    assert data["values"] == {f"A{n}": n - 6 for n in range(1, 12)}  # A12 left for review
    assert (
        '"G2Q1" = 3  # medium: array 1 of 3 in file order = goal 3, from the goals offered '
        "by the goal-choice columns (3, 5, 16); its subquestions 1..10 = key areas"
    ) in text
    assert DK_LINE in text.splitlines()
    assert draft.unplaced == ()


def test_it_imports_the_canonical_figures_after_one_reviewed_edit(tmp_path: Path) -> None:
    draft = tmp_path / "draft.toml"
    draft.write_text(suggest_file(LIME, EDITION).toml(), "utf-8")
    with pytest.raises(AnswersFileError) as caught:
        read_import(LIME, EDITION, mapping=draft)  # unreviewed: A12 is no answer yet
    assert "row 3, column G2Q1[SQ006]: 'A12' is not an answer this import knows" in str(
        caught.value
    )
    draft.write_text(draft.read_text("utf-8").replace(DK_LINE, '"A12" = "dk"'), "utf-8")
    result = read_import(LIME, EDITION, mapping=draft)
    assert figures(result.answers, profile=False) == truth(profile=False)
    assert comments(result.answers) == comments(read_answers(TRUTH))


def test_it_lists_the_columns_it_cannot_place(tmp_path: Path) -> None:
    path = short_names(tmp_path, {**RENAMES, "Region": "Email"})
    draft = suggest_file(path)
    assert draft.unplaced == (
        ("Goal3_Rating", "names goal 3 but no key area this import knows"),
        ("Goal5_Implementation", "names goal 5; its words could be key area 4 or 5"),
    )
    assert draft.left_out == ("Email",)
    text = draft.toml()
    assert '#   "Goal5_Implementation": names goal 5; its words could be key area 4 or 5' in text
    assert "Could not place (they look like scores): 2" in draft.lines()
    assert tomllib.loads(text) == {"format": "cognito"}  # nothing guessed, nothing active


def test_it_guesses_from_words_a_header_only_partly_made_of_an_areas_words(
    tmp_path: Path,
) -> None:
    renames = {"Goal16_LegalFramework": "Goal16_HowWellIsTheLegalFrameworkApplied"}
    path = short_names(tmp_path, renames)
    with pytest.raises(AnswersFileError):
        read_import(path)  # too few of its words are the area's to import it unasked
    draft = suggest_file(path)
    assert tomllib.loads(draft.toml())["columns"] == {
        "Goal16_HowWellIsTheLegalFrameworkApplied": "sdg16_2"
    }
    assert draft.columns[0].sure == "low"
    assert "key area 2 (Legal and policy framework) by legal, framework" in draft.columns[0].why
    mapping = tmp_path / "draft.toml"
    mapping.write_text(draft.toml(), "utf-8")
    assert figures(read_import(path, mapping=mapping).answers) == truth()


def test_it_writes_valid_toml_whatever_the_headers_hold(tmp_path: Path) -> None:
    path = short_names(tmp_path, {"Goal3_Awareness": 'Goal3 "7"\nrating\\\x7f'})
    text = suggest_file(path).toml()
    assert tomllib.loads(text)["format"] == "cognito"
    assert '"Goal3 \\"7\\"\\nrating\\\\\\u007F"' in text
