"""A respondent's way through the questionnaire, with the mouse, as the browser tests share it.

Controls are found by the text a person reads (labels, button names) in the
page's language, so a step fails when a page shows the wrong language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from django.utils import timezone
from playwright.sync_api import Page, expect

from scorecard.web.editions.models import Invitation, hash_token
from scorecard.web.responses.models import GoalAnswer, Respondent, pack_dont_know

Scores = tuple[int | None, ...]
"""Ten answers of one goal page, area 1 first; None is "Don't know"."""

GOAL3: Scores = (4, 3, -2, None, 5, 0, 1, 2, -5, 3)
GOAL16: Scores = (-1, 0, 2, -3, 1, None, -4, 5, 2, 1)
GOALS = (3, 16)
EDITION_TITLE = "Kazakhstan 2024"


@dataclass(frozen=True)
class Words:
    """What a respondent reads, as src/scorecard/locale/<lang>/LC_MESSAGES/django.po words it."""

    language: str
    change: str  # the language switch's button
    before_you_start: str
    agree: str
    start: str
    about_you: str
    female: str
    choose_goals: str
    goal_names: dict[int, str]
    save: str
    back: str
    dont_know: str
    check_answers: str
    submit: str
    thank_you: str


EN = Words(
    language="en",
    change="Change",
    before_you_start="Before you start",
    agree="I agree to take part in this survey.",
    start="Start the survey",
    about_you="About you",
    female="Female",
    choose_goals="Choose your goals",
    goal_names={3: "Good health and well-being", 16: "Peace, justice and strong institutions"},
    save="Save and continue",
    back="Back",
    dont_know="Don’t know",
    check_answers="Check your answers",
    submit="Submit",
    thank_you="Thank you",
)
RU = Words(
    language="ru",
    change="Изменить",
    before_you_start="Прежде чем начать",
    agree="Я согласен(-на) участвовать в этом опросе.",
    start="Начать опрос",
    about_you="О вас",
    female="Женский",
    choose_goals="Выберите цели",
    goal_names={
        3: "Хорошее здоровье и благополучие",
        16: "Мир, правосудие и эффективные институты",
    },
    save="Сохранить и продолжить",
    back="Назад",
    dont_know="Не знаю",
    check_answers="Проверьте ответы",
    submit="Отправить",
    thank_you="Спасибо",
)
KK = Words(
    language="kk",
    change="Өзгерту",
    before_you_start="Бастамас бұрын",
    agree="Осы сауалнамаға қатысуға келісемін.",
    start="Сауалнаманы бастау",
    about_you="Өзіңіз туралы",
    female="Әйел",
    choose_goals="Мақсаттарды таңдаңыз",
    goal_names={
        3: "Жақсы денсаулық және әл-ауқат",
        16: "Бейбітшілік, сот төрелігі және тиімді институттар",
    },
    save="Сақтау және жалғастыру",
    back="Артқа",
    dont_know="Білмеймін",
    check_answers="Жауаптарыңызды тексеріңіз",
    submit="Жіберу",
    thank_you="Рақмет",
)
WORDS = {"en": EN, "ru": RU, "kk": KK}


def signed(value: int) -> str:
    """A scale point's label as the page writes it: +3, 0, −3 (a real minus sign)."""
    if value > 0:
        return f"+{value}"
    return "0" if value == 0 else f"\u2212{-value}"


def percent(values: Scores) -> str:
    """A goal's score for one respondent, by hand: mean of the rated areas x 20, one decimal.

    METHOD: percent = (mean - 0) / (5 - 0) x 100; "Don't know" is left out;
    halves round away from zero; the report writes a real minus sign.
    """
    rated = [v for v in values if v is not None]
    tenths = Fraction(sum(rated), len(rated)) * 20 * 10
    whole = int(abs(tenths) + Fraction(1, 2))
    sign = "\u2212" if tenths < 0 and whole else ""
    return f"{sign}{whole // 10}.{whole % 10}%"


