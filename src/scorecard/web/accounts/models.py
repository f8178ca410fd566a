from __future__ import annotations

from typing import ClassVar

from django.db import models


class LoginFailure(models.Model):
    """Failed logins per account or per client network, and clock hour (accounts/limits.py).

    In the database, not in a process, so every app process counts against the same
    limits. ``client`` is a keyed hash of the account name or of the address: neither
    is stored.
    """

    client = models.CharField(max_length=64)
    hour = models.PositiveIntegerField()  # hours since the Unix epoch
    hits = models.PositiveIntegerField(default=0)
    last = models.FloatField(default=0)  # the latest failure of this hour, Unix seconds

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["client", "hour"], name="one_login_count_per_hour")
        ]

    def __str__(self) -> str:
        return f"{self.hits} failed logins in hour {self.hour}"
