"""The HTML report passes axe at WCAG 2.2 AA in each report language (issue 14, item 6).

The report is one self-contained file, so it is opened as it is, with no server,
at a phone's and a desktop's width, with the sample narrative and meetings so the
cards, quotes and meeting tables are on the page too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from scorecard.analysis import analyse
from scorecard.report import ReportInput, load_meetings, load_narrative, render
from scorecard.sample import SAMPLE_EDITION, sample_answers
from tests.browser.test_accessibility import AXE, VIEWPORTS

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[1] / "report" / "fixtures" / "kazakhstan"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return {
    rules: result.passes.length + result.violations.length + result.incomplete.length,
    violations: result.violations.map(v => ({
      id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')),
    })),
  };
}"""


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_html_report_has_no_wcag_22_aa_violation(browser: Browser, language: str) -> None:
    results = analyse(sample_answers(61, 2022), SAMPLE_EDITION)
    fw = results.framework
    inp = ReportInput(
        results,
        language,
        load_narrative(SAMPLE / "narrative", fw),
        load_meetings(SAMPLE / "meetings.toml", fw),
    )
    page = browser.new_page()
    try:
        page.set_content(render("report", "html", inp).data.decode("utf-8"))
        assert page.evaluate("document.documentElement.lang") == language
        # Every chart is a figure with a caption and a text alternative.
        charts = page.locator("figure.chart")
        assert charts.count() >= 4
        assert page.locator("figure.chart > figcaption").count() == charts.count()
        assert page.locator("figure.chart svg[role=img][aria-label]").count() == charts.count()
        page.evaluate(AXE.read_text("utf-8"))
        problems: list[str] = []
        for viewport, (width, height) in VIEWPORTS.items():
            page.set_viewport_size({"width": width, "height": height})
            found: dict[str, Any] = page.evaluate(RUN_AXE, TAGS)
            assert found["rules"] > 20, "axe ran almost no rule: is the page empty?"
            problems += [
                f"[{viewport}] {v['id']}: {v['help']} at {', '.join(v['nodes'][:5])}"
                for v in found["violations"]
            ]
        assert problems == []
    finally:
        page.close()
