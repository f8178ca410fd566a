"""The HTML report: sections, charts, figures as displayed, hostile comments, no network."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from scorecard.analysis import MISSING, Answers, GoalComment, Respondents, Results, analyse
from scorecard.method import Edition, default_framework
from scorecard.report import ReportInput, render
from scorecard.report.identity import LICENCE_URLS

from .conftest import FORMULA, KAZAKH, SCRIPT, build_results
from .expect import SECTIONS, pct, shown
from .page import Page

BANNER = "Synthetic sample data — not real survey results"


def test_it_writes_one_html_file(report_path: Path, html: str) -> None:
    assert report_path.is_file()
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html


def test_it_has_every_section_in_method_order(html: str) -> None:
    page = Page(html)
    assert [text for level, text in page.headings if level == 2] == SECTIONS
    assert page.headings[0] == (1, "People's Scorecard")


def test_it_never_skips_a_heading_level(html: str) -> None:
    levels = [level for level, _ in Page(html).headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_it_inlines_four_charts_each_with_a_text_alternative(html: str) -> None:
    svgs = re.findall(r"<svg [^>]*>", html)
    assert len(svgs) == 4
    for tag in svgs:
        assert 'role="img"' in tag
        label = re.search(r'aria-label="([^"]+)"', tag)
        assert label is not None
        assert len(label.group(1)) > 20
    assert html.count("<title>") == 1 + 4  # the page's and one per chart


def test_it_keeps_element_ids_unique(html: str) -> None:
    ids = Counter(value for _, name, value in Page(html).attributes if name == "id")
    assert [i for i, count in ids.items() if count > 1] == []


def test_it_shows_the_summary_figures(html: str, results: Results) -> None:
    assert f'<p class="stat-value">{pct(results.overall.percent)}</p>' in html
    assert f'<p class="stat-value">{results.profile.answering}</p>' in html
    low, high = results.range_low, results.range_high
    assert low is not None
    assert high is not None
    span = f"{shown(low.score.percent, 0)}–{pct(high.score.percent, 0)}"
    assert f"On all 10 key areas, implementation is within {span}" in html


def test_it_shows_goal_figures_rounded_as_displayed(html: str, results: Results) -> None:
    page = Page(html)
    for goal in results.goals:
        label = f"SDG {goal.goal} {goal.name}"
        row = page.row("Goals ranked by percent", label)
        if goal.score.percent is None:
            assert row[1:4] == ["not rated", "not rated", "not rated"]
        else:
            expected = [pct(goal.score.percent), shown(goal.score.mean, 2), goal.score.band]
            assert row[1:4] == expected
        assert row[4] == str(goal.respondents)


def test_it_ranks_goals_highest_first_and_unrated_last(html: str) -> None:
    labels = [r[0] for r in Page(html).table("Goals ranked by percent").rows[1:]]
    assert labels == [
        "SDG 5 Gender equality",
        "SDG 3 Good health and well-being",
        "SDG 16 Peace, justice and strong institutions",
    ]


def test_it_shows_area_and_pillar_figures(html: str, results: Results) -> None:
    page = Page(html)
    for area in results.areas:
        row = page.row("Key areas by percent", f"{area.area} {area.name}")
        assert row[2:5] == [pct(area.score.percent), shown(area.score.mean, 2), area.score.band]
        assert row[5] == str(area.answers)
    for pillar in results.pillars:
        row = page.row("Pillars by percent", pillar.name)
        assert row[2:5] == [
            pct(pillar.score.percent),
            shown(pillar.score.mean, 2),
            pillar.score.band,
        ]


def test_it_shows_the_mean_of_every_cell(html: str, results: Results) -> None:
    page = Page(html)
    for goal in results.goals:
        row = page.row("Mean score", f"SDG {goal.goal} {goal.name}")
        for area, text in zip(results.framework.areas, row[1:11], strict=True):
            cell = results.cell(goal.goal, area.number)
            assert text == ("–not rated" if cell.n == 0 else shown(cell.score.mean, 2))
        assert row[11] == ("not rated" if goal.score.mean is None else shown(goal.score.mean, 2))
    totals = page.row("Mean score", "Key area score")
    assert totals[1:11] == [shown(a.score.mean, 2) for a in results.areas]
    assert totals[11] == shown(results.overall.mean, 2)


def test_it_gives_each_cell_percent_and_n_for_the_heatmap(html: str, results: Results) -> None:
    row = Page(html).row("Percent by goal and key area", "SDG 3 Good health and well-being")
    cell = results.cell(3, 1)
    assert row[1] == f"{pct(cell.score.percent, 0)} ({cell.n})"


def test_it_shows_the_full_respondent_profile_only_when_asked(results: Results) -> None:
    full = render("report", "html", ReportInput(results, anonymous_profile=False)).data.decode()
    page = Page(full)
    female = next(s for s in results.profile.gender if s.label == "Female")
    assert page.row("Gender", "Female") == ["Female", "1", pct(female.percent, 0)]
    assert page.row("Gender", "Not stated") == ["Not stated", "1", "33%"]
    assert page.row("Sector", "NGO") == ["NGO", "2", "67%"]
    assert "Ages 23–61, mean 41" in full
    assert "are merged into one" not in full


def test_it_merges_the_small_profile_groups_by_default(html: str) -> None:
    # 3 respondents, threshold 5: Female 1, Male 1, not stated 1 and NGO 2, Media 1 are
    # each merged whole; 3 ages are too few to print.
    page = Page(html)
    assert page.table("Gender").rows[1:] == [["Other (fewer than 5)", "3", "100%"]]
    assert page.table("Sector").rows[1:] == [["Other (fewer than 5)", "3", "100%"]]
    for word in ("Female", "Male", "Not stated", "Ages 23"):
        assert word not in html
    assert "Groups of fewer than 5 respondents are merged into one" in html


def test_it_states_the_method(html: str, results: Results) -> None:
    page = Page(html)
    bands = [r for t in page.tables for r in t.rows if r and r[0] == "Low progress"]
    assert bands == [["Low progress", "20% < p ≤ 40%"]]
    assert "mean × 20" in html
    assert "never 0" in html
    assert "The overall score is the mean of the goal scores." in html


def test_it_lists_key_findings_with_their_comments(html: str, results: Results) -> None:
    assert results.highest == (5,)
    assert results.lowest == (3,)
    findings = html.split('id="findings-h"', 1)[1].split('id="meetings-h"', 1)[0]
    highest, lowest = findings.split("Lowest scores (below 30%)")
    assert "Highest scores (above 40%)" in highest
    assert "SDG 5 Gender equality" in highest
    assert pct(results.goal(5).score.percent) in highest
    assert "Қала &lt;b&gt;құрылысы&lt;/b&gt; &amp; &#34;дәйексөз&#34;" in highest
    assert "SDG 3 Good health and well-being" in lowest
    assert "&lt;script&gt;" in lowest


def test_it_escapes_hostile_comments(html: str) -> None:
    assert "<script" not in html.lower()
    assert SCRIPT not in html
    assert KAZAKH not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert FORMULA not in html  # its quotes are escaped
    assert "=HYPERLINK(&#34;http://evil.example/steal&#34;,&#34;click me&#34;)" in html
    assert "evil.example" not in " ".join(v for _, _, v in Page(html).attributes)


def test_it_shows_the_synthetic_banner_only_for_synthetic_data(html: str, real_html: str) -> None:
    assert BANNER in html
    assert BANNER not in real_html


def test_it_loads_nothing_from_the_network(html: str) -> None:
    for tag, name, value in Page(html).attributes:
        if name in ("src", "href", "xlink:href", "srcset", "action", "poster", "data"):
            if tag == "a" and value in LICENCE_URLS.values():
                continue  # the licence's deed: a link a reader may follow, nothing is loaded
            assert value.startswith("#"), (tag, name, value)
    assert re.findall(r"url\(\s*['\"]?(?!#)", html) == []
    for forbidden in ("@import", "<link", "<img", "<iframe", "<object", "@font-face"):
        assert forbidden not in html


def test_it_marks_goals_nobody_rated_without_a_number(html: str) -> None:
    row = Page(html).row("Mean score", "SDG 16 Peace, justice and strong institutions")
    assert set(row[1:11]) == {"–not rated"}


def test_it_falls_back_to_english_for_a_language_without_catalogue(tmp_path: Path) -> None:
    out = tmp_path / "xx.html"
    out.write_bytes(render("report", "html", ReportInput(build_results(), language="xx")).data)
    text = out.read_text("utf-8")
    assert '<html lang="en">' in text
    assert "Country context" in text


@pytest.mark.parametrize("synthetic", [True, False], ids=["synthetic", "real"])
def test_it_renders_an_edition_nobody_answered(tmp_path: Path, synthetic: bool) -> None:
    fw = default_framework().with_goals((1,))
    empty = np.full((1, 1, 10), MISSING, np.int8)
    results = analyse(
        Answers.from_dense(fw, Respondents.build(["x"]), empty),
        Edition(synthetic=synthetic),
    )
    out = tmp_path / "empty.html"
    out.write_bytes(render("report", "html", ReportInput(results)).data)
    text = out.read_text("utf-8")
    assert "<svg" not in text
    assert "not rated" in text


def test_a_key_finding_card_shows_each_comment_once_and_counts_the_rest() -> None:
    from scorecard.report.story import CARD_COMMENTS, goal_card

    base = build_results()
    same = ["Clinics closed.", "clinics  CLOSED.", "No staff.", "Clinics closed."]
    others = [f"Point {i}" for i in range(CARD_COMMENTS)]
    comments = tuple(GoalComment(3, t) for t in [*same, *others])
    results = dataclasses.replace(base, comments=comments)
    card = goal_card(results, ReportInput(results), 3, lambda s: s)
    assert card["comments"] == ["Clinics closed.", "No staff.", *others[: CARD_COMMENTS - 2]]
    assert card["more_comments"] == len(comments) - CARD_COMMENTS
