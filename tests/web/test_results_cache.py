"""Results are computed once per version of an edition's answers (issue 16, part 4)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

import scorecard.web.workspace.results_cache as results_cache
from scorecard.analysis import Answers, Results, analyse
from scorecard.sample import sample_answers
from scorecard.web.api.editions import results_of
from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import AREA_FIELDS, GoalAnswer, Respondent
from scorecard.web.responses.store import import_answers, load_answers, save_goal
from scorecard.web.workspace.results_cache import answers_version, results_for
from tests.web.personas import persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition() -> Iterator[Edition]:
    results_cache._CACHE.clear()
    found = Edition.objects.create(
        slug="kz-2024", title="PSC Kazakhstan 2024", country="Kazakhstan", year=2024,
        goals=list(range(1, 18)), status="open", languages=["en"],
    )  # fmt: skip
    import_answers(found, sample_answers(30, seed=7))
    yield found
    results_cache._CACHE.clear()


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times analyse() ran, through the cache's module."""
    calls: list[int] = []

    def counted(answers: Answers, core: Any = None) -> Results:
        calls.append(1)
        return analyse(answers, core)

    monkeypatch.setattr(results_cache, "analyse", counted)
    return calls


def fresh(edition: Edition) -> dict[str, Any]:
    return analyse(load_answers(edition), edition.core()).to_json()


def figures(edition: Edition) -> dict[str, Any]:
    return results_for(edition).to_json()


def test_a_second_page_load_runs_no_analyse(edition: Edition, runs: list[int]) -> None:
    alice: Client = persona("alice", edition, "coordinator")
    for page in ("", "results/", "", "results/"):
        assert alice.get(f"/editions/{edition.slug}/{page}").status_code == 200
    for page in ("narrative", "meetings"):
        assert alice.get(f"/editions/{edition.slug}/{page}/").status_code == 200
    assert results_of(edition).to_json() == fresh(edition)
    assert len(runs) == 1


def test_a_save_of_a_goal_page_changes_the_figures(edition: Edition, runs: list[int]) -> None:
    before = figures(edition)
    row = GoalAnswer.objects.filter(respondent__edition=edition).order_by("pk").first()
    assert row is not None
    stored = [getattr(row, field) for field in AREA_FIELDS]
    scores = [None if v is None else (1 if v != 1 else 5) for v in stored]
    # the same row again: no count moves, only its time of change
    save_goal(row.respondent, row.goal, scores, "changed")
    after = figures(edition)
    assert after != before
    assert after == fresh(edition)
    assert len(runs) == 2
    assert figures(edition) == after
    assert len(runs) == 2


def test_an_import_changes_the_figures(edition: Edition, runs: list[int]) -> None:
    before = figures(edition)
    # the same respondent ids again with other answers: the same counts, new rows
    import_answers(edition, sample_answers(30, seed=8))
    after = figures(edition)
    assert after != before
    assert after == fresh(edition)
    import_answers(edition, sample_answers(40, seed=9))
    assert figures(edition) == fresh(edition) != after
    assert len(runs) == 3


def test_deleting_a_respondent_or_an_answer_changes_the_figures(
    edition: Edition, runs: list[int]
) -> None:
    before, version = figures(edition), answers_version(edition)
    person = Respondent.objects.filter(edition=edition).order_by("-pk").first()
    assert person is not None
    person.delete()
    assert answers_version(edition) != version
    after = figures(edition)
    assert after != before
    assert after == fresh(edition)
    row = GoalAnswer.objects.filter(respondent__edition=edition).order_by("pk").first()
    assert row is not None
    row.delete()
    assert figures(edition) == fresh(edition) != after
    assert len(runs) == 3


def test_a_profile_edit_and_an_edition_edit_change_the_version(edition: Edition) -> None:
    version = answers_version(edition)
    person = Respondent.objects.filter(edition=edition).order_by("pk").first()
    assert person is not None
    person.gender = "Other"
    person.save()
    assert answers_version(edition) != version
    version = answers_version(edition)
    edition.title = "Renamed"
    assert answers_version(edition) != version


