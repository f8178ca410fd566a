"""The PDF report reads aloud: tagged PDF/UA-1 in each report language (issue 14, item 6).

The structure tree is read back with pikepdf, not from our own HTML, and an outside
PDF/UA-1 checker (outloud) runs on the file, so a tag WeasyPrint drops shows up here.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from scorecard.report import ReportInput, render
from scorecard.report.html import PRINTED_COMMENTS, report_document

LANGUAGES = ("en", "ru", "kk")


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def tagged(
    sample_input: ReportInput, language: str, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    inp = dataclasses.replace(sample_input, language=language)
    out = tmp_path_factory.mktemp(f"pdf-{language}") / "report.pdf"
    out.write_bytes(render("report", "pdf", inp).data)
    return out


def _elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element, depth first from the root."""
    stack = list(pdf.Root.StructTreeRoot.K)
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            continue  # marked-content ids and object references to annotations
        yield node
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
        elif kids is not None:
            stack.append(kids)


def test_it_is_marked_tagged_and_in_the_report_language(tagged: Path, language: str) -> None:
    with pikepdf.open(tagged) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked)
        assert pdf.Root.StructTreeRoot.K[0].S == "/Document"
        assert str(pdf.Root.Lang) == language
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)


def test_it_declares_pdf_ua_1_and_the_page_title(
    tagged: Path, sample_input: ReportInput, language: str
) -> None:
    page = report_document(dataclasses.replace(sample_input, language=language), for_print=True)
    (title,) = re.findall(r"<title>([^<]+)</title>", page.split("</head>")[0])
    with pikepdf.open(tagged) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == html.unescape(title)


def test_every_figure_has_the_chart_text_alternative(
    tagged: Path, sample_input: ReportInput, language: str
) -> None:
    """One /Figure per chart, its /Alt the text the chart's SVG carries for screen readers."""
    page = report_document(dataclasses.replace(sample_input, language=language), for_print=True)
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", page, re.S)
    spoken = {
        text
        for svg in svgs
        for text in re.findall(r'aria-label="([^"]*)"|<title>([^<]*)</title>', svg)[0]
        + tuple(re.findall(r"<title>([^<]*)</title>", svg))
        if text
    }
    with pikepdf.open(tagged) as pdf:
        figures = [e for e in _elements(pdf) if e.S == "/Figure"]
        alts = [str(f.get("/Alt", "")) for f in figures]
    assert len(figures) == len(svgs) >= 4
    assert all(alts), "a figure without alternative text"
    unescaped = {
        t.replace("&#39;", "'").replace("&amp;", "&").replace("&#34;", '"') for t in spoken
    }
    assert set(alts) <= unescaped


def test_figure_boxes_lie_on_their_page(tagged: Path) -> None:
    """WeasyPrint writes CSS pixels from the top; a reader needs points inside the page."""
    with pikepdf.open(tagged) as pdf:
        pages = {p.obj.objgen: p for p in pdf.pages}
        for figure in (e for e in _elements(pdf) if e.S == "/Figure"):
            x1, y1, x2, y2 = (float(v) for v in figure.A.BBox)
            width, height = (float(v) for v in pages[figure.Pg.objgen].MediaBox[2:])
            assert 0 <= x1 < x2 <= width
            assert 0 <= y1 < y2 <= height


def test_table_headers_are_th_with_a_scope(tagged: Path) -> None:
    with pikepdf.open(tagged) as pdf:
        elements = list(_elements(pdf))
        tables = [e for e in elements if e.S == "/Table"]
        headers = [e for e in elements if e.S == "/TH"]
        scopes = {str(h.A.Scope) for h in headers}
        heads = [e for e in elements if e.S == "/THead"]
    assert len(tables) >= 10
    assert len(heads) == len(tables)
    assert scopes == {"/Column", "/Row"}
    for head in heads:  # a table's head row holds header cells only
        for row in head.K:
            assert {str(cell.S) for cell in row.K} == {"/TH"}


def test_no_empty_span_is_left_in_the_tree(tagged: Path) -> None:
    """The colour swatches are decoration; they must not be announced as empty text."""
    with pikepdf.open(tagged) as pdf:
        empty = [
            e
            for e in _elements(pdf)
            if e.S == "/Span" and len(e.get("/K", pikepdf.Array())) == 0 and "/Alt" not in e
        ]
    assert empty == []


def test_links_are_printed_like_their_page(tagged: Path) -> None:
    with pikepdf.open(tagged) as pdf:
        links = [a for p in pdf.pages for a in p.get("/Annots", []) if a.Subtype == "/Link"]
    assert links, "the contents page links to each section"
    assert all(int(a.F) & 4 for a in links)


def test_an_outside_pdf_ua_checker_finds_no_error(tagged: Path) -> None:
    outloud = Path(sys.executable).with_name("outloud")
    done = subprocess.run(
        [str(outloud), "--json", "-", "--fail-on", "never", str(tagged)],
        capture_output=True,
        text=True,
        check=True,
    )
    (result,) = json.loads(done.stdout)["results"]
    errors = [
        f"{f['rule']} p.{f['page']}: {f['message']}"
        for f in result["findings"]
        if f["severity"] == "error"
    ]
    assert result["stats"]["tagged"] is True
    assert (result["counts"]["error"], errors) == (0, [])


def test_the_printed_annex_is_capped_per_goal_and_says_how_many_more(
    sample_input: ReportInput,
) -> None:
    """Paper ends; the page keeps every comment."""
    results = sample_input.results
    goal = max(results.framework.goals, key=lambda g: len(results.comments_on(g.number)))
    texts = list(results.comments_on(goal.number))
    # every comment different (the annex lists alike ones once, test_comment_annex.py)
    mine = [c for c in results.comments if c.goal == goal.number]
    many = dataclasses.replace(
        results,
        comments=tuple(c for c in results.comments if c.goal != goal.number)
        + tuple(dataclasses.replace(c, text=f"{c.text} (first {j})") for j, c in enumerate(mine))
        + tuple(
            dataclasses.replace(c, text=f"{c.text} (again {i}, {j})")
            for i in range(PRINTED_COMMENTS)
            for j, c in enumerate(mine)
        ),
    )
    total = len(texts) * (PRINTED_COMMENTS + 1)
    inp = dataclasses.replace(sample_input, results=many)
    printed = report_document(inp, for_print=True)
    screen = report_document(inp)
    annex = printed.split('id="comments"')[1]
    assert f"{total - PRINTED_COMMENTS} more comments on this goal are in the workbook." in annex
    assert screen.split('id="comments"')[1].count("(again ") == total - len(texts)
