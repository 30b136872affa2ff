"""Moodle's own GIFT and Aiken importers (`../shared/moodle/`, run with php-cli), for tests
that read our exports back the way a Moodle site would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT


def _moodle_harness() -> Path | None:
    for folder in ROOT.parents:
        harness = folder / "shared" / "moodle" / "harness"
        if (harness / "run.php").is_file():
            return harness
    return None


HARNESS = _moodle_harness()


def php(*args: str) -> str:
    """Run php with these arguments; its standard output."""
    done = subprocess.run(["php", *args], capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def require_moodle() -> Path:
    """The harness folder. Without ../shared/moodle or php, a test is skipped on a developer's
    machine and fails in CI (CI=true), where .ci/run installs php and shared/ lies beside."""
    if HARNESS is None or shutil.which("php") is None:
        reason = "needs ../shared/moodle and php-cli (apt-get install -y php-cli php-mbstring)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return HARNESS


def moodle_import(format_name: str, path: Path) -> dict[str, Any]:
    """What Moodle's importer makes of the file: its questions, import errors and warnings."""
    harness = require_moodle()
    parsed: dict[str, Any] = json.loads(php(str(harness / "run.php"), format_name, str(path)))
    return parsed
