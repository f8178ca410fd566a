"""Answers from survey gateways (SMS, messenger bots, offline tablets): one respondent at a time.

The gateway's respondent id is the idempotency key. It is stored as the
respondent's ``external_id`` (the canonical file's ``respondent`` column, so an
export and a re-import keep the same person), and answers are upserted per
respondent x goal: a retried request finds the same rows and writes the same
values, so a retry never adds a respondent or a row.

Everything happens in one transaction of three statements that starts with a
write (STACK.md: on SQLite WAL a transaction that reads first and writes later
fails with "database is locked" under load; on PostgreSQL the upsert takes the
row lock that orders two concurrent submissions for the same person).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError, ValidationError

from scorecard.interop.catalog import PROFILE_CHOICES
from scorecard.interop.importers.labels import profile_reader
from scorecard.method import Framework
from scorecard.web.api.auth import TokenAuth, edition_for
from scorecard.web.api.models import Scope
from scorecard.web.api.schemas import Detail, Slug, SubmissionIn, SubmissionOut, ValidationDetail
from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import AREA_FIELDS, GoalAnswer, Respondent, pack_dont_know

router = Router(auth=TokenAuth(), tags=["gateways"])
BODY: tuple[str, ...] = ("body", "submission")


@dataclass(frozen=True)
class Stored:
    respondent: str
    goals: list[int]
    chosen_goals: list[int]


def problems(submission: SubmissionIn, framework: Framework) -> list[dict[str, Any]]:
    """What the schema cannot know: the edition's goals and scale. Shaped like pydantic's."""
    found: list[dict[str, Any]] = []
    scale, areas = framework.scale, len(framework.areas)
    seen: set[int] = set()
    for i, answer in enumerate(submission.answers):
        loc: list[str | int] = [*BODY, "answers", i]
        if answer.goal not in framework.goal_numbers:
            found.append(_problem([*loc, "goal"], f"goal {answer.goal} is not in this edition"))
        elif answer.goal in seen:
            found.append(_problem([*loc, "goal"], f"goal {answer.goal} is given twice"))
        seen.add(answer.goal)
        if len(answer.scores) != areas:
            found.append(_problem([*loc, "scores"], f"needs {areas} scores, one per key area"))
        for j, value in enumerate(answer.scores):
            if value is not None and not scale.minimum <= value <= scale.maximum:
                message = f"must be from {scale.minimum} to {scale.maximum}, or null"
                found.append(_problem([*loc, "scores", j], message))
    return found


def read_profile(
    submission: SubmissionIn, allow_other: frozenset[str]
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Sector and gender as the edition's choices (synonyms in three languages accepted) and
    region with tidy spacing, as imports store them; an answer that matches no choice is
    "Other" with its text kept apart where the edition allows it, else a field problem.
    Only fields the request gives are returned: the others keep their stored value."""
    reader = profile_reader(allow_other)
    values: dict[str, str] = {}
    found: list[dict[str, Any]] = []
    for name in ("sector", "gender", "region"):
        raw = getattr(submission, name)
        answer = reader.read(name, raw)
        if answer is None:
            found.append(_problem([*BODY, name], reader.explain(name, raw)))
        elif answer.label:
            values[name] = answer.label
            if name in PROFILE_CHOICES:
                values[f"{name}_other"] = answer.other
    return values, found


def _problem(loc: list[str | int], message: str) -> dict[str, Any]:
    return {"type": "value_error", "loc": loc, "msg": message}


