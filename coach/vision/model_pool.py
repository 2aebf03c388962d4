"""MediaPipe models loaded once per process and handed from one live session to the next.

Building a `Landmarker` (FaceMesh + Pose graphs) and running its first frame takes a second or
two and about 150 MiB; a live page that builds new ones for every session (the sample at page
load, then the browser's camera, then a restart) pays that each time, keeps the old graphs' memory
in the allocator, and makes the person wait for the first reading after Start. The pool keeps a
finished session's landmarker (its memory of the face forgotten) for the next one, and `warm()`
builds one on a background thread as soon as the page loads, before anyone presses Start.

A landmarker is used by one stream at a time (MediaPipe graphs are not thread-safe): `take()`
removes it from the pool, `give_back()` returns it. At most `keep` idle landmarkers are kept;
more are closed. A landmarker is built for one Pose rate (`pose_max_fps`); one of another rate
in the pool is closed and replaced rather than kept beside it. `warm()` builds nothing while a
landmarker of that rate is idle, on its way or lent out (the page calls it on every rerun; a
running session's models come back to the pool when it ends), so a process holds one set of
models per running session, plus at most `keep` idle.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from coach.types import Frame

WARM_UP_SIZE = (480, 640)  # (height, width) of the blank frame run through a new landmarker


def _build(pose_max_fps: float | None) -> Any:
    from coach.vision.landmarker import Landmarker
    from coach.vision.pacer import live_pose_catches_up

    landmarker = Landmarker(pose_max_fps=pose_max_fps, pose_catch_up=live_pose_catches_up(pose_max_fps))
    # The first frame through a MediaPipe graph initialises its inference (seconds on a busy
    # machine): do it now, on a blank picture, rather than on the person's first frame.
    landmarker.detect(Frame(t=0.0, index=0, image=np.zeros((*WARM_UP_SIZE, 3), np.uint8)))
    landmarker.forget_face()
    return landmarker


class LandmarkerPool:
    """Idle landmarkers of this process, by Pose rate. Thread-safe."""

    def __init__(self, keep: int = 1, build: Callable[[float | None], Any] = _build) -> None:
        if keep < 0:
            raise ValueError(f"keep must be 0 or more, got {keep}")
        self.keep = keep
        self._build = build
        self._lock = threading.Lock()
        self._idle: list[Any] = []
        self._warming: dict[float | None, threading.Thread] = {}
        self._lent: dict[float | None, int] = {}  # landmarkers taken and not given back, by rate
        self.built = 0  # landmarkers built by this pool (for tests and the bench)

    def take(self, pose_max_fps: float | None) -> Any:
        """A landmarker for `pose_max_fps`: an idle one, the one being warmed up, or a new one."""
        while True:
            with self._lock:
                for landmarker in self._idle:
                    if landmarker.pose_max_fps == pose_max_fps:
                        self._idle.remove(landmarker)
                        self._lend(pose_max_fps, 1)
                        return landmarker
                warming = self._warming.get(pose_max_fps)
            if warming is None:
                break
            warming.join()
        landmarker = self._new(pose_max_fps)
        with self._lock:
            self._lend(pose_max_fps, 1)
        return landmarker

    def _lend(self, pose_max_fps: float | None, count: int) -> None:
        left = self._lent.get(pose_max_fps, 0) + count
        if left > 0:
            self._lent[pose_max_fps] = left
        else:
            self._lent.pop(pose_max_fps, None)

    def give_back(self, landmarker: Any) -> None:
        """Keep `landmarker` for the next session (its memory of the face forgotten), or close it."""
        if landmarker is None:
            return
        landmarker.forget_face()
        with self._lock:
            self._lend(landmarker.pose_max_fps, -1)
            if len(self._idle) < self.keep:
                self._idle.append(landmarker)
                return
        landmarker.close()

    def warm(self, pose_max_fps: float | None) -> None:
        """Build a landmarker for `pose_max_fps` on a background thread unless one is idle or on its
        way; returns at once."""
        with self._lock:
            if (pose_max_fps in self._warming or pose_max_fps in self._lent
                    or any(lm.pose_max_fps == pose_max_fps for lm in self._idle)):
                return
            thread = threading.Thread(target=self._warm, args=(pose_max_fps,), name="coach-warm-up",
                                      daemon=True)
            self._warming[pose_max_fps] = thread
        thread.start()

    def _warm(self, pose_max_fps: float | None) -> None:
        try:
            landmarker = self._new(pose_max_fps)
            landmarker.forget_face()
        except Exception:  # the session that needs it builds its own and shows why that fails
            landmarker = None
        closing = []
        with self._lock:
            self._warming.pop(pose_max_fps, None)
            if landmarker is not None:
                # room is made for the rate asked for last: an idle one of another rate goes
                stale = [lm for lm in self._idle if lm.pose_max_fps != pose_max_fps]
                if len(self._idle) >= self.keep and stale:
                    self._idle.remove(stale[0])
                    closing.append(stale[0])
                if len(self._idle) < self.keep:
                    self._idle.append(landmarker)
                else:
                    closing.append(landmarker)
        for old in closing:
            old.close()

    def _new(self, pose_max_fps: float | None) -> Any:
        landmarker = self._build(pose_max_fps)
        with self._lock:
            self.built += 1
        return landmarker

    @property
    def idle(self) -> int:
        with self._lock:
            return len(self._idle)

    def clear(self) -> None:
        """Close every idle landmarker (tests, shutdown)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for landmarker in idle:
            landmarker.close()


POOL = LandmarkerPool()
