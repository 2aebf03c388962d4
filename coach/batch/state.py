"""What a batch has finished, kept in its output folder so that a rerun can resume.

`batch_state.jsonl` holds one JSON line per finished file (done or failed), appended and synced
as each file finishes, so a batch killed at any moment keeps every finished file; a line cut
short by the kill is ignored. The newest line for a file wins. At the end of a run the file is
rewritten with only the newest lines (atomically), so it does not grow with every rerun.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from coach.batch.plan import MediaFile
from coach.batch.work import FILE_PROBLEMS
from coach.sinks import output_error

STATE_NAME = "batch_state.jsonl"
LOCK_NAME = ".batch.lock"


class BatchState:
    """The finished files of one output folder, by relative path."""

    def __init__(self, outdir: Path, lang: str | None = None, also: set[str] | frozenset[str] = frozenset()
                 ) -> None:
        self.path = outdir / STATE_NAME
        self.lang = lang
        self.also = frozenset(also)  # older fingerprints of the same options (they folded in the language)
        self.entries: dict[str, dict] = {}
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8", errors="replace") as file:
            for line in file:
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut short when the batch was killed
                if isinstance(entry, dict) and isinstance(entry.get("rel"), str):
                    self.entries[entry["rel"]] = entry

    def current(self, file: MediaFile, fingerprint: str) -> dict | None:
        """The newest entry of `file` when it is about this version of the file and these options."""
        entry = self.entries.get(file.rel)
        if entry is None or entry.get("size") != file.size or entry.get("mtime_ns") != file.mtime_ns:
            return None
        return entry if entry.get("options") == fingerprint or entry.get("options") in self.also else None

    def finished(self, file: MediaFile, fingerprint: str, store_label: str | None = None) -> dict | None:
        """The entry that makes `file` finished for these options, or None when it must be (re)done.

        Done files count, and so do files that failed for a reason of their own (corrupt, empty);
        a file whose worker died, or that failed for another passing reason, is tried again. With a
        store, a file done without writing to that store is done again.
        """
        entry = self.current(file, fingerprint)
        if entry is None:
            return None
        if entry.get("status") == "done":
            if store_label is not None and store_label not in entry.get("stored_in", []):
                return None
            return entry
        if entry.get("status") == "failed" and entry.get("reason") in FILE_PROBLEMS:
            return entry
        return None

    def record(self, file: MediaFile, fingerprint: str, *, status: str, summary: dict, reason: str = "",
               message: str = "", stored_in: list[str] | None = None) -> dict:
        """Append one finished file to the state file and make sure it is on disk before returning."""
        entry = {
            "rel": file.rel, "size": file.size, "mtime_ns": file.mtime_ns, "options": fingerprint,
            "status": status, "reason": reason, "message": message, "stored_in": stored_in or [],
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"), "summary": summary,
        }
        line = json.dumps(entry, ensure_ascii=False, default=str) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as out:
                out.write(line)
                out.flush()
                os.fsync(out.fileno())
        except OSError as error:
            raise output_error(error, self.path) from error
        self.entries[file.rel] = entry
        return entry

    def compact(self) -> None:
        """Rewrite the state file with only the newest line per file."""
        if not self.entries:
            return
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as out:
                for entry in self.entries.values():
                    out.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except OSError as error:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise output_error(error, self.path) from error


class OutputLock:
    """Only one batch at a time writes into an output folder. The lock is the operating system's
    (flock), so it goes away with a batch that is killed. Where flock does not exist (Windows),
    there is no lock."""

    def __init__(self, outdir: Path, lang: str | None = None) -> None:
        self._file = None
        try:
            import fcntl
        except ImportError:
            return
        path = outdir / LOCK_NAME
        try:
            self._file = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole batch
        except OSError as error:
            raise output_error(error, path) from error
        try:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._file.close()
            self._file = None
            from coach.batch.backends import BatchError
            from coach.i18n import t

            raise BatchError(t("batch.error.busy", lang, outdir=outdir)) from None

    def release(self) -> None:
        file, self._file = self._file, None
        if file is not None:
            file.close()
