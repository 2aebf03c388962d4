"""Landmarks of every frame of a clip, kept in a cache file so rules can be re-judged cheaply.

Running MediaPipe over a clip is the slow part of an evaluation; the rules and trackers after it
take milliseconds. `clip_observations(path, cache_dir=...)` runs the landmarker once, exactly as
`coach review` does (video mode, every frame, Pose on every frame), and stores the landmarks as
numbers (no pixels) in an `.npz` file keyed by the clip's name, size and modification time and
by whether blendshapes were asked for. Later calls read the file back as `Observation`s.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from coach.types import Body, Face, Observation

FACE_POINTS = 478
BODY_POINTS = 33
# Bumped when what the landmarker returns changes in a way that makes old cache files wrong.
CACHE_VERSION = "2"  # 2: frame brightness, face and surround luma


def cache_key(path: Path, blendshapes: bool) -> str:
    stat = path.stat()
    text = f"{CACHE_VERSION}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{int(blendshapes)}"
    return f"{path.stem}-{hashlib.sha1(text.encode()).hexdigest()[:12]}"


def clip_observations(
    path: str | Path,
    *,
    cache_dir: str | Path | None = None,
    blendshapes_model: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Observation]:
    """Every frame's observation of the clip at `path` (cached under `cache_dir` when given)."""
    path = Path(path)
    cache_file = None
    if cache_dir is not None:
        cache_file = Path(cache_dir) / f"{cache_key(path, blendshapes_model is not None)}.npz"
        if cache_file.is_file():
            return load_observations(cache_file)
    observations = _run_landmarker(path, blendshapes_model, progress)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        save_observations(cache_file, observations)
    return observations


def _run_landmarker(path: Path, blendshapes_model: str | Path | None,
                    progress: Callable[[int], None] | None) -> list[Observation]:
    from coach.vision.landmarker import Landmarker
    from coach.vision.sources import open_source

    observations: list[Observation] = []
    with open_source(path) as source, \
            Landmarker(static_image_mode=False, blendshapes_model=blendshapes_model) as landmarker:
        for frame in source:
            observations.append(landmarker.detect(frame))
            if progress is not None:
                progress(len(observations))
    return observations


def save_observations(file: Path, observations: Sequence[Observation]) -> None:
    count = len(observations)
    face = np.full((count, FACE_POINTS, 3), np.nan, dtype=np.float32)
    body = np.full((count, BODY_POINTS, 3), np.nan, dtype=np.float32)
    visibility = np.zeros((count, BODY_POINTS), dtype=np.float32)
    names = sorted({name for obs in observations if obs.face is not None and obs.face.blendshapes
                    for name in obs.face.blendshapes})
    shapes = np.full((count, len(names)), np.nan, dtype=np.float32)
    for i, obs in enumerate(observations):
        if obs.face is not None:
            face[i] = obs.face.points
            for j, name in enumerate(names):
                shapes[i, j] = (obs.face.blendshapes or {}).get(name, np.nan)
        if obs.body is not None:
            body[i] = obs.body.points
            visibility[i] = obs.body.visibility
    tmp = file.with_suffix(".tmp.npz")
    np.savez_compressed(
        tmp,
        t=np.array([obs.t for obs in observations], dtype=np.float64),
        index=np.array([obs.frame_index for obs in observations], dtype=np.int64),
        size=np.array([(obs.width, obs.height) for obs in observations], dtype=np.int64).reshape(count, 2),
        faces_in_view=np.array([obs.faces_in_view for obs in observations], dtype=np.int64),
        light=np.array([[_num(obs.brightness), _num(obs.face_luma), _num(obs.surround_luma)]
                        for obs in observations], dtype=np.float32).reshape(count, 3),
        face=face, body=body, visibility=visibility, shapes=shapes, shape_names=np.array(names, dtype=str),
    )
    tmp.replace(file)


def load_observations(file: Path) -> list[Observation]:
    with np.load(file, allow_pickle=False) as archive:
        data = {name: archive[name] for name in archive.files}  # each member decompressed once
    names = [str(n) for n in data["shape_names"]]
    light = data["light"] if "light" in data else np.full((len(data["t"]), 3), np.nan)
    out: list[Observation] = []
    for i, t in enumerate(data["t"]):
        # The frame's size goes back on the face and body as the landmarker set it: the posture
        # rules judge the face's size and place in the frame.
        size = (int(data["size"][i][0]), int(data["size"][i][1]))
        face = None
        if np.isfinite(data["face"][i]).all():
            shapes = None
            if names and np.isfinite(data["shapes"][i]).all():
                shapes = {name: float(v) for name, v in zip(names, data["shapes"][i], strict=True)}
            face = Face(points=data["face"][i].copy(), blendshapes=shapes, frame_size=size)
        body = None
        if np.isfinite(data["body"][i]).all():
            body = Body(points=data["body"][i].copy(), visibility=data["visibility"][i].copy(),
                        frame_size=size)
        width, height = size
        brightness, face_luma, surround_luma = (_value(v) for v in light[i])
        out.append(Observation(t=float(t), frame_index=int(data["index"][i]), width=width, height=height,
                               face=face, body=body, faces_in_view=int(data["faces_in_view"][i]),
                               brightness=brightness, face_luma=face_luma, surround_luma=surround_luma))
    return out


def _num(value: float | None) -> float:
    return np.nan if value is None else float(value)


def _value(number: float) -> float | None:
    return float(number) if np.isfinite(number) else None
