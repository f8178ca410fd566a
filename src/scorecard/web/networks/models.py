"""Regional networks: an organisation that owns several national editions.

Its coordinators see the cross-country synthesis; comparability over time is a
link from an edition to its earlier edition (same framework, so percent compares).
"""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from scorecard.web.editions.models import Edition, Membership


class Network(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    editions = models.ManyToManyField(Edition, related_name="networks", blank=True)

    def __str__(self) -> str:
        return self.name

    def role_of(self, user: AbstractBaseUser | AnonymousUser) -> str | None:
        return NetworkRole.kind_of(user, network=self)


class NetworkRole(Membership):
    """A user's role on one network (the same model as an edition's Role)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="roles")

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
