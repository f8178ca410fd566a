"""Operations: backup and restore of the whole database, in a portable form.

A backup is Django's own JSON serialisation, gzipped: the same file restores into
SQLite or PostgreSQL, so a coalition can move from a laptop to a server with it.
"""

from __future__ import annotations

import gzip
import io
import sys
import tempfile
from pathlib import Path

import click

from scorecard.commands.base import EXIT_BAD_INPUT, main, setup_django

EXCLUDED = ("contenttypes", "auth.permission", "sessions", "admin.logentry")


@main.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def backup(out: Path) -> None:
    """Write every edition, answer, account and report to OUT (.json.gz)."""
    setup_django()
    from django.core.management import call_command

    buffer = io.StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=False,
        exclude=list(EXCLUDED),
        stdout=buffer,
        indent=None,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with gzip.open(tmp, "wt", encoding="utf-8") as f:
        f.write(buffer.getvalue())
    tmp.replace(out)  # never leave a half-written backup under the real name
    click.echo(f"Wrote {out} ({out.stat().st_size / 1024:.0f} KiB)")


@main.command()
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the data of a database that is not empty.")
def restore(backup_file: Path, force: bool) -> None:
    """Load a backup written by `scorecard backup` into this database, all or nothing."""
    setup_django()
    from django.core.management import call_command
    from django.db import transaction

    from scorecard.web.editions.models import Edition

    call_command("migrate", interactive=False, verbosity=0)
    if Edition.objects.exists() and not force:
        click.echo(
            "Error: this database already holds editions; restore with --force to replace them.",
            err=True,
        )
        sys.exit(EXIT_BAD_INPUT)
    try:
        with gzip.open(backup_file, "rt", encoding="utf-8") as f:
            data = f.read()
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        click.echo(f"Error: {backup_file} is not a scorecard backup ({exc})", err=True)
        sys.exit(EXIT_BAD_INPUT)
    with tempfile.TemporaryDirectory() as tmp:
        fixture = Path(tmp) / "backup.json"  # loaddata knows the format by the suffix
        fixture.write_text(data, "utf-8")
        with transaction.atomic():
            if force:
                call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(fixture), verbosity=0)
    click.echo(f"Restored {backup_file}")
