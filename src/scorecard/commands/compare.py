"""`scorecard compare` and `scorecard network`: editions over years and across countries.

Both read answers files the way `scorecard report` does (edition.toml beside
each file names it) and stay thin: the figures are analysis.compare and
analysis.network, the files are the report renderers. docs/compare.md
explains the statistics.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from scorecard.analysis import Answers, NotComparableError, Results, analyse, compare, synthesise
from scorecard.analysis.compare import edition_label
from scorecard.commands.base import (
    EXIT_BAD_INPUT,
    format_for,
    friendly_errors,
    main,
    output_options,
)
from scorecard.interop import load_framework, read_answers
from scorecard.interop.frameworks import load_edition
from scorecard.method import Edition
from scorecard.report import display

COMPARE_FORMATS = ("html", "pdf", "pptx", "xlsx", "json", "csv")
NETWORK_FORMATS = ("html", "pdf", "xlsx", "json")

files_argument = click.argument(
    "files",
    metavar="FILE...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
label_option = click.option(
    "--label",
    "labels",
    multiple=True,
    help="A name per FILE, in order (default: country and year from its edition.toml).",
)
framework_option = click.option(
    "--framework",
    "frameworks",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A framework file for all FILEs, or one per FILE in order; the A4SD default otherwise.",
)


def load_editions(
    files: Sequence[Path], frameworks: Sequence[Path], max_size: int
) -> list[tuple[Answers, Results]]:
    """Each file's answers and results, with the edition.toml beside it when there is one."""
    if len(frameworks) not in (0, 1, len(files)):
        raise click.BadParameter("give one --framework, or one per FILE", param_hint="--framework")
    loaded = []
    for i, path in enumerate(files):
        fw_path = frameworks[0] if len(frameworks) == 1 else frameworks[i] if frameworks else None
        fw = load_framework(fw_path) if fw_path else None
        answers = read_answers(path, fw, max_bytes=max_size * 1024 * 1024)
        beside = path.with_name("edition.toml")
        edition = load_edition(beside) if beside.exists() else Edition(title=path.stem)
        loaded.append((answers, analyse(answers, edition)))
    return loaded


def parse_area_map(text: str | None) -> dict[int, int] | None:
    """ "11:1,12:2" -> {11: 1, 12: 2}: an earlier edition's key areas onto the current ones."""
    if not text:
        return None
    try:
        pairs = [item.split(":") for item in text.split(",") if item.strip()]
        return {int(old): int(new) for old, new in pairs}
    except ValueError:
        raise click.BadParameter("write it as OLD:NEW pairs, e.g. 11:1,12:2") from None


def _labels(labels: Sequence[str], count: int) -> list[str] | None:
    if labels and len(labels) != count:
        raise click.BadParameter(f"give {count} labels, one per FILE", param_hint="--label")
    return list(labels) or None


@main.command("compare")
@files_argument
@output_options(
    COMPARE_FORMATS,
    "The report of the last FILE with the comparison; without it a summary is printed.",
    framework_option,
)
@label_option
@click.option("--area-map", help="Earlier key areas onto the current ones, e.g. 11:1,12:2.")
@friendly_errors
def compare_command(
    files: tuple[Path, ...],
    fmt: str | None,
    out: Path | None,
    labels: tuple[str, ...],
    area_map: str | None,
    language: str,
    frameworks: tuple[Path, ...],
    max_size: int,
) -> None:
    """Compare editions: each earlier FILE against the last one (oldest first)."""
    if len(files) < 2:
        raise click.BadParameter("give at least two answers files", param_hint="FILE...")
    loaded = load_editions(files, frameworks, max_size)
    try:
        comparison = compare(
            *(r for _, r in loaded),
            labels=_labels(labels, len(files)),
            area_map=parse_area_map(area_map),
            answers=[a for a, _ in loaded],
        )
    except NotComparableError as exc:
        click.echo(f"Error: these editions cannot be compared: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if out is None:
        for pair in comparison.pairs:
            click.echo(f"{pair.before} -> {pair.after} (percentage points, 95% interval)")
            for change in (pair.overall, *pair.pillars, *pair.goals):
                name = change.name or "Overall"
                if isinstance(change.key, int):
                    name = f"SDG {change.key} {name}"
                points = "" if change.points is None else display.number(change.points, 1)
                ci = (
                    "" if change.ci95 is None else f"{change.ci95[0]:+.1f} to {change.ci95[1]:+.1f}"
                )
                click.echo(f"  {name[:44]:<44} {points:>7} {ci:>17}  {change.verdict.value}")
        return
    from scorecard.report import ReportInput, registry

    inp = ReportInput(loaded[-1][1], language, comparison=comparison)
    output = registry.render("comparison", format_for(fmt, out, COMPARE_FORMATS), inp)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(output.data)
    click.echo(f"Wrote {out}")


@main.command("network")
@files_argument
@output_options(
    NETWORK_FORMATS,
    "The synthesis report; without it a goals x countries table is printed.",
    framework_option,
)
@label_option
@friendly_errors
def network_command(
    files: tuple[Path, ...],
    fmt: str | None,
    out: Path | None,
    labels: tuple[str, ...],
    language: str,
    frameworks: tuple[Path, ...],
    max_size: int,
) -> None:
    """Synthesise national editions of several countries: which goals lag everywhere."""
    loaded = [r for _, r in load_editions(files, frameworks, max_size)]
    names = _labels(labels, len(files)) or [
        edition_label(r.edition, i) for i, r in enumerate(loaded)
    ]
    try:
        synthesis = synthesise(list(zip(names, loaded, strict=True)))
    except ValueError as exc:
        click.echo(f"Error: {exc}; name them with --label", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if out is None:
        click.echo(
            f"{'Goal':<10}" + "".join(f"{c[:14]:>15}" for c in synthesis.countries) + "  median"
        )
        for row in synthesis.lowest_everywhere():
            cells = "".join(
                f"{'' if p is None else display.percent(p, 0):>15}" for p in row.percents
            )
            median = display.percent(row.median, 0) if row.median is not None else ""
            click.echo(f"SDG {row.key:<6}{cells}  {median}")
        return
    from scorecard.report import NetworkInput, registry

    output = registry.render(
        "network", format_for(fmt, out, NETWORK_FORMATS), NetworkInput(synthesis, language)
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(output.data)
    click.echo(f"Wrote {out}")
