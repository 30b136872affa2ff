"""The Anki package, proven against real Anki: every built `.apkg` is imported into a fresh
collection with the `anki` package, and what arrives is counted and read back.

Also: a rebuilt, re-imported deck updates its notes and never duplicates them; two builds of the
same facts are byte-identical; the package timestamp follows the facts, CONTENT_EPOCH and
SOURCE_DATE_EPOCH; facts removed or moved since the last build are reported; fact text cannot
inject HTML, cloze deletions or template fields.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from anki_support import (
    PNG,
    build,
    collection_bytes,
    deck_names,
    import_apkg,
    notes_by_fact,
    open_collection,
    package_rows,
)
from conftest import SEED_DECK, WriteFacts
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.engine.constants import QuestionKind
from quizgen.engine.pipeline import prepare
from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion
from quizgen.export import DeckReport, build_decks
from quizgen.export.anki_notetypes import (
    CLOZE_MODEL_ID,
    CLOZE_MODEL_NAME,
    MCQ_MODEL_ID,
    MCQ_MODEL_NAME,
    card_css,
    cloze_model,
    mcq_model,
)
from quizgen.export.escaping import anki_cloze, escape_field
from quizgen.export.identity import CONTENT_EPOCH, note_guid, tag_of

SEED = yaml.safe_load(SEED_DECK.read_text(encoding="utf-8"))
SEED_FACTS: list[dict[str, Any]] = SEED["facts"]
LATER = CONTENT_EPOCH + 86_400  # a file time after CONTENT_EPOCH


@pytest.fixture
def seed_copy(workdir: Path) -> Path:
    """The shipped deck, copied into the working directory, dated one day after CONTENT_EPOCH."""
    path = workdir / "facts" / SEED_DECK.name
    path.parent.mkdir()
    shutil.copy(SEED_DECK, path)
    os.utime(path, (LATER, LATER))
    return path


@pytest.fixture
def no_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds follow file times, whatever the environment running the tests sets."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def collection(tmp_path: Path) -> Any:
    """A fresh, empty Anki collection, closed after the test."""
    with open_collection(tmp_path / "learner" / "collection.anki2") as opened:
        yield opened


def seed_package(seed_copy: Path, out: Path) -> Path:
    (report,) = build([seed_copy], out)
    return report.path


@pytest.mark.usefixtures("no_source_date")
def test_shipped_deck_imports_with_one_note_of_each_kind_per_fact(
    seed_copy: Path, collection: Any
) -> None:
    (report,) = build([seed_copy], Path("decks"))
    assert report.path == Path("decks/ukraine-peace-talks.apkg")
    facts = len(SEED_FACTS)
    spans = sum(len(fact.get("cloze") or [fact["answer"]]) for fact in SEED_FACTS)
    assert (report.notes, report.cards) == (2 * facts, facts + spans)

    result = import_apkg(collection, report.path)

    assert (result.new, result.updated) == (2 * facts, 0)
    assert collection.note_count() == 2 * facts
    assert collection.card_count() == facts + spans
    mcq, cloze = (
        notes_by_fact(collection, MCQ_MODEL_NAME),
        notes_by_fact(collection, CLOZE_MODEL_NAME),
    )
    assert set(mcq) == set(cloze) == {fact["id"] for fact in SEED_FACTS}
    topics = {fact["topic"] for fact in SEED_FACTS}
    assert deck_names(collection) == {SEED["deck"]} | {f"{SEED['deck']}::{t}" for t in topics}
    for fact in SEED_FACTS:
        for note in (mcq[fact["id"]], cloze[fact["id"]]):
            assert {collection.decks.name(card.did) for card in note.cards()} == {
                f"{SEED['deck']}::{fact['topic']}"
            }
            expected_tags = {SEED["id"], *SEED["tags"], tag_of(fact["topic"]), *fact["tags"]}
            # Anki ignores case in tags: `Allies` (the topic) and `allies` are one tag.
            assert {tag.casefold() for tag in note.tags} == {t.casefold() for t in expected_tags}
            assert " " not in "".join(note.tags)
        assert len(cloze[fact["id"]].cards()) == len(fact.get("cloze") or [fact["answer"]])


@pytest.mark.usefixtures("no_source_date")
def test_fields_read_back_escaped_and_the_back_marks_the_right_option(
    seed_copy: Path, collection: Any
) -> None:
    import_apkg(collection, seed_package(seed_copy, Path("decks")))
    questions = {(q.fact.id, q.kind): q for item in prepare([seed_copy]) for q in item.questions}
    source = escape_field(f"{SEED['source']['title']} — {SEED['source']['ref']}")
    mcq = notes_by_fact(collection, MCQ_MODEL_NAME)
    cloze = notes_by_fact(collection, CLOZE_MODEL_NAME)
    for fact in SEED_FACTS:
        choice = questions[(fact["id"], QuestionKind.MCQ)]
        assert isinstance(choice, ChoiceQuestion)
        note = mcq[fact["id"]]
        assert note["Question"] == escape_field(choice.prompt)
        assert note["Answer"] == escape_field(choice.answer)
        assert note["Explanation"] == escape_field(fact["explanation"])
        assert note["Source"] == source
        assert note["Options"].count("<li") == len(choice.options)
        assert f'<li class="right">{escape_field(choice.answer)}</li>' in note["Options"]
        back = note.cards()[0].answer()
        assert '<div class="back">' in back and 'class="right"' in back
        text = questions[(fact["id"], QuestionKind.CLOZE)]
        assert isinstance(text, ClozeQuestion)
        assert cloze[fact["id"]]["Text"] == anki_cloze(text)
        assert cloze[fact["id"]]["Extra"] == escape_field(fact["explanation"])


def _visible(html_text: str) -> str:
    """What a card shows: its HTML without style blocks and tags, entities decoded."""
    import html as html_module
    import re

    text = re.sub(r"<style>.*?</style>", "", html_text, flags=re.S)
    return html_module.unescape(re.sub(r"<[^>]+>", " ", text))


def test_cards_show_no_fact_id_and_the_choice_back_names_the_answer_once(
    seed_copy: Path, collection: Any
) -> None:
    import_apkg(collection, seed_package(seed_copy, Path("decks")))
    for note_type in (MCQ_MODEL_NAME, CLOZE_MODEL_NAME):
        for fact_id, note in notes_by_fact(collection, note_type).items():
            assert note["FactId"] == fact_id  # kept for searches...
            for card in note.cards():  # ... and shown on no side of any card
                assert fact_id not in _visible(card.question() + card.answer())
    for note in notes_by_fact(collection, MCQ_MODEL_NAME).values():
        back = _visible(note.cards()[0].answer())
        answer = html.unescape(note["Answer"])
        fields = ("Question", "Options", "Explanation", "Source")
        shown = [html.unescape(note[name]) for name in fields]
        assert back.count(answer) == sum(field.count(answer) for field in shown)


def test_a_cloze_without_explanation_or_source_ends_at_its_text(
    write_facts: WriteFacts, collection: Any
) -> None:
    """Nothing to show below the rule: the block is empty, and the CSS hides it and the rule."""
    path = write_facts(
        """\
        id: bare
        deck: Bare
        facts:
          - id: pledge
            text: Canada pledged $2.5 billion.
            answer: $2.5 billion
        """
    )
    (report,) = build([path], Path("decks"), kinds=frozenset({QuestionKind.CLOZE}))
    import_apkg(collection, report.path)
    (card_id,) = collection.find_cards("FactId:pledge")
    card = collection.get_card(card_id)
    back = card.answer()
    assert '<div class="quizgen after"></div>' in back
    css = card.note_type()["css"]
    assert re.search(r"\.quizgen\.after:empty,\s*hr#answer:has\(\+ \.quizgen\.after:empty\)", css)


def test_cards_keep_comfortable_margins_on_phones() -> None:
    """At least 16 px of side padding in the phone layout (it was 9 px)."""
    css = card_css()
    phone = css[css.index("@media (max-width: 480px)") :]
    font = int(re.search(r"font-size: (\d+)px", phone).group(1))  # type: ignore[union-attr]
    side = re.search(r"\.quizgen \{\s*padding: [\d.]+em ([\d.]+)em", phone)
    assert side is not None and float(side.group(1)) * font >= 16


@pytest.mark.usefixtures("no_source_date")
def test_note_types_keep_their_ids_and_style(seed_copy: Path, collection: Any) -> None:
    import_apkg(collection, seed_package(seed_copy, Path("decks")))
    for model_id, name, fields in (
        (MCQ_MODEL_ID, MCQ_MODEL_NAME, mcq_model().fields),
        (CLOZE_MODEL_ID, CLOZE_MODEL_NAME, cloze_model().fields),
    ):
        notetype = collection.models.get(model_id)
        assert notetype is not None and notetype["name"] == name
        assert [f["name"] for f in notetype["flds"]] == [f["name"] for f in fields]
        assert ".nightMode" in notetype["css"] and "@media (max-width" in notetype["css"]


@pytest.mark.usefixtures("no_source_date")
def test_reimporting_an_unchanged_build_adds_nothing(seed_copy: Path, collection: Any) -> None:
    package = seed_package(seed_copy, Path("decks"))
    import_apkg(collection, package)
    notes, cards = collection.note_count(), collection.card_count()

    again = import_apkg(collection, seed_package(seed_copy, Path("decks")))

    assert (again.new, again.updated) == (0, 0)
    assert (collection.note_count(), collection.card_count()) == (notes, cards)


@pytest.mark.usefixtures("no_source_date")
def test_reimporting_an_edited_deck_updates_notes_without_duplicates(
    seed_copy: Path, collection: Any
) -> None:
    import_apkg(collection, seed_package(seed_copy, Path("decks")))
    notes, cards = collection.note_count(), collection.card_count()
    studied = notes_by_fact(collection, CLOZE_MODEL_NAME)[SEED_FACTS[5]["id"]].cards()[0]
    studied.type, studied.queue, studied.ivl, studied.due = 2, 2, 17, 100
    collection.update_card(studied)
    deck = yaml.safe_load(seed_copy.read_text(encoding="utf-8"))
    deck["facts"][5]["text"] += " Edited since."
    seed_copy.write_text(yaml.safe_dump(deck, allow_unicode=True), encoding="utf-8")
    os.utime(seed_copy, (LATER + 60, LATER + 60))

    result = import_apkg(collection, seed_package(seed_copy, Path("decks")))

    assert result.new == 0 and result.updated == notes
    assert (collection.note_count(), collection.card_count()) == (notes, cards)
    edited = notes_by_fact(collection, CLOZE_MODEL_NAME)[SEED_FACTS[5]["id"]]
    assert edited["Text"].endswith(" Edited since.")
    assert collection.get_card(studied.id).ivl == 17  # the learner's progress is kept


@pytest.mark.usefixtures("no_source_date")
def test_a_new_cloze_span_adds_its_card_to_the_existing_note(
    write_facts: WriteFacts, collection: Any
) -> None:
    deck = """\
        id: spans
        deck: Spans
        facts:
          - id: moons
            text: Mars has two moons, Phobos and Deimos.
            answer: two
            distractors: [one, three, four]
            cloze: [two, Phobos]
        """
    path = write_facts(deck)
    os.utime(path, (LATER, LATER))
    (first,) = build([path], Path("decks"))
    import_apkg(collection, first.path)
    assert collection.card_count() == 3
    write_facts(deck.replace("cloze: [two, Phobos]", "cloze: [two, Phobos, Deimos]"))
    os.utime(path, (LATER + 60, LATER + 60))

    (second,) = build([path], Path("decks"))
    result = import_apkg(collection, second.path)

    assert (result.new, collection.note_count(), collection.card_count()) == (0, 2, 4)


@pytest.mark.usefixtures("no_source_date")
def test_two_builds_are_byte_identical_whatever_the_clock(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = seed_package(seed_copy, Path("one")).read_bytes()
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 10_000_000)

    second = seed_package(seed_copy, Path("two")).read_bytes()

    assert first == second
    assert collection_bytes(Path("one/ukraine-peace-talks.apkg")) == collection_bytes(
        Path("two/ukraine-peace-talks.apkg")
    )


@pytest.mark.usefixtures("no_source_date")
def test_the_timestamp_is_the_file_time_or_content_epoch_whichever_is_newer(
    seed_copy: Path, tmp_path: Path
) -> None:
    package = seed_package(seed_copy, Path("decks"))
    assert package_rows(package, tmp_path, "SELECT DISTINCT mod FROM notes") == [(LATER,)]
    os.utime(seed_copy, (CONTENT_EPOCH - 1000, CONTENT_EPOCH - 1000))
    package = seed_package(seed_copy, Path("decks"))
    assert package_rows(package, tmp_path, "SELECT DISTINCT mod FROM notes") == [(CONTENT_EPOCH,)]


def test_source_date_epoch_replaces_the_file_time(
    seed_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(CONTENT_EPOCH + 5))
    first = seed_package(seed_copy, Path("one"))
    os.utime(seed_copy, (LATER + 999, LATER + 999))
    second = seed_package(seed_copy, Path("two"))

    assert first.read_bytes() == second.read_bytes()
    assert package_rows(second, tmp_path, "SELECT DISTINCT mod FROM notes") == [
        (CONTENT_EPOCH + 5,)
    ]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")  # never older than our note types
    third = seed_package(seed_copy, Path("three"))
    assert package_rows(third, tmp_path, "SELECT DISTINCT mod FROM notes") == [(CONTENT_EPOCH,)]


@pytest.mark.usefixtures("no_source_date")
def test_vanished_and_moved_facts_are_reported_with_a_search_that_finds_them(
    seed_copy: Path, collection: Any
) -> None:
    import_apkg(collection, seed_package(seed_copy, Path("decks")))
    gone, moving = SEED_FACTS[3]["id"], SEED_FACTS[0]["id"]
    deck = yaml.safe_load(seed_copy.read_text(encoding="utf-8"))
    deck["facts"] = [fact for fact in deck["facts"] if fact["id"] != gone]
    deck["facts"][0]["topic"] = "Allies"
    seed_copy.write_text(yaml.safe_dump(deck, allow_unicode=True), encoding="utf-8")
    os.utime(seed_copy, (LATER + 60, LATER + 60))

    (report,) = build([seed_copy], Path("decks"))

    assert report.vanished == (gone,)
    assert [(m.fact_id, m.new_deck) for m in report.moved] == [(moving, f"{SEED['deck']}::Allies")]
    removed, moved, repeated = report.notices
    assert "every build repeats these clean-ups" in repeated
    assert f"1 fact is gone since the last published package: {gone}." in removed
    assert "Anki keeps their notes on re-import" in removed
    assert "Change Deck" in moved
    # The searches the notices give find exactly those notes in the learner's collection.
    search = removed.split("search in Browse for  ")[1].split("  ")[0]
    found = {collection.get_note(n)["FactId"] for n in collection.find_notes(search)}
    assert found == {gone}
    search = moved.split("search in Browse for  ")[1].split("  ")[0]
    assert {collection.get_note(n)["FactId"] for n in collection.find_notes(search)} == {moving}


def _rebuild(path: Path, *, published: bool = False) -> DeckReport:
    (report,) = build_decks(prepare([path]), Path("decks"), published=published)
    return report


@pytest.mark.usefixtures("no_source_date")
def test_reimport_clean_ups_repeat_on_every_build_until_one_is_published(
    write_facts: WriteFacts, collection: Any
) -> None:
    deck = """\
        id: mars
        deck: Mars
        facts:
          - id: moons
            topic: Moons
            text: Mars has two moons.
            answer: two
          - id: phobos
            topic: Moons
            text: The larger moon of Mars is Phobos.
            answer: Phobos
          - id: red
            topic: Surface
            text: Mars looks red because of iron oxide.
            answer: iron oxide
        """
    path = write_facts(deck)
    import_apkg(collection, _rebuild(path).path)  # what learners have
    write_facts(deck.replace("  - id: phobos\n", "  - id: deimos\n").replace("Surface", "Colour"))
    first = _rebuild(path)
    assert (first.vanished, [m.fact_id for m in first.moved]) == (("phobos",), ["red"])

    again = _rebuild(path)  # nothing changed since, but learners still need both clean-ups
    assert (again.vanished, [m.fact_id for m in again.moved]) == (("phobos",), ["red"])
    assert again.moved[0].old_deck == "Mars::Surface"  # where the learners' cards are
    assert again.notices[:2] == first.notices[:2]
    assert (
        "until learners have a package that carries them: build it with --published"
        in (again.notices[2])
    )
    assert Path("decks/mars.reimport.json").is_file()
    search = again.notices[0].split("search in Browse for  ")[1].split("  ")[0]
    assert {collection.get_note(n)["FactId"] for n in collection.find_notes(search)} == {"phobos"}

    write_facts(deck.replace("Surface", "Colour"))  # phobos is back: only the move is owed
    back = _rebuild(path)
    assert (back.vanished, [m.fact_id for m in back.moved]) == ((), ["red"])

    published = _rebuild(path, published=True)  # said once more, then forgotten
    assert [m.fact_id for m in published.moved] == ["red"]
    assert "built with --published, so these clean-ups are not repeated" in published.notices[-1]
    assert not Path("decks/mars.reimport.json").exists()
    quiet = _rebuild(path)
    assert (quiet.vanished, quiet.moved, quiet.notices) == ((), (), ())


@pytest.mark.usefixtures("no_source_date")
def test_a_damaged_reimport_file_is_reported_and_replaced(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        id: mars
        deck: Mars
        facts:
          - id: moons
            text: Mars has two moons.
            answer: two
        """
    )
    _rebuild(path)
    Path("decks/mars.reimport.json").write_text("{not json", encoding="utf-8")
    report = _rebuild(path)
    assert any("decks/mars.reimport.json: could not read it" in n for n in report.notices)
    assert not Path("decks/mars.reimport.json").exists()  # nothing owed: no file


