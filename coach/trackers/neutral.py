"""The person's neutral face, learned from the session's own calm frames.

A smile's kind is judged by how much the eyes change from the person's neutral; without a
calibration the coach learns that neutral while it watches: frames that show no smile, no speech
and no squeezed eyes are sampled (at most ten a second, so the sampling rate does not weigh in)
and the median of the last `window_s` seconds of them is the neutral. Until calm samples span
`min_span_s` seconds (a time, so 10 frames a second and 30 learn alike), there is none and the
caller falls back to the population average.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from coach.rules.expression import BrowGeometry
from coach.rules.smile import SmileBaseline, SmileGeometry
from coach.validation import check_range

SAMPLE_EVERY_S = 0.1
# A neutral needs calm frames spread over at least `min_span_s` seconds, and this many of them.
MIN_SAMPLES = 3
# Frame times are not exact (29.97 fps, rounding): a sample this much early still counts.
SAMPLE_SLACK_S = 0.01


@dataclass(frozen=True)
class NeutralFace:
    smile: SmileBaseline
    brow_height: float
    inner_brow_height: float


class NeutralLearner:
    def __init__(self, window_s: float = 120.0, min_span_s: float = 0.4):
        check_range("window_s", window_s, 1.0, 86400.0)
        check_range("min_span_s", min_span_s, 0.0, 600.0)
        self.window_s, self.min_span_s = float(window_s), float(min_span_s)
        self._samples: deque[tuple[float, SmileGeometry, BrowGeometry]] = deque()
        self._cached: NeutralFace | None = None
        self._dirty = False

    def add(self, geometry: SmileGeometry, brows: BrowGeometry, t: float) -> None:
        """Offer a calm frame; kept when at least SAMPLE_EVERY_S after the last kept one."""
        if self._samples and t - self._samples[-1][0] < SAMPLE_EVERY_S - SAMPLE_SLACK_S:
            return
        self._samples.append((t, geometry, brows))
        while self._samples and t - self._samples[0][0] > self.window_s:
            self._samples.popleft()
        self._dirty = True

    @property
    def neutral(self) -> NeutralFace | None:
        if len(self._samples) < MIN_SAMPLES or self._samples[-1][0] - self._samples[0][0] < self.min_span_s:
            return None
        if self._dirty or self._cached is None:
            geometries = [g for _, g, _ in self._samples]
            try:
                smile = SmileBaseline.from_geometries(geometries)
            except ValueError:  # measures outside a plausible face: keep what there was
                return self._cached
            self._cached = NeutralFace(
                smile=smile,
                brow_height=float(np.median([b.brow_height for _, _, b in self._samples])),
                inner_brow_height=float(np.median([b.inner_brow_height for _, _, b in self._samples])),
            )
            self._dirty = False
        return self._cached
