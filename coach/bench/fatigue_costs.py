"""The per-frame measures of fatigue and the set-up check, for the bench's measure-cost table.

Each entry is (name, prepare, make) in the bench's measure interface: `prepare(observations)` makes
the per-frame inputs (not timed), `make()` a callable that takes one input (fresh state, timed).
The bench registers them next to the smile, gaze and posture measures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from coach.types import Observation


def _light_inputs(observations: Sequence[Observation]) -> list[tuple]:
    """A frame of the clip's size (its content does not change the cost) and each face's box."""
    frames: dict[tuple[int, int], np.ndarray] = {}
    out = []
    for obs in observations:
        if obs.face is None:
            continue
        frame = frames.setdefault((obs.height, obs.width), np.full((obs.height, obs.width, 3), 128, np.uint8))
        out.append((frame, obs.face.bbox))
    return out


def _light():
    from coach.vision.light import measure_light

    return lambda item: measure_light(*item)


def _setup_inputs(observations: Sequence[Observation]) -> list[tuple]:
    """(t, observation, yaw, pitch, posture reason): what the set-up check reads per frame."""
    from coach.rules.gaze import measure_gaze
    from coach.rules.posture import observe_posture

    out = []
    for obs in observations:
        gaze = measure_gaze(obs.face) if obs.face is not None else None
        posture = observe_posture(obs)
        out.append((obs.t, obs, gaze.yaw_deg if gaze else None, gaze.pitch_deg if gaze else None,
                    posture.reason if posture is not None else ""))
    return out


def _setup():
    from coach.rules.setup import setup_problems
    from coach.trackers.setup import SetupTracker

    tracker = SetupTracker()
    return lambda item: tracker.update(item[0], setup_problems(*item[1:]))


def _fatigue_inputs(observations: Sequence[Observation]) -> list[tuple]:
    """(t, eye aperture, mouth opening) per frame (None without a face)."""
    from coach.rules.smile import measure_geometry

    out = []
    for obs in observations:
        if obs.face is None:
            out.append((obs.t, None, None))
            continue
        geometry = measure_geometry(obs.face)
        out.append((obs.t, geometry.eye_aperture, geometry.opening_ratio))
    return out


def _fatigue():
    from coach.trackers.fatigue import FatigueTracker

    tracker = FatigueTracker()

    def step(item: tuple) -> object:
        events = tracker.update(item[0], item[1], item[2], calm=True)
        tracker.tired(item[0])
        return events

    return step


SPECS: tuple[tuple[str, Callable[[Sequence[Observation]], list[Any]], Callable[[], Callable]], ...] = (
    ("set-up: light at the face (vision)", _light_inputs, _light),
    ("set-up check (rules + hysteresis)", _setup_inputs, _setup),
    ("fatigue: openness, PERCLOS, blinks, yawns", _fatigue_inputs, _fatigue),
)