def test_the_cache_can_be_turned_off(edition: Edition, runs: list[int], settings: Any) -> None:
    settings.SCORECARD_RESULTS_CACHE = False
    figures(edition)
    figures(edition)
    assert len(runs) == 2


def balance(page: str) -> dict[str, int]:
    """The gender table of the edition page, read back from its HTML."""
    table = page.split('<th scope="col">Gender</th>', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<tr><td>([^<]*)</td><td class=\"num\">(\d+)</td></tr>", table)
    return {label: int(n) for label, n in cells}


def test_the_edition_page_shows_counts_of_the_current_answers(edition: Edition) -> None:
    """Profile counts and the answers-per-goal table are cached with the figures, never stale."""
    alice: Client = persona("alice", edition, "coordinator")
    first = alice.get(f"/editions/{edition.slug}/").content.decode()
    people = Respondent.objects.filter(edition=edition)
    assert balance(first) == dict(Counter(p.gender or "not given" for p in people).most_common())
    person = people.order_by("pk").first()
    assert person is not None
    person.gender = "Prefer not to say" if person.gender != "Prefer not to say" else "Male"
    person.save()
    import_answers(edition, sample_answers(31, seed=8))  # one respondent more
    page = alice.get(f"/editions/{edition.slug}/").content.decode()
    counted = Counter(p.gender or "not given" for p in Respondent.objects.filter(edition=edition))
    assert balance(page) == dict(counted.most_common())
    assert "31 respondents" in page
    results = analyse(load_answers(edition), edition.core())
    goal = results.goals[0]
    assert (
        f'<th scope="row">SDG {goal.goal} {goal.name}</th><td class="num">{goal.respondents}'
        in page
    )


def test_the_edition_page_caches_its_table_per_language(edition: Edition) -> None:
    alice: Client = persona("alice", edition, "coordinator")
    english = alice.get(f"/editions/{edition.slug}/").content.decode()
    russian = alice.get(f"/editions/{edition.slug}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Answers per goal and key area" in english
    assert "Answers per goal and key area" not in russian
    assert 'lang="ru"' in russian


def test_the_edition_page_reads_a_fixed_number_of_rows_sets(
    edition: Edition, django_assert_max_num_queries: Any
) -> None:
    """Session, user, edition, role, respondents with answers, links, versions: 7.

    The role is asked by the access check and the template but read once, and the
    respondents' fieldwork counts ride in the query that dates the answers.
    """
    alice: Client = persona("alice", edition, "coordinator")
    assert alice.get(f"/editions/{edition.slug}/").status_code == 200  # fills the cache
    with django_assert_max_num_queries(7):
        page = alice.get(f"/editions/{edition.slug}/")
    assert page.status_code == 200
    import_answers(edition, sample_answers(60, seed=3))  # twice the people: no more queries
    assert alice.get(f"/editions/{edition.slug}/").status_code == 200  # a new version
    with django_assert_max_num_queries(7):
        page = alice.get(f"/editions/{edition.slug}/")
    assert "60 respondents" in page.content.decode()


def test_the_edition_pages_blank_forms_follow_the_page_language(edition: Edition) -> None:
    """The forms' widgets are rendered once per language, never shared across languages."""
    alice: Client = persona("alice", edition, "coordinator")
    words = {"en": "Recognise the tool automatically", "ru": "", "kk": ""}
    for language in ("ru", "kk"):
        with translation.override(language):
            words[language] = gettext("Recognise the tool automatically")
    assert len(set(words.values())) == 3  # each catalogue has its own words
    for language in ("en", "ru", "kk", "en", "ru"):
        alice.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = alice.get(f"/editions/{edition.slug}/").content.decode()
        shown = {code for code, word in words.items() if f">{word}</option>" in page}
        assert shown == {language}
        assert 'name="count"' in page
        assert 'value="10"' in page  # the form's initial number of links
