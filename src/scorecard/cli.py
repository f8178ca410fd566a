"""`scorecard ...`: parse arguments, call the core, print. No logic of its own."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from scorecard.analysis import Results, analyse
from scorecard.commands.base import (
    EXIT_BAD_INPUT,
    answers_argument,
    edition_option,
    format_for,
    framework_option,
    friendly_errors,
    language_option,
    main,
    max_size_option,
    setup_django,
)
from scorecard.interop import load_framework, read_answers, write_answers_csv
from scorecard.interop.frameworks import load_edition
from scorecard.method import Edition
from scorecard.textreport import results_table

# `scorecard.cli:main` stays the console entry point; commands/base.py defines it.
__all__ = ["main"]


def load_results(
    answers_file: Path, framework: Path | None, edition_file: Path | None, max_size: int
) -> Results:
    fw = load_framework(framework) if framework else None
    answers = read_answers(answers_file, fw, max_bytes=max_size * 1024 * 1024)
    beside = answers_file.with_name("edition.toml")
    if edition_file is None and beside.exists():
        edition_file = beside
    edition = load_edition(edition_file) if edition_file else Edition()
    return analyse(answers, edition)


def story_beside(answers_file: Path, language: str) -> tuple[Path | None, Path | None]:
    """The narrative folder and meetings file beside the answers, the report language's first.

    Found as edition.toml is, so the folder `scorecard sample` writes reports as a
    finished report with no more options; an explicit --narrative or --meetings wins.
    """
    from scorecard.sample import story_names

    folder = answers_file.parent
    own, fallback = story_names(language), story_names("en")
    narrative = next((folder / n for n in (own[0], fallback[0]) if (folder / n).is_dir()), None)
    meetings = next((folder / n for n in (own[1], fallback[1]) if (folder / n).is_file()), None)
    return narrative, meetings


@main.command()
@answers_argument
@click.option("--json", "as_json", is_flag=True, help="Print the Results JSON.")
@framework_option
@edition_option
@max_size_option
@friendly_errors
def results(
    answers_file: Path,
    as_json: bool,
    framework: Path | None,
    edition_file: Path | None,
    max_size: int,
) -> None:
    """Print the figures of an answers file (CSV or XLSX)."""
    res = load_results(answers_file, framework, edition_file, max_size)
    if as_json:
        click.echo(json.dumps(res.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(results_table(res))


@main.command()
@answers_argument
@click.option(
    "--format",
    "fmt",
    default=None,
    help="html, pdf, pptx, xlsx, csv, json or datadict; by default the one --out's suffix "
    "names (report.pdf: pdf), else html.",
)
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Output file."
)
@language_option
@click.option(
    "--narrative",
    "narrative_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of Markdown narrative files (docs/report.md).",
)
@click.option(
    "--meetings",
    "meetings_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A TOML file of validation meetings (docs/report.md).",
)
@framework_option
@edition_option
@max_size_option
@friendly_errors
def report(
    answers_file: Path,
    fmt: str | None,
    out: Path,
    language: str,
    framework: Path | None,
    edition_file: Path | None,
    max_size: int,
    narrative_dir: Path | None = None,
    meetings_file: Path | None = None,
) -> None:
    """Write the report of an answers file."""
    from scorecard.report import (
        MeetingsError,
        NarrativeError,
        ReportInput,
        UnknownFormatError,
        load_meetings,
        load_narrative,
        registry,
    )
    from scorecard.report.identity import NO_IDENTITY, IdentityError, load_identity

    res = load_results(answers_file, framework, edition_file, max_size)
    found_narrative, found_meetings = story_beside(answers_file, language)
    if narrative_dir is None and found_narrative is not None:
        narrative_dir = found_narrative
        click.echo(f"Narrative: {found_narrative} (beside the answers)", err=True)
    if meetings_file is None and found_meetings is not None:
        meetings_file = found_meetings
        click.echo(f"Validation meetings: {found_meetings} (beside the answers)", err=True)
    beside = answers_file.with_name("edition.toml")
    signed = edition_file or (beside if beside.exists() else None)
    try:
        narrative = load_narrative(narrative_dir, res.framework) if narrative_dir else None
        meetings = load_meetings(meetings_file, res.framework) if meetings_file else ()
        identity = load_identity(signed, language) if signed else NO_IDENTITY
    except (NarrativeError, MeetingsError, IdentityError) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if narrative is not None:
        todo = narrative.unwritten(res.framework, res.highest + res.lowest)
        if todo:
            click.echo(f"Not written yet (shown as such): {', '.join(todo)}", err=True)
    try:
        inp = ReportInput(res, language, narrative, tuple(meetings), identity=identity)
        output = registry.render("report", format_for(fmt, out, registry.formats("report")), inp)
    except UnknownFormatError as exc:
        raise click.BadParameter(str(exc), param_hint="--format") from exc
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(output.data)
    click.echo(f"Wrote {out}")


@main.command()
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="CSV to write."
)
@click.option("--respondents", type=click.IntRange(1), default=61, show_default=True)
@click.option("--seed", type=int, default=2022, show_default=True)
@click.option(
    "--country",
    type=click.Choice(["Kazakhstan", "Kyrgyzstan", "Uzbekistan"]),
    help="Write this country's synthetic edition instead (its own size and seed).",
)
@click.option("--year", type=click.IntRange(2000, 2100), help="The year of that edition.")
def sample(
    out: Path, respondents: int, seed: int, country: str | None = None, year: int | None = None
) -> None:
    """Write a synthetic edition like Kazakhstan 2022, with its edition.toml beside it.

    Kazakhstan's editions also get a synthetic narrative and two validation meetings,
    in English, Russian and Kazakh, which `scorecard report` then finds beside the answers.
    """
    from scorecard.sample import (
        SAMPLE_EDITION,
        STORY_YEAR,
        edition_toml,
        sample_answers,
        sample_edition,
        story_files,
    )

    out.parent.mkdir(parents=True, exist_ok=True)
    if country is None and year is None:
        answers, edition = sample_answers(respondents, seed), SAMPLE_EDITION
    else:
        answers, edition = sample_edition(country or "Kazakhstan", year or 2022)
    write_answers_csv(answers, out)
    out.with_name("edition.toml").write_text(edition_toml(edition), "utf-8")
    count = len(answers.respondents)
    click.echo(f"Wrote {out} ({count} synthetic respondents) and its edition.toml")
    if edition.country == "Kazakhstan":
        for name, text in story_files(edition.year or STORY_YEAR).items():
            path = out.parent / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
        click.echo(
            "and a synthetic narrative and validation meetings in English, Russian and "
            "Kazakh (narrative/, meetings.toml, narrative-ru/, meetings-ru.toml, "
            "narrative-kk/, meetings-kk.toml)"
        )


@main.command()
@click.option(
    "--dir",
    "folder",
    default=Path("data/demo"),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option("--no-serve", is_flag=True, help="Build the demo and stop (for scripts).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.pass_context
def demo(ctx: click.Context, folder: Path, no_serve: bool, port: int) -> None:
    """Build the sample edition and its report, load it into the app and serve it."""
    answers_csv = folder / "answers.csv"
    ctx.invoke(sample, out=answers_csv, respondents=61, seed=2022)
    report_html = folder / "report.html"
    ctx.invoke(
        report,
        answers_file=answers_csv,
        fmt="html",
        out=report_html,
        language="en",
        framework=None,
        edition_file=None,
        max_size=100,
    )
    click.echo(f"\nThe sample report is at {report_html.resolve()}")
    click.echo("Analyse your own answers: scorecard report YOUR.csv --out report.html\n")
    setup_django()
    from scorecard.web.demo import load_demo

    base = f"http://127.0.0.1:{port}"
    demo_info = load_demo(answers_csv)
    click.echo(f"Coordinator login: {base}/accounts/login/")
    click.echo(f"  user: {demo_info.username}  password: {demo_info.password}")
    click.echo(f"Edition workspace: {base}/editions/{demo_info.slug}/")
    click.echo(f"Comparison 2022 -> 2023: {base}/editions/{demo_info.later_slug}/compare/")
    click.echo(
        f"Published 2023 report (public once the worker has rendered it, about a minute): "
        f"{base}/p/{demo_info.later_slug}/"
    )
    click.echo(f"Network synthesis: {base}/networks/{demo_info.network_slug}/")
    click.echo("Three personal questionnaire links:")
    for token in demo_info.tokens:
        click.echo(f"  {base}/r/{token}/")
    if no_serve:
        return
    import subprocess

    from django.core.management import call_command

    # Publishing renders in the background worker, as in production.
    worker = subprocess.Popen([sys.executable, "-m", "scorecard", "worker"])
    click.echo(f"\nServing on {base}/ with a background worker (Ctrl-C to stop)")
    try:
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, insecure_serving=True)
    finally:
        worker.terminate()


@main.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (migrate, createsuperuser, ...)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["scorecard manage", *args])


@main.command()
def migrate() -> None:
    """Create or update the database tables."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False)


def _register_commands() -> None:
    """Import the command modules; each adds its commands to ``main`` when imported."""
    import importlib
    import pkgutil

    import scorecard.commands

    for module in pkgutil.iter_modules(scorecard.commands.__path__):
        importlib.import_module(f"scorecard.commands.{module.name}")


_register_commands()
