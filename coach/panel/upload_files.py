"""An uploaded video streamed into a private temporary file, with a size cap, instead of being
copied into the session's memory (a long clip is hundreds of MB per upload, per session).

The folder is made by `tempfile.mkdtemp` (mode 0700) and the file is created 0600, so no other
local account reads a staff member's recording; both are removed when the server process ends,
or earlier by `discard`. The type and signature checks of `coach.panel.uploads` run on the first
bytes, and the copy stops (and the file is removed) as soon as the cap is passed, whatever size
the browser claimed.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from coach.panel.uploads import MAX_UPLOAD_MB, UploadError, check_upload

CHUNK = 1 << 20
_folders: set[str] = set()


@dataclass(frozen=True)
class SavedUpload:
    path: Path
    name: str
    size: int
    sha1: str


def save_upload(upload: Any, lang: str | None = None, max_mb: float = MAX_UPLOAD_MB) -> SavedUpload:
    """Stream `upload` (a file-like object with `.name`, e.g. Streamlit's UploadedFile) into a private
    temporary file; UploadError (one translated line) when it is not a video or over `max_mb`."""
    name = str(getattr(upload, "name", "upload"))
    limit = int(max_mb * 1024 * 1024)
    upload.seek(0)
    head = upload.read(64)
    check_upload(name, len(head), head, lang, max_mb)  # type and signature, before any copying
    folder = Path(tempfile.mkdtemp(prefix="coach-upload-"))
    _folders.add(str(folder))
    path = folder / f"upload{PurePath(name).suffix.lower()}"
    digest = hashlib.sha1(usedforsecurity=False)
    size = 0
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            chunk = head
            while chunk:
                size += len(chunk)
                if size > limit:
                    check_upload(name, size, head, lang, max_mb)  # raises "too big", in the same words
                digest.update(chunk)
                out.write(chunk)
                chunk = upload.read(CHUNK)
        check_upload(name, size, head, lang, max_mb)
    except BaseException:
        discard(path)
        raise
    return SavedUpload(path, name, size, digest.hexdigest())


def discard(path: str | Path | None) -> None:
    """Remove a saved upload and its private folder."""
    if path is None:
        return
    folder = Path(path).parent
    shutil.rmtree(folder, ignore_errors=True)
    _folders.discard(str(folder))


@atexit.register
def _remove_all() -> None:
    for folder in list(_folders):
        shutil.rmtree(folder, ignore_errors=True)
    _folders.clear()


__all__ = ["SavedUpload", "UploadError", "discard", "save_upload"]
