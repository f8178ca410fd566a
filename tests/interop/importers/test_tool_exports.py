"""Every tool's sample export imports to the same figures as the canonical file.

The exports in the folders beside this file follow each tool's documented layout (see
their READMEs); they hold the same ten answers as canonical/answers.csv.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.interop import read_answers
from scorecard.interop.importers import read_import
from tests.interop.importers.helpers import HERE, TRUTH, comments, figures, truth

# (file, mapping or None, detected format, profile labels comparable without a mapping)
EXPORTS = [
    ("canonical/answers.csv", None, "canonical", True),
    ("cognito/entries.xlsx", None, "cognito", True),
    ("cognito/entries.csv", None, "cognito", True),
    ("cognito/labels-en.csv", None, "cognito", True),  # Cognito's default names, 3 languages
    ("cognito/labels-ru.csv", None, "cognito", True),
    ("cognito/labels-kk.xlsx", None, "cognito", True),
    ("cognito/short-names.csv", None, "cognito", True),  # a designer's own short names
    ("kobo/xml-values.csv", None, "kobo", True),
    ("kobo/labels.xlsx", None, "kobo", True),
    ("limesurvey/codes.csv", None, "limesurvey", False),
    ("limesurvey/codes.csv", "limesurvey/codes.toml", "limesurvey", True),
    ("limesurvey/full-answers.xlsx", None, "limesurvey", True),
    ("limesurvey/g1q1.csv", "limesurvey/g1q1.toml", "limesurvey", True),
    ("gforms/responses.csv", None, "gforms", True),
    ("mapped/ru.xlsx", "mapped/ru.toml", "spreadsheet", True),
    ("mapped/kk.csv", "mapped/kk.toml", "spreadsheet", True),
]


@pytest.mark.parametrize(("name", "mapping", "fmt", "profile"), EXPORTS)
def test_it_imports_each_export_to_the_canonical_figures(
    name: str, mapping: str | None, fmt: str, profile: bool
) -> None:
    result = read_import(HERE / name, mapping=HERE / mapping if mapping else None)
    assert result.preview.format == fmt
    assert result.preview.detected
    assert figures(result.answers, profile) == truth(profile)
    assert comments(result.answers) == comments(read_answers(TRUTH))
    assert result.preview.unmapped == ()


@pytest.mark.parametrize(("name", "mapping"), [(e[0], e[1]) for e in EXPORTS])
def test_it_names_respondents_the_same_way_every_time(name: str, mapping: str | None) -> None:
    """Stable keys are what make a re-import replace respondents instead of doubling them."""
    path, spec = HERE / name, HERE / mapping if mapping else None
    first = read_import(path, mapping=spec).answers.respondents.ids
    again = read_import(path, mapping=spec).answers.respondents.ids
    assert first == again
    assert len(set(first)) == len(first)
    assert not any(i.startswith(("row-", "kobo:row")) for i in first)


def test_it_keys_kobo_submissions_on_their_uuid_and_leaves_out_not_approved_ones() -> None:
    result = read_import(HERE / "kobo" / "xml-values.csv")
    ids = result.answers.respondents.ids
    assert all(i.startswith("kobo:") and len(i) == len("kobo:") + 36 for i in ids)
    assert [(s.row, s.reason) for s in result.preview.skipped] == [
        (6, 'marked "Not approved" in KoboToolbox')
    ]
    targets = {u.column: u.target for u in result.preview.mapped}
    assert targets["sdg3/sdg3_7"] == "sdg3_7"
    assert targets["_uuid"] == "respondent id"
    assert "_submission_time" in {u.column for u in result.preview.not_stored}


def test_it_keys_other_tools_on_their_own_ids() -> None:
    cognito = read_import(HERE / "cognito" / "entries.xlsx").answers.respondents.ids
    lime = read_import(HERE / "limesurvey" / "full-answers.xlsx").answers.respondents.ids
    assert cognito[:2] == ("cognito:1", "cognito:2")
    assert lime[:2] == ("limesurvey:1", "limesurvey:2")


def test_it_never_stores_google_e_mail_addresses_and_splits_equal_timestamps() -> None:
    result = read_import(HERE / "gforms" / "responses.csv")
    ids = result.answers.respondents.ids
    assert ids[-1] == ids[-2] + "#2"
    people = result.answers.respondents
    stored = [*ids, *people.sector.labels, *people.gender.labels, *people.region.labels]
    assert not any("@" in text for text in stored)
    assert ("Email address", "not stored (e-mail (personal data))") in {
        (u.column, u.target) for u in result.preview.not_stored
    }


def test_it_counts_answers_per_goal_in_the_preview() -> None:
    preview = read_import(HERE / "kobo" / "labels.xlsx").preview
    truth_answers = read_answers(TRUTH)
    for count in preview.goals:
        index = truth_answers.framework.goal_numbers.index(count.goal)
        rows = truth_answers.scores[truth_answers.row_goal == index]
        assert count.respondents == len(rows)
        assert count.scores == int((rows != -128).sum())
    text = "\n".join(preview.lines())
    assert "SDG 16:" in text
    assert "row 6 skipped" in text
    assert preview.to_json()["respondents"] == 10


def test_it_marks_respondents_an_earlier_import_stored() -> None:
    result = read_import(HERE / "cognito" / "entries.csv")
    again = result.against({"cognito:3", "cognito:99"})
    assert again.preview.already_imported == ("cognito:3",)
    assert "Already imported: 1 respondents" in "\n".join(again.preview.lines())


def test_it_reads_a_format_named_by_the_user(tmp_path: Path) -> None:
    result = read_import(HERE / "kobo" / "xml-values.csv", format="kobo")
    assert not result.preview.detected
    assert figures(result.answers) == truth()
