"""Load the sample edition into the database for `scorecard demo`."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction

from scorecard.analysis import Answers
from scorecard.interop import read_answers
from scorecard.method import Edition as CoreEdition
from scorecard.report import Meeting as CoreMeeting
from scorecard.report import Narrative
from scorecard.sample import SAMPLE_EDITION, STORY_LANGUAGES, sample_edition, sample_story
from scorecard.web.editions.models import Edition, Role
from scorecard.web.networks.models import Comparable, Network, NetworkRole
from scorecard.web.reports.models import Meeting, NarrativeVersion, Suggestion
from scorecard.web.reports.publishing import publish
from scorecard.web.responses.store import import_answers

DEMO_SLUG = "kazakhstan-2022-sample"
DEMO_USER = "coordinator"
NETWORK_SLUG = "central-asia-sample"
# Later and neighbouring editions, so the demo shows a comparison and a network synthesis.
MORE_EDITIONS = (("Kazakhstan", 2023), ("Kyrgyzstan", 2022), ("Uzbekistan", 2022))


@dataclass(frozen=True)
class DemoInfo:
    slug: str
    later_slug: str
    network_slug: str
    username: str
    password: str
    tokens: tuple[str, ...]


def load_demo(answers_csv: Path) -> DemoInfo:
    """Fresh demo edition each run; a new random password is printed, never a fixed one."""
    call_command("migrate", interactive=False, verbosity=0)
    answers = read_answers(answers_csv)
    with transaction.atomic():
        user_model = get_user_model()
        user = user_model.objects.filter(username=DEMO_USER).first()
        if user is None:
            user = user_model(username=DEMO_USER)
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.save()
        edition = _store_edition(DEMO_SLUG, SAMPLE_EDITION, answers, Edition.Status.OPEN, user)
        _store_story(edition, user)
        tokens = edition.create_invitations(3)
        others = [_sample_edition(country, year, user) for country, year in MORE_EDITIONS]
        later = others[0]
        _store_story(later, user)
        Comparable.objects.create(edition=later, earlier=edition)
        # Published as a coalition would, so the demo has a public page; the demo's
        # background worker renders its files within a minute.
        later.transition("validate")
        publish(later, user.pk, None)
        Network.objects.filter(slug=NETWORK_SLUG).delete()
        network = Network.objects.create(
            slug=NETWORK_SLUG, name="Central Asia CSO network (synthetic sample data)"
        )
        network.editions.set([edition, *others])
        NetworkRole.objects.create(user=user, network=network, kind=NetworkRole.Kind.COORDINATOR)
    return DemoInfo(DEMO_SLUG, later.slug, NETWORK_SLUG, DEMO_USER, password, tuple(tokens))


def _sample_edition(country: str, year: int, coordinator: User) -> Edition:
    answers, core = sample_edition(country, year)
    slug = f"{country.lower()}-{year}-sample"
    return _store_edition(slug, core, answers, Edition.Status.CLOSED, coordinator)


def _store_edition(
    slug: str, core: CoreEdition, answers: Answers, status: str, coordinator: User
) -> Edition:
    """A sample edition as a new row (any earlier one with its slug goes), with its answers."""
    Edition.objects.filter(slug=slug).delete()
    edition = Edition.objects.create(
        slug=slug,
        title=core.title,
        country=core.country,
        year=core.year or 2022,
        organisation=core.organisation,
        texts=core.texts_by_field(),  # title, country and organisation in ru and kk
        languages=list(core.languages),
        goals=list(answers.framework.goal_numbers),
        status=Edition.Status.OPEN,
        synthetic=True,
    )
    import_answers(edition, answers)
    if status == Edition.Status.CLOSED:
        edition.transition("close")
    Role.objects.create(user=coordinator, edition=edition, kind=Role.Kind.COORDINATOR)
    return edition


def _store_story(edition: Edition, author: User) -> None:
    """The synthetic narrative and validation meetings, as a coordinator would have saved them.

    Without them a newcomer's first report is a page of "Section not written yet."
    The narrative is stored in every language the sample story ships and the edition
    offers, so its Russian report reads Russian. Meetings are stored once (their
    facts are one), from the first of them, with the titles, suggestions and notes of
    the other languages as those meetings' translations.
    """
    offered = list(edition.languages or ["en"])
    shipped = [code for code in offered if code in STORY_LANGUAGES]
    # None shipped: the first language gets the English story, as every demo once did.
    stories = {
        language: sample_story(language, edition.framework, edition.year)
        for language in shipped or offered[:1]
    }
    NarrativeVersion.objects.bulk_create(
        NarrativeVersion(edition=edition, key=key, language=language, text=text, author=author)
        for language, (narrative, _) in stories.items()
        for key, text in _texts(narrative).items()
    )
    base, *others = stories
    # Every language's meetings file holds the same meetings, and suggestions, in the
    # same order (sample_story/{en,ru,kk}/meetings.toml): they are matched by position,
    # and strict zips fail loudly should a file ever gain or lose one.
    translated = [stories[language][1] for language in others]
    for m, *versions in zip(stories[base][1], *translated, strict=True):
        _store_meeting(edition, m, dict(zip(others, versions, strict=True)))


def _texts(narrative: Narrative) -> dict[str, str]:
    """The workspace's section keys (reports/convert.py reads them back) and their texts."""
    texts = {
        "context": narrative.context,
        "methodology": narrative.methodology,
        "recommendations": narrative.recommendations,
        "full_report": narrative.full_report,
        **{f"pillar:{key}": text for key, text in narrative.pillars},
    }
    for g in narrative.goals:
        texts[f"goal:{g.goal}:findings"] = g.findings
        texts[f"goal:{g.goal}:recommendations"] = g.recommendations
        texts[f"goal:{g.goal}:quotes"] = "\n\n".join(g.quotes)
    return {key: text for key, text in texts.items() if text}


def _store_meeting(edition: Edition, m: CoreMeeting, translations: dict[str, CoreMeeting]) -> None:
    """One meeting; ``translations`` is the same meeting in other languages (their texts only)."""
    stored = Meeting.objects.create(
        edition=edition,
        date=m.date,
        format=m.format.value,
        title=m.title,
        participants=[list(p) for p in m.participants],
        goals=list(m.goals),
        texts={language: {"title": t.title} for language, t in translations.items() if t.title},
    )
    languages = list(translations)
    others = (t.suggestions for t in translations.values())
    per_suggestion = zip(m.suggestions, *others, strict=True)
    Suggestion.objects.bulk_create(
        Suggestion(
            meeting=stored,
            text=s.text,
            decision=s.decision.value,
            note=s.note,
            goal=s.goal,
            texts={
                language: {"text": t.text, "note": t.note} if t.note else {"text": t.text}
                for language, t in zip(languages, versions, strict=True)
            },
        )
        for s, *versions in per_suggestion
    )
