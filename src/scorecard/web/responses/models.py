"""Respondents and their answers: one row per respondent x goal (DESIGN.md).

No name or e-mail is stored with answers; the invitation links a respondent to
nothing but a hashed token.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from scorecard.web.editions.models import Edition, Invitation

AREA_FIELDS = tuple(f"a{i}" for i in range(1, 11))


class Respondent(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="respondents")
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="respondent"
    )
    sector = models.CharField(_("sector"), max_length=60, blank=True)
    gender = models.CharField(_("gender"), max_length=30, blank=True)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    # What a respondent wrote where the sector or gender matched no choice and was stored
    # as "Other": for the coordinators only, never grouped by or shown in an output.
    sector_other = models.CharField(
        _("sector (other, as written)"), max_length=200, blank=True, default="", db_default=""
    )
    gender_other = models.CharField(
        _("gender (other, as written)"), max_length=200, blank=True, default="", db_default=""
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    chosen_goals = models.JSONField(default=list)
    language = models.CharField(max_length=5, default="en")
    submitted_at = models.DateTimeField(null=True, blank=True)
    external_id = models.CharField(max_length=100, blank=True)  # id from an imported file
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["edition", "external_id"],
                condition=~models.Q(external_id=""),
                name="one_import_id_per_edition",
            )
        ]

    def __str__(self) -> str:
        return f"respondent {self.pk} of {self.edition_id}"


class GoalAnswer(models.Model):
    """Ten small-integer columns, NULL = not assessed, and the goal comment.

    ``dont_know`` tells the two kinds of NULL apart: bit i - 1 is set where area i
    was answered "Don't know"; a NULL without its bit was left unanswered. One
    small integer rather than ten booleans keeps the row and the upsert small.
    Both count as missing in the figures (METHOD).
    """

    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    goal = models.PositiveSmallIntegerField()
    a1 = models.SmallIntegerField(null=True, blank=True)
    a2 = models.SmallIntegerField(null=True, blank=True)
    a3 = models.SmallIntegerField(null=True, blank=True)
    a4 = models.SmallIntegerField(null=True, blank=True)
    a5 = models.SmallIntegerField(null=True, blank=True)
    a6 = models.SmallIntegerField(null=True, blank=True)
    a7 = models.SmallIntegerField(null=True, blank=True)
    a8 = models.SmallIntegerField(null=True, blank=True)
    a9 = models.SmallIntegerField(null=True, blank=True)
    a10 = models.SmallIntegerField(null=True, blank=True)
    dont_know = models.PositiveSmallIntegerField(default=0)
    comment = models.TextField(blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["respondent", "goal"], name="one_row_per_goal")
        ]

    def __str__(self) -> str:
        return f"goal {self.goal} of respondent {self.respondent_id}"

    def scores(self) -> list[int | None]:
        return [getattr(self, f) for f in AREA_FIELDS]

    def dont_know_flags(self) -> list[bool]:
        return unpack_dont_know(self.dont_know)


def pack_dont_know(flags: Sequence[bool]) -> int:
    """Area flags, area 1 first, as the ``dont_know`` bitmask."""
    if len(flags) > len(AREA_FIELDS):
        raise ValueError(f"{len(flags)} flags for {len(AREA_FIELDS)} key areas")
    return sum(1 << i for i, said in enumerate(flags) if said)


def unpack_dont_know(mask: int) -> list[bool]:
    return [bool(mask >> i & 1) for i in range(len(AREA_FIELDS))]


class OpenLinkCounter(models.Model):
    """New questionnaires started from open links, per client network and hour.

    Kept in the database, not in a process, so every app process behind a load
    balancer counts against the same limit (DESIGN.md). ``client`` is a keyed
    hash: no IP address is stored.
    """

    client = models.CharField(max_length=64)
    hour = models.PositiveIntegerField()  # hours since the Unix epoch
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["client", "hour"], name="one_counter_per_client_hour")
        ]

    def __str__(self) -> str:
        return f"{self.hits} open-link starts in hour {self.hour}"
