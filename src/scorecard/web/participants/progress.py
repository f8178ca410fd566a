"""Fieldwork counts, named the same everywhere: invited, opened, started, submitted.

Per participant and for the edition; sample targets are counted on respondents
who submitted, with a warning for each one that is behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from scorecard.web.editions.models import Edition
from scorecard.web.participants.models import Kind, Message, Participant, State, Target

AGE_BANDS = (("< 30", 0, 29), ("30-44", 30, 44), ("45-59", 45, 59), ("60+", 60, 200))
COUNTS = ("participants", "invited", "opened", "started", "submitted", "opted_out", "refused")


def _sent_invitation() -> Exists:
    return Exists(
        Message.objects.filter(
            participant=OuterRef("pk"), mailing__kind=Kind.INVITATION, state=State.SENT
        )
    )


def with_status(people: QuerySet[Participant]) -> QuerySet[Participant]:
    """Each participant with ``invited`` and ``refusal`` (the last refusal's reply)."""
    refusals = Message.objects.filter(participant=OuterRef("pk"), state=State.REFUSED).order_by(
        "-pk"
    )
    return people.select_related("invitation__respondent").annotate(
        invited=_sent_invitation(), refusal=Subquery(refusals.values("error")[:1])
    )


def counts(edition: Edition) -> dict[str, int]:
    """One query: how many participants reached each step of fieldwork."""
    people = Participant.objects.filter(edition=edition)
    refused = Exists(Message.objects.filter(participant=OuterRef("pk"), state=State.REFUSED))
    found: dict[str, Any] = people.aggregate(
        participants=Count("pk"),
        invited=Count("pk", filter=Q(_sent_invitation())),
        opened=Count("pk", filter=Q(invitation__opened_at__isnull=False)),
        started=Count("pk", filter=Q(invitation__respondent__isnull=False)),
        submitted=Count("pk", filter=Q(invitation__respondent__submitted_at__isnull=False)),
        opted_out=Count("pk", filter=Q(opted_out_at__isnull=False)),
        refused=Count("pk", filter=Q(refused)),
    )
    return {key: int(found[key] or 0) for key in COUNTS}


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    count: int
    total: int

    @property
    def needed(self) -> int:
        """Respondents of the group needed for the target with the current total."""
        if not self.target.share:
            return self.target.minimum
        return -(-self.target.minimum * self.total // 100)  # ceiling

    @property
    def share(self) -> float:
        return 100.0 * self.count / self.total if self.total else 0.0

    @property
    def behind(self) -> bool:
        if self.target.share:
            return self.total == 0 or self.count * 100 < self.target.minimum * self.total
        return self.count < self.target.minimum


def target_progress(edition: Edition) -> list[TargetProgress]:
    """Each target with the submitted respondents of its group and of the whole edition."""
    people = edition.respondents.filter(submitted_at__isnull=False)
    total = people.count()
    out = []
    for target in Target.objects.filter(edition=edition):
        if target.field == "age_band":
            band = next((b for b in AGE_BANDS if b[0] == target.value), None)
            group = people.filter(age__gte=band[1], age__lte=band[2]) if band else people.none()
        else:
            group = people.filter(**{f"{target.field}__iexact": target.value})
        out.append(TargetProgress(target, group.count(), total))
    return out
