"""Personas for workspace tests, as healthchecks does: alice coordinates, bob views,
charlie is an outsider. Each is a logged-in test client."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from scorecard.web.editions.models import Edition, Role


def persona(name: str, edition: Edition | None = None, kind: str | None = None) -> Client:
    user = User.objects.create_user(name, password=f"{name}-secret-pw")
    if edition and kind:
        Role.objects.create(user=user, edition=edition, kind=kind)
    client = Client()
    client.force_login(user)
    return client
