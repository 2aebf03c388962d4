#!/usr/bin/env bash
# One command on a fresh machine: set up (Python packages, Chromium, PostgreSQL) and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
.venv/bin/python -m ruff check .
exec .venv/bin/python -m pytest "$@"
