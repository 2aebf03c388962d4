"""The settings a review of recorded video runs with unless the user asks otherwise: one place,
read by every surface that reviews a file (`python -m coach review`, the batch runner, the
panel's Review page), so the same file gives the same figures wherever it is reviewed.

How the defaults were chosen: `python -m coach bench --only agreement` reviews every clip of the
project's samples (and, with `--data`, the real clips of the shared data set) at every frame and
at each candidate rate in `CANDIDATES`, and compares each candidate's events and summary with the
every-frame run: the same number of smiles, the same events of each kind with onsets within
`ONSET_TOLERANCE_S`, and every share of time (face found, smiling, eye contact, good posture per
mode) within `SHARE_TOLERANCE`. The default is the cheapest candidate that agrees on every clip
(the table is in benchmarks/RESULTS.md). The tolerances are the issue's own: a trainer reads
onsets to the second and shares in whole percentage points.

Every frame stays one flag away (`--every-frame`, `--fps 0`, the page's "every frame").
"""

from __future__ import annotations

from dataclasses import dataclass

# Frames analysed per second of video by default (the sampler keeps the first frame at or after
# each 1/REVIEW_FPS step of video time, so variable frame rates sample evenly).
REVIEW_FPS = 5.0
# Pose at most this often per second of video (None: on every analysed frame).
REVIEW_POSE_FPS: float | None = None

# What the agreement check compares (frames per second analysed, Pose rate), cheapest last.
CANDIDATES: tuple[tuple[float, float | None], ...] = (
    (10.0, None), (5.0, None), (5.0, 1.0), (3.0, None), (2.0, None))
ONSET_TOLERANCE_S = 1.0
SHARE_TOLERANCE = 0.02

# One video is cut into one chunk per core when each chunk gets at least this much video: below
# it, each chunk's own model loading and warm-up cost more than the extra core gives back.
MIN_AUTO_CHUNK_S = 20.0


class _DefaultRate:
    """The marker for "no rate asked for": the review's default rate, unless a stride was given."""

    def __repr__(self) -> str:
        return "DEFAULT_RATE"


DEFAULT_RATE = _DefaultRate()


@dataclass(frozen=True)
class Sampling:
    """Which frames of a file are analysed: every `stride`-th, or about `fps` a second."""

    stride: int = 1
    fps: float | None = None

    @property
    def every_frame(self) -> bool:
        return self.stride == 1 and self.fps is None


def sampling(stride: int | None = None, fps: float | None | _DefaultRate = DEFAULT_RATE,
             every_frame: bool = False) -> Sampling:
    """The frames a review analyses, from what the user asked for.

    `every_frame`, or `fps` 0 or None: every frame; `stride` N: every N-th frame; `fps` F: about F
    a second; nothing: the default rate (`REVIEW_FPS`).
    """
    if every_frame:
        return Sampling(stride or 1, None)
    if fps is DEFAULT_RATE:
        return Sampling(stride, None) if stride not in (None, 1) else Sampling(1, REVIEW_FPS)
    return Sampling(stride or 1, fps or None)


def auto_chunk_seconds(duration_s: float | None, workers: int, files: int) -> float | None:
    """How long each chunk of one video is when nobody said (`--chunk-seconds`): with more cores
    than files, a video long enough is cut into one chunk per core; otherwise None (not cut)."""
    if not duration_s or workers < 2 or files >= workers:
        return None
    per_core = duration_s / workers
    return per_core if per_core >= MIN_AUTO_CHUNK_S else None


def page_rates() -> tuple[float, ...]:
    """The rates the Review page offers (frames analysed per second; 0 = every frame), the
    default among them."""
    return (*sorted({REVIEW_FPS, 5.0, 10.0}), 0.0)
