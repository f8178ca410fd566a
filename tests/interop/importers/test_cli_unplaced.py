"""`scorecard import` never drops scores silently: refuse, --ignore, --suggest-map, --map."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import Respondent
from scorecard.web.responses.store import load_answers
from tests.interop.importers.helpers import HERE, figures, truth
from tests.interop.importers.test_area_words import RENAMES, short_names
from tests.interop.importers.test_cli_imports import edition, run, stored
from tests.interop.importers.test_suggest_map import DK_LINE

__all__ = ["edition"]  # the fixture, shared with test_cli_imports
LIME = HERE / "limesurvey" / "g1q1.csv"


@pytest.mark.django_db(transaction=True)
def test_it_refuses_score_like_columns_it_does_not_understand(
    edition: Edition, tmp_path: Path
) -> None:
    assert run("import", HERE / "kobo" / "xml-values.csv", "--edition", "kz-2024").exit_code == 0
    before = stored(edition)
    path = short_names(tmp_path, RENAMES)
    result = run("import", path, "--edition", "kz-2024")
    assert result.exit_code == 2
    assert "entries.csv row 1: 2 columns look like scores but were not understood" in result.output
    assert "column Goal3_Rating: not understood: names goal 3 but no key area" in result.output
    assert "column Goal5_Implementation: not understood: names goal 5" in result.output
    assert "--ignore COLUMN" in result.output
    assert "Traceback" not in result.output
    assert stored(edition) == before


@pytest.mark.django_db(transaction=True)
def test_it_imports_what_is_left_when_columns_are_ignored(edition: Edition, tmp_path: Path) -> None:
    path = short_names(tmp_path, RENAMES)
    args = ("--ignore", "Goal3_Rating", "--ignore", "Goal5_Implementation")
    result = run("import", path, "--edition", "kz-2024", *args)
    assert result.exit_code == 0, result.output
    assert "Goal3_Rating -> not stored (ignored as asked)" in result.output
    assert Respondent.objects.filter(edition=edition).count() == 10
    cells = {(c["goal"], c["area"]): c["n"] for c in figures(load_answers(edition))["cells"]}
    assert cells[(3, 7)] == cells[(5, 4)] == 0
    assert cells[(3, 6)] > 0


@pytest.mark.django_db(transaction=True)
def test_it_drafts_a_mapping_file_then_imports_with_it(edition: Edition, tmp_path: Path) -> None:
    draft = tmp_path / "draft.toml"
    refused = run("import", LIME, "--edition", "kz-2024")
    assert refused.exit_code == 2
    assert "30 columns look like scores but were not understood" in refused.output
    suggested = run("import", LIME, "--edition", "kz-2024", "--suggest-map", draft)
    assert suggested.exit_code == 0, suggested.output
    assert "18 guesses to check" in suggested.output
    assert f"Wrote {draft}: check every guess, then import with --map {draft}." in suggested.output
    assert not Respondent.objects.exists()  # a draft stores nothing
    text = draft.read_text("utf-8")
    draft.write_text(text.replace(DK_LINE, '"A12" = "dk"'), "utf-8")  # the reviewed edit
    imported = run("import", LIME, "--edition", "kz-2024", "--map", draft)
    assert imported.exit_code == 0, imported.output
    assert figures(load_answers(edition), profile=False) == truth(profile=False)


def test_it_drafts_without_an_edition_and_names_what_it_cannot_place(tmp_path: Path) -> None:
    path = short_names(tmp_path, RENAMES)
    draft = tmp_path / "draft.toml"
    result = run("import", path, "--suggest-map", draft)
    assert result.exit_code == 0, result.output
    assert "Could not place (they look like scores): 2" in result.output
    assert "  Goal5_Implementation: names goal 5; its words could be key area 4 or 5" in (
        result.output
    )
    assert '#   "Goal3_Rating": names goal 3 but no key area' in draft.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give --edition SLUG"),
        (("--suggest-map", "d.toml", "--map", str(HERE / "limesurvey" / "g1q1.toml")), "--map"),
    ],
)
def test_it_explains_options_that_do_not_go_together(
    args: tuple[str, ...], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("import", LIME, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "d.toml").exists()
