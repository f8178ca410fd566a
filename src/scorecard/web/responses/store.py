"""Between storage and the core: stored rows <-> analysis.Answers.

One query loads an edition's answers (DESIGN.md), and imports go through the
same canonical reader as the CLI, inside one transaction (all-or-nothing).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from django.db import connections, router, transaction
from django.utils import timezone

from scorecard.answers import MISSING, Answers, Comment, Respondents
from scorecard.web.editions.lifecycle import Activity
from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import (
    AREA_FIELDS,
    GoalAnswer,
    Respondent,
    pack_dont_know,
    unpack_dont_know,
)


def load_answers(edition: Edition) -> Answers:
    fw = edition.framework
    people = list(
        Respondent.objects.filter(edition=edition)
        .order_by("pk")
        .values_list("pk", "external_id", "sector", "gender", "region", "age")
    )
    index = {pk: i for i, (pk, *_rest) in enumerate(people)}
    goal_index = {g: i for i, g in enumerate(fw.goal_numbers)}
    # Ordered, so the comments (and everything built from the rows) come out the same on
    # every read: PostgreSQL returns unordered rows in whatever order suits it.
    rows = (
        GoalAnswer.objects.filter(respondent__edition=edition)
        .order_by("respondent_id", "goal")
        .values_list("respondent_id", "goal", *AREA_FIELDS, "dont_know", "comment")
    )
    areas = len(fw.areas)
    in_framework = (1 << areas) - 1
    row_respondent: list[int] = []
    row_goal: list[int] = []
    scores: list[list[int]] = []
    marks: list[int] = []
    comments: list[Comment] = []
    for respondent_id, goal, *values, dont_know, comment in rows:
        if goal not in goal_index:
            continue
        row_values = [MISSING if v is None else v for v in values[:areas]]
        if comment:
            comments.append(Comment(index[respondent_id], goal, comment))
        mask = dont_know & in_framework
        if not mask and all(v == MISSING for v in row_values):
            continue  # neither a score nor a "don't know": nothing to carry
        row_respondent.append(index[respondent_id])
        row_goal.append(goal_index[goal])
        scores.append(row_values)
        marks.append(mask)
    table = Respondents.build(
        [ext or f"r{pk}" for pk, ext, *_rest in people],
        [p[2] for p in people],
        [p[3] for p in people],
        [p[4] for p in people],
        [p[5] for p in people],
    )
    return Answers(
        fw,
        table,
        np.asarray(row_respondent, dtype=np.int32),
        np.asarray(row_goal, dtype=np.int16),
        np.asarray(scores, dtype=np.int8).reshape(len(scores), areas),
        tuple(comments),
        _unpack(marks, areas),
    )


def _unpack(marks: list[int], areas: int) -> npt.NDArray[np.bool_]:
    """Bitmasks (bit i = area i + 1) -> a rows x areas bool array, in one numpy step;
    an all-False view that takes no memory when no row has a mark (most editions)."""
    if not any(marks):
        return np.broadcast_to(np.False_, (len(marks), areas))
    masks = np.asarray(marks, dtype=np.int32).reshape(len(marks), 1)
    flags: npt.NDArray[np.bool_] = (masks >> np.arange(areas, dtype=np.int32)) & 1 == 1
    return flags


def _pack_dense(flags: npt.NDArray[np.bool_]) -> npt.NDArray[np.int32]:
    """A ... x areas bool array -> one bitmask per row (bit i = area i + 1)."""
    if flags.shape[-1] > len(AREA_FIELDS):
        raise ValueError(f"{flags.shape[-1]} key areas; the store keeps {len(AREA_FIELDS)}")
    weights = np.left_shift(1, np.arange(flags.shape[-1], dtype=np.int32))
    packed: npt.NDArray[np.int32] = (flags.astype(np.int32) * weights).sum(axis=-1, dtype=np.int32)
    return packed


def save_goal(
    respondent: Respondent,
    goal: int,
    scores: Sequence[int | None],
    comment: str,
    dont_know: Sequence[bool] = (),
) -> None:
    """One-statement upsert of a goal page (STACK.md: no read-then-write under load).

    ``dont_know`` marks the areas answered "Don't know" (area 1 first); an area with
    neither a score nor the mark is stored as unanswered. Sent as one statement in
    autocommit rather than through bulk_create, which wraps it in BEGIN/COMMIT: three
    round trips to PostgreSQL become one, and the save is atomic either way.
    """
    if len(scores) != len(AREA_FIELDS):
        raise ValueError(f"{len(scores)} scores for {len(AREA_FIELDS)} key areas")
    if any(said and v is not None for said, v in zip(dont_know, scores, strict=False)):
        raise ValueError('an area holds both a score and "don\'t know"')
    connection = connections[router.db_for_write(GoalAnswer)]
    with connection.cursor() as cursor:
        cursor.execute(
            _upsert_sql(connection.vendor),
            [
                respondent.pk,
                goal,
                *scores,
                pack_dont_know(dont_know),
                comment,
                connection.ops.adapt_datetimefield_value(timezone.now()),
            ],
        )


STORED = [*AREA_FIELDS, "dont_know", "comment"]


@functools.cache
def _upsert_sql(vendor: str) -> str:
    connection = connections[router.db_for_write(GoalAnswer)]
    q = connection.ops.quote_name
    table = q(GoalAnswer._meta.db_table)
    columns = ["respondent_id", "goal", *STORED, "updated"]
    updates = ", ".join(f"{q(c)} = EXCLUDED.{q(c)}" for c in [*STORED, "updated"])
    return (
        f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "  # noqa: S608 (model names)
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({q('respondent_id')}, {q('goal')}) DO UPDATE SET {updates}"
    )


@dataclass(frozen=True)
class SavedGoal:
    """A stored goal page: scores (None where not assessed), which of those None were
    "Don't know" (the rest were left unanswered), and the comment."""

    scores: list[int | None]
    dont_know: list[bool]
    comment: str


def saved_goal(respondent: Respondent, goal: int) -> SavedGoal | None:
    """A goal page's stored answers, for the page a respondent comes back to.

    Read with SQL written once, like the upsert: building the ORM query cost as
    much as the rest of the read on the questionnaire's busiest page.
    """
    connection = connections[router.db_for_read(GoalAnswer)]
    with connection.cursor() as cursor:
        cursor.execute(_saved_sql(connection.vendor), [respondent.pk, goal])
        row = cursor.fetchone()
    if row is None:
        return None
    *scores, dont_know, comment = row
    return SavedGoal(list(scores), unpack_dont_know(dont_know), comment)


@functools.cache
def _saved_sql(vendor: str) -> str:
    connection = connections[router.db_for_read(GoalAnswer)]
    q = connection.ops.quote_name
    return (
        f"SELECT {', '.join(q(c) for c in STORED)} "  # noqa: S608 (model names)
        f"FROM {q(GoalAnswer._meta.db_table)} WHERE {q('respondent_id')} = %s AND {q('goal')} = %s"
    )


def _other(respondents: Respondents, name: str, i: int) -> str:
    texts = respondents.other_text.get(name)
    return texts[i] if texts else ""


@transaction.atomic
def import_answers(edition: Edition, answers: Answers) -> int:
    """Store a whole file's answers; respondents with the same id are replaced, not doubled.

    Refused (TransitionError) once the edition is closed: answers are frozen from then on.
    """
    edition.ensure(Activity.UPLOAD)
    fw = answers.framework
    unknown = set(fw.goal_numbers) - set(edition.framework.goal_numbers)
    if unknown:
        raise ValueError(f"the file has goals {sorted(unknown)} that the edition does not cover")
    r = answers.respondents
    dense = answers.to_dense()
    # "Don't know" marks as each row's bitmask, respondents x goals; zeros when none was given.
    said = _pack_dense(answers.dont_know_dense()) if answers.has_dont_know else None
    comments = {(c.respondent, c.goal): c.text for c in answers.comments}
    ids, chunk_size = list(r.ids), 500  # SQLite allows ~32k variables a query
    for start in range(0, len(ids), chunk_size):  # still one transaction: all-or-nothing
        chunk = ids[start : start + chunk_size]
        Respondent.objects.filter(edition=edition, external_id__in=chunk).delete()
    created = Respondent.objects.bulk_create(
        Respondent(
            edition=edition,
            external_id=r.ids[i],
            sector=r.sector.value(i) or "",
            gender=r.gender.value(i) or "",
            region=r.region.value(i) or "",
            sector_other=_other(r, "sector", i),
            gender_other=_other(r, "gender", i),
            age=None if r.age[i] < 0 else int(r.age[i]),
            chosen_goals=[
                g
                for gi, g in enumerate(fw.goal_numbers)
                if (dense[i, gi] != MISSING).any() or (said is not None and said[i, gi])
            ],
        )
        for i in range(len(r))
    )
    rows = []
    for i, person in enumerate(created):
        for gi, goal in enumerate(fw.goal_numbers):
            values = dense[i, gi]
            comment = comments.get((i, goal), "")
            mask = 0 if said is None else int(said[i, gi])
            if (values == MISSING).all() and not mask and not comment:
                continue
            row = GoalAnswer(respondent=person, goal=goal, comment=comment, dont_know=mask)
            for field, v in zip(AREA_FIELDS, values, strict=True):
                setattr(row, field, None if v == MISSING else int(v))
            rows.append(row)
    GoalAnswer.objects.bulk_create(rows, batch_size=2000)
    return len(created)
