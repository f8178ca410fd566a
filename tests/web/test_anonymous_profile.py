"""Issue 13: no published output shows a profile group smaller than the threshold.

An edition whose profile has small groups is published the way a coordinator
publishes it; every stored file of the version, the public page and the public
API are read back as text and searched for the small groups' names, which must
not be there, and for the merged group "Other (fewer than 5)", which must.
Coordinators still see the full profile in the workspace and in the checks.
"""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest
from django.test import Client

from scorecard.analysis import Answers, Respondents
from scorecard.method import default_framework
from scorecard.web.editions.models import Edition
from scorecard.web.reports.publishing import checks_for
from scorecard.web.responses.store import import_answers
from tests.web.personas import persona
from tests.web.publishing import publish_now, walk_to

OTHER = "Other (fewer than 5)"
# n = 30, threshold 5 (the default framework's thresholds.suppression).
GENDER = ["Female"] * 16 + ["Male"] * 13 + ["Other"]  # Other 1 alone: Male 13 joins it
SECTOR = ["NGO"] * 20 + ["Public association"] * 7 + ["Media"] * 3  # one small group
REGION = (
    ["Almaty"] * 15 + ["Astana"] * 6 + ["Shymkent"] * 5
    + ["Mangystau region"] * 2 + ["Zhetysu region"] + [None]
)  # fmt: skip  # 2 + 1 + 1 not stated = 4 < 5: Shymkent 5 joins, 9
# Names that must not be printed: under the threshold, or merged to hide one that is.
HIDDEN = ("Male", "Public association", "Media", "Shymkent", "Mangystau", "Zhetysu")
SHOWN = {
    "gender": [("Female", 16), (OTHER, 14)],
    "sector": [("NGO", 20), (OTHER, 10)],
    "region": [("Almaty", 15), ("Astana", 6), (OTHER, 9)],
}


def _edition() -> Edition:
    fw = default_framework().with_goals((3, 5))
    n = len(GENDER)
    ages = [20 + i for i in range(n)]
    respondents = Respondents.build([f"r{i}" for i in range(n)], SECTOR, GENDER, REGION, ages)
    rng = np.random.default_rng(13)
    matrix = rng.integers(-5, 6, size=(n, 2, 10)).astype(np.int8)
    edition = Edition.objects.create(
        slug="kz", title="PSC Kazakhstan", country="Kazakhstan", year=2024,
        goals=[3, 5], status="open", languages=["en"],
    )  # fmt: skip
    import_answers(edition, Answers.from_dense(fw, respondents, matrix))
    return edition


def _text(name: str, data: bytes) -> str:
    """What a reader of the file sees, as plain text with whitespace collapsed."""
    if name.endswith(".pdf"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "report.pdf"
            path.write_bytes(data)
            # Content-stream order (-raw): the profile tables sit side by side on paper, and
            # -layout would interleave their rows; -raw reads them as a screen reader does.
            text = subprocess.run(
                ["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True
            ).stdout.decode("utf-8")
    elif name.endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True)
        text = "\n".join(
            "\t".join("" if v is None else str(v) for v in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    elif name.endswith(".pptx"):
        from pptx import Presentation

        parts = []
        for slide in Presentation(io.BytesIO(data)).slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    parts.append(shape.text_frame.text)
                if shape.has_table:
                    parts += [c.text for row in shape.table.rows for c in row.cells]
        text = "\n".join(parts)
    elif name.endswith(".png"):
        text = ""  # an image of the goals chart: no profile, no text to read
    else:
        text = data.decode("utf-8")
        if "<html" in text:  # the markup (attributes included), then the text it shows
            text += "\n" + html.unescape(re.sub(r"<[^>]*>", " ", text))
    return " ".join(text.split())


def _leaks(text: str) -> list[str]:
    """Hidden names in the text, and "Other" anywhere but in the merged group's label
    (the data dictionary names it with N).

    Each found with the text around it, so a failure shows where it leaked.
    """
    names = "|".join(re.escape(name) for name in HIDDEN)
    pattern = rf"\b(?:{names})\b|\bOther\b(?! \(fewer than [5N]\))"
    return [text[max(0, m.start() - 60) : m.end() + 60] for m in re.finditer(pattern, text)]


@pytest.mark.django_db
def test_every_published_output_merges_the_small_profile_groups() -> None:
    edition = _edition()
    report = publish_now(edition)
    anonymous = Client()
    texts = {}
    for stored in report.files.all():
        response = anonymous.get(f"/p/kz/v1/{stored.language}/{stored.name}")
        assert response.status_code == 200, stored.name
        texts[stored.name] = _text(stored.name, response.content)
    assert set(texts) == {
        "report.html", "report.pdf", "report.pptx", "report.xlsx", "report.csv",
        "report.json", "report-datadict.md", "goals.svg", "goals.png",
    }  # fmt: skip
    texts["landing"] = _text("landing", anonymous.get("/p/kz/").content)
    texts["api"] = _text("api", anonymous.get("/api/v1/published/kz").content)
    for name, text in texts.items():
        assert _leaks(text) == [], name
    # Where the profile is printed, the merged group is, with its count.
    for name in ("report.html", "report.pdf"):  # 14 of 30 is 47%, 9 of 30 is 30%
        assert f"{OTHER} 14 47%" in texts[name], name
        assert f"{OTHER} 9 30%" in texts[name], name
    assert f"Gender {OTHER} 14 46.66" in texts["report.xlsx"]  # unrounded, as stored
    assert re.search(rf"Region {re.escape(OTHER)} 9 30(\.0)? ", texts["report.xlsx"])
    assert re.search(rf"{re.escape(OTHER)} 10 33%", texts["report.pptx"])  # the sector table
    assert f"Female 53%, {OTHER} 47%" in texts["report.pptx"]
    for data in (
        json.loads(texts["report.json"])["respondents"],
        json.loads(texts["api"])["respondents"],
        (report.results or {})["respondents"],
    ):
        assert data["n"] == 30
        for field, rows in SHOWN.items():
            assert [(s["label"], s["n"]) for s in data[field]] == rows, field
    assert "30" in texts["landing"]
    assert "civil-society experts took part" in texts["landing"]


@pytest.mark.django_db
def test_coordinators_still_see_the_full_profile_in_the_workspace() -> None:
    edition = _edition()
    walk_to(edition, "validated")
    small = next(w for w in checks_for(edition) if w.id == "small-groups")
    assert set(small.details) == {
        "gender: Other (1)",
        "sector: Media (3)",
        "region: Mangystau region (2)",
        "region: Zhetysu region (1)",
    }
    alice = persona("alice", edition, "coordinator")
    page = " ".join(alice.get("/editions/kz/").content.decode().split())
    assert re.search(r"\bMale\b", page)
    assert "Media" in page
    # The draft report is what publishing will print: merged for everyone who downloads it.
    draft = " ".join(alice.get("/editions/kz/report.html").content.decode().split())
    assert OTHER in draft
    assert _leaks(draft) == []
