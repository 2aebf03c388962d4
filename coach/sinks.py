"""Where the pipeline's results go: timeline CSV, events CSV, summary JSON, an annotated video.

Every sink is a context manager with the same two hooks the pipeline calls:
`on_step(frame, obs, step)` for each analysed frame and `on_finish(events, summary, source)`
when a source is done. One sink may receive several sources in turn (a folder review writes
one timeline for all of its videos; the `source` column tells them apart).

The CSV sinks flush every row, so if the process dies what was written so far is on disk.
Files that are only useful whole (summary.json, the annotated video) are written to a
temporary name and renamed into place. A full disk raises `SinkError` (a translation key and
values, shown by the CLI or the panel in the reader's language); the rows already written stay.

Sinks take no language: the one column written for people (events.csv's `detail`) is rendered by
coach.vocabulary in the process's language (COACH_LANG, which `python -m coach --lang` sets).
"""

from __future__ import annotations

import contextlib
import csv
import errno
import json
import math
import os
import tempfile
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from coach.cells import safe_cell
from coach.errors import CoachError
from coach.readings import TIMELINE_COLUMNS, Event, Record
from coach.types import Frame, Observation
from coach.vision.sources import format_clock
from coach.vocabulary import describe

# start/end as hh:mm:ss for people; start_s/end_s (seconds) for programs, e.g. to seek a player
EVENT_COLUMNS: tuple[str, ...] = ("source", "start", "end", "kind", "detail", "start_s", "end_s")


class SinkError(CoachError):
    """An output cannot be written: `reason` is a short code, `key` and `values` the message
    (`message(lang)`; `str(error)` in the process's language)."""

    def __init__(self, reason: str, key: str, **values: object) -> None:
        super().__init__(key, **values)
        self.reason = reason


def output_error(error: OSError, path: str | Path) -> SinkError:
    """The SinkError to show for an OSError raised while writing `path`."""
    if getattr(error, "errno", None) == errno.ENOSPC:
        return SinkError("disk_full", "vision.error.disk_full", path=path)
    if getattr(error, "errno", None) in (errno.EEXIST, errno.ENOTDIR):  # a file where a folder must be
        where = getattr(error, "filename", None) or path
        return SinkError("not_a_folder", "security.not_a_folder", path=where)
    detail = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return SinkError("cannot_write", "vision.error.cannot_write", path=path, detail=detail)


class Sink:
    """Base: a context manager whose hooks do nothing. Subclasses override what they need."""

    def on_step(self, frame: Frame, obs: Observation, step: Any) -> None:
        """Called for each analysed frame; `step` has `.record`, `.events`, `.state`."""

    def on_finish(self, events: list[Event], summary: dict, source: str) -> None:
        """Called once per source after the engine's last events and summary are known."""

    def close(self) -> None:
        """Flush and release the file. Safe to call more than once."""

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _CsvSink(Sink):
    columns: tuple[str, ...] = ()

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.rows = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "w", newline="", encoding="utf-8")  # noqa: SIM115 - held open
            self._writer = csv.DictWriter(self._file, fieldnames=self.columns, extrasaction="ignore")
            self._writer.writeheader()
            self._file.flush()
            self._whole = os.fstat(self._file.fileno()).st_size  # bytes up to the end of the last whole row
        except OSError as error:
            raise output_error(error, self.path) from error

    def write_row(self, row: dict[str, object]) -> None:
        """Write one row, whole or not at all (a full disk leaves no half row behind). Text that a
        spreadsheet would run as a formula is neutralised (coach.cells)."""
        if self._file is None:
            raise ValueError(f"{self.path} is closed")
        try:
            self._writer.writerow({key: safe_cell(value) for key, value in row.items()})
            self._file.flush()
            self._whole = os.fstat(self._file.fileno()).st_size
        except OSError as error:
            self._abandon()
            raise output_error(error, self.path) from error
        self.rows += 1

    def _abandon(self) -> None:
        """Drop what cannot be written (the disk is full), cut the file back to its last whole row,
        and let go of it."""
        file, self._file = self._file, None
        if file is not None:
            with contextlib.suppress(OSError):
                file.close()
            with contextlib.suppress(OSError):
                os.truncate(self.path, self._whole)

    def close(self) -> None:
        file, self._file = self._file, None
        if file is not None:
            try:
                file.close()
            except OSError as error:
                raise output_error(error, self.path) from error


class TimelineCsvSink(_CsvSink):
    """`timeline.csv`: one row per analysed frame, columns `coach.readings.TIMELINE_COLUMNS`."""

    columns = TIMELINE_COLUMNS

    def on_step(self, frame: Frame, obs: Observation, step: Any) -> None:
        self.write_record(step.record)

    def write_record(self, record: Record) -> None:
        self.write_row(record.as_row())


class EventsCsvSink(_CsvSink):
    """`events.csv`: one row per event (source, start, end, kind, detail, start_s, end_s).

    An event the engine reports while it is still going (no end yet) is held until its end
    arrives, so each event is written once, complete; events still open when a source finishes
    are written with an empty end.
    """

    columns = EVENT_COLUMNS

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        self._open: dict[tuple[str, float], Event] = {}
        self._written: set[tuple[str, float, float | None]] = set()
        self._source = ""

    def on_step(self, frame: Frame, obs: Observation, step: Any) -> None:
        self._source = step.record.source
        self.add(step.events, self._source)

    def on_finish(self, events: list[Event], summary: dict, source: str) -> None:
        self.add(events, source)
        for event in sorted(self._open.values(), key=lambda e: e.start):
            self._write(event, source)
        self._open.clear()

    def add(self, events: Iterable[Event], source: str) -> None:
        for event in events:
            key = (event.kind, round(event.start, 3))
            if event.end is None:
                self._open[key] = event
            else:
                self._open.pop(key, None)
                self._write(event, source)

    def _write(self, event: Event, source: str) -> None:
        key = (event.kind, round(event.start, 3), None if event.end is None else round(event.end, 3))
        if key in self._written:
            return
        self._written.add(key)
        self.write_row({
            "source": source,
            "start": format_clock(event.start),
            "end": "" if event.end is None else format_clock(event.end),
            "kind": event.kind,
            "detail": describe(event),
            "start_s": round(event.start, 3),
            "end_s": "" if event.end is None else round(event.end, 3),
        })


