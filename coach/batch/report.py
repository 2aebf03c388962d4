"""The batch's own outputs, rebuilt from the finished files at the end of every run (or rerun):

* `batch_summary.csv` — one row per file and one overall row: hours analysed, shares of time
  in good posture, smiling and eye contact, smiles, alerts and events per hour;
* `failures.csv` — each file that could not be analysed, with a short reason code and the
  translated message;
* `timeline.csv`, `events.csv`, `summary.json` — the same files `python -m coach review` writes
  for a folder, put together from each file's own outputs (under `files/`) in path order.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
from pathlib import Path

from coach.cells import safe_cell
from coach.i18n import t
from coach.review import EVENTS_NAME, SUMMARY_NAME, TIMELINE_NAME, summary_from_entries
from coach.sinks import output_error, write_json_atomic
from coach.tally import Tally

SUMMARY_CSV = "batch_summary.csv"
FAILURES_CSV = "failures.csv"
FILES_DIR = "files"

SUMMARY_COLUMNS: tuple[str, ...] = (
    "source", "status", "video_s", "analysed_h", "present_h", "frames", "face_share", "good_posture_share",
    "smile_share", "eye_contact_share", "smiles", "smiles_per_hour", "alerts", "alerts_per_hour", "events",
    "events_per_hour", "break_reminders", "ended_early", "analysis_s",
)
FAILURE_COLUMNS: tuple[str, ...] = ("path", "reason", "message")


def part_folder(outdir: Path, rel: str) -> Path:
    """Where one file's own timeline/events/summary go: files/<relative path of the file>/."""
    return outdir / FILES_DIR / rel


def write_reports(outdir: Path, input_path: Path, entries: list[dict], options: dict, lang: str | None
                  ) -> dict[str, object]:
    """batch_summary.csv, failures.csv and the combined timeline/events/summary for `entries`
    (the state entries of the files now in the input, in path order). Returns the overall row."""
    rows: list[dict[str, object]] = []
    total = Tally()
    failures: list[dict[str, object]] = []
    for entry in entries:
        summary = entry.get("summary") or {}
        if entry["status"] == "done":
            tally = Tally.of(summary)
            total.add(tally)
            rows.append(tally.row(entry["rel"], "done"))
        else:
            rows.append({"source": entry["rel"], "status": "failed"})
            failures.append({"path": entry["rel"], "reason": entry.get("reason", ""),
                             "message": entry.get("message", "")})
    rows.append(total.row(t("batch.summary.all", lang), "total"))
    _write_csv(outdir / SUMMARY_CSV, SUMMARY_COLUMNS, rows, lang)
    _write_csv(outdir / FAILURES_CSV, FAILURE_COLUMNS, failures, lang)
    done = [entry for entry in entries if entry["status"] == "done"]
    for name in (TIMELINE_NAME, EVENTS_NAME):
        _concatenate(outdir / name, [part_folder(outdir, entry["rel"]) / name for entry in done], lang)
    files = [{**(entry.get("summary") or {}), "ok": entry["status"] == "done"} for entry in entries]
    write_json_atomic(outdir / SUMMARY_NAME, summary_from_entries(str(input_path), options, files))
    return rows[-1]


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, object]], lang: str | None) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in rows)
        os.replace(tmp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise output_error(error, path) from error


def _drop_torn_row(out, start: int) -> None:
    """Cut `out` back to the end of its last whole line (not before `start`): a part written by a
    run that was killed or ran out of disk may end in half a row, which must not reach the report."""
    end = out.tell()
    if end == start:
        return
    out.seek(max(start, end - 65536))
    tail = out.read(end - out.tell())
    if tail.endswith(b"\n"):
        return
    cut = tail.rfind(b"\n")
    out.seek(end - len(tail) + cut + 1 if cut >= 0 else start)
    out.truncate()


def _concatenate(path: Path, parts: list[Path], lang: str | None) -> None:
    """One CSV from several with the same header: the first header, then every part's rows."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "w+b") as out:
            header_written = False
            for part in parts:
                with open(part, "rb") as source:
                    header = source.readline()
                    if not header.endswith(b"\n"):
                        continue  # a part cut short before its header was whole
                    if not header_written:
                        out.write(header)
                        header_written = True
                    start = out.tell()
                    shutil.copyfileobj(source, out)
                    _drop_torn_row(out, start)
            if not header_written:
                from coach.readings import TIMELINE_COLUMNS
                from coach.sinks import EVENT_COLUMNS

                columns = TIMELINE_COLUMNS if path.name == TIMELINE_NAME else EVENT_COLUMNS
                out.write((",".join(columns) + "\r\n").encode("utf-8"))
        os.replace(tmp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise output_error(error, path) from error
