"""A small edition with a goal nobody rated and hostile comments, rendered once per session."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from scorecard.analysis import MISSING, Answers, Comment, Respondents, Results, analyse
from scorecard.method import Edition, default_framework
from scorecard.report import RENDERERS, ReportInput, load_meetings, load_narrative, render

SCRIPT = "<script>alert('x')</script>"
FORMULA = '=HYPERLINK("http://evil.example/steal","click me")'
KAZAKH = 'Қала <b>құрылысы</b> & "дәйексөз"'


def build_results(synthetic: bool = True) -> Results:
    fw = default_framework().with_goals((3, 5, 16))
    respondents = Respondents.build(
        ["a", "b", "c"],
        gender=["Female", "Male", None],
        sector=["NGO", "Media", "NGO"],
        age=[23, 61, 40],
    )
    m = np.full((3, 3, 10), MISSING, np.int8)
    m[0, 0, :] = [1, 1, 2, 0, -1, 1, 1, 1, 2, 1]  # SDG 3
    m[1, 0, :5] = [2, 2, 3, 1, 0]
    m[2, 0, 0] = -2
    m[0, 1, :] = [3, 4, 3, 3, 2, 4, 3, 3, 3, 4]  # SDG 5
    m[1, 1, :] = [2, 3, 4, 2, 2, 3, 3, 1, 2, 5]
    # SDG 16: nobody rated it.
    comments = (
        Comment(0, 3, SCRIPT),
        Comment(1, 3, FORMULA),
        Comment(0, 5, KAZAKH),
    )
    edition = Edition(
        title="People's Scorecard", country="Kazakhstan", year=2022, synthetic=synthetic
    )
    return analyse(Answers.from_dense(fw, respondents, m, comments=comments), edition)


@pytest.fixture(scope="session")
def results() -> Results:
    return build_results()


@pytest.fixture(scope="session")
def report_path(results: Results, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    out.write_bytes(render("report", "html", ReportInput(results)).data)
    return out


@pytest.fixture(scope="session")
def html(report_path: Path) -> str:
    return report_path.read_text("utf-8")


@pytest.fixture(scope="session")
def real_html(results: Results, tmp_path_factory: pytest.TempPathFactory) -> str:
    edition = dataclasses.replace(results.edition, synthetic=False)
    out = tmp_path_factory.mktemp("real") / "report.html"
    real = dataclasses.replace(results, edition=edition)
    out.write_bytes(render("report", "html", ReportInput(real)).data)
    return out.read_text("utf-8")


FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = FIXTURES / "kazakhstan"


@pytest.fixture(scope="session")
def sample_results() -> Results:
    """The 61-respondent synthetic sample edition (`scorecard sample`)."""
    from scorecard.sample import SAMPLE_EDITION, sample_answers

    return analyse(sample_answers(61, 2022), SAMPLE_EDITION)


@pytest.fixture(scope="session")
def sample_input(sample_results: Results) -> ReportInput:
    """The sample edition with the example narrative and validation meetings."""
    fw = sample_results.framework
    narrative = load_narrative(SAMPLE / "narrative", fw)
    meetings = load_meetings(SAMPLE / "meetings.toml", fw)
    return ReportInput(sample_results, "en", narrative, meetings)


@pytest.fixture(scope="session")
def outputs(
    sample_input: ReportInput, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], Path]:
    """Every format of the sample report in English and Russian, rendered once per session."""
    folder = tmp_path_factory.mktemp("formats")
    written: dict[tuple[str, str], Path] = {}
    for language in ("en", "ru"):
        inp = dataclasses.replace(sample_input, language=language)
        for fmt, renderer in RENDERERS.items():
            out = folder / f"report-{language}.{fmt}"
            out.write_bytes(renderer(inp))
            written[(fmt, language)] = out
    return written
