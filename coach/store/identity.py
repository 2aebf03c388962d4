"""One canonical form for every identifier the store keys on: staff ids, teams, display names.

Every entry point (the library's functions, the commands, the panel, a batch's folder names)
passes what it was given through these functions *before* any check, and every check compares
the canonical forms, so " boss ", "BOSS" and the full-width "ｂｏｓｓ" are all the one person
"boss" — never a look-alike that passes a permission check as one id and is stored as another.

* A staff id: Unicode NFKC (folds full-width and compatibility forms), surrounding white space
  removed, case-folded; then it must match ID_PATTERN (ASCII letters, digits, `.`, `_`, `-`,
  starting with a letter or digit, at most 64 characters). Nothing invisible, nothing a
  spreadsheet would read as a formula.
* A team: NFKC, white space trimmed and runs of it made one space; letters (any script), digits,
  spaces and `._-()&` only, starting with a letter or digit, at most 100 characters. Case is kept
  (teams are shown as named) and compared as stored.
* A display name: NFKC, trimmed, no control or format characters (zero-width, bidi overrides),
  at most 200 characters. Free text otherwise; exports neutralise formulas (coach.cells).

Pure stdlib (plus the store's error type), so it can be used anywhere.
"""

from __future__ import annotations

import re
import unicodedata

from coach.store.errors import StoreError

MAX_ID_LENGTH = 64
MAX_TEAM_LENGTH = 100
MAX_NAME_LENGTH = 200
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
TEAM_PATTERN = re.compile(r"[^\W_][\w .()&-]{0,99}")


def canonical_id(raw: object) -> str:
    """The canonical staff id for `raw`; StoreError (one translated line) when it is not a valid id."""
    text = unicodedata.normalize("NFKC", raw if isinstance(raw, str) else "").strip().casefold()
    if not ID_PATTERN.fullmatch(text):
        raise StoreError("security.bad_id", value=_shown(raw))
    return text


def is_canonical_id(raw: object) -> bool:
    try:
        return canonical_id(raw) == raw
    except StoreError:
        return False


def canonical_team(raw: object) -> str | None:
    """The canonical team name (None for no team); StoreError when it holds characters not allowed."""
    if raw is None:
        return None
    text = " ".join(unicodedata.normalize("NFKC", raw if isinstance(raw, str) else "").split())
    if not text:
        return None
    if not TEAM_PATTERN.fullmatch(text):
        raise StoreError("security.bad_team", value=_shown(raw))
    return text


def canonical_name(raw: object, staff_id: str = "") -> str:
    """A display name, normalised; StoreError when empty, too long, or holding invisible characters."""
    text = unicodedata.normalize("NFKC", raw if isinstance(raw, str) else "").strip()
    if not text:
        raise StoreError("store.error.bad_name", staff_id=staff_id)
    if len(text) > MAX_NAME_LENGTH or any(unicodedata.category(c) in ("Cc", "Cf") for c in text):
        raise StoreError("security.bad_name", value=_shown(raw))
    return text


def _shown(raw: object) -> str:
    """`raw` made safe to print in one line: control and invisible characters as escapes, cut short."""
    text = raw if isinstance(raw, str) else repr(raw)
    hidden = ("Cc", "Cf", "Zl", "Zp")
    shown = "".join(ascii(c)[1:-1] if unicodedata.category(c) in hidden else c for c in text)
    return shown[:80] + ("…" if len(shown) > 80 else "")
