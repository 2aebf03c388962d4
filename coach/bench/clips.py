"""The frames the benchmarks run on.

Always available: the project's own sample clips (`sample_videos/`, built from a public-domain
photo by `coach.samples`). Optional: real clips listed in a labeled data set's MANIFEST.csv
(`--data DIR`, rows whose category starts with "video"). Real clips are decoded and resized in
memory only; the one clip written to disk is made from the sample (for the review benchmark,
which needs a file), in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.i18n import t
from coach.types import Frame
from coach.vision.sources import VIDEO_EXTENSIONS, SourceError, open_source

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_videos"
DEFAULT_SAMPLE = "default_session.mp4"


class BenchInputError(Exception):
    """An input the bench cannot use; `str(error)` is one translated line."""


@dataclass(frozen=True)
class FrameSet:
    """Where a benchmark's frames come from: one or more video files, shown at `width`×`height`."""

    label: str
    paths: tuple[Path, ...]
    width: int
    height: int


def sample_clip(name: str = DEFAULT_SAMPLE, lang: str | None = None) -> Path:
    """The path of a bundled sample clip; BenchInputError when sample_videos/ lacks it."""
    path = SAMPLE_DIR / name
    if not path.is_file():
        raise BenchInputError(t("bench.error.no_sample", lang, path=path))
    return path


def manifest_clips(data_dir: str | Path, lang: str | None = None) -> list[Path]:
    """Video files listed in `data_dir`/MANIFEST.csv under a category starting with "video"."""
    data_dir = Path(data_dir)
    manifest = data_dir / "MANIFEST.csv" if data_dir.is_dir() else data_dir
    if not manifest.is_file():
        raise BenchInputError(t("bench.error.no_manifest", lang, path=manifest))
    try:
        with open(manifest, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as problem:
        raise BenchInputError(t("bench.error.bad_manifest", lang, path=manifest, detail=problem)) from problem
    if not rows or "file" not in rows[0] or "category" not in rows[0]:
        raise BenchInputError(t("bench.error.bad_manifest", lang, path=manifest, detail="file,category"))
    clips = []
    for row in rows:
        path = manifest.parent / (row.get("file") or "")
        if (row.get("category") or "").startswith("video") and path.suffix.lower() in VIDEO_EXTENSIONS \
                and path.is_file():
            clips.append(path)
    if not clips:
        raise BenchInputError(t("bench.error.no_clips", lang, path=manifest))
    return clips


def letterbox(image: np.ndarray, width: int, height: int) -> np.ndarray:
    """`image` scaled to fit `width`×`height` without distortion, the rest filled by repeating its
    edge pixels (a plain border would be an artificial hard edge next to the person)."""
    import cv2

    h, w = image.shape[:2]
    if (w, h) == (width, height):
        return image
    scale = min(width / w, height / h)
    new_w, new_h = max(1, round(w * scale)), max(1, round(h * scale))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    resized = cv2.resize(image, (new_w, new_h), interpolation=interpolation)
    left, top = (width - new_w) // 2, (height - new_h) // 2
    return cv2.copyMakeBorder(resized, top, height - new_h - top, left, width - new_w - left,
                              cv2.BORDER_REPLICATE)


def frames(frame_set: FrameSet, limit: int, lang: str | None = None) -> Iterator[Frame]:
    """Up to `limit` frames of `frame_set`, resized to its size; the clips' first frames, an equal
    share of `limit` from each, with times running on across clips. Decoding and resizing happen
    as each frame is asked for, so timing `next()` times the decode stage."""
    if limit <= 0:
        return
    share = -(-limit // len(frame_set.paths))
    offset, index = 0.0, 0
    for path in frame_set.paths:
        taken, last_t = 0, 0.0
        try:
            source = open_source(path)
        except SourceError as problem:
            raise BenchInputError(str(problem)) from problem
        with source:
            for frame in source:
                if taken >= share or index >= limit:
                    break
                image = letterbox(frame.image, frame_set.width, frame_set.height)
                last_t = frame.t
                yield Frame(t=offset + frame.t, index=index, image=image)
                taken += 1
                index += 1
        offset += last_t + 1.0 / 30
        if index >= limit:
            return


def looping_frames(path: Path, lang: str | None = None) -> Iterator[np.ndarray]:
    """The pictures of a clip, over and over (a stand-in for a camera that never ends)."""
    while True:
        got_any = False
        try:
            source = open_source(path)
        except SourceError as problem:
            raise BenchInputError(str(problem)) from problem
        with source:
            for frame in source:
                got_any = True
                yield frame.image
        if not got_any:
            raise BenchInputError(t("bench.error.no_frames", lang, path=path))


def write_clip(sources: Sequence[Path], target: Path, width: int, height: int, fps: float, seconds: float,
               lang: str | None = None) -> tuple[Path, int]:
    """A `width`×`height` H.264 clip of `seconds` at `fps` from the sources' frames, one after the
    other (looping if they run out), stamped k / fps — a source recorded at 15 fps plays twice as
    fast as a 30 fps clip. Returns the path and the number of frames written."""
    from coach.sinks import H264Writer

    wanted = max(1, round(seconds * fps))
    written = 0
    with H264Writer(target, fps=fps, crf=23, preset="veryfast") as writer:
        while written < wanted:
            before = written
            for path in sources:
                frame_set = FrameSet(path.name, (path,), width, height)
                for frame in frames(frame_set, wanted - written, lang):
                    writer.write(frame.image, written / fps)
                    written += 1
                if written >= wanted:
                    break
            if written == before:
                raise BenchInputError(t("bench.error.no_frames", lang, path=sources[0]))
    return target, written
