"""Regional networks: an organisation that owns several national editions.

Its coordinators see the cross-country synthesis; comparability over time is a
link from an edition to its earlier edition (same framework, so percent compares).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from scorecard.web.editions.models import Edition, RoleKind


class Network(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    editions = models.ManyToManyField(Edition, related_name="networks", blank=True)

    def __str__(self) -> str:
        return self.name


class NetworkRole(models.Model):
    Kind = RoleKind

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(max_length=12, choices=RoleKind.choices)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "network"], name="one_role_per_network")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} of {self.network}"


class Comparable(models.Model):
    """``edition`` is compared with ``earlier`` in its reports (declared by a coordinator)."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="comparable")
    earlier = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="later")

    def __str__(self) -> str:
        return f"{self.edition} vs {self.earlier}"
