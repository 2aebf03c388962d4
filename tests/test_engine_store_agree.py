"""The engine is the only time accountant: the same steps into the engine's summary and into the
store (through the StoreSink, on a real SQLite file and a real PostgreSQL) give the same seconds,
shares, smile count and fault time.

The issue's cases: a person detected 1 s on / 1 s off at 5 fps (the store used to say present
30.0 s where the engine said 59.8 s) and a video analysed at 0.5 frames a second (store 30 s
observed, engine 118 s). The observations are real MediaPipe landmarks of a real photo
(skimage's astronaut), and real sample clips run through the real pipeline.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import pytest
from skimage import data
from sqlalchemy import func, select

from coach.core import AnalyzerOptions, review_file
from coach.engine import Engine
from coach.store import StoreSink
from coach.store.people import put_person
from coach.store.schema import metric_faults, metrics
from coach.types import Frame, Observation
from coach.vision.landmarker import Landmarker

pytest_plugins = ("store_pg",)

SAMPLES = Path(__file__).resolve().parents[1] / "sample_videos"


@pytest.fixture(scope="module")
def astronaut() -> Observation:
    """Real landmarks: MediaPipe's face and body on skimage's astronaut."""
    image = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    with Landmarker(static_image_mode=True) as landmarker:
        obs = landmarker.detect(Frame(t=0.0, index=0, image=image))
    assert obs.face is not None and obs.body is not None
    return obs


@pytest.fixture
def staff(store):
    put_person(store, "s1", "Staff One", "staff", "A")
    return "s1"


def _replayed(obs: Observation, times: list[float], seen) -> list[Observation]:
    """`obs` at each time, or nobody where `seen(t)` is False."""
    out = []
    for index, t in enumerate(times):
        here = seen(t)
        out.append(replace(obs, t=t, frame_index=index, face=obs.face if here else None,
                           body=obs.body if here else None, faces_in_view=int(here)))
    return out


def _engine_into_store(store, staff_id: str, observations: list[Observation]) -> tuple[dict, int]:
    """Run the engine over the observations, handing every step to a StoreSink; the summary and
    the session id."""
    engine = Engine(source="agree")
    with StoreSink(store, staff_id, source="agree", t0=observations[0].t) as sink:
        for obs in observations:
            sink.add(engine.step(obs))
        sink.add_events(engine.finish(observations[-1].t))
        summary = engine.summary()
        sink.close(summary)
    return summary, sink.writer.session_id


def _stored(store, session_id: int) -> dict:
    names = ("observed", "present", "face", "gaze", "eye_contact", "smile", "smile_score", "sitting",
             "sitting_good", "standing", "standing_good", "upper_body", "upper_body_good")
    with store.reading() as conn:
        sums = conn.execute(
            select(*(func.sum(getattr(metrics.c, f"{n}_ms")) for n in names), func.sum(metrics.c.smiles))
            .where(metrics.c.session_id == session_id)
        ).one()
        faults = dict(conn.execute(
            select(metric_faults.c.fault, func.sum(metric_faults.c.ms))
            .where(metric_faults.c.session_id == session_id).group_by(metric_faults.c.fault)
        ).all())
    stored = {n: (v or 0) / 1000.0 for n, v in zip(names, sums[:-1], strict=True)}
    stored["smiles"] = int(sums[-1] or 0)
    stored["faults"] = {fault: ms / 1000.0 for fault, ms in faults.items()}
    return stored


def _share(stored: dict, part: str, whole: str) -> float | None:
    return stored[part] / stored[whole] if stored[whole] else None


def assert_agree(summary: dict, stored: dict) -> None:
    """The store's figures are the engine's (seconds to 0.1 s, shares to 0.1 point)."""
    assert stored["observed"] == pytest.approx(summary["observed_s"], abs=0.1)
    assert stored["present"] == pytest.approx(summary["present_s"], abs=0.1)
    shares = summary["shares"]
    for part, whole, engine_share in (
        ("face", "observed", shares["face_found"]),
        ("smile", "face", shares["smiling"]),
        ("eye_contact", "gaze", shares["eye_contact"]),
        ("sitting_good", "sitting", shares["good_posture"]["sitting"]),
        ("standing_good", "standing", shares["good_posture"]["standing"]),
        ("upper_body_good", "upper_body", shares["good_posture"]["upper_body"]),
    ):
        mine = _share(stored, part, whole)
        assert (mine is None) == (engine_share is None), part
        if mine is not None:
            assert mine == pytest.approx(engine_share, abs=1e-3), part
    by_mode = summary["posture"]["seconds_by_mode"]
    assert stored["sitting"] == pytest.approx(by_mode["sitting"], abs=0.1)
    assert stored["standing"] == pytest.approx(by_mode["standing"], abs=0.1)
    assert stored["upper_body"] == pytest.approx(by_mode["unknown"], abs=0.1)
    for fault, seconds in summary["posture"]["fault_seconds"].items():
        assert stored["faults"].get(fault, 0.0) == pytest.approx(seconds, abs=0.1), fault
    assert stored["smiles"] == summary["smiles"]["count"]
    if summary["smiles"]["mean_score"] is not None:
        mean_score = stored["smile_score"] / stored["face"]
        assert mean_score == pytest.approx(summary["smiles"]["mean_score"], abs=0.1)


def test_detection_blinking_one_second_on_one_off_at_5_fps_is_present_throughout(store, staff, astronaut):
    times = [i / 5 for i in range(300)]  # 60 s at 5 fps
    observations = _replayed(astronaut, times, lambda t: int(t) % 2 == 0)
    summary, session_id = _engine_into_store(store, staff, observations)
    stored = _stored(store, session_id)
    assert_agree(summary, stored)
    # at the desk all along (each 1-s gap is inside the 2-s presence grace); a face half the time
    assert stored["present"] == pytest.approx(59.8) and summary["present_s"] == pytest.approx(59.8)
    assert stored["face"] == pytest.approx(30.0)


def test_frames_half_a_second_apart_count_the_whole_video(store, staff, astronaut):
    times = [2.0 * i for i in range(60)]  # a 2-minute video analysed at 0.5 fps
    summary, session_id = _engine_into_store(store, staff, _replayed(astronaut, times, lambda t: True))
    stored = _stored(store, session_id)
    assert_agree(summary, stored)
    assert stored["observed"] == pytest.approx(118.0) and summary["observed_s"] == pytest.approx(118.0)


def test_frames_further_apart_than_the_cap_leave_the_rest_unobserved_on_both_sides(store, staff, astronaut):
    times = [5.0 * i for i in range(10)]  # 0.2 fps: each frame holds 2 s of its 5
    summary, session_id = _engine_into_store(store, staff, _replayed(astronaut, times, lambda t: True))
    stored = _stored(store, session_id)
    assert_agree(summary, stored)
    assert stored["observed"] == pytest.approx(18.0)


@pytest.mark.parametrize(("clip", "fps"), [("default_session.mp4", 0.5), ("sway_smile.mp4", None)])
def test_a_reviewed_sample_clip_gives_the_store_the_engine_s_figures(store, staff, clip, fps):
    """The real core (file source, MediaPipe, engine) with the StoreSink among its sinks."""
    sink = StoreSink(store, staff, source=clip)
    outcome = review_file(SAMPLES / clip, [sink], AnalyzerOptions(fps=fps))
    stored = _stored(store, sink.writer.session_id)
    assert_agree(outcome.summary, stored)
    assert outcome.summary["observed_s"] > 0
    if fps is None:  # the smiling clip: smiles are counted from the engine's smile events
        assert outcome.summary["smiles"]["count"] >= 1
