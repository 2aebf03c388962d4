"""The all-day eco mode: analyse at most a few frames per second of a live source.

A camera delivers 25–30 frames a second, but posture and smile change over seconds; the
trackers hold their windows in seconds, not frames, so analysing 5 of the 30 frames gives the
same alerts for a sixth of the CPU. `FramePacer.due(t)` says whether the frame stamped `t`
should be analysed; the caller skips the others (shows them as they are, or not at all).

Time is passed in (the frame's own timestamp), so the pacer is tested with plain numbers.
Due times lie on a fixed grid of `1 / max_fps` seconds, so jittery frame times do not drag the
rate below `max_fps`; after a gap (a stall, dropped frames, a looping file starting over) the
grid restarts at the next frame instead of analysing a burst to catch up.
"""

from __future__ import annotations

import math

ECO_MAX_FPS = 5.0  # frames analysed per second in eco mode
# Pose runs per second of frame time in the live coach, in every mode (coach.vision.landmarker's
# pose_max_fps): posture alerts wait 10-30 s, and Pose is the slowest model. Review runs it on
# every analysed frame unless asked otherwise.
LIVE_POSE_MAX_FPS = 5.0
# In eco mode Pose runs about once a second: posture alerts wait 10-30 s and the break clock
# follows the face, so a body up to a second old changes no alert (tests/test_eco_live.py checks
# the same alerts, onsets within 1 s, against every frame with Pose at LIVE_POSE_MAX_FPS).
ECO_POSE_MAX_FPS = 1.0
# A frame this close before its due time still counts as due (float rounding of k / fps).
DUE_TOLERANCE_S = 1e-3


def live_pose_max_fps(max_fps: float | None) -> float:
    """How often Pose runs in a live session analysing at most `max_fps` frames a second: about
    once a second in eco mode (`max_fps` at or below ECO_MAX_FPS), else LIVE_POSE_MAX_FPS."""
    if max_fps is not None and max_fps <= ECO_MAX_FPS:
        return ECO_POSE_MAX_FPS
    return LIVE_POSE_MAX_FPS


def live_pose_catches_up(pose_max_fps: float | None) -> bool:
    """Whether a live landmarker running Pose `pose_max_fps` times a second runs it again at once
    when the face moved (coach.vision.landmarker's `pose_catch_up`). Not in eco mode: there Pose
    keeps to about once a second, and posture holds its last reading until the body is fresh
    (alerts wait 10-30 s; tests/test_eco_live.py checks the same alerts). The full live rate keeps
    the catch-up rule: it is not an all-day mode, and its picture shows the body where it is."""
    return pose_max_fps is None or pose_max_fps > ECO_POSE_MAX_FPS


def check_max_fps(max_fps: float | None) -> float | None:
    """`max_fps` as a float, or None for "every frame"; ValueError when it is not a positive number."""
    if max_fps is None:
        return None
    if isinstance(max_fps, bool) or not isinstance(max_fps, int | float) or not math.isfinite(max_fps) \
            or max_fps <= 0:
        raise ValueError(f"max_fps must be a number above 0 (frames per second) or None, got {max_fps!r}")
    return float(max_fps)


class FramePacer:
    """Picks the frames to analyse from a live stream: at most `max_fps` per second of frame time.

    max_fps: None analyses every frame (the full-rate mode).
    """

    def __init__(self, max_fps: float | None = ECO_MAX_FPS) -> None:
        self.max_fps = check_max_fps(max_fps)
        self.period = None if self.max_fps is None else 1.0 / self.max_fps
        self._next_due: float | None = None
        self.offered = 0  # frames seen
        self.taken = 0  # frames due (analysed)

    def due(self, t: float) -> bool:
        """Whether the frame stamped `t` (seconds) should be analysed. Call once per frame, in order."""
        self.offered += 1
        if self.period is None:
            self.taken += 1
            return True
        next_due = self._next_due
        if next_due is not None and t < next_due - DUE_TOLERANCE_S:
            if t >= next_due - 2 * self.period:
                return False
            next_due = None  # time went backwards by more than a slot: a new stream
        if next_due is None:
            self._next_due = t + self.period
        else:
            following = next_due + self.period
            # After a gap, restart the grid at this frame instead of bursting to catch up.
            self._next_due = following if following > t else t + self.period
        self.taken += 1
        return True

    def reset(self) -> None:
        """Forget the grid (a new source); the next frame is due."""
        self._next_due = None


MAX_FPS_ENV = "COACH_MAX_FPS"


def configured_max_fps(environ: dict[str, str] | None = None) -> float | None:
    """The live analysis rate set for this machine: COACH_MAX_FPS=eco (ECO_MAX_FPS), a number of
    frames per second, or unset/empty/"full"/"0" for every frame (None). ValueError otherwise."""
    import os

    text = ((os.environ if environ is None else environ).get(MAX_FPS_ENV) or "").strip().lower()
    if text in ("", "full", "0"):
        return None
    if text == "eco":
        return ECO_MAX_FPS
    try:
        return check_max_fps(float(text))
    except ValueError:
        raise ValueError(f"{MAX_FPS_ENV} must be 'eco', 'full' or a number of frames per second above 0, "
                         f"got {text!r}") from None
