"""Synthetic sample editions stored as a coordinator's import would store them."""

from __future__ import annotations

from django.contrib.auth.models import User

from scorecard.sample import sample_edition
from scorecard.web.editions.models import Edition, Role
from scorecard.web.responses.store import import_answers


def stored(country: str, year: int, coordinator: User | None = None) -> Edition:
    """An open edition with the country's synthetic answers (close it with ``transition``)."""
    answers, core = sample_edition(country, year)
    edition = Edition.objects.create(
        slug=f"{country.lower()}-{year}", title=core.title, country=country, year=year,
        goals=list(answers.framework.goal_numbers), status="open",
    )  # fmt: skip
    import_answers(edition, answers)
    if coordinator is not None:
        Role.objects.create(user=coordinator, edition=edition, kind="coordinator")
    return edition
