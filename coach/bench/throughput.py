"""Throughput: bare MediaPipe vs the coach's full pipeline vs OpenCV's Haar cascades, per stage.

Every frame goes through each of them, one right after the other and in an order that rotates
from frame to frame, so a noisy neighbour slows them alike and the ratios hold even when the
absolute times wander:

* bare: `mp.solutions` FaceMesh (refine_landmarks, up to 4 faces) + Pose (model_complexity=1)
  with the options `coach.vision.landmarker.Landmarker` uses, on the RGB picture marked
  read-only (as MediaPipe's own examples do, so the models take it without copying);
* full: `Landmarker.detect` (the same two models plus picking the staff member, small-face
  rescue, pixel coordinates) + `Engine.step` (rules and trackers) + `overlay.draw` at the size
  the live page shows (`overlay.PREVIEW_MAX_SIDE`);
* full with Pose capped: the same with its own landmarker and engine, Pose at most
  `LIVE_POSE_MAX_FPS` times a second of frame time (as the live coach runs it); how often Pose
  actually ran depends on the clip's frame rate and on how much the face moves, and is counted;
* Haar: OpenCV's frontal-face + smile cascades (`coach.evaluation.HaarSmile`, as in evaluate).

Where the full pipeline's time goes is measured inside it: for the run, the landmarker's two
models and the engine's three rule calls are wrapped in stand-ins that time each call and pass
it on (put back afterwards). The landmarker's own work is its time minus its models'; the
trackers' is the engine's step minus the rules. Should either module change shape so that the
wrappers cannot be put in, the split falls back to the bare models' times and to the rules run
once more on their own, and says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from coach.bench.clips import FrameSet, frames
from coach.bench.probe import StageTimes
from coach.types import Frame

BARE_STAGES = ("rgb", "face_mesh", "pose")
FULL_STAGES = ("detect", "engine", "overlay")
CAPPED_STAGES = ("capped_detect", "capped_engine", "capped_overlay")
STAGES = ("decode", "face_mesh", "pose", "landmarker_own", "rules", "trackers", "overlay")


@dataclass
class ThroughputResult:
    frame_set: FrameSet
    frames: int = 0  # measured frames (after warm-up)
    times: StageTimes = field(default_factory=StageTimes)
    found: dict[str, int] = field(default_factory=dict)  # frames where each method found a face
    inside: bool = True  # stages measured inside the pipeline (False: the fallback estimates)
    pose_cap: float | None = None  # the capped pipeline's Pose rate (None: no such row)
    capped_pose_runs: int = 0  # measured frames on which the capped pipeline ran Pose

    def mean_ms(self, *stages: str) -> float:
        """Wall milliseconds per measured frame spent in `stages` (a stage a frame skipped counts 0)."""
        return 1000 * sum(self.times.total_s(stage) for stage in stages) / max(self.frames, 1)

    def cpu_ms(self, *stages: str) -> float:
        """CPU milliseconds (all threads) per measured frame spent in `stages`."""
        return 1000 * sum(self.times.total_s(stage, cpu=True) for stage in stages) / max(self.frames, 1)

    @property
    def bare_ms(self) -> float:
        return self.mean_ms(*BARE_STAGES)

    @property
    def full_ms(self) -> float:
        return self.mean_ms(*FULL_STAGES)

    @property
    def capped_ms(self) -> float:
        return self.mean_ms(*CAPPED_STAGES)

    @property
    def haar_ms(self) -> float:
        return self.mean_ms("haar")

    def stage_ms(self, cpu: bool = False) -> dict[str, float]:
        """Milliseconds per frame of each stage of the full pipeline (decode included): wall time,
        or with `cpu` the process's CPU time (all threads)."""
        mean = self.cpu_ms if cpu else self.mean_ms
        prefix = "pipeline_" if self.inside else ""
        face_mesh, pose, rules = mean(prefix + "face_mesh"), mean(prefix + "pose"), mean(prefix + "rules")
        models = face_mesh + pose if self.inside else mean(*BARE_STAGES)
        return {
            "decode": mean("decode"),
            "face_mesh": face_mesh,
            "pose": pose,
            # Derived stages are differences of two timers: below the timers' own overhead they
            # can come out a little negative, which means "too small to measure", not time saved.
            "landmarker_own": max(mean("detect") - models, 0.0),
            "rules": rules,
            "trackers": max(mean("engine") - rules, 0.0),
            "overlay": mean("overlay"),
        }

    def slowest_stage(self) -> tuple[str, float]:
        stages = self.stage_ms()
        name = max(stages, key=stages.get)
        return name, stages[name]


