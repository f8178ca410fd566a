"""`scorecard groups`: results by sector, gender, age band or region, with suppression.

Thin: the groups and their suppression are analysis.groups, the files are
report.groups; what is hidden and why is in docs/compare.md.
"""

from __future__ import annotations

from pathlib import Path

import click

from scorecard.analysis import group_view
from scorecard.analysis.groups import OVERALL, SPLITS
from scorecard.commands.base import (
    answers_argument,
    edition_option,
    format_for,
    friendly_errors,
    main,
    output_options,
)
from scorecard.interop import load_framework, read_answers
from scorecard.interop.frameworks import load_edition
from scorecard.method import Edition
from scorecard.report import display

GROUP_FORMATS = ("html", "pdf", "json", "xlsx", "csv")


@main.command("groups")
@answers_argument
@click.option("--by", required=True, type=click.Choice(SPLITS), help="Split respondents by this.")
@click.option("--by2", type=click.Choice(SPLITS), help="Cross with a second attribute.")
@output_options(
    GROUP_FORMATS,
    "The groups report; without it the groups' sizes and overall scores are printed.",
)
@edition_option
@friendly_errors
def groups_command(
    answers_file: Path,
    by: str,
    by2: str | None,
    fmt: str | None,
    out: Path | None,
    language: str,
    framework: Path | None,
    edition_file: Path | None,
    max_size: int,
) -> None:
    """Results by groups of respondents beside the whole; small groups suppressed."""
    if by2 == by:
        raise click.BadParameter("choose a different attribute", param_hint="--by2")
    fw = load_framework(framework) if framework else None
    answers = read_answers(answers_file, fw, max_bytes=max_size * 1024 * 1024)
    beside = answers_file.with_name("edition.toml")
    edition_file = edition_file or (beside if beside.exists() else None)
    edition = load_edition(edition_file) if edition_file else Edition()
    view = group_view(answers, by, by2, edition)
    if out is None:
        click.echo(f"suppressed: fewer than {view.threshold} respondents (or hidden with one)")
        for group in (view.whole, *view.groups):
            label = group.label or "All respondents"
            n = "suppressed" if group.n is None else str(group.n)
            shown = group.figure(OVERALL)
            overall = "suppressed" if shown is None else _percent(shown[0].percent)
            click.echo(f"  {label[:40]:<40} {n:>11}  {overall:>11}")
        return
    from scorecard.report import GroupsInput, registry

    output = registry.render(
        "groups", format_for(fmt, out, GROUP_FORMATS), GroupsInput(view, language)
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(output.data)
    click.echo(f"Wrote {out}")


def _percent(value: object) -> str:
    from fractions import Fraction

    return display.percent(value, 1) if isinstance(value, Fraction) else "not rated"
