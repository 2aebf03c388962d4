"""Smile episodes: a smile starts and ends in time, and its kind belongs to the whole episode.

Replaces counting smiling frames. Each update gets one frame's smile geometry, brows and score
(or None without a face) and its time; the tracker keeps the last second or so of them.

* Evidence: the median frame score over the last `window_s` seconds. While the mouth moves at
  syllable rate (`coach.rules.smile_episode.is_talking`) it must also hold over
  `talking_window_s` (the smaller of the two medians counts), so a vowel that widens the mouth
  for a moment is not a smile but corners held up through the words are; and a smile ends after
  `talking_exit_s` instead of `exit_s`, because speech breaks a smile quickly.
  A negative face (eyes squeezed shut with lips pressed, or brows lowered / inner ends raised
  without a clear corner lift) gives no evidence, however many teeth show.
* Hysteresis in time: an episode starts when the evidence stays at or above the smile threshold
  for `onset_s` (from the first of those moments), and ends when it stays below
  `exit_ratio` x the threshold for `exit_s` (at the last moment above it). No face counts as
  below. All durations are seconds of frame time: 10 frames a second or 30 give the same episodes.
* Kind: the time-weighted mean eye involvement over the episode's smiling moments, against the
  person's neutral — the calibrated one, else the one learned from this session's calm frames
  (`coach.trackers.neutral`), else the population average. The live kind switches only when the
  running mean crosses the genuine threshold by `KIND_MARGIN`; the event's kind is the whole
  episode's mean.

Events: one `Event(start, end, "smile", kind)` per episode, when it ends (or at `finish`).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from statistics import median  # np.median's result on these few dozen floats, at a tenth of its cost

import numpy as np

from coach.readings import Event
from coach.rules.expression import BrowGeometry
from coach.rules.smile import (
    POPULATION_NEUTRAL,
    SmileBaseline,
    SmileGeometry,
    SmileSettings,
    eye_involvement_of,
)
from coach.rules.smile_episode import (
    MouthMotion,
    brows_negative,
    episode_kind,
    eyes_squeezed_lips_closed,
    is_talking,
)
from coach.trackers.neutral import NeutralFace, NeutralLearner
from coach.validation import check_range

# Frames scoring below this (0..100) with no speech and no negative cue teach the neutral.
CALM_SCORE = 30.0
# The running kind changes only when the mean eye involvement is this far past the threshold.
KIND_MARGIN = 0.05
# A frame's weight in the kind is the time to the previous frame, at most this (seconds).
MAX_WEIGHT_S = 0.25


@dataclass(frozen=True)
class _Sample:
    t: float
    score: float
    lip_gap: float
    eye_aperture: float
    brow_height: float
    inner_brow_height: float
    corner_deg: float


@dataclass(frozen=True)
class EpisodeCues:
    """What the tracker concluded at the last frame (for the panel, tests and evaluation)."""

    evidence: float | None
    talking: bool
    negative: bool
    neutral: str  # "calibrated", "learned" or "population"


class SmileEpisodes:
    def __init__(
        self,
        settings: SmileSettings | None = None,
        baseline: SmileBaseline | None = None,
        *,
        onset_s: float = 0.3,
        exit_s: float = 0.5,
        talking_exit_s: float = 0.25,
        exit_ratio: float = 0.7,
        window_s: float = 0.3,
        talking_window_s: float = 1.5,
        motion_window_s: float = 1.0,
        max_gap_s: float = 2.0,
    ):
        self.settings = settings or SmileSettings()
        for name, value in (("onset_s", onset_s), ("exit_s", exit_s), ("talking_exit_s", talking_exit_s),
                            ("window_s", window_s),
                            ("talking_window_s", talking_window_s), ("motion_window_s", motion_window_s),
                            ("max_gap_s", max_gap_s)):
            check_range(name, value, 0.0, 60.0)
        check_range("exit_ratio", exit_ratio, 0.1, 1.0)
        self.onset_s, self.exit_s, self.exit_ratio = float(onset_s), float(exit_s), float(exit_ratio)
        self.talking_exit_s = float(talking_exit_s)
        self.window_s, self.talking_window_s = float(window_s), float(talking_window_s)
        self.motion_window_s, self.max_gap_s = float(motion_window_s), float(max_gap_s)
        self.baseline = baseline
        self._learner = NeutralLearner()
        self._history: deque[_Sample] = deque()
        self.count = 0
        self.in_smile = False
        self.kind = "none"  # the running kind of the episode in progress
        self.cues = EpisodeCues(None, False, False, "calibrated" if baseline else "population")
        self._candidate: float | None = None  # when the evidence first reached the threshold
        self._last_above: float | None = None
        self._last_smiling_frame: float | None = None
        self._last_t: float | None = None
        self._eye_sum = np.zeros(2)  # time-weighted sums of eye aperture and lower lid
        self._eye_weight = 0.0

    # --- per frame ----------------------------------------------------------------------------

    def update(self, t: float, geometry: SmileGeometry | None, brows: BrowGeometry | None,
               score: float | None) -> list[Event]:
        step = 0.0 if self._last_t is None else min(max(t - self._last_t, 0.0), MAX_WEIGHT_S)
        self._last_t = t
        if geometry is None or brows is None or score is None:
            self.cues = EpisodeCues(None, False, False, self.cues.neutral)
            return self._below(t)
        if self._history and t - self._history[-1].t > self.max_gap_s:
            self._history.clear()
        self._history.append(_Sample(t, float(score), geometry.lip_gap, geometry.eye_aperture,
                                     brows.brow_height, brows.inner_brow_height, geometry.corner_deg))
        horizon = max(self.window_s, self.talking_window_s, self.motion_window_s)
        while t - self._history[0].t > horizon:
            self._history.popleft()

        neutral, source = self._neutral()
        talking = is_talking(self._motion(t))
        negative = self._negative(t, neutral, source)
        window = self.window_s
        evidence = 0.0 if negative else float(median([s.score for s in self._recent(t, window)]))
        if talking:  # a smile through speech is held over the longer window too, not one wide vowel
            held = float(median([s.score for s in self._recent(t, self.talking_window_s)]))
            evidence = min(evidence, held)
        self.cues = EpisodeCues(evidence, talking, negative, source)

        if score >= self.settings.smile_threshold and not negative:
            self._eye_sum += step * np.array([geometry.eye_aperture, geometry.lower_lid])
            self._eye_weight += step
        elif not self.in_smile and self._candidate is None and score < CALM_SCORE and not talking \
                and not negative:
            self._learner.add(geometry, brows, t)

        if score >= self.exit_ratio * self.settings.smile_threshold:
            self._last_smiling_frame = t
        if evidence >= self.settings.smile_threshold:
            return self._above(t, window)
        if evidence >= self.exit_ratio * self.settings.smile_threshold and self.in_smile:
            self._last_above = t
            return []
        return self._below(t)

    def finish(self, t: float) -> list[Event]:
        """Close an episode still open (at its last moment of evidence)."""
        return self._close() if self.in_smile else self._reset_candidate()

    # --- state changes ------------------------------------------------------------------------

    def _above(self, t: float, window: float) -> list[Event]:
        self._last_above = t
        if self.in_smile:
            self._update_kind()
            return []
        if self._candidate is None:
            self._candidate = t
            self._eye_sum, self._eye_weight = np.zeros(2), 0.0
        if t - self._candidate >= self.onset_s:
            # The median lags the frames: the smile began at its first smiling frame in the window.
            smiling = [s.t for s in self._recent(t, self.talking_window_s)
                       if s.t >= self._candidate - window and s.score >= self.settings.smile_threshold]
            self._candidate = min([self._candidate, *smiling])
            self.in_smile = True
            self.count += 1
            self.kind = "none"
            self._update_kind()
        return []

    def _below(self, t: float) -> list[Event]:
        if not self.in_smile:
            return self._reset_candidate()
        exit_s = self.talking_exit_s if self.cues.talking else self.exit_s
        if self._last_above is not None and t - self._last_above >= exit_s:
            return self._close()
        return []

    def _reset_candidate(self) -> list[Event]:
        self._candidate = None
        return []

    def _close(self) -> list[Event]:
        # The median lags the frames: the smile ended at its last smiling frame.
        start, end = self._candidate, self._last_above
        if end is not None and self._last_smiling_frame is not None:
            end = min(end, self._last_smiling_frame)
        kind = episode_kind(self._mean_eye(), self.settings.genuine_threshold)
        self.in_smile = False
        self.kind = "none"
        self._candidate = None
        self._eye_sum, self._eye_weight = np.zeros(2), 0.0
        if start is None or end is None:
            return []
        return [Event(start, max(end, start), "smile", kind)]

    def _update_kind(self) -> None:
        mean, threshold = self._mean_eye(), self.settings.genuine_threshold
        if self.kind == "none":
            self.kind = episode_kind(mean, threshold)
        elif self.kind == "genuine" and mean < threshold - KIND_MARGIN:
            self.kind = "mouth_only"
        elif self.kind == "mouth_only" and mean >= threshold + KIND_MARGIN:
            self.kind = "genuine"

    def _mean_eye(self) -> float:
        """Eye involvement of the episode so far: its mean eyes against the best neutral known now."""
        if self._eye_weight <= 0:
            return 0.0
        aperture, lower_lid = self._eye_sum / self._eye_weight
        neutral, _ = self._neutral()
        reference = self.baseline or (neutral.smile if neutral is not None else POPULATION_NEUTRAL)
        return eye_involvement_of(float(aperture), float(lower_lid), reference)

    # --- cues ---------------------------------------------------------------------------------

    def _recent(self, t: float, seconds: float) -> list[_Sample]:
        return [s for s in self._history if t - s.t <= seconds + 1e-9]

    def _motion(self, t: float) -> MouthMotion:
        gaps = [s.lip_gap for s in self._recent(t, self.motion_window_s)]
        if len(gaps) < 3:
            return MouthMotion(0.0, 0.0)
        return MouthMotion(float(np.abs(np.diff(gaps)).sum()), float(max(gaps) - min(gaps)))

    def _neutral(self) -> tuple[NeutralFace | None, str]:
        learned = self._learner.neutral
        if self.baseline is not None:
            if learned is not None:  # brows come from the session; the eyes from the calibration
                brows = (learned.brow_height, learned.inner_brow_height)
                return NeutralFace(self.baseline, *brows), "calibrated"
            return None, "calibrated"
        return (learned, "learned") if learned is not None else (None, "population")

    def _negative(self, t: float, neutral: NeutralFace | None, source: str) -> bool:
        recent = self._recent(t, self.window_s)
        aperture = float(median([s.eye_aperture for s in recent]))
        lip_gap = float(median([s.lip_gap for s in recent]))
        # A learned neutral could have been learned from squeezed eyes: never judge against less
        # open eyes than the population's.
        reference = POPULATION_NEUTRAL.eye_aperture
        if self.baseline is not None:
            reference = self.baseline.eye_aperture
        elif neutral is not None:
            reference = max(reference, neutral.smile.eye_aperture)
        if eyes_squeezed_lips_closed(aperture, reference, lip_gap):
            return True
        if neutral is None:
            return False
        brow = float(median([s.brow_height for s in recent]))
        inner = float(median([s.inner_brow_height for s in recent]))
        corner = float(median([s.corner_deg for s in recent]))
        inner_rise = (inner - brow) - (neutral.inner_brow_height - neutral.brow_height)
        return brows_negative(neutral.brow_height - brow, inner_rise, corner - neutral.smile.corner_deg)