def _file_mode() -> int:
    """The mode a plainly created file gets here: 0666 less the process umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_PUBLIC_FILE_MODE = _file_mode()


def write_json_atomic(path: str | Path, data: Any) -> Path:
    """Write `data` as UTF-8 JSON through a temporary file in the same folder, then rename it into
    place: readers see the old file or the new one, never half of one."""
    path = Path(path)
    text = json.dumps(_jsonable(data), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    tmp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False) as tmp:
            tmp_name = tmp.name
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, _PUBLIC_FILE_MODE)  # a temporary file starts private (0600)
        os.replace(tmp_name, path)
    except OSError as error:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
        raise output_error(error, path) from error
    return path


def _jsonable(value: Any) -> Any:
    """Plain JSON types: numpy scalars/arrays unwrapped, NaN/inf as null, dataclasses as dicts."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return _jsonable(value.tolist())
    if isinstance(value, np.generic):
        return _jsonable(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Path):
        return str(value)
    return value


# The MPEG clock: 1/15, 1/25, 1/30 and 1/29.97 s are all whole numbers of ticks.
_TICKS_PER_SECOND = 90_000


class H264Writer:
    """Writes BGR pictures to an H.264 MP4 (yuv420p, +faststart) that browsers play.

    Each picture is stamped with its own time, so a video analysed with a stride still plays at
    the original speed. Written to a temporary name and renamed into place when closed.
    """

    def __init__(self, path: str | Path, *, fps: float = 15.0, crf: int = 23,
                 preset: str = "veryfast") -> None:
        import av

        if "libx264" not in av.codecs_available:
            raise SinkError("no_h264", "vision.error.no_h264")
        self.path = Path(path)
        self.fps = fps if fps and fps > 0 else 15.0
        self.crf = crf
        self.preset = preset
        self.frames = 0
        self._tmp = self.path.with_name(f".{self.path.name}.partial")
        self._container = None
        self._stream = None
        self._size: tuple[int, int] | None = None
        self._last_pts = -1

    def write(self, image: np.ndarray, t: float) -> None:
        import av

        try:
            if self._container is None:
                self._open(image)
            width, height = self._size
            if image.shape[1] != width or image.shape[0] != height:
                import cv2

                image = cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)
            picture = av.VideoFrame.from_ndarray(np.ascontiguousarray(image), format="bgr24")
            pts = max(int(round(t * _TICKS_PER_SECOND)), self._last_pts + 1)
            picture.pts, picture.time_base = pts, Fraction(1, _TICKS_PER_SECOND)
            self._last_pts = pts
            for packet in self._stream.encode(picture):
                self._container.mux(packet)
            self.frames += 1
        except OSError as error:
            self._discard()
            raise output_error(error, self.path) from error

    def _open(self, image: np.ndarray) -> None:
        import av

        self.path.parent.mkdir(parents=True, exist_ok=True)
        # yuv420p needs even sides
        height, width = image.shape[0] // 2 * 2, image.shape[1] // 2 * 2
        self._container = av.open(str(self._tmp), "w", format="mp4", options={"movflags": "+faststart"})
        stream = self._container.add_stream("libx264", rate=Fraction(self.fps).limit_denominator(1001))
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.codec_context.time_base = Fraction(1, _TICKS_PER_SECOND)
        stream.options = {"crf": str(self.crf), "preset": self.preset}
        self._stream = stream
        self._size = (width, height)

    def _discard(self) -> None:
        container, self._container = self._container, None
        if container is not None:
            with contextlib.suppress(OSError):
                container.close()
        self._tmp.unlink(missing_ok=True)

    def close(self) -> None:
        container, self._container = self._container, None
        if container is None:
            return
        try:
            for packet in self._stream.encode():
                container.mux(packet)
            container.close()
            os.replace(self._tmp, self.path)
        except OSError as error:
            self._tmp.unlink(missing_ok=True)
            raise output_error(error, self.path) from error

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AnnotatedVideoSink(H264Writer, Sink):
    """The analysed frames with the overlay drawn, as a browser-playable MP4.

    Opt-in only: this is the one sink that keeps pictures.
    """

    def on_step(self, frame: Frame, obs: Observation, step: Any) -> None:
        from coach.vision.overlay import draw

        self.write(draw(frame.image, obs, step.record, max_side=None), frame.t)


def write_annotated_image(path: str | Path, image: np.ndarray) -> Path:
    """An annotated still (for photos reviewed with --annotate), written atomically."""
    import cv2

    path = Path(path)
    ok, encoded = cv2.imencode(path.suffix or ".jpg", image)
    if not ok:
        detail = f"cannot encode {path.suffix or '.jpg'}"
        raise SinkError("cannot_write", "vision.error.cannot_write", path=path, detail=detail)
    tmp = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(encoded.tobytes())
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise output_error(error, path) from error
    return path
