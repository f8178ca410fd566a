"""What an edition is, as far as the core needs to know: who, where, when."""

from __future__ import annotations

from dataclasses import dataclass, field


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

    def to_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "country": self.country,
            "year": self.year,
            "organisation": self.organisation,
            "synthetic": self.synthetic,
            "languages": list(self.languages),
        }
