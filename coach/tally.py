"""The headline figures of reviewed files, from their summaries: one file's or all of them together.

`Tally.of(entry)` reads one file's summary entry (`coach.review.ReviewResult.as_summary`);
`add` sums files; `row` gives the shares and rates written to `summary.json` ("overall"), to
`batch_summary.csv` and to the batch's line per file, so every output says the same.
"""

from __future__ import annotations

_MODES = (("sitting", "sitting"), ("standing", "standing"), ("upper_body", "unknown"))


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
        # Every event once, as events.csv lists it (smiles included): the same count the file's
        # summary entry ("events") and its batch line give.
        tally.events = int(entry["events"]) if isinstance(entry.get("events"), int) else sum(counts.values())
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


def overall(entries: list[dict]) -> dict[str, object]:
    """The "overall" row of summary.json for the done files among `entries` (summary entries)."""
    total = Tally()
    for entry in entries:
        if entry.get("ok", True) and entry.get("engine") is not None:
            total.add(Tally.of(entry))
    return total.row("", "total")


def distinct_events(events: list) -> int:
    """How many events `events` holds, each once: an alert comes out open, then closed (same
    kind and start); events.csv writes it once, and so does this count."""
    return len({(event.kind, round(event.start, 3)) for event in events})


def _share(part: float, whole: float) -> object:
    return round(part / whole, 4) if whole > 0 else ""


def _rate(count: int, hours: float) -> object:
    return round(count / hours, 2) if hours > 0 else ""
