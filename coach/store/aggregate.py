"""Per-frame Records → per-bucket metric rows (1-minute buckets by default).

Each frame's state holds from its timestamp until the next frame's ("sample and hold"), capped
at `max_hold_s` so that a stalled camera does not count as observed time. A hold that crosses
a bucket boundary is split between the buckets, so a bucket never holds more than its span.
Durations accumulate as float milliseconds and are rounded once, when the bucket is complete.

A bucket is complete as soon as a frame arrives at or after its end; until then the writer
commits its totals so far (`open_buckets`) at every new second.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from coach.readings import Record
from coach.trackers.stats import SmileCounter

DEFAULT_MAX_HOLD_S = 1.0


@dataclass
class Bucket:
    """One metric row in the making (durations in float ms until `as_row`)."""

    seq: int
    frames: int = 0
    observed: float = 0.0
    present: float = 0.0
    face: float = 0.0
    sitting: float = 0.0
    sitting_good: float = 0.0
    standing: float = 0.0
    standing_good: float = 0.0
    upper_body: float = 0.0
    upper_body_good: float = 0.0
    gaze: float = 0.0
    eye_contact: float = 0.0
    smile: float = 0.0
    genuine_smile: float = 0.0
    smile_score: float = 0.0
    smiles: int = 0
    faults: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def hold(self, record: Record, ms: float) -> None:
        """Credit `ms` milliseconds of `record`'s state to this bucket."""
        self.observed += ms
        if record.face_found or record.body_found:
            self.present += ms
        smile, gaze, posture = record.smile, record.gaze, record.posture
        if smile is not None:
            self.face += ms
            self.smile_score += smile.score * ms
            if smile.kind != "none":
                self.smile += ms
            if smile.kind == "genuine":
                self.genuine_smile += ms
        if gaze is not None:
            self.gaze += ms
            if gaze.eye_contact:
                self.eye_contact += ms
        if posture is not None:
            if posture.mode == "sitting":
                self.sitting += ms
                if posture.ok:
                    self.sitting_good += ms
            elif posture.mode == "standing":
                self.standing += ms
                if posture.ok:
                    self.standing_good += ms
            elif posture.mode == "upper_body":
                self.upper_body += ms
                if posture.ok:
                    self.upper_body_good += ms
            for issue in posture.issues:
                self.faults[issue] += ms

    def as_row(self) -> dict[str, int]:
        """The `metrics` columns (without session, day and hour)."""
        return {
            "seq": self.seq,
            "frames": self.frames,
            "observed_ms": round(self.observed),
            "present_ms": round(self.present),
            "face_ms": round(self.face),
            "sitting_ms": round(self.sitting),
            "sitting_good_ms": round(self.sitting_good),
            "standing_ms": round(self.standing),
            "standing_good_ms": round(self.standing_good),
            "upper_body_ms": round(self.upper_body),
            "upper_body_good_ms": round(self.upper_body_good),
            "gaze_ms": round(self.gaze),
            "eye_contact_ms": round(self.eye_contact),
            "smile_ms": round(self.smile),
            "genuine_smile_ms": round(self.genuine_smile),
            "smile_score_ms": round(self.smile_score),
            "smiles": self.smiles,
        }

    def fault_rows(self) -> dict[str, int]:
        return {fault: round(ms) for fault, ms in self.faults.items() if round(ms) > 0}


class Aggregator:
    """Feed Records in time order; get back the buckets that are complete.

    Times are offsets from `t0` (the first record's `t_s` unless given). A record earlier than
    the one before it is ignored and counted in `out_of_order` (live clocks are monotonic;
    a file source that jumps back is a bug upstream, not a reason to lose the session).
    """

    def __init__(
        self, span_s: int = 1, *, t0: float | None = None, max_hold_s: float = DEFAULT_MAX_HOLD_S
    ) -> None:
        if span_s < 1:
            raise ValueError(f"span_s must be a whole number of seconds >= 1, got {span_s}")
        self.span_s = span_s
        self.t0 = t0
        self.max_hold_s = max_hold_s
        self.out_of_order = 0
        self._open: dict[int, Bucket] = {}
        self._previous: Record | None = None
        self._previous_offset = 0.0
        self._last_step = 0.0
        self._smiles = SmileCounter()  # the engine's rule, so that the counts agree with its summary

    def offset(self, t_s: float) -> float:
        """Seconds from the session start for an engine timestamp."""
        if self.t0 is None:
            self.t0 = t_s
        return round(t_s - self.t0, 6)  # microseconds: no float slivers spilling into the next bucket

    def add(self, record: Record) -> list[Bucket]:
        at = self.offset(record.t_s)
        if self._previous is not None and at < self._previous_offset:
            self.out_of_order += 1
            return []
        if self._previous is not None:
            step = at - self._previous_offset
            self._hold(self._previous, self._previous_offset, min(step, self.max_hold_s))
            self._last_step = step
        bucket = self._bucket(self._seq(at))
        bucket.frames += 1
        counted = self._smiles.count
        self._smiles.update(record.smile.kind if record.smile is not None else None, at)
        bucket.smiles += self._smiles.count - counted
        self._previous, self._previous_offset = record, at
        return self._pop_before(self._seq(at))

    def finish(self) -> list[Bucket]:
        """Close the last frame's hold (as long as the step before it) and return every open bucket."""
        if self._previous is not None:
            self._hold(self._previous, self._previous_offset, min(self._last_step, self.max_hold_s))
            self._previous = None
        return self._pop_before(math.inf)

    def open_buckets(self) -> list[Bucket]:
        """The buckets still filling (their totals so far, up to `covered_through`)."""
        return [self._open[s] for s in sorted(self._open)]

    @property
    def covered_through(self) -> float:
        """Seconds from the start up to which frames' holds are credited (the latest frame's time)."""
        return self._previous_offset

    @property
    def end_offset(self) -> float:
        """Where the covered time ends so far (seconds from the start)."""
        return self._previous_offset + (min(self._last_step, self.max_hold_s) if self._previous else 0.0)

    def _seq(self, offset: float) -> int:
        return int(offset // self.span_s)

    def _bucket(self, seq: int) -> Bucket:
        if seq not in self._open:
            self._open[seq] = Bucket(seq)
        return self._open[seq]

    def _hold(self, record: Record, start: float, seconds: float) -> None:
        end = start + seconds
        while end - start > 1e-6:
            seq = self._seq(start)
            boundary = min(end, (seq + 1) * self.span_s)
            self._bucket(seq).hold(record, (boundary - start) * 1000.0)
            start = boundary

    def _pop_before(self, seq: float) -> list[Bucket]:
        done = sorted(s for s in self._open if s < seq)
        return [self._open.pop(s) for s in done]
