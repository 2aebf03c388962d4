"""Which files of a folder the coach can review: videos and pictures, found recursively."""

from __future__ import annotations

from pathlib import Path

from coach.vision.sources import IMAGE_EXTENSIONS, VIDEO_EXTENSIONS


def find_media(folder: Path, *, exclude: Path | None = None) -> list[Path]:
    """Videos and pictures under `folder`, recursively, sorted; hidden entries and `exclude` skipped."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if exclude is not None and (path == exclude or exclude in path.parents):
            continue
        # not only regular files: a broken link or a FIFO named like a video must reach failures.csv
        if not path.is_dir() and path.suffix.lower() in VIDEO_EXTENSIONS | IMAGE_EXTENSIONS:
            found.append(path)
    return found


def is_image(path: str | Path) -> bool:
    return Path(path).suffix.lower() in IMAGE_EXTENSIONS
