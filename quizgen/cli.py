"""The command line: options in, text out, exit codes. Every command calls the library core.

Heavy modules (genanki, anki, fsrs, rich) are imported inside the commands that need them,
so `quizgen --help` starts fast.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand

from quizgen.engine.constants import ALL_KINDS, DEFAULT_OPTIONS, QuestionKind
from quizgen.errors import NoFactFiles, QuizgenError, counted
from quizgen.visible import json_visible, visible

if TYPE_CHECKING:  # for annotations only: importing these at start-up would slow `--help`
    from quizgen.engine.pipeline import PreparedDeck
    from quizgen.engine.questions import DeckQuestions
    from quizgen.quiz.session import Selection

app = typer.Typer(
    name="quizgen",
    help="Turn curated fact files into quiz questions, Anki decks and a terminal quiz.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DEFAULT_FACTS = Path("facts")


def _show_version(wanted: bool) -> None:
    if wanted:
        from quizgen import __version__

        typer.echo(f"quizgen {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Print quizgen's version and exit.",
        ),
    ] = False,
) -> None:
    """Turn curated fact files into quiz questions, Anki decks and a terminal quiz."""


FactPaths = Annotated[
    list[Path] | None,
    typer.Argument(
        exists=True,
        help="Fact files or folders (searched recursively). Default: facts/",
        show_default=False,
    ),
]


SeedOption = Annotated[
    int,
    typer.Option("--seed", help="Seed for distractors and option order; same seed, same output."),
]


class KindChoice(StrEnum):
    """The values of `--kind`."""

    MCQ = "mcq"
    CLOZE = "cloze"
    ALL = "all"


KindOption = Annotated[KindChoice, typer.Option("--kind", help="Which questions to use.")]
OptionsOption = Annotated[
    int,
    typer.Option("--options", min=2, max=26, help="Options per multiple-choice question."),
]


def question_kinds(kind: KindChoice) -> frozenset[QuestionKind]:
    """`--kind` as the set of question kinds it selects."""
    return ALL_KINDS if kind is KindChoice.ALL else frozenset({QuestionKind(kind.value)})


def say(text: str, *, err: bool = False) -> None:
    """Print a line that may hold content (titles, topics, facts, file names): any control
    character in it is shown, never obeyed by the terminal (quizgen.visible)."""
    typer.echo(visible(text), err=err)


def warn(lines: list[str]) -> None:
    """Print warnings to stderr; they never change the exit code."""
    for line in lines:
        say(f"Warning: {line}", err=True)


def fail(error: QuizgenError) -> NoReturn:
    """Print a user-fixable error to stderr, one line per problem, and exit 1."""
    for line in str(error).splitlines():
        say(f"Error: {line}", err=True)
    raise typer.Exit(1)


def _needs_input() -> None:
    """`quiz` and `review` read answers: a closed standard input is a usage error."""
    if "stdin" in _CLOSED_STREAMS:
        say(
            "Error: standard input is closed, so there is nowhere to read answers from: "
            "run the quiz in a terminal, or pipe answers in (one per line)",
            err=True,
        )
        raise typer.Exit(2)


def _no_fact_files(error: NoFactFiles) -> NoReturn:
    """Paths without a fact file are a usage error (exit 2), like paths that do not exist."""
    raise typer.BadParameter(str(error), param_hint="'[paths]...'")


def _paths(paths: list[Path] | None) -> list[Path]:
    """The paths given, else facts/; a missing default is a usage error, like a missing path."""
    if paths:
        return list(paths)
    if not DEFAULT_FACTS.is_dir():
        raise typer.BadParameter(
            "there is no facts/ folder here: name the fact files or folders to use",
            param_hint="'[paths]...'",
        )
    return [DEFAULT_FACTS]


def _prepared(
    paths: list[Path] | None,
    *,
    seed: int = 0,
    options: int = DEFAULT_OPTIONS,
    kinds: frozenset[QuestionKind] = ALL_KINDS,
    report: Callable[[list[str]], None] = warn,
) -> list[PreparedDeck]:
    """Load and generate (exit 1 on invalid facts), and warn about facts left without an MCQ:
    every command that uses questions gives the same warnings."""
    from quizgen.engine.pipeline import prepare
    from quizgen.speed import paused_collector, split_map

    try:
        with paused_collector():
            prepared = prepare(
                _paths(paths), seed=seed, options=options, kinds=kinds, mapper=split_map
            )
            # The decks live until the command ends and hold no reference cycles: set aside,
            # the collector never walks them again (each pass costs 30 ms at 10,000 facts).
            gc.freeze()
    except NoFactFiles as error:
        _no_fact_files(error)
    except QuizgenError as error:
        fail(error)
    for item in prepared:
        report(item.warnings)
    return prepared


class FormatChoice(StrEnum):
    """The values of `build --format`; each names one writer in quizgen.export.FORMATS."""

    APKG = "apkg"
    ANKI_TEXT = "anki-text"
    GIFT = "gift"
    AIKEN = "aiken"
    MD = "md"
    PDF = "pdf"
    JSON = "json"
    CSV = "csv"  # the old name of anki-text (quizgen.export.FORMAT_ALIASES)


class PaperChoice(StrEnum):
    """The values of `build --paper`."""

    A4 = "a4"
    LETTER = "letter"


PRINTABLE = (FormatChoice.MD, FormatChoice.PDF)


def _sheet_options(
    fmt: FormatChoice, versions: int | None, paper: PaperChoice | None
) -> tuple[int, PaperChoice]:
    """`--versions` and `--paper`, refused for formats that are not printed."""
    if versions is not None and fmt not in PRINTABLE:
        raise typer.BadParameter(
            "applies to the printable formats only: add --format pdf or --format md",
            param_hint="'--versions'",
        )
    if paper is not None and fmt is not FormatChoice.PDF:
        raise typer.BadParameter(
            "applies to --format pdf only (a Markdown worksheet takes the paper of "
            "whatever prints it)",
            param_hint="'--paper'",
        )
    return versions or 1, paper or PaperChoice.A4


@app.command(short_help="Build Anki decks (or GIFT, Aiken, worksheets, JSON) into decks/.")
def build(
    paths: FactPaths = None,
    out: Annotated[
        Path, typer.Option("--out", file_okay=False, help="Folder for the built files.")
    ] = Path("decks"),
    fmt: Annotated[
        FormatChoice,
        typer.Option(
            "--format",
            help="apkg: Anki package; anki-text: Anki's text import (tab-separated, "
            "Basic and Cloze notes; csv is its old name and still works); gift, aiken: "
            "Moodle; md: printable worksheet; pdf: typeset worksheet with answer keys; "
            "json: as preview --json.",
        ),
    ] = FormatChoice.APKG,
    kind: KindOption = KindChoice.ALL,
    seed: SeedOption = 0,
    options: OptionsOption = DEFAULT_OPTIONS,
    versions: Annotated[
        int | None,
        typer.Option(
            "--versions",
            min=1,
            max=26,
            metavar="N",
            help="pdf, md: N exam versions (A, B, C...), each in its own question and option "
            "order, each with its key. Default: 1, in the fact file's order.",
            show_default=False,
        ),
    ] = None,
    paper: Annotated[
        PaperChoice | None,
        typer.Option("--paper", help="pdf: paper size. Default: a4.", show_default=False),
    ] = None,
    published: Annotated[
        bool,
        typer.Option(
            "--published",
            help="These packages are what learners get: report the re-import clean-ups "
            "once more, then stop repeating them.",
        ),
    ] = False,
) -> None:
    """Write one file per fact file (an Anki package by default), each replaced atomically,
    and say what Anki's re-import will not do (facts removed or moved since the package
    learners last got); those notes repeat on every build until one is built with --published.
    Printed sheets (md, pdf) ask each fact once and end each version with its answer key.

    \b
    Example: quizgen build facts/ --out decks/ --format apkg
    """
    from quizgen.export import build_decks
    from quizgen.export.sheets import SheetSettings

    count, size = _sheet_options(fmt, versions, paper)
    prepared = _prepared(paths, seed=seed, options=options, kinds=question_kinds(kind))
    sheets = SheetSettings(versions=count, seed=seed, paper=size.value)
    try:
        reports = build_decks(prepared, out, fmt.value, sheets, published=published)
    except QuizgenError as error:
        fail(error)
    for report in reports:
        say(report.summary)
        warn(list(report.notices))


DEFAULT_ANKICONNECT = "http://127.0.0.1:8765"


class _AnkiConnectCommand(TyperCommand):
    """`--ankiconnect` alone means the default address (Click options take a value or none,
    never either, and Typer dropped `flag_value`): the default is put in before parsing."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # Any: Typer vendors Click
        given = list(args)
        for index, arg in enumerate(given):
            if arg == "--":
                break
            if arg == "--ankiconnect" and (
                index + 1 == len(given) or "://" not in given[index + 1]
            ):
                given.insert(index + 1, DEFAULT_ANKICONNECT)
                break
        return super().parse_args(ctx, given)


