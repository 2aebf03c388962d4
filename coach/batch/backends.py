"""Where batch tasks run: worker processes on this machine, or tasks on a Ray cluster.

Both backends take the same task function (`coach.batch.work.analyse`) and give back its
outcome, so a file's results do not depend on where it was analysed. The driver asks a backend
to `submit` a task, `wait` until some are finished, and `result` for each; `abort` stops the work
in flight (Ctrl-C), `close` lets it go.

Local workers are processes started with the "spawn" method (MediaPipe holds the GIL, so threads
would not run in parallel, and forking a process that holds MediaPipe's threads is not safe).
When a worker dies (killed, out of memory, a crash in native code), Python's process pool
breaks and fails every task in flight: `result` raises `WorkerLost` for each of them and the
next `submit` starts a fresh pool. Ray isolates a crash to its own task and retries it once
itself; a task that still cannot finish raises `WorkerLost`.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from coach.batch.work import analyse, init_worker
from coach.errors import CoachError


class BatchError(CoachError):
    """The batch cannot start (Ray missing or unreachable, bad options, a busy output folder): a code
    and values, translated where shown (`message(lang)`; `str()` in the default language)."""


class WorkerLost(Exception):
    """The process running a task died before it could answer."""


class LocalBackend:
    """A pool of `jobs` worker processes on this machine."""

    isolates_crashes = False  # a dying worker fails every task in flight

    def __init__(self, jobs: int, worker: Callable[[Any], Any] = analyse) -> None:
        self.jobs = jobs
        self.capacity = jobs
        self.worker = worker
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._before = set(multiprocessing.active_children())

    def submit(self, task: Any) -> concurrent.futures.Future:
        if self._pool is None:
            spawn = multiprocessing.get_context("spawn")
            self._pool = concurrent.futures.ProcessPoolExecutor(max_workers=self.jobs, mp_context=spawn,
                                                                initializer=init_worker)
        return self._pool.submit(self.worker, task)

    def wait(self, handles: Iterable[concurrent.futures.Future]) -> list[concurrent.futures.Future]:
        done, _ = concurrent.futures.wait(list(handles), return_when=concurrent.futures.FIRST_COMPLETED)
        return list(done)

    def result(self, handle: concurrent.futures.Future) -> Any:
        try:
            return handle.result()
        except BrokenProcessPool as lost:
            self._drop_pool()
            raise WorkerLost(str(lost)) from lost

    def _drop_pool(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def abort(self, handles: Iterable[Any]) -> None:
        """Stop the workers now: the tasks in flight are lost (they are redone by the next run)."""
        for child in set(multiprocessing.active_children()) - self._before:
            child.terminate()
        self._drop_pool()

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)


class RayBackend:
    """Tasks on a Ray cluster: the one at `address` (or RAY_ADDRESS), else a local Ray started here.

    When Ray is already initialised in this process (a notebook, a test), that session is used
    and left running. Every node must be able to import `coach` and read the input files at the
    same paths (a shared folder); outputs are written by this process only.
    """

    isolates_crashes = True

    def __init__(self, address: str | None = None, jobs: int | None = None,
                 worker: Callable[[Any], Any] = analyse, connect_timeout_s: float | None = None) -> None:
        try:
            import ray
        except ImportError as missing:
            raise BatchError("batch.error.no_ray") from missing
        self.ray = ray
        self.started = False
        address = address or os.environ.get("RAY_ADDRESS") or None
        if not ray.is_initialized() and address:
            _check_reachable(address, connect_timeout(connect_timeout_s))
        if not ray.is_initialized():
            quiet = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
            try:
                if address:
                    ray.init(address=address, **quiet)
                else:
                    package_root = str(Path(__file__).resolve().parents[2])
                    ray.init(num_cpus=jobs, runtime_env={"env_vars": {"PYTHONPATH": package_root}}, **quiet)
            except (ConnectionError, RuntimeError, ValueError) as problem:
                raise BatchError("batch.error.ray_unreachable", address=address or "local",
                                   detail=_first_line(problem)) from problem
            self.started = True
        cpus = int(ray.cluster_resources().get("CPU", 1) or 1)
        # Keep every CPU busy with one task queued behind it; no more, so Ctrl-C loses little.
        self.capacity = max(1, jobs if jobs else 2 * cpus)
        self._remote = ray.remote(num_cpus=1, max_retries=1)(worker)

    def submit(self, task: Any) -> Any:
        return self._remote.remote(task)

    def wait(self, handles: Iterable[Any]) -> list[Any]:
        ready, _ = self.ray.wait(list(handles), num_returns=1)
        return ready

    def result(self, handle: Any) -> Any:
        from ray import exceptions

        try:
            return self.ray.get(handle)
        except exceptions.RayTaskError as failed:  # the task raised: report what it raised
            raise failed.as_instanceof_cause() from None
        except exceptions.RayError as lost:  # the worker or its node died, the object was lost…
            raise WorkerLost(_first_line(lost)) from lost

    def abort(self, handles: Iterable[Any]) -> None:
        for handle in handles:
            with contextlib.suppress(Exception):
                self.ray.cancel(handle, force=True)
        self.close()

    def close(self) -> None:
        if self.started:
            self.started = False
            self.ray.shutdown()


RAY_TIMEOUT_ENV = "COACH_RAY_TIMEOUT_S"
DEFAULT_RAY_TIMEOUT_S = 10.0


def connect_timeout(given: float | None = None) -> float:
    """How long to try reaching a Ray cluster: `given`, else $COACH_RAY_TIMEOUT_S, else 10 s."""
    if given is not None:
        return float(given)
    try:
        return float(os.environ.get(RAY_TIMEOUT_ENV) or DEFAULT_RAY_TIMEOUT_S)
    except ValueError:
        return DEFAULT_RAY_TIMEOUT_S


def _check_reachable(address: str, timeout_s: float) -> None:
    """BatchError (one line) unless the cluster's head answers on its port within `timeout_s`.

    `ray.init` itself keeps retrying an unreachable address for minutes, printing Ray's own
    logs; a plain TCP connection says at once whether anything listens there."""
    import socket
    import time

    target = address.split("://", 1)[-1]
    if target == "auto" or ":" not in target:
        return
    host, _, port = target.rpartition(":")
    try:
        port_number = int(port)
    except ValueError:
        raise BatchError("batch.error.ray_unreachable", address=address, detail=port) from None
    deadline = time.monotonic() + max(0.0, timeout_s)
    while True:
        try:
            with socket.create_connection((host.strip("[]"), port_number),
                                          timeout=max(0.1, deadline - time.monotonic())):
                return
        except OSError as problem:
            if time.monotonic() + 0.5 >= deadline:
                detail = CoachError("security.ray_timeout", seconds=f"{timeout_s:g}",
                                    detail=problem.strerror or type(problem).__name__)
                raise BatchError("batch.error.ray_unreachable", address=address, detail=detail) from None
            time.sleep(0.5)


def _first_line(problem: BaseException) -> str:
    text = str(problem).strip()
    return text.splitlines()[0][:200] if text else type(problem).__name__
