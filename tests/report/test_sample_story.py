"""The sample speaks (issue 14): its synthetic narrative and meetings make a finished report,
and the methodology reads as a paragraph with the formulas in an annex."""

from __future__ import annotations

import dataclasses
import html as htmllib
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorecard.analysis import Results
from scorecard.cli import main
from scorecard.method import default_framework
from scorecard.report import ReportInput, load_meetings, load_narrative, render
from scorecard.report.i18n import translations
from scorecard.sample import (
    STORY,
    STORY_LANGUAGES,
    sample_edition,
    sample_story,
    story_files,
    story_names,
)

from .expect import pct
from .formats import slide_texts
from .page import Page

SYNTHETIC_MEETING = {
    "en": "Synthetic meeting (sample data)",
    "ru": "Синтетическая встреча",
    "kk": "Синтетикалық кездесу",
}
# A sentence of each language's context.md, to show the report took the right language.
CONTEXT = {
    "en": "interministerial council on the SDGs",
    "ru": "межведомственный совет по ЦУР",
    "kk": "ТДМ жөніндегі ведомствоаралық кеңес",
}
# The same finding on goal 3 in each language: a goal's text, not only the context, is the
# report language's.
GOAL_3 = {
    "en": "Rural clinics still lack doctors",
    "ru": "многие лекарства пациенты оплачивают сами",
    "kk": "Ауылдық емханаларда әлі де дәрігерлер жетіспейді",
}


def placeholder(language: str) -> str:
    return translations(language).gettext("Section not written yet.")


