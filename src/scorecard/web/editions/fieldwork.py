"""Fieldwork counts, defined once for the progress page, the participants page and the API.

Each step is counted on its own, so the numbers add up instead of mixing web answers
with imported ones (issue 15: "64 respondents, 2 submitted" after 61 were imported):

- invited: links handed out. A batch link is handed out when it is made (it goes by
  messenger); a participant's link once its invitation e-mail was sent. A participant's
  link whose contact data was erased counts, since its first message was queued;
- opened: links visited at least once;
- started: respondents who gave consent or any answer through the web (personal or
  open link);
- submitted: those of them who submitted;
- imported: respondents stored from a file or through the API (they have an id of
  their own, ``external_id``).

These are not answers: they are read per request, never from the Results cache.
Participants' rows are reached through the reverse relations by name, as the
workspace reads respondents, so this layer imports neither app.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from scorecard.web.editions.models import Edition

STEPS = ("invited", "opened", "started", "submitted", "imported")
_SENT = Q(participant__messages__state="sent", participant__messages__mailing__kind="invitation")


_WEB = Q(external_id="")
# Over the edition's respondents; a caller that reads other figures of the respondents
# (the edition page: the version of the answers) reads these in the same query.
PEOPLE = {
    "started": Count(
        "pk", distinct=True, filter=_WEB & (Q(consent_at__isnull=False) | Q(answers__isnull=False))
    ),
    "submitted": Count("pk", distinct=True, filter=_WEB & Q(submitted_at__isnull=False)),
    "imported": Count("pk", distinct=True, filter=~_WEB),
}


def fieldwork_counts(
    edition: Edition, *, totals: bool = False, people: dict[str, Any] | None = None
) -> dict[str, int]:
    """Two queries: one over the edition's links, one over its respondents.

    ``totals`` adds every link made and those revoked (``links``, ``revoked``), read in
    the same pass over the links, for the progress page. ``people`` is the result of
    :data:`PEOPLE` when the caller has already read it.
    """
    links: dict[str, Any] = edition.invitations.aggregate(
        invited=Count("pk", distinct=True, filter=Q(participant__isnull=True) | _SENT),
        opened=Count("pk", distinct=True, filter=Q(opened_at__isnull=False)),
        links=Count("pk", distinct=True),
        revoked=Count("pk", distinct=True, filter=Q(revoked_at__isnull=False)),
    )
    if people is None:
        people = edition.respondents.aggregate(**PEOPLE)
    found = {**links, **people}
    names = (*STEPS, "links", "revoked") if totals else STEPS
    return {name: int(found[name] or 0) for name in names}
