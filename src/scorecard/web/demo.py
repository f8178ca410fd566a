"""Load the sample edition into the database for `scorecard demo`."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from scorecard.interop import read_answers
from scorecard.sample import SAMPLE_EDITION
from scorecard.web.editions.models import Edition, Role
from scorecard.web.editions.store import import_answers

DEMO_SLUG = "kazakhstan-2022-sample"
DEMO_USER = "coordinator"


@dataclass(frozen=True)
class DemoInfo:
    slug: str
    username: str
    password: str
    tokens: tuple[str, ...]


def load_demo(answers_csv: Path) -> DemoInfo:
    """Fresh demo edition each run; a new random password is printed, never a fixed one."""
    call_command("migrate", interactive=False, verbosity=0)
    answers = read_answers(answers_csv)
    core = SAMPLE_EDITION
    with transaction.atomic():
        Edition.objects.filter(slug=DEMO_SLUG).delete()
        edition = Edition.objects.create(
            slug=DEMO_SLUG,
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
        user_model = get_user_model()
        user = user_model.objects.filter(username=DEMO_USER).first()
        if user is None:
            user = user_model(username=DEMO_USER)
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.save()
        Role.objects.create(user=user, edition=edition, kind=Role.Kind.COORDINATOR)
        tokens = edition.create_invitations(3)
    return DemoInfo(DEMO_SLUG, DEMO_USER, password, tuple(tokens))
