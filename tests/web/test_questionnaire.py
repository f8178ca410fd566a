"""The respondent questionnaire through its personal link, as a browser without JavaScript uses it.

Every refused request is checked twice: the status the person sees, and that
the stored rows are exactly what they were before.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from pytest_django import DjangoAssertNumQueries, Settings

from scorecard.method import default_framework
from scorecard.web import framework_i18n
from scorecard.web.editions.models import Invitation, hash_token
from scorecard.web.responses.models import GoalAnswer, Respondent
from tests.web.conftest import Survey, scores, snapshot, start

GOAL3 = (2, -1, None, 0, 5, -5, 3, None, 1, 4)
GOAL5 = (None, None, None, None, None, None, None, None, None, -3)


def stored(goal: int) -> tuple[list[int | None], str]:
    row = GoalAnswer.objects.get(goal=goal)
    return row.scores(), row.comment


def test_it_walks_from_consent_to_submit(client: Client, survey: Survey) -> None:
    response = client.get(survey.url("start"))
    assert response["Location"] == survey.url("consent")
    response = client.post(survey.url("consent"), {"consent": "on"})
    assert response["Location"] == survey.url("profile")
    profile = {"sector": "Media", "gender": "Prefer not to say", "age": "", "region": ""}
    response = client.post(survey.url("profile"), profile)
    assert response["Location"] == survey.url("goals")
    response = client.post(survey.url("goals"), {"goals": ["3", "5"]})
    assert response["Location"] == survey.url("goal", goal=3)
    page = client.get(survey.url("goal", goal=3)).content.decode()
    assert "Goal 1 of 2" in page
    assert page.count("<fieldset") == 10
    assert page.count('type="radio"') == 10 * 12
    response = client.post(survey.url("goal", goal=3), scores(*GOAL3, comment="Clinics close."))
    assert response["Location"] == survey.url("goal", goal=5)
    response = client.post(survey.url("goal", goal=5), scores(*GOAL5))
    assert response["Location"] == survey.url("review")
    review = client.get(survey.url("review")).content.decode()
    assert review.count("Don’t know") == 2 + 9
    assert "Clinics close." in review
    assert client.post(survey.url("review"))["Location"] == survey.url("done")
    assert "See or change your answers" in client.get(survey.url("done")).content.decode()

    person = Respondent.objects.get()
    assert (person.sector, person.gender, person.age, person.region) == (
        "Media",
        "Prefer not to say",
        None,
        "",
    )
    assert person.consent_at is not None
    assert person.submitted_at is not None
    assert stored(3) == (list(GOAL3), "Clinics close.")
    assert stored(5) == (list(GOAL5), "")  # "dk" is NULL, never 0


def test_it_resumes_in_a_new_session_with_answers_preselected(survey: Survey) -> None:
    first = Client()
    start(first, survey)
    first.post(survey.url("goal", goal=3), scores(*GOAL3, comment="Half done"))

    second = Client()  # another browser, or the same one after a restart
    assert second.get(survey.url("start"))["Location"] == survey.url("goal", goal=5)
    page = second.get(survey.url("goal", goal=3)).content.decode()
    assert 'id="a1-p2" value="2" checked' in page
    assert 'id="a2-m1" value="-1" checked' in page
    assert 'id="a3-dk" value="dk" checked' in page
    assert 'id="a4-p0" value="0" checked' in page
    assert page.count(" checked>") == 10
    assert ">Half done</textarea>" in page


def test_it_saves_on_back_and_returns_to_the_previous_page(client: Client, survey: Survey) -> None:
    start(client, survey)
    back = {**scores(*GOAL5), "action": "back"}
    assert client.post(survey.url("goal", goal=5), back)["Location"] == survey.url("goal", goal=3)
    assert stored(5) == (list(GOAL5), "")
    back = {**scores(*GOAL3), "action": "back"}
    assert client.post(survey.url("goal", goal=3), back)["Location"] == survey.url("goals")


def test_it_stores_nothing_for_an_untouched_page(client: Client, survey: Survey) -> None:
    start(client, survey)
    client.post(survey.url("goal", goal=3), scores(*GOAL3))
    before = snapshot()
    untouched = {"comment": "  ", "action": "back"}
    assert client.post(survey.url("goal", goal=5), untouched)["Location"] == survey.url(
        "goal", goal=3
    )
    assert snapshot() == before
    assert client.get(survey.url("start"))["Location"] == survey.url("goal", goal=5)


@pytest.mark.parametrize("value", ["6", "-6", "abc", "1.5", "", "dk2"])
def test_it_refuses_a_score_outside_the_scale(client: Client, survey: Survey, value: str) -> None:
    start(client, survey)
    client.post(survey.url("goal", goal=3), scores(*GOAL3))
    before = snapshot()
    response = client.post(survey.url("goal", goal=3), {**scores(*GOAL5), "a4": value})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert 'id="a4-error"' in page
    assert snapshot() == before


@pytest.mark.parametrize(("goals", "goal"), [((3,), 5), ((3, 5), 4), ((3, 5), 17)])
def test_it_hides_goals_outside_the_questionnaire(
    client: Client, survey: Survey, goals: tuple[int, ...], goal: int
) -> None:
    start(client, survey, goals)
    before = snapshot()
    assert client.get(survey.url("goal", goal=goal)).status_code == 404
    assert client.post(survey.url("goal", goal=goal), scores(*GOAL3)).status_code == 404
    assert snapshot() == before


def test_it_treats_unknown_and_revoked_links_alike(client: Client, survey: Survey) -> None:
    start(client, survey)
    Invitation.objects.get(token_hash=hash_token(survey.tokens[0])).revoke()
    before = snapshot()
    for token in (survey.tokens[0], "not-a-real-token-at-all", "x" * 200):
        for step in ("start", "consent", "review"):
            response = client.get(survey.url(step, token))
            assert response.status_code == 404
            assert "This link is not valid" in response.content.decode()
        response = client.post(survey.url("goal", token, goal=3), scores(*GOAL3))
        assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("change", ["closed", "draft", "past", "future"])
def test_it_stores_nothing_when_the_edition_is_closed(
    client: Client, survey: Survey, change: str
) -> None:
    start(client, survey)
    client.post(survey.url("goal", goal=3), scores(*GOAL3))
    edition = survey.edition
    if change in {"closed", "draft"}:
        edition.status = change
    elif change == "past":
        edition.closes_at = timezone.now() - timedelta(minutes=1)
    else:
        edition.opens_at = timezone.now() + timedelta(days=1)
    edition.save()
    before = snapshot()
    response = client.post(survey.url("goal", goal=3), scores(*GOAL5))
    assert response.status_code == 403
    assert "The survey is closed" in response.content.decode()
    assert client.post(survey.url("review")).status_code == 403
    assert client.post(survey.url("goals"), {"goals": ["5"]}).status_code == 403
    assert snapshot() == before


def test_it_refuses_a_comment_over_the_limit(client: Client, survey: Survey) -> None:
    start(client, survey)
    before = snapshot()
    response = client.post(survey.url("goal", goal=3), scores(*GOAL3, comment="x" * 1_000_000))
    assert response.status_code == 400
    assert 'id="comment-error"' in response.content.decode()
    assert snapshot() == before
    # Line breaks arrive as \r\n but count once, as the browser's maxlength counts them.
    limit = settings.SCORECARD_COMMENT_MAX_CHARS
    fits = "ab\r\n" * (limit // 3)
    assert client.post(survey.url("goal", goal=3), scores(*GOAL3, comment=fits)).status_code == 302
    assert stored(3)[1] == fits.replace("\r\n", "\n").strip()


def test_it_refuses_a_post_without_the_csrf_token(survey: Survey) -> None:
    start(Client(), survey)
    before = snapshot()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(survey.url("goal", goal=3), scores(*GOAL3)).status_code == 403
    assert strict.post(survey.url("review")).status_code == 403
    assert snapshot() == before


def test_it_stores_a_replayed_post_once(client: Client, survey: Survey) -> None:
    start(client, survey)
    first = client.post(survey.url("goal", goal=3), scores(*GOAL3, comment="Same"))
    after_first = snapshot()
    second = client.post(survey.url("goal", goal=3), scores(*GOAL3, comment="Same"))
    assert first.status_code == second.status_code == 302
    assert snapshot() == after_first
    assert GoalAnswer.objects.count() == 1


def test_it_never_shows_another_respondents_answers(survey: Survey) -> None:
    alice, bob = Client(), Client()
    start(alice, survey)
    alice.post(survey.url("goal", goal=3), scores(*GOAL3, comment="Alice's secret"))
    bob_token = survey.tokens[1]
    assert bob.get(survey.url("goal", bob_token, goal=3))["Location"] == survey.url(
        "consent", bob_token
    )
    start(bob, survey, token=bob_token)
    for page in (survey.url("goal", bob_token, goal=3), survey.url("review", bob_token)):
        text = bob.get(page).content.decode()
        assert "Alice's secret" not in text
        assert " checked>" not in text
    assert bob.get(survey.url("start", bob_token))["Location"] == survey.url(
        "goal", bob_token, goal=3
    )


def test_it_deletes_the_answers_of_a_goal_taken_off_the_list(
    client: Client, survey: Survey
) -> None:
    start(client, survey)
    client.post(survey.url("goal", goal=3), scores(*GOAL3))
    client.post(survey.url("goal", goal=5), scores(*GOAL5))
    assert client.post(survey.url("goals"), {"goals": ["5"]}).status_code == 302
    assert list(GoalAnswer.objects.values_list("goal", flat=True)) == [5]
    before = snapshot()
    assert client.post(survey.url("goals"), {}).status_code == 400
    assert client.post(survey.url("goals"), {"goals": ["4"]}).status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize(
    "profile",
    [
        {"sector": "Government", "gender": "Female"},
        {"sector": "NGO", "gender": ""},
        {"sector": "NGO", "gender": "Male", "age": "14"},
        {"sector": "NGO", "gender": "Male", "age": "121"},
        {"sector": "NGO", "gender": "Male", "region": "r" * 101},
    ],
)
def test_it_refuses_an_invalid_profile(
    client: Client, survey: Survey, profile: dict[str, str]
) -> None:
    client.post(survey.url("consent"), {"consent": "on"})
    before = snapshot()
    response = client.post(survey.url("profile"), profile)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert snapshot() == before


def test_it_keeps_editing_open_after_submit(client: Client, survey: Survey) -> None:
    start(client, survey, (3,))
    client.post(survey.url("goal", goal=3), scores(*GOAL3))
    client.post(survey.url("review"))
    assert client.post(survey.url("goal", goal=3), scores(*GOAL5)).status_code == 302
    assert stored(3) == (list(GOAL5), "")
    assert survey.url("review") in client.get(survey.url("done")).content.decode()


def test_it_reads_a_goal_page_in_few_queries(
    client: Client, survey: Survey, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    start(client, survey)
    with django_assert_max_num_queries(3):
        assert client.get(survey.url("goal", goal=3)).status_code == 200


@pytest.mark.parametrize(
    ("language", "goal_name"),
    [("ru", "Хорошее здоровье и благополучие"), ("kk", "Жақсы денсаулық және әл-ауқат")],
)
def test_it_speaks_russian_and_kazakh(
    client: Client, survey: Survey, language: str, goal_name: str
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = {
        "consent": "Before you start",
        "profile": "About you",
        "goals": "Choose your goals",
        "goal": "Save and continue",
        "review": "Check your answers",
        "done": "Thank you",
    }
    start(client, survey, (3,))
    client.post(survey.url("goal", goal=3), scores(*GOAL3))
    client.post(survey.url("review"))
    for step, english in pages.items():
        url = survey.url(step, goal=3) if step == "goal" else survey.url(step)
        text = client.get(url).content.decode()
        with translation.override(language):
            expected = gettext(english)
        assert expected != english
        assert expected in text
        assert f'<html lang="{language}">' in text
        assert english not in text
    assert goal_name in client.get(survey.url("goal", goal=3)).content.decode()


def test_it_gives_an_open_link_visitor_a_personal_link(client: Client, survey: Survey) -> None:
    url = f"/r/open/{survey.edition.slug}/shared-key/"
    assert client.get(url).status_code == 200
    assert Invitation.objects.count() == 2  # a link preview creates nothing
    response = client.post(url, {"consent": "on"})
    assert response.status_code == 302
    assert Invitation.objects.count() == 3
    person = Respondent.objects.get()
    assert person.consent_at is not None
    assert client.get(response["Location"])["Location"].endswith("/profile/")
    for wrong in ("/r/open/kz-2024/wrong-key/", "/r/open/no-such-edition/shared-key/"):
        assert client.post(wrong, {"consent": "on"}).status_code == 404
    assert Respondent.objects.count() == 1


def test_it_rate_limits_the_open_link_per_client(
    client: Client, survey: Survey, settings: Settings
) -> None:
    settings.SCORECARD_OPEN_LINK_PER_HOUR = 3
    url = f"/r/open/{survey.edition.slug}/shared-key/"
    for _ in range(3):
        assert client.post(url, {"consent": "on"}, REMOTE_ADDR="10.0.0.1").status_code == 302
    refused = client.post(url, {"consent": "on"}, REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3601
    assert Respondent.objects.count() == 3
    assert client.post(url, {"consent": "on"}, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert Respondent.objects.count() == 4


def test_it_counts_the_address_a_trusted_proxy_saw(
    client: Client, survey: Survey, settings: Settings
) -> None:
    settings.SCORECARD_OPEN_LINK_PER_HOUR = 1
    settings.SCORECARD_TRUSTED_PROXY_COUNT = 1
    url = f"/r/open/{survey.edition.slug}/shared-key/"
    for forwarded, status in [("1.1.1.1", 302), ("2.2.2.2", 302), ("9.9.9.9, 1.1.1.1", 429)]:
        response = client.post(
            url, {"consent": "on"}, HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.1"
        )
        assert response.status_code == status
    # One household's IPv6 /64 is one client.
    ipv6 = [("2001:db8:1:1::5", 302), ("2001:db8:1:1::6", 429), ("2001:db8:1:2::5", 302)]
    for address, status in ipv6:
        response = client.post(
            url, {"consent": "on"}, HTTP_X_FORWARDED_FOR=address, REMOTE_ADDR="127.0.0.1"
        )
        assert response.status_code == status


def test_it_starts_nothing_from_the_open_link_of_a_closed_edition(
    client: Client, survey: Survey
) -> None:
    survey.edition.status = "closed"
    survey.edition.save()
    response = client.post(f"/r/open/{survey.edition.slug}/shared-key/", {"consent": "on"})
    assert response.status_code == 403
    assert Invitation.objects.count() == 2
    assert not Respondent.objects.exists()


def test_it_lists_every_default_framework_name_for_translation() -> None:
    fw = default_framework()
    assert tuple(g.name for g in fw.goals) == framework_i18n.GOALS
    assert tuple(a.name for a in fw.areas) == framework_i18n.AREAS
    assert tuple(a.description for a in fw.areas) == framework_i18n.AREA_DESCRIPTIONS
    assert tuple(p.name for p in fw.pillars) == framework_i18n.PILLARS
    assert tuple(b.name for b in fw.bands) == framework_i18n.BANDS


def test_radio_groups_escape_the_field_and_check_only_the_saved_answer() -> None:
    from scorecard.method import default_framework
    from scorecard.web.responses.pages import escaped_options, radio_group

    options = escaped_options(default_framework())
    html = radio_group('a1"><script>', options, "-2", "Don&#x27;t know")
    assert "<script>" not in html
    assert 'name="a1&quot;&gt;&lt;script&gt;"' in html
    assert html.count('type="radio"') == len(options) + 1
    assert html.count(" checked") == 1
    assert 'value="-2" checked' in html
    assert 'value="dk" checked' in radio_group("a1", options, "dk", "x")
