"""The settings a review of recorded video runs with unless the user asks otherwise: one place,
read by every surface that reviews a file (`python -m coach review`, the batch runner, the
panel's Review page), so the same file gives the same figures wherever it is reviewed.

How the defaults were chosen: `python -m coach bench --only agreement --data DIR` reviews every
clip of the project's samples and of the shared data set at every frame (Pose on every frame) and
at each candidate in `CANDIDATES`, and compares each candidate's events and summary with the
every-frame run: the same number of smiles, the same events of each kind with onsets within
`ONSET_TOLERANCE_S`, and every share of time (face found, smiling, eye contact, good posture per
mode) within `SHARE_TOLERANCE` (the issue's own tolerances: a trainer reads onsets to the second
and shares in whole points). The default is the cheapest candidate that agrees on every clip.

What that showed (21 clips, 2026-12-01; the tables are in benchmarks/RESULTS.md): no cheaper
setting agrees on every clip, so the default stays the complete analysis (every frame, Pose on
every frame) and a review is made faster by cutting one long video into one chunk per core.
* Fewer frames: smiles in talking-head clips last a fraction of a second and the dips between
  them are missed, so smiles merge: at 15 frames a second 13 of 21 clips agree, at 10 five, at 5
  two (smile counts differ on up to 7 clips, shares by up to 41 points).
* Every frame with Pose at most 2 or 1 times a second: 15 and 16 of 21 clips agree and the smile
  count differs on one clip, but posture shares move by up to 18-21 points on clips whose mode
  changes (a body reused while the face stays put keeps the old mode), at 0.62 of the CPU.
Either would need the trackers to be made robust to the rate first (what is left of issue 14).

Every frame with Pose on every frame stays one flag away (`--every-frame`, `--fps 0`).
"""

from __future__ import annotations

from dataclasses import dataclass

# Frames analysed per second of video by default (None: every frame; the agreement check found
# no lower rate that keeps the smile counts).
REVIEW_FPS: float | None = None
# Pose at most this often per second of video (None: on every analysed frame; the agreement check
# found no cap that keeps every posture share within the tolerance).
REVIEW_POSE_FPS: float | None = None

# What the agreement check compares (frames analysed per second or None = every frame, Pose rate
# or None = on every analysed frame).
# The bench compares the best of each family, to keep its run short (15, 10, 3 and 2 frames a
# second and Pose at most twice a second were compared once, 2026-12-01: none did better).
CANDIDATES: tuple[tuple[float | None, float | None], ...] = ((5.0, None), (None, 1.0))
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
    return (*sorted({REVIEW_FPS or 0.0, 5.0, 10.0} - {0.0}), 0.0)


def page_default() -> float:
    """The rate the Review page preselects (0 = every frame): the review's default."""
    return REVIEW_FPS or 0.0
