from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "scorecard.web.accounts"
    label = "accounts"
