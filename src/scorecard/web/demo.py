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
from scorecard.sample import SAMPLE_EDITION, sample_edition
from scorecard.web.editions.models import Edition, Role
from scorecard.web.networks.models import Comparable, Network, NetworkRole
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
        tokens = edition.create_invitations(3)
        others = [_sample_edition(country, year, user) for country, year in MORE_EDITIONS]
        later = others[0]
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
