"""A synthetic edition that looks like People's Scorecard Kazakhstan 2022.

It is labelled as synthetic everywhere it can be (edition title and flag,
respondent ids, a banner in every report) so nobody mistakes it for the real
survey. Figures are designed, not real: goals 2, 3 and 17 come out highest,
10, 11 and 16 lowest, most key areas in the Low band, as in the seed deck.
``sample_edition`` adds synthetic editions of other years and of Kyrgyzstan
and Uzbekistan, for comparisons and the network view (docs/compare.md).

The Kazakhstan sample also ships a synthetic narrative and two validation
meetings in English, Russian and Kazakh (``sample_story/``), so a newcomer's
first report reads as a finished one instead of a page of empty sections.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from scorecard.answers import MISSING, Answers, Comment, Respondents
from scorecard.method import Edition, Framework, default_framework

if TYPE_CHECKING:
    from scorecard.report import Meeting, Narrative

SAMPLE_NAMES = {
    "Kazakhstan": {"en": "Kazakhstan", "ru": "Казахстан", "kk": "Қазақстан"},
    "Kyrgyzstan": {"en": "Kyrgyzstan", "ru": "Кыргызстан", "kk": "Қырғызстан"},
    "Uzbekistan": {"en": "Uzbekistan", "ru": "Узбекистан", "kk": "Өзбекстан"},
}


def sample_texts(country: str, year: int) -> tuple[tuple[str, str, str], ...]:
    """Title, country and organisation in Russian and Kazakh: a sample report in
    Russian must not read "Kazakhstan" or an English title (docs/glossary.md)."""
    names = SAMPLE_NAMES.get(country, {})
    texts = {
        "en": (
            f"People's Scorecard {country} {year} (synthetic sample data)",
            "the Synthetic Sample Coalition (not a real survey)",
        ),
        "ru": (
            f"Народная оценочная карта: {names.get('ru', country)}, {year} "
            "(синтетические данные для примера)",
            "Синтетическая коалиция для примера (не настоящий опрос)",
        ),
        "kk": (
            f"Халықтық бағалау картасы: {names.get('kk', country)}, {year} "
            "(мысалға арналған синтетикалық деректер)",
            "Мысалға арналған синтетикалық коалиция (нақты сауалнама емес)",
        ),
    }
    return tuple(
        triple
        for language, (title, organisation) in texts.items()
        for triple in (
            ("title", language, title),
            ("country", language, names.get(language, country)),
            ("organisation", language, organisation),
        )
    )


SAMPLE_EDITION = Edition(
    title="People's Scorecard Kazakhstan 2022 (synthetic sample data)",
    country="Kazakhstan",
    year=2022,
    organisation="the Synthetic Sample Coalition (not a real survey)",
    synthetic=True,
    languages=("en", "ru", "kk"),
    texts=sample_texts("Kazakhstan", 2022),
)

# Designed goal means on the -5..+5 scale (percent = mean x 20).
GOAL_MEANS = {
    1: 1.7, 2: 2.6, 3: 2.7, 4: 1.8, 5: 1.8, 6: 1.9, 7: 1.8, 8: 1.7, 9: 1.7,
    10: 0.8, 11: 0.9, 12: 1.7, 13: 1.5, 14: 1.7, 15: 1.9, 16: 0.7, 17: 2.5,
}  # fmt: skip
# Local implementation and participation score lower than strategies, as the seed reports.
AREA_SHIFT = (0.2, 0.15, 0.1, 0.05, -0.35, 0.0, -0.1, -0.25, -0.05, -0.15)
SECTORS = (
    ("NGO", 0.38),
    ("Public association", 0.2),
    ("Academic/educational", 0.16),
    ("Media", 0.1),
    ("Community-based organisation", 0.1),
    ("Other", 0.06),
)
REGIONS = (
    "Almaty", "Astana", "Shymkent", "Karaganda region", "East Kazakhstan region",
    "Aktobe region", "Mangystau region", "Kostanay region", "Turkistan region", "Pavlodar region",
)  # fmt: skip
COMMENTS = (
    "Programmes are announced nationally but poorly implemented at the local level.",
    "The budget is not transparent and local budgets are spent inappropriately.",
    "CSOs are invited to dialogue platforms, but their proposals are rarely taken up.",
    "Indicators exist, but data by region and vulnerable group are missing.",
    "Программы хорошо прописаны на национальном уровне, но слабо реализуются на местах.",
    "Необходимо повысить потенциал местных органов власти и прозрачность бюджета.",
    "Гражданское общество мало вовлечено в мониторинг и отчётность.",
    "Жергілікті деңгейде бағдарламалар әлсіз жүзеге асырылуда.",
    "Азаматтық қоғамның шешім қабылдауға қатысуы жеткіліксіз.",
    "Ақпараттың ашықтығы мен есептілік тетіктерін күшейту қажет.",
)


def sample_answers(respondents: int = 61, seed: int = 2022) -> Answers:
    """Sparse answers: each respondent rates the 2-7 goals they know, some areas 'dk'."""
    return _generate(respondents, seed, GOAL_MEANS, REGIONS, COMMENTS)


def _generate(
    respondents: int,
    seed: int,
    goal_means: Mapping[int, float],
    regions: Sequence[str],
    comments_pool: Sequence[str],
    camps: frozenset[int] = frozenset(),
) -> Answers:
    """The generator; goals in ``camps`` split respondents into two camps far apart.

    With no camps it draws exactly what it always drew (the same random stream).
    """
    fw = default_framework()
    rng = np.random.default_rng(seed)
    goals = fw.goal_numbers
    n_goals, n_areas = len(goals), len(fw.areas)
    dense = np.full((respondents, n_goals, n_areas), MISSING, dtype=np.int8)
    popularity = np.array([1.6 if g in (3, 4, 5, 16) else 1.0 for g in goals])
    popularity /= popularity.sum()
    comments: list[Comment] = []
    for r in range(respondents):
        k = int(rng.integers(2, 8))
        chosen = rng.choice(n_goals, size=k, replace=False, p=popularity)
        leniency = rng.normal(0, 0.5)
        for gi in chosen:
            centre = goal_means[goals[gi]] + np.asarray(AREA_SHIFT) + leniency
            if goals[gi] in camps:
                centre = centre + (3.0 if rng.random() < 0.5 else -3.0)
            scores = np.clip(np.rint(rng.normal(centre, 1.5)), -5, 5).astype(np.int8)
            scores[rng.random(n_areas) < 0.08] = MISSING
            dense[r, gi] = scores
            if rng.random() < 0.3:
                comments.append(Comment(r, goals[gi], str(rng.choice(comments_pool))))
    women = round(respondents * 0.54)
    genders = rng.permutation(["Female"] * women + ["Male"] * (respondents - women))
    ages = np.clip(np.rint(rng.normal(46, 13, size=respondents)), 20, 81).astype(int)
    if respondents >= 2:
        ages[0], ages[1] = 20, 81
    labels, weights = zip(*SECTORS, strict=True)
    table = Respondents.build(
        [f"synthetic-{i + 1:03d}" for i in range(respondents)],
        sector=list(rng.choice(labels, size=respondents, p=weights)),
        gender=list(genders),
        region=list(rng.choice(list(regions), size=respondents)),
        age=[int(a) for a in ages],
    )
    return Answers.from_dense(fw, table, dense, tuple(comments))


@dataclass(frozen=True)
class _Country:
    regions: tuple[str, ...]
    respondents: int
    shift: Mapping[int, float]  # added to GOAL_MEANS: each country has its own profile
    comments: tuple[str, ...]
    camps: frozenset[int] = frozenset()  # goals experts disagree on (analysis/agreement.py)


# Designed, not real: synthetic profiles so the network view has something to show.
COUNTRIES = {
    "Kazakhstan": _Country(REGIONS, 61, {}, COMMENTS, frozenset({16})),
    "Kyrgyzstan": _Country(
        ("Bishkek", "Osh", "Chuy region", "Issyk-Kul region", "Naryn region",
         "Talas region", "Jalal-Abad region", "Batken region"),
        48,
        {1: -0.5, 2: -0.3, 6: -0.4, 7: -0.6, 9: -0.5, 10: 0.2, 16: -0.2, 17: 0.1},
        COMMENTS[:7],
        frozenset({7}),
    ),
    "Uzbekistan": _Country(
        ("Tashkent", "Samarkand region", "Bukhara region", "Fergana region",
         "Andijan region", "Namangan region", "Khorezm region", "Karakalpakstan"),
        55,
        {3: 0.3, 4: 0.4, 5: -0.3, 8: 0.4, 9: 0.5, 10: -0.2, 11: 0.3, 16: -0.4},
        COMMENTS[:7],
        frozenset({10}),
    ),
}  # fmt: skip
YEAR_DRIFT = 0.25
"""Per year after 2022, every goal drifts up this much: later editions show some change."""


def sample_edition(
    country: str = "Kazakhstan", year: int = 2022, seed: int | None = None
) -> tuple[Answers, Edition]:
    """A synthetic edition of ``country`` (Kazakhstan, Kyrgyzstan, Uzbekistan) in ``year``.

    Kazakhstan 2022 is exactly ``sample_answers()`` and ``SAMPLE_EDITION``. The
    seed defaults to one derived from country and year, so each edition is
    reproducible and different from the others.
    """
    try:
        profile = COUNTRIES[country]
    except KeyError:
        known = ", ".join(COUNTRIES)
        raise ValueError(f"no sample data for {country!r}; choose one of {known}") from None
    if country == "Kazakhstan" and year == 2022 and seed in (None, 2022):
        return sample_answers(61, 2022), SAMPLE_EDITION
    if seed is None:
        seed = year * 100 + sorted(COUNTRIES).index(country)
    drift = YEAR_DRIFT * (year - 2022)
    means = {g: m + profile.shift.get(g, 0.0) + drift for g, m in GOAL_MEANS.items()}
    n = profile.respondents + 13 * max(0, year - 2022)
    answers = _generate(n, seed, means, profile.regions, profile.comments, profile.camps)
    edition = Edition(
        title=f"People's Scorecard {country} {year} (synthetic sample data)",
        country=country,
        year=year,
        organisation="the Synthetic Sample Coalition (not a real survey)",
        synthetic=True,
        languages=("en", "ru", "kk") if country == "Kazakhstan" else ("en", "ru"),
        texts=sample_texts(country, year),
    )
    return answers, edition


def edition_toml(edition: Edition) -> str:
    """The edition file written beside sample answers (read back by interop.load_edition)."""
    languages = ", ".join(f'"{x}"' for x in edition.languages)

    def text(name: str) -> str:
        """One text, or a table of it per language (``title = { en = "...", ru = "..." }``)."""
        given = {"en": str(getattr(edition, name))} | edition.texts_by_field().get(name, {})
        if len(given) == 1:
            return json.dumps(given["en"], ensure_ascii=False)
        return (
            "{ "
            + ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in given.items())
            + " }"
        )

    return (
        f"title = {text('title')}\n"
        f"country = {text('country')}\n"
        f"year = {edition.year}\n"
        f"organisation = {text('organisation')}\n"
        f"synthetic = {'true' if edition.synthetic else 'false'}\n"
        f"languages = [{languages}]\n"
    )


STORY = Path(__file__).with_name("sample_story")
STORY_LANGUAGES = ("en", "ru", "kk")
STORY_YEAR = 2022
"""The year the sample meetings are dated in; other editions move them to their own year."""


def story_names(language: str) -> tuple[str, str]:
    """The narrative folder and meetings file of ``language`` beside an answers file.

    English takes the plain names (the layout of docs/report.md); another language adds
    its code, so one folder holds the story in every language and ``scorecard report``
    picks the one of the report's language.
    """
    if language == "en":
        return "narrative", "meetings.toml"
    return f"narrative-{language}", f"meetings-{language}.toml"


def story_files(year: int = STORY_YEAR) -> dict[str, str]:
    """Every file of the synthetic story, by the path ``scorecard sample`` writes it to."""
    files: dict[str, str] = {}
    for language in STORY_LANGUAGES:
        folder, meetings = story_names(language)
        source = STORY / language
        for path in sorted((source / "narrative").rglob("*.md")):
            name = path.relative_to(source / "narrative").as_posix()
            files[f"{folder}/{name}"] = path.read_text("utf-8")
        text = (source / "meetings.toml").read_text("utf-8")
        files[meetings] = text.replace(f"date = {STORY_YEAR}-", f"date = {year}-")
    return files


def sample_story(
    language: str, framework: Framework, year: int = STORY_YEAR
) -> tuple[Narrative, tuple[Meeting, ...]]:
    """The synthetic narrative and meetings in ``language`` (English for one not shipped).

    Meetings move to ``year``, so a later sample edition is not validated before it ran.
    """
    from scorecard.report import load_meetings, load_narrative

    source = STORY / (language if language in STORY_LANGUAGES else "en")
    narrative = load_narrative(source / "narrative", framework)
    meetings = load_meetings(source / "meetings.toml", framework)
    moved = tuple(dataclasses.replace(m, date=m.date.replace(year=year)) for m in meetings)
    return narrative, moved
