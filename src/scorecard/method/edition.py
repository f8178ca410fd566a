"""What an edition is, as far as the core needs to know: who, where, when."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Edition:
    """Descriptive facts shown on every output.

    ``synthetic`` marks generated sample data so no output can be mistaken for a
    real survey.
    """

    title: str = "People's Scorecard"
    country: str = ""
    year: int | None = None
    organisation: str = ""
    synthetic: bool = False
    languages: tuple[str, ...] = ("en",)
    notes: tuple[str, ...] = field(default_factory=tuple)
    texts: tuple[tuple[str, str, str], ...] = ()
    """(field, language, text): the title, country, organisation... in each language
    the edition offers. The plain fields hold the text in the edition's first language,
    so code that knows no languages still shows a sensible one."""

    def __post_init__(self) -> None:
        # One order, so an edition read back from its file equals the one written.
        object.__setattr__(self, "texts", tuple(sorted(self.texts)))

    def text(self, name: str, language: str) -> str:
        """A text field in ``language``, or in the edition's first language when not given."""
        for field_name, lang, value in self.texts:
            if field_name == name and lang == language:
                return value
        return str(getattr(self, name))

    def in_language(self, language: str) -> Edition:
        """This edition as read in ``language``: a Russian report says "Казахстан"."""
        changes: dict[str, Any] = {name: self.text(name, language) for name, _, _ in self.texts}
        return replace(self, **changes)

    def to_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "country": self.country,
            "year": self.year,
            "organisation": self.organisation,
            "synthetic": self.synthetic,
            "languages": list(self.languages),
        } | ({"texts": self.texts_by_field()} if self.texts else {})

    def texts_by_field(self) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {}
        for name, language, value in self.texts:
            found.setdefault(name, {})[language] = value
        return found
