"""Score what coach concludes on real clips against what a person sees (`CLIP_LABELS.csv`).

`CLIP_LABELS.csv` (see the data folder's README) labels each clip segment by segment on a 0.5 s
grid: `no_face`, `neutral`, `talking`, `talking_smiling`, `smile_genuine`, `smile_mouth_only`,
`negative`, `other`, with a confidence. Every analysed frame takes the label of the segment that
holds its time; only `high` and `medium` segments are judged (`other` never is: it mixes smirks,
winks and surprise).

Two judges read the same engine run, so one run prints a before/after table:
* `frames` — each frame's own smile reading (`Record.smile.kind`), what a per-frame timeline
  says and what coach concluded before smile episodes;
* `episodes` — the engine's smile events (start, end, kind): a frame is smiling when it lies
  inside an episode, and its kind is the episode's.

Figures (`ClipScores`): smile vs no smile (frames labelled with a smile vs `neutral`, `talking`,
`negative`), genuine vs mouth-only on frames labelled `smile_genuine` /
`smile_mouth_only` (a frame read as no smile counts as wrong), the share of `negative` and of
`talking` frames read as smiling, and per label the share read as smiling / genuine / mouth-only.
Episodes: labelled smile episodes (runs of smile segments, with at least one judged segment)
found by an engine episode, and engine episodes that overlap no labelled smile at all.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach.types import Observation

LABELS = ("no_face", "neutral", "talking", "talking_smiling", "smile_genuine", "smile_mouth_only",
          "negative", "other")
SMILE_LABELS = frozenset({"talking_smiling", "smile_genuine", "smile_mouth_only"})
# `no_face` frames get no reading at all: they are listed per label but not in the smile figure.
NO_SMILE_LABELS = frozenset({"neutral", "talking", "negative"})
KIND_OF_LABEL = {"smile_genuine": "genuine", "smile_mouth_only": "mouth_only"}
JUDGED_CONFIDENCE = frozenset({"high", "medium"})
CONFIDENCES = ("high", "medium", "low")
JUDGES = ("frames", "episodes")
# The targets: (figure, comparison, bound).
TARGETS = {
    "smile_accuracy": (">=", 0.90),
    "kind_accuracy": (">=", 0.80),
    "negative_as_smile": ("<=", 0.05),
    "talking_as_smile": ("<=", 0.10),
}


class ClipLabelsError(Exception):
    """A labels file that cannot be used. `code` and `values` let the caller translate it."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(f"{code}: {values}")
        self.code, self.values = code, values


@dataclass(frozen=True)
class Segment:
    file: str
    start: float
    end: float
    label: str
    confidence: str
    posture: str = ""
    note: str = ""

    @property
    def judged(self) -> bool:
        return self.confidence in JUDGED_CONFIDENCE and self.label != "other"


def read_clip_labels(path: str | Path) -> dict[str, list[Segment]]:
    """Segments per clip file (relative to the labels' folder), sorted by start time."""
    path = Path(path)
    if not path.is_file():
        raise ClipLabelsError("no_file", path=str(path))
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            needed = {"file", "t_start_s", "t_end_s", "face_label", "confidence"}
            columns = set(reader.fieldnames or ())
            if not needed <= columns:
                raise ClipLabelsError("columns", path=str(path), missing=", ".join(sorted(needed - columns)))
            rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as bad:
        raise ClipLabelsError("unreadable", path=str(path), detail=str(bad)) from bad
    clips: dict[str, list[Segment]] = {}
    for line, row in enumerate(rows, start=2):
        try:
            start, end = float(row["t_start_s"]), float(row["t_end_s"])
        except (TypeError, ValueError) as bad:
            raise ClipLabelsError("bad_row", path=str(path), line=line, detail=str(bad)) from bad
        label, confidence = (row["face_label"] or "").strip(), (row["confidence"] or "").strip()
        if label not in LABELS or confidence not in CONFIDENCES or not math.isfinite(start) \
                or not math.isfinite(end) or end <= start:
            raise ClipLabelsError("bad_row", path=str(path), line=line,
                                  detail=f"{label!r} {confidence!r} {start}..{end}")
        segment = Segment(row["file"].strip(), start, end, label, confidence,
                          (row.get("posture") or "").strip(), (row.get("note") or "").strip())
        clips.setdefault(segment.file, []).append(segment)
    for segments in clips.values():
        segments.sort(key=lambda s: s.start)
    return clips


def segment_at(segments: Sequence[Segment], t: float) -> Segment | None:
    """The segment holding time `t` (a frame on a boundary belongs to the later segment)."""
    found = None
    for segment in segments:
        if segment.start <= t < segment.end or (segment is segments[-1] and t == segment.end):
            found = segment
    return found


@dataclass(frozen=True)
class Episode:
    start: float
    end: float
    kind: str


@dataclass(frozen=True)
class ClipRun:
    """What coach concluded on one clip: per frame (t, kind or None without a face) and episodes."""

    file: str
    times: tuple[float, ...]
    frame_kinds: tuple[str | None, ...]
    episodes: tuple[Episode, ...]
    services: tuple[Episode, ...] = ()  # the engine's services (kind: their detail)

    def kinds(self, judge: str) -> list[str]:
        """Each frame's kind ("none", "genuine", "mouth_only") as `judge` sees it."""
        if judge == "frames":
            return [kind or "none" for kind in self.frame_kinds]
        if judge != "episodes":
            raise ValueError(f"judge must be one of {', '.join(JUDGES)}, got {judge!r}")
        out = []
        for t in self.times:
            inside = [e for e in self.episodes if e.start <= t <= e.end]
            out.append(inside[0].kind if inside else "none")
        return out


