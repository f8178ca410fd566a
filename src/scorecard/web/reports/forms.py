from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from scorecard.web.reports.models import Meeting, Suggestion
from scorecard.web.text import NoControlCharacters

# Stored in English (the data stays comparable across languages), shown translated.
SECTORS = ("NGO", "Public association", "Academic/educational", "Media",
           "Community-based organisation", "Government", "Other")  # fmt: skip
_SECTOR_LABELS = (
    _("NGO"), _("Public association"), _("Academic/educational"), _("Media"),
    _("Community-based organisation"), _("Government"), _("Other"),
)  # fmt: skip


class MeetingForm(NoControlCharacters, forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(label=_("Format"), choices=Meeting.Format.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    goals = forms.TypedMultipleChoiceField(
        label=_("Goals discussed"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, goals: tuple[int, ...], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["goals"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(g, _("SDG %(number)s") % {"number": g}) for g in goals]
        for i, label in enumerate(_SECTOR_LABELS):
            self.fields[f"sector_{i}"] = forms.IntegerField(
                label=label, min_value=0, max_value=10000, required=False
            )

    def participants(self) -> list[list[str | int]]:
        return [
            [sector, self.cleaned_data[f"sector_{i}"]]
            for i, sector in enumerate(SECTORS)
            if self.cleaned_data.get(f"sector_{i}")
        ]


class SuggestionForm(NoControlCharacters, forms.Form):
    text = forms.CharField(label=_("Suggestion"), widget=forms.Textarea, max_length=5000)
    decision = forms.ChoiceField(label=_("Decision"), choices=Suggestion.Decision.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, max_length=5000, required=False)
    goal = forms.IntegerField(label=_("Goal (optional)"), min_value=1, max_value=17, required=False)


class PublishForm(NoControlCharacters, forms.Form):
    note = forms.CharField(
        label=_("What changed (for a correction)"), max_length=2000, required=False
    )