def visible(page: str) -> str:
    """The text a reader sees: tags dropped, entities decoded, spaces squashed."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def section(page: str, ident: str) -> str:
    """The visible text of one ``<section id=...>`` of the report."""
    start = page.index(f'<section id="{ident}"')
    return visible(page[start : page.index("</section>", start)])


@pytest.mark.parametrize("language", STORY_LANGUAGES)
def test_the_story_covers_every_section_and_goal(language: str) -> None:
    fw = default_framework()
    narrative, meetings = sample_story(language, fw)
    assert narrative.unwritten(fw, fw.goal_numbers) == []
    assert [g.goal for g in narrative.goals] == list(fw.goal_numbers)
    assert [g.goal for g in narrative.goals if not (g.findings and g.recommendations)] == []
    assert CONTEXT[language] in " ".join(narrative.context.split())
    goal_3 = narrative.goal(3)
    assert goal_3 is not None
    assert GOAL_3[language] in " ".join(goal_3.findings.split())
    assert len(meetings) == 2
    assert all(m.title.startswith(SYNTHETIC_MEETING[language]) for m in meetings)
    assert all(m.suggestions for m in meetings)
    # Chosen quotes are comments respondents gave on that goal, never invented ones.
    answers, _ = sample_edition()
    for g in narrative.goals:
        given = {c.text for c in answers.comments if c.goal == g.goal}
        assert set(g.quotes) <= given, g.goal


def test_the_story_files_are_the_package_files_with_meetings_moved_to_the_year() -> None:
    files = story_files(2024)
    for language in STORY_LANGUAGES:
        folder, meetings = story_names(language)
        shipped = sorted((STORY / language / "narrative").rglob("*.md"))
        assert (
            len(shipped) == 1 + 3 + 17 + 2
        )  # context, pillars, goals, recommendations, full report
        for path in shipped:
            name = path.relative_to(STORY / language / "narrative").as_posix()
            assert files[f"{folder}/{name}"] == path.read_text("utf-8")
        dates = [m["date"] for m in tomllib.loads(files[meetings])["meeting"]]
        assert [d.isoformat() for d in dates] == ["2024-05-12", "2024-05-19"]
    _, later = sample_story("ru", default_framework(), 2024)
    assert [m.date.year for m in later] == [2024, 2024]


@pytest.mark.parametrize("language", STORY_LANGUAGES)
def test_the_sample_report_is_finished_in_html_and_slides(
    sample_results: Results, language: str
) -> None:
    narrative, meetings = sample_story(language, sample_results.framework)
    inp = ReportInput(sample_results, language, narrative, meetings)
    page = render("report", "html", inp).data.decode("utf-8")
    assert placeholder(language) not in visible(page)
    assert CONTEXT[language] in section(page, "context")
    labelled = [
        row for t in Page(page).tables for row in t.rows if SYNTHETIC_MEETING[language] in row[1]
    ]
    assert len(labelled) == 2, "the two meetings, each labelled synthetic"
    assert all("2022" in row[0] and "12" in labelled[0][0] for row in labelled)
    meetings_text = section(page, "meetings")
    assert meetings_text.count(SYNTHETIC_MEETING[language]) == 2
    assert translations(language).gettext("No validation meetings are recorded yet.") not in page


def test_the_sample_deck_is_finished(sample_results: Results, tmp_path: Path) -> None:
    narrative, meetings = sample_story("ru", sample_results.framework)
    inp = ReportInput(sample_results, "ru", narrative, meetings)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(render("report", "pptx", inp).data)
    texts = "\n".join(slide_texts(deck))
    assert placeholder("ru") not in texts
    assert CONTEXT["ru"] in " ".join(texts.split())
    assert SYNTHETIC_MEETING["ru"] in texts


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def sample_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    code, stdout, stderr = run("sample", "--out", str(folder / "answers.csv"))
    assert code == 0, stderr
    assert "synthetic narrative" in stdout
    return folder


def test_scorecard_sample_writes_the_story_in_every_language(
    sample_folder: Path, tmp_path: Path
) -> None:
    written = {
        p.relative_to(sample_folder).as_posix(): p.read_text("utf-8")
        for p in sample_folder.rglob("*")
        if p.is_file() and p.name not in ("answers.csv", "edition.toml")
    }
    assert written == story_files()
    for language in ("en", "ru", "kk"):
        narrative, meetings = story_names(language)
        for name in ("context.md", "pillars/policy.md", "goals/01.md", "goals/17.md"):
            shipped = (STORY / language / "narrative" / name).read_text("utf-8")
            assert written[f"{narrative}/{name}"] == shipped, (language, name)
        assert tomllib.loads(written[meetings])["meeting"][0]["title"].startswith(
            SYNTHETIC_MEETING[language]
        )
    code, stdout, _ = run("sample", "--out", str(tmp_path / "answers.csv"))
    assert code == 0
    assert "narrative-kk/, meetings-kk.toml" in stdout


@pytest.mark.parametrize("language", STORY_LANGUAGES)
def test_the_first_report_from_scorecard_sample_is_finished(
    sample_folder: Path, tmp_path: Path, language: str
) -> None:
    out = tmp_path / f"report-{language}.html"
    args = ("report", str(sample_folder / "answers.csv"), "--out", str(out))
    code, _, stderr = run(*args, "--language", language)
    assert code == 0, stderr
    narrative, meetings = story_names(language)
    assert str(sample_folder / narrative) in stderr
    assert str(sample_folder / meetings) in stderr
    assert "Not written yet" not in stderr
    page = out.read_text("utf-8")
    assert placeholder(language) not in visible(page)
    assert CONTEXT[language] in section(page, "context")
    assert section(page, "meetings").count(SYNTHETIC_MEETING[language]) == 2


def test_the_kazakh_report_reads_the_kazakh_story_not_the_english_one(
    sample_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report-kk.html"
    code, _, stderr = run(
        "report", str(sample_folder / "answers.csv"), "--out", str(out), "--language", "kk"
    )
    assert code == 0, stderr
    assert str(sample_folder / "narrative-kk") in stderr
    page = visible(out.read_text("utf-8"))
    assert CONTEXT["kk"] in page
    assert GOAL_3["kk"] in page
    assert "Синтетикалық кездесу (мысалға арналған деректер): 1–9-мақсаттар" in page
    for english in (CONTEXT["en"], GOAL_3["en"], SYNTHETIC_MEETING["en"]):
        assert english not in page, english


def test_a_language_without_its_story_falls_back_to_the_english_one(
    sample_folder: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "sample"
    shutil.copytree(sample_folder, copy)
    shutil.rmtree(copy / "narrative-kk")
    (copy / "meetings-kk.toml").unlink()
    out = tmp_path / "report-kk.html"
    code, _, stderr = run(
        "report", str(copy / "answers.csv"), "--out", str(out), "--language", "kk"
    )
    assert code == 0, stderr
    assert str(copy / "narrative") in stderr
    assert "narrative-kk" not in stderr
    page = out.read_text("utf-8")
    assert placeholder("kk") not in visible(page)
    assert CONTEXT["en"] in section(page, "context")


def test_an_explicit_narrative_wins_over_the_one_beside(
    sample_folder: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty-narrative"
    empty.mkdir()
    out = tmp_path / "report.html"
    code, _, stderr = run(
        "report", str(sample_folder / "answers.csv"), "--out", str(out),
        "--narrative", str(empty),
    )  # fmt: skip
    assert code == 0, stderr
    assert "Not written yet (shown as such): context.md" in stderr
    assert placeholder("en") in visible(out.read_text("utf-8"))


def test_other_countries_get_no_kazakh_story(tmp_path: Path) -> None:
    code, _, stderr = run("sample", "--out", str(tmp_path / "a.csv"), "--country", "Uzbekistan")
    assert code == 0, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "edition.toml"]


# --- Plain language first -----------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_page(sample_results: Results) -> str:
    narrative, meetings = sample_story("en", sample_results.framework)
    inp = ReportInput(sample_results, "en", narrative, meetings)
    return render("report", "html", inp).data.decode("utf-8")


def test_the_methodology_is_a_paragraph_without_formulas(
    sample_page: str, sample_results: Results
) -> None:
    method = section(sample_page, "methodology")
    plain = Page(sample_page)
    assert "Each respondent graded how well the government delivers the goals they know" in method
    assert "from −5 to +5, where 0 means no progress" in method
    assert "0% means no progress and 100% the best grade" in method
    expected = pct(sample_results.overall.percent)
    assert f"the overall score, {expected}, is in the band “Low progress”" in method
    for jargon in ("Percent =", "÷", "van der Eijk", "Framework:", "mean of its key-area means"):
        assert jargon not in method, jargon
    assert ("h2", "id", "method-annex-h") in plain.attributes
    assert 'href="#method-annex"' in sample_page


def test_the_annex_holds_the_formula_the_rules_and_the_source(sample_page: str) -> None:
    annex = section(sample_page, "method-annex")
    assert annex.startswith("Annex: how the figures are computed")
    assert "Percent = (mean − 0) ÷ (5 − 0) × 100. That is, percent = mean × 20." in annex
    assert "A goal's score is the mean of its key-area means" in annex
    assert "Framework: A4SD People's Scorecard 2022." in annex
    assert "van der Eijk, C. (2001). Measuring agreement in ordered rating scales." in annex
    assert "A cell is contested when A is below 0.2 with at least 5 answers." in annex
    headings = [text for level, text in Page(sample_page).headings if level == 2]
    assert headings.index("Annex: how the figures are computed") == (
        headings.index("Annex: comments by goal") - 1
    )


def test_agreement_is_explained_in_a_sentence(sample_page: str) -> None:
    start = sample_page.index('id="disagreement"')
    body = visible(sample_page[start : sample_page.index("</section>", start)])
    assert (
        "Agreement says how far experts gave the same score: 1 when they all did, 0 when their "
        "scores are spread evenly, below 0 when they split into opposing camps."
    ) in body
    assert "van der Eijk" not in body


def test_a_scale_without_negatives_says_nothing_about_getting_worse(
    sample_results: Results,
) -> None:
    from scorecard.report.methodology import plain_text

    fw = sample_results.framework
    one_to_five = dataclasses.replace(
        fw, scale=dataclasses.replace(fw.scale, minimum=1, maximum=5, no_progress=1)
    )
    text = plain_text(dataclasses.replace(sample_results, framework=one_to_five), str)
    assert "from 1 to 5, where 1 means no progress" in text
    assert "not counted as 1" in text
    assert "negative" not in text
    assert "negative" in plain_text(sample_results, str)


def test_the_russian_annex_holds_the_translated_formula(sample_results: Results) -> None:
    narrative, meetings = sample_story("ru", sample_results.framework)
    page = render(
        "report", "html", ReportInput(sample_results, "ru", narrative, meetings)
    ).data.decode("utf-8")
    rule = translations("ru").gettext("Percent = (mean − %(zero)s) ÷ (%(top)s − %(zero)s) × 100.")
    assert rule != "Percent = (mean − %(zero)s) ÷ (%(top)s − %(zero)s) × 100."
    formula = rule % {"zero": "0", "top": 5}
    assert formula in section(page, "method-annex")
    assert formula not in section(page, "methodology")


def test_the_loaders_read_the_shipped_files_directly() -> None:
    fw = default_framework()
    for language in STORY_LANGUAGES:
        narrative = load_narrative(STORY / language / "narrative", fw)
        meetings = load_meetings(STORY / language / "meetings.toml", fw)
        assert (narrative, meetings) == sample_story(language, fw)
