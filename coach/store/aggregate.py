"""The engine's time credits → per-bucket metric rows (1-minute buckets by default).

The store re-derives no time from frames: each engine step's `credit` (coach.credit) says which
span of time it credits to what, and a bucket adds those credits. A credit that crosses a bucket
boundary is split between the buckets, so a bucket never holds more than its span. Smiles are
counted from the engine's smile events, in the bucket of the frame that reported them. Durations
accumulate as float milliseconds and are rounded once, when the bucket is complete.

A bucket is complete as soon as a frame arrives at or after its end; until then the writer
commits its totals so far (`open_buckets`) at every new second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from coach.credit import MEASURES, Credit, Ledger


@dataclass
class Bucket:
    """One metric row in the making (seconds in a Ledger until `as_row`)."""

    seq: int
    frames: int = 0
    smiles: int = 0
    time: Ledger = field(default_factory=Ledger)

    def add(self, credit: Credit) -> None:
        """Credit a span (already cut to this bucket) to this bucket."""
        self.time.add(credit)

    def as_row(self) -> dict[str, int]:
        """The `metrics` columns (without session, day and hour)."""
        return {
            "seq": self.seq,
            "frames": self.frames,
            **{f"{measure}_ms": round(self.time[measure] * 1000.0) for measure in MEASURES},
            "smiles": self.smiles,
        }

    def fault_rows(self) -> dict[str, int]:
        rows = {fault: round(seconds * 1000.0) for fault, seconds in self.time.faults.items()}
        return {fault: ms for fault, ms in rows.items() if ms > 0}


class Aggregator:
    """Feed the engine's steps in time order; get back the buckets that are complete.

    Times are offsets from `t0` (the first step's time unless given). A step earlier than the
    one before it is ignored and counted in `out_of_order` (the engine refuses time going back;
    a replay that jumps back is a bug upstream, not a reason to lose the session).
    """

    def __init__(self, span_s: int = 1, *, t0: float | None = None) -> None:
        if span_s < 1:
            raise ValueError(f"span_s must be a whole number of seconds >= 1, got {span_s}")
        self.span_s = span_s
        self.t0 = t0
        self.out_of_order = 0
        self._open: dict[int, Bucket] = {}
        self._latest: float | None = None  # offset of the latest frame

    def offset(self, t_s: float) -> float:
        """Seconds from the session start for an engine timestamp."""
        if self.t0 is None:
            self.t0 = t_s
        return round(t_s - self.t0, 6)  # microseconds: no float slivers spilling into the next bucket

    def add(self, t_s: float, credit: Credit) -> list[Bucket]:
        """One engine step: its frame at `t_s` and the credit it carries."""
        at = self.offset(t_s)
        if self._latest is not None and at < self._latest:
            self.out_of_order += 1
            return []
        self._credit(credit)
        self._bucket(self._seq(at)).frames += 1
        self._latest = at
        return self._pop_before(self._seq(at))

    def count_smiles(self, n: int = 1) -> None:
        """Smiles the engine reported (closed smile events), in the latest frame's bucket."""
        if n and self._latest is not None:
            self._bucket(self._seq(self._latest)).smiles += n

    def finish(self) -> list[Bucket]:
        """Every open bucket (the time after the last frame is not observed)."""
        return self._pop_before(math.inf)

    def open_buckets(self) -> list[Bucket]:
        """The buckets still filling (their totals so far, up to `covered_through`)."""
        return [self._open[s] for s in sorted(self._open)]

    @property
    def covered_through(self) -> float:
        """Seconds from the start up to which time is credited (the latest frame's time)."""
        return self._latest or 0.0

    @property
    def end_offset(self) -> float:
        """Where the covered time ends so far (seconds from the start)."""
        return self.covered_through

    def _seq(self, offset: float) -> int:
        return int(offset // self.span_s)

    def _bucket(self, seq: int) -> Bucket:
        if seq not in self._open:
            self._open[seq] = Bucket(seq)
        return self._open[seq]

    def _credit(self, credit: Credit) -> None:
        if credit.seconds <= 0:
            return
        rest = credit.over(self.offset(credit.start), credit.seconds)
        while rest.seconds > 1e-6:
            seq = self._seq(rest.start)
            here, rest = rest.split((seq + 1) * self.span_s)
            self._bucket(seq).add(here)

    def _pop_before(self, seq: float) -> list[Bucket]:
        done = sorted(s for s in self._open if s < seq)
        return [self._open.pop(s) for s in done]
