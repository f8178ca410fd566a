"""Random and well-formed-but-wrong input into every door: a clear refusal, nothing stored.

Importers get random bytes and random tables (right shape, wrong content) under every
format; the API's submission endpoint and the questionnaire's goal page get random
bodies. Each must answer with a message (AnswersFileError, or a 4xx with text), never a
500 or another exception, and the stored rows must be exactly as before.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.interop import AnswersFileError
from scorecard.interop.importers import FORMATS, read_import
from tests.api.conftest import World
from tests.api.conftest import snapshot as stored_rows

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HEADERS = ["respondent", "sector", "gender", "age", "region", "sdg3_1", "sdg3_2", "sdg3_comment",
           "_uuid", "Entry_Number", "G01Q01", "goals/3", "SDG 3 [Policy]", "Timestamp"]  # fmt: skip
CELL = st.one_of(
    st.text(max_size=12),
    st.integers(-100, 100).map(str),
    st.sampled_from(["", "dk", "=1+1", "-5", "5", "11", "\x00", "3.5", "NaN", "١"]),
)


def _read(data: bytes, suffix: str, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"answers{suffix}"
        path.write_bytes(data)
        message = None
        try:
            read_import(path, format=fmt, max_bytes=1024 * 1024)
        except AnswersFileError as exc:
            message = str(exc)
        if message is not None:
            assert message.strip(), "an empty message helps nobody"
            assert path.name in message or "row" in message or "column" in message


@FUZZ
@given(data=st.binary(max_size=2000), fmt=st.sampled_from(FORMATS))
def test_random_bytes_get_a_message_from_every_importer(data: bytes, fmt: str) -> None:
    for suffix in (".csv", ".xlsx"):
        _read(data, suffix, fmt)


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8, unique=True),
    rows=st.lists(st.lists(CELL, min_size=8, max_size=8), max_size=6),
    fmt=st.sampled_from(FORMATS),
)
def test_wrong_tables_get_a_message_from_every_importer(
    header: list[str], rows: list[list[str]], fmt: str
) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(row[: len(header)] for row in rows)
    _read(out.getvalue().encode("utf-8", "surrogatepass"), ".csv", fmt)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
SUBMISSION = st.fixed_dictionaries(
    {},
    optional={
        "respondent": JSON,
        "sector": JSON,
        "gender": JSON,
        "region": JSON,
        "age": JSON,
        "answers": st.lists(
            st.fixed_dictionaries({}, optional={"goal": JSON, "scores": JSON, "comment": JSON}),
            max_size=3,
        )
        | JSON,
    },
)


@pytest.mark.django_db
@FUZZ
@given(body=SUBMISSION)
def test_random_api_submissions_are_refused_with_json_or_stored_whole(
    world: World, body: dict[str, Any]
) -> None:
    before = stored_rows()
    response = world.client("alice").post(
        "/api/v1/editions/kz/answers", json.dumps(body), content_type="application/json"
    )
    assert response.status_code < 500, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    if response.status_code != 200:
        assert "detail" in response.json()
        assert stored_rows() == before


@pytest.mark.django_db
@FUZZ
@given(form=st.dictionaries(st.sampled_from(["a1", "a2", "a10", "comment", "action", "x"]), CELL))
def test_random_goal_pages_never_break_the_questionnaire(
    world: World, form: dict[str, str]
) -> None:
    respondent = Client()
    token = world.edition.create_invitations(1)[0]
    respondent.post(f"/r/{token}/consent/", {"consent": "on"})
    respondent.post(f"/r/{token}/profile/", {"sector": "NGO", "gender": "Female", "region": "A"})
    respondent.post(f"/r/{token}/goals/", {"goals": ["3"]})
    before = stored_rows()
    response = respondent.post(f"/r/{token}/goal/3/", form)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert stored_rows() == before
