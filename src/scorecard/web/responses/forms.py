"""What a respondent may send, checked on the server (the browser's checks are only a help).

Profile values are stored as the English labels the canonical CSV and the
sample data use ("NGO", "Female"), so imported and web answers group together
in the report; only the display is translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scorecard.interop.importers.values import has_control_character
from scorecard.method import Framework
from scorecard.web.framework_i18n import goal_name
from scorecard.web.text import NoControlCharacters

DONT_KNOW = "dk"

# The goal page's submit buttons (name="action") and the mark that the page has already
# asked about its empty areas, so a second "Save and continue" moves on.
NEXT = "next"
BACK = "back"
EMPTY_DONT_KNOW = "empty-dont-know"
LEAVE_EMPTY = "leave-empty"
ASKED = "asked"

SECTORS = [
    ("NGO", gettext_lazy("NGO")),
    ("Public association", gettext_lazy("Public association")),
    ("Academic/educational", gettext_lazy("Academic/educational")),
    ("Media", gettext_lazy("Media")),
    ("Community-based organisation", gettext_lazy("Community-based organisation")),
    ("Other", gettext_lazy("Other")),
]
GENDERS = [
    ("Female", gettext_lazy("Female")),
    ("Male", gettext_lazy("Male")),
    ("Other", gettext_lazy("Other")),
    ("Prefer not to say", gettext_lazy("Prefer not to say")),
]


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=gettext_lazy("I agree to take part in this survey."),
        error_messages={"required": gettext_lazy("Please tick the box to take part.")},
    )


class ProfileForm(NoControlCharacters, forms.Form):
    sector = forms.ChoiceField(
        label=gettext_lazy("Sector of your organisation"),
        choices=[("", gettext_lazy("Choose a sector")), *SECTORS],
        error_messages={"required": gettext_lazy("Please choose a sector.")},
    )
    gender = forms.ChoiceField(
        label=gettext_lazy("Gender"),
        choices=GENDERS,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Please choose an answer.")},
    )
    age = forms.IntegerField(
        label=gettext_lazy("Age (optional)"),
        required=False,
        min_value=15,
        max_value=120,
    )
    region = forms.CharField(
        label=gettext_lazy("Region (optional)"), required=False, max_length=100
    )


class GoalsForm(forms.Form):
    goals = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Goals you will assess"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Please choose at least one goal.")},
    )

    def __init__(
        self,
        framework: Framework,
        data: QueryDict | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        field = self.fields["goals"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [
            (g.number, _("SDG %(number)s: %(name)s") % {"number": g.number, "name": goal_name(g)})
            for g in framework.goals
        ]


@dataclass
class GoalPage:
    """One posted goal page: the values to store, or the errors to show beside the fieldsets.

    ``raw`` keeps each area's choice as sent: a scale point, ``DONT_KNOW``, or None
    where nothing was chosen. The last two are both missing in ``scores`` but are
    stored apart (``dont_know``), so a skipped area never turns into "Don't know".
    """

    scores: list[int | None]
    comment: str
    raw: list[str | None]
    errors: dict[int, str] = field(default_factory=dict)
    comment_error: str = ""

    @property
    def valid(self) -> bool:
        return not self.errors and not self.comment_error

    @property
    def untouched(self) -> bool:
        """Nothing chosen and nothing written: leaving such a page must not mark the goal done."""
        return all(r is None for r in self.raw) and not self.comment

    @property
    def dont_know(self) -> list[bool]:
        return [r == DONT_KNOW for r in self.raw]

    def empty(self) -> list[int]:
        """Positions (0-based, framework order) of the areas left without any answer."""
        return [i for i, r in enumerate(self.raw) if r is None]

    def mark_empty_dont_know(self) -> None:
        """The respondent's explicit choice: every area left empty becomes "Don't know"."""
        self.raw = [DONT_KNOW if r is None else r for r in self.raw]


def parse_goal_page(data: QueryDict, framework: Framework) -> GoalPage:
    """Radio groups are read by hand: a Django form of 10 x 12 radios costs ~10 ms (STACK.md).

    An area left without an answer is not assessed, never 0, because 0 means
    "no progress perceived"; it is kept apart from "Don't know" (``raw`` None), and
    the view asks about such areas before it moves on. (A page left entirely
    untouched is not stored at all; the view checks ``untouched``.)
    """
    scale = framework.scale
    page = GoalPage(scores=[], comment="", raw=[])
    for area in framework.areas:
        raw = data.get(f"a{area.number}")
        page.raw.append(raw)
        if raw is None or raw == DONT_KNOW:
            page.scores.append(None)
            continue
        try:
            value = int(raw)
        except ValueError:
            value = scale.maximum + 1
        if not scale.minimum <= value <= scale.maximum:
            page.errors[area.number] = _(
                "Choose a whole number from %(minimum)s to %(maximum)s, or “Don’t know”."
            ) % {"minimum": signed(scale.minimum), "maximum": signed(scale.maximum)}
            value = scale.maximum + 1
        page.scores.append(value)
    # Browsers send line breaks as \r\n but count them as one character.
    comment = data.get("comment", "").replace("\r\n", "\n").strip()
    page.comment = comment
    limit: int = settings.SCORECARD_COMMENT_MAX_CHARS
    if len(comment) > limit:
        page.comment_error = _(
            "The comment is too long: %(length)s characters, at most %(limit)s."
        ) % {"length": len(comment), "limit": limit}
    elif has_control_character(comment):
        page.comment_error = _("The comment contains a character that cannot be stored.")
    return page


def signed(value: int) -> str:
    """Scale values as people write them: +5, 0, −5 (a real minus sign reads better aloud)."""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{-value}"
    return "0"
