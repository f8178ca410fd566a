"""Between storage and the core: stored rows <-> analysis.Answers.

One query loads an edition's answers (DESIGN.md), and imports go through the
same canonical reader as the CLI, inside one transaction (all-or-nothing).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
from django.db import connections, router, transaction
from django.utils import timezone

from scorecard.answers import MISSING, Answers, Comment, Respondents
from scorecard.web.editions.lifecycle import Activity
from scorecard.web.editions.models import Edition
from scorecard.web.responses.models import AREA_FIELDS, GoalAnswer, Respondent


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
        .values_list("respondent_id", "goal", *AREA_FIELDS, "comment")
    )
    row_respondent: list[int] = []
    row_goal: list[int] = []
    scores: list[list[int]] = []
    comments: list[Comment] = []
    for respondent_id, goal, *values, comment in rows:
        if goal not in goal_index:
            continue
        row_values = [MISSING if v is None else v for v in values]
        if comment:
            comments.append(Comment(index[respondent_id], goal, comment))
        if all(v == MISSING for v in row_values):
            continue
        row_respondent.append(index[respondent_id])
        row_goal.append(goal_index[goal])
        scores.append(row_values)
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
        np.asarray(scores, dtype=np.int8).reshape(len(scores), len(fw.areas)),
        tuple(comments),
    )


def save_goal(
    respondent: Respondent, goal: int, scores: Sequence[int | None], comment: str
) -> None:
    """One-statement upsert of a goal page (STACK.md: no read-then-write under load).

    Sent as one statement in autocommit rather than through bulk_create, which wraps it
    in BEGIN/COMMIT: three round trips to PostgreSQL become one, and the save is atomic
    either way.
    """
    if len(scores) != len(AREA_FIELDS):
        raise ValueError(f"{len(scores)} scores for {len(AREA_FIELDS)} key areas")
    connection = connections[router.db_for_write(GoalAnswer)]
    with connection.cursor() as cursor:
        cursor.execute(
            _upsert_sql(connection.vendor),
            [
                respondent.pk,
                goal,
                *scores,
                comment,
                connection.ops.adapt_datetimefield_value(timezone.now()),
            ],
        )


@functools.cache
def _upsert_sql(vendor: str) -> str:
    connection = connections[router.db_for_write(GoalAnswer)]
    q = connection.ops.quote_name
    table = q(GoalAnswer._meta.db_table)
    columns = ["respondent_id", "goal", *AREA_FIELDS, "comment", "updated"]
    updates = ", ".join(f"{q(c)} = EXCLUDED.{q(c)}" for c in [*AREA_FIELDS, "comment", "updated"])
    return (
        f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "  # noqa: S608 (model names)
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({q('respondent_id')}, {q('goal')}) DO UPDATE SET {updates}"
    )


def saved_goal(respondent: Respondent, goal: int) -> tuple[list[int | None], str] | None:
    """A goal page's stored scores and comment, for the page a respondent comes back to.

    Read with SQL written once, like the upsert: building the ORM query cost as
    much as the rest of the read on the questionnaire's busiest page.
    """
    connection = connections[router.db_for_read(GoalAnswer)]
    with connection.cursor() as cursor:
        cursor.execute(_saved_sql(connection.vendor), [respondent.pk, goal])
        row = cursor.fetchone()
    if row is None:
        return None
    *scores, comment = row
    return list(scores), comment


@functools.cache
def _saved_sql(vendor: str) -> str:
    connection = connections[router.db_for_read(GoalAnswer)]
    q = connection.ops.quote_name
    return (
        f"SELECT {', '.join(q(c) for c in [*AREA_FIELDS, 'comment'])} "  # noqa: S608 (model names)
        f"FROM {q(GoalAnswer._meta.db_table)} WHERE {q('respondent_id')} = %s AND {q('goal')} = %s"
    )


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
            age=None if r.age[i] < 0 else int(r.age[i]),
            chosen_goals=[
                g for gi, g in enumerate(fw.goal_numbers) if (dense[i, gi] != MISSING).any()
            ],
        )
        for i in range(len(r))
    )
    rows = []
    for i, person in enumerate(created):
        for gi, goal in enumerate(fw.goal_numbers):
            values = dense[i, gi]
            comment = comments.get((i, goal), "")
            if (values == MISSING).all() and not comment:
                continue
            row = GoalAnswer(respondent=person, goal=goal, comment=comment)
            for field, v in zip(AREA_FIELDS, values, strict=True):
                setattr(row, field, None if v == MISSING else int(v))
            rows.append(row)
    GoalAnswer.objects.bulk_create(rows, batch_size=2000)
    return len(created)