@app.command(
    cls=_AnkiConnectCommand,
    short_help="Make your Anki hold the decks as they are now (adds, edits, moves, removals).",
)
def sync(
    paths: FactPaths = None,
    collection: Annotated[
        Path | None,
        typer.Option(
            "--collection",
            dir_okay=False,
            metavar="FILE",
            help="An Anki collection file (collection.anki2) to change while Anki is closed.",
            show_default=False,
        ),
    ] = None,
    ankiconnect: Annotated[
        str | None,
        typer.Option(
            "--ankiconnect",
            metavar="[URL]",
            help=f"Sync into a running Anki through AnkiConnect (default {DEFAULT_ANKICONNECT}).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; change nothing.")
    ] = False,
    keep_removed: Annotated[
        bool,
        typer.Option(
            "--keep-removed",
            help="Tag notes of removed facts quizgen::removed and suspend them, not delete.",
        ),
    ] = False,
    kind: KindOption = KindChoice.ALL,
    seed: SeedOption = 0,
    options: OptionsOption = DEFAULT_OPTIONS,
) -> None:
    """Make an Anki collection hold exactly the decks the fact files build to now: new facts
    added, changed notes updated in place, cards moved to their topic's subdeck (or the
    renamed deck), notes of facts that are gone removed; scheduling and review history kept.
    Only notes quizgen made (its note types, tagged with the deck id) are touched.
    --collection changes a collection file while Anki is closed, all or nothing;
    --ankiconnect changes the running Anki through the AnkiConnect add-on.

    Example: quizgen sync facts/ --ankiconnect --dry-run
    """
    from quizgen.sync import MissingDependency, SyncError
    from quizgen.sync.report import describe, summary

    if (collection is None) == (ankiconnect is None):
        raise typer.BadParameter(
            "give one of --collection FILE (Anki closed) or --ankiconnect [URL] (Anki running)",
            param_hint="'--collection' / '--ankiconnect'",
        )
    prepared = _prepared(paths, seed=seed, options=options, kinds=question_kinds(kind))
    try:
        if collection is not None:
            from quizgen.errors import display_path
            from quizgen.sync.collection import sync_collection

            where = display_path(collection.expanduser())
            results = sync_collection(
                prepared, collection.expanduser(), dry_run=dry_run, keep_removed=keep_removed
            )
        else:
            from quizgen.sync.ankiconnect import sync_ankiconnect

            where = str(ankiconnect)
            results = sync_ankiconnect(
                prepared, str(ankiconnect), dry_run=dry_run, keep_removed=keep_removed
            )
    except MissingDependency as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from None
    except SyncError as error:
        fail(error)
    for result in results:
        for line in describe(result, where, dry_run=dry_run):
            say(line)
    say(summary(results, dry_run=dry_run))
    if any(result.refused for result in results):
        typer.echo("Error: Anki refused some changes (listed above); the rest were made", err=True)
        raise typer.Exit(1)


