"""Bearer tokens, and the one question every operation asks: may this token do this here?

A token acts for its user, within the user's roles on each edition (as the
workspace's editions.access.edition_view does for a logged-in person) and
within the token's scopes. Outsiders get 404, not 403, so slugs do not leak.
"""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from scorecard.web.api import throttle
from scorecard.web.api.models import ApiToken
from scorecard.web.editions.models import Edition, Role

NOT_VISIBLE = "No edition with this slug is visible to this token."


class TooManyFailures(Exception):
    """Raised while a client is blocked after too many bad tokens (answered 429)."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many bad tokens; retry after {retry_after} s")


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; bad tokens count against the client's address."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        """One query for a good token: the lookup carries the client's recent failures."""
        client, moment = throttle.client_key(request), throttle.now()
        found = ApiToken.live(token.strip()).annotate(**throttle.recent(client, moment)).first()
        if found is None:
            current, previous = throttle.counts(client, moment)
        else:
            current = getattr(found, "failures_now", None) or 0
            previous = getattr(found, "failures_before", None) or 0
        wait = throttle.wait(current, previous, moment)
        if wait is not None:
            raise TooManyFailures(wait)  # good tokens too: the answer must not tell a guess
        if found is None:
            throttle.record_failure(request)
            return None
        found.touch()
        return found


def token_of(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken), "operation is missing auth=TokenAuth()"
    return token


def need_scope(token: ApiToken, scope: str) -> None:
    if not token.allows(scope):
        raise HttpError(403, f"This token lacks the scope {scope}.")


def visible_editions(token: ApiToken) -> QuerySet[Edition]:
    if token.user.is_superuser:
        return Edition.objects.all()
    return Edition.objects.filter(roles__user_id=token.user.pk)


def edition_for(
    request: HttpRequest, slug: str, scope: str, coordinator: bool = False
) -> tuple[Edition, str]:
    """The edition and the caller's role, after the scope and role checks."""
    token = token_of(request)
    need_scope(token, scope)
    editions = Edition.objects.filter(slug=slug)
    role: str | None
    if token.user.is_superuser:
        edition, role = editions.first(), Role.Kind.COORDINATOR.value
    else:
        # Edition and role in one query (Edition.role_of would be a second one).
        mine = Role.objects.filter(edition=OuterRef("pk"), user_id=token.user.pk)
        edition = editions.annotate(my_role=Subquery(mine.values("kind")[:1])).first()
        role = getattr(edition, "my_role", None)
    if edition is None or role is None:
        raise HttpError(404, NOT_VISIBLE)
    if coordinator and role != Role.Kind.COORDINATOR:
        raise HttpError(403, "Only the edition's coordinators may do this.")
    return edition, str(role)
