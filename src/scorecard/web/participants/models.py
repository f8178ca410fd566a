"""Participants, message templates, mailings with one row per message, and sample targets.

A participant is linked to an invitation and to nothing else: answers reach the
invitation through the respondent, never the other way round in any output.
Erasing contact data deletes these rows (messages go with them) and leaves the
invitations, respondents and answers as they were.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from scorecard.web.editions.models import Edition, Invitation

LANGUAGES = ("en", "ru", "kk")


class Participant(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    language = models.CharField(_("language"), max_length=5, default="en")
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=60, blank=True)
    gender = models.CharField(_("gender"), max_length=30, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    invitation = models.OneToOneField(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
    )
    opted_out_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint("edition", Lower("email"), name="one_participant_per_address")
        ]

    def __str__(self) -> str:
        return f"participant {self.pk} of {self.edition_id}"


class Kind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    REMINDER = "reminder", _("Reminder")


class MailTemplate(models.Model):
    """The coordinator's wording of one kind of message in one language."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="mail_templates")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    language = models.CharField(max_length=5)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["edition", "kind", "language"], name="one_template_per_kind_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} template ({self.language}) of {self.edition_id}"


class Mailing(models.Model):
    """One sending: the invitations to everyone not yet invited, or one reminder."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="mailings")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Links in the messages start with this (the site as the coordinator reached it).
    base_url = models.CharField(max_length=200)
    only = models.JSONField(default=dict, blank=True)  # e.g. {"sector": "NGO"}
    created = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)  # why the server could not be reached

    class Meta:
        ordering: ClassVar[list[str]] = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} mailing {self.pk} of {self.edition_id}"


class State(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    REFUSED = "refused", _("refused by the mail server")
    CANCELLED = "cancelled", _("not sent (submitted or opted out meanwhile)")


class Message(models.Model):
    """One message to one participant; its state moves only by conditional UPDATEs.

    queued -> sending (claimed with a lease by one sending job) -> sent, refused or
    cancelled; back to queued when the mail server could not be reached.
    """

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="messages")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="messages")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    lease_owner = models.CharField(max_length=100, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["mailing", "participant"], name="one_message_per_mailing"
            )
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["mailing", "state"], name="message_mailing_state")
        ]

    def __str__(self) -> str:
        return f"message {self.pk} ({self.state})"


class TargetField(models.TextChoices):
    SECTOR = "sector", _("Sector")
    GENDER = "gender", _("Gender")
    REGION = "region", _("Region")
    AGE_BAND = "age_band", _("Age band")


class Target(models.Model):
    """A sample target on respondents who submitted: "NGO >= 15", "Female >= 50%"."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="targets")
    field = models.CharField(_("profile field"), max_length=10, choices=TargetField.choices)
    value = models.CharField(_("value"), max_length=100)
    minimum = models.PositiveIntegerField(_("at least"))
    share = models.BooleanField(_("as a share (%)"), default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["field", "value"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["edition", "field", "value"], name="one_target_per_group"
            )
        ]

    def __str__(self) -> str:
        unit = "%" if self.share else ""
        return f"{self.field}={self.value} >= {self.minimum}{unit}"
