"""Editions, who may work on them, and the personal links respondents use."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from scorecard.interop.catalog import ALLOW_OTHER
from scorecard.method import Edition as CoreEdition
from scorecard.method import Framework, default_framework
from scorecard.web.editions.lifecycle import ALLOWED, TRANSITIONS, Activity, TransitionError

TRANSLATED_FIELDS = ("title", "country", "organisation")


def text_triples(texts: object) -> tuple[tuple[str, str, str], ...]:
    """The stored {field: {language: text}} as the core's (field, language, text).

    Empty texts are left out, so they fall back to the plain field; anything but the
    translated fields is ignored, so a stray key cannot reach the core's ``replace``.
    """
    if not isinstance(texts, dict):
        return ()
    return tuple(
        (name, str(language), str(value).strip())
        for name, by_language in texts.items()
        if name in TRANSLATED_FIELDS and isinstance(by_language, dict)
        for language, value in by_language.items()
        if str(value or "").strip()
    )


TOKEN_BYTES = 32  # 256 bits: personal links are unguessable
# Personal links are read off screens and retyped: no 0/O, 1/l/I, and one case only.
TOKEN_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # noqa: S105 (an alphabet)
TOKEN_LENGTH = 28  # 28 x log2(31) = 138.7 bits, above the 128 the issue asks for


def hash_token(token: str) -> str:
    """Links are stored hashed, so a leaked database does not leak working links."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A random personal-link token in the look-alike-free alphabet."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def derived_token(salt: str) -> str:
    """The token of a participant's link, computed again for each message from its salt.

    Invitations and every reminder carry the same link, and a message sent again
    after a crash carries it too, while the database holds only the salt and the
    token's hash: the link is rebuilt with SECRET_KEY, which the database does not hold.
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode("utf-8"), f"invitation:{salt}".encode(), hashlib.sha256
    ).digest()
    number = int.from_bytes(digest, "big")
    base = len(TOKEN_ALPHABET)
    out = []
    for _position in range(TOKEN_LENGTH):
        number, digit = divmod(number, base)
        out.append(TOKEN_ALPHABET[digit])
    return "".join(out)


class Edition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        VALIDATED = "validated", _("Results validated")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=200)
    country = models.CharField(_("country"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # {field: {language: text}} for TRANSLATED_FIELDS; the plain fields above are the
    # default, so a language without its own text reads as the core's Edition.text does.
    texts = models.JSONField(_("texts in each language"), default=dict, blank=True)
    languages = models.JSONField(_("languages"), default=list)
    goals = models.JSONField(_("goals covered"), default=list)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    synthetic = models.BooleanField(_("synthetic sample data"), default=False)
    open_link = models.BooleanField(_("open link without invitation"), default=False)
    open_link_token = models.CharField(max_length=64, blank=True)
    strict_profile = models.BooleanField(
        _("refuse sector and gender answers that match no choice (instead of storing “Other”)"),
        default=False,
        db_default=False,
    )
    # Set by ``correct``: why the next published version differs from the last one.
    correction_reason = models.TextField(blank=True)
    # Who signs the report (issue 14): cover, footer, title slide and public page.
    coalition = models.CharField(_("coalition"), max_length=200, blank=True, default="")
    acknowledgement = models.TextField(
        _("acknowledgement of funders and supporters"), blank=True, default=""
    )
    contact = models.CharField(
        _("contact (e-mail address or web address)"), max_length=200, blank=True, default=""
    )
    licence = models.CharField(_("licence"), max_length=100, blank=True, default="CC BY 4.0")
    # A logo made safe on upload (report/logos.py): PNG, JPEG or sanitised SVG.
    logo = models.BinaryField(null=True, blank=True, editable=False)
    logo_type = models.CharField(max_length=30, blank=True, default="", editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-year", "title"]
        permissions = (("create_edition", "Can create editions"),)

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def framework(self) -> Framework:
        fw = default_framework()
        return fw.with_goals(tuple(self.goals)) if self.goals else fw

    @property
    def allow_other(self) -> frozenset[str]:
        """Profile fields whose unmatched answers are stored as Other: imports, API alike."""
        return frozenset() if self.strict_profile else ALLOW_OTHER

    def save(self, *args: Any, **kwargs: Any) -> None:
        """An open link gets an unguessable key the first time it is switched on."""
        if self.open_link and not self.open_link_token:
            self.open_link_token = secrets.token_urlsafe(24)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "open_link_token"}
        super().save(*args, **kwargs)

    def transition(self, action: str, reason: str = "") -> None:
        """Move to the next state, or raise TransitionError saying why not and what first.

        One conditional UPDATE: of two requests racing for the same transition exactly
        one moves the edition; the other is refused as out of order.
        """
        rule = TRANSITIONS.get(action)
        if rule is None:
            raise TransitionError(gettext("Unknown action: %(action)s.") % {"action": action})
        if action == "correct" and not reason.strip():
            raise TransitionError(gettext("A correction needs a reason, shown to readers."))
        changes: dict[str, Any] = {"status": rule.target}
        now = timezone.now()
        if action == "close" and (self.closes_at is None or self.closes_at > now):
            changes["closes_at"] = now  # links stop working from now on
        if action == "open" and self.closes_at is not None and self.closes_at <= now:
            changes["closes_at"] = None  # reopened: a past closing time would still refuse
        if action == "correct":
            changes["correction_reason"] = reason.strip()
        moved = Edition.objects.filter(pk=self.pk, status__in=rule.sources).update(**changes)
        self.refresh_from_db(fields=["status", "closes_at", "correction_reason"])
        if not moved:
            raise TransitionError(f"{self.status_message()} {rule.refusal}")

    def status_message(self) -> str:
        return gettext("Status of the edition: %(status)s.") % {"status": self.get_status_display()}

    def ensure(self, activity: Activity) -> None:
        """Refuse what the edition's stored state forbids (read afresh: the object may be old)."""
        states, refusal = ALLOWED[activity]
        current = Edition.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if current is not None:
            self.status = current
        if self.status not in states:
            raise TransitionError(f"{self.status_message()} {refusal}")

    def accepts_answers(self) -> bool:
        now = timezone.now()
        if self.status != self.Status.OPEN:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

    def core(self) -> CoreEdition:
        return CoreEdition(
            title=self.title,
            country=self.country,
            year=self.year,
            organisation=self.organisation,
            synthetic=self.synthetic,
            languages=tuple(self.languages or ["en"]),
            texts=text_triples(self.texts),
        )

    def text(self, name: str, language: str | None = None) -> str:
        """``name`` in ``language`` (default: the page's), else the plain field."""
        wanted = (language or get_language() or "en")[:2]
        return self.core().text(name, wanted)

    @property
    def local_title(self) -> str:
        """The title in the language the page is shown in (templates cannot pass arguments)."""
        return self.text("title")

    @property
    def local_country(self) -> str:
        return self.text("country")

    @property
    def local_organisation(self) -> str:
        return self.text("organisation")

    def role_of(self, user: AbstractBaseUser | AnonymousUser) -> str | None:
        """The user's role, read once per loaded edition.

        ``edition_view`` asks before the view runs and the view asks again for its
        template; an instance lives for one request, so the second answer is the first.
        """
        roles: dict[Any, str | None] = self.__dict__.setdefault("_roles", {})
        if user.pk not in roles:
            roles[user.pk] = Role.kind_of(user, edition=self)
        return roles[user.pk]

    def create_invitations(self, count: int, label: str = "") -> list[str]:
        """Make ``count`` personal links; the plain tokens exist only in the return value.

        With a ``label``, link i is labelled "label i", so a batch sent by messenger
        can be told apart on the links page.
        """
        self.ensure(Activity.LINKS)
        tokens = [new_token() for _ in range(count)]
        label = label.strip()
        Invitation.objects.bulk_create(
            Invitation(
                edition=self,
                token_hash=hash_token(t),
                label=f"{label} {i}"[:200] if label else "",
            )
            for i, t in enumerate(tokens, start=1)
        )
        return tokens


