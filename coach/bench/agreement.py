"""Does a cheaper review rate tell the trainer the same story? Events and shares per candidate
rate against every-frame analysis, on real clips (the evidence behind `coach.review_defaults`).

Each clip is reviewed through `coach.core.review_file` at every frame (Pose on every frame) and
at each candidate (frames analysed per second, Pose rate), each run with fresh models, as a
review runs. A candidate agrees on a clip when:

* the smile count is the same;
* every kind of event has as many events, and each onset (in order) is within
  `ONSET_TOLERANCE_S` of the every-frame run's;
* every share of time in the summary (face found, smiling, eye contact, good posture per mode)
  is within `SHARE_TOLERANCE` (a mode seen in one run only counts as a difference of its share).

Clips run in parallel, one process per core (each a clip's every-frame run and all its
candidates, one after the other); CPU seconds are each process's own.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

Rate = tuple[float | None, float | None]  # (frames analysed per second or None = every frame, Pose rate)
EVERY_FRAME: Rate = (None, None)


@dataclass(frozen=True)
class RunFigures:
    """What one review of one clip at one rate said, and what it cost."""

    frames: int
    cpu_s: float
    smiles: int
    onsets: dict[str, tuple[float, ...]]  # event kind -> starts, in order
    shares: dict[str, float | None]
    # Against the human posture labels (CLIP_LABELS.csv), when the clip has them: frames read as
    # a fault / frames judged, on `upright` segments and on the others (coach.clip_evaluation).
    upright: tuple[int, int] = (0, 0)
    not_upright: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class ClipAgreement:
    """One candidate against every frame, on one clip."""

    clip: str
    same_smiles: bool
    same_events: bool  # as many events of each kind
    onset_gap_s: float  # the largest onset difference of matched events (inf: counts differ)
    share_gap: float  # the largest share difference (0..1)
    frames: int
    reference_frames: int
    cpu_s: float
    reference_cpu_s: float

    face_share_gap: float = 0.0  # the largest difference of the shares the face gives (0..1)
    upright: tuple[int, int] = (0, 0)  # the candidate's labelled-posture tallies (RunFigures)
    not_upright: tuple[int, int] = (0, 0)
    reference_upright: tuple[int, int] = (0, 0)
    reference_not_upright: tuple[int, int] = (0, 0)
    face_visible: bool = True  # False: the labels say no face is ever visible (compare)
    judged_events_same: bool = True  # the events judged (all, or those not from the face)
    judged_onset_gap_s: float = 0.0

    def agrees(self, onset_tolerance_s: float, share_tolerance: float) -> bool:
        return (self.same_smiles and self.same_events and self.onset_gap_s <= onset_tolerance_s + 1e-9
                and self.share_gap <= share_tolerance + 1e-9)

    def agrees_but_posture_shares(self, onset_tolerance_s: float, share_tolerance: float) -> bool:
        """The same smiles and events (posture alerts included, onsets within the tolerance) and
        every share the face gives within the tolerance; the good-posture shares left to the labels.
        Where the labels say no face is ever visible, only the events not from the face."""
        events = self.judged_events_same and self.judged_onset_gap_s <= onset_tolerance_s + 1e-9
        if not self.face_visible:
            return events
        return events and self.same_smiles and self.face_share_gap <= share_tolerance + 1e-9


@dataclass
class RateAgreement:
    """One candidate over all clips."""

    rate: Rate
    clips: list[ClipAgreement] = field(default_factory=list)

    def agreeing(self, onset_tolerance_s: float, share_tolerance: float) -> int:
        return sum(c.agrees(onset_tolerance_s, share_tolerance) for c in self.clips)

    @property
    def same_smiles(self) -> int:
        return sum(c.same_smiles for c in self.clips)

    @property
    def worst_onset_s(self) -> float:
        return max((c.onset_gap_s for c in self.clips), default=0.0)

    @property
    def worst_share(self) -> float:
        return max((c.share_gap for c in self.clips), default=0.0)

    def agreeing_but_posture_shares(self, onset_tolerance_s: float, share_tolerance: float) -> int:
        return sum(c.agrees_but_posture_shares(onset_tolerance_s, share_tolerance) for c in self.clips)

    def labelled(self, which: str, reference: bool = False) -> float | None:
        """Frames read as a fault / frames judged over all labelled clips: `which` is "upright"
        (false alarms) or "not_upright" (faults found); `reference`: every-frame analysis'."""
        name = f"reference_{which}" if reference else which
        flagged = sum(getattr(c, name)[0] for c in self.clips)
        judged = sum(getattr(c, name)[1] for c in self.clips)
        return flagged / judged if judged else None

    def posture_as_right(self, tolerance: float) -> bool:
        """Against the human posture labels, no more false alarms on upright segments and no fewer
        faults found on the others than every-frame analysis, within `tolerance`."""
        alarms, alarms_ref = self.labelled("upright"), self.labelled("upright", True)
        found, found_ref = self.labelled("not_upright"), self.labelled("not_upright", True)
        if alarms is None or found is None or alarms_ref is None or found_ref is None:
            return False
        return alarms <= alarms_ref + tolerance + 1e-9 and found >= found_ref - tolerance - 1e-9

    @property
    def frame_share(self) -> float:
        """Frames analysed, as a share of every frame (all clips)."""
        reference = sum(c.reference_frames for c in self.clips)
        return sum(c.frames for c in self.clips) / reference if reference else 0.0

    @property
    def cpu_ratio(self) -> float:
        reference = sum(c.reference_cpu_s for c in self.clips)
        return sum(c.cpu_s for c in self.clips) / reference if reference else 0.0


