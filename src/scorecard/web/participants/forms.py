from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from scorecard.web.editions.forms import LANGUAGE_NAMES
from scorecard.web.participants.mail import template_problems
from scorecard.web.participants.models import Kind, Participant, Target
from scorecard.web.participants.sending import GROUP_FIELDS
from scorecard.web.text import NoControlCharacters


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Participant list (CSV or XLSX)"))


class ParticipantForm(NoControlCharacters, forms.ModelForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"),
            choices=[(code, LANGUAGE_NAMES.get(code, code)) for code in languages],
        )

    class Meta:
        model = Participant
        fields = ("name", "email", "language", "organisation", "sector", "gender", "region")


class TemplateForm(NoControlCharacters, forms.Form):
    kind = forms.ChoiceField(label=_("Message"), choices=Kind.choices)
    language = forms.ChoiceField(label=_("Language"))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Body"), widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            (code, LANGUAGE_NAMES.get(code, code)) for code in languages
        ]

    def clean_subject(self) -> str:
        value: str = self.cleaned_data["subject"]
        problems = template_problems(value, need_link=False)
        if problems:
            raise forms.ValidationError(problems)
        return value

    def clean_body(self) -> str:
        value: str = self.cleaned_data["body"]
        problems = template_problems(value, need_link=True)
        if problems:
            raise forms.ValidationError(problems)
        return value


class ReminderForm(forms.Form):
    field = forms.ChoiceField(
        label=_("Only participants whose"),
        required=False,
        choices=[
            ("", _("(everyone who has not submitted)")),
            *[(f, f) for f in GROUP_FIELDS],
        ],
    )
    value = forms.CharField(label=_("is"), required=False, max_length=100)

    def only(self) -> dict[str, str]:
        field = self.cleaned_data.get("field") or ""
        value = (self.cleaned_data.get("value") or "").strip()
        return {field: value} if field and value else {}


class TargetForm(NoControlCharacters, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Target
        fields = ("field", "value", "minimum", "share")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("share") and (data.get("minimum") or 0) > 100:
            self.add_error("minimum", _("A share is at most 100%."))
        return data