def _upsert_respondent(
    edition: Edition, submission: SubmissionIn, profile: dict[str, str]
) -> tuple[int, list[int]]:
    """Insert the respondent or touch the existing one, in one statement.

    Returns its id and the goals it had chosen before. The unique index on
    (edition, external_id) is partial (imports may leave the id empty), so the
    conflict target repeats its condition; Django's bulk_create cannot write
    that, hence the SQL.
    """
    now = timezone.now()
    values: dict[str, Any] = {
        "edition": edition.pk,
        "external_id": submission.respondent,
        "sector": profile.get("sector", ""),
        "sector_other": profile.get("sector_other", ""),
        "gender": profile.get("gender", ""),
        "gender_other": profile.get("gender_other", ""),
        "age": submission.age,
        "region": profile.get("region", ""),
        "consent_at": now,  # gateways ask for consent before the first question (docs/api.md)
        "chosen_goals": [],
        "language": submission.language,
        "submitted_at": now,
        "created": now,
        "updated": now,
    }
    meta = Respondent._meta
    fields: list[models.Field[Any, Any]] = []
    for name in values:
        field = meta.get_field(name)
        assert isinstance(field, models.Field)
        fields.append(field)
    q = connection.ops.quote_name
    columns = ", ".join(q(str(f.column)) for f in fields)
    params = [f.get_db_prep_save(values[f.name], connection) for f in fields]
    sql = (
        f"INSERT INTO {q(meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({q('edition_id')}, {q('external_id')}) WHERE NOT ({q('external_id')} = '') "
        f"DO UPDATE SET {q('updated')} = EXCLUDED.{q('updated')} "
        f"RETURNING {q('id')}, {q('chosen_goals')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    assert row is not None
    before = json.loads(row[1]) if isinstance(row[1], str) else row[1]  # text or decoded JSON
    return int(row[0]), [int(g) for g in before or []]


def _upsert_goals(person: Respondent, submission: SubmissionIn) -> None:
    """Every goal of the request in one upsert: the same statement as store.save_goal, batched."""
    rows = []
    for answer in submission.answers:
        row = GoalAnswer(respondent=person, goal=answer.goal, comment=answer.comment)
        for field, value in zip(AREA_FIELDS, answer.scores, strict=True):
            setattr(row, field, value)
        row.dont_know = pack_dont_know([v is None for v in answer.scores])  # null is "don't know"
        rows.append(row)
    GoalAnswer.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["respondent", "goal"],
        update_fields=[*AREA_FIELDS, "dont_know", "comment", "updated"],
    )


def _update_profile(
    pk: int, submission: SubmissionIn, profile: dict[str, str], chosen: list[int]
) -> None:
    now = timezone.now()
    changes: dict[str, Any] = {
        "chosen_goals": chosen,
        "submitted_at": now,
        "updated": now,
        "language": submission.language,
    }
    # A later request may carry only answers: profile fields it leaves empty stay as they were
    # (a sector or gender that is given replaces its Other text too, with "" if none).
    changes.update(profile)
    if submission.age is not None:
        changes["age"] = submission.age
    Respondent.objects.filter(pk=pk).update(**changes)


def store(
    edition: Edition, submission: SubmissionIn, profile: dict[str, str] | None = None
) -> Stored:
    """Respondent, goals, profile: three statements in one transaction, all or nothing.

    ``profile``: the stored profile values ``read_profile`` made of the request.
    """
    if profile is None:
        profile, refused = read_profile(submission, edition.allow_other)
        if refused:
            raise ValidationError(refused)
    goals = [a.goal for a in submission.answers]
    with transaction.atomic():
        pk, before = _upsert_respondent(edition, submission, profile)
        _upsert_goals(Respondent(pk=pk, edition=edition), submission)
        wanted = set(before) | set(goals)
        chosen = [g for g in edition.framework.goal_numbers if g in wanted]
        _update_profile(pk, submission, profile, chosen)
    return Stored(submission.respondent, goals, chosen)


@router.post(
    "/editions/{slug:slug}/answers",
    response={
        200: SubmissionOut,
        400: Detail,
        401: Detail,
        403: Detail,
        404: Detail,
        409: Detail,
        422: ValidationDetail,
        429: Detail,
    },
    summary="Submit one respondent's answers (gateways)",
)
def submit(request: HttpRequest, slug: Slug, submission: SubmissionIn) -> Stored:
    """Store or replace one respondent's answers for the goals sent; safe to retry.

    Needs the submit_answers scope and the coordinator role on the edition, and
    an edition that is open. Bad input is refused whole (422, with the field of
    each problem) and nothing is stored; so is a sector or gender that matches no
    choice where the edition is strict (elsewhere it is stored as Other).
    """
    edition, _role = edition_for(request, slug, Scope.SUBMIT_ANSWERS, coordinator=True)
    if not edition.accepts_answers():
        raise HttpError(409, f"The edition does not accept answers now (status {edition.status}).")
    profile, refused = read_profile(submission, edition.allow_other)
    errors = problems(submission, edition.framework) + refused
    if errors:
        raise ValidationError(errors)
    return store(edition, submission, profile)
