"""One rule for every text a person types in the web app: no control characters.

NUL is refused by PostgreSQL (a 500 where SQLite stored it), and the other C0 control
characters (tab, newline and CR excepted) are never text anyone means. The rule itself is
the importers' (``has_control_character``), so files and forms refuse the same characters.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator as ProhibitNull
from django.utils.translation import gettext_lazy

from scorecard.interop.importers.values import has_control_character

CONTROL_MESSAGE = gettext_lazy(
    "This text contains a control character (such as NUL) that cannot be stored; "
    "remove it and try again."
)


def no_control_characters(value: object) -> None:
    """Validator: refuse C0 control characters other than tab, newline and carriage return."""
    if isinstance(value, str) and has_control_character(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_character")


class NoControlCharacters:
    """Form mixin: every CharField (and subclass) of the form refuses control characters.

    Django's own NUL check is replaced, so a NUL gives one message, not two.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                kept = [v for v in field.validators if not isinstance(v, ProhibitNull)]
                field.validators = [*kept, no_control_characters]
