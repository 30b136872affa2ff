"""The command line: options in, text out, exit codes. Every command calls the library core.

Heavy modules (genanki, anki, fsrs, rich) are imported inside the commands that need them,
so `quizgen --help` starts fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from quizgen.errors import QuizgenError

app = typer.Typer(
    name="quizgen",
    help="Turn curated fact files into quiz questions, Anki decks and a terminal quiz.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DEFAULT_FACTS = Path("facts")

FactPaths = Annotated[
    list[Path] | None,
    typer.Argument(
        exists=True,
        help="Fact files or folders (searched recursively). Default: facts/",
        show_default=False,
    ),
]


def fail(error: QuizgenError) -> NoReturn:
    """Print a user-fixable error to stderr, one line per problem, and exit 1."""
    for line in str(error).splitlines():
        typer.echo(f"Error: {line}", err=True)
    raise typer.Exit(1)


def _paths(paths: list[Path] | None) -> list[Path]:
    return list(paths) if paths else [DEFAULT_FACTS]


@app.command()
def check(paths: FactPaths = None) -> None:
    """Validate fact files and report every problem at once, by file, line and field.

    Example: quizgen check facts/
    """
    from quizgen.loader import load_decks

    try:
        decks = load_decks(_paths(paths))
    except QuizgenError as error:
        fail(error)
    for loaded in decks:
        deck = loaded.deck
        topics = {fact.topic for fact in deck.facts if fact.topic}
        typer.echo(
            f"ok {loaded.display_path}: {deck.deck!r}, {len(deck.facts)} facts, "
            f"{len(topics)} topics"
        )


@app.command()
def schema() -> None:
    """Print the JSON Schema of the fact format, for editors that check YAML as you type.

    Example: quizgen schema > fact-file.schema.json
    """
    from quizgen.models import fact_file_schema

    typer.echo(json.dumps(fact_file_schema(), indent=2))


@app.command()
def new(
    file: Annotated[Path, typer.Argument(help="The fact file to create.", dir_okay=False)],
) -> None:
    """Write a commented starter fact file that passes `quizgen check`; never overwrites.

    Example: quizgen new facts/solar-system.yaml
    """
    from quizgen.starter import write_starter

    try:
        write_starter(file)
    except QuizgenError as error:
        fail(error)
    typer.echo(f"wrote {file}: edit it, then run `quizgen check {file}`")


@app.command("list")
def list_decks(paths: FactPaths = None) -> None:
    """List decks with their topics and fact counts.

    Example: quizgen list facts/
    """
    from quizgen.loader import load_decks

    try:
        decks = load_decks(_paths(paths))
    except QuizgenError as error:
        fail(error)
    for loaded in decks:
        deck = loaded.deck
        typer.echo(f"{deck.deck} [{deck.id}] {len(deck.facts)} facts  ({loaded.display_path})")
        counts: dict[str, int] = {}
        for fact in deck.facts:
            counts[fact.topic or "(no topic)"] = counts.get(fact.topic or "(no topic)", 0) + 1
        for topic, count in counts.items():
            typer.echo(f"  {topic}: {count}")


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