def review_figures(path: Path, rate: Rate, segments: Sequence = ()) -> RunFigures:
    """Review `path` at `rate` (fresh models) and keep what the comparison needs; with the clip's
    labelled `segments` (coach.clip_evaluation), how its frames' postures read against them."""
    from coach.core import AnalyzerOptions, review_file

    fps, pose_fps = rate
    observations = _Observations()
    started = time.process_time()
    outcome = review_file(path, (observations,) if segments else (),
                          AnalyzerOptions(fps=fps, pose_max_fps=pose_fps))
    cpu = time.process_time() - started
    upright, not_upright = _labelled_posture(observations.kept, segments)
    onsets: dict[str, list[float]] = {}
    seen: set[tuple[str, float]] = set()
    for event in outcome.events:  # an event may be given open, then closed: count it once
        key = (event.kind, round(float(event.start), 3))
        if key not in seen:
            seen.add(key)
            onsets.setdefault(event.kind, []).append(float(event.start))
    summary = outcome.summary
    return RunFigures(outcome.frames, cpu, int(summary["smiles"]["count"]),
                      {kind: tuple(sorted(starts)) for kind, starts in onsets.items()},
                      flat_shares(summary["shares"]), upright, not_upright)


class _Observations:
    """A sink keeping each step's observation (for the labelled-posture check)."""

    def __init__(self) -> None:
        self.kept: list = []

    def on_step(self, frame, observation, step) -> None:
        self.kept.append(observation)

    def on_finish(self, events, summary, source) -> None:
        pass


def _labelled_posture(observations: Sequence, segments: Sequence) -> tuple[tuple[int, int], tuple[int, int]]:
    """(flagged, judged) frames on upright segments and on the others (coach.clip_evaluation's
    own tally: each frame's reading, high- and medium-confidence segments with a body in view)."""
    if not segments:
        return (0, 0), (0, 0)
    from coach.clip_evaluation.posture_check import UPRIGHT, tally_posture

    tallies = tally_posture(observations, segments)
    upright = tallies.get(UPRIGHT)
    others = [tally for posture, tally in tallies.items() if posture != UPRIGHT]
    return ((upright.flagged, upright.judged) if upright else (0, 0),
            (sum(t.flagged for t in others), sum(t.judged for t in others)))


