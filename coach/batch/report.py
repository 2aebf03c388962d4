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
from coach.cli_review import EVENTS_NAME, SUMMARY_NAME, TIMELINE_NAME
from coach.i18n import resolve_language, t
from coach.sinks import output_error, write_json_atomic

SUMMARY_CSV = "batch_summary.csv"
FAILURES_CSV = "failures.csv"
FILES_DIR = "files"

SUMMARY_COLUMNS: tuple[str, ...] = (
    "source", "status", "video_s", "analysed_h", "present_h", "frames", "face_share", "good_posture_share",
    "smile_share", "eye_contact_share", "smiles", "smiles_per_hour", "alerts", "alerts_per_hour", "events",
    "events_per_hour", "break_reminders", "ended_early", "analysis_s",
)
FAILURE_COLUMNS: tuple[str, ...] = ("path", "reason", "message")
_MODES = (("sitting", "sitting"), ("standing", "standing"), ("upper_body", "unknown"))


def part_folder(outdir: Path, rel: str) -> Path:
    """Where one file's own timeline/events/summary go: files/<relative path of the file>/."""
    return outdir / FILES_DIR / rel


class Tally:
    """Seconds and counts of one file (or of all), from which the shares and rates follow."""

    def __init__(self) -> None:
        self.video_s = self.observed_s = self.present_s = self.analysis_s = 0.0
        self.face_s = self.smile_s = self.eye_contact_s = 0.0
        self.posture_s = self.good_posture_s = 0.0
        self.frames = self.smiles = self.alerts = self.events = self.reminders = 0
        self.ended_early = False

    @classmethod
    def of(cls, entry: dict) -> Tally:
        tally = cls()
        engine = entry.get("engine") or {}
        shares = engine.get("shares") or {}
        tally.video_s = float(entry.get("video_seconds") or 0.0)
        tally.analysis_s = float(entry.get("analysis_seconds") or 0.0)
        tally.frames = int(entry.get("frames_analysed") or 0)
        tally.ended_early = bool(entry.get("ended_early"))
        tally.observed_s = float(engine.get("observed_s") or 0.0)
        tally.present_s = float(engine.get("present_s") or 0.0)
        tally.face_s = (shares.get("face_found") or 0.0) * tally.observed_s
        tally.smile_s = (shares.get("smiling") or 0.0) * tally.face_s
        tally.eye_contact_s = (shares.get("eye_contact") or 0.0) * tally.face_s
        seconds_by_mode = (engine.get("posture") or {}).get("seconds_by_mode") or {}
        good = shares.get("good_posture") or {}
        for share_key, mode in _MODES:
            seconds, share = float(seconds_by_mode.get(mode) or 0.0), good.get(share_key)
            if share is not None and seconds > 0:
                tally.posture_s += seconds
                tally.good_posture_s += share * seconds
        counts = engine.get("events") or {}
        tally.smiles = int((engine.get("smiles") or {}).get("count") or 0)
        tally.alerts = sum(n for kind, n in counts.items() if kind.startswith("posture:"))
        tally.events = sum(n for kind, n in counts.items() if kind != "smile")
        tally.reminders = int((engine.get("breaks") or {}).get("due") or 0)
        return tally

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if name == "ended_early":
                self.ended_early = self.ended_early or value
            else:
                setattr(self, name, getattr(self, name) + value)

    def row(self, source: str, status: str) -> dict[str, object]:
        hours = self.observed_s / 3600.0
        return {
            "source": source, "status": status, "video_s": round(self.video_s, 1),
            "analysed_h": round(hours, 4), "present_h": round(self.present_s / 3600.0, 4),
            "frames": self.frames,
            "face_share": _share(self.face_s, self.observed_s),
            "good_posture_share": _share(self.good_posture_s, self.posture_s),
            "smile_share": _share(self.smile_s, self.face_s),
            "eye_contact_share": _share(self.eye_contact_s, self.face_s),
            "smiles": self.smiles, "smiles_per_hour": _rate(self.smiles, hours),
            "alerts": self.alerts, "alerts_per_hour": _rate(self.alerts, hours),
            "events": self.events, "events_per_hour": _rate(self.events, hours),
            "break_reminders": self.reminders, "ended_early": int(self.ended_early),
            "analysis_s": round(self.analysis_s, 1),
        }


def _share(part: float, whole: float) -> object:
    return round(part / whole, 4) if whole > 0 else ""


def _rate(count: int, hours: float) -> object:
    return round(count / hours, 2) if hours > 0 else ""


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
    files = [entry.get("summary") or {} for entry in entries]
    write_json_atomic(outdir / SUMMARY_NAME, {
        "input": str(input_path),
        "options": {**options, "lang": resolve_language(lang)},
        "totals": {"files": len(entries), "ok": len(done), "failed": len(entries) - len(done),
                   "frames_analysed": sum(int(f.get("frames_analysed") or 0) for f in files)},
        "overall": total.row("", "total"),
        "files": files,
    }, lang=lang)
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
        raise output_error(error, path, lang) from error


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
        raise output_error(error, path, lang) from error
