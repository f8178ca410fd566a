"""Every format of the sample report: structure (golden), and numbers equal to the Results JSON.

Each file is read back the way people open it: the PDF through poppler's
pdftotext, the deck through python-pptx, the workbook through openpyxl, the
CSV through the csv module.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scorecard.report import ReportInput
from scorecard.report.html import report_document
from scorecard.report.opendata import COLUMNS, data_dictionary

from .expect import SECTIONS, pct, shown
from .formats import pdf_text, read_csv, sheet_rows, slide_tables, slide_texts, slide_titles

Outputs = dict[tuple[str, str], Path]

HIGH = "Key findings and recommendations: Highest scores (above 40%)"
LOW = "Key findings and recommendations: Lowest scores (below 30%)"
SLIDES = [
    "People's Scorecard Kazakhstan 2022 (synthetic sample data)",
    "Country context",
    "Methodology",
    "Sample",
    "Key areas and progress bands",
    "Average scores by SDG and key area",
    "Mean score (−5 to +5) by goal and key area",
    "Comparative data in percent",
    "Comparative data in percent: key areas and pillars",
    "Policy environment",
    "Institutional capacity",
    "Inclusiveness",
    HIGH,
    HIGH,
    HIGH,
    LOW,
    LOW,
    LOW,
    "Recommendations",
    "Validation meetings",
    "Suggestions and decisions",
    "Where to find the full report",
]
SHEETS = {
    "Read me": ["Item", "Value"],
    "Cells": [
        *("Goal", "Goal name", "Key area", "Key area name", "Pillar", "n", "Mean", "Percent"),
        *("Band", "Standard deviation", "95% CI low", "95% CI high", "Median"),
        *("Interquartile range", "Agreement A", "Contested cell"),
        *(f"Answers {v}".replace("-", "−") for v in range(-5, 6)),
    ],
    "Goals": ["Goal", "Goal name", "Respondents", "Answers", "Mean", "Percent", "Band"],
    "Areas": ["Key area", "Key area name", "Pillar", "Answers", "Mean", "Percent", "Band"],
    "Pillars": ["Pillar", "Key areas", "Answers", "Mean", "Percent", "Band"],
    "Profile": ["Group", "Category", "Respondents", "Share (%)"],
    "Comments": ["Goal", "Goal name", "Comment"],
    "Meetings": ["Date", "Format", "Title", "Participants", "By sector", "Goals discussed"],
    "Suggestions": ["Date", "Goal", "Suggestion", "Decision", "Note"],
}
CSV_HEADER = [
    *("goal", "goal_name", "area", "area_name", "pillar", "n", "mean", "percent", "band", "sd"),
    *("ci95_low", "ci95_high", "ci95_low_percent", "ci95_high_percent", "median"),
    *("iqr", "agreement", "contested"),
    *(f"count_{v}" for v in range(-5, 6)),
]


def test_it_writes_every_format(outputs: Outputs) -> None:
    assert {fmt for fmt, _ in outputs} == {"html", "pdf", "pptx", "xlsx", "csv", "json", "datadict"}
    for path in outputs.values():
        assert path.stat().st_size > 0


# --- PDF -----------------------------------------------------------------------------------


def test_its_pdf_has_a_cover_and_a_paged_table_of_contents(
    outputs: Outputs, sample_input: ReportInput
) -> None:
    data = outputs[("pdf", "en")].read_bytes()
    assert data.startswith(b"%PDF-")
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", str(outputs[("pdf", "en")])], capture_output=True, text=True, check=True
        ).stdout
        assert "(A4)" in info
    text = pdf_text(outputs[("pdf", "en")], report_document(sample_input, for_print=True))
    cover, _, body = text.partition("Contents")
    assert "Synthetic sample data — not real survey results" in cover
    pages = [int(re.search(rf"{re.escape(s)}\W*\.*\s*(\d+)", body)[1]) for s in SECTIONS]  # type: ignore[index]
    assert pages == sorted(pages)
    assert pages[0] >= 2


def test_its_pdf_shows_the_figures_of_the_results(
    outputs: Outputs, sample_input: ReportInput
) -> None:
    res = sample_input.results
    text = pdf_text(outputs[("pdf", "en")], report_document(sample_input, for_print=True))
    squashed = " ".join(text.split())
    assert f"{pct(res.overall.percent)} overall" in squashed
    for goal in res.goals:
        assert f"{pct(goal.score.percent)} {shown(goal.score.mean, 2)}" in squashed
    assert "The institutional architecture" in squashed
    assert "Section not written yet." in squashed  # the inclusiveness pillar


def test_its_pdf_speaks_russian_with_kazakh_quotes(
    outputs: Outputs, sample_input: ReportInput
) -> None:
    import dataclasses

    ru = dataclasses.replace(sample_input, language="ru")
    text = " ".join(pdf_text(outputs[("pdf", "ru")], report_document(ru, for_print=True)).split())
    assert "Страновой контекст" in text
    assert "ЦУР 3 Хорошее здоровье и благополучие" in text
    assert "Денсаулық сақтау қызметтері ауылда әлі де қолжетімсіз." in text


# --- PPTX ----------------------------------------------------------------------------------


def test_its_deck_follows_the_seed_deck(outputs: Outputs) -> None:
    from pptx import Presentation

    deck = Presentation(str(outputs[("pptx", "en")]))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)  # 16:9
    assert slide_titles(outputs[("pptx", "en")]) == SLIDES


def test_its_deck_shows_every_cell_mean_and_the_key_findings(
    outputs: Outputs, sample_input: ReportInput
) -> None:
    res = sample_input.results
    table = next(
        t for t in slide_tables(outputs[("pptx", "en")]) if t[0][0] == "Goal" and len(t[0]) == 12
    )
    for goal, row in zip(res.goals, table[1:], strict=False):
        cells = [res.cell(goal.goal, a.number).score.mean for a in res.framework.areas]
        assert row[1:11] == [shown(m, 2) if m is not None else "–" for m in cells]
        assert row[11] == shown(goal.score.mean, 2)
    texts = slide_texts(outputs[("pptx", "en")])
    findings = [t for t, title in zip(texts, SLIDES, strict=True) if title in (HIGH, LOW)]
    for number, text in zip(res.highest + res.lowest, findings, strict=True):
        goal = res.goal(number)
        assert f"SDG {number} {goal.name} · {pct(goal.score.percent)}" in text
    assert "Health services reach more people than before" in findings[1]


def test_its_deck_speaks_russian(outputs: Outputs) -> None:
    titles = slide_titles(outputs[("pptx", "ru")])
    assert titles[1:4] == ["Страновой контекст", "Методология", "Выборка"]
    assert len(titles) == len(SLIDES)


# --- XLSX ----------------------------------------------------------------------------------


def test_its_workbook_has_one_sheet_per_table(outputs: Outputs) -> None:
    wb = load_workbook(outputs[("xlsx", "en")])
    assert wb.sheetnames == list(SHEETS)
    for name, header in SHEETS.items():
        ws = wb[name]
        assert [c.value for c in ws[1]] == header, name
        assert ws.freeze_panes == "A2"


def test_its_workbook_holds_the_json_figures_with_display_formats(
    outputs: Outputs, sample_input: ReportInput
) -> None:
    data = sample_input.results.to_json()
    wb = load_workbook(outputs[("xlsx", "en")])
    rows = list(wb["Cells"].iter_rows(min_row=2))
    assert len(rows) == len(data["cells"])
    for row, cell in zip(rows, data["cells"], strict=True):
        values = [c.value for c in row]
        assert values[0] == cell["goal"]
        assert values[2] == cell["area"]
        # A spreadsheet keeps about 16 significant digits (openpyxl writes %.16g).
        assert values[5:9] == [cell["n"], close(cell["mean"]), close(cell["percent"]), cell["band"]]
        assert values[9] == close(cell["sd"])
        assert values[12:15] == [
            close(cell["median"]),
            close(cell["iqr"]),
            close(cell["agreement"]),
        ]
        assert values[15] is cell["contested"]
        assert values[16:] == list(cell["counts"].values())
        assert (row[6].number_format, row[7].number_format) == ("0.00", '#,##0.0"%"')
    colours = {b.name: b.colour.lstrip("#").upper() for b in sample_input.results.framework.bands}
    band = rows[0][8]
    assert band.fill.fgColor.rgb.endswith(colours[str(band.value)])
    goals = sheet_rows(outputs[("xlsx", "en")], "Goals")[1:]
    assert [(g[0], g[4], g[5]) for g in goals] == [
        (g["goal"], close(g["mean"]), close(g["percent"])) for g in data["goals"]
    ]
    pillars = sheet_rows(outputs[("xlsx", "en")], "Pillars")[1:]
    assert [p[4] for p in pillars] == [close(p["percent"]) for p in data["pillars"]]


def close(value: float | None) -> object:
    return None if value is None else pytest.approx(value, rel=1e-15, abs=1e-13)


def test_its_workbook_speaks_russian(outputs: Outputs) -> None:
    wb = load_workbook(outputs[("xlsx", "ru")])
    assert wb.sheetnames[:3] == ["Описание", "Ячейки", "Цели"]
    assert wb["Цели"]["B2"].value == "Ликвидация нищеты"


# --- CSV, JSON, data dictionary ------------------------------------------------------------


def test_its_csv_has_one_row_per_cell_with_the_json_figures(
    outputs: Outputs, sample_input: ReportInput
) -> None:
    rows = read_csv(outputs[("csv", "en")])
    assert list(rows[0]) == CSV_HEADER
    cells = sample_input.results.to_json()["cells"]
    assert len(rows) == len(cells) == 170

    def number(text: str) -> float | None:
        return None if text == "" else float(text)

    for row, cell in zip(rows, cells, strict=True):
        assert (int(row["goal"]), int(row["area"]), int(row["n"])) == (
            cell["goal"],
            cell["area"],
            cell["n"],
        )
        for key in ("mean", "percent", "sd", "median", "iqr", "agreement"):
            assert number(row[key]) == cell[key], key
        assert row["contested"] == ("true" if cell["contested"] else "false")
        assert row["band"] == (cell["band"] or "")
        ci = cell["ci95"] or [None, None]
        assert [number(row["ci95_low"]), number(row["ci95_high"])] == ci
        assert [int(row[f"count_{v}"]) for v in range(-5, 6)] == list(cell["counts"].values())
    assert not any(math.isnan(float(r["mean"])) for r in rows if r["mean"])
    assert {r["contested"] for r in rows} <= {"true", "false"}


def test_its_json_is_the_results_json_in_every_language(
    outputs: Outputs, sample_input: ReportInput
) -> None:
    expected = sample_input.results.to_json()
    for language in ("en", "ru"):
        assert json.loads(outputs[("json", language)].read_text("utf-8")) == expected


def test_its_data_dictionary_describes_every_csv_column(
    outputs: Outputs, sample_input: ReportInput
) -> None:
    text = outputs[("datadict", "en")].read_text("utf-8")
    for column in CSV_HEADER:
        assert f"| `{column}` |" in text
    assert len(COLUMNS) + 11 == len(CSV_HEADER)
    doc = Path(__file__).resolve().parents[2] / "docs" / "open-data.md"
    assert doc.read_text("utf-8") == data_dictionary(sample_input.results.framework), (
        "docs/open-data.md is stale: run scorecard report FILE --format datadict "
        "--out docs/open-data.md"
    )
