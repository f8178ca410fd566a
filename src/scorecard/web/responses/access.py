"""Who is answering: everything a page shows or stores is found through the link's token.

No session and no respondent id ever comes from the browser, so one
respondent's answers can only be reached with that respondent's own link,
and a page works the same in a new tab, a new browser or after a restart.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, Protocol

from django.db import connection
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from scorecard.method import Framework
from scorecard.web.editions.models import Edition, Invitation, hash_token
from scorecard.web.responses.models import GoalAnswer, Respondent

P = ParamSpec("P")


@dataclass
class Visit:
    token: str
    invitation: Invitation
    edition: Edition
    framework: Framework
    respondent: Respondent | None

    def url(self, step: str, goal: int | None = None) -> str:
        kwargs: dict[str, str | int] = {"token": self.token}
        if goal is not None:
            kwargs["goal"] = goal
        return reverse(f"responses:{step}", kwargs=kwargs)

    @property
    def url_goals(self) -> str:
        return self.url("goals")

    @property
    def url_review(self) -> str:
        return self.url("review")

    @property
    def chosen_goals(self) -> list[int]:
        """The respondent's goals in framework order, dropping any the edition no longer covers."""
        chosen = set(self.respondent.chosen_goals if self.respondent else [])
        return [g for g in self.framework.goal_numbers if g in chosen]

    def next_step(self) -> str:
        """Where a returning respondent continues: the first step not done yet."""
        person = self.respondent
        if person is None or person.consent_at is None:
            return self.url("consent")
        if not person.sector:
            return self.url("profile")
        chosen = self.chosen_goals
        if not chosen:
            return self.url("goals")
        saved = set(GoalAnswer.objects.filter(respondent=person).values_list("goal", flat=True))
        for goal in chosen:
            if goal not in saved:
                return self.url("goal", goal)
        return self.url("review")


def find_visit(token: str) -> Visit | None:
    """Edition and respondent in one query; unknown and revoked links look the same."""
    if not token or len(token) > 100:
        return None
    found = _visit_query(hash_token(token))
    if found is None:
        return None
    invitation, edition, respondent = found
    return Visit(token, invitation, edition, edition.framework, respondent)


_MODELS: tuple[type[Model], ...] = (Invitation, Edition, Respondent)


@functools.cache
def _visit_sql(vendor: str) -> str:
    """The join every questionnaire request makes, written once per database kind.

    Building it with the ORM on each request cost about as much as everything else
    the save does (SQL compilation showed up first in profiles of the intake).
    """
    q = connection.ops.quote_name
    tables = [q(m._meta.db_table) for m in _MODELS]
    columns = ", ".join(
        f"{alias}.{q(f.column)}"
        for alias, model in zip(("i", "e", "r"), _MODELS, strict=True)
        for f in model._meta.concrete_fields
    )
    return (
        f"SELECT {columns} FROM {tables[0]} i "  # noqa: S608 (names from models, not input)
        f"JOIN {tables[1]} e ON e.{q('id')} = i.{q('edition_id')} "
        f"LEFT JOIN {tables[2]} r ON r.{q('invitation_id')} = i.{q('id')} "
        f"WHERE i.{q('token_hash')} = %s AND i.{q('revoked_at')} IS NULL"
    )


Converter = Callable[[object, object, object], object]


@functools.cache
def _visit_converters(
    vendor: str,
) -> tuple[tuple[list[str], list[list[tuple[Converter, object]]]], ...]:
    """Per model: field names, and the converters the ORM would apply to each column
    (JSON, dates on SQLite, ...), looked up once per database kind, not per request."""
    built: list[tuple[list[str], list[list[tuple[Converter, object]]]]] = []
    for model in _MODELS:
        fields = model._meta.concrete_fields
        converters: list[list[tuple[Converter, object]]] = []
        for f in fields:
            col = f.get_col(model._meta.db_table)
            found = connection.ops.get_db_converters(col)
            found += f.get_db_converters(connection)  # type: ignore[attr-defined]
            converters.append([(convert, col) for convert in found])
        built.append(([f.attname for f in fields], converters))
    return tuple(built)


def _visit_query(token_hash: str) -> tuple[Invitation, Edition, Respondent | None] | None:
    with connection.cursor() as cursor:
        cursor.execute(_visit_sql(connection.vendor), [token_hash])
        row = cursor.fetchone()
    if row is None:
        return None
    built: list[Model | None] = []
    start = 0
    for model, (names, converters) in zip(
        _MODELS, _visit_converters(connection.vendor), strict=True
    ):
        values = list(row[start : start + len(names)])
        start += len(names)
        if values[0] is None:  # no respondent yet (LEFT JOIN)
            built.append(None)
            continue
        for i, field_converters in enumerate(converters):
            for convert, col in field_converters:
                values[i] = convert(values[i], col, connection)
        built.append(model.from_db(connection.alias, names, values))
    invitation, edition, respondent = built
    assert isinstance(invitation, Invitation)
    assert isinstance(edition, Edition)
    invitation.edition = edition
    if isinstance(respondent, Respondent):
        respondent.invitation = invitation
        respondent.edition = edition
        return invitation, edition, respondent
    return invitation, edition, None


def invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "responses/invalid.html", status=404)


def closed(request: HttpRequest, edition: Edition) -> HttpResponse:
    return render(request, "responses/closed.html", {"edition": edition}, status=403)


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "responses/not_found.html", status=404)


StepView = Callable[Concatenate[HttpRequest, Visit, P], HttpResponse]


class UrlView(Protocol[P]):
    """A view as the URLconf calls it: the token arrives as a keyword argument."""

    def __call__(
        self, request: HttpRequest, token: str, *args: P.args, **kwargs: P.kwargs
    ) -> HttpResponse: ...


def step(*, consent: bool = True) -> Callable[[StepView[P]], UrlView[P]]:
    """Resolve the token and refuse politely before a view runs.

    Invalid links get 404, closed editions 403 (so nothing is stored after the
    closing date, whatever a page still open in a tab sends), and steps after
    the consent page send a respondent without consent back to it.
    """

    def decorate(view: StepView[P]) -> UrlView[P]:
        def wrapper(
            request: HttpRequest, token: str, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponse:
            visit = find_visit(token)
            if visit is None:
                return invalid_link(request)
            if not visit.edition.accepts_answers():
                return closed(request, visit.edition)
            person = visit.respondent
            if consent and (person is None or person.consent_at is None):
                return HttpResponseRedirect(visit.url("consent"))
            return view(request, visit, *args, **kwargs)

        functools.update_wrapper(wrapper, view)
        return wrapper

    return decorate
