"""`scorecard import` and `scorecard xlsform`: answers in from any tool, questionnaires out.

Both stay thin: reading, recognising and checking a file is
``scorecard.interop.importers``; the form is ``scorecard.interop.xlsform``.
The import shows what it understood before it stores anything, then stores
the whole file in one transaction.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click
import numpy as np

from scorecard.commands.base import (
    EXIT_BAD_INPUT,
    friendly_errors,
    main,
    max_size_option,
    setup_django,
)
from scorecard.interop.importers import ENCODINGS, FORMATS, read_import, suggest_file
from scorecard.interop.xlsform import FormSpec, form_id, write_xlsform
from scorecard.method import Framework, default_framework

if TYPE_CHECKING:
    from scorecard.analysis import Answers
    from scorecard.web.editions.models import Edition

CHUNK = 1000  # respondents per statement batch: also keeps SQLite under its variable limit


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--edition",
    "slug",
    help="Slug of the edition to import into (required, except with --suggest-map).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="The tool that wrote the file; auto recognises it from its columns.",
)
@click.option(
    "--map",
    "mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A mapping file (TOML) saying which column is which goal x area (docs/imports.md).",
)
@click.option(
    "--ignore",
    "ignore",
    multiple=True,
    metavar="COLUMN",
    help="Leave this column out on purpose, even if it looks like a score (repeatable).",
)
@click.option(
    "--suggest-map",
    "suggest",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write a draft mapping file (TOML) for the columns not understood, to check and "
    "use with --map; stores nothing. Without --edition, uses the default framework.",
)
@click.option(
    "--encoding",
    type=click.Choice(ENCODINGS),
    default="auto",
    show_default=True,
    help="Text encoding of a CSV; cp1251 for files saved by older Russian Excel.",
)
@max_size_option
@click.option("--dry-run", is_flag=True, help="Show what would be imported; store nothing.")
@friendly_errors
def import_file(
    file: Path,
    slug: str,
    fmt: str,
    mapping: Path | None,
    ignore: tuple[str, ...],
    suggest: Path | None,
    encoding: str,
    max_size: int,
    dry_run: bool,
) -> None:
    """Import answers exported from Cognito Forms, KoboToolbox, LimeSurvey, Google Forms or a
    spreadsheet into an edition. Re-importing the same export replaces its respondents.
    Columns that look like scores but are not understood stop the import: map them
    (--suggest-map drafts a mapping file) or leave them out with --ignore."""
    if suggest is not None:
        if mapping is not None:
            raise click.UsageError("--suggest-map drafts a mapping file; leave out --map.")
        framework = _edition(slug).framework if slug else default_framework()
        draft = suggest_file(
            file, framework, format=fmt, encoding=encoding, max_bytes=max_size * 1024 * 1024
        )
        suggest.write_text(draft.toml(), encoding="utf-8")
        for line in draft.lines():
            click.echo(line)
        click.echo(f"Wrote {suggest}: check every guess, then import with --map {suggest}.")
        return
    if not slug:
        raise click.UsageError("give --edition SLUG (only --suggest-map works without one).")
    edition = _edition(slug)  # starts Django: web models are imported after it
    from scorecard.web.responses.models import Respondent

    result = read_import(
        file,
        edition.framework,
        format=fmt,
        mapping=mapping,
        encoding=encoding,
        max_bytes=max_size * 1024 * 1024,
        ignore=ignore,
        allow_other=edition.allow_other,
    )
    stored = Respondent.objects.filter(edition=edition).exclude(external_id="")
    result = result.against(set(stored.values_list("external_id", flat=True)))
    for line in result.preview.lines():
        click.echo(line)
    if dry_run:
        click.echo("Dry run: nothing was stored.")
        return
    count = _store(edition, result.answers)
    click.echo(f"Imported {count} respondents into {edition.slug}.")


def _edition(slug: str) -> Edition:
    setup_django()
    from scorecard.web.editions.models import Edition

    edition = Edition.objects.filter(slug=slug).first()
    if edition is None:
        click.echo(f"Error: no edition with slug {slug!r}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    return edition


def _store(edition: Edition, answers: Answers) -> int:
    """All chunks in one transaction: a failure half-way stores nothing."""
    from django.db import transaction

    from scorecard.web.responses.store import import_answers

    total = len(answers.respondents)
    count = 0
    with transaction.atomic(), click.progressbar(length=total, label="Importing") as bar:
        for start in range(0, total, CHUNK):
            keep = np.zeros(total, dtype=bool)
            keep[start : start + CHUNK] = True
            count += import_answers(edition, answers.select(keep))
            bar.update(int(keep.sum()))
    return count


@main.command()
@click.argument("edition", required=False)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The XLSForm (.xlsx) to write.",
)
@click.option("--goals", help="Goals to ask about without a database, e.g. 3,5,16 or all.")
@click.option("--languages", help="Label languages, e.g. en,ru,kk [default: the edition's].")
@click.option("--title", help="Form title [default: the edition's].")
@click.option("--version", "form_version", help="Form version [default: today, YYYYMMDD].")
@click.option("--check", is_flag=True, help="Convert it with pyxform and ODK Validate (Java).")
@friendly_errors
def xlsform(
    edition: str | None,
    out: Path,
    goals: str | None,
    languages: str | None,
    title: str | None,
    form_version: str | None,
    check: bool,
) -> None:
    """Write the questionnaire of EDITION (its slug) as an XLSForm for ODK and KoboToolbox;
    with --goals instead of EDITION no database is needed."""
    if (edition is None) == (goals is None):
        raise click.UsageError("give an EDITION slug, or --goals to work without a database.")
    version = form_version or date.today().strftime("%Y%m%d")
    if edition is not None:
        spec = _edition_spec(edition, version)
    else:
        spec = FormSpec(_goals(goals or ""), title=title or "People's Scorecard", version=version)
    if languages:
        spec = replace(spec, languages=_languages(languages))
    if title:
        spec = replace(spec, title=title)
    write_xlsform(spec, out)
    if check:
        _check(out)
    goal_list = ", ".join(str(g) for g in spec.framework.goal_numbers)
    click.echo(f"Wrote {out} (goals {goal_list}; languages {', '.join(spec.languages)})")


def _edition_spec(slug: str, version: str) -> FormSpec:
    found = _edition(slug)
    return FormSpec(
        found.framework,
        languages=tuple(found.languages or ["en"]),
        title=found.title,
        form_id=form_id(found.slug),
        version=version,
        country=found.country,
        year=found.year,
    )


def _goals(text: str) -> Framework:
    fw = default_framework()
    if text.strip().lower() == "all":
        return fw
    try:
        numbers = tuple(sorted({int(part) for part in text.split(",") if part.strip()}))
    except ValueError:
        raise click.BadParameter("list goal numbers, e.g. 3,5,16", param_hint="--goals") from None
    unknown = set(numbers) - set(fw.goal_numbers)
    if unknown or not numbers:
        raise click.BadParameter(
            f"goals are numbered {min(fw.goal_numbers)}..{max(fw.goal_numbers)}",
            param_hint="--goals",
        )
    return fw.with_goals(numbers)


def _languages(text: str) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    if not codes or not all(c.replace("-", "").isalnum() for c in codes):
        raise click.BadParameter("list language codes, e.g. en,ru,kk", param_hint="--languages")
    return codes


def _check(out: Path) -> None:
    try:  # the optional odk extra: production installs leave it out
        from pyxform.errors import PyXFormError
        from pyxform.validators.odk_validate import ODKValidateError
        from pyxform.xls2xform import convert
    except ImportError:
        click.echo(
            f"Error: --check needs pyxform: pip install 'peoples-scorecard[odk]' "
            f"(and Java for ODK Validate). {out} was written but not checked.",
            err=True,
        )
        sys.exit(EXIT_BAD_INPUT)

    try:
        convert(xlsform=str(out), validate=True)
    except (PyXFormError, ODKValidateError, OSError) as exc:
        click.echo(f"Error: {out} does not convert: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    click.echo(f"Checked {out} with pyxform and ODK Validate")
