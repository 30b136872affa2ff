#!/usr/bin/env bash
# CI: the AnkiConnect sync tests against the real Anki desktop (aqt + PyQt6, about 620 MB),
# started headless by the tests. Installs the desktop-test extra into the project's venv and
# runs those tests with QUIZGEN_REQUIRE_DESKTOP set, so a missing Anki fails instead of skips.
# Run from .ci/run after the main test run (it reuses .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet -e '.[test,desktop-test]'
# Qt's offscreen platform still loads a few X and GL libraries; install them where missing.
if ! .venv/bin/python -c 'from PyQt6 import QtWidgets, QtWebEngineWidgets' 2>/dev/null; then
    if command -v apt-get >/dev/null; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq libegl1 libgl1 libxkbcommon0 libnss3 libasound2 libxcomposite1 \
            libxdamage1 libxrandr2 libxtst6 libxkbfile1 libfontconfig1 libdbus-1-3 >/dev/null
    fi
fi
QUIZGEN_REQUIRE_DESKTOP=1 .venv/bin/python -m pytest -p randomly tests/test_sync_ankiconnect.py
