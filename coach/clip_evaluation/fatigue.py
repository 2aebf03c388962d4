"""Fatigue and the set-up check on the labelled clips: blinks found, eyes-closed alerts, time paused.

`CLIP_LABELS.csv` has no blink column, but its notes name blinks with their times ("blink
~0.85-0.95 s", "blinks ~4.1 s and ~6.4 s", "grin released ~2.6 s (blink)"). `labelled_blinks`
reads those; a labelled blink is found when the engine's eyes were closed (`LiveState.eyes_closed`)
at some frame within BLINK_TOLERANCE_S of it (the notes' times come from contact sheets and a
"~"). The notes do not mention every blink, so closures away from a labelled one are counted but
are not necessarily wrong. None of these clips shows anyone dozing: an eyes-closed alert on any of
them is a false alarm. The set-up check must not pause judgement on well-lit clips: the share of
frames each measure was paused is printed per clip.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coach.rules.setup import MEASURES
from coach.types import Observation

BLINK_TOLERANCE_S = 0.3
_TIME = re.compile(r"~\s*(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?\s*s\b")
_BLINK = re.compile(r"\bblinks?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Blink:
    start: float
    end: float


def blinks_in_note(note: str) -> list[Blink]:
    """The blinks a note names: the times after "blink(s)" in its clause (up to "then"), else the
    time just before it ("released ~2.6 s (blink)"). A blink without a time is not counted."""
    found: list[Blink] = []
    for clause in re.split(r"[;,]", note):
        match = _BLINK.search(clause)
        if match is None:
            continue
        after = re.split(r"\bthen\b", clause[match.end():])[0]
        times = list(_TIME.finditer(after)) or list(_TIME.finditer(clause[:match.start()]))[-1:]
        for time in times:
            start = float(time.group(1))
            found.append(Blink(start, float(time.group(2)) if time.group(2) else start))
    return found


def labelled_blinks(segments: Sequence) -> list[Blink]:
    """Every blink named in the notes of one clip's segments (duplicate rows counted once)."""
    blinks = {(b.start, b.end): b for segment in segments for b in blinks_in_note(segment.note)}
    return [blinks[key] for key in sorted(blinks)]


@dataclass
class FatigueRun:
    file: str
    labelled: int = 0
    found: int = 0
    closures: int = 0
    extra_closures: int = 0
    alerts: int = 0
    yawns: int = 0  # none of the clips shows a yawn: any found is a false one
    frames: int = 0
    paused: dict[str, int] = field(default_factory=lambda: {m: 0 for m in MEASURES})
    reasons: Counter = field(default_factory=Counter)  # problem -> frames it paused anything

    def paused_share(self, measure: str) -> float | None:
        return self.paused[measure] / self.frames if self.frames else None


def run_fatigue(file: str, observations: Sequence[Observation], segments: Sequence,
                make_engine: Callable[[], object]) -> FatigueRun:
    """Run a fresh engine over a clip's observations and score blinks, alerts and pauses."""
    engine = make_engine()
    result = FatigueRun(file)
    closures: list[Blink] = []
    closed_since: float | None = None
    last_t = 0.0
    for obs in observations:
        step = engine.step(obs)
        state = step.state
        result.frames += 1
        result.alerts += sum(1 for e in step.events if e.kind == "eyes_closed" and e.end is None)
        result.yawns += sum(1 for e in step.events if e.kind == "yawn")
        for measure, _ in state.paused:
            result.paused[measure] += 1
        for problem in state.setup_problems:
            result.reasons[problem] += 1
        if state.eyes_closed and closed_since is None:
            closed_since = obs.t
        elif not state.eyes_closed and closed_since is not None:
            closures.append(Blink(closed_since, last_t))
            closed_since = None
        last_t = obs.t
    if closed_since is not None:
        closures.append(Blink(closed_since, last_t))
    result.yawns += sum(1 for e in engine.finish(last_t) if e.kind == "yawn")
    blinks = labelled_blinks(segments)
    result.labelled = len(blinks)
    result.found = sum(any(_near(b, c) for c in closures) for b in blinks)
    result.closures = len(closures)
    result.extra_closures = sum(not any(_near(b, c) for b in blinks) for c in closures)
    return result


def _near(blink: Blink, closure: Blink) -> bool:
    return closure.start <= blink.end + BLINK_TOLERANCE_S and closure.end >= blink.start - BLINK_TOLERANCE_S


def report(runs: Sequence[FatigueRun], out: Callable[[str], None], tr: Callable[..., str]) -> None:
    out("")
    out(tr("fatigue.eval.section"))
    out(tr("fatigue.eval.header"))
    for run in runs:
        shares = "/".join(_pct(run.paused_share(m)) for m in ("posture", "smile", "gaze", "fatigue"))
        why = " ".join(f"{problem} {_pct(n / run.frames)}" for problem, n in run.reasons.most_common())
        out(f"{run.file.split('/')[-1][:40]:<42}{run.found}/{run.labelled:<6}{run.alerts:<8}"
            f"{run.closures:<6}{run.yawns:<6}{shares:<18}{why}".rstrip())
    out(tr("fatigue.eval.total", found=sum(r.found for r in runs), labelled=sum(r.labelled for r in runs),
           tolerance=BLINK_TOLERANCE_S, alerts=sum(r.alerts for r in runs),
           closures=sum(r.closures for r in runs), extra=sum(r.extra_closures for r in runs),
           yawns=sum(r.yawns for r in runs)))
    out(tr("fatigue.eval.note"))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"