class _BareMediaPipe:
    """FaceMesh + Pose straight from `mp.solutions`, with the landmarker's options."""

    def __init__(self, max_num_faces: int, min_detection_confidence: float = 0.5,
                 min_tracking_confidence: float = 0.5) -> None:
        import mediapipe as mp

        self.face_mesh = mp.solutions.face_mesh.FaceMesh(
            static_image_mode=False, max_num_faces=max_num_faces, refine_landmarks=True,
            min_detection_confidence=min_detection_confidence,
            min_tracking_confidence=min_tracking_confidence)
        self.pose = mp.solutions.pose.Pose(
            static_image_mode=False, model_complexity=1, enable_segmentation=False,
            min_detection_confidence=min_detection_confidence,
            min_tracking_confidence=min_tracking_confidence)

    def close(self) -> None:
        self.face_mesh.close()
        self.pose.close()


class _TimedModel:
    """Stands in for a MediaPipe solution: `process` is timed into the current frame's stage."""

    def __init__(self, model, stage: str, owner: _Contenders) -> None:
        self.model, self.stage, self.owner = model, stage, owner

    def process(self, image):
        return self.owner.current.time(self.stage, self.model.process, image)

    def __getattr__(self, name: str):
        return getattr(self.model, name)


class _Contenders:
    """The three ways of looking at a frame, each timing its stages into the `StageTimes` given."""

    def __init__(self, frame_set: FrameSet, with_haar: bool) -> None:
        from coach.engine import Engine
        from coach.evaluation import HaarSmile
        from coach.vision.landmarker import Landmarker
        from coach.vision.pacer import LIVE_POSE_MAX_FPS

        self.landmarker = Landmarker()
        self.bare = _BareMediaPipe(self.landmarker.max_num_faces)
        self.engine = Engine(source=frame_set.label)
        self.capped = Landmarker(pose_max_fps=LIVE_POSE_MAX_FPS)
        self.capped_engine = Engine(source=frame_set.label)
        self.haar = HaarSmile() if with_haar else None
        self.current = StageTimes()
        self._restore: list[tuple[object, str, object]] = []
        self.inside = self._instrument()

    def _instrument(self) -> bool:
        """Wrap the landmarker's models and the engine's rule calls; False (nothing wrapped) when
        they are not where this expects them."""
        import coach.engine as engine_module

        models = [(name, getattr(self.landmarker, name, None)) for name in ("_face_mesh", "_pose")]
        rules = _rule_calls(engine_module)
        usable = all(hasattr(model, "process") for _, model in models) and bool(rules)
        if not usable:
            return False
        for (name, model), stage in zip(models, ("pipeline_face_mesh", "pipeline_pose"), strict=True):
            self._restore.append((self.landmarker, name, model))
            setattr(self.landmarker, name, _TimedModel(model, stage, self))
        for name, function in rules:
            self._restore.append((engine_module, name, function))
            setattr(engine_module, name, self._timed_rule(function))
        return True

    def _timed_rule(self, function):
        def timed(*args, **kwargs):
            return self.current.time("pipeline_rules", function, *args, **kwargs)

        return timed

    def order(self, turn: int) -> list:
        """The contenders, rotated by `turn`: none is always the first (or last) to touch a picture."""
        blocks = [self.run_bare, self.run_full, self.run_capped]
        if self.haar is not None:
            blocks.append(self.run_haar)
        turn %= len(blocks)
        return blocks[turn:] + blocks[:turn]

    def run_bare(self, frame: Frame, times: StageTimes) -> bool:
        import cv2

        rgb = times.time("rgb", cv2.cvtColor, frame.image, cv2.COLOR_BGR2RGB)
        rgb.flags.writeable = False  # as MediaPipe's own examples do: the models take it by reference
        mesh = times.time("face_mesh", self.bare.face_mesh.process, rgb)
        times.time("pose", self.bare.pose.process, rgb)
        return bool(mesh.multi_face_landmarks)

    def run_full(self, frame: Frame, times: StageTimes) -> bool:
        from coach.vision.overlay import draw

        self.current = times
        obs = times.time("detect", self.landmarker.detect, frame)
        if not self.inside:
            times.time("rules", _rules, self.engine, obs)
        step = times.time("engine", self.engine.step, obs)
        times.time("overlay", draw, frame.image, obs, step.record)
        return obs.face is not None

    def run_capped(self, frame: Frame, times: StageTimes) -> bool:
        """The full pipeline with Pose capped (its models are not wrapped: timed as a whole)."""
        from coach.vision.overlay import draw

        obs = times.time("capped_detect", self.capped.detect, frame)
        step = times.time("capped_engine", self.capped_engine.step, obs)
        times.time("capped_overlay", draw, frame.image, obs, step.record)
        return obs.face is not None

    def run_haar(self, frame: Frame, times: StageTimes) -> bool:
        from coach.evaluation import HAAR_NO_SMILE

        return times.time("haar", self.haar.score, frame.image) > HAAR_NO_SMILE

    def close(self) -> None:
        for owner, name, original in reversed(self._restore):
            setattr(owner, name, original)
        self._restore.clear()
        self.landmarker.close()
        self.capped.close()
        self.bare.close()


