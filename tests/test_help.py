"""Every command has help text with an example, and so does every one of its parameters.

The commands are read from the Typer app, so a command added later is covered without
touching this file (as in sqlite-utils' tests/test_docs.py).
"""

from __future__ import annotations

import pytest
import typer.core
import typer.main
from typer.testing import CliRunner

from quizgen.cli import app

runner = CliRunner()


def _commands() -> dict[str, typer.core.TyperCommand]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    commands = {}
    for name, command in group.commands.items():
        assert isinstance(command, typer.core.TyperCommand)
        commands[name] = command
    return commands


COMMANDS = _commands()


def test_the_teachers_commands_are_registered() -> None:
    assert {"build", "check", "schema", "new", "list", "preview", "quiz"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_help(name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: quizgen {name}" in result.output
    help_text = COMMANDS[name].help
    assert help_text, f"`quizgen {name}` has no docstring"
    summary = help_text.strip().splitlines()[0]
    assert " ".join(summary.split()) in " ".join(result.output.split())  # help is rewrapped
    (example,) = [line.strip() for line in help_text.splitlines() if "Example:" in line]
    assert example.startswith(f"Example: quizgen {name}"), "a command docstring ends with one"
    shown = [line.strip() for line in result.output.splitlines()]
    assert example in shown, "the example is shown as written, on one line, not rewrapped"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_parameter_has_help(name: str) -> None:
    missing = [
        param.name
        for param in COMMANDS[name].params
        if isinstance(param, typer.core.TyperArgument | typer.core.TyperOption) and not param.help
    ]
    assert missing == []


def test_top_level_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    for name, command in COMMANDS.items():
        assert command.help
        assert name in result.output


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "Usage: quizgen" in result.output
    assert "Traceback" not in result.output


def test_version_and_short_help() -> None:
    from quizgen import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"quizgen {__version__}\n"
    short = runner.invoke(app, ["build", "-h"])
    assert short.exit_code == 0 and short.output == runner.invoke(app, ["build", "--help"]).output
