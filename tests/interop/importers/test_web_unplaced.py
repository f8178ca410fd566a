"""The workspace upload: refused score-like columns, a draft mapping file, columns left out."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import Respondent
from tests.interop.importers.test_area_words import RENAMES, short_names
from tests.web.personas import persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(tmp_path: Path, settings: Any) -> Edition:
    settings.DATA_DIR = tmp_path / "data"
    return Edition.objects.create(
        slug="kz-2024", title="PSC Kazakhstan 2024", country="Kazakhstan", year=2024,
        goals=[3, 5, 16], status="open", languages=["en", "ru", "kk"],
    )  # fmt: skip


def upload(path: Path, **fields: str) -> dict[str, Any]:
    return {"file": SimpleUploadedFile(path.name, path.read_bytes()), "format": "auto", **fields}


def test_it_refuses_the_upload_and_offers_a_draft_mapping_file(
    edition: Edition, tmp_path: Path
) -> None:
    path = short_names(tmp_path, RENAMES)
    alice = persona("alice", edition, "coordinator")
    url = f"/editions/{edition.slug}/upload/"
    page = alice.post(url, upload(path), follow=True).content.decode()
    assert "Nothing was imported" in page
    assert "column Goal3_Rating: not understood: names goal 3 but no key area" in page
    assert "Download a draft mapping file" in page
    draft = alice.post(url, upload(path, action="suggest"))
    assert draft.status_code == 200
    assert draft["Content-Type"] == "application/toml; charset=utf-8"
    assert draft["Content-Disposition"] == 'attachment; filename="entries-mapping.toml"'
    text = draft.content.decode()
    assert tomllib.loads(text) == {"format": "cognito"}
    assert '#   "Goal5_Implementation": names goal 5; its words could be key area 4 or 5' in text
    assert not Respondent.objects.exists()
    assert not list((tmp_path / "data" / "uploads").glob("*/*"))  # nothing kept


def test_it_imports_with_the_columns_left_out(edition: Edition, tmp_path: Path) -> None:
    path = short_names(tmp_path, RENAMES)
    alice = persona("alice", edition, "coordinator")
    ignore = "Goal3_Rating\r\n Goal5_Implementation \r\n"
    alice.post(f"/editions/{edition.slug}/upload/", upload(path, ignore=ignore))
    page = alice.get(f"/editions/{edition.slug}/import/").content.decode()
    assert "Goal3_Rating" in page
    alice.post(f"/editions/{edition.slug}/import/confirm/", {"action": "import"})
    assert Respondent.objects.filter(edition=edition).count() == 10


def test_it_links_a_draft_from_the_preview_when_columns_were_not_understood(
    edition: Edition, tmp_path: Path
) -> None:
    path = short_names(tmp_path, {"Region": "Start time"})
    alice = persona("alice", edition, "coordinator")
    alice.post(f"/editions/{edition.slug}/upload/", upload(path))
    page = alice.get(f"/editions/{edition.slug}/import/").content.decode()
    link = f"/editions/{edition.slug}/import/draft-map/"
    assert f'href="{link}"' in page
    draft = alice.get(link)
    assert draft.status_code == 200
    assert '#   "Start time"' in draft.content.decode()
    assert not Respondent.objects.exists()
