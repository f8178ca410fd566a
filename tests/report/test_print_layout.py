"""Paper: a chart and the table that gives its figures stay on one page (issue 14).

In Kazakh, long goal names take two lines, the ranking chart grew, its table moved to
the next page and left a third of the chart's page blank.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scorecard.analysis import analyse
from scorecard.report import ReportInput, render
from scorecard.report.i18n import translations
from scorecard.sample import SAMPLE_EDITION, sample_answers, sample_story


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_goal_ranking_chart_and_its_table_share_a_page(language: str, tmp_path: Path) -> None:
    results = analyse(sample_answers(61, 2022), SAMPLE_EDITION)
    narrative, meetings = sample_story(language, results.framework)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(
        render("report", "pdf", ReportInput(results, language, narrative, meetings)).data
    )
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    caption = translations(language).gettext("Goals ranked by percent")
    pages = [page for page in text.split("\f") if caption in page]
    assert pages, caption
    # the chart's caption and the table's caption, on the same page
    assert pages[0].count(caption) == 2, [p.count(caption) for p in pages]
