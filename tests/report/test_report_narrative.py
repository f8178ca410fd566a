"""The narrative folder: layout, goal sections and quotes, safe Markdown, clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scorecard.method import default_framework
from scorecard.report import Narrative, NarrativeError, ReportInput, load_narrative
from scorecard.report.html import report_document
from scorecard.report.markdown import to_blocks, to_html

from .conftest import SAMPLE, build_results

FW = default_framework()
PLACEHOLDER = "Section not written yet."


def copy_sample(tmp_path: Path) -> Path:
    folder = tmp_path / "narrative"
    shutil.copytree(SAMPLE / "narrative", folder)
    return folder


def test_it_loads_every_section_of_the_sample_folder() -> None:
    n = load_narrative(SAMPLE / "narrative", FW)
    assert n.context.startswith("The institutional architecture")
    assert "poorly" in n.pillar("policy")
    assert n.pillar("inclusiveness") == ""
    assert [g.goal for g in n.goals] == [3, 16]
    sdg3 = n.goal(3)
    assert sdg3 is not None
    assert sdg3.findings.startswith("Wide coverage")
    assert sdg3.recommendations == "Keep improving access to care in rural areas."
    assert sdg3.quotes == (
        "Health services reach more people than before, but rural clinics lack staff.",
        "Денсаулық сақтау қызметтері ауылда әлі де қолжетімсіз.",
    )
    assert n.full_report.startswith("The full PSC report")


def test_it_lists_the_sections_still_to_write() -> None:
    n = load_narrative(SAMPLE / "narrative", FW)
    assert n.unwritten(FW, (2, 3, 10)) == ["pillars/inclusiveness.md", "goals/02.md", "goals/10.md"]
    assert "context.md" in Narrative().unwritten(FW, ())


def test_it_names_the_file_of_an_unknown_goal(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    (folder / "goals" / "18.md").write_text("## Findings\n\nx\n", "utf-8")
    with pytest.raises(NarrativeError, match=r"goals/18\.md: goal 18 is not in this edition"):
        load_narrative(folder, FW)


def test_it_refuses_a_goal_outside_the_edition(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    with pytest.raises(NarrativeError, match=r"03\.md: goal 3 .* its goals are 5, 16"):
        load_narrative(folder, FW.with_goals((5, 16)))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pillars/policies.md", b"x", r"pillars/policies\.md: no pillar 'policies'"),
        ("contxt.md", b"x", r"contxt\.md: not a narrative file; expected one of context\.md"),
        ("goals/three.md", b"x", r"goals/three\.md: goal files are named by number"),
        ("context.md", b"caf\xe9", r"context\.md: not UTF-8 text \(byte 0xe9 at offset 3\)"),
        ("goals/05.md", b"## Findngs\n\nx", r"05\.md, line 1: unknown section 'Findngs'"),
        ("goals/05.md", b"ok\n\n```\ncode\n", r"05\.md, line 3: a code block .* never closed"),
    ],
    ids=["unknown-pillar", "unknown-file", "goal-name", "not-utf8", "typo-heading", "fence"],
)
def test_it_names_the_file_that_cannot_be_used(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    folder = copy_sample(tmp_path)
    (folder / name).write_bytes(content)
    with pytest.raises(NarrativeError, match=message):
        load_narrative(folder, FW)


def test_it_names_an_unreadable_file(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    (folder / "recommendations.md").unlink()
    (folder / "recommendations.md").mkdir()  # a folder where a file should be: read fails
    with pytest.raises(NarrativeError, match=r"recommendations\.md: cannot be read"):
        load_narrative(folder, FW)


def test_it_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(NarrativeError, match="not a folder"):
        load_narrative(tmp_path / "nowhere", FW)


def test_it_treats_an_empty_file_as_not_written(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path)
    (folder / "context.md").write_text("  \n", "utf-8")
    assert load_narrative(folder, FW).context == ""


def test_it_shows_a_placeholder_for_every_section_not_written() -> None:
    results = build_results()
    html = report_document(ReportInput(results, narrative=Narrative()))
    context = html.split('id="context-h"', 1)[1].split("</section>", 1)[0]
    assert PLACEHOLDER in context
    more = html.split('id="more-h"', 1)[1].split("</section>", 1)[0]
    assert PLACEHOLDER in more
    pillars = html.split('id="pillars-h"', 1)[1].split("</section>", 1)[0]
    assert pillars.count(PLACEHOLDER) == 3


def test_it_reads_goal_sections_in_any_order_and_tolerates_broken_emphasis() -> None:
    from scorecard.report.narrative import parse_goal

    text = "intro **unclosed\n\n## Quotes\n\n- one\n- two\n\n## Recommendations\n\nDo *this*"
    goal = parse_goal(5, text, "goals/05.md")
    assert goal.findings == "intro **unclosed"
    assert goal.quotes == ("one two",)
    assert goal.recommendations == "Do *this*"
    assert "**unclosed" in to_html(goal.findings)  # shown as typed, nothing lost


@pytest.mark.parametrize(
    ("findings", "recommendations", "quotes"),
    [
        ("Выводы", "Рекомендации", "Цитаты"),
        ("Қорытындылар", "ҰСЫНЫМДАР", "дәйексөздер"),
        ("Findings", "Рекомендации", "Quotes"),
    ],
    ids=["russian", "kazakh-any-case", "mixed"],
)
def test_it_reads_goal_headings_in_the_narratives_own_language(
    findings: str, recommendations: str, quotes: str
) -> None:
    from scorecard.report.narrative import parse_goal

    text = (
        f"## {findings}\n\nШколы закрыты.\n\n## {recommendations}\n\nОткрыть школы."
        f"\n\n## {quotes}\n\n> «Нет учителей»\n\n> Нет автобуса"
    )
    goal = parse_goal(4, text, "goals/04.md")
    assert goal.findings == "Школы закрыты."
    assert goal.recommendations == "Открыть школы."
    assert goal.quotes == ("Нет учителей", "Нет автобуса")


def test_an_unknown_heading_names_the_headings_of_every_language() -> None:
    from scorecard.report.narrative import parse_goal

    with pytest.raises(NarrativeError) as caught:
        parse_goal(4, "## Выводы\n\nx\n\n## Выводи\n\ny", "goals/04.md")
    message = str(caught.value)
    assert "goals/04.md, line 5: unknown section 'Выводи'" in message
    for heading in ("## Findings", "## Выводы", "## Цитаты", "## Қорытындылар"):
        assert heading in message
    with pytest.raises(NarrativeError, match=r"goals/04\.md: section ## Цитаты appears twice"):
        parse_goal(4, "## Цитаты\n\n> a\n\n## Цитаты\n\n> b", "goals/04.md")


def test_it_renders_markdown_without_running_any_of_it() -> None:
    hostile = (
        "<script>alert(1)</script>\n\n[click](javascript:alert(1)) ![x](http://evil.example/x.png)"
        "\n\n# Title\x07\n"
    )
    html = to_html(hostile)
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "<img" not in html
    assert "<h3>Title</h3>" in html  # nested under the section's h2; BEL stripped
    blocks = to_blocks("- **bold** and [site](https://example.org)\n")
    assert blocks[0].bullet
    assert blocks[0].text == "bold and site (https://example.org)"
    assert blocks[0].runs[0].bold
