"""The all-day eco mode of the live coach: what it skips, and that alerts and breaks stay the same.

Real parts throughout: OpenCV captures of project-made H.264 clips (the capture's own `grab` /
`retrieve`, counted by a thin pass-through), the real MediaPipe landmarker, the real engine.
Never the machine's speed (that is `python -m coach bench`).
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import numpy as np
import pytest

from coach.bench.clips import sample_clip, write_clip
from coach.engine import Engine
from coach.panel.live_worker import CaptureWorker, FrameAnalyzer
from coach.settings import Settings
from coach.types import BODY_STALE
from coach.vision import live_capture
from coach.vision.live_capture import GrabbingCapture, open_live, open_video_capture
from coach.vision.model_pool import LandmarkerPool
from coach.vision.pacer import (
    ECO_MAX_FPS,
    ECO_POSE_MAX_FPS,
    LIVE_POSE_MAX_FPS,
    FramePacer,
    live_pose_catches_up,
)
from coach.vision.sources import SourceError, open_source

SAMPLES = Path(__file__).resolve().parents[1] / "sample_videos"
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
# A real capture from the shared data set: a woman working at a desk, seen from the side, her face
# mostly past FaceMesh's reach (Pose ran on 66 of 70 analysed frames under the old rule)
REAL_CAPTURE = DATA / "video_body" / "ivan__video.mp4"


class CountingCapture:
    """A real `cv2.VideoCapture`, passed through, counting its grabs and retrieves."""

    def __init__(self, capture) -> None:
        self.capture = capture
        self.grabs = 0
        self.retrieves = 0

    def grab(self):
        self.grabs += 1
        return self.capture.grab()

    def retrieve(self):
        self.retrieves += 1
        return self.capture.retrieve()

    def get(self, prop):
        return self.capture.get(prop)

    def release(self):
        self.capture.release()


@pytest.fixture(scope="module")
def clip_30fps(tmp_path_factory) -> Path:
    """Two seconds of the sample session at 30 fps, 320×240."""
    path, _ = write_clip((sample_clip(),), tmp_path_factory.mktemp("eco") / "live.mp4", 320, 240, 30.0, 2.0)
    return path


def _counted(path: Path) -> tuple[GrabbingCapture, CountingCapture]:
    opened = open_video_capture(path)
    assert opened is not None
    counting = CountingCapture(opened._capture)
    opened._capture = counting
    return opened, counting


def _run(worker: CaptureWorker, timeout_s: float = 120.0) -> list:
    worker.start()
    deadline = time.monotonic() + timeout_s
    while not worker.finished and time.monotonic() < deadline:
        time.sleep(0.05)
    readings = worker.poll()
    return readings


def test_eco_converts_only_the_frames_it_analyses(clip_30fps):
    """60 frames grabbed off a real capture; in eco mode (5 a second) only the 10 analysed are retrieved."""
    capture, counting = _counted(clip_30fps)
    worker = CaptureWorker(FrameAnalyzer(Settings(), "eco"), capture, paced=False, max_fps=ECO_MAX_FPS)
    readings = _run(worker)
    worker.stop()
    assert worker.error is None
    assert counting.grabs >= 60
    assert len(readings) == 10
    assert counting.retrieves == 10 == capture.retrieved
    assert [round(r.t, 1) for r in readings] == [round(0.2 * k, 1) for k in range(10)]


def test_full_rate_converts_every_frame(clip_30fps):
    capture, counting = _counted(clip_30fps)
    worker = CaptureWorker(FrameAnalyzer(Settings(), "full"), capture, paced=False, max_fps=None)
    readings = _run(worker)
    worker.stop()
    assert counting.retrieves == len(readings) == 60


def test_overlay_is_drawn_only_when_the_page_asks_for_the_picture(clip_30fps):
    capture, _ = _counted(clip_30fps)
    analyzer = FrameAnalyzer(Settings(), "eco", lang="en")
    worker = CaptureWorker(analyzer, capture, paced=False, max_fps=ECO_MAX_FPS)
    _run(worker)
    assert worker.overlays_drawn == 0  # ten frames analysed, nobody looking: nothing drawn
    shown = worker.latest_image
    again = worker.latest_image
    assert worker.overlays_drawn == 1 and again is shown  # one drawing per analysed frame at most
    raw = worker._undrawn[1]
    assert shown.shape == raw.shape and not np.array_equal(shown, raw)  # the overlay is on it
    worker.stop()


def test_eco_mode_runs_pose_about_once_a_second(clip_30fps):
    from coach.vision.model_pool import POOL

    pooled = POOL.take(ECO_POSE_MAX_FPS)  # the models the session will be handed
    before = pooled.pose_runs
    POOL.give_back(pooled)
    eco = FrameAnalyzer(Settings(), "eco")
    worker = CaptureWorker(eco, open_video_capture(clip_30fps), paced=False, max_fps=ECO_MAX_FPS)
    assert eco.pose_max_fps == ECO_POSE_MAX_FPS
    _run(worker)
    landmarker = eco._landmarker
    runs = landmarker.pose_runs - before
    worker.stop()
    assert landmarker is pooled
    assert landmarker.pose_max_fps == ECO_POSE_MAX_FPS and not landmarker.pose_catch_up
    assert 2 <= runs <= 4  # 2 s of a still-ish person: about once a second, not 10 times
    full = FrameAnalyzer(Settings(), "full")
    CaptureWorker(full, [], paced=False, max_fps=None)
    assert full.pose_max_fps == LIVE_POSE_MAX_FPS
    fixed = FrameAnalyzer(Settings(), "fixed", pose_max_fps=None)
    CaptureWorker(fixed, [], paced=False, max_fps=ECO_MAX_FPS)
    assert fixed.pose_max_fps is None  # a rate given explicitly is kept


def test_live_sources_open_with_one_line_errors(tmp_path, clip_30fps):
    with pytest.raises(SourceError) as missing:
        open_live(str(tmp_path / "nope.mp4"))
    assert missing.value.reason == "missing_file"
    with pytest.raises(SourceError) as camera:
        open_live(57)
    assert camera.value.reason == "camera_unavailable"
    capture = open_live(str(clip_30fps))
    assert isinstance(capture, GrabbingCapture) and not capture.info.live
    first = next(iter(capture))
    assert first.t == pytest.approx(0.0, abs=0.05) and first.retrieve().shape == (240, 320, 3)
    capture.close()
    photo = tmp_path / "photo.png"
    import cv2

    cv2.imwrite(str(photo), np.zeros((40, 40, 3), np.uint8))
    assert not isinstance(open_live(str(photo)), GrabbingCapture)  # a photo: the decoded source


def test_camera_rate_asked_in_eco_mode_only():
    assert live_capture.camera_fps_for(None) is None
    assert live_capture.camera_fps_for(ECO_MAX_FPS) == 2 * ECO_MAX_FPS
    capture = GrabbingCapture(None, open_source(str(sample_clip())).info, live=True, fps_asked=10.0)
    assert capture.fps_honoured is False  # a 15 fps file reports 15, not the 10 asked
    capture.fps_reported = 10.0
    assert capture.fps_honoured is True


# --- the models: loaded once per process ---------------------------------------------------------


def test_pool_hands_the_warm_models_to_the_next_session():
    pool = LandmarkerPool(keep=1)
    try:
        pool.warm(ECO_POSE_MAX_FPS)
        first = pool.take(ECO_POSE_MAX_FPS)  # waits for the warm-up rather than building another
        assert pool.built == 1 and first.pose_max_fps == ECO_POSE_MAX_FPS
        pool.give_back(first)
        assert pool.take(ECO_POSE_MAX_FPS) is first and pool.built == 1
        other = pool.take(LIVE_POSE_MAX_FPS)
        assert other is not first and pool.built == 2
        pool.give_back(first)
        pool.give_back(other)  # only one idle set of models is kept; the other is closed
        assert pool.idle == 1
    finally:
        pool.clear()


def test_a_finished_session_gives_its_models_to_the_next(clip_30fps):
    first = FrameAnalyzer(Settings(), "one")
    worker = CaptureWorker(first, open_video_capture(clip_30fps), paced=False, max_fps=ECO_MAX_FPS)
    _run(worker)
    models = first._landmarker
    worker.stop()
    second = FrameAnalyzer(Settings(), "two")
    again = CaptureWorker(second, open_video_capture(clip_30fps), paced=False, max_fps=ECO_MAX_FPS)
    _run(again)
    assert second._landmarker is models
    again.stop()
    with pytest.raises(RuntimeError):  # a late frame after the end does not take models back out
        first.analyse_step(next(iter(open_source(str(clip_30fps)))), 0.0)


# --- the same alerts and breaks, eco vs every frame ---------------------------------------------

# (clip, from s, to s): stretches of the sample clips where one thing is held
SEGMENTS = {
    "upright": ("default_session.mp4", 0.0, 2.0),
    "slumped": ("lean_slump.mp4", 6.2, 8.0),
    "tilted": ("head_tilt.mp4", 1.2, 2.9),
    "away": ("leave_return.mp4", 3.2, 5.9),
}
# A ten-minute session: faults held past the alert onset (15 s), and an absence longer than a
# natural break (5 min), each stretch a recorded segment looped.
SESSION = (("upright", 30), ("slumped", 40), ("upright", 60), ("tilted", 40), ("upright", 60),
           ("away", 330), ("upright", 60))


def _recorded(max_fps: float | None, pose_max_fps: float | None) -> dict[str, list]:
    """Each segment's observations by the real landmarker, at the mode's rates."""
    from coach.vision.landmarker import Landmarker

    recorded = {}
    for name, (clip, start, end) in SEGMENTS.items():
        pacer = FramePacer(max_fps)
        kept = []
        with open_source(str(SAMPLES / clip)) as source, Landmarker(
                pose_max_fps=pose_max_fps, pose_catch_up=live_pose_catches_up(pose_max_fps)) as landmarker:
            for frame in source:
                if frame.t >= end:
                    break
                if pacer.due(frame.t):
                    observation = landmarker.detect(frame)
                    if frame.t >= start:
                        kept.append(observation)
        recorded[name] = kept
    return recorded


def _replay(recorded: dict[str, list], fps: float) -> list:
    engine = Engine(source="replay", settings=Settings())
    events, t, k = [], 0.0, 0
    for name, seconds in SESSION:
        observations = recorded[name]
        for i in range(int(round(seconds * fps))):
            observation = dataclasses.replace(observations[i % len(observations)], t=t, frame_index=k)
            events += engine.step(observation).events
            t, k = t + 1 / fps, k + 1
    return events + list(engine.finish(t - 1 / fps))


@pytest.mark.skipif(not SAMPLES.is_dir(),
                    reason="sample_videos/ is missing (python -m coach.samples sample_videos)")
def test_eco_gives_the_same_alerts_and_breaks_as_every_frame():
    """Every frame of the 15 fps clips with Pose 5 times a second, vs eco: 5 frames a second with
    Pose about once a second. Same alerts and natural break, onsets within 1 s."""
    full = _replay(_recorded(None, LIVE_POSE_MAX_FPS), 15.0)
    eco = _replay(_recorded(ECO_MAX_FPS, ECO_POSE_MAX_FPS), ECO_MAX_FPS)

    def alerts(events):
        return [e for e in events if not e.kind.startswith("smile")]

    got_full, got_eco = alerts(full), alerts(eco)
    kinds = [e.kind for e in got_full]
    assert any(kind.startswith("posture:") for kind in kinds) and "natural_break" in kinds
    assert [e.kind for e in got_eco] == kinds
    for a, b in zip(got_full, got_eco, strict=True):
        assert abs(a.start - b.start) <= 1.0, (a, b)
        if a.end is not None and b.end is not None:
            assert abs(a.end - b.end) <= 2.0, (a, b)


# --- the strip chart without pandas, Altair or Arrow ----------------------------------------------


def test_strip_chart_svg_breaks_at_gaps_marks_faults_and_escapes():
    import re
    import subprocess
    import sys

    from coach.panel.live_worker import HistoryPoint
    from coach.panel.strip_svg import strip_svg

    history = [HistoryPoint(t=float(k), smile=None if 200 <= k < 220 else 50.0 + k % 10,
                            posture_fault=k % 50 == 0, eye_contact=None) for k in range(0, 400, 2)]
    svg = strip_svg(history, "en")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<polyline") == 2  # the line breaks where no face was seen
    assert svg.count('stroke="#e76f51" stroke-width="2"/>') == 1 + sum(
        1 for p in history if p.posture_fault and p.t >= 400 - 2 - 300)  # legend + faults in the 5 minutes
    xs = [float(x) for x in re.findall(r"(\d+\.\d),\d+\.\d", svg)]
    assert min(xs) >= 40 and max(xs) <= 640 - 10
    assert "minutes (0 = now)" in svg
    assert "分钟" in strip_svg(history, "zh-CN")
    code = ("import sys; from coach.panel.strip_svg import strip_svg; "
            "print(sorted({'pandas', 'altair', 'pyarrow'} & set(sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[1]).stdout.strip()
    assert loaded == "[]"


def test_a_looping_sample_counts_its_conversions_across_plays(clip_30fps):
    """The bundled sample loops: conversions are counted over every play, one per analysed frame."""
    worker = CaptureWorker(FrameAnalyzer(Settings(), "loop"), open_live(str(clip_30fps)), paced=False,
                           reopen=lambda: open_live(str(clip_30fps)), max_fps=ECO_MAX_FPS)
    worker.start()
    deadline = time.monotonic() + 120
    readings = []
    while len(readings) < 25 and time.monotonic() < deadline:  # 10 frames a play: three plays
        time.sleep(0.05)
        readings += worker.poll()
    worker.stop()
    readings += worker.poll()
    assert len(readings) >= 25 and readings[-1].t > 4.0  # time kept rising over the plays
    assert worker.converted == worker.pacer.taken  # one conversion per analysed frame, over every play
    assert worker.pacer.offered >= 2 * worker.pacer.taken  # the others were grabbed, never converted


def test_warming_builds_nothing_while_that_rate_is_lent_out():
    """The page asks for a warm-up on every rerun: a running session's models are not doubled."""
    pool = LandmarkerPool(keep=1)
    try:
        running = pool.take(ECO_POSE_MAX_FPS)
        pool.warm(ECO_POSE_MAX_FPS)
        assert pool.built == 1 and pool.idle == 0
        pool.give_back(running)
        pool.warm(ECO_POSE_MAX_FPS)  # one idle already
        assert pool.built == 1 and pool.take(ECO_POSE_MAX_FPS) is running
    finally:
        pool.clear()


