"""Comparisons, the network synthesis, groups and disagreement in every output format.

The comparison of the synthetic Kazakhstan 2022 and 2023 editions appears in
HTML, PDF, PPTX, XLSX and JSON; each file is read back the way people open it
(tests/report/formats.py) and its figures checked against analysis.compare's,
rounded independently (tests/report/expect.py).
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from scorecard.analysis import Comparison, Results, analyse, compare, group_view, synthesise
from scorecard.cli import main
from scorecard.report import GroupsInput, NetworkInput, ReportInput, formats, render
from scorecard.report.comparison import CSV_HEADER
from scorecard.report.html import report_document
from scorecard.sample import sample_edition

from .expect import pct, shown
from .formats import pdf_text, read_csv, sheet_rows, slide_texts, slide_titles
from .page import Page

FORMATS = ("html", "pdf", "pptx", "xlsx", "json")
TITLE = "Kazakhstan 2022 to Kazakhstan 2023"


@pytest.fixture(scope="module")
def editions() -> tuple[Results, Results, Comparison]:
    a1, e1 = sample_edition("Kazakhstan", 2022)
    a2, e2 = sample_edition("Kazakhstan", 2023)
    r1, r2 = analyse(a1, e1), analyse(a2, e2)
    return r1, r2, compare(r1, r2, answers=[a1, a2])


@pytest.fixture(scope="module")
def written(
    editions: tuple[Results, Results, Comparison], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    _, current, comparison = editions
    folder = tmp_path_factory.mktemp("compare")
    inp = ReportInput(current, "en", comparison=comparison)
    out = {}
    for fmt in FORMATS:
        out[fmt] = folder / f"report.{fmt}"
        out[fmt].write_bytes(render("comparison", fmt, inp).data)
    out["csv"] = folder / "changes.csv"
    out["csv"].write_bytes(render("comparison", "csv", inp).data)
    return out


def signed(value: object) -> str:
    text = shown(value, 1)  # type: ignore[arg-type]
    return text if text.startswith("−") or text == "0.0" else "+" + text


def test_the_html_report_has_the_comparison(
    written: dict[str, Path], editions: tuple[Results, Results, Comparison]
) -> None:
    html = written["html"].read_text("utf-8")
    page = Page(html)
    assert (3, "Against earlier editions") in page.headings
    assert (4, TITLE) in page.headings
    pair = editions[2].pairs[0]
    table = page.table(f"Change by goal: {TITLE}")
    assert table.rows[0][:3] == ["Goal", "Kazakhstan 2022", "Kazakhstan 2023"]
    for row, change in zip(table.rows[1:], pair.goals, strict=True):
        assert row[1] == f"{pct(change.before.percent)} ({change.n_before})"
        assert row[2] == f"{pct(change.after.percent)} ({change.n_after})"
        assert row[3] == signed(change.points)
        assert change.ci95 is not None
        assert row[4] == f"[{signed_float(change.ci95[0])}, {signed_float(change.ci95[1])}]"
        assert row[5].startswith(change.verdict.value)
        if change.band_changed:
            assert f"{change.before.band} → {change.after.band}" in row[5]
    overall = page.row(f"Change overall and by pillar: {TITLE}", "Overall")
    assert overall[3] == signed(pair.overall.points)
    assert len(re.findall(r"<svg [^>]*>", html)) == 5  # the four charts and the editions'
    ids = Counter(value for _, name, value in page.attributes if name == "id")
    assert [i for i, count in ids.items() if count > 1] == []
    levels = [level for level, _ in page.headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def signed_float(value: float) -> str:
    from fractions import Fraction

    return signed(Fraction(value))


def test_the_pdf_has_the_comparison(
    written: dict[str, Path], editions: tuple[Results, Results, Comparison]
) -> None:
    inp = ReportInput(editions[1], "en", comparison=editions[2])
    text = pdf_text(written["pdf"], report_document(inp, for_print=True))
    assert "Against earlier editions" in text
    assert f"Change by goal: {TITLE}" in text
    assert signed(editions[2].pairs[0].overall.points) in text


def test_the_deck_has_comparison_slides(
    written: dict[str, Path], editions: tuple[Results, Results, Comparison]
) -> None:
    titles = slide_titles(written["pptx"])
    at = titles.index("Comparative data in percent: against earlier editions")
    assert titles[at + 1] == f"Change by goal: {TITLE}"
    assert titles[at - 1] == "Comparative data in percent: key areas and pillars"
    text = slide_texts(written["pptx"])[at + 1]
    pair = editions[2].pairs[0]
    for change in pair.goals:
        assert signed(change.points) in text
    assert "higher" in text


def test_the_workbook_has_a_comparison_sheet(
    written: dict[str, Path], editions: tuple[Results, Results, Comparison]
) -> None:
    wb = load_workbook(written["xlsx"])
    assert wb.sheetnames[-1] == "Comparison"
    rows = sheet_rows(written["xlsx"], "Comparison")
    pair = editions[2].pairs[0]
    expected = 1 + len(pair.pillars) + len(pair.goals) + len(pair.areas) + len(pair.cells)
    assert len(rows) == 1 + expected
    overall = rows[1]
    assert overall[:3] == ("Kazakhstan 2022", "Kazakhstan 2023", "Overall")
    assert overall[11] == pytest.approx(float(pair.overall.points or 0), rel=1e-15)
    assert pair.overall.ci95 is not None
    assert overall[12:14] == pytest.approx(pair.overall.ci95)
    assert overall[15] == pair.overall.verdict.value


def test_the_json_adds_the_comparison_and_keeps_every_results_key(
    written: dict[str, Path], editions: tuple[Results, Results, Comparison]
) -> None:
    data = json.loads(written["json"].read_text("utf-8"))
    _, current, comparison = editions
    assert set(data) == set(current.to_json()) | {"comparison"}
    assert data["comparison"] == json.loads(json.dumps(comparison.to_json()))
    assert data["comparison"]["variance"] == "respondents"


def test_the_changes_csv_is_open_data(
    written: dict[str, Path], editions: tuple[Results, Results, Comparison]
) -> None:
    rows = read_csv(written["csv"])
    assert list(rows[0]) == CSV_HEADER
    pair = editions[2].pairs[0]
    goal = next(r for r in rows if r["figure"] == "goal" and r["goal"] == "3")
    change = pair.goals[2]
    assert float(goal["points"]) == float(change.points or 0)
    assert goal["verdict"] == change.verdict.value


def test_a_report_without_earlier_editions_is_unchanged(
    editions: tuple[Results, Results, Comparison], tmp_path: Path
) -> None:
    plain = ReportInput(editions[1])
    html = report_document(plain)
    assert "Against earlier editions" not in html
    (tmp_path / "r.json").write_bytes(render("report", "json", plain).data)
    assert "comparison" not in json.loads((tmp_path / "r.json").read_text("utf-8"))
    (tmp_path / "r.xlsx").write_bytes(render("report", "xlsx", plain).data)
    assert "Comparison" not in load_workbook(tmp_path / "r.xlsx").sheetnames


def test_a_change_on_one_respondents_cells_says_so_in_every_format(tmp_path: Path) -> None:
    """Goal 4 rated by one respondent in each edition: the pillars and the overall score
    rest on their answers, and each format says which figures do and why."""
    from tests.analysis.test_compare_single_answers import blank_all_but_one

    (a1, e1), (a2, e2) = sample_edition("Kazakhstan", 2022), sample_edition("Kazakhstan", 2023)
    a1, a2 = blank_all_but_one(a1, 4, 0), blank_all_but_one(a2, 4, 1)
    r1, r2 = analyse(a1, e1), analyse(a2, e2)
    comparison = compare(r1, r2, answers=[a1, a2])
    pair = comparison.pairs[0]
    inp = ReportInput(r2, "en", comparison=comparison)
    note = (
        "Rests on cells only one respondent answered (SDG 4); the interval gives them the "
        "widest spread the scale allows."
    )
    page = Page(report_document(inp))
    caption = f"Change overall and by pillar: {TITLE}"
    for label, change in [("Overall", pair.overall), *((p.name, p) for p in pair.pillars)]:
        assert change.rests_on_single_answers
        cell = page.row(caption, label)[5]
        assert cell.startswith(change.verdict.value)
        assert cell.endswith(note)
    goals = page.table(f"Change by goal: {TITLE}")
    unflagged = [r for r, c in zip(goals.rows[1:], pair.goals, strict=True) if c.key != 4]
    assert unflagged
    assert not any(note in r[5] for r in unflagged)  # no other goal has a lone answer
    four = page.row(f"Change by goal: {TITLE}", next(r[0] for r in goals.rows if "SDG 4 " in r[0]))
    assert four[5] == "too few answers to tell"  # one respondent: no note needed
    (tmp_path / "c.csv").write_bytes(render("comparison", "csv", inp).data)
    rows = read_csv(tmp_path / "c.csv")
    policy = next(r for r in rows if r["figure"] == "pillar" and r["pillar"] == "policy")
    assert policy["single_cells_before"] == "4.1 4.2"
    assert policy["single_cells_after"].split() == [
        f"{g}.{a}" for g, a in pair.pillars[0].single_after
    ]
    assert (
        next(r for r in rows if r["figure"] == "goal" and r["goal"] == "1")["single_cells_before"]
        == ""
    )
    (tmp_path / "c.xlsx").write_bytes(render("comparison", "xlsx", inp).data)
    sheet = sheet_rows(tmp_path / "c.xlsx", "Comparison")
    assert sheet[0][-2:] == (
        "Earlier cells one respondent answered",
        "Current cells one respondent answered",
    )
    assert sheet[1][2] == "Overall"
    assert sheet[1][-2] == " ".join(f"{g}.{a}" for g, a in pair.overall.single_before)
    (tmp_path / "c.pptx").write_bytes(render("comparison", "pptx", inp).data)
    texts = slide_texts(tmp_path / "c.pptx")
    at = slide_titles(tmp_path / "c.pptx").index(f"Change by goal: {TITLE}")
    assert f"{pair.overall.verdict.value} †" in texts[at]
    assert "† A change that rests on cells only one respondent answered" in texts[at - 1]


def test_the_comparison_speaks_russian(editions: tuple[Results, Results, Comparison]) -> None:
    html = report_document(ReportInput(editions[1], "ru", comparison=editions[2]))
    assert "В сравнении с прошлыми выпусками" in html
    assert "Изменение по целям: Kazakhstan 2022 → Kazakhstan 2023" in html


def test_contested_cells_are_in_the_report_and_the_agenda(
    editions: tuple[Results, Results, Comparison],
) -> None:
    current = editions[1]
    page = Page(report_document(ReportInput(current)))
    assert (3, "Where experts disagree") in page.headings
    table = page.table("Contested cells, least agreement first")
    worst = min((c for c in current.cells if c.contested), key=lambda c: c.agreement or 0)
    first = table.rows[1]
    assert first[0].startswith(f"SDG {worst.goal} ")
    assert first[2] == str(worst.n)
    assert first[-1] == shown(worst.agreement, 2)
    agenda = page.table("Contested cells: experts split into camps")
    assert len(agenda.rows) == 1 + min(5, sum(c.contested for c in current.cells))


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> tuple[NetworkInput, dict[str, Path]]:
    named = []
    for country, year in (("Kazakhstan", 2023), ("Kyrgyzstan", 2022), ("Uzbekistan", 2022)):
        answers, edition = sample_edition(country, year)
        named.append((country, analyse(answers, edition)))
    inp = NetworkInput(synthesise(named))
    folder = tmp_path_factory.mktemp("network")
    out = {fmt: folder / f"network.{fmt}" for fmt in formats("network")}
    for fmt, path in out.items():
        path.write_bytes(render("network", fmt, inp).data)
    return inp, out


def test_the_network_synthesis_in_every_format(
    network: tuple[NetworkInput, dict[str, Path]],
) -> None:
    inp, out = network
    s = inp.synthesis
    page = Page(out["html"].read_text("utf-8"))
    table = page.table("Percent by goal and country")
    assert table.rows[0] == ["Goal", "Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Median"]
    for row, goal in zip(table.rows[1:], s.goals, strict=True):
        assert row[1:4] == [pct(p, 0) if p is not None else "not rated" for p in goal.percents]
        assert row[4] == pct(goal.median, 0)
    lowest = page.table("Goals ranked by median")
    first = s.lowest_everywhere()[0]
    assert lowest.rows[1][0].startswith(f"SDG {first.key} ")
    assert lowest.rows[1][3] == f"{first.below} of {first.rated}"
    assert json.loads(out["json"].read_text("utf-8")) == json.loads(json.dumps(s.to_json()))
    wb = load_workbook(out["xlsx"])
    assert wb.sheetnames == ["Countries", "Goals", "Areas", "Countries per band"]
    assert out["pdf"].read_bytes().startswith(b"%PDF-")
    text = pdf_text(out["pdf"], "")
    assert "Lowest everywhere" in text or not text


@pytest.fixture(scope="module")
def groups(tmp_path_factory: pytest.TempPathFactory) -> tuple[GroupsInput, dict[str, Path]]:
    answers, edition = sample_edition("Kazakhstan", 2023)
    inp = GroupsInput(group_view(answers, "sector", None, edition))
    folder = tmp_path_factory.mktemp("groups")
    out = {fmt: folder / f"groups.{fmt}" for fmt in formats("groups")}
    for fmt, path in out.items():
        path.write_bytes(render("groups", fmt, inp).data)
    return inp, out


def test_groups_show_no_suppressed_figure_in_any_format(
    groups: tuple[GroupsInput, dict[str, Path]],
) -> None:
    inp, out = groups
    view = inp.view
    hidden = [g for g in view.groups if g.n is None]
    assert hidden  # the sample has small sectors
    note = "suppressed: fewer than 5 respondents"
    html = out["html"].read_text("utf-8")
    assert note in html
    page = Page(html)
    sizes = page.table("Overall and pillar scores by group").rows[0]
    for g in view.groups:
        head = next(h for h in sizes if h.startswith(g.label))
        assert head.endswith("suppressed" if g.n is None else f"n = {g.n}")
    data = json.loads(out["json"].read_text("utf-8"))
    assert data["suppression"]["note"] == note
    for g, shown_group in zip(view.groups, data["groups"], strict=True):
        for key in view.figure_keys():
            name = ":".join(str(k) for k in key)
            if not g.shows(key):
                assert shown_group["figures"][name] == {"suppressed": True}
    with out["csv"].open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["suppressed"] == "true":
            assert row["n"] == row["mean"] == row["percent"] == row["band"] == ""
    read_me = sheet_rows(out["xlsx"], "Read me")
    assert any(note in str(value) for row in read_me for value in row)
    assert out["pdf"].read_bytes().startswith(b"%PDF-")


def test_the_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    files = []
    for country, year in (("Kazakhstan", 2022), ("Kazakhstan", 2023), ("Kyrgyzstan", 2022)):
        path = tmp_path / f"{country}-{year}" / "answers.csv"
        args = ["sample", "--country", country, "--year", str(year), "--out", str(path)]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        files.append(str(path))
    out = tmp_path / "compare.json"
    result = runner.invoke(main, ["compare", *files[:2], "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert data["comparison"]["current"] == "Kazakhstan 2023"
    assert data["edition"]["year"] == 2023
    result = runner.invoke(main, ["compare", *files[:2]])
    assert "Kazakhstan 2022 -> Kazakhstan 2023" in result.output
    result = runner.invoke(main, ["compare", files[0]])
    assert result.exit_code == 2
    result = runner.invoke(main, ["compare", *files[:2], "--area-map", "99:1"])
    assert result.exit_code == 2
    assert "cannot be compared" in result.output
    net = tmp_path / "network.json"
    result = runner.invoke(
        main, ["network", files[1], files[2], "--format", "json", "--out", str(net)]
    )
    assert result.exit_code == 0, result.output
    assert [c["label"] for c in json.loads(net.read_text("utf-8"))["countries"]] == [
        "Kazakhstan 2023",
        "Kyrgyzstan 2022",
    ]
    result = runner.invoke(main, ["network", files[0], files[1], "--label", "A", "--label", "A"])
    assert result.exit_code == 2
    grp = tmp_path / "groups.csv"
    args = ["groups", files[1], "--by", "gender", "--by2", "age", "--format", "csv"]
    result = runner.invoke(main, [*args, "--out", str(grp)])
    assert result.exit_code == 0, result.output
    assert read_csv(grp)[0]["group"] == "all"
    result = runner.invoke(main, ["groups", files[1], "--by", "sector"])
    assert "suppressed: fewer than 5 respondents" in result.output