@app.command(short_help="Validate fact files: every problem, by file, line and field.")
def check(
    paths: FactPaths = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Treat every warning (the item-writing lint, questions left out) as an error: "
            "exit 1 if there is any.",
        ),
    ] = False,
) -> None:
    """Validate fact files and report every problem at once, by file, line and field; then
    lint the questions they make (absolutes, a key that stands out, a stem that gives it away).

    \b
    Example: quizgen check facts/ --strict
    """
    prepared = _prepared(paths, report=_errors if strict else warn)
    findings = [line for item in prepared for line in item.lint()]
    (_errors if strict else warn)(findings)
    failed = strict and (findings or any(item.warnings for item in prepared))
    for item in prepared:
        loaded, deck = item.loaded, item.loaded.deck
        topics = {fact.topic for fact in deck.facts if fact.topic}
        say(
            f"ok {loaded.display_path}: {deck.deck!r}, {counted(len(deck.facts), 'fact')}, "
            f"{counted(len(topics), 'topic')}"
        )
    if failed:
        raise typer.Exit(1)


def _errors(lines: list[str]) -> None:
    """Print warnings as errors, for `check --strict`."""
    for line in lines:
        say(f"Error: {line}", err=True)


@app.command(short_help="Show the questions the fact files produce.")
def preview(
    paths: FactPaths = None,
    kind: KindOption = KindChoice.ALL,
    seed: SeedOption = 0,
    options: OptionsOption = DEFAULT_OPTIONS,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array of questions.")] = False,
    sources: Annotated[
        bool,
        typer.Option(
            "--sources",
            help="Show where each option came from: key, teacher (the fact's distractors), "
            "deck (another answer), pool, generated.",
        ),
    ] = False,
) -> None:
    """Show the questions the fact files produce, the right option starred.

    \b
    Example: quizgen preview facts/ --kind mcq --seed 3
    """
    from quizgen.engine.preview import describe
    from quizgen.engine.records import question_record

    prepared = _prepared(paths, seed=seed, options=options, kinds=question_kinds(kind))
    if as_json:
        records = [question_record(q) for item in prepared for q in item.questions]
        typer.echo(json_visible(json.dumps(records, indent=2, ensure_ascii=False)))
        return
    for item in prepared:
        deck = item.loaded.deck
        say(
            f"# {deck.deck} ({item.loaded.display_path}): {len(item.questions.questions)} questions"
        )
        for question in item.questions:
            typer.echo("")
            say("\n".join(describe(question, sources=sources)))


