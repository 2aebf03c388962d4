#!/usr/bin/env bash
# One command on a fresh machine: set up and open the live coach in the browser
# (it falls back to a bundled sample video when this computer has no camera).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# glibc gives every thread that allocates its own malloc arena; the live page's capture, WebRTC and
# model threads then hold tens of MiB each that a long-running process never returns. Two arenas
# keep a live process's memory lower (measured: ~400 → ~380 MiB with the sample playing).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec .venv/bin/python -m streamlit run app.py --server.headless "${COACH_HEADLESS:-false}" "$@"
