from __future__ import annotations

from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "scorecard.web.networks"
    label = "networks"
