from __future__ import annotations

from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "scorecard.web.editions"
    label = "editions"
