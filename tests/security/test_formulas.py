"""Spreadsheet formulas typed into comments, regions or profile fields never run in a download.

A cell that starts with = + - @ (or a tab or carriage return) is a formula to
Excel and LibreOffice when it is read from a CSV file, so CSV text cells like
that must arrive defused (a leading apostrophe), while real numbers such as a
score of -3 stay numbers. In a workbook a formula is its own element (<f>): a
cell typed as text is shown and never run, so there the check is that no cell
of any sheet is a formula, whatever its text.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from django.test import Client
from openpyxl import load_workbook

from scorecard.report.checks import CHECK_IDS
from tests.security.conftest import World
from tests.web.publishing import work_queue

PAYLOADS = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)"]
STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def plant(world: World) -> Client:
    alice = world.client("alice")
    for i, payload in enumerate(PAYLOADS):
        body = {
            "respondent": f"gw-{i}", "region": payload, "sector": payload, "gender": payload[:30],
            "answers": [{"goal": 3, "scores": [-3] * 10, "comment": payload}],
        }  # fmt: skip
        response = alice.post("/api/v1/editions/kz/answers", body, content_type="application/json")
        assert response.status_code == 200
    respondent = Client()
    r = f"/r/{world.token}"
    respondent.post(f"{r}/consent/", {"consent": "on"})
    respondent.post(f"{r}/profile/", {"sector": "NGO", "gender": "Male", "region": PAYLOADS[0]})
    respondent.post(f"{r}/goals/", {"goals": ["5"]})
    page = {**{f"a{i}": "-2" for i in range(1, 11)}, "comment": PAYLOADS[1], "action": "next"}
    assert respondent.post(f"{r}/goal/5/", page).status_code == 302
    return alice


def csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(data: bytes) -> list[object]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<(\w+:)?f[ >/]", archive.read(name)), name
    book = load_workbook(io.BytesIO(data))
    cells: list[object] = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {sheet.title}!{cell.coordinate}"
                cells.append(cell.value)
    return cells


def dangerous(cells: list[object]) -> list[str]:
    return [
        c for c in cells if isinstance(c, str) and c.startswith(STARTS) and not NUMBER.fullmatch(c)
    ]


DOWNLOADS = [
    ("alice", "/editions/kz/answers.csv", True),
    ("alice", "/editions/kz/answers.xlsx", True),
    ("alice", "/editions/kz/report.csv", False),
    ("alice", "/editions/kz/report.xlsx", True),
    ("alice", "/api/v1/editions/kz/answers.csv", True),
    ("alice", "/api/v1/editions/kz/report.csv", False),
    ("alice", "/api/v1/editions/kz/report.xlsx", True),
    ("anonymous", "/p/kz/v2/en/report.csv", False),
    ("anonymous", "/p/kz/v2/en/report.xlsx", True),
]


@pytest.mark.parametrize(
    ("who", "path", "shows_text"), DOWNLOADS, ids=[f"{w} {p}" for w, p, _ in DOWNLOADS]
)
def test_it_defuses_formulas_in_every_download(
    world: World, who: str, path: str, shows_text: bool
) -> None:
    alice = plant(world)
    if path.startswith("/p/"):
        for step in ("step/close/", "step/validate/", "publish/"):
            assert (
                alice.post(f"/editions/kz/{step}", {"accept": list(CHECK_IDS)}).status_code == 302
            )
        assert work_queue() == [1, 2]  # the world's own version 1, then ours
    client = alice if who == "alice" else Client()
    response = client.get(path)
    assert response.status_code == 200
    data = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if response.streaming
        else response.content
    )
    if path.endswith(".csv"):
        cells: list[object] = list(csv_cells(data))
        assert not dangerous(cells), f"live formulas in {path}: {dangerous(cells)[:5]}"
    else:
        cells = xlsx_cells(data)  # no formula cell at all, checked in the sheets' XML
        if path.endswith("report.xlsx"):  # and text prefixed as in the CSVs
            assert not dangerous(cells), f"unprefixed in {path}: {dangerous(cells)[:5]}"
    if shows_text:
        text = [c for c in cells if isinstance(c, str)]
        assert any("=HYPERLINK" in c for c in text), "the payload never reached the file"
    numbers = [c for c in cells if c in ("-3", -3, "-2", -2)]
    assert numbers or not path.endswith("answers.csv"), "negative scores must stay numbers"
