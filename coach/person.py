"""One home for per-person data: the data folder, the person id check, and every file kept about
a person (thresholds and preferences, calibration profiles), with one loader.

    <data dir>/people/<id>/preferences.json    # the engine's Settings.to_dict() + the panel's preferences
    <data dir>/people/<id>/sitting.json        # calibration profiles (coach.calibrate.profile), one per mode
    <data dir>/people/<id>/standing.json

The data folder is $COACH_DATA_DIR, else %APPDATA%/coach on Windows, else $XDG_DATA_HOME/coach,
else ~/.local/share/coach; the store's SQLite file lives there too. Calibration profiles may be
kept elsewhere (`calibrate --dir`, or $COACH_CALIBRATION_DIR: `<dir>/<id>/<mode>.json`). The
files hold numbers and choices, never a picture. Errors carry a key and values (`PersonError`),
translated where they are shown.
"""

from __future__ import annotations

import json
import math
import os
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from coach.errors import CoachError

MAX_PERSON_LENGTH = 40
DEFAULT_PERSON = "default"
CALIBRATION_DIR_ENVIRONMENT = "COACH_CALIBRATION_DIR"
CALIBRATION_MODES = ("sitting", "standing")
PREFERENCES_FILE = "preferences.json"


class PersonError(CoachError, ValueError):
    """A person id or a person's file that cannot be used (a translation key and values)."""


def data_dir() -> Path:
    """The user's data folder (created by whoever first writes into it)."""
    if os.environ.get("COACH_DATA_DIR"):
        return Path(os.environ["COACH_DATA_DIR"])
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "coach"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "coach"


def check_person(person: object) -> str:
    """The id in its canonical form (NFC, stripped) if it can name a folder on every system.

    Letters of any script (Chinese names included), digits, '-', '_', '.' and spaces; not starting
    with a dot; at most MAX_PERSON_LENGTH characters. Else PersonError("person.error.bad_id").
    """
    cleaned = unicodedata.normalize("NFC", person.strip()) if isinstance(person, str) else ""
    allowed = all(ch.isalnum() or ch in "-_. " for ch in cleaned)
    if not cleaned or len(cleaned) > MAX_PERSON_LENGTH or not allowed or cleaned.startswith("."):
        raise PersonError("person.error.bad_id", person=person, limit=MAX_PERSON_LENGTH)
    return cleaned


def people_dir(root: str | Path | None = None) -> Path:
    """The people folder of the data folder `root` (default: `data_dir()`)."""
    return Path(root if root is not None else data_dir()) / "people"


def person_folder(person: str, root: str | Path | None = None) -> Path:
    return people_dir(root) / check_person(person)


def calibration_root(directory: str | Path | None = None) -> Path:
    """Where calibration profiles are: the argument, else $COACH_CALIBRATION_DIR, else the people folder."""
    chosen = directory or os.environ.get(CALIBRATION_DIR_ENVIRONMENT)
    return Path(chosen) if chosen else people_dir()


def calibration_path(person: str, mode: str, directory: str | Path | None = None) -> Path:
    if mode not in CALIBRATION_MODES:
        raise PersonError("calibration.error.bad_mode", mode=mode, modes=", ".join(CALIBRATION_MODES))
    return calibration_root(directory) / check_person(person) / f"{mode}.json"


# ---- files ---------------------------------------------------------------------------------
def read_json(path: Path) -> dict | None:
    """A person's JSON file as a dict; None when it does not exist; PersonError when unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as problem:
        raise PersonError("person.error.unreadable", path=str(path), error=str(problem)) from problem
    if not isinstance(data, dict):
        raise PersonError("person.error.unreadable", path=str(path), error="not a JSON object")
    return data


def write_json(path: Path, data: dict) -> Path:
    """Write a person's file atomically (pretty UTF-8 JSON; NaN/inf as null): a crash never leaves
    half a file in place of a good one. PersonError("person.error.cannot_write") on failure."""
    text = json.dumps(_finite(data), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    from coach.private_files import private_folder

    try:
        private_folder(path.parent)  # 0700 like the data folder; mkstemp makes the file 0600
        handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as problem:
        raise PersonError("person.error.cannot_write", path=str(path),
                          error=problem.strerror or str(problem)) from problem
    return path


# ---- thresholds and preferences ------------------------------------------------------------
@dataclass
class Preferences:
    """A person's engine thresholds (`Settings.to_dict()`) and panel preferences (language, quiet…)."""

    person: str
    settings: dict = field(default_factory=dict)
    preferences: dict = field(default_factory=dict)


def preferences_path(person: str, root: str | Path | None = None) -> Path:
    return person_folder(person, root) / PREFERENCES_FILE


def load_preferences(person: str, root: str | Path | None = None) -> Preferences:
    """The person's saved thresholds and preferences, or empty ones when nothing was saved yet.

    A file from before the one home (`people/<id>.json`) is still read.
    """
    name = check_person(person)
    data = read_json(preferences_path(name, root))
    if data is None:
        data = read_json(people_dir(root) / f"{name}.json") or {}
    return Preferences(name, dict(data.get("settings") or {}), dict(data.get("preferences") or {}))


def save_preferences(preferences: Preferences, root: str | Path | None = None) -> Path:
    body = {"person": preferences.person, "settings": preferences.settings,
            "preferences": preferences.preferences}
    return write_json(preferences_path(preferences.person, root), body)


# ---- the one loader ------------------------------------------------------------------------
@dataclass
class PersonData:
    """Everything kept about a person: preferences and, per mode, the saved calibration (as saved;
    `coach.calibrate.profile.Profile.from_dict` reads it)."""

    person: str
    preferences: Preferences
    calibration: dict[str, dict] = field(default_factory=dict)


def load(person: str, root: str | Path | None = None,
         calibration_dir: str | Path | None = None) -> PersonData:
    """The one loader: the person's preferences and saved calibrations."""
    name = check_person(person)
    calibration = {}
    for mode in CALIBRATION_MODES:
        where = calibration_dir or (people_dir(root) if root is not None else None)
        found = read_json(calibration_path(name, mode, where))
        if found is not None:
            calibration[mode] = found
    return PersonData(name, load_preferences(name, root), calibration)


def _finite(value: object) -> object:
    """JSON has no NaN/inf: such numbers become None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value