@app.command(short_help="Print the JSON Schema of the fact format.")
def schema() -> None:
    """Print the JSON Schema of the fact format, for editors that check YAML as you type.

    \b
    Example: quizgen schema > fact-file.schema.json
    """
    from quizgen.facts.models import fact_file_schema

    typer.echo(json.dumps(fact_file_schema(), indent=2))


@app.command(short_help="Write a commented starter fact file.")
def new(
    file: Annotated[Path, typer.Argument(help="The fact file to create.", dir_okay=False)],
) -> None:
    """Write a commented starter fact file that passes `quizgen check`; never overwrites.

    \b
    Example: quizgen new facts/solar-system.yaml
    """
    import shlex

    from quizgen.facts.files import FACT_SUFFIXES
    from quizgen.facts.starter import write_starter

    if not file.suffix:
        file = file.with_name(file.name + ".yaml")  # folder scans find only .yaml and .yml
    elif file.suffix.lower() not in FACT_SUFFIXES:
        raise typer.BadParameter(
            f"{file.name!r} does not end in .yaml or .yml, so `quizgen check` and `build` on "
            f"its folder would never find it: name it {file.name + '.yaml'!r}",
            param_hint="'FILE'",
        )
    try:
        write_starter(file)
    except QuizgenError as error:
        fail(error)
    say(f"wrote {file}: edit it, then run: quizgen check {shlex.quote(str(file))}")