@pytest.mark.usefixtures("no_source_date")
def test_an_unreadable_previous_package_is_reported_and_replaced(seed_copy: Path) -> None:
    Path("decks").mkdir()
    Path("decks/ukraine-peace-talks.apkg").write_bytes(b"not a zip")

    (report,) = build([seed_copy], Path("decks"))

    assert report.vanished == ()
    assert any("could not read the package it replaces" in n for n in report.notices)
    assert collection_bytes(report.path)


@pytest.mark.usefixtures("no_source_date")
def test_fact_text_cannot_inject_markup_clozes_or_template_fields(
    write_facts: WriteFacts, collection: Any
) -> None:
    write_facts(
        """\
        id: inject
        deck: Injection
        source: {title: '<script>alert("source")</script>'}
        facts:
          - id: evil
            topic: Attacks
            text: 'Lisbon <script>x()</script> is {{c2::fake}}, not {{Question}} or {{FrontSide}}.'
            answer: Lisbon
            kind: place
            distractors: ['<b>Porto</b>', 'Faro {{Answer}}', 'Braga & Coimbra']
            explanation: 'See <img src=x onerror=alert(1)> and {{Explanation}}.'
        """
    )
    (report,) = build([Path("deck.yaml")], Path("decks"))
    import_apkg(collection, report.path)

    cloze = notes_by_fact(collection, CLOZE_MODEL_NAME)["evil"]
    mcq = notes_by_fact(collection, MCQ_MODEL_NAME)["evil"]
    assert len(cloze.cards()) == 1  # the fact's own `{{c2::fake}}` made no card
    rendered = "".join(
        card.question() + card.answer() for note in (cloze, mcq) for card in note.cards()
    )
    for raw in ("<script>", "<img src=x", "<b>Porto", "{{c2::", "{{Question}}", "{{Answer}}"):
        assert raw not in rendered
    assert "&lt;script&gt;x()&lt;/script&gt;" in cloze["Text"]
    assert "&#123;&#123;Question&#125;&#125;" in mcq["Question"]
    assert "&lt;b&gt;Porto&lt;/b&gt;" in mcq["Options"]
    assert "Faro &#123;&#123;Answer&#125;&#125;" in mcq["Options"]


