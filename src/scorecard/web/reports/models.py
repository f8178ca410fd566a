"""Narrative (versioned), validation meetings, and frozen published reports.

The core's Narrative and Meeting types are plain data; these models store them
and convert back (``convert.py``), so the report renderers never see the ORM.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from scorecard.web.editions.models import Edition


class NarrativeVersion(models.Model):
    """One saved text of one section in one language; the newest per (key, language) is current.

    Append-only, so "who changed what, when" is the table itself. Every row written
    by the workspace names its language; "" (the default) only comes from rows
    loaded without one (a backup from before languages, a test fixture) and reads as
    the edition's first language (reports.texts), so no text is ever lost.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="narrative")
    key = models.CharField(max_length=60)  # context, pillar:policy, goal:3:findings, ...
    language = models.CharField(max_length=10, blank=True, default="")  # en, ru, kk
    text = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["edition", "key", "language", "-created"], name="narrative_latest")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.language}) of {self.edition_id} at {self.created:%Y-%m-%d %H:%M}"


class Meeting(models.Model):
    """A validation meeting. Its date, format, participants and goals are facts, one for all
    languages; its title is a text: ``title`` in the edition's first language, ``texts`` the
    other languages' (``{"ru": {"title": ...}}``, reports.meeting_texts), so a Russian report
    reads a Russian title without a second row whose facts could drift from the first."""

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in person", _("In person")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    participants = models.JSONField(default=list)  # [[sector, count], ...]
    goals = models.JSONField(default=list)
    texts = models.JSONField(default=dict, blank=True)  # {"ru": {"title": ...}}, not the first

    class Meta:
        ordering: ClassVar[list[str]] = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.format}"


class Suggestion(models.Model):
    """A suggestion of a meeting: ``text`` and ``note`` in the first language, ``texts`` the
    other languages' (``{"ru": {"text": ..., "note": ...}}``); decision and goal are facts."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        INCORPORATED = "incorporated", _("Incorporated")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="suggestions")
    text = models.TextField(_("suggestion"))
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)
    goal = models.PositiveSmallIntegerField(_("goal"), null=True, blank=True)
    texts = models.JSONField(default=dict, blank=True)  # {"ru": {"text": ..., "note": ...}}

    def __str__(self) -> str:
        return self.text[:50]


class PublishedReport(models.Model):
    """One published version: what the public gets, frozen when it was published.

    The snapshot (framework, edition facts, answers, narrative, meetings, Results
    JSON) is stored at publish time, and every output file is rendered once from it
    by a background job (reports.publishing) into Django's storage. The version is
    public only once ``completed`` is set, i.e. when every file exists; public URLs
    serve those stored bytes and never render. A correction is a new version;
    older versions stay readable at their own address.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="published")
    version = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.TextField(blank=True)  # what a correction changed, and why
    edition_data = models.JSONField()
    answers_csv = models.TextField()
    narrative = models.JSONField()
    meetings = models.JSONField()
    framework = models.JSONField(null=True)  # method.framework_data of the edition's framework
    results = models.JSONField(null=True)  # the Results JSON the public page shows
    accepted = models.JSONField(default=list)  # warnings the coordinator acknowledged
    completed = models.DateTimeField(null=True, blank=True)  # every file stored: public
    lease_owner = models.CharField(max_length=100, blank=True)  # the job rendering it
    lease_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-version"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["edition", "version"], name="one_number_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.edition} v{self.version}"

    @property
    def languages(self) -> list[str]:
        return list(self.edition_data.get("languages") or ["en"])


class PublishedFile(models.Model):
    """One stored output of a version, e.g. ``ru/report.pdf``: bytes in storage, digest here."""

    report = models.ForeignKey(PublishedReport, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(max_length=10)
    name = models.CharField(max_length=60)  # report.pdf, goals.png, ...
    storage_name = models.CharField(max_length=300)
    media_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["language", "name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["report", "language", "name"], name="one_file_per_name")
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.language}/{self.name}"
