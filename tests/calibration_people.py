"""Synthetic people for the calibration and drift tests: a face on a body, frame sequences
that follow the calibration's prompts, and camera moves applied to whole observations.

Faces come from `smile_faces` (placed on the body's head), bodies from `posture_bodies`
(a person seated, facing the camera). Everything is pixels of a 1280x960 frame.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from posture_bodies import EAR_Y, front_body, hip_mid, rotated
from smile_faces import CENTRE, synthetic_face

from coach.calibrate import Calibration, CalibrationSettings
from coach.types import Body, Face, Observation

WIDTH, HEIGHT = 1280, 960
HEAD_CENTRE = np.array([640.0, EAR_Y - 10.0])  # where the face goes on the body

# A person whose relaxed mouth turns up a little and is wide: population defaults read their
# neutral face as a smile.
SMILEY_NEUTRAL = {"corner_lift_deg": 10.0, "widen": 0.15}
SMILEY_SMILE = {"corner_lift_deg": 26.0, "widen": 0.4, "aperture": 0.23, "lower_lid": 0.07, "lip_gap": 8.0}
# An average person.
PLAIN_NEUTRAL: dict = {}
PLAIN_SMILE = {"corner_lift_deg": 20.0, "widen": 0.25, "aperture": 0.22, "lower_lid": 0.06, "lip_gap": 8.0}


def face_on_head(**expression: float) -> Face:
    """A synthetic face (see smile_faces.synthetic_face) moved onto the body's head."""
    face = synthetic_face(**expression)
    points = face.points.astype(np.float64).copy()
    points[:, :2] += HEAD_CENTRE - CENTRE
    return Face(points=points.astype(np.float32))


def seated() -> Body:
    return front_body(standing=False)


def jittered(points: np.ndarray, rng: np.random.Generator, pixels: float) -> np.ndarray:
    out = points.astype(np.float64).copy()
    out[:, :2] += rng.normal(0.0, pixels, size=(len(out), 2))
    return out.astype(np.float32)


def observe(t: float, face: Face | None, body: Body | None, rng: np.random.Generator | None = None,
            jitter_px: float = 0.0, index: int = 0) -> Observation:
    """An observation at `t`, with landmark noise of `jitter_px` pixels when rng is given."""
    if rng is not None and jitter_px > 0:
        face = Face(points=jittered(face.points, rng, jitter_px)) if face is not None else None
        if body is not None:
            body = Body(points=jittered(body.points, rng, jitter_px), visibility=body.visibility)
    return Observation(t=t, frame_index=index, width=WIDTH, height=HEIGHT, face=face, body=body,
                       faces_in_view=int(face is not None))


def camera_moved(obs: Observation, dx: float = 0.0, dy: float = 0.0, scale: float = 1.0,
                 roll_deg: float = 0.0, squash: float = 1.0) -> Observation:
    """The same scene seen by a camera that was moved: every point zoomed by `scale` and rolled by
    `roll_deg` (counter-clockwise on screen) about the frame centre, then shifted by (dx, dy).

    squash < 1 is a camera raised to look down on the person: heights above the shoulder line
    foreshorten (the head seems to sit lower on the shoulders) while the shoulders stay put.
    """
    centre = np.array([WIDTH / 2, HEIGHT / 2])
    a = math.radians(roll_deg)
    turn = np.array([[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]])
    shoulder_y = float(obs.body.points[[11, 12], 1].mean()) if obs.body is not None else centre[1]

    def move(points: np.ndarray) -> np.ndarray:
        out = points.astype(np.float64).copy()
        out[:, 1] = shoulder_y + (out[:, 1] - shoulder_y) * np.where(out[:, 1] < shoulder_y, squash, 1.0)
        out[:, :2] = ((out[:, :2] - centre) * scale) @ turn.T + centre + (dx, dy)
        out[:, 2] *= scale
        return out.astype(np.float32)

    face = Face(points=move(obs.face.points)) if obs.face is not None else None
    body = None
    if obs.body is not None:
        body = Body(points=move(obs.body.points), visibility=obs.body.visibility)
    return Observation(t=obs.t, frame_index=obs.frame_index, width=obs.width, height=obs.height,
                       face=face, body=body, faces_in_view=obs.faces_in_view)


def leaning(body: Body, face: Face, degrees: float) -> tuple[Body, Face]:
    """Body and face leaned sideways by `degrees` about the hips (counter-clockwise on screen)."""
    centre = hip_mid(body)
    leaned = rotated(body, degrees, centre, indices=tuple(range(0, 23)))
    a = math.radians(degrees)
    m = np.array([[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]])
    points = face.points.astype(np.float64).copy()
    points[:, :2] = (points[:, :2] - centre) @ m.T + centre
    return leaned, Face(points=points.astype(np.float32))


Scene = Callable[[str, float], Observation]  # (current step, t) -> what the camera sees


def person_scene(neutral: dict, smile: dict, body: Body | None = None, rng_seed: int = 1,
                 jitter_px: float = 0.4) -> Scene:
    """Someone following the prompts: neutral face, then their smile, then sitting upright."""
    rng = np.random.default_rng(rng_seed)
    body = body if body is not None else seated()
    faces = {"neutral": face_on_head(**neutral), "smile": face_on_head(**smile),
             "upright": face_on_head(**neutral)}

    def scene(step: str, t: float) -> Observation:
        return observe(t, faces.get(step, faces["neutral"]), body, rng, jitter_px)

    return scene


def run_calibration(scene: Scene, person: str = "test.person", mode: str = "sitting", fps: float = 5.0,
                    settings: CalibrationSettings | None = None, limit_s: float = 200.0) -> Calibration:
    """Feed `scene` to a fresh calibration at `fps` until it finishes (or `limit_s` passes)."""
    run = Calibration(person, mode=mode, settings=settings or CalibrationSettings())
    index = 0
    while index / fps <= limit_s:
        t = index / fps
        progress = run.feed(scene(run.step, t))
        index += 1
        if progress.finished:
            break
    return run