@pytest.mark.usefixtures("no_source_date")
def test_images_arrive_in_the_media_folder_and_show_on_the_cards(
    write_facts: WriteFacts, collection: Any
) -> None:
    write_facts(PNG, "images/map.png")
    write_facts(PNG + b"other", "images/old/map.png")
    write_facts(
        """\
        id: pictures
        deck: Pictures
        facts:
          - id: new-map
            text: The new map shows Lisbon.
            answer: Lisbon
            distractors: [Porto, Faro, Braga]
            image: images/map.png
          - id: old-map
            text: The old map shows Porto.
            answer: Porto
            distractors: [Lisbon, Faro, Braga]
            image: images/old/map.png
        """
    )
    (report,) = build([Path("deck.yaml")], Path("decks"))
    import_apkg(collection, report.path)

    media = Path(collection.media.dir())
    # Two files named map.png: both keep their folder in the name, so neither replaces the other.
    assert (media / "images_map.png").read_bytes() == PNG
    assert (media / "images_old_map.png").read_bytes() == PNG + b"other"
    notes = notes_by_fact(collection, MCQ_MODEL_NAME)
    assert notes["new-map"]["Image"] == '<img src="images_map.png">'
    assert '<img src="images_old_map.png">' in notes["old-map"].cards()[0].question()
    cloze = notes_by_fact(collection, CLOZE_MODEL_NAME)["new-map"]
    assert '<img src="images_map.png">' in cloze.cards()[0].question()


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1), st.text(min_size=1), st.sampled_from(list(QuestionKind)))
def test_guids_are_genankis_guid_for_any_deck_fact_and_kind(
    deck_id: str, fact_id: str, kind: QuestionKind
) -> None:
    import genanki

    assert note_guid(deck_id, fact_id, kind) == genanki.guid_for(deck_id, fact_id, kind.value)


