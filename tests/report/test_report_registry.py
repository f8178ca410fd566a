"""The renderer registry: formats by name, a clear error, JSON output, no Django."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scorecard.analysis import Results, anonymous
from scorecard.report import RENDERERS, ReportInput, UnknownFormatError, render
from scorecard.report.charts import draw_charts


def test_it_registers_html_and_json() -> None:
    assert {"html", "json"} <= set(RENDERERS)


def test_it_names_the_known_formats_for_an_unknown_one(results: Results) -> None:
    with pytest.raises(UnknownFormatError, match=r"'docx'.*html, json") as caught:
        render("report", "docx", ReportInput(results))
    assert isinstance(caught.value, ValueError)


def test_it_round_trips_results_through_json(results: Results) -> None:
    text = render("report", "json", ReportInput(results)).data.decode("utf-8")
    # Published, the profile has its small groups merged (analysis.anonymity); the rest is equal.
    assert json.loads(text) == anonymous(results).to_json()
    assert json.loads(text)["respondents"] != results.to_json()["respondents"]
    full = render("report", "json", ReportInput(results, anonymous_profile=False)).data
    assert json.loads(full) == results.to_json()
    assert "Қала" in text  # ensure_ascii=False: readable UTF-8, not \u escapes


def test_it_draws_the_charts_once_per_report(results: Results) -> None:
    assert draw_charts(results, "en") is draw_charts(results, "en")


def test_it_imports_no_django() -> None:
    code = (
        "import sys, scorecard.report, scorecard.report.charts, scorecard.report.context; "
        "assert 'django' not in sys.modules, 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
