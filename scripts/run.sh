#!/usr/bin/env bash
# One command on a fresh machine: set up and open the live coach in the browser
# (it falls back to a bundled sample video when this computer has no camera).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python -m streamlit run app.py --server.headless "${COACH_HEADLESS:-false}" "$@"
