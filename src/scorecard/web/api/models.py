"""API tokens and the failed-token counter.

A token is shown once, when issued, and stored only as its SHA-256, as the
personal links are (editions.models.hash_token): a leaked database or backup
gives no working token. The short ``prefix`` lets a person tell tokens apart in
the admin without the secret.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scorecard.web.editions.models import hash_token

TOKEN_PREFIX = "psc_"  # noqa: S105 - a public marker that makes leaked tokens findable
TOKEN_BYTES = 32  # 256 bits, like the personal links
PREFIX_CHARS = len(TOKEN_PREFIX) + 8
MAX_TOKEN_CHARS = 100  # longer "tokens" are refused before hashing
TOUCH_EVERY = timedelta(minutes=1)  # last_used is a hint, not an audit log: spare the writes


class Scope(models.TextChoices):
    READ_RESULTS = "read_results", _("Read editions, results and reports")
    SUBMIT_ANSWERS = "submit_answers", _("Submit answers (survey gateways)")
    MANAGE_EDITION = "manage_edition", _("Manage editions (answers export)")


class ApiToken(models.Model):
    """A bearer token that acts for its user, within the user's roles and the token's scopes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("prefix"), max_length=PREFIX_CHARS, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_key() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)

    def set_key(self) -> str:
        """Give this (unsaved or re-keyed) token a fresh secret; the plain text is returned once."""
        plain = self.new_key()
        self.key_hash = hash_token(plain)
        self.prefix = plain[:PREFIX_CHARS]
        return plain

    @classmethod
    def issue(cls, user: User, scopes: Iterable[str], name: str) -> str:
        """Create a token and return its plain text, which is not stored anywhere."""
        wanted = sorted(set(scopes))
        unknown = [s for s in wanted if s not in Scope.values]
        if unknown or not wanted:
            raise ValueError(f"scopes must be some of {Scope.values}, got {list(scopes)}")
        token = cls(user=user, name=name, scopes=wanted)
        plain = token.set_key()
        token.save()
        return plain

    @classmethod
    def live(cls, plain: str) -> models.QuerySet[ApiToken]:
        """The live token for a plain text, as a query (empty for unknown, revoked, inactive)."""
        if not plain or len(plain) > MAX_TOKEN_CHARS:
            return cls.objects.none()
        return cls.objects.select_related("user").filter(
            key_hash=hash_token(plain), revoked__isnull=True, user__is_active=True
        )

    @classmethod
    def find(cls, plain: str) -> ApiToken | None:
        """The live token for a plain text; unknown, revoked and inactive-user tokens look alike."""
        return cls.live(plain).first()

    def allows(self, scope: str) -> bool:
        return scope in self.scopes

    def revoke(self) -> None:
        self.revoked = timezone.now()
        self.save(update_fields=["revoked"])

    def touch(self) -> None:
        """Record use at most once a minute, so reads do not each cost a write."""
        now = timezone.now()
        if self.last_used is None or now - self.last_used >= TOUCH_EVERY:
            self.last_used = now
            ApiToken.objects.filter(pk=self.pk).update(last_used=now)


class AuthFailure(models.Model):
    """Bad tokens per client network and ten-minute window.

    In the database, not in a process, so that every gunicorn worker and every
    app server counts against the same limit (DESIGN.md: no state in a process).
    ``client`` is a keyed hash: no IP address is stored.
    """

    client = models.CharField(max_length=64)
    slot = models.PositiveIntegerField()  # ten-minute windows since the Unix epoch
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["client", "slot"], name="one_failure_count_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.hits} bad tokens in window {self.slot}"
