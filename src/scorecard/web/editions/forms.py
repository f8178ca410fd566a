from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from scorecard.method import default_framework
from scorecard.web.editions.models import Edition
from scorecard.web.text import NoControlCharacters

LANGUAGE_CHOICES = [("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")]


class EditionForm(NoControlCharacters, forms.ModelForm):  # type: ignore[type-arg]  # subscripting fails at run time
    goals = forms.TypedMultipleChoiceField(
        label=_("Goals covered"),
        coerce=int,
        choices=[(g.number, f"SDG {g.number} {g.name}") for g in default_framework().goals],
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Edition
        fields: ClassVar[list[str]] = [
            "title",
            "slug",
            "country",
            "year",
            "organisation",
            "coalition",
            "acknowledgement",
            "contact",
            "licence",
            "goals",
            "languages",
            "opens_at",
            "closes_at",
            "open_link",
            "strict_profile",
        ]
        widgets: ClassVar[dict[str, Any]] = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "acknowledgement": forms.Textarea(attrs={"rows": 3}),
        }
        # The model field is a slug; a coordinator knows it as part of the web address.
        labels: ClassVar[dict[str, Any]] = {"slug": _("Short name for web addresses")}
        help_texts: ClassVar[dict[str, Any]] = {
            "slug": _(
                "Letters, digits and hyphens, as in kazakhstan-2024; it appears in the "
                "edition's links and cannot contain spaces."
            ),
            "coalition": _("The name the report is published under, on its cover and slides."),
            "licence": _("How others may reuse the report; CC BY 4.0 unless you choose another."),
        }


class InviteForm(NoControlCharacters, forms.Form):
    count = forms.IntegerField(label=_("Number of links"), min_value=1, max_value=5000, initial=10)
    label = forms.CharField(
        label=_("Label (optional, e.g. Almaty workshop)"), max_length=150, required=False
    )


FORMAT_CHOICES = [
    ("auto", _("Recognise the tool automatically")),
    ("canonical", _("People's Scorecard answers file")),
    ("cognito", "Cognito Forms"),
    ("kobo", "KoboToolbox / ODK"),
    ("limesurvey", "LimeSurvey"),
    ("gforms", "Google Forms"),
    ("spreadsheet", _("Another spreadsheet (needs a mapping file)")),
]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Answers file (CSV or XLSX export)"))
    format = forms.ChoiceField(
        label=_("Exported by"), choices=FORMAT_CHOICES, initial="auto", required=False
    )
    mapping = forms.FileField(
        label=_("Column mapping: which column holds which answer (optional file)"),
        required=False,
    )
    ignore = forms.CharField(
        label=_("Columns to leave out, one per line (optional)"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def ignored(self) -> list[str]:
        """The columns named to be left out, as the file names them."""
        text: str = self.cleaned_data.get("ignore") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]