@app.command("list", short_help="List decks, topics and fact counts.")
def list_decks(paths: FactPaths = None) -> None:
    """List decks with their topics and fact counts.

    \b
    Example: quizgen list facts/
    """
    from quizgen.facts.loader import load_decks

    try:
        decks = load_decks(_paths(paths))
    except NoFactFiles as error:
        _no_fact_files(error)
    except QuizgenError as error:
        fail(error)
    for loaded in decks:
        warn(list(loaded.warnings))
    for loaded in decks:
        deck = loaded.deck
        say(f"{deck.deck} [{deck.id}] {counted(len(deck.facts), 'fact')}  ({loaded.display_path})")
        counts: dict[str, int] = {}
        for fact in deck.facts:
            counts[fact.topic or "(no topic)"] = counts.get(fact.topic or "(no topic)", 0) + 1
        for topic, count in counts.items():
            say(f"  {topic}: {count}")


@app.command(short_help="Propose a fact file from an article, to curate.")
def draft(
    article: Annotated[
        Path,
        typer.Argument(
            help="A plain-text or Markdown article; - reads standard input.",
            exists=True,
            dir_okay=False,
            allow_dash=True,
            path_type=str,  # Typer 0.29 checks a Path("-") for existence; "-" passes
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The fact file to write (never overwritten). Default: facts/DECK_ID.yaml",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    deck_id: Annotated[
        str | None,
        typer.Option("--id", help="The deck id. Default: from the file name.", show_default=False),
    ] = None,
    deck: Annotated[
        str | None,
        typer.Option(
            "--deck",
            help="The deck title. Default: the first heading, else the file name.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Propose a fact file from prose, for a teacher to curate.

    One candidate fact per sentence that names a figure (money, percent, count), a year or
    date, or a person, place or organisation; a comment on each says why it was picked.
    Markdown headings become topics. Writes facts/DECK_ID.yaml unless -o says where, never
    over an existing file; the file passes `quizgen check` as written.

    \b
    Example: quizgen draft briefing.md -o facts/briefing.yaml --deck "Kyiv briefing"
    """
    from quizgen.draft import make_draft, read_article, write_draft

    try:
        # None: fd 0 was closed (main() put /dev/null there, so nothing else takes it).
        stdin = None if "stdin" in _CLOSED_STREAMS else sys.stdin.buffer
        text, name = read_article(Path(article), stdin)
        drafted = make_draft(text, name=name, deck_id=deck_id, title=deck)
        written = write_draft(drafted, output)
    except QuizgenError as error:
        fail(error)
    for line in drafted.summary(str(written)):
        say(line)


CountOption = Annotated[
    int | None,
    typer.Option(
        "-n",
        "--count",
        min=1,
        metavar="COUNT",
        help="Ask at most COUNT questions.",
        show_default=False,
    ),
]
TopicOption = Annotated[
    list[str] | None,
    typer.Option(
        "--topic", metavar="TOPIC", help="Only this topic (repeatable).", show_default=False
    ),
]
TagOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag", metavar="TAG", help="Only facts with this tag (repeatable).", show_default=False
    ),
]
QuizSeedOption = Annotated[
    int | None,
    typer.Option(
        "--seed",
        metavar="N",
        help="Seed for question order and options. Default: different every run.",
        show_default=False,
    ),
]
PlainOption = Annotated[
    bool, typer.Option("--plain", help="No colour (also when NO_COLOR is set or not a terminal).")
]


def _quiz_decks(
    paths: list[Path] | None,
    kind: KindChoice,
    topic: list[str] | None,
    tag: list[str] | None,
    count: int | None,
    seed: int | None,
) -> tuple[list[DeckQuestions], Selection]:
    """The questions and the selection that `quiz` and `review` both start from."""
    from quizgen.quiz.session import Selection

    chosen = _seed(seed)
    selection = Selection(question_kinds(kind), tuple(topic or ()), tuple(tag or ()), count, chosen)
    prepared = _prepared(paths, seed=chosen, kinds=selection.kinds)
    return [item.questions for item in prepared], selection


@app.command(short_help="Quiz yourself in the terminal.")
def quiz(
    paths: FactPaths = None,
    count: CountOption = None,
    kind: KindOption = KindChoice.ALL,
    topic: TopicOption = None,
    tag: TagOption = None,
    seed: QuizSeedOption = None,
    plain: PlainOption = False,
) -> None:
    """Quiz yourself in the terminal, one question at a time; every answer is saved.

    Multiple choice is answered by letter or number, cloze by typing the missing words.
    At the prompt: ? for a hint, s to skip, q to quit (Ctrl-C and Ctrl-D also end with the
    summary). History lives in the user data folder, or in $QUIZGEN_HOME.

    \b
    Example: quizgen quiz facts/ -n 10 --topic Allies
    """
    from quizgen.quiz.terminal import play_quiz

    _needs_input()
    decks, selection = _quiz_decks(paths, kind, topic, tag, count, seed)
    try:
        code = play_quiz(decks, selection, plain=plain)
    except QuizgenError as error:
        fail(error)
    raise typer.Exit(code)


@app.command(short_help="Review the generated options; the fact file keeps the result.")
def curate(
    file: Annotated[
        Path, typer.Argument(help="The fact file to curate.", exists=True, dir_okay=False)
    ],
    fact: Annotated[
        list[str] | None,
        typer.Option(
            "--fact", metavar="ID", help="Only this fact (repeatable).", show_default=False
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Every fact, also those with the teacher's own options.")
    ] = False,
    accept_all: Annotated[
        bool,
        typer.Option(
            "--accept-all", help="Ask nothing: freeze every generated list into the file."
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the change as a unified diff; write nothing.")
    ] = False,
    seed: SeedOption = 0,
    options: OptionsOption = DEFAULT_OPTIONS,
    plain: PlainOption = False,
) -> None:
    """Walk the multiple-choice questions of one fact file, showing each option's source;
    what you keep becomes the fact's `distractors`, and nothing else in the file changes.

    By default: the facts whose options are not all the teacher's own. At the prompt: Enter
    keeps the wrong options, a letter replaces one with the next candidate (bc: two), e and
    a letter types one, s skips, u undoes the last fact, q saves and quits; Ctrl-C saves
    what was decided and exits 130. The file is checked before it is replaced.

    \b
    Example: quizgen curate facts/solar-system.yaml --fact planet-count
    """
    from quizgen.curate.terminal import curate_file, terminal_console

    try:
        code = curate_file(
            file,
            terminal_console(plain),
            fact_ids=fact or (),
            every=every,
            accept=accept_all,
            dry_run=dry_run,
            seed=seed,
            options=options,
        )
    except QuizgenError as error:
        fail(error)
    raise typer.Exit(code)


@app.command(short_help="Spaced repetition (FSRS): what is due, then new questions.")
def review(
    paths: FactPaths = None,
    count: CountOption = None,
    kind: KindOption = KindChoice.ALL,
    topic: TopicOption = None,
    tag: TagOption = None,
    new: Annotated[int, typer.Option("--new", min=0, help="New questions per day.")] = 20,
    seed: QuizSeedOption = None,
    plain: PlainOption = False,
) -> None:
    """Spaced repetition (FSRS): the questions due now, then new ones up to a daily limit.

    Right answers are graded Good, or Hard when slow or hinted; wrong or skipped, Again.
    Ends by saying when the next review is due.

    \b
    Example: quizgen review facts/ --new 10
    """
    from quizgen.quiz.terminal import play_review

    _needs_input()
    decks, selection = _quiz_decks(paths, kind, topic, tag, count, seed)
    try:
        code = play_review(decks, selection, plain=plain, new_per_day=new)
    except QuizgenError as error:
        fail(error)
    raise typer.Exit(code)


@app.command(short_help="Progress per deck and topic; the weakest facts.")
def stats(
    deck: Annotated[
        str | None, typer.Option("--deck", help="Only this deck id.", show_default=False)
    ] = None,
    plain: PlainOption = False,
) -> None:
    """Progress from the quiz history: per deck and topic, questions seen, accuracy, due now,
    and the weakest facts.

    \b
    Example: quizgen stats --deck ukraine-peace-talks
    """
    from datetime import UTC, datetime

    from quizgen.quiz.history import History, history_path
    from quizgen.quiz.stats import Stats, answered_decks, compute_stats
    from quizgen.quiz.terminal import show_stats

    path = history_path()
    known: list[str] = []
    try:
        history = History.open_existing(path)
        if history is None:
            found = Stats(decks=(), weakest=(), answers=0, first=None, last=None)
        else:
            with history:
                found = compute_stats(history, datetime.now(UTC), deck_id=deck)
                known = answered_decks(history) if deck and not found.answers else []
    except QuizgenError as error:
        fail(error)
    if deck and not found.answers:
        fail(QuizgenError(_unknown_deck(deck, known)))
    show_stats(found, path, plain=plain)


def _unknown_deck(deck: str, known: list[str]) -> str:
    """`stats --deck` naming a deck without answers: say so, and which ids it may have meant."""
    import difflib

    message = f"--deck {deck!r}: no answers for this deck id in the history"
    close = difflib.get_close_matches(deck, known, n=3, cutoff=0.6)
    if close:
        message += f": did you mean {' or '.join(repr(c) for c in close)}?"
    if known:
        return f"{message} (decks with answers: {', '.join(known)})"
    return f"{message} (no deck has answers yet: quizgen quiz records them)"


def _seed(seed: int | None) -> int:
    """The given seed, or a fresh one: a student should not get the same quiz every run."""
    import secrets

    return seed if seed is not None else secrets.randbelow(2**31)


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM or SIGHUP: end as after Ctrl-C, through every `finally`, so no temporary file
    (a half-written package, a scratch collection) is left behind."""
    raise SystemExit(128 + signum)


#: The standard streams that were closed when quizgen started (`quizgen quiz <&-`).
_CLOSED_STREAMS: set[str] = set()


def _plug_closed_streams() -> None:
    """Put /dev/null where a standard stream was closed: no file quizgen opens later can take
    descriptor 0, 1 or 2 by chance, and nothing finds sys.stdout missing. A closed stdout is
    an error at once (every command's result goes there); a closed stdin only for the quiz."""
    for fd, name in enumerate(("stdin", "stdout", "stderr")):
        mode = "r" if fd == 0 else "w"
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)
            setattr(sys, name, open(fd, mode, closefd=False))  # noqa: SIM115
            _CLOSED_STREAMS.add(name)
            continue
        if getattr(sys, name) is None:  # closed at start, the descriptor since reused
            setattr(sys, name, open(os.devnull, mode))  # noqa: SIM115
            _CLOSED_STREAMS.add(name)
    if "stdout" in _CLOSED_STREAMS:
        sys.stderr.write(
            "Error: standard output is closed, so quizgen has nowhere to write its results: "
            "run it with output to a terminal, a file or a pipe\n"
        )
        sys.exit(2)


def main() -> None:
    """Console-script entry point."""
    _plug_closed_streams()
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminated)
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # Whoever read the output stopped (`quizgen preview | head`): stop too, quietly.
        _silence_stdout()
        sys.exit(1)
    except OSError as error:  # what takes the output failed (a full disk), or a file did
        _silence_stdout()
        where = error.filename or "the output"
        sys.stderr.write(f"Error: {where}: {error.strerror or error}\n")
        sys.exit(1)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so exiting does not try to flush it again and complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
