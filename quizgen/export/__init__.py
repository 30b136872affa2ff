"""Export: every output format by name, and `build_decks`, which writes one file per deck.

Each format is one module with a `write(prepared, out) -> counts` function; this package only
names them, writes each file atomically (the previous file stays whole until the new one is
complete) and compares an Anki package with the one it replaces, because Anki's import never
deletes a note or moves a card and the learner has to be told.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from quizgen.atomic import atomic_output, check_replaceable
from quizgen.engine.pipeline import PreparedDeck
from quizgen.errors import OutputError, counted, display_path
from quizgen.export import aiken, anki_text, apkg, gift, json_export, pdf, worksheet
from quizgen.export.identity import deck_name, search_literal
from quizgen.export.pending import Pending, pending_path, read_pending, write_pending
from quizgen.export.previous import PACKAGE_SUFFIX, placement
from quizgen.export.sheets import SheetSettings
from quizgen.export.written import Written

#: A printable format's writer: it also takes the versions, seed and paper of the sheets.
SheetWriter = Callable[[PreparedDeck, IO[bytes], SheetSettings], Written]


@dataclass(frozen=True)
class Format:
    """One output format: its name for `--format`, its file suffix and its writer."""

    name: str
    suffix: str
    write: Callable[[PreparedDeck, IO[bytes]], Written]
    anki: bool  # imports into Anki: the summary counts notes and cards
    help: str
    previous: Callable[[Path], dict[str, str]] | None = None
    sheet: SheetWriter | None = None  # printable: `write` with the sheet settings given


FORMATS: dict[str, Format] = {
    spec.name: spec
    for spec in (
        Format(
            "apkg",
            PACKAGE_SUFFIX,
            apkg.write,
            True,
            "Anki package with our note types, subdecks per topic and images",
            placement,
        ),
        Format(
            "anki-text",
            ".txt",
            anki_text.write,
            True,
            "Anki text import (tab-separated) on the built-in Basic and Cloze note types",
        ),
        Format("gift", ".gift.txt", gift.write, False, "Moodle GIFT questions"),
        Format("aiken", ".aiken.txt", aiken.write, False, "Moodle Aiken (multiple choice only)"),
        Format(
            "md",
            ".md",
            worksheet.write,
            False,
            "printable worksheet with an answer key",
            sheet=worksheet.write,
        ),
        Format(
            "pdf",
            ".pdf",
            pdf.write,
            False,
            "typeset worksheet, its versions and answer keys",
            sheet=pdf.write,
        ),
        Format("json", ".json", json_export.write, False, "the objects of `preview --json`"),
    )
}
DEFAULT_FORMAT = "apkg"
#: Older names `--format` still takes: `csv` was the Anki text format's first name, though the
#: file is tab-separated with Anki's header lines, not a spreadsheet's CSV.
FORMAT_ALIASES = {"csv": "anki-text"}


def format_named(name: str) -> Format:
    """The format `--format NAME` means, aliases included; raises OutputError."""
    try:
        return FORMATS[FORMAT_ALIASES.get(name, name)]
    except KeyError:
        raise OutputError(f"unknown format {name!r}: use one of {', '.join(FORMATS)}") from None


@dataclass(frozen=True)
class Moved:
    """A fact whose cards Anki leaves in the old subdeck after re-import."""

    fact_id: str
    old_deck: str
    new_deck: str


@dataclass(frozen=True)
class DeckReport:
    """One written file: what is in it, and what a learner re-importing it must do by hand."""

    deck_id: str
    title: str
    path: Path
    format: Format
    notes: int
    cards: int
    vanished: tuple[str, ...] = ()
    moved: tuple[Moved, ...] = ()
    notices: tuple[str, ...] = ()
    versions: int = 1

    @property
    def summary(self) -> str:
        """One line: where, what deck, how much."""
        where = display_path(self.path)
        if self.format.anki:
            amount = f"{counted(self.notes, 'note')}, {counted(self.cards, 'card')}"
        else:
            amount = counted(self.notes, "question")
            if self.versions > 1:
                amount += f" in {self.versions} versions"
        return f"wrote {where}: {self.title!r}, {amount}"


def build_decks(
    prepared: Sequence[PreparedDeck],
    out_dir: Path,
    fmt: str = DEFAULT_FORMAT,
    sheets: SheetSettings | None = None,
    *,
    published: bool = False,
) -> list[DeckReport]:
    """Write `<out_dir>/<deck-id><suffix>` for each deck; raises OutputError.

    `sheets` sets the versions, seed and paper of the printable formats (md, pdf); the
    other formats have no use for it. `published`: these packages are what learners get, so
    the re-import clean-ups they carry are reported this once and then forgotten (see
    quizgen.export.pending).
    """
    spec = format_named(fmt)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{display_path(out_dir)} is not a folder: give a folder with --out")
    if sheets is not None and spec.sheet is not None:
        spec = replace(spec, write=_with_settings(spec.sheet, sheets))
    return [_build_one(item, out_dir, spec, published) for item in prepared]


def _with_settings(
    writer: SheetWriter, settings: SheetSettings
) -> Callable[[PreparedDeck, IO[bytes]], Written]:
    def write(prepared: PreparedDeck, out: IO[bytes]) -> Written:
        return writer(prepared, out, settings)

    return write


def _build_one(item: PreparedDeck, out_dir: Path, spec: Format, published: bool) -> DeckReport:
    deck = item.loaded.deck
    path = out_dir / f"{deck.id}{spec.suffix}"
    sidecar = pending_path(path, deck.id)
    before: dict[str, str] = {}
    earlier = Pending()
    notices: list[str] = []
    check_replaceable(path)
    if spec.previous is not None:
        try:
            before = spec.previous(path)
        # The old file is whatever sits at the output path, so anything may fail in reading
        # it; it only feeds notices, and the build goes on without them.
        except Exception as error:
            notices.append(
                f"{display_path(path)}: could not read the package it replaces ({error}), "
                "so facts removed since then are not reported"
            )
        try:
            earlier = read_pending(sidecar)
        except (OSError, ValueError) as error:
            notices.append(
                f"{display_path(sidecar)}: could not read it ({error}), so clean-ups reported "
                "by earlier builds are not repeated; it is replaced"
            )
    with atomic_output(path) as handle:
        counts = spec.write(item, handle)
    made = {question.fact.id for question in item.questions}
    after = {fact.id: deck_name(deck, fact.topic) for fact in deck.facts if fact.id in made}
    # Where learners have each fact: as last published when a clean-up is still owed for it,
    # else where the package being replaced put it.
    baseline = {f: d for f, d in before.items() if f not in earlier.added} | earlier.owed
    vanished = tuple(fact_id for fact_id in baseline if fact_id not in after)
    moved = tuple(
        Moved(fact_id, old, after[fact_id])
        for fact_id, old in baseline.items()
        if fact_id in after and old != after[fact_id]
    )
    if spec.previous is not None:
        owed = {f: baseline[f] for f in vanished} | {m.fact_id: m.old_deck for m in moved}
        added = frozenset(after) - frozenset(baseline)
        write_pending(sidecar, deck.id, Pending() if published else Pending(owed, added))
    report = DeckReport(
        deck_id=deck.id,
        title=deck.deck,
        path=path,
        format=spec,
        notes=counts.notes,
        cards=counts.cards,
        vanished=vanished,
        versions=counts.versions,
        moved=moved,
    )
    notices += _anki_notices(report)
    if vanished or moved:
        notices.append(_repeat_notice(report, sidecar, published))
    return replace(report, notices=tuple(notices))


def _repeat_notice(report: DeckReport, sidecar: Path, published: bool) -> str:
    where = display_path(report.path)
    if published:
        return (
            f"{where}: built with --published, so these clean-ups are not repeated; later "
            "builds report what changes since this package"
        )
    return (
        f"{where}: every build repeats these clean-ups (kept in {display_path(sidecar)}) "
        "until learners have a package that carries them: build it with --published"
    )


_LISTED = 10


def _names(fact_ids: Sequence[str]) -> str:
    shown = ", ".join(fact_ids[:_LISTED])
    return shown + (f" and {len(fact_ids) - _LISTED} more" if len(fact_ids) > _LISTED else "")


def _facts(count: int, singular: str, plural: str) -> str:
    return f"1 fact {singular}" if count == 1 else f"{count} facts {plural}"


def _fact_search(deck_id: str, fact_ids: Sequence[str]) -> str:
    terms = " OR ".join(f"FactId:{search_literal(fact_id)}" for fact_id in fact_ids)
    return f"tag:{search_literal(deck_id)} ({terms})"


def _anki_notices(report: DeckReport) -> list[str]:
    """What Anki's import will not do for this rebuild, and the search that fixes it by hand."""
    where = display_path(report.path)
    notices = []
    if report.vanished:
        notices.append(
            f"{where}: {_facts(len(report.vanished), 'is', 'are')} gone since the last "
            "published package: "
            f"{_names(report.vanished)}. Anki keeps their notes on re-import; to remove them, "
            f"search in Browse for  {_fact_search(report.deck_id, report.vanished)}  "
            "and delete the notes"
        )
    by_target: dict[str, list[str]] = {}
    for moved in report.moved:
        by_target.setdefault(moved.new_deck, []).append(moved.fact_id)
    for target, fact_ids in by_target.items():
        notices.append(
            f"{where}: {_facts(len(fact_ids), 'now belongs', 'now belong')} in {target!r}: "
            f"{_names(fact_ids)}. "
            "Anki leaves their cards in the old subdeck on re-import; search in Browse for  "
            f"{_fact_search(report.deck_id, fact_ids)}  , select all cards and use "
            f"Change Deck to {target!r}"
        )
    return notices
