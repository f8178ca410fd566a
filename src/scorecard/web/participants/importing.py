"""A participant list from CSV or XLSX, all or nothing, with every bad cell named.

Files are opened by interop's ``read_source`` (size limit, encodings, workbook
checks), the same as answers files, so a list saved by an old Excel in cp1251
reads as well as an answers file does. Columns are recognised by their header in
English, Russian or Kazakh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from scorecard.interop.errors import AnswersFileError, Problem, ProblemList, fail
from scorecard.interop.importers.source import read_source
from scorecard.web.editions.models import Edition
from scorecard.web.participants.models import LANGUAGES, Participant

# Accepted spellings of each column's header (data, not interface text).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "имя", "фио", "ф.и.о.", "аты", "аты-жөні", "аты-жөнi"),
    "email": (
        "email",
        "e-mail",
        "e-mail address",
        "email address",
        "mail",
        "эл. почта",
        "электронная почта",
        "почта",
        "email адрес",
        "электрондық пошта",
        "эл. пошта",
    ),
    "language": ("language", "lang", "язык", "тіл"),
    "organisation": ("organisation", "organization", "организация", "ұйым"),
    "sector": ("sector", "сектор", "сала"),
    "gender": ("gender", "sex", "пол", "жынысы"),
    "region": ("region", "регион", "область", "өңір", "аймақ"),
}
REQUIRED = ("name", "email")
# Accepted spellings of each language (data).
LANGUAGE_NAMES: dict[str, str] = {
    "en": "en",
    "english": "en",
    "английский": "en",
    "ағылшын": "en",
    "ru": "ru",
    "russian": "ru",
    "русский": "ru",
    "рус": "ru",
    "орыс": "ru",
    "орысша": "ru",
    "kk": "kk",
    "kz": "kk",
    "kazakh": "kk",
    "казахский": "kk",
    "қазақ": "kk",
    "қазақша": "kk",
    "казахша": "kk",
}
MAX_FIELD = {"name": 200, "organisation": 200, "sector": 60, "gender": 30, "region": 100}


@dataclass
class ImportResult:
    added: int = 0
    # Addresses already on the list: left as stored, named so the coordinator knows.
    kept: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


def read_participants(path: Path, edition: Edition, display_name: str | None = None) -> list[Row]:
    """The file's rows as participants' fields, or AnswersFileError naming every bad cell."""
    source = read_source(path, max_bytes=10 * 1024 * 1024)
    table = source.table
    name = display_name or path.name
    columns: dict[str, int] = {}
    header_problems = ProblemList(name)
    for index, heading in enumerate(table.header):
        key = _column_of(heading)
        if key is None:
            continue
        if key in columns:
            header_problems.add(1, heading, f"a second {key} column; keep one")
        columns[key] = index
    for key in REQUIRED:
        if key not in columns:
            header_problems.add(
                1,
                None,
                f"no {key} column",
                "the first row names the columns: name, email, and optionally language, "
                "organisation, sector, gender, region.",
            )
    header_problems.raise_if_any()
    problems = ProblemList(name)
    allowed = [lang for lang in (edition.languages or ["en"]) if lang in LANGUAGES] or ["en"]
    rows: list[Row] = []
    first_seen: dict[str, int] = {}
    for offset, cells in enumerate(table.rows):
        number = table.first_row + offset
        values = {key: (cells[i] if i < len(cells) else "").strip() for key, i in columns.items()}
        if not any(values.values()):
            continue
        headings = {key: table.header[i] for key, i in columns.items()}
        _check_row(values, headings, number, allowed, problems)
        address = values["email"].casefold()
        if address and address in first_seen:
            problems.add(
                number,
                headings["email"],
                f"{values['email']} is already in row {first_seen[address]}",
                "each participant appears once; remove the duplicated row.",
            )
        first_seen.setdefault(address, number)
        rows.append(Row(number, values))
        if problems.full:
            break
    problems.raise_if_any()
    if not rows:
        raise fail(name, "the file has no participants under its header row")
    return rows


def _column_of(heading: str) -> str | None:
    text = " ".join(heading.casefold().replace("_", " ").split())
    for key, spellings in COLUMNS.items():
        if text in spellings:
            return key
    return None


def _check_row(
    values: dict[str, str],
    heading: dict[str, str],
    number: int,
    allowed: list[str],
    problems: ProblemList,
) -> None:
    if not values["name"]:
        problems.add(number, heading["name"], "the name is empty")
    address = values["email"]
    try:
        validate_email(address)
    except ValidationError:
        shown = address or "(empty)"
        problems.add(number, heading["email"], f"{shown} is not an e-mail address")
    if "language" in values:
        raw = values["language"]
        code = LANGUAGE_NAMES.get(raw.casefold(), "") if raw else allowed[0]
        if code not in allowed:
            problems.add(
                number,
                heading["language"],
                f"unknown language {raw!r}",
                f"this edition's languages are {', '.join(allowed)}.",
            )
        values["language"] = code or raw
    else:
        values["language"] = allowed[0]
    for key, limit in MAX_FIELD.items():
        if len(values.get(key, "")) > limit:
            problems.add(number, heading[key], f"longer than {limit} characters")


def import_participants(edition: Edition, rows: list[Row], file_name: str) -> ImportResult:
    """Add the rows in one transaction; addresses already on the list stay as they are."""
    result = ImportResult()
    stored = {
        e.casefold()
        for e in Participant.objects.filter(edition=edition).values_list("email", flat=True)
    }
    new = []
    for row in rows:
        if row.values["email"].casefold() in stored:
            result.kept.append(f"row {row.number}: {row.values['email']}")
            continue
        new.append(
            Participant(
                edition=edition,
                **{key: row.values.get(key, "") for key in ("name", "email", "language")},
                **{
                    key: row.values.get(key, "")
                    for key in ("organisation", "sector", "gender", "region")
                },
            )
        )
    try:
        with transaction.atomic():
            Participant.objects.bulk_create(new)
    except IntegrityError as exc:  # another import of the same addresses at the same moment
        problem = Problem(file_name, None, None, "the list changed while importing; try again")
        raise AnswersFileError([problem]) from exc
    result.added = len(new)
    return result


def erase_contact_data(edition: Edition) -> int:
    """Delete the participant list (and its messages); links, answers and figures stay."""
    with transaction.atomic():
        count = Participant.objects.filter(edition=edition).count()
        Participant.objects.filter(edition=edition).delete()
        edition.mailings.all().delete()
    return count