FACE_SHARES = ("face_found", "smiling", "eye_contact")


def flat_shares(shares: dict, prefix: str = "") -> dict[str, float | None]:
    """The summary's shares as one level: {"smiling": …, "good_posture.upper_body": …}."""
    flat: dict[str, float | None] = {}
    for name, value in shares.items():
        if isinstance(value, dict):
            flat.update(flat_shares(value, f"{prefix}{name}."))
        else:
            flat[prefix + name] = None if value is None else float(value)
    return flat


def compare(clip: str, reference: RunFigures, candidate: RunFigures, face_visible: bool = True,
            gaze_visible: bool = True) -> ClipAgreement:
    """One candidate's run against every-frame analysis' on one clip. `face_visible`: False when the
    clip's labels say no face is ever visible (a masked or turned-away person): its events from
    the face (smiles, fatigue, service, set-up) and the face's shares are then left out of the
    judged figures. `gaze_visible`: False when the gaze labels say the gaze can never be judged
    (a face turned away or in profile throughout): the eye-contact share is left out."""
    same_events, gap = _events_agree(reference.onsets, candidate.onsets)
    judged_same, judged_gap = same_events, gap
    if not face_visible:
        judged_same, judged_gap = _events_agree(_face_free(reference.onsets), _face_free(candidate.onsets))
    share_gap = face_gap = 0.0
    for name in set(reference.shares) | set(candidate.shares):
        a, b = reference.shares.get(name), candidate.shares.get(name)
        if a is None and b is None:
            continue
        share_gap = max(share_gap, abs((a or 0.0) - (b or 0.0)))
        if name in FACE_SHARES and (gaze_visible or name != "eye_contact"):
            face_gap = max(face_gap, abs((a or 0.0) - (b or 0.0)))
    return ClipAgreement(clip, reference.smiles == candidate.smiles, same_events, gap, share_gap,
                         candidate.frames, reference.frames, candidate.cpu_s, reference.cpu_s, face_gap,
                         candidate.upright, candidate.not_upright, reference.upright, reference.not_upright,
                         face_visible, judged_same, judged_gap)


# Events that do not come from the face: judged even on a clip where no face is ever visible.
FACE_FREE_EVENTS = ("posture", "break")


def _face_free(onsets: dict[str, tuple[float, ...]]) -> dict[str, tuple[float, ...]]:
    return {kind: starts for kind, starts in onsets.items() if kind.startswith(FACE_FREE_EVENTS)}


def _events_agree(reference: dict[str, tuple[float, ...]], candidate: dict[str, tuple[float, ...]]
                  ) -> tuple[bool, float]:
    """As many events of each kind, and the largest onset gap of matched events (inf: counts differ)."""
    kinds = set(reference) | set(candidate)
    if not all(len(reference.get(k, ())) == len(candidate.get(k, ())) for k in kinds):
        return False, math.inf
    gap = 0.0
    for kind in kinds:
        for a, b in zip(reference.get(kind, ()), candidate.get(kind, ()), strict=True):
            gap = max(gap, abs(a - b))
    return True, gap


def _clip_runs(path: str, rates: tuple[Rate, ...], segments: tuple = ()
               ) -> tuple[str, RunFigures, list[RunFigures]]:
    import os

    os.environ.setdefault("GLOG_minloglevel", "2")
    reference = review_figures(Path(path), EVERY_FRAME, segments)
    return path, reference, [review_figures(Path(path), rate, segments) for rate in rates]


def clip_labels(labels: Path | None, clips: Sequence[Path]) -> dict[str, tuple]:
    """Each clip's labelled segments from CLIP_LABELS.csv (keyed by the clip's path), if any."""
    if labels is None or not labels.is_file():
        return {}
    from coach.clip_evaluation.clips import read_clip_labels

    by_file = read_clip_labels(labels)
    return {str(clip): tuple(by_file[key]) for clip, key in _keyed(labels, clips) if key in by_file}


