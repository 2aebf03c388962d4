"""What a batch has to do: the files of a folder, how each is recognised again, and how a long
video is cut into chunks.

A file is known by its path relative to the input folder plus its size and modification time,
so a rerun recognises what it already finished, and a file replaced by a new recording (same
name, other size or time) is analysed again. The analysis options that change results
(sampling, settings…) are folded into one fingerprint: a rerun with other options redoes the
files. The language is not among them: it changes no figure, so `--lang en` does not re-analyse.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

from coach.media import find_media
from coach.review import ReviewOptions
from coach.vision.sources import IMAGE_EXTENSIONS

# Seconds analysed before a chunk's start and then dropped, so that MediaPipe's tracking and the
# landmarker's memory of the chosen face (2 s) are settled when the chunk's own frames begin.
DEFAULT_WARMUP_S = 3.0


@dataclass(frozen=True)
class MediaFile:
    """One input file: where it is and what it looked like when the batch saw it."""

    path: str  # absolute
    rel: str  # relative to the input folder, with forward slashes: the `source` of its rows
    size: int
    mtime_ns: int

    @property
    def is_image(self) -> bool:
        return Path(self.path).suffix.lower() in IMAGE_EXTENSIONS

    @classmethod
    def at(cls, path: Path, rel: str) -> MediaFile:
        try:
            stat = path.stat()
        except OSError:  # a broken link: listed all the same, it fails as a missing file
            stat = path.lstat()
        return cls(str(path.resolve()), rel, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class Chunk:
    """Frames with `start <= t < end` (seconds of video time) belong to this chunk; frames from
    `start - warmup_s` are analysed too but only to settle the landmarker, then dropped."""

    index: int
    count: int
    start: float
    end: float
    warmup_s: float = DEFAULT_WARMUP_S

    def owns(self, t: float) -> bool:
        return self.start <= t < self.end

    def warms_up(self, t: float) -> bool:
        return self.start - self.warmup_s <= t < self.start


def plan_chunks(duration_s: float | None, chunk_s: float | None, warmup_s: float = DEFAULT_WARMUP_S
                ) -> list[Chunk] | None:
    """Chunks for a video of `duration_s` seconds cut every `chunk_s` seconds; None = one task.

    Borders sit at whole multiples of `chunk_s`; the first chunk starts at -inf and the last
    ends at +inf, so every frame belongs to exactly one chunk even when the container's stated
    duration is a little off. A video shorter than two chunks is not cut.
    """
    if not chunk_s or not duration_s or duration_s < 2 * chunk_s:
        return None
    count = math.ceil(duration_s / chunk_s - 1e-9)
    borders = [-math.inf, *(k * chunk_s for k in range(1, count)), math.inf]
    return [Chunk(k, count, borders[k], borders[k + 1], warmup_s) for k in range(count)]


def plan_even_chunks(duration_s: float | None, count: int, warmup_s: float = DEFAULT_WARMUP_S
                     ) -> list[Chunk] | None:
    """`count` chunks of a video of `duration_s` seconds that each analyse as much video, their
    warm-up included: every chunk but the first also analyses `warmup_s` seconds before its start,
    so the first gets that much more of its own. One chunk per core finishes together this way,
    instead of the last ones waiting on their warm-up (the review's own cut, one chunk per core).
    None when the video is too short to give each later chunk more than its warm-up."""
    if count < 2 or not duration_s:
        return None
    analysed = (duration_s + (count - 1) * warmup_s) / count  # what each chunk analyses
    own_later = analysed - warmup_s  # of which a later chunk's own frames
    if own_later <= warmup_s:
        return None
    borders = [-math.inf, *(analysed + k * own_later for k in range(count - 1)), math.inf]
    return [Chunk(k, count, borders[k], borders[k + 1], warmup_s) for k in range(count)]


def list_files(folder: Path, outdir: Path) -> list[MediaFile]:
    """Videos and pictures under `folder` (recursively, sorted), the output folder left out."""
    exclude = outdir.resolve() if outdir.resolve() != folder.resolve() else None
    return [MediaFile.at(path, path.relative_to(folder).as_posix())
            for path in find_media(folder, exclude=exclude)]


def options_fingerprint(options: ReviewOptions, per_frame_landmarks: bool) -> str:
    """A short hash of everything that changes a file's results (not how the work is spread, nor
    the language the texts are written in)."""
    return _hash(_fingerprint_fields(options, per_frame_landmarks))


def legacy_fingerprints(options: ReviewOptions, per_frame_landmarks: bool) -> set[str]:
    """The fingerprints earlier versions gave the same options (they folded the language in), so
    their finished files still count as finished."""
    fields = _fingerprint_fields(options, per_frame_landmarks)
    return {_hash({**fields, "lang": lang}) for lang in ("zh-CN", "en")}


def _fingerprint_fields(options: ReviewOptions, per_frame_landmarks: bool) -> dict:
    settings = options.settings.to_dict() if options.settings is not None else None
    fields = {
        "stride": options.stride, "fps": options.fps, "annotate": options.annotate,
        "blendshapes": options.blendshapes_model, "settings": settings,
        "per_frame_landmarks": per_frame_landmarks,
    }
    if options.pose_fps is not None:  # only when set, so earlier batches' fingerprints still match
        fields["pose_fps"] = options.pose_fps
    return fields


def _hash(fields: dict) -> str:
    blob = json.dumps(fields, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
