"""Hostile text in every format: markup, formulas and control characters stay inert text."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scorecard.analysis import GoalComment, Results
from scorecard.report import (
    RENDERERS,
    Decision,
    GoalNarrative,
    Meeting,
    MeetingFormat,
    Narrative,
    ReportInput,
    Suggestion,
)
from scorecard.report.html import report_document
from scorecard.report.text import clean, formula_safe

from .conftest import FORMULA, SCRIPT, build_results
from .formats import pdf_text, read_csv, slide_texts

CONTROL = "bell\x07 esc\x1b[31m nul\x00 end"
STARTS = ("+1 more", "-1 less", "@SUM(A1:A9)", "\tTAB", "\rCR")


def hostile_input() -> ReportInput:
    results = build_results()
    comments = (
        GoalComment(3, SCRIPT),
        GoalComment(3, FORMULA),
        *(GoalComment(5, t) for t in (CONTROL, *STARTS)),
    )
    fw = results.framework
    goals = tuple(dataclasses.replace(g, name="=cmd|' /C calc'!A0") if g.number == 16 else g
                  for g in fw.goals)  # fmt: skip
    results = dataclasses.replace(
        results, comments=comments, framework=dataclasses.replace(fw, goals=goals)
    )
    narrative = Narrative(
        context=f"{SCRIPT}\n\n<img src=x onerror=alert(1)> {CONTROL}",
        goals=(GoalNarrative(5, findings=FORMULA, quotes=(SCRIPT,)),),
    )
    meeting = Meeting(
        datetime.date(2022, 5, 1),
        MeetingFormat.ONLINE,
        (("<b>NGO</b>", 3),),
        (3,),
        (Suggestion(FORMULA, Decision.ACCEPTED, note=CONTROL),),
    )
    return ReportInput(results, "en", narrative, (meeting,))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    inp = hostile_input()
    out = {}
    for fmt, renderer in RENDERERS.items():
        out[fmt] = folder / f"hostile.{fmt}"
        out[fmt].write_bytes(renderer(inp))
    return out


def test_it_cleans_and_defuses_text() -> None:
    assert clean(CONTROL) == "bell esc[31m nul end"
    assert clean("a\r\nb\rc\td") == "a\nb\nc\td"
    assert formula_safe(FORMULA) == "'" + FORMULA
    assert [formula_safe(s)[0] for s in STARTS] == ["'"] * len(STARTS)
    assert formula_safe("\x00=1") == "'=1"
    assert formula_safe("plain = fine") == "plain = fine"


def test_its_html_and_pdf_show_hostile_text_as_text(written: dict[str, Path]) -> None:
    html = written["html"].read_text("utf-8")
    assert "<script" not in html.lower()
    assert "<img" not in html
    assert "\x07" not in html
    assert "\x1b" not in html
    text = " ".join(pdf_text(written["pdf"], report_document(hostile_input(), True)).split())
    assert SCRIPT in text
    assert "=HYPERLINK(" in text


def test_its_deck_shows_hostile_text_as_text(written: dict[str, Path]) -> None:
    text = "\n".join(slide_texts(written["pptx"]))
    assert SCRIPT in text
    assert "=HYPERLINK(" in text
    assert "\x07" not in text


def test_its_workbook_never_holds_a_formula(written: dict[str, Path]) -> None:
    wb = load_workbook(written["xlsx"])
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    comments = {c.value: c for row in wb["Comments"].iter_rows(min_row=2) for c in row[2:]}
    assert comments["'" + FORMULA].quotePrefix
    assert comments["'" + FORMULA].data_type == "s"
    assert "bell esc[31m nul end" in comments
    assert not comments["bell esc[31m nul end"].quotePrefix
    suggestion = wb["Suggestions"]["C2"]
    assert (suggestion.value, suggestion.data_type) == ("'" + FORMULA, "s")


def test_its_workbook_prefixes_every_text_cell_that_starts_like_a_formula(
    written: dict[str, Path],
) -> None:
    """As the CSVs: no text cell starts with = + - @ tab or CR; numbers stay numbers."""
    wb = load_workbook(written["xlsx"])
    prefixed, numbers = [], 0
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    where = (ws.title, cell.coordinate, cell.value)
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), where
                    if cell.value.startswith("'"):
                        prefixed.append(cell.value)
                        assert cell.quotePrefix, where
                elif isinstance(cell.value, int | float):
                    numbers += 1
    # The goal name (10 cells), five comments and the suggestion were defused.
    assert {"'" + FORMULA, "'=cmd|' /C calc'!A0", "'+1 more", "'-1 less"} <= set(prefixed)
    assert {"'@SUM(A1:A9)", "'\tTAB", "'\nCR"} <= set(prefixed)
    assert prefixed.count("'=cmd|' /C calc'!A0") >= 10
    assert numbers > 100
    means = [r[4].value for r in wb["Goals"].iter_rows(min_row=2)]
    assert all(isinstance(m, float | None) for m in means)
    assert any(isinstance(m, float) for m in means)


def test_its_csv_escapes_text_that_looks_like_a_formula(written: dict[str, Path]) -> None:
    names = {row["goal_name"] for row in read_csv(written["csv"])}
    assert "'=cmd|' /C calc'!A0" in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)


def test_its_results_json_keeps_comments_exactly(written: dict[str, Path]) -> None:
    import json

    data = json.loads(written["json"].read_text("utf-8"))
    assert [c["text"] for c in data["comments"]][:2] == [SCRIPT, FORMULA]


def test_it_copes_with_results_nobody_answered(tmp_path: Path) -> None:
    import numpy as np

    from scorecard.analysis import MISSING, Answers, Respondents, analyse
    from scorecard.method import Edition, default_framework

    fw = default_framework().with_goals((1,))
    empty = np.full((1, 1, 10), MISSING, np.int8)
    results: Results = analyse(Answers.from_dense(fw, Respondents.build(["x"]), empty), Edition())
    for fmt, renderer in RENDERERS.items():
        (tmp_path / f"empty.{fmt}").write_bytes(renderer(ReportInput(results)))
        assert (tmp_path / f"empty.{fmt}").stat().st_size > 0
