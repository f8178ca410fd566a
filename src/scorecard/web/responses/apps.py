from __future__ import annotations

from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "scorecard.web.responses"
    label = "responses"
