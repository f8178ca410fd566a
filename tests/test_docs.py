"""Docs that tests keep true: docs/cli.md is generated from the CLI and must match it.

Regenerate with `make docs` after changing a command.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from scorecard.cli import main

CLI_DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def render_cli_doc() -> str:
    runner = CliRunner()
    parts = [
        "# Command line\n",
        "Generated from the commands' own help by `make docs`; a test fails when it drifts.\n",
    ]
    for path in command_paths(main, []):
        result = runner.invoke(main, [*path, "--help"], prog_name="scorecard", terminal_width=100)
        title = " ".join(["scorecard", *path])
        parts.append(f"## {title}\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def command_paths(command: click.Command, path: list[str]) -> list[list[str]]:
    """Every command and subcommand (``edition publish``), so each one's options are shown."""
    found = [path]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            if sub is not None:
                found += command_paths(sub, [*path, name])
    return found


def test_it_documents_every_command_as_it_is() -> None:
    assert CLI_DOC.read_text("utf-8") == render_cli_doc(), "docs/cli.md is stale: run make docs"


def test_it_documents_every_setting_of_the_framework() -> None:
    method_doc = (CLI_DOC.parent / "method.md").read_text("utf-8")
    for setting in ("highest_above", "lowest_below", "suppression", "no_progress", "dont_know"):
        assert setting in method_doc


def test_it_documents_every_environment_setting() -> None:
    import re

    settings_py = CLI_DOC.parent.parent / "src" / "scorecard" / "web" / "settings.py"
    read = set(re.findall(r'(?:environ\.get|_flag)\("([A-Z_]+)"', settings_py.read_text("utf-8")))
    assert read, "no settings found: the pattern no longer matches settings.py"
    documented = (CLI_DOC.parent / "settings.md").read_text("utf-8")
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert not missing, f"undocumented settings: {missing}"


if __name__ == "__main__":
    CLI_DOC.write_text(render_cli_doc(), "utf-8")
    sys.stdout.write(f"wrote {CLI_DOC}\n")
