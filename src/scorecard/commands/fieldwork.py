"""`scorecard participants ...`, `scorecard invite` and `scorecard remind`: fieldwork.

Thin twins of the workspace's participants page (web/participants). The sending
commands queue their mailing on the task queue and then work it themselves with a
progress bar, side by side with any worker (each message is claimed by one of
them only), so they return when their messages have gone, worker or not.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from scorecard.commands.base import EXIT_BAD_INPUT, main
from scorecard.commands.edition import fail, find_edition

if TYPE_CHECKING:
    from scorecard.web.participants.models import Mailing

POLL_SECONDS = 0.5
BASE_URL_HELP = "The site's address for links (default: SCORECARD_SITE_URL)."


@main.group("participants")
def participants_group() -> None:
    """The people to invite to an edition: import the list, show who answered."""


@participants_group.command("import")
@click.argument("edition")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(edition: str, file: Path) -> None:
    """Add the participants in FILE (CSV or XLSX: name, email, language, ...) to EDITION.

    All or nothing: every bad row is named with its column, and nothing is stored
    until the whole file is right. Addresses already on the list are kept as stored.
    """
    found = find_edition(edition)
    from scorecard.interop import AnswersFileError
    from scorecard.web.participants.importing import import_participants, read_participants

    try:
        rows = read_participants(file, found)
        result = import_participants(found, rows, file.name)
    except AnswersFileError as exc:
        fail(str(exc))
    click.echo(f"Added {result.added} participants from {file.name}")
    for kept in result.kept:
        click.echo(f"  already on the list, kept as stored: {kept}")


@participants_group.command("show")
@click.argument("edition")
def show_command(edition: str) -> None:
    """Print the fieldwork counts, the targets, and each participant's state."""
    found = find_edition(edition)
    from scorecard.web.participants.models import Participant
    from scorecard.web.participants.progress import counts, target_progress, with_status

    numbers = counts(found)
    click.echo("  ".join(f"{key.replace('_', ' ')}: {value}" for key, value in numbers.items()))
    for target in target_progress(found):
        unit = "%" if target.target.share else ""
        state = f"BEHIND, {target.needed} needed" if target.behind else "reached"
        click.echo(
            f"target {target.target.field}={target.target.value} >= "
            f"{target.target.minimum}{unit}: {target.count} ({state})"
        )
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["name", "email", "language", "sector", "state", "refused"])
    for person in with_status(Participant.objects.filter(edition=found)):
        writer.writerow(
            [
                person.name,
                person.email,
                person.language,
                person.sector,
                _state(person),
                person.refusal or "",  # type: ignore[attr-defined]
            ]
        )


def _state(person: object) -> str:
    invitation = getattr(person, "invitation", None)
    respondent = getattr(invitation, "respondent", None) if invitation else None
    if getattr(person, "opted_out_at", None):
        return "opted out"
    if respondent is not None and respondent.submitted_at:
        return "submitted"
    if respondent is not None:
        return "started"
    if invitation is not None and invitation.opened_at:
        return "opened"
    return "invited" if getattr(person, "invited", False) else "not invited"


@main.command()
@click.argument("edition")
@click.option("--count", type=click.IntRange(1, 100000), help="Print COUNT new links.")
@click.option("--label", default="", help="Label the new links: LABEL 1, LABEL 2, ...")
@click.option("--csv", "as_csv", is_flag=True, help="Print the new links as CSV (label,link).")
@click.option("--send", is_flag=True, help="E-mail every participant not yet invited.")
@click.option("--base-url", default=None, help=BASE_URL_HELP)
def invite(
    edition: str, count: int | None, label: str, as_csv: bool, send: bool, base_url: str | None
) -> None:
    """Personal links for EDITION: COUNT new ones printed, or e-mailed with --send."""
    found = find_edition(edition)
    from django.conf import settings

    from scorecard.web.editions.lifecycle import TransitionError

    base = (base_url or settings.SCORECARD_SITE_URL).rstrip("/")
    if send == (count is not None):
        fail("give either --count N (print links) or --send (e-mail the participants)")
    if send:
        from scorecard.web.participants.sending import queue_invitations

        try:
            mailing = queue_invitations(found, base)
        except TransitionError as exc:
            fail(str(exc))
        if mailing is None:
            click.echo("Every participant is already invited")
            return
        _work(mailing)
        return
    assert count is not None
    try:
        tokens = found.create_invitations(count, label)
    except TransitionError as exc:
        fail(str(exc))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if as_csv:
        writer.writerow(["label", "link"])
    for i, token in enumerate(tokens, start=1):
        link = f"{base}/r/{token}/"
        if as_csv:
            writer.writerow([f"{label} {i}" if label else "", link])
        else:
            click.echo(link)


@main.command()
@click.argument("edition")
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Only participants in this group, e.g. sector=NGO (repeat to narrow).",
)
@click.option("--base-url", default=None, help=BASE_URL_HELP)
def remind(edition: str, only: tuple[str, ...], base_url: str | None) -> None:
    """E-mail a reminder to every invited participant who has not submitted nor opted out."""
    found = find_edition(edition)
    from django.conf import settings

    from scorecard.web.editions.lifecycle import TransitionError
    from scorecard.web.participants.sending import queue_reminders

    group: dict[str, str] = {}
    for item in only:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise click.BadParameter(
                f"write FIELD=VALUE, e.g. sector=NGO, not {item!r}", param_hint="--only"
            )
        group[key.strip()] = value.strip()
    base = (base_url or settings.SCORECARD_SITE_URL).rstrip("/")
    try:
        mailing = queue_reminders(found, group, base)
    except (TransitionError, ValueError) as exc:
        fail(str(exc))
    if mailing is None:
        click.echo("Nobody to remind: everyone invited has submitted or opted out")
        return
    _work(mailing)


def _work(mailing: Mailing) -> None:
    """Send the mailing here (with any worker), or follow it until no message is left."""
    from scorecard.web.participants import sending
    from scorecard.web.participants.models import Message, State

    messages = Message.objects.filter(mailing=mailing)
    total = messages.count()
    label = f"Sending {mailing.get_kind_display().lower()}s"
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:

        def on_message(done: int, _total: int) -> None:
            bar.update(done - bar.pos)

        while True:
            outcome = sending.send_mailing(mailing.pk, on_message)
            if outcome.error:
                break
            if outcome.finished:
                break
            time.sleep(POLL_SECONDS)  # another process holds some: follow it
            bar.update(messages.exclude(state__in=sending.UNFINISHED).count() - bar.pos)
        bar.update(total - bar.pos)
    states = dict.fromkeys(State.values, 0)
    for state in messages.values_list("state", flat=True):
        states[state] += 1
    click.echo(
        f"{states['sent']} sent, {states['refused']} refused by the mail server, "
        f"{states['cancelled']} not needed any more, "
        f"{states['queued'] + states['sending']} still to send"
    )
    for email, error in messages.filter(state=State.REFUSED).values_list(
        "participant__email", "error"
    ):
        click.echo(f"  refused: {email}: {error}")
    if outcome.error:
        click.echo(
            f"Error: {outcome.error}\nThe rest stay queued: the worker tries again later, "
            "or run this command again.",
            err=True,
        )
        sys.exit(EXIT_BAD_INPUT)
