"""What every command shares: the ``scorecard`` group, its options and error handling.

Both cli.py and the command modules import this, so neither imports the other
(docs/architecture.md).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from scorecard.interop import AnswersFileError
from scorecard.method import FrameworkError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_BAD_INPUT = 2


def friendly_errors(command: F) -> F:
    """Bad input is the user's to fix: print the message and a hint, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (AnswersFileError, FrameworkError) as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(package_name="peoples-scorecard")
def main() -> None:
    """People's Scorecard: from CSO experts' answers to a validated SDG report."""


answers_argument = click.argument(
    "answers_file", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
framework_option = click.option(
    "--framework",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A framework file (TOML or JSON); the A4SD default otherwise.",
)
edition_option = click.option(
    "--edition",
    "edition_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An edition.toml (title, country, year); edition.toml beside FILE is used if present.",
)
max_size_option = click.option(
    "--max-size", type=click.IntRange(1), default=100, show_default=True, help="Largest file, MB."
)
language_option = click.option("--language", default="en", show_default=True, help="en, ru or kk.")


def output_options(
    formats: Sequence[str], out_help: str, framework: Callable[[Any], Any] | None = None
) -> Callable[[F], F]:
    """--format (one of ``formats``) and --out, then --language, --framework and --max-size:
    the options every command that writes an output shares, declared once. ``framework``
    replaces the one-file --framework (compare and network take one per FILE)."""

    def decorate(command: F) -> F:
        for option in reversed(
            (
                click.option(
                    "--format",
                    "fmt",
                    type=click.Choice(list(formats)),
                    default=None,
                    help="The one --out's suffix names (report.pdf: pdf), else html.",
                ),
                click.option(
                    "--out", type=click.Path(dir_okay=False, path_type=Path), help=out_help
                ),
                language_option,
                framework or framework_option,
                max_size_option,
            )
        ):
            command = option(command)
        return command

    return decorate


def format_for(fmt: str | None, out: Path | None, formats: Sequence[str]) -> str:
    """The output format: --format, else the one --out's suffix names, else html.

    A tired coordinator types ``--out report.pdf`` and expects a PDF; HTML written into
    it would look like a broken file. A suffix that names another format than --format
    is refused rather than guessed.
    """
    from scorecard.report.output import suffix_of  # deferred: the CLI starts fast

    by_suffix = {suffix_of(f): f for f in formats} | ({"htm": "html"} if "html" in formats else {})
    named = by_suffix.get(out.suffix.lstrip(".").lower()) if out is not None else None
    if fmt is None:
        return named or "html"
    if named is not None and named != fmt:
        raise click.BadParameter(
            f"--out {out.name if out else ''} names a {named} file, but --format is {fmt}; "
            "leave --format out or make the two agree.",
            param_hint="--format",
        )
    return fmt


def setup_django() -> None:
    """Start Django for the commands that need the database; core commands never do."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.web.settings")
    django.setup()
