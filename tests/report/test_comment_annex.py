"""The comments annex lists a sentence many respondents wrote once, with their number."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from scorecard.report import ReportInput
from scorecard.report.context import said_alike
from scorecard.report.html import PRINTED_COMMENTS, report_document


def _annex(document: str) -> str:
    return document.split('id="comments"')[1].split("</section>")[0]


def test_alike_comments_are_counted_once_ignoring_case_and_spacing() -> None:
    said = said_alike(("Budgets are opaque.", "B", "budgets  are OPAQUE.", "Budgets are opaque."))
    assert said == [{"text": "Budgets are opaque.", "n": 3}, {"text": "B", "n": 1}]


@given(st.lists(st.sampled_from(["a", "A", " a", "b", "c c", "c  c", "d"]), max_size=30))
def test_counts_add_up_to_every_comment(texts: list[str]) -> None:
    said = said_alike(tuple(texts))
    assert sum(s["n"] for s in said) == len(texts)
    keys = Counter(" ".join(t.split()).casefold() for t in texts)
    assert sorted(s["n"] for s in said) == sorted(keys.values())
    assert [s["n"] for s in said] == sorted((s["n"] for s in said), reverse=True)


def test_the_annex_shows_a_repeated_comment_once_with_its_count(
    sample_input: ReportInput,
) -> None:
    results = sample_input.results
    goal = results.framework.goals[0].number
    copied = "We were sent this sentence to paste."
    template = next(c for c in results.comments if c.goal == goal)
    extra = tuple(dataclasses.replace(template, text=copied) for _ in range(7))
    inp = dataclasses.replace(
        sample_input, results=dataclasses.replace(results, comments=results.comments + extra)
    )
    annex = _annex(report_document(inp))
    assert annex.count(copied) == 1
    after = annex.split(copied, 1)[1]
    assert re.match(r'</blockquote> <span class="times">7 respondents</span>', after)


def test_the_printed_cap_counts_respondents_not_sentences(sample_input: ReportInput) -> None:
    """Ten sentences printed, each by two respondents: the note counts the other people."""
    results = sample_input.results
    goal = results.framework.goals[0].number
    template = next(c for c in results.comments if c.goal == goal)
    distinct = PRINTED_COMMENTS + 4
    extra = tuple(
        dataclasses.replace(template, text=f"Sentence number {i}.")
        for i in range(distinct)
        for _twice in range(2)
    )
    others = tuple(c for c in results.comments if c.goal != goal)
    inp = dataclasses.replace(
        sample_input, results=dataclasses.replace(results, comments=others + extra)
    )
    annex = _annex(report_document(inp, for_print=True))
    assert annex.count("Sentence number") == PRINTED_COMMENTS
    rest = 2 * distinct - 2 * PRINTED_COMMENTS
    assert f"{rest} more comments on this goal are in the workbook." in annex
