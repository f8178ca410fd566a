"""The report's "N respondents" counts people who gave at least one score (issue 15).

A respondent who only consented, or answered "don't know" everywhere, took part but
scored nothing: the cover, the summary and the slides say 2 here, not 3, and the
methodology names both numbers.
"""

from __future__ import annotations

import re

import numpy as np

from scorecard.analysis import MISSING, Answers, Respondents, Results, analyse
from scorecard.method import Edition, default_framework
from scorecard.report import ReportInput, render


def _three_people_two_scoring() -> Results:
    fw = default_framework().with_goals((3, 16))
    respondents = Respondents.build(["a", "b", "c"], gender=["Female", "Male", "Female"])
    m = np.full((3, 2, 10), MISSING, np.int8)
    m[0, 0, :3] = [1, 2, 3]
    m[1, 1, 0] = -1
    dont_know = np.zeros(m.shape, dtype=bool)
    dont_know[2, 0, :] = True  # "c" said "don't know" to every area of SDG 3
    answers = Answers.from_dense(fw, respondents, m, dont_know=dont_know)
    return analyse(answers, Edition(title="Count test", country="Kazakhstan", year=2024))


def test_the_results_keep_both_numbers() -> None:
    profile = _three_people_two_scoring().profile
    assert (profile.n, profile.answering) == (3, 2)


def test_the_html_report_says_two_respondents_and_three_took_part() -> None:
    html = render("report", "html", ReportInput(_three_people_two_scoring())).data.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert '<p class="stat-value">2</p>' in html
    assert '<p class="stat-value">3</p>' not in html
    assert "2 respondents" in text  # the summary at a glance
    assert "3 civil-society respondents took part." in text
    assert "2 of the 3 respondents gave at least one score." in text
