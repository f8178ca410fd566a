"""The edition in its own languages: no English in a Russian or Kazakh output, figures
written the way the language writes them, one word per term (docs/glossary.md).

The English to look for is derived from the catalogues, not from a hand list: every
msgid whose translation differs from it, cut at its placeholders, is a phrase that
must not reach a Russian or Kazakh reader. Respondents' comments are data and may be
in any language, so the rendered edition keeps only its Russian and Kazakh comments.
"""

from __future__ import annotations

import dataclasses
import datetime
import html as html_lib
import re
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from scorecard.analysis import Results, analyse
from scorecard.interop.frameworks import load_edition
from scorecard.method import Edition, FrameworkError
from scorecard.report import ReportInput, display, render
from scorecard.report.i18n import DOMAIN, LOCALE_DIR, translations
from scorecard.sample import SAMPLE_EDITION, edition_toml, sample_answers, sample_story

from .formats import slide_texts

LANGUAGES = ("ru", "kk")
NBSP = "\u00a0"
GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|%d")
SHORTEST = 8
"""Pieces shorter than this ("Goal", "n") are too likely to be a name or a unit."""


def catalogue(language: str) -> list[tuple[tuple[str, ...], tuple[str, ...], str | None]]:
    """(msgids, msgstrs, context) of every entry of the report catalogue."""
    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as f:
        entries = read_po(f)
    found = []
    for m in entries:
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else tuple(m.id)
        strings = (m.string,) if isinstance(m.string, str) else tuple(m.string or ())
        found.append((ids, strings, m.context))
    return found


def english_phrases(language: str) -> set[str]:
    """Every stretch of English between placeholders that the translation replaces."""
    phrases: set[str] = set()
    for ids, strings, _context in catalogue(language):
        for msgid in ids:
            for piece in PLACEHOLDER.split(msgid):
                piece = piece.strip(" .,:;()–—-·/")
                if len(piece) >= SHORTEST and not any(piece in s for s in strings):
                    phrases.add(piece)
    return phrases


def only_local_comments(results: Results) -> Results:
    """Comments in Cyrillic only: an English comment is a respondent's words, not a leak."""
    kept = tuple(c for c in results.comments if re.search("[а-яәіңғүұқөһ]", c.text, re.I))
    return dataclasses.replace(results, comments=kept)


@pytest.fixture(scope="module")
def local_results() -> Results:
    return only_local_comments(analyse(sample_answers(61, 2022), SAMPLE_EDITION))


def report_input(results: Results, language: str) -> ReportInput:
    narrative, meetings = sample_story(language, results.framework)  # the story's own language
    return ReportInput(results, language, narrative, meetings)


def html_text(document: str) -> str:
    """What a reader or a screen reader meets: text, and alt, title and aria-label values."""
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", document, flags=re.S)
    said = re.findall(r'\s(?:alt|title|aria-label)="([^"]*)"', body)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", body) + " " + " ".join(said))


def pdf_text(data: bytes, tmp: Path) -> str:
    path = tmp / "report.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pptx_text(data: bytes, tmp: Path) -> str:
    path = tmp / "report.pptx"
    path.write_bytes(data)
    return "\n".join(slide_texts(path))


def xlsx_book(data: bytes, tmp: Path) -> object:
    import openpyxl

    path = tmp / "report.xlsx"
    path.write_bytes(data)
    return openpyxl.load_workbook(path)


def xlsx_text(book: object) -> str:
    sheets = list(book)  # type: ignore[call-overload]
    cells = [c.value for ws in sheets for row in ws.iter_rows() for c in row]
    return "\n".join([ws.title for ws in sheets] + [c for c in cells if isinstance(c, str)])


@pytest.fixture(scope="module")
def texts(
    local_results: Results, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], str]:
    """The words of each human-read format in each language, rendered once."""
    found: dict[tuple[str, str], str] = {}
    for language in LANGUAGES:
        inp = report_input(local_results, language)
        tmp = tmp_path_factory.mktemp(f"languages-{language}")
        found[("html", language)] = html_text(render("report", "html", inp).data.decode())
        found[("pdf", language)] = pdf_text(render("report", "pdf", inp).data, tmp)
        found[("pptx", language)] = pptx_text(render("report", "pptx", inp).data, tmp)
        found[("xlsx", language)] = xlsx_text(xlsx_book(render("report", "xlsx", inp).data, tmp))
    return {key: squeeze(text) for key, text in found.items()}


