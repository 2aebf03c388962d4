"""Time credits: the engine is the only time accountant, and these are its entries.

Each engine step credits one span of time, `[start, start + seconds)`, to the state of the frame
before it (sample and hold): the gap between two frames, capped at MAX_FRAME_GAP_S, holds the
earlier frame's state; the rest of a longer gap is unobserved and credited to nothing. The first
frame credits nothing, and neither does the time after the last one.

What a span counts toward:
- observed: always;
- present: the person is at the desk — seen within the presence grace (`Presence`), so a face
  or body missed for a second does not make them away;
- face / smile score / smiling / genuine smiling / gaze / eye contact: the frame's own readings
  (no grace: a frame without a face measured no smile);
- sitting / standing / upper_body (posture mode "unknown"), each with its good share, and each
  posture fault: the frame's posture reading.

The engine's summary is the sum of its credits (a `Ledger`), and the store's per-minute rows
add the very same credits (split at minute boundaries), so every surface shows one truth.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from coach.readings import Record

# Frames further apart than this leave the rest of the gap unobserved: live capture at a few
# frames per second and video sampled down to 0.5 fps are counted in full.
MAX_FRAME_GAP_S = 2.0

# The measures a span can count toward, in the store's column order (`<measure>_ms`).
MEASURES: tuple[str, ...] = (
    "observed", "present", "face", "sitting", "sitting_good", "standing", "standing_good",
    "upper_body", "upper_body_good", "gaze", "eye_contact", "smile", "genuine_smile", "smile_score",
)
# posture mode -> the measure its time counts toward
MODE_MEASURES = {"sitting": "sitting", "standing": "standing", "unknown": "upper_body"}


@dataclass(frozen=True)
class Credit:
    """One span of time and the state it is credited to (a frame's state held until the next)."""

    start: float = 0.0  # engine time where the span starts (the earlier frame's time)
    seconds: float = 0.0  # 0 for the first frame of a session
    present: bool = False
    face: bool = False
    smile_score: float = 0.0  # 0..100 while a face was measured
    smile_kind: str = ""  # "none", "mouth_only", "genuine"; "" without a face
    gaze: bool = False  # gaze was measured
    eye_contact: bool = False
    posture_mode: str = ""  # "sitting", "standing", "unknown"; "" without a body
    posture_ok: bool = False
    faults: tuple[str, ...] = ()

    @classmethod
    def state_of(cls, record: Record, present: bool) -> Credit:
        """The state a frame holds until the next one (a span of zero seconds, placed at the frame)."""
        smile, gaze, posture = record.smile, record.gaze, record.posture
        return cls(
            start=record.t_s,
            present=present,
            face=smile is not None,
            smile_score=float(smile.score) if smile is not None else 0.0,
            smile_kind=smile.kind if smile is not None else "",
            gaze=gaze is not None,
            eye_contact=bool(gaze is not None and gaze.eye_contact),
            posture_mode=posture.mode if posture is not None else "",
            posture_ok=bool(posture is not None and posture.ok),
            faults=tuple(posture.issues) if posture is not None else (),
        )

    @property
    def end(self) -> float:
        return self.start + self.seconds

    def over(self, start: float, seconds: float) -> Credit:
        """The same state credited for another span."""
        return replace(self, start=start, seconds=seconds)

    def split(self, at: float) -> tuple[Credit, Credit]:
        """The part before `at` and the part from `at` on (either may be zero seconds)."""
        cut = min(max(at, self.start), self.end)
        return self.over(self.start, cut - self.start), self.over(cut, self.end - cut)

    def amounts(self) -> dict[str, float]:
        """Seconds per measure (`smile_score` in score x seconds); measures not credited are left out."""
        s = self.seconds
        if s <= 0:
            return {}
        out = {"observed": s}
        if self.present:
            out["present"] = s
        if self.face:
            out["face"] = s
            out["smile_score"] = s * self.smile_score
            if self.smile_kind not in ("", "none"):
                out["smile"] = s
            if self.smile_kind == "genuine":
                out["genuine_smile"] = s
        if self.gaze:
            out["gaze"] = s
            if self.eye_contact:
                out["eye_contact"] = s
        measure = MODE_MEASURES.get(self.posture_mode)
        if measure is not None:
            out[measure] = s
            if self.posture_ok:
                out[f"{measure}_good"] = s
        return out

    def fault_amounts(self) -> dict[str, float]:
        return {fault: self.seconds for fault in self.faults} if self.seconds > 0 else {}


class Ledger:
    """The sum of credits: seconds per measure and per posture fault."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.faults: Counter[str] = Counter()

    def add(self, credit: Credit, scale: float = 1.0) -> None:
        for measure, amount in credit.amounts().items():
            self.seconds[measure] += amount * scale
        for fault, amount in credit.fault_amounts().items():
            self.faults[fault] += amount * scale

    def __getitem__(self, measure: str) -> float:
        return self.seconds.get(measure, 0.0)

    def share(self, part: str, whole: str) -> float | None:
        return self[part] / self[whole] if self[whole] > 0 else None


class Accountant:
    """Turns frames into credits: each frame's step credits the gap before it to the frame before.

    Per frame, `credit(t)` first (the gap up to this frame, as the previous frame held it), then
    `hold(record, present)` once the frame's own state is known; `present` is the engine's
    at-the-desk state after the frame (presence with its grace).
    """

    def __init__(self, max_gap_s: float = MAX_FRAME_GAP_S) -> None:
        self.max_gap_s = float(max_gap_s)
        self._held: Credit | None = None

    def credit(self, t: float) -> Credit:
        held = self._held
        if held is None:
            return Credit(start=t)
        return held.over(held.start, min(max(t - held.start, 0.0), self.max_gap_s))

    def hold(self, record: Record, present: bool) -> None:
        self._held = Credit.state_of(record, present)

    def step(self, record: Record, present: bool) -> Credit:
        """`credit` then `hold` for a frame whose presence is already known."""
        credit = self.credit(record.t_s)
        self.hold(record, present)
        return credit