def test_guids_are_genankis_guid_for_deck_fact_and_kind() -> None:
    import genanki

    assert note_guid("deck", "fact", QuestionKind.MCQ) == genanki.guid_for("deck", "fact", "mcq")
    assert note_guid("deck", "fact", QuestionKind.CLOZE) != note_guid(
        "deck", "fact", QuestionKind.MCQ
    )


@pytest.mark.usefixtures("no_source_date")
def test_notes_and_cards_are_the_rows_genanki_itself_writes(
    seed_copy: Path, tmp_path: Path
) -> None:
    """Regression guard for writing rows in batches instead of through genanki's Note."""
    import itertools
    import sqlite3
    from contextlib import closing

    import genanki

    package = seed_package(seed_copy, Path("decks"))
    ours = package_rows(package, tmp_path, "SELECT * FROM notes ORDER BY id")
    our_cards = package_rows(package, tmp_path, "SELECT * FROM cards ORDER BY id")
    models = {MCQ_MODEL_ID: mcq_model(), CLOZE_MODEL_ID: cloze_model()}
    ids = itertools.count(ours[0][0])
    with closing(sqlite3.connect(tmp_path / "genanki.anki2")) as connection:
        cursor = connection.cursor()
        genanki.Package([]).write_to_db(cursor, LATER, itertools.count())
        for row in ours:
            card_row = next(card for card in our_cards if card[1] == row[0])
            note = genanki.Note(
                model=models[row[2]],
                fields=row[6].split("\x1f"),
                tags=row[5].split(),
                guid=row[1],
                due=card_row[8],
            )
            note.write_to_db(cursor, LATER, card_row[2], ids)
        theirs = cursor.execute("SELECT * FROM notes ORDER BY id").fetchall()
        their_cards = cursor.execute("SELECT * FROM cards ORDER BY id").fetchall()
    assert ours == theirs
    assert our_cards == their_cards


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab &<>\"'{}:é\n"), max_size=30) | st.text(max_size=30))
def test_escaping_is_html_escape_with_braces_for_any_text(text: str) -> None:
    import html

    expected = html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")
    assert escape_field(text) == expected


def test_a_larger_package_imports_whole_with_contiguous_ids_in_order(
    tmp_path: Path, collection: Any
) -> None:
    from synthetic import write_deck

    deck = write_deck(tmp_path / "larger.yaml", 120)
    (report,) = build([deck], tmp_path / "out")
    result = import_apkg(collection, report.path)
    assert result.new == report.notes == collection.note_count()
    assert collection.card_count() == report.cards
    ids = package_rows(report.path, tmp_path, "SELECT id FROM notes UNION SELECT id FROM cards")
    assert sorted(ids) == [(first,) for first in range(ids[0][0], ids[0][0] + len(ids))]
    dues = package_rows(report.path, tmp_path, "SELECT due FROM cards ORDER BY id")
    assert [due for (due,) in dues] == sorted(due for (due,) in dues)
    fact_ids = {note["FactId"] for note in notes_by_fact(collection, CLOZE_MODEL_NAME).values()}
    assert fact_ids == {f"fact-{i}" for i in range(120)}
