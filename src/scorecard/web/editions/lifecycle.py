"""The order an edition goes through, and what each state forbids.

draft -> open -> closed -> validated -> published; ``correct`` takes a published
edition back to validated, so a corrected version can be published with its
reason; ``open`` also reopens a closed edition before it is validated. Every
transition is one conditional UPDATE (status must still be what the rule
expects), so two coordinators pressing the same button at once move the edition
once, on SQLite and PostgreSQL alike. Views, the API and the CLI all call
``Edition.transition``; no form or API field writes ``status``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Text = str | Promise


class TransitionError(ValueError):
    """A transition out of order, or an action the edition's state forbids."""


@dataclass(frozen=True)
class Rule:
    sources: tuple[str, ...]
    target: str
    refusal: Text  # why it cannot happen now, and what to do first


TRANSITIONS: dict[str, Rule] = {
    "open": Rule(
        ("draft", "closed"),
        "open",
        _("Only a draft or a closed edition that is not yet validated can be opened."),
    ),
    "close": Rule(("open",), "closed", _("Only an open edition can be closed.")),
    "validate": Rule(
        ("closed",), "validated", _("Close the edition before marking its results validated.")
    ),
    "publish": Rule(
        ("validated",),
        "published",
        _(
            "Mark the results validated before publishing; a published edition needs a "
            "correction (with its reason) before it is published again."
        ),
    ),
    "correct": Rule(("published",), "validated", _("Only a published edition can be corrected.")),
}


class Activity(enum.Enum):
    """Things people do to an edition that its state may forbid."""

    UPLOAD = "upload"
    LINKS = "links"
    NARRATIVE = "narrative"
    MEETINGS = "meetings"


ALLOWED: dict[Activity, tuple[tuple[str, ...], Text]] = {
    Activity.UPLOAD: (
        ("draft", "open"),
        _("Answers can be uploaded only while the edition is a draft or open."),
    ),
    Activity.LINKS: (
        ("draft", "open"),
        _("Links can be created only while the edition is a draft or open."),
    ),
    Activity.NARRATIVE: (
        ("draft", "open", "closed", "validated"),
        _("The edition is published: start a correction to change its narrative."),
    ),
    Activity.MEETINGS: (
        ("draft", "open", "closed", "validated"),
        _("The edition is published: start a correction to record meetings."),
    ),
}