def run_clip(file: str, observations: Sequence[Observation], make_engine: Callable[[], object],
             every_s: float | None = None) -> ClipRun:
    """Run a fresh engine over the observations (optionally resampled to one per `every_s`)."""
    engine = make_engine()
    times: list[float] = []
    kinds: list[str | None] = []
    episodes: list[Episode] = []
    services: list[Episode] = []
    next_t = -math.inf
    last_t = 0.0
    for obs in observations:
        if every_s is not None and obs.t < next_t - 1e-9:
            continue
        if every_s is not None:
            next_t = max(next_t + every_s, obs.t) if math.isfinite(next_t) else obs.t + every_s
        step = engine.step(obs)
        times.append(obs.t)
        kinds.append(step.record.smile.kind if step.record.smile is not None else None)
        episodes += _smile_episodes(step.events)
        services += _episodes(step.events, "service")
        last_t = obs.t
    closing = engine.finish(last_t)
    episodes += _smile_episodes(closing)
    services += _episodes(closing, "service")
    return ClipRun(file, tuple(times), tuple(kinds), tuple(episodes), tuple(services))


def _episodes(events: Iterable, kind: str) -> list[Episode]:
    return [Episode(e.start, e.end, e.detail) for e in events if e.kind == kind and e.end is not None]


def _smile_episodes(events: Iterable) -> list[Episode]:
    return [Episode(e.start, e.end, e.detail) for e in events if e.kind == "smile" and e.end is not None]


@dataclass
class LabelTally:
    frames: int = 0
    smiling: int = 0
    genuine: int = 0
    mouth_only: int = 0


@dataclass
class ClipScores:
    """The figures of one judge over one or more clips (counts, so they add up)."""

    smile_right: int = 0
    smile_total: int = 0
    kind_right: int = 0
    kind_total: int = 0
    by_label: dict[str, LabelTally] = field(default_factory=lambda: {label: LabelTally() for label in LABELS})
    labelled_episodes: int = 0
    found_labelled: int = 0
    episodes: int = 0
    spurious_episodes: int = 0

    def add(self, other: ClipScores) -> None:
        for name in ("smile_right", "smile_total", "kind_right", "kind_total", "labelled_episodes",
                     "found_labelled", "episodes", "spurious_episodes"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for label, tally in other.by_label.items():
            mine = self.by_label[label]
            mine.frames += tally.frames
            mine.smiling += tally.smiling
            mine.genuine += tally.genuine
            mine.mouth_only += tally.mouth_only

    def figure(self, name: str) -> float | None:
        def share(part: int, whole: int) -> float | None:
            return part / whole if whole else None

        if name == "smile_accuracy":
            return share(self.smile_right, self.smile_total)
        if name == "kind_accuracy":
            return share(self.kind_right, self.kind_total)
        if name == "negative_as_smile":
            return share(self.by_label["negative"].smiling, self.by_label["negative"].frames)
        if name == "talking_as_smile":
            return share(self.by_label["talking"].smiling, self.by_label["talking"].frames)
        raise KeyError(name)

    def meets(self, name: str) -> bool | None:
        value = self.figure(name)
        if value is None:
            return None
        op, bound = TARGETS[name]
        return value >= bound if op == ">=" else value <= bound


def score_clip(run: ClipRun, segments: Sequence[Segment], judge: str) -> ClipScores:
    """The figures of `judge` on one clip against its labelled segments."""
    scores = ClipScores()
    for t, kind in zip(run.times, run.kinds(judge), strict=True):
        segment = segment_at(segments, t)
        if segment is None or not segment.judged:
            continue
        smiling = kind != "none"
        tally = scores.by_label[segment.label]
        tally.frames += 1
        tally.smiling += smiling
        tally.genuine += kind == "genuine"
        tally.mouth_only += kind == "mouth_only"
        if segment.label in SMILE_LABELS or segment.label in NO_SMILE_LABELS:
            scores.smile_total += 1
            scores.smile_right += smiling == (segment.label in SMILE_LABELS)
        if segment.label in KIND_OF_LABEL:
            scores.kind_total += 1
            scores.kind_right += kind == KIND_OF_LABEL[segment.label]
    if judge == "episodes":
        _score_episodes(scores, run.episodes, segments)
    return scores


def labelled_episodes(segments: Sequence[Segment]) -> list[tuple[float, float, bool]]:
    """(start, end, judged) of each run of touching smile segments."""
    runs: list[list] = []
    for segment in segments:
        if segment.label not in SMILE_LABELS:
            continue
        if runs and abs(runs[-1][1] - segment.start) < 1e-6:
            runs[-1][1] = segment.end
            runs[-1][2] = runs[-1][2] or segment.judged
        else:
            runs.append([segment.start, segment.end, segment.judged])
    return [(start, end, judged) for start, end, judged in runs]


def _score_episodes(scores: ClipScores, episodes: Sequence[Episode], segments: Sequence[Segment]) -> None:
    labelled = labelled_episodes(segments)
    judged = [(s, e) for s, e, ok in labelled if ok]
    scores.labelled_episodes += len(judged)
    scores.found_labelled += sum(any(_overlap(s, e, ep.start, ep.end) for ep in episodes) for s, e in judged)
    scores.episodes += len(episodes)
    scores.spurious_episodes += sum(not any(_overlap(s, e, ep.start, ep.end) for s, e, _ in labelled)
                                    for ep in episodes)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> bool:
    return min(a1, b1) - max(a0, b0) > 0.0
