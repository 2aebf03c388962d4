#!/usr/bin/env bash
# Sets up everything the coach needs in ./.venv. Safe to run again: it only does what is missing.
#   scripts/setup.sh          runtime only (the live coach and `python -m coach`)
#   scripts/setup.sh --dev    plus the test tools, headless Chromium and PostgreSQL (when root on Debian)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
"$PYTHON" - <<'PY' || { echo "coach needs Python 3.11 (found $("$PYTHON" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)
PY

dev=0
[[ "${1:-}" == "--dev" ]] && dev=1
requirements=requirements.txt
(( dev )) && requirements=requirements-dev.txt

if [[ ! -x .venv/bin/python ]]; then
  echo "[setup] creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(cat requirements.txt "$requirements" | sha256sum | cut -c1-16)
if [[ ! -f "$stamp" ]]; then
  echo "[setup] installing $requirements"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"
  touch "$stamp"
fi

if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  wanted=()
  # A CJK font for the Chinese labels drawn on the video overlay (English labels without it).
  fc-list 2>/dev/null | grep -qiE "wqy|noto.*cjk" || wanted+=(fonts-wqy-microhei)
  if (( dev )); then
    [[ -x /usr/bin/chromium ]] || wanted+=(chromium chromium-driver)
    command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || wanted+=(postgresql)
  fi
  if (( ${#wanted[@]} )); then
    echo "[setup] installing system packages: ${wanted[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null \
      || echo "[setup] could not install ${wanted[*]}; the tests that need them will skip"
  fi
fi

if ! ls sample_videos/*.mp4 >/dev/null 2>&1; then
  echo "[setup] building the sample videos"
  .venv/bin/python -m coach.samples sample_videos
fi
