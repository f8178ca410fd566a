"""`scorecard edition ...` and `scorecard worker`: an edition's lifecycle from the shell.

Thin, like the web buttons: the states are ``Edition.transition`` (editions.lifecycle),
the checks, the frozen version and its files are reports.publishing, the answers
file is interop.canonical. `edition publish` returns only when the version is
public: it renders the files itself, or follows a worker that already does.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from scorecard.commands.base import EXIT_BAD_INPUT, main, setup_django
from scorecard.report.checks import CHECK_IDS

if TYPE_CHECKING:
    from scorecard.report.checks import Warning_
    from scorecard.web.editions.models import Edition
    from scorecard.web.reports.models import PublishedReport

LANGUAGES = ("en", "ru", "kk")
ALL_GOALS = tuple(range(1, 18))
POLL_SECONDS = 0.5
# The option or argument each field of the edition form comes from, to name it in errors.
FIELD_OPTIONS = {
    "slug": "SLUG",
    "title": "--title",
    "country": "--country",
    "year": "--year",
    "organisation": "--organisation",
    "goals": "--goals",
    "languages": "--languages",
}


def fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def find_edition(slug: str) -> Edition:
    setup_django()
    from scorecard.web.editions.models import Edition

    found = Edition.objects.filter(slug=slug).first()
    if found is None:
        fail(f"no edition with slug {slug!r}")
    return found


def _goals(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[int]:
    if value is None:
        return list(ALL_GOALS)
    try:
        goals = [int(item) for item in value.split(",") if item.strip()]
    except ValueError:
        raise click.BadParameter("write the goals as numbers, e.g. 3,5,16") from None
    wrong = [g for g in goals if g not in ALL_GOALS]
    if wrong or not goals:
        raise click.BadParameter("goals are numbers from 1 to 17, e.g. 3,5,16")
    return sorted(set(goals))


def _languages(_ctx: click.Context, _param: click.Parameter, value: str) -> list[str]:
    languages = [item.strip() for item in value.split(",") if item.strip()]
    wrong = [lang for lang in languages if lang not in LANGUAGES]
    if wrong or not languages:
        raise click.BadParameter(f"choose from {', '.join(LANGUAGES)}, e.g. en,ru")
    return list(dict.fromkeys(languages))


@main.group("edition")
def edition_group() -> None:
    """Create an edition, move it through its lifecycle, publish and export it."""


@edition_group.command("create")
@click.argument("slug")
@click.option("--title", required=True, help="The edition's title.")
@click.option("--country", required=True)
@click.option("--year", required=True, type=click.IntRange(2000, 2100))
@click.option("--organisation", default="", help="The coalition or organisation.")
@click.option(
    "--goals", callback=_goals, help="Goals covered, e.g. 3,5,16 (default: all 17).", default=None
)
@click.option(
    "--languages",
    callback=_languages,
    default="en",
    show_default=True,
    help="Questionnaire and report languages, of en, ru, kk.",
)
def create(
    slug: str,
    title: str,
    country: str,
    year: int,
    organisation: str,
    goals: list[int],
    languages: list[str],
) -> None:
    """Create a draft edition called SLUG (its address: letters, digits, - and _)."""
    setup_django()
    from scorecard.web.editions.forms import EditionForm

    form = EditionForm(
        data={
            "slug": slug,
            "title": title,
            "country": country,
            "year": str(year),
            "organisation": organisation,
            "goals": [str(g) for g in goals],
            "languages": languages,
        }
    )
    if not form.is_valid():
        problems = [
            f"{FIELD_OPTIONS.get(field, field)}: {' '.join(str(m).rstrip('.') for m in messages)}"
            for field, messages in form.errors.items()
        ]
        fail("; ".join(problems))
    edition = form.save()
    click.echo(f"Created {edition.slug} ({edition.status}): {edition.title}")


@edition_group.command("show")
@click.argument("slug")
def show(slug: str) -> None:
    """Print an edition: its facts, status, respondents, links and published versions."""
    edition = find_edition(slug)
    from scorecard.web.reports.publishing import progress
    from scorecard.web.responses.models import Respondent

    people = Respondent.objects.filter(edition=edition)
    links = edition.invitations.all()
    click.echo(f"slug:         {edition.slug}")
    click.echo(f"title:        {edition.title}")
    click.echo(f"country:      {edition.country}")
    click.echo(f"year:         {edition.year}")
    if edition.organisation:
        click.echo(f"organisation: {edition.organisation}")
    click.echo(f"status:       {edition.status}")
    click.echo(f"languages:    {', '.join(edition.languages or ['en'])}")
    click.echo(f"goals:        {', '.join(str(g) for g in edition.goals or ALL_GOALS)}")
    submitted = people.filter(submitted_at__isnull=False).count()
    click.echo(f"respondents:  {people.count()} ({submitted} submitted)")
    revoked = links.filter(revoked_at__isnull=False).count()
    click.echo(f"links:        {links.count()} personal ({revoked} revoked)")
    if edition.correction_reason:
        click.echo(f"correction:   {edition.correction_reason}")
    versions = list(edition.published.order_by("version"))
    click.echo("published:" + ("" if versions else "    none"))
    for report in versions:
        if report.completed:
            state = f"public at /p/{edition.slug}/v{report.version}/"
        else:
            done, total = progress(report)
            state = f"rendering {done}/{total} files"
        note = f"  {report.note}" if report.note else ""
        click.echo(f"  v{report.version}  {report.created:%Y-%m-%d %H:%M}  {state}{note}")
    if edition.status == edition.Status.VALIDATED:
        from scorecard.web.reports.publishing import checks_for

        _print_checks(checks_for(edition))


def _print_checks(found: list[Warning_]) -> None:
    if not found:
        click.echo("pre-publishing checks: all pass")
        return
    click.echo("pre-publishing checks that fail:")
    for warning in found:
        click.echo(f"  {warning.id}: {warning.message}")
        for detail in warning.details:
            click.echo(f"      {detail}")


def _transition(slug: str, action: str, reason: str = "") -> None:
    edition = find_edition(slug)
    from scorecard.web.editions.lifecycle import TransitionError

    try:
        edition.transition(action, reason)
    except TransitionError as exc:
        fail(str(exc))
    click.echo(f"{edition.slug} is now {edition.status}")


@edition_group.command("open")
@click.argument("slug")
def open_command(slug: str) -> None:
    """Open a draft (or reopen a closed) edition to answers."""
    _transition(slug, "open")


@edition_group.command("close")
@click.argument("slug")
def close_command(slug: str) -> None:
    """Close an open edition: links stop working, answers are frozen."""
    _transition(slug, "close")


@edition_group.command("validate")
@click.argument("slug")
def validate_command(slug: str) -> None:
    """Mark a closed edition's results validated (ready to publish)."""
    _transition(slug, "validate")


