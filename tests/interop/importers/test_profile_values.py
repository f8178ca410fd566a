"""Profile answers map to the edition's choices: "F", "жен" and "Female" are one gender.

Synonyms in English, Russian and Kazakh, any casing, spacing and punctuation, become
the stored English label; an answer that matches nothing is stored as Other with its
text kept apart where the edition allows Other, and refused by file, row and column
where it does not. Expected labels are written out by hand here, not derived from
the catalogue the reader uses.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.analysis import analyse
from scorecard.interop.canonical import canonical_rows
from scorecard.interop.errors import AnswersFileError
from scorecard.interop.importers import read_import
from scorecard.interop.importers.labels import profile_reader
from scorecard.interop.importers.values import merge_spellings

STRICT: frozenset[str] = frozenset()
FEMALE = ("F", "f", "woman", "women", "female", "FEMALE", "жен", "женский", "Женщина", "ж")
FEMALE_KK = ("әйел", "Әйел", "ӘЙЕЛ", "әйел адам")
MALE = ("M", "man", "male", "муж", "мужской", "мужчина", "м", "ер", "Ер адам", "ЕР")
SECTORS = {
    "NGO": ("NGO", "ngo", "НПО", "ННО", "некоммерческая организация", "ҮЕҰ",
            "үкіметтік емес ұйым", "non-governmental organisation",
            "Non-governmental organization"),
    "Public association": ("public association", "Общественное объединение",
                           "Қоғамдық бірлестік", "public_association"),
    "Academic/educational": ("academia", "university", "университет", "Academic/educational",
                             "Академическая/образовательная организация", "вуз", "ЖОО"),
    "Media": ("СМИ", "БАҚ", "press", "media", "Mass media", "средства массовой информации"),
    "Community-based organisation": ("CBO", "community based organisation",
                                     "Жергілікті қоғамдастық ұйымы",
                                     "Местная общественная организация"),
    "Other": ("other", "Другое", "Басқа"),
}  # fmt: skip
HAND = [("gender", t, "Female") for t in (*FEMALE, *FEMALE_KK)] + [
    ("gender", t, "Male") for t in MALE
]
HAND += [("sector", t, label) for label, texts in SECTORS.items() for t in texts]
HAND += [
    ("gender", "Prefer not to say", "Prefer not to say"),
    ("gender", "Предпочитаю не указывать", "Prefer not to say"),
    ("gender", "Көрсеткім келмейді", "Prefer not to say"),
    ("gender", "other", "Other"),
]


def read(name: str, text: str, allow: frozenset[str] = STRICT) -> tuple[str, str] | None:
    found = profile_reader(allow).read(name, text)
    return None if found is None else (found.label, found.other)


@pytest.mark.parametrize(("name", "text", "label"), HAND, ids=[f"{n}:{t}" for n, t, _ in HAND])
def test_a_synonym_in_any_language_is_the_choice(name: str, text: str, label: str) -> None:
    assert read(name, text) == (label, "")


def _respell(draw: st.DrawFn, text: str) -> str:
    """The same words as someone might type them: casing, spaces, stray punctuation."""
    letters = [ch.upper() if draw(st.booleans()) else ch.lower() for ch in text]
    spaced = "".join(letters).split()
    gaps = [draw(st.sampled_from([" ", "  ", "\t", " - ", "-", " / "])) for _ in spaced[1:]]
    words = [w + g for w, g in zip(spaced, [*gaps, ""], strict=True)]
    before = draw(st.sampled_from(["", " ", "  ", "\u00a0"]))
    after = draw(st.sampled_from(["", ".", " .", "!", " ", ":"]))
    return before + "".join(words) + after


@st.composite
def respelled(draw: st.DrawFn) -> tuple[str, str, str]:
    name, text, label = draw(st.sampled_from(HAND))
    return name, _respell(draw, text), label


@given(respelled())
def test_any_casing_spacing_or_punctuation_of_a_synonym_is_the_same_choice(
    case: tuple[str, str, str],
) -> None:
    name, text, label = case
    assert read(name, text) == (label, "")


def test_an_answer_that_matches_nothing_is_other_with_its_text_where_other_is_allowed() -> None:
    allow = frozenset({"sector", "gender"})
    assert read("sector", "Think  tank", allow) == ("Other", "Think tank")
    assert read("gender", "Non-binary", allow) == ("Other", "")  # a synonym of Other
    assert read("gender", "Two-spirit", allow) == ("Other", "Two-spirit")
    assert read("sector", "Other: foundation", allow) == ("Other", "foundation")
    assert read("sector", "Другое (фонд)", allow) == ("Other", "фонд")
    assert read("sector", "Think tank") is None  # strict
    assert read("gender", "Two-spirit", frozenset({"sector"})) is None


def test_empty_or_punctuation_only_is_no_answer_and_region_is_free_text() -> None:
    assert read("sector", "") == ("", "")
    assert read("gender", " - ") == ("", "")
    assert read("region", "  North   Kazakhstan  region ") == ("North Kazakhstan region", "")
    assert read("region", "Think tank") == ("Think tank", "")


def test_region_spellings_merge_to_the_first_one_used() -> None:
    values: list[str | None] = ["Almaty", "almaty", "ALMATY", None, "Алматы", "алматы", "Astana"]
    assert merge_spellings(values) == [
        "Almaty", "Almaty", "Almaty", None, "Алматы", "Алматы", "Astana",
    ]  # fmt: skip


def write(tmp_path: Path, text: str, name: str = "survey.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


HEADER = "Response ID,Sector,Gender,Region,SDG 3 [Institutional support]\n"


def test_a_strict_import_refuses_unknown_values_by_file_row_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "1,NGO,F,Almaty,3\n2,Think tank,жен,Astana,2\n3,СМИ,Femal,,1\n",
    )
    with pytest.raises(AnswersFileError) as caught:
        read_import(path, format="spreadsheet", allow_other=STRICT)
    problems = [(p.file, p.row, p.column) for p in caught.value.problems]
    assert problems == [("survey.csv", 3, "Sector"), ("survey.csv", 4, "Gender")]
    message = str(caught.value)
    assert (
        "survey.csv row 3, column Sector: 'Think tank' is not one of the sector choices "
        "(NGO, Public association, Academic/educational, Media, Community-based "
        "organisation, Other)"
    ) in message
    assert (
        "survey.csv row 4, column Gender: 'Femal' is not one of the gender choices "
        "(Female, Male, Other, Prefer not to say)"
    ) in message
    assert "Hint: " in message
    assert "[sector]" in message


def test_an_import_stores_unknown_values_as_other_and_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "1,Think tank,F,Almaty,3\n2,НПО,Two-spirit,almaty ,2\n")
    result = read_import(path, format="spreadsheet")
    people = result.answers.respondents
    assert [people.sector.value(i) for i in range(2)] == ["Other", "NGO"]
    assert [people.gender.value(i) for i in range(2)] == ["Female", "Other"]
    assert [people.region.value(i) for i in range(2)] == ["Almaty", "Almaty"]
    assert people.other_text == {"sector": ("Think tank", ""), "gender": ("", "Two-spirit")}
    notes = "\n".join(result.preview.lines())
    assert "1 sector answers match no choice and are stored as Other" in notes
    assert "'Think tank'" in notes
    assert "'Two-spirit'" in notes
    # chunks of a big import keep each respondent's text with the respondent
    second = result.answers.select(np.array([False, True]))
    assert second.respondents.other_text == {"sector": ("",), "gender": ("Two-spirit",)}


def test_a_mapping_file_target_is_read_as_a_choice_too(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "1,A1,Ж,,3\n2,A9,М,,2\n")
    mapping = write(tmp_path, '[sector]\nA1 = "НПО"\nA9 = "Foundation"\n', "map.toml")
    people = read_import(path, format="spreadsheet", mapping=mapping).answers.respondents
    assert (people.sector.value(0), people.sector.value(1)) == ("NGO", "Other")
    assert people.other_text["sector"] == ("", "Foundation")
    with pytest.raises(AnswersFileError) as caught:
        read_import(path, format="spreadsheet", mapping=mapping, allow_other=STRICT)
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "Sector")]


def test_the_canonical_file_and_results_group_every_spelling_as_one_label(
    tmp_path: Path,
) -> None:
    """Ten people, five spellings each of Female and Male: two groups of five (five, so
    that the suppression threshold does not merge them)."""
    genders = ["F", "жен", "Female", "әйел", "f", "ер", "Мужской", "M", "man", "male"]
    body = "".join(f"r{i},NGO,{gender},,,{i % 5}\n" for i, gender in enumerate(genders))
    path = write(tmp_path, "respondent,sector,gender,age,region,sdg3_1\n" + body, "answers.csv")
    for fmt in ("canonical", "auto"):
        answers = read_import(path, format=fmt).answers
        written = list(canonical_rows(answers))
        assert [row[2] for row in written[1:]] == ["Female"] * 5 + ["Male"] * 5
        shares = {s.label: s.count for s in analyse(answers).profile.gender}
        assert shares == {"Female": 5, "Male": 5}
