"""Files and folders only their owner may read: the data folder (0700), the database and profiles (0600).

Created that way, and tightened when found looser (one translated line on stderr says so), because
the database holds password hashes and every person's records, and a profile holds a person's
calibration. POSIX only; elsewhere these are no-ops (Windows keeps per-user folders private).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from coach.i18n import t

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
_POSIX = os.name == "posix"


def private_folder(path: str | Path, *, tighten: bool = True) -> Path:
    """Make `path` (and missing parents) with mode 0700; an existing one looser than that is
    tightened when `tighten` (a folder the user chose for other things too is left alone)."""
    path = Path(path)
    if not path.is_dir():
        missing = [path, *(p for p in path.parents if not p.exists())]
        for folder in reversed(missing):  # every folder made here is private, not only the last one
            folder.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
            if _POSIX:
                os.chmod(folder, PRIVATE_FOLDER)  # mkdir's mode is filtered by the umask
    elif tighten:
        _tighten(path, PRIVATE_FOLDER)
    return path


def private_file(path: str | Path) -> Path:
    """Create `path` empty with mode 0600 when missing; tighten it to 0600 when others may read it."""
    path = Path(path)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        _tighten(path, PRIVATE_FILE)
    else:
        os.close(descriptor)
    return path


def tighten_if_present(path: str | Path) -> None:
    path = Path(path)
    if path.exists():
        _tighten(path, PRIVATE_FILE)


def write_private_text(path: str | Path, text: str) -> Path:
    """Write `text` to `path` atomically, the file readable by its owner only."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(text)
        if _POSIX:
            os.chmod(partial, PRIVATE_FILE)  # an older .part may have been looser
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def _tighten(path: Path, mode: int) -> None:
    if not _POSIX:
        return
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & ~mode & 0o777 and path.stat().st_uid == os.geteuid():
            os.chmod(path, current & mode)
            print(t("security.tightened", path=str(path), old=f"{current:o}", new=f"{current & mode:o}"),
                  file=sys.stderr)
    except OSError:
        return  # not ours to change: SQLite will say what is wrong when it cannot open the file