# --- eco on a real capture: Pose about once a second, posture never from a stale body -------------


def _eco_pass(path: Path, catch_up: bool) -> tuple[int, float, list, list]:
    """(Pose runs, seconds, observations, engine records) of `path` analysed 5 times a second with
    Pose about once a second, catching up on a moved face or not."""
    from coach.vision.landmarker import Landmarker

    pacer, observations, records = FramePacer(ECO_MAX_FPS), [], []
    engine = Engine(source="eco", settings=Settings())
    last_t = 0.0
    with open_source(str(path)) as source, Landmarker(pose_max_fps=ECO_POSE_MAX_FPS,
                                                      pose_catch_up=catch_up) as landmarker:
        for frame in source:
            last_t = frame.t
            if pacer.due(frame.t):
                observation = landmarker.detect(frame)
                observations.append(observation)
                records.append(engine.step(observation).record)
        runs = landmarker.pose_runs
    return runs, last_t, observations, records


@pytest.mark.skipif(not REAL_CAPTURE.is_file(), reason=f"{REAL_CAPTURE} is absent (the shared data set)")
def test_eco_on_a_real_capture_runs_pose_about_once_a_second_and_holds_posture_between():
    from coach.rules.posture import observe_posture

    runs, seconds, observations, records = _eco_pass(REAL_CAPTURE, catch_up=False)
    catching_up, _, _, _ = _eco_pass(REAL_CAPTURE, catch_up=True)
    assert seconds > 10
    assert runs <= seconds + 3  # once a second (+ the first frame and a retry or two after losing him)
    assert catching_up > 2 * runs  # the old rule ran Pose off its turn whenever the face came or went
    stale = [k for k, obs in enumerate(observations) if obs.extras.get(BODY_STALE)]
    assert stale  # her face came, went or moved between Pose runs
    differs = 0
    for k in stale:
        assert k > 0 and records[k].posture is records[k - 1].posture  # held, not measured again
        assert records[k].body_found  # the panel still shows a body: no flicker
        measured = observe_posture(observations[k])  # what the stale body with this face would say
        differs += measured != records[k].posture
    assert differs  # holding changed what would have been judged
    modes = [r.posture.mode if r.posture else "" for r in records]
    assert all(modes[k] == modes[k - 1] for k in stale)
