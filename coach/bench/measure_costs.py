"""What each rule-level measure costs per frame, on the sample clip's landmarks.

The throughput section times whole stages (landmarks, rules, trackers); this one splits the rules
and trackers into the measures a person reads — the smile, the brows, smile episodes with the
talking cue, gaze and eye contact, posture, the serving state — so a new measure's cost shows
next to the others'. Landmarks are found once (not timed); each measure then runs over all of
them, with its inputs prepared beforehand, so its time is its own.

A registry: another area adds its measure with one `register(Measure(...))` (e.g. fatigue's eye
closure), and the bench's table lists it.

    Measure(name, prepare, make)
    prepare(observations) -> list of per-frame inputs (not timed)
    make() -> a callable taking one input (fresh state per run; timed)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from coach.types import Observation


@dataclass(frozen=True)
class Measure:
    name: str  # e.g. "smile: geometry + score"
    prepare: Callable[[Sequence[Observation]], list[Any]]
    make: Callable[[], Callable[[Any], object]]


@dataclass(frozen=True)
class MeasureCost:
    name: str
    frames: int  # inputs timed per run
    us_per_frame: float  # the best run's mean


MEASURES: dict[str, Measure] = {}


def register(measure: Measure) -> Measure:
    """Add (or replace) a measure in the bench's table."""
    MEASURES[measure.name] = measure
    return measure


def time_measures(observations: Sequence[Observation], repeats: int = 3,
                  measures: Sequence[Measure] | None = None) -> list[MeasureCost]:
    """Each measure's microseconds per frame: the best of `repeats` runs over all inputs."""
    costs = []
    for measure in measures if measures is not None else list(MEASURES.values()):
        inputs = measure.prepare(observations)
        if not inputs:
            continue
        best = float("inf")
        for _ in range(max(int(repeats), 1)):
            run = measure.make()
            start = time.perf_counter()
            for item in inputs:
                run(item)
            best = min(best, time.perf_counter() - start)
        costs.append(MeasureCost(measure.name, len(inputs), 1e6 * best / len(inputs)))
    return costs


# --- the coach's own measures ----------------------------------------------------------------------

def _faces(observations: Sequence[Observation]) -> list[Any]:
    return [obs.face for obs in observations if obs.face is not None]


def _smile():
    from coach.rules.smile import SmileSettings, judge_smile, measure_geometry

    settings = SmileSettings()
    return lambda face: judge_smile(measure_geometry(face), settings, None)


def _brows():
    from coach.rules.expression import measure_brows

    return measure_brows


def _gaze():
    from coach.rules.gaze import GazeSettings, measure_gaze

    settings = GazeSettings()
    return lambda face: measure_gaze(face, settings)


def _posture():
    from coach.rules.posture import PostureSettings, observe_posture

    settings = PostureSettings()
    return lambda obs: observe_posture(obs, settings, None)


def _episode_inputs(observations: Sequence[Observation]) -> list[tuple]:
    """(t, geometry, brows, score) per frame, what the smile-episode tracker takes."""
    from coach.rules.expression import measure_brows
    from coach.rules.smile import SmileSettings, judge_smile, measure_geometry

    settings, out = SmileSettings(), []
    for obs in observations:
        if obs.face is None:
            out.append((obs.t, None, None, None))
            continue
        geometry = measure_geometry(obs.face)
        out.append((obs.t, geometry, measure_brows(obs.face), judge_smile(geometry, settings, None).score))
    return out


def _episodes():
    from coach.trackers.smile_episodes import SmileEpisodes

    tracker = SmileEpisodes()
    return lambda item: tracker.update(*item)


def _service_inputs(observations: Sequence[Observation]) -> list[dict]:
    """What the service tracker takes per frame: the talking cue, the head's yaw, eye contact."""
    from coach.rules.gaze import GazeSettings, measure_gaze
    from coach.trackers.smile_episodes import SmileEpisodes

    episodes, settings, out = SmileEpisodes(), GazeSettings(), []
    for t, geometry, brows, score in _episode_inputs(observations):
        episodes.update(t, geometry, brows, score)
        out.append({"t": t, "present": geometry is not None, "talking": episodes.cues.talking,
                    "yaw_deg": None, "eye_contact": None,
                    "smile_kind": episodes.kind if episodes.in_smile else "none"})
    for item, obs in zip(out, observations, strict=True):
        if obs.face is not None:
            gaze = measure_gaze(obs.face, settings)
            item["yaw_deg"], item["eye_contact"] = gaze.yaw_deg, gaze.eye_contact
    return out


def _service():
    from coach.trackers.service import ServiceTracker

    tracker = ServiceTracker()
    return lambda item: tracker.update(item["t"], present=item["present"], talking=item["talking"],
                                       yaw_deg=item["yaw_deg"], eye_contact=item["eye_contact"],
                                       smile_kind=item["smile_kind"])


for _measure in (
    Measure("smile: geometry + score", _faces, _smile),
    Measure("smile: brows", _faces, _brows),
    Measure("smile episodes + talking cue", _episode_inputs, _episodes),
    Measure("gaze / eye contact", _faces, _gaze),
    Measure("posture", list, _posture),
    Measure("serving state (service tracker)", _service_inputs, _service),
):
    register(_measure)


def _register_specs() -> None:
    """Other areas' measures, as (name, prepare, make) specs."""
    from coach.bench.fatigue_costs import SPECS as FATIGUE_AND_SETUP

    for name, prepare, make in FATIGUE_AND_SETUP:
        register(Measure(name, prepare, make))


_register_specs()