def _keyed(labels: Path, clips: Sequence[Path]) -> list[tuple[Path, str]]:
    """Each clip with its name in a labels file beside the data (its path relative to the file's
    folder); clips outside that folder are left out."""
    keyed = []
    for clip in clips:
        try:
            keyed.append((clip, clip.resolve().relative_to(labels.parent.resolve()).as_posix()))
        except ValueError:
            continue
    return keyed


GAZE_LABELS = "GAZE_LABELS.csv"
# Gaze labels under which the gaze cannot be judged (no face, or a face turned away / in profile).
NO_GAZE = frozenset({"no_face", "not_assessable"})


def gaze_assessable(labels: Path | None, clips: Sequence[Path]) -> dict[str, bool]:
    """For each clip in the gaze labels (GAZE_LABELS.csv: file, t_start_s, t_end_s, gaze,
    confidence), whether any high/medium-confidence segment's gaze can be judged."""
    import csv

    if labels is None or not labels.is_file():
        return {}
    try:
        with labels.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    judgeable: dict[str, bool] = {}
    for row in rows:
        if (row.get("confidence") or "").strip() not in ("high", "medium"):
            continue
        name = (row.get("file") or "").strip()
        judgeable[name] = judgeable.get(name, False) or (row.get("gaze") or "").strip() not in NO_GAZE
    return {str(clip): judgeable[key] for clip, key in _keyed(labels, clips) if key in judgeable}


def face_visible(segments: Sequence) -> bool:
    """False when a clip's labels judge no face anywhere: every high/medium-confidence segment
    `no_face` (coach.clip_evaluation's labels); True without labels."""
    judged = [segment for segment in segments if segment.confidence in ("high", "medium")]
    return not judged or any(segment.label != "no_face" for segment in judged)


def measure(clips: Sequence[Path], rates: Sequence[Rate], jobs: int,
            progress: Callable[[str], None] | None = None, labels: Path | None = None
            ) -> list[RateAgreement]:
    """Every clip at every frame and at each of `rates`, compared; one process per core. With
    `labels` (CLIP_LABELS.csv), each labelled clip's postures are also read against them."""
    import multiprocessing

    results = [RateAgreement(rate) for rate in rates]
    segments = clip_labels(labels, clips)
    gazes = gaze_assessable(labels.parent / GAZE_LABELS if labels is not None else None, clips)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context) as pool:
        futures = [pool.submit(_clip_runs, str(path), tuple(rates), segments.get(str(path), ()))
                   for path in clips]
        for future in futures:
            path, reference, runs = future.result()
            if progress is not None:
                progress(Path(path).name)
            visible = face_visible(segments.get(path, ()))
            gaze = gazes.get(path, True)
            for result, run in zip(results, runs, strict=True):
                result.clips.append(compare(Path(path).name, reference, run, visible, gaze))
    return results


def cheapest_agreeing(results: Sequence[RateAgreement], onset_tolerance_s: float, share_tolerance: float
                      ) -> RateAgreement | None:
    """The candidate with the least CPU that agrees on every clip."""
    agreeing = [result for result in results
                if result.clips and result.agreeing(onset_tolerance_s, share_tolerance) == len(result.clips)]
    return min(agreeing, key=lambda r: r.cpu_ratio, default=None)


def cheapest_passing(results: Sequence[RateAgreement], onset_tolerance_s: float, share_tolerance: float
                     ) -> RateAgreement | None:
    """The candidate with the least CPU that passes the review default's rule
    (coach.review_defaults): on every clip the same smiles, events and face shares as every-frame
    analysis, and its postures as right as every-frame analysis' against the human labels."""
    passing = [result for result in results if result.clips
               and result.agreeing_but_posture_shares(onset_tolerance_s, share_tolerance) == len(result.clips)
               and result.posture_as_right(share_tolerance)]
    return min(passing, key=lambda r: r.cpu_ratio, default=None)
