"""The set-up check: can this frame be judged at all? Light, face size, camera angle, body in view.

A bad set-up must not raise alarms (users of posture apps complain of exactly that: a moved
camera or a lamp behind them reads as bad posture). Each problem pauses the measures it spoils,
and the panel says why in plain words; the tracker (`coach.trackers.setup`) adds hysteresis in
seconds so the state does not flicker. Pure: the vision layer measured the light
(`coach.vision.light`), the gaze rule the head angles; the posture rules say when the body is not
in view (their own not-judged reasons, passed through, not re-derived).

Problems and thresholds:
* too_dark: the face's mean luma under DARK_LUMA (without a face: the frame's). 40 of 255 is the
  posture rules' own dark-frame level (`coach.rules.posture.DARK_FRAME_LUMA`, ~1.5 stops under a
  normally exposed indoor frame): lids, lip corners and landmarks get noisy in the shadows.
  Pauses everything.
* backlit: the surround at least BACKLIT_RATIO times as bright as the face (one photographic stop)
  and the face under BACKLIT_FACE_LUMA (below mid-grey: the camera exposed for the window). A
  well-lit face in front of a bright wall is not backlit. Pauses everything.
* face_too_small: the face box's size (geometric mean of its sides) under MIN_FACE_PX pixels: an
  eye is then under ~16 px wide and an open lid gap under ~5 px, so a closure is a pixel or two
  and the iris a few pixels. Pauses fatigue and eye contact; smiles are judged down to 64 px
  faces (`python -m coach evaluate --degrade 64`).
* face_too_close: the face box over MAX_FACE_SHARE of the frame's height, or cut by the frame's
  edge: the shoulders are out of view and the upper-body posture prior (a face a third of the
  frame high) no longer applies. Pauses posture.
* off_axis: the head turned more than OFF_AXIS_YAW_DEG (the posture rules' oblique limit: the
  shoulder line foreshortens by cos 35° = 0.82) or pitched more than OFF_AXIS_PITCH_DEG (a
  laptop camera on the desk looks up ~15-25°; past 30° the lower face is foreshortened ~13%).
  Held for seconds (the tracker's onset), not a glance at a side screen. Pauses everything.
* face_only / shoulders_hidden: the posture rules' reasons for a body not in view. Pauses posture.
"""

from __future__ import annotations

from coach.rules.posture import DARK_FRAME_LUMA, OBLIQUE_YAW_DEG
from coach.types import Observation

DARK_LUMA = DARK_FRAME_LUMA
BACKLIT_RATIO = 2.0
BACKLIT_FACE_LUMA = 110.0
MIN_FACE_PX = 80.0
MAX_FACE_SHARE = 0.7
EDGE_MARGIN_PX = 2.0
OFF_AXIS_YAW_DEG = OBLIQUE_YAW_DEG
OFF_AXIS_PITCH_DEG = 30.0

MEASURES: tuple[str, ...] = ("smile", "gaze", "posture", "fatigue")
# Problem -> the measures it pauses. Order = priority: the first problem pausing a measure is
# the reason shown for it.
PAUSES: dict[str, tuple[str, ...]] = {
    "too_dark": MEASURES,
    "backlit": MEASURES,
    "off_axis": MEASURES,
    "face_too_small": ("gaze", "fatigue"),
    "face_too_close": ("posture",),
    "face_only": ("posture",),
    "shoulders_hidden": ("posture",),
}
PROBLEMS: tuple[str, ...] = tuple(PAUSES)
BODY_REASONS = frozenset({"face_only", "shoulders_hidden"})


def light_problem(face_luma: float | None, surround_luma: float | None,
                  frame_luma: float | None) -> str | None:
    """"too_dark", "backlit" or None from mean lumas (0..255)."""
    level = face_luma if face_luma is not None else frame_luma
    if level is not None and level < DARK_LUMA:
        return "too_dark"
    if face_luma is not None and surround_luma is not None and face_luma < BACKLIT_FACE_LUMA \
            and surround_luma >= BACKLIT_RATIO * max(face_luma, 1.0):
        return "backlit"
    return None


def size_problem(box: tuple[float, float, float, float], frame_size: tuple[int, int]) -> str | None:
    """"face_too_small", "face_too_close" or None for a face box (x0, y0, x1, y1) in a frame (w, h)."""
    x0, y0, x1, y1 = box
    width, height = frame_size
    size = (max(x1 - x0, 1e-6) * max(y1 - y0, 1e-6)) ** 0.5
    if size < MIN_FACE_PX:
        return "face_too_small"
    margin = EDGE_MARGIN_PX
    cut = x0 < margin or y0 < margin or x1 > width - margin or y1 > height - margin
    if (y1 - y0) > MAX_FACE_SHARE * height or cut:
        return "face_too_close"
    return None


def angle_problem(yaw_deg: float | None, pitch_deg: float | None) -> str | None:
    if yaw_deg is not None and abs(yaw_deg) > OFF_AXIS_YAW_DEG:
        return "off_axis"
    if pitch_deg is not None and abs(pitch_deg) > OFF_AXIS_PITCH_DEG:
        return "off_axis"
    return None


def setup_problems(observation: Observation, yaw_deg: float | None = None, pitch_deg: float | None = None,
                   posture_reason: str = "") -> tuple[str, ...]:
    """Every set-up problem seen in this one frame (in PROBLEMS order)."""
    found = set()
    face = observation.face
    light = light_problem(observation.face_luma, observation.surround_luma,
                          observation.brightness if face is None else None)
    if light:
        found.add(light)
    if face is not None:
        size = size_problem(face.bbox, (observation.width, observation.height))
        if size:
            found.add(size)
        angle = angle_problem(yaw_deg, pitch_deg)
        if angle:
            found.add(angle)
    if posture_reason in BODY_REASONS:
        found.add(posture_reason)
    return tuple(problem for problem in PROBLEMS if problem in found)


def paused_measures(problems: tuple[str, ...]) -> dict[str, str]:
    """measure -> the problem that pauses it (the first in PROBLEMS order)."""
    paused: dict[str, str] = {}
    for problem in PROBLEMS:
        if problem in problems:
            for measure in PAUSES[problem]:
                paused.setdefault(measure, problem)
    return paused
