"""A build killed at any moment (SIGKILL: no cleanup code runs) never leaves half a package.

Whatever instant the kill lands, the package on disk is the previous build or the new one,
byte for byte: `atomic_output` writes a temporary file beside it and renames it in one step.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from synthetic import write_deck

QUIZGEN = str(Path(sys.executable).with_name("quizgen"))
FACTS = 20_000


def build(deck: Path, out: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [QUIZGEN, "build", str(deck), "--out", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_package_whole(tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1900000000"}
    (tmp_path / "facts").mkdir()
    deck = write_deck(tmp_path / "facts" / "deck.yaml", FACTS)
    out = tmp_path / "decks"
    package = out / f"synthetic-{FACTS}.apkg"
    started = time.monotonic()
    assert build(deck, out, env).wait() == 0
    full_run = time.monotonic() - started
    before = package.read_bytes()

    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace("Explanation for fact 0,", "Edited explanation,"), "utf-8")
    reference = tmp_path / "reference"
    assert build(deck, reference, env).wait() == 0
    after = (reference / package.name).read_bytes()
    assert after != before

    killed = 0
    for step in range(1, 9):
        process = build(deck, out, env)
        time.sleep(full_run * step / 8)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
        assert package.read_bytes() in (before, after), f"half a package after a kill at {step}/8"
    assert killed >= 3, "the kills must land while the build runs"