def expect_language(page: Page, words: Words, heading: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", words.language)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)


def switch_language(page: Page, language: str, shown: Words = EN) -> Words:
    """The header's select and its "Change" button, read in the language ``shown`` now."""
    expect(page.locator("html")).to_have_attribute("lang", shown.language)
    page.locator("#language-switch").select_option(language)
    page.get_by_role("button", name=shown.change, exact=True).click()
    words = WORDS[language]
    expect(page.locator("html")).to_have_attribute("lang", language)
    return words


def give_consent(page: Page, words: Words) -> None:
    expect_language(page, words, words.before_you_start)
    page.get_by_label(words.agree).check()
    page.get_by_role("button", name=words.start).click()


def fill_profile(page: Page, words: Words) -> None:
    expect_language(page, words, words.about_you)
    page.locator("#id_sector").select_option("NGO")
    page.get_by_label(words.female, exact=True).check()
    page.locator("#id_age").fill("40")
    page.locator("#id_region").fill("Almaty")
    page.get_by_role("button", name=words.save).click()


def choose_goals(page: Page, words: Words, goals: tuple[int, ...] = GOALS) -> None:
    expect_language(page, words, words.choose_goals)
    for goal in goals:
        page.get_by_label(words.goal_names[goal]).check()
    page.get_by_role("button", name=words.save).click()


def tick(page: Page, words: Words, values: Scores) -> None:
    """Click each area's answer by the text on its button: "+3", "−2" or "Don't know"."""
    for number, value in enumerate(values, start=1):
        text = words.dont_know if value is None else signed(value)
        area = page.locator(f"#area-{number}")
        area.locator("label").filter(has_text=re.compile(f"^{re.escape(text)}$")).click()
        expect(area.get_by_label(text, exact=True)).to_be_checked()


def answer_goal(page: Page, words: Words, goal: int, values: Scores, comment: str = "") -> None:
    expect_language(page, words, words.goal_names[goal])
    tick(page, words, values)
    if comment:
        page.get_by_role("textbox").fill(comment)
    page.get_by_role("button", name=words.save).click()


def expect_checked(page: Page, values: Scores) -> None:
    """The page shows exactly these answers selected (a saved page pre-selects them)."""
    for number, value in enumerate(values, start=1):
        wanted = "dk" if value is None else str(value)
        checked = page.locator(f"#area-{number} input[type=radio]:checked")
        expect(checked).to_have_count(1)
        expect(checked).to_have_value(wanted)


def review_and_submit(page: Page, words: Words) -> None:
    expect_language(page, words, words.check_answers)
    # Each "Don't know" is shown as such, once per goal page in these answers.
    expect(page.get_by_role("cell", name=words.dont_know, exact=True)).to_have_count(2)
    page.get_by_role("button", name=words.submit, exact=True).click()
    expect_language(page, words, words.thank_you)


def complete(page: Page, token: str, words: Words = EN) -> None:
    """The whole questionnaire through a personal link, in the page's current language."""
    page.goto(f"/r/{token}/")
    give_consent(page, words)
    fill_profile(page, words)
    choose_goals(page, words)
    answer_goal(page, words, 3, GOAL3, comment="Clinics in the regions lack staff.")
    answer_goal(page, words, 16, GOAL16)
    review_and_submit(page, words)


def stored(token: str) -> dict[int, Scores]:
    """The GoalAnswer rows of the respondent behind a link, NULL as None."""
    person = Respondent.objects.get(invitation__token_hash=hash_token(token))
    return {row.goal: tuple(row.scores()) for row in GoalAnswer.objects.filter(respondent=person)}


def log_in(page: Page, username: str, password: str) -> None:
    """The coordinator's login form, as a person fills it."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your editions")


def seed(
    token: str,
    answers: dict[int, Scores],
    *,
    submitted: bool = True,
    chosen: list[int] | None = None,
) -> Respondent:
    """A respondent stored directly, for tests whose subject is not how answers get in."""
    invitation = Invitation.objects.select_related("edition").get(token_hash=hash_token(token))
    person = Respondent.objects.create(
        edition=invitation.edition, invitation=invitation, consent_at=timezone.now(),
        submitted_at=timezone.now() if submitted else None, sector="NGO", gender="Female",
        age=40, region="Almaty", chosen_goals=chosen or sorted(answers),
    )  # fmt: skip
    for goal, values in answers.items():
        areas = dict(zip((f"a{i}" for i in range(1, 11)), values, strict=True))
        dont_know = pack_dont_know([v is None for v in values])  # None is "Don't know" here
        GoalAnswer.objects.create(
            respondent=person, goal=goal, comment="A comment.", dont_know=dont_know, **areas
        )
    return person
