"""The renderer registry: formats by name, a clear error, JSON output, no Django."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.analysis import Results
from scorecard.report import RENDERERS, UnknownFormatError, render
from scorecard.report.charts import draw_charts


def test_it_registers_html_and_json() -> None:
    assert {"html", "json"} <= set(RENDERERS)


def test_it_names_the_known_formats_for_an_unknown_one(results: Results, tmp_path: Path) -> None:
    with pytest.raises(UnknownFormatError, match=r"'docx'.*html, json") as caught:
        render("docx", results, tmp_path / "out.docx")
    assert isinstance(caught.value, ValueError)
    assert not (tmp_path / "out.docx").exists()


def test_it_round_trips_results_through_json(results: Results, tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    render("json", results, str(out))
    text = out.read_text("utf-8")
    assert json.loads(text) == results.to_json()
    assert "Қала" in text  # ensure_ascii=False: readable UTF-8, not \u escapes


def test_it_draws_the_charts_once_per_report(results: Results) -> None:
    assert draw_charts(results, "en") is draw_charts(results, "en")


def test_it_imports_no_django() -> None:
    code = (
        "import sys, scorecard.report, scorecard.report.charts, scorecard.report.context; "
        "assert 'django' not in sys.modules, 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
