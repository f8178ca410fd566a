from __future__ import annotations

from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "scorecard.web.participants"
    label = "participants"
    default_auto_field = "django.db.models.BigAutoField"