def squeeze(text: str) -> str:
    """Runs of white space as one space; a no-break space (which ``\\s`` matches) stays."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text)


HUMAN_FORMATS = ("html", "pdf", "pptx", "xlsx")


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_reaches_a_russian_or_kazakh_reader(
    texts: dict[tuple[str, str], str], fmt: str, language: str
) -> None:
    text = texts[(fmt, language)]
    leaks = sorted(
        phrase
        for phrase in english_phrases(language)
        if re.search(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", text)
    )
    assert leaks == []
    english_edition = (SAMPLE_EDITION.title, SAMPLE_EDITION.organisation)
    assert [t for t in english_edition if t in text] == []
    assert SAMPLE_EDITION.in_language(language).title in text


def test_the_check_would_see_english(local_results: Results) -> None:
    """The English report is full of the phrases the test looks for: the net has no hole."""
    text = squeeze(html_text(render("report", "html", ReportInput(local_results)).data.decode()))
    seen = [p for p in english_phrases("ru") if p in text]
    assert len(seen) > 50


def expected_percent(value: Fraction, language: str) -> str:
    """Rounded half up by Decimal and written by hand from the CLDR table in docs/glossary.md."""
    shown = Decimal(value.numerator) / Decimal(value.denominator)
    digits = str(abs(shown.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)))
    sign = "\u2212" if shown.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) < 0 else ""
    return {
        "ru": f"{sign}{digits.replace('.', ',')}{NBSP}%",
        "kk": f"{sign}{digits.replace('.', ',')}%",
    }[language]


@pytest.mark.parametrize("fmt", ["html", "pdf", "pptx"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_figures_are_written_as_the_language_writes_them(
    texts: dict[tuple[str, str], str], local_results: Results, fmt: str, language: str
) -> None:
    text = texts[(fmt, language)]
    overall = local_results.overall.percent
    assert overall is not None
    expected = expected_percent(overall, language)
    fw = local_results.framework
    for known in ("CC BY 4.0", f"{fw.name} {fw.version}"):  # names, not figures
        text = text.replace(known, "")
    assert re.findall(r"(?<![\w.])\d+\.\d+(?![\w.])", text) == []
    if fmt == "pdf":
        # pdftotext gives a no-break space back as a plain one, or drops it where glyphs sit
        # close (table cells): here the decimal comma; the spacing in the HTML and the slides.
        assert expected.replace(NBSP, " ") in text
        return
    assert expected in text
    if language == "ru":
        assert re.findall(r"\d[ ]?%", text) == []  # a percent has its no-break space
    else:
        assert re.findall(rf"\d[ {NBSP}]%", text) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workbook_formats_percents_and_dates_for_the_language(
    local_results: Results, language: str, tmp_path: Path
) -> None:
    book = xlsx_book(render("report", "xlsx", report_input(local_results, language)).data, tmp_path)
    _ = translations(language).gettext
    percent = book[_("Goals")].cell(row=2, column=6)  # type: ignore[index]
    assert isinstance(percent.value, float)
    sign = {"ru": f'"{NBSP}%"', "kk": '"%"'}[language]
    assert percent.number_format == f"#,##0.0{sign}"
    day = book[_("Meetings")].cell(row=2, column=1)  # type: ignore[index]
    assert isinstance(day.value, datetime.datetime | datetime.date)
    assert day.number_format == "DD.MM.YYYY"


@pytest.mark.parametrize("fmt", ["json", "csv", "datadict"])
def test_machine_data_is_the_same_in_every_language(local_results: Results, fmt: str) -> None:
    """Open data keeps English keys and names (docs/open-data.md): a program reads one shape."""
    english = render("report", fmt, ReportInput(local_results)).data
    for language in LANGUAGES:
        assert render("report", fmt, ReportInput(local_results, language)).data == english


# --- numbers by locale ------------------------------------------------------------------


@given(st.fractions(min_value=-(10**6), max_value=10**6), st.integers(min_value=0, max_value=3))
def test_a_number_reads_the_same_in_every_language_but_for_its_separators(
    value: Fraction, digits: int
) -> None:
    english = display.number(value, digits, "en")
    expected = english.replace(",", NBSP).replace(".", ",")
    assert display.number(value, digits, "ru") == expected
    assert display.number(value, digits, "kk") == expected
    assert display.percent(value, digits, "ru") == f"{expected}{NBSP}%"
    assert display.percent(value, digits, "kk") == f"{expected}%"
    assert display.percent(value, digits, "en") == f"{english}%"


def test_it_writes_figures_by_hand_checked_examples() -> None:
    assert display.number(Fraction(-123456, 10), 1, "ru") == f"\u221212{NBSP}345,6"
    assert display.number(Fraction(-123456, 10), 1, "en") == "\u221212,345.6"
    assert display.percent(Fraction(253, 10), 1, "ru") == f"25,3{NBSP}%"
    assert display.percent(Fraction(253, 10), 1, "kk") == "25,3%"
    assert display.signed(Fraction(7, 2), 1, "ru") == "+3,5"
    assert display.signed(Fraction(-1, 30), 1, "ru") == "0,0"
    assert display.count(10000, "kk") == f"10{NBSP}000"
    assert display.number(Fraction(1, 2), 0, "xx") == "1"  # unknown language: English digits


def test_the_language_of_the_output_is_the_default() -> None:
    assert display.percent(Fraction(38)) == "38.0%"
    with display.speaking("ru"):
        assert display.percent(Fraction(38)) == f"38,0{NBSP}%"
        assert display.percent(Fraction(38), 1, "en") == "38.0%"
    assert display.percent(Fraction(38)) == "38.0%"


def test_it_writes_dates_as_the_language_does() -> None:
    day = datetime.date(2022, 5, 12)
    assert display.date(day, "ru") == "12 мая 2022\u202fг."  # CLDR: a narrow no-break space
    assert display.date(day, "en") == "May 12, 2022"
    assert display.excel_date_format("ru") == "DD.MM.YYYY"
    assert display.excel_percent_format(1, "ru") == f'#,##0.0"{NBSP}%"'


# --- the edition's own texts ---------------------------------------------------------------


def test_an_edition_file_gives_texts_per_language(tmp_path: Path) -> None:
    path = tmp_path / "edition.toml"
    path.write_text(
        'title = { en = "Scorecard", ru = "Оценочная карта" }\n'
        'country = { kk = "Қазақстан", ru = "Казахстан" }\n'
        'organisation = "Coalition"\nlanguages = ["ru", "kk"]\n',
        "utf-8",
    )
    edition = load_edition(path)
    assert (edition.title, edition.country) == ("Оценочная карта", "Казахстан")  # first offered
    assert edition.in_language("kk").country == "Қазақстан"
    assert edition.in_language("kk").title == "Оценочная карта"  # no Kazakh title given
    assert edition.in_language("en").title == "Scorecard"
    assert edition.in_language("ru").organisation == "Coalition"


def test_a_text_that_is_not_text_names_the_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "edition.toml"
    path.write_text("title = { ru = 5 }\n", "utf-8")
    with pytest.raises(FrameworkError, match=r"edition\.toml, field title\.ru: must be text"):
        load_edition(path)


def test_the_sample_edition_file_reads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "edition.toml"
    path.write_text(edition_toml(SAMPLE_EDITION), "utf-8")
    assert load_edition(path) == SAMPLE_EDITION
    assert Edition().in_language("ru") == Edition()


# --- grammar around figures and the glossary -----------------------------------------------

KAZAKH_SUFFIX_WORDS = r"пен|мен|бен|нан|нен|дан|ден|тан|тен|ға|ге|қа|ке|да|де|та|те"


def test_no_kazakh_case_ending_is_glued_to_a_figure() -> None:
    """ "5-тен" is right for 5 and wrong for 20: the ending must follow a word, not a figure."""
    glued = [
        text
        for _ids, strings, _context in catalogue("kk")
        for text in strings
        if re.search(rf"%\(\w+\)s(-\w|\s+({KAZAKH_SUFFIX_WORDS})\b)", text)
    ]
    assert glued == []


@pytest.mark.parametrize(
    ("count", "russian"),
    [
        (1, "валидационная встреча"),
        (2, "валидационные встречи"),
        (5, "валидационных встреч"),
        (21, "валидационная встреча"),
        (22, "валидационные встречи"),
    ],
)
def test_russian_counts_agree_with_their_number(count: int, russian: str) -> None:
    t = translations("ru")
    assert t.ngettext("validation meeting", "validation meetings", count) == russian


def test_one_english_word_in_two_roles_has_a_context() -> None:
    assert translations("ru").pgettext("column heading", "Change") == "Изменение"
    assert translations("kk").pgettext("column heading", "Change") == "Өзгеріс"


def glossary() -> dict[str, tuple[str, str]]:
    """English term -> (Russian, Kazakh), from the first table of docs/glossary.md."""
    terms: dict[str, tuple[str, str]] = {}
    text = GLOSSARY.read_text("utf-8")
    table = text[text.index("| English | Russian | Kazakh |") :].split("\n\n")[0]
    for line in table.splitlines()[2:]:
        english, russian, kazakh = (cell.strip() for cell in line.strip("|").split("|")[:3])
        terms[english] = (russian, kazakh)
    return terms


def stem(word: str) -> str:
    """The part of a word inflection leaves alone (the rule docs/glossary.md states)."""
    if len(word) <= 3:
        return word
    return word[:-1] if len(word) <= 5 else word[:-2]


def test_the_glossary_stems_a_word_as_documented() -> None:
    assert [stem(w) for w in ("бағ", "Цель", "область", "сала")] == ["бағ", "Цел", "облас", "сал"]
    assert len(glossary()) >= 15


@pytest.mark.parametrize(("column", "language"), [(0, "ru"), (1, "kk")])
def test_the_catalogue_uses_the_glossary_terms(column: int, language: str) -> None:
    wrong = []
    for english, renderings in glossary().items():
        stems = [stem(w).lower() for w in renderings[column].split()]
        term = re.compile(rf"(?<![\w-]){re.escape(english)}(e?s)?(?![\w-])", re.IGNORECASE)
        for ids, strings, _context in catalogue(language):
            if not any(term.search(PLACEHOLDER.sub(" ", msgid)) for msgid in ids):
                continue
            wrong += [
                (english, text)
                for text in strings
                if text and not all(s in text.lower() for s in stems)
            ]
    assert wrong == []


def test_the_glossary_check_sees_a_wrong_term() -> None:
    """A Kazakh "Әдіснама" for "Methodology" would fail the check above."""
    stems = [stem(w).lower() for w in glossary()["methodology"][1].split()]
    assert not all(s in "әдіснама" for s in stems)
    assert all(s in "әдістеме" for s in stems)