class Partner(models.Model):
    """A partner or funder shown with the coalition: name, optional link, optional logo."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("web address"), max_length=500, blank=True, default="")
    logo = models.BinaryField(null=True, blank=True, editable=False)
    logo_type = models.CharField(max_length=30, blank=True, default="", editable=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class RoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    """The one role model: a user's role (coordinator or viewer) on one thing.

    Abstract: each concrete table adds the thing (``Role``: an edition,
    ``networks.NetworkRole``: a network), so queries stay one join and the
    tables and their rows are the ones that existed before the base was shared.
    """

    Kind = RoleKind

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kind = models.CharField(max_length=12, choices=RoleKind.choices)

    class Meta:
        abstract = True

    @classmethod
    def kind_of(cls, user: AbstractBaseUser | AnonymousUser, **thing: Any) -> str | None:
        """The user's role on ``thing`` (e.g. ``edition=e``); superusers coordinate everything."""
        if not user.is_authenticated:
            return None
        if getattr(user, "is_superuser", False):
            return RoleKind.COORDINATOR
        kind = cls._default_manager.filter(user_id=user.pk, **thing).values_list("kind", flat=True)
        return kind.first()


class Role(Membership):
    """A user's role on one edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="roles")

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "edition"], name="one_role_per_edition")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} of {self.edition}"


class Invitation(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    # Free text for a batch link ("Almaty workshop 3"); a participant's link shows the
    # participant instead, so erasing contact data leaves no name here.
    label = models.CharField(_("label"), max_length=200, blank=True)
    # Set for participants' links only: the token is derived_token(salt), see there.
    salt = models.CharField(max_length=32, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    reissued_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invitation {self.pk} to {self.edition}"

    @classmethod
    def find(cls, token: str) -> Invitation | None:
        """The live invitation for a token, or None (unknown and revoked look the same)."""
        if not token or len(token) > 100:
            return None
        return (
            cls.objects.select_related("edition")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True)
            .first()
        )

    @classmethod
    def for_participant(cls, edition: Edition) -> tuple[Invitation, str]:
        """A new link whose token can be computed again for every message (derived_token)."""
        salt = secrets.token_hex(16)
        token = derived_token(salt)
        return cls(edition=edition, token_hash=hash_token(token), salt=salt), token

    def token(self) -> str:
        """The plain token of a participant's link; batch links' tokens are not kept."""
        if not self.salt:
            raise ValueError(f"invitation {self.pk} has no salt: its token was shown once")
        return derived_token(self.salt)

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])

    def reissue(self) -> str:
        """A new token for a lost link; the old one stops working at once.

        The row stays, so the respondent behind it keeps the answers given so far
        (the respondent is linked to this row, not to the token), and so does the label.
        """
        self.edition.ensure(Activity.LINKS)
        if self.salt:
            self.salt = secrets.token_hex(16)
            token = derived_token(self.salt)
        else:
            token = new_token()
        self.token_hash = hash_token(token)
        self.reissued_at = timezone.now()
        self.revoked_at = None
        self.save(update_fields=["salt", "token_hash", "reissued_at", "revoked_at"])
        return token
