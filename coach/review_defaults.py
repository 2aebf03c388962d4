"""The settings a review of recorded video runs with unless the user asks otherwise: one place,
read by every surface that reviews a file (`python -m coach review`, the batch runner, the
panel's Review page), so the same file gives the same figures wherever it is reviewed.

The default: every frame analysed (FaceMesh on each), Pose at most once a second of video, the
last body reused in between while the chosen face stays put (the landmarker's rule: a face that
moved, was lost or changed runs Pose at once), and one long video cut into one chunk per core.

How it was chosen: `python -m coach bench --only agreement --data DIR` reviews every clip of the
project's samples and of the shared data set at every frame with Pose on every frame, and at
each candidate in `CANDIDATES`, and compares (coach.bench.agreement). The rule:

* On every clip: the same number of smiles, as many events of each kind (posture alerts
  included) with onsets within `ONSET_TOLERANCE_S`, and the shares the face gives (face found,
  smiling, eye contact) within `SHARE_TOLERANCE` — the issue's tolerances (a trainer reads onsets
  to the second and shares in whole points). Where the human labels say a figure cannot be read,
  both runs' values are noise and it is not judged: a clip whose CLIP_LABELS.csv says no face is
  ever visible (a masked person) is judged on the events not from the face only, and one whose
  GAZE_LABELS.csv says the gaze is never assessable (a face turned away or in profile) without
  its eye-contact share.
* The good-posture shares per mode are judged against the human posture labels instead, over all
  labelled clips: frames labelled upright read as a fault (false alarms) no more often, and
  frames labelled otherwise read as a fault no less often, than at every frame, each within
  `SHARE_TOLERANCE`. Why not against every-frame analysis: its own posture figures are not
  reproducible to 2 points. MediaPipe Pose smooths its landmarks over seconds and tracks from its
  last call, so the same frames read through another history of Pose calls give other modes and
  faults (on lean_slump a second Pose model run on the same consecutive frames read
  sitting/standing where every-frame analysis read upper body; on pyfeat face_noface every-frame
  Pose keeps tracking a body after the person left). Any setting that skips Pose on some frames
  moves those shares, right or wrong; the labels say which.
* The default is the cheapest candidate that passes.

What that showed (21 clips, 2026-12-01; tables in benchmarks/RESULTS.md): every frame with Pose at
most once a second agrees on 20 of 21 clips (smile counts, events, face shares); against the
posture labels 37.2% false alarms on upright segments (every frame: 38.9%) and 90.4% of faults
found (90.5%); at 0.58 of the CPU. On the 21st, SitWell, one posture alert starts at 7.4 s
instead of 6.0 s (1.4 s apart, over the 1 s tolerance): the labels put 6.0 s in an upright segment
(4.0-6.5 s, high confidence) and 7.4 s in a hunched one (7.0-12.5 s, high), so there the default
is the one that is right; the bench's automatic check does not read alerts against the labels and
reports it as a difference. Fewer frames do not pass (smiles merge: at 5 a second 14 of 21 clips
keep their smile count, 6 of 21 agree). Re-running Pose on every frame between two Pose runs that
read different postures was measured too (a second Pose model, frames held back): no closer to
every-frame analysis (12 of 21 clips in every figure against 13, before main's landmarker change
of 2026-12-01), no closer to the labels (38.7% false alarms against 36.1%), and 1.5 times the CPU,
so it was left out.

Every frame with Pose on every frame stays one flag away (`--every-frame`, `--fps 0`; the Review
page's "Pose on every frame").
"""

from __future__ import annotations

from dataclasses import dataclass

# Frames analysed per second of video by default (None: every frame; the agreement check found
# no lower rate that keeps the smile counts).
REVIEW_FPS: float | None = None
# Pose at most this often per second of video (None: on every analysed frame); the cheapest
# candidate passing the rule above.
REVIEW_POSE_FPS: float | None = 1.0

# What the agreement check compares (frames analysed per second or None = every frame, Pose rate
# or None = on every analysed frame).
# The bench compares the default and the cheapest of the lower rates, to keep its run short (15,
# 10, 3 and 2 frames a second and Pose at most twice a second were compared once, 2026-12-01).
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


def page_pose_fps(pose_on_every_frame: bool) -> float | None:
    """The Pose rate of a review from the Review page: the review's default, or (the page's
    "Pose on every frame" box) None, the complete analysis."""
    return None if pose_on_every_frame else REVIEW_POSE_FPS