def _rule_calls(engine_module) -> list[tuple[str, Callable]]:
    """The pure rule functions the engine module calls: whatever it imported from `coach.rules`."""
    return [(name, value) for name, value in vars(engine_module).items()
            if callable(value) and not isinstance(value, type)
            and (getattr(value, "__module__", "") or "").startswith("coach.rules.")]


def _rules(engine, obs) -> None:
    """The pure measures as the engine calls them (the fallback: timed apart from its trackers)."""
    from coach.rules.gaze import measure_gaze
    from coach.rules.posture import observe_posture
    from coach.rules.smile import measure_smile

    s = engine.settings
    if obs.face is not None:
        measure_smile(obs.face, s.smile, engine.smile_baseline)
        measure_gaze(obs.face, s.gaze)
    observe_posture(obs, s.posture, engine.posture_baseline)


def measure(frame_set: FrameSet, limit: int, *, warmup: int = 5, with_haar: bool = True,
            progress: Callable[[int], None] | None = None) -> ThroughputResult:
    """Run `warmup + limit` frames of `frame_set` through bare MediaPipe, the full pipeline and
    (optionally) the Haar cascades; times of the first `warmup` frames are left out."""
    result = ThroughputResult(frame_set)
    contenders = _Contenders(frame_set, with_haar)
    result.inside = contenders.inside
    result.pose_cap = contenders.capped.pose_max_fps
    names = {contenders.run_bare: "bare", contenders.run_full: "full", contenders.run_capped: "capped",
             contenders.run_haar: "haar"}
    result.found = {"bare": 0, "full": 0, "capped": 0} | ({"haar": 0} if with_haar else {})
    try:
        source = frames(frame_set, warmup + limit)
        done = 0
        while True:
            times = StageTimes()
            cpu0, wall0 = time.process_time(), time.perf_counter()
            frame = next(source, None)
            if frame is None:
                break
            times.add("decode", time.perf_counter() - wall0, time.process_time() - cpu0)
            pose_runs = contenders.capped.pose_runs
            found = {names[block]: block(frame, times) for block in contenders.order(done)}
            if done >= warmup:
                result.times.merge_frame(times)
                result.frames += 1
                result.capped_pose_runs += contenders.capped.pose_runs - pose_runs
                for name, hit in found.items():
                    result.found[name] += hit
            done += 1
            if progress is not None:
                progress(done)
    finally:
        contenders.close()
    return result
