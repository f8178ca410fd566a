"""An edition's questionnaire as an XLSForm, for ODK Collect and KoboToolbox.

Coalitions that collect answers offline or already run KoboToolbox can field
the same questionnaire as the web app: consent, profile, goal choice, then
one page per chosen goal with the key areas on the scale plus "Don't know"
and a comment. Labels come in every language of the edition from the web
app's own catalogue, so wording never drifts between the two channels.

The names are the canonical columns (``sdg3_7`` inside group ``sdg3``), so a
Kobo export of the answers imports back with no mapping file. Rows are
generated, and written with openpyxl's streaming writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scorecard.interop.catalog import (
    DONT_KNOW,
    GENDERS,
    SECTORS,
    language_label,
    sdg_short,
    sdg_title,
    translate,
)
from scorecard.method import Framework

CONSENTED = "${consent} = 'OK'"
INTRO = (
    "This People’s Scorecard survey asks civil-society experts how well the government of "
    "%(country)s delivers the Sustainable Development Goals (%(year)s)."
)
PRIVACY = (
    "We do not ask for your name or e-mail address. Results are published only as totals, "
    "never for a group small enough to recognise anyone."
)
RATE = (
    "Rate how the government delivers this goal in each key area, from %(minimum)s to %(maximum)s:"
)
DK_NOTE = (
    "Choose “Don’t know” when you cannot judge an area. It is not counted as 0: "
    "it is left out of the results."
)


@dataclass(frozen=True)
class FormSpec:
    """What the form needs to know about an edition."""

    framework: Framework  # restricted to the edition's goals
    languages: tuple[str, ...] = ("en", "ru", "kk")
    title: str = "People's Scorecard"
    form_id: str = "peoples_scorecard"
    version: str = "1"
    country: str = ""
    year: int | None = None


def signed(value: int) -> str:
    """Scale points as the web questionnaire shows them: +5, 0, −5 (a real minus)."""
    return f"+{value}" if value > 0 else f"\u2212{-value}" if value < 0 else "0"


def _labels(spec: FormSpec, column: str, text: str, **values: object) -> dict[str, str]:
    """``text`` translated into each language of the form, under ``label::English (en)``."""
    return {
        f"{column}::{language_label(lang)}": translate(lang, text) % values
        if values
        else translate(lang, text)
        for lang in spec.languages
    }


def survey_rows(spec: FormSpec) -> Iterator[dict[str, str]]:
    fw = spec.framework
    if spec.country and spec.year:
        yield {
            "type": "note",
            "name": "intro",
            **_labels(spec, "label", INTRO, country=spec.country, year=spec.year),
        }
    yield {"type": "note", "name": "privacy", **_labels(spec, "label", PRIVACY)}
    yield {
        "type": "acknowledge",
        "name": "consent",
        "required": "yes",
        **_labels(spec, "label", "I agree to take part in this survey."),
    }
    yield {"type": "begin_group", "name": "profile", "relevant": CONSENTED}
    yield {
        "type": "select_one sector",
        "name": "sector",
        "required": "yes",
        **_labels(spec, "label", "Sector of your organisation"),
    }
    yield {
        "type": "select_one gender",
        "name": "gender",
        "required": "yes",
        "appearance": "horizontal",
        **_labels(spec, "label", "Gender"),
    }
    yield {
        "type": "integer",
        "name": "age",
        "constraint": ". >= 15 and . <= 120",
        **_labels(spec, "label", "Age (optional)"),
    }
    yield {"type": "text", "name": "region", **_labels(spec, "label", "Region (optional)")}
    yield {"type": "end_group", "name": "profile"}
    yield {
        "type": "select_multiple goals",
        "name": "goals",
        "required": "yes",
        "relevant": CONSENTED,
        **_labels(spec, "label", "Which goals will you assess?"),
    }
    scale = fw.scale
    rate = {"minimum": signed(scale.minimum), "maximum": signed(scale.maximum)}
    for goal in fw.goals:
        group = f"sdg{goal.number}"
        yield {
            "type": "begin_group",
            "name": group,
            "appearance": "field-list",
            "relevant": f"selected(${{goals}}, '{goal.number}')",
            **{
                f"label::{language_label(lang)}": sdg_title(
                    lang, goal.number, translate(lang, goal.name)
                )
                for lang in spec.languages
            },
        }
        yield {
            "type": "note",
            "name": f"{group}_note",
            **{
                f"label::{language_label(lang)}": translate(lang, RATE) % rate
                + " "
                + translate(lang, DK_NOTE)
                for lang in spec.languages
            },
        }
        for area in fw.areas:
            row = {
                "type": "select_one score",
                "name": f"{group}_{area.number}",
                "appearance": "horizontal",
                **{
                    f"label::{language_label(lang)}": f"{sdg_short(lang, goal.number)} — "
                    f"{area.number}. {translate(lang, area.name)}"
                    for lang in spec.languages
                },
            }
            if area.description:
                row.update(_labels(spec, "hint", area.description))
            yield row
        yield {
            "type": "text",
            "name": f"{group}_comment",
            "appearance": "multiline",
            **{
                f"label::{language_label(lang)}": f"{sdg_short(lang, goal.number)} — "
                + translate(lang, "Comment (optional)")
                for lang in spec.languages
            },
        }
        yield {"type": "end_group", "name": group}


def choice_rows(spec: FormSpec) -> Iterator[dict[str, str]]:
    for choice, label in SECTORS:
        yield {"list_name": "sector", "name": choice, **_labels(spec, "label", label)}
    for choice, label in GENDERS:
        yield {"list_name": "gender", "name": choice, **_labels(spec, "label", label)}
    for goal in spec.framework.goals:
        yield {
            "list_name": "goals",
            "name": str(goal.number),
            **{
                f"label::{language_label(lang)}": sdg_title(
                    lang, goal.number, translate(lang, goal.name)
                )
                for lang in spec.languages
            },
        }
    scale = spec.framework.scale
    described = {scale.maximum: "very high progress", scale.no_progress: "no progress perceived"}
    if scale.minimum < scale.no_progress:  # a 1-5 scale starts at "no progress"
        described[scale.minimum] = "very large reduction (things got much worse)"
    for value in reversed(scale.values):
        labels = {}
        for lang in spec.languages:
            text = signed(value)
            if value in described:
                text += f" ({translate(lang, described[value])})"
            labels[f"label::{language_label(lang)}"] = text
        yield {"list_name": "score", "name": str(value), **labels}
    yield {"list_name": "score", "name": "dk", **_labels(spec, "label", DONT_KNOW)}


def settings_row(spec: FormSpec) -> dict[str, str]:
    return {
        "form_title": spec.title,
        "form_id": spec.form_id,
        "version": spec.version,
        "default_language": language_label(spec.languages[0]),
    }


def write_xlsform(spec: FormSpec, out: Path) -> None:
    """Write the three sheets; the column order is fixed so diffs of two forms stay small."""
    from openpyxl import Workbook

    languages = [language_label(lang) for lang in spec.languages]
    survey_columns = [
        "type",
        "name",
        *(f"label::{lang}" for lang in languages),
        *(f"hint::{lang}" for lang in languages),
        "required",
        "relevant",
        "constraint",
        "appearance",
    ]
    choice_columns = ["list_name", "name", *(f"label::{lang}" for lang in languages)]
    settings = settings_row(spec)
    book = Workbook(write_only=True)
    for title, columns, rows in (
        ("survey", survey_columns, survey_rows(spec)),
        ("choices", choice_columns, choice_rows(spec)),
        ("settings", list(settings), iter([settings])),
    ):
        sheet = book.create_sheet(title)
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(column, "") for column in columns])
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)


def form_id(slug: str) -> str:
    """An XForm id from an edition slug: letters, digits and underscores, starting with a letter."""
    cleaned = "".join(ch if ch.isalnum() else "_" for ch in slug.lower()).strip("_")
    return cleaned if cleaned[:1].isalpha() else f"scorecard_{cleaned}"