@edition_group.command("correct")
@click.argument("slug")
@click.option("--reason", required=True, help="What the correction changes, shown to readers.")
def correct_command(slug: str, reason: str) -> None:
    """Take a published edition back to validated, to publish a corrected version."""
    _transition(slug, "correct", reason)


@edition_group.command("publish")
@click.argument("slug")
@click.option(
    "--accept",
    "accepted",
    multiple=True,
    type=click.Choice(CHECK_IDS),
    help="Publish although this check fails (repeat for several).",
)
@click.option("--accept-all", is_flag=True, help="Publish although any checks fail.")
def publish_command(slug: str, accepted: tuple[str, ...], accept_all: bool) -> None:
    """Publish a validated edition as a new version; returns when the version is public."""
    edition = find_edition(slug)
    from scorecard.web.editions.lifecycle import TransitionError
    from scorecard.web.reports import publishing

    if edition.status == edition.Status.VALIDATED:
        _print_checks(publishing.checks_for(edition))
    try:
        report = publishing.publish(edition, None, None if accept_all else set(accepted))
    except publishing.ChecksNotAccepted as exc:
        ids = [w.id for w in exc.warnings]
        fail(
            f"not published: these checks fail and are not accepted: {', '.join(ids)}. "
            f"Publish anyway with {' '.join(f'--accept {i}' for i in ids)}, or --accept-all."
        )
    except TransitionError as exc:
        fail(str(exc))
    click.echo(f"Published version {report.version}; rendering its files")
    _wait_until_public(report)
    report.refresh_from_db()
    click.echo(f"Public at /p/{edition.slug}/v{report.version}/")
    for stored in report.files.all():
        click.echo(
            f"  {stored.language}/{stored.name}  {stored.size} bytes  sha256 {stored.sha256}"
        )


def _wait_until_public(report: PublishedReport) -> None:
    """Render the version here, or follow the worker that holds it until it is public.

    While following, dead workers' leases are released and rendering is tried again,
    so a version whose worker was killed is finished by this process.
    """
    from scorecard.web.reports import publishing

    done, total = publishing.progress(report)
    with click.progressbar(length=total, label="Rendering", file=sys.stderr) as bar:

        def on_file(now: int, _total: int) -> None:
            bar.update(now - bar.pos)

        while not publishing.render_version(report.pk, on_file):
            report.refresh_from_db(fields=["completed"])
            if report.completed is not None:
                break
            done, _ = publishing.progress(report)
            bar.update(done - bar.pos)
            time.sleep(POLL_SECONDS)
            publishing.release_dead_leases()
        bar.update(total - bar.pos)


@edition_group.command("export")
@click.argument("slug")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The answers file to write: .csv or .xlsx.",
)
def export(slug: str, out: Path) -> None:
    """Write the edition's answers as the canonical answers file (CSV or XLSX)."""
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        fail(f"{out.name}: the answers file must end in .csv or .xlsx")
    edition = find_edition(slug)
    from scorecard.interop.canonical import answers_xlsx_bytes, write_answers_csv
    from scorecard.web.responses.store import load_answers

    answers = load_answers(edition)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    if suffix == ".csv":
        write_answers_csv(answers, tmp)
    else:
        tmp.write_bytes(answers_xlsx_bytes(answers))
    tmp.replace(out)
    click.echo(f"Wrote {out} ({len(answers.respondents)} respondents)")


def db_worker_id() -> str:
    """hostname-pid, within the 64 characters django-tasks-db allows."""
    pid = str(os.getpid())
    return f"{socket.gethostname()[: 63 - len(pid)]}-{pid}"


@main.command()
@click.option("--batch", is_flag=True, help="Run the tasks waiting now, then exit.")
def worker(batch: bool) -> None:
    """Run the background worker: renders published versions, sends invitations and reminders."""
    setup_django()
    from django.core.management import call_command

    from scorecard.web.participants.sending import resume_unfinished as resume_mailings
    from scorecard.web.reports.publishing import resume_unfinished
    from scorecard.web.workspace.imports import sweep_uploads

    sweep_uploads()
    count = resume_unfinished()
    click.echo(f"Queued {count} unfinished published version(s) again")
    click.echo(f"Queued {resume_mailings()} unfinished mailing(s) again")
    call_command("db_worker", batch=batch, worker_id=db_worker_id(), reload=False)
