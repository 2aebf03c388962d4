"""Per-person panel settings, saved as JSON under the user's data folder.

One file per person: `<data dir>/people/<name>.json` holding the engine's `Settings.to_dict()`
and the panel's own preferences (language, quiet mode, sound). The data folder is
`$COACH_DATA_DIR`, else `$XDG_DATA_HOME/coach`, else `~/.local/share/coach`
(`%APPDATA%\\coach` on Windows). No streamlit here, so it is testable on its own.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from coach.i18n import t

MAX_NAME_LENGTH = 40
DEFAULT_PERSON = "default"


class ProfileError(ValueError):
    """A person's name or saved file that cannot be used; the message is translated."""


@dataclass
class Profile:
    person: str
    settings: dict = field(default_factory=dict)  # Settings.to_dict()
    preferences: dict = field(default_factory=dict)  # language, quiet, sound, ...


def data_dir() -> Path:
    """Where the panel keeps per-person files (created on first save)."""
    if os.environ.get("COACH_DATA_DIR"):
        return Path(os.environ["COACH_DATA_DIR"])
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "coach"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "coach"


def check_person(name: str, lang: str | None = None) -> str:
    """The name, stripped, if it can name a file on every system; else a ProfileError.

    Letters of any script (Chinese names included), digits, '-', '_', '.' and spaces.
    """
    cleaned = unicodedata.normalize("NFC", (name or "").strip())
    allowed = all(ch.isalnum() or ch in "-_. " for ch in cleaned)
    if not cleaned or len(cleaned) > MAX_NAME_LENGTH or not allowed or cleaned.startswith("."):
        raise ProfileError(t("panel.profile.bad_name", lang, name=name, limit=MAX_NAME_LENGTH))
    return cleaned


def profile_path(person: str, root: Path | None = None) -> Path:
    return (root or data_dir()) / "people" / f"{check_person(person)}.json"


def load_profile(person: str, root: Path | None = None, lang: str | None = None) -> Profile:
    """The person's saved profile, or an empty one when nothing was saved yet."""
    path = profile_path(check_person(person, lang), root)
    if not path.exists():
        return Profile(person=person)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as problem:
        message = t("panel.profile.unreadable", lang, path=str(path), error=str(problem))
        raise ProfileError(message) from problem
    return Profile(
        person=person,
        settings=dict(data.get("settings") or {}),
        preferences=dict(data.get("preferences") or {}),
    )


def save_profile(profile: Profile, root: Path | None = None) -> Path:
    """Write the profile atomically (a half-written file never replaces a good one)."""
    from coach.private_files import private_folder, write_private_text

    path = profile_path(profile.person, root)
    private_folder(root or data_dir())
    private_folder(path.parent)
    body = {"person": profile.person, "settings": profile.settings, "preferences": profile.preferences}
    return write_private_text(path, json.dumps(body, ensure_ascii=False, indent=2))
