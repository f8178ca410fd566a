from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from scorecard.method import default_framework
from scorecard.web.editions.models import TRANSLATED_FIELDS, Edition
from scorecard.web.text import NoControlCharacters, no_control_characters

# Each language named in itself, as language switches do; the languages the app speaks.
LANGUAGE_CHOICES = list(settings.LANGUAGES)
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
TEXT_LABELS = {
    "title": _("Title in %(language)s"),
    "country": _("Country in %(language)s"),
    "organisation": _("Organisation in %(language)s"),
}


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """One optional title, country and organisation per language the edition offers.

        A new edition offers no language yet, so it gets all of them. Texts of a language
        no longer offered are kept (not shown), so switching a language off loses nothing.
        """
        super().__init__(*args, **kwargs)
        offered = [code for code in (self.instance.languages or []) if code in LANGUAGE_NAMES]
        self.text_languages = offered or list(LANGUAGE_NAMES)
        stored = self.instance.texts if isinstance(self.instance.texts, dict) else {}
        limits = {name: _max_length(name) for name in TRANSLATED_FIELDS}
        for language in self.text_languages:
            for name in TRANSLATED_FIELDS:
                self.fields[text_field(name, language)] = forms.CharField(
                    label=TEXT_LABELS[name] % {"language": LANGUAGE_NAMES[language]},
                    max_length=limits[name],
                    required=False,
                    initial=stored.get(name, {}).get(language, ""),
                    help_text=_("Leave empty to use the text above."),
                    validators=[no_control_characters],  # added after the mixin ran
                )

    @property
    def text_field_names(self) -> set[str]:
        return {text_field(n, code) for code in self.text_languages for n in TRANSLATED_FIELDS}

    def language_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The per-language fields, one group per language, for the template's fieldsets."""
        return [
            (LANGUAGE_NAMES[code], [self[text_field(n, code)] for n in TRANSLATED_FIELDS])
            for code in self.text_languages
        ]

    def save(self, commit: bool = True) -> Edition:
        texts: dict[str, dict[str, str]] = {
            name: dict(by_language)
            for name, by_language in (self.instance.texts or {}).items()
            if isinstance(by_language, dict)
        }
        for language in self.text_languages:
            for name in TRANSLATED_FIELDS:
                value = (self.cleaned_data.get(text_field(name, language)) or "").strip()
                if value:
                    texts.setdefault(name, {})[language] = value
                else:
                    texts.get(name, {}).pop(language, None)
        self.instance.texts = {name: found for name, found in texts.items() if found}
        return super().save(commit=commit)  # type: ignore[no-any-return]


def _max_length(name: str) -> int | None:
    """The model field's limit, so a translation is held to what the plain field allows."""
    field = Edition._meta.get_field(name)
    return field.max_length if isinstance(field, models.CharField) else None


def text_field(name: str, language: str) -> str:
    """The form field of ``name`` in ``language``: title_ru, country_kk..."""
    return f"{name}_{language}"


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
