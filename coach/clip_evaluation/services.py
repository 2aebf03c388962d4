"""Services found on labelled clips: are they where people talk, not where they sit silently?

A frame is "in a service" when its time lies inside one of the engine's service events
(`coach.trackers.service`). Per label of `CLIP_LABELS.csv` (judged segments only, as for smiles)
the share of frames in a service; then two figures: the share of talking time (`talking`,
`talking_smiling`) inside a service, and the share of silent time (`neutral`, `smile_genuine`,
`smile_mouth_only`, `negative`) inside one. Frames are sampled evenly in time, so frame shares
are time shares.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coach.clip_evaluation.clips import LABELS, ClipRun, Segment, segment_at

TALKING_LABELS = frozenset({"talking", "talking_smiling"})
SILENT_LABELS = frozenset({"neutral", "smile_genuine", "smile_mouth_only", "negative"})


@dataclass
class ServiceScores:
    frames: Counter = field(default_factory=Counter)  # label -> judged frames
    serving: Counter = field(default_factory=Counter)  # label -> of which inside a service
    services: int = 0

    def add(self, other: ServiceScores) -> None:
        self.frames.update(other.frames)
        self.serving.update(other.serving)
        self.services += other.services

    def share(self, labels: frozenset[str] | Sequence[str]) -> float | None:
        total = sum(self.frames[label] for label in labels)
        return sum(self.serving[label] for label in labels) / total if total else None


def score_services(run: ClipRun, segments: Sequence[Segment]) -> ServiceScores:
    scores = ServiceScores(services=len(run.services))
    for t in run.times:
        segment = segment_at(segments, t)
        if segment is None or not segment.judged:
            continue
        scores.frames[segment.label] += 1
        scores.serving[segment.label] += any(s.start <= t <= s.end for s in run.services)
    return scores


def report(runs: Sequence[tuple[ClipRun, Sequence[Segment]]], out: Callable[[str], None],
           tr: Callable[..., str], pct: Callable[[float | None], str]) -> ServiceScores:
    """Print the services section; returns the totals."""
    total = ServiceScores()
    per_clip = []
    for run, segments in runs:
        scores = score_services(run, segments)
        total.add(scores)
        per_clip.append((run.file, scores))
    out("")
    out(tr("service.eval.section"))
    out(tr("service.eval.figures", talking=pct(total.share(TALKING_LABELS)),
           silent=pct(total.share(SILENT_LABELS)), services=total.services))
    for label in LABELS:
        if total.frames[label]:
            out(f"  {label:<18}{total.frames[label]:>6}  {pct(total.share([label]))}")
    for file, scores in per_clip:
        talking, silent = scores.share(TALKING_LABELS), scores.share(SILENT_LABELS)
        if talking is None and silent is None:
            continue
        out(f"  {file.rsplit('/', 1)[-1][:40]:<42}{scores.services:>3}  {pct(talking):>5}  {pct(silent):>5}")
    return total
