"""The batch driver: plans the tasks, keeps the workers busy, writes each finished file.

Only this process writes outputs, in this order for each finished file: its own
timeline/events/summary under `files/`, its session in the store (when asked), then its line in
`batch_state.jsonl`. A file is finished once its state line is on disk; whatever was in flight
when the batch was stopped or a worker died is simply done again.

Crashes: with local workers a dying worker fails every task in flight, and nobody can tell
which of them killed it. Those files are suspects: each is tried again on its own (nothing
else running). A file whose worker dies twice while it runs alone is the culprit and goes to
`failures.csv` ("worker_died"; a later run tries it again); the innocent ones finish. With Ray a
crash stays in its own task, which Ray retries once.
"""

from __future__ import annotations

import os
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.batch import report
from coach.batch.backends import BatchError, LocalBackend, RayBackend, WorkerLost
from coach.batch.plan import (
    DEFAULT_WARMUP_S,
    MediaFile,
    legacy_fingerprints,
    list_files,
    options_fingerprint,
    plan_chunks,
    plan_even_chunks,
)
from coach.batch.state import BatchState, OutputLock
from coach.batch.work import ChunkOutcome, FileOutcome, Task, replay, write_file_outputs
from coach.errors import CoachError
from coach.review import ReviewOptions, ReviewResult, check_input, check_pose_fps, failed, options_summary
from coach.review_defaults import auto_chunk_seconds
from coach.sinks import output_error
from coach.vision.sources import SourceError, check_sampling, open_source

ENGINES = ("local", "ray")
# A file whose worker dies this many times while it runs alone is given up (until the next run).
MAX_DEATHS_ALONE = 2


@dataclass(frozen=True)
class BatchOptions:
    """How to spread the work and what to keep. `review` holds what the analysis itself uses."""

    review: ReviewOptions = field(default_factory=ReviewOptions)
    jobs: int | None = None  # local worker processes (default: all cores); with Ray: tasks at once
    engine: str = "local"
    address: str | None = None  # Ray cluster; default RAY_ADDRESS, else a local Ray
    ray_timeout_s: float | None = None  # wait for the cluster this long (default $COACH_RAY_TIMEOUT_S, 10)
    chunk_seconds: float | None = None  # cut videos at least twice this long into chunks (None: auto)
    auto_chunks: bool = True  # with fewer files than local workers, cut a long video into one chunk per core
    warmup_seconds: float = DEFAULT_WARMUP_S
    per_frame_landmarks: bool = False  # detect afresh in every frame (results independent of chunking)
    force: bool = False  # redo files already finished
    store_url: str | None = None  # write sessions into this store ("" = COACH_DB_URL or the local SQLite)
    staff: str | None = None  # whose sessions (default: the first folder of each file's path)
    author: Any = None  # who writes them (coach.store.credentials.Author; default: the workstation's token)

    @property
    def lang(self) -> str | None:
        """The language of the texts written into the files (events.csv, batch_summary.csv)."""
        return self.review.lang


@dataclass
class BatchReport:
    """What a run did. `entries` are the state entries of every file of the input, in path order."""

    files: int = 0
    analysed: list[str] = field(default_factory=list)  # finished in this run (done or failed)
    skipped: int = 0  # finished before, not redone
    failed: list[str] = field(default_factory=list)  # all failed files, this run or before
    not_finished: list[str] = field(default_factory=list)  # interrupted: to be done by the next run
    interrupted: bool = False
    wall_s: float = 0.0
    video_s: float = 0.0  # seconds of video analysed in this run
    entries: list[dict] = field(default_factory=list)
    overall: dict = field(default_factory=dict)  # the overall row of batch_summary.csv


@dataclass
class _FileJob:
    file: MediaFile
    chunks: int  # number of tasks
    outcomes: dict[int, ChunkOutcome] = field(default_factory=dict)
    failed: bool = False


@dataclass
class _Pending:
    task: Task
    alone: bool = False  # in flight with nothing else
    deaths_alone: int = 0  # times its worker died while it ran alone


@dataclass(frozen=True)
class Notice:
    """Something the batch has to say (a file done, failed, skipped…): a translation key and its
    values, shown by the caller in its language. `error` lines go to the error stream; `prefixed`
    ones start with the "Error" word."""

    code: str
    values: dict = field(default_factory=dict)
    error: bool = False
    prefixed: bool = False

    def text(self, lang: str | None = None) -> str:
        return CoachError(self.code, **self.values).message(lang)


class BatchReporter:
    """What the caller shows of a running batch (the CLI: a progress bar and a line per file).
    This one shows nothing."""

    def start(self, total: int) -> None:
        """`total` files are to be analysed."""

    def advance(self, amount: float) -> None:
        """`amount` more files (a fraction for a chunk) are finished."""

    def notice(self, notice: Notice) -> None:
        """A line to show."""

    def close(self) -> None:
        """The batch has ended (finished, stopped or failed)."""


def run_batch(input_path: str | Path, outdir: str | Path, options: BatchOptions = BatchOptions(), *,
              worker: Any = None, reporter: BatchReporter | None = None) -> BatchReport:
    """Review every video and picture under `input_path` (a folder, or one file) into `outdir`.

    Raises SourceError for input that stops everything (a missing path, a folder without media,
    bad sampling options), BatchError when the engine cannot start, and SinkError when the outputs
    cannot be written. Files that cannot be analysed go to failures.csv and the batch goes on.
    `worker` replaces the task function (for tests of crash handling); `reporter` is told of the
    progress and of each finished file (nothing is printed here).
    """
    started = time.perf_counter()
    input_path, outdir = Path(input_path), Path(outdir)
    review = options.review
    check_sampling(review.stride, review.fps)
    check_pose_fps(review.pose_fps)
    _check_options(options)
    check_input(input_path)
    if input_path.is_dir():
        files = list_files(input_path, outdir)
        if not files:
            raise SourceError("empty_folder", "review.error.empty_folder", path=input_path)
    else:
        files = [MediaFile.at(input_path, input_path.name)]
    store_url = _store_url(options, files)

    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise output_error(error, outdir) from error
    lock = OutputLock(outdir)
    try:
        store = _open_store(store_url)
        author = _author(store, options) if store is not None else None
    except BaseException:
        lock.release()
        raise
    store_label = store.label if store is not None else None
    fingerprint = options_fingerprint(review, options.per_frame_landmarks)
    state = BatchState(outdir, also=legacy_fingerprints(review, options.per_frame_landmarks))
    todo: list[MediaFile] = []
    result = BatchReport(files=len(files))
    for file in files:
        entry = None if options.force else state.finished(file, fingerprint, store_label)
        if entry is not None and entry["status"] == "done" and not _parts_exist(outdir, file):
            entry = None
        if entry is None:
            todo.append(file)
        else:
            result.skipped += 1

    printer = reporter or BatchReporter()
    printer.start(len(todo))
    if result.skipped:
        printer.notice(Notice("batch.skipped", {"count": result.skipped}))
    driver = _Driver(options, outdir, state, fingerprint, store, store_label, printer, result)
    driver.author = author
    backend = None
    try:
        queue = driver.plan(todo)
        if queue:
            backend = _backend(options, worker)
            driver.drive(backend, queue)
    except KeyboardInterrupt:
        result.interrupted = True
        if backend is not None:
            backend.abort(driver.in_flight_handles())
            backend = None
    except BaseException:  # e.g. a full disk: stop the workers now rather than wait for them
        if backend is not None:
            backend.abort(driver.in_flight_handles())
            backend = None
        raise
    finally:
        try:
            printer.close()
            if backend is not None:
                backend.close()
            if store is not None:
                store.close()
            _conclude(result, state, files, todo, fingerprint, input_path, outdir, options)
            result.wall_s = time.perf_counter() - started
        finally:
            lock.release()
    return result


def _conclude(result: BatchReport, state: BatchState, files: list[MediaFile], todo: list[MediaFile],
              fingerprint: str, input_path: Path, outdir: Path, options: BatchOptions) -> None:
    """Fill in what the run leaves behind and write the batch's reports for every finished file."""
    analysed = set(result.analysed)
    result.not_finished = [f.rel for f in todo if f.rel not in analysed]
    current = ((f, state.current(f, fingerprint)) for f in files)
    result.entries = [entry for file, entry in current if entry is not None
                      and (entry["status"] == "failed" or _parts_exist(outdir, file))]
    result.failed = [e["rel"] for e in result.entries if e["status"] == "failed"]
    state.compact()
    result.overall = report.write_reports(outdir, input_path, result.entries, _options_summary(options),
                                          options.lang)


def _check_options(options: BatchOptions) -> None:
    if options.engine not in ENGINES:
        raise BatchError("batch.error.engine", engine=options.engine, engines=", ".join(ENGINES))
    if options.jobs is not None and options.jobs < 1:
        raise BatchError("batch.error.jobs", value=options.jobs)
    if options.chunk_seconds is not None and not options.chunk_seconds > 0:
        raise BatchError("batch.error.chunk_seconds", value=options.chunk_seconds)
    if not options.warmup_seconds >= 0:
        raise BatchError("batch.error.warmup", value=options.warmup_seconds)


def _parts_exist(outdir: Path, file: MediaFile) -> bool:
    folder = report.part_folder(outdir, file.rel)
    return all((folder / name).exists() for name in ("timeline.csv", "events.csv", "summary.json"))


def _store_url(options: BatchOptions, files: list[MediaFile]) -> str | None:
    """The store to write into ("" = the default one: COACH_DB_URL, else the local SQLite), None for
    none (only an explicit --store writes sessions); every file must have a person."""
    url = options.store_url
    if url is None:
        return None
    from coach.batch.to_store import staff_for

    orphans = [f.rel for f in files if staff_for(f, options.staff) is None]
    if orphans:
        raise BatchError("batch.error.no_staff", file=orphans[0])
    return url


def _open_store(url: str | None):
    if url is None:
        return None
    from coach.store.db import Store
    from coach.store.errors import StoreError

    try:
        return Store(url or None)
    except StoreError as problem:
        raise BatchError("batch.error.store", problem=problem) from problem


def _author(store, options: BatchOptions):
    """Who the batch writes sessions as: the given identity, else this workstation's credential."""
    from coach.store.credentials import writing_author
    from coach.store.errors import StoreError

    try:
        return options.author or writing_author(store)
    except StoreError as problem:
        store.close()
        raise BatchError("batch.error.store", problem=problem) from None


def _local_workers(options: BatchOptions) -> int:
    """How many local worker processes the batch runs (0 on Ray: no automatic chunks there)."""
    if options.engine != "local":
        return 0
    return options.jobs or os.cpu_count() or 1


def _backend(options: BatchOptions, worker: Any):
    extra = {"worker": worker} if worker is not None else {}
    if options.engine == "ray":
        return RayBackend(options.address, options.jobs, connect_timeout_s=options.ray_timeout_s, **extra)
    return LocalBackend(options.jobs or os.cpu_count() or 1, **extra)


def _options_summary(options: BatchOptions) -> dict:
    return {**options_summary(options.review), "engine": options.engine, "jobs": options.jobs,
            "chunk_seconds": options.chunk_seconds,
            "per_frame_landmarks": options.per_frame_landmarks}


class _Driver:
    def __init__(self, options: BatchOptions, outdir: Path, state: BatchState, fingerprint: str, store,
                 store_label: str | None, printer: BatchReporter, result: BatchReport) -> None:
        self.options = options
        self.outdir = outdir
        self.state = state
        self.fingerprint = fingerprint
        self.store = store
        self.store_label = store_label
        self.printer = printer
        self.result = result
        self.jobs: dict[str, _FileJob] = {}
        self.in_flight: dict[Any, _Pending] = {}
        self.author = None  # coach.store.credentials.Author, when writing to a store
        self.files_planned = 0

    def in_flight_handles(self) -> list[Any]:
        return list(self.in_flight)

    # ---- planning ------------------------------------------------------------------------
    def plan(self, files: list[MediaFile]) -> deque[_Pending]:
        """The tasks for `files`: one per file, or one per chunk of a long video."""
        review = self.options.review
        queue: deque[_Pending] = deque()
        self.files_planned = len(files)
        for file in files:
            chunks = self._chunks(file)
            if chunks is None:
                if file.rel in self.jobs:  # the probe already recorded a failure
                    continue
                self.jobs[file.rel] = _FileJob(file, 1)
                queue.append(_Pending(Task(file, review, str(self.outdir), self.options.per_frame_landmarks)))
                continue
            self.jobs[file.rel] = _FileJob(file, len(chunks))
            for chunk in chunks:
                queue.append(_Pending(Task(file, review, str(self.outdir), self.options.per_frame_landmarks,
                                           chunk)))
        return queue

    def _chunks(self, file: MediaFile):
        options = self.options
        workers = _local_workers(options)
        auto = options.auto_chunks and workers > 1 and self.files_planned < workers
        if not (options.chunk_seconds or auto) or file.is_image or options.review.annotate:
            return None
        review = options.review
        try:  # the length, to cut it; a file that cannot be opened fails here, once
            source = open_source(file.path, stride=review.stride, target_fps=review.fps)
            duration = source.info.duration_s
            source.close()
        except SourceError as problem:
            self.jobs[file.rel] = _FileJob(file, 1)
            outcome = FileOutcome(file, ok=False, reason=problem.reason,
                                  result=failed(file.rel, file.path, problem))
            self.printer.advance(1)
            self._finish_file(outcome)
            return None
        if options.chunk_seconds:
            return plan_chunks(duration, options.chunk_seconds, options.warmup_seconds)
        if auto_chunk_seconds(duration, workers, self.files_planned) is None:  # too short, or enough files
            return None
        return plan_even_chunks(duration, workers, options.warmup_seconds)  # one chunk per core

    # ---- the loop ------------------------------------------------------------------------
    def drive(self, backend, queue: deque[_Pending]) -> None:
        suspects: deque[_Pending] = deque()
        while queue or suspects or self.in_flight:
            self._fill(backend, queue, suspects)
            if not self.in_flight:
                continue
            for handle in backend.wait(self.in_flight):
                pending = self.in_flight.pop(handle)
                try:
                    outcome = backend.result(handle)
                except WorkerLost as lost:
                    self._lost(backend, pending, suspects, str(lost))
                    continue
                except Exception as problem:  # noqa: BLE001 - a bug in one task must not sink the batch
                    outcome = self._broken_outcome(pending.task, "error", _one_line(problem))
                self._handle(outcome, pending.task)

    def _fill(self, backend, queue: deque[_Pending], suspects: deque[_Pending]) -> None:
        if suspects:  # after a worker died: the suspects one at a time, nothing beside them
            if not self.in_flight:
                pending = suspects.popleft()
                if self._still_wanted(pending):
                    pending.alone = True
                    self.in_flight[backend.submit(pending.task)] = pending
            return
        while queue and len(self.in_flight) < backend.capacity:
            pending = queue.popleft()
            if self._still_wanted(pending):
                pending.alone = backend.capacity == 1
                self.in_flight[backend.submit(pending.task)] = pending

    def _still_wanted(self, pending: _Pending) -> bool:
        job = self.jobs[pending.task.file.rel]
        return not job.failed

    def _lost(self, backend, pending: _Pending, suspects: deque[_Pending], detail: str) -> None:
        pending.deaths_alone += pending.alone
        if backend.isolates_crashes or pending.deaths_alone >= MAX_DEATHS_ALONE:
            died = BatchError("batch.error.worker_died", detail=detail)
            self._handle(self._broken_outcome(pending.task, "worker_died", died), pending.task)
        else:
            suspects.append(pending)

    def _broken_outcome(self, task: Task, reason: str, problem: Exception | str):
        problem_error = problem if isinstance(problem, Exception) else None
        result = ReviewResult(task.file.rel, task.file.path, ok=False, error=str(problem),
                              problem=problem_error, reason=reason)
        if task.chunk is None:
            return FileOutcome(task.file, ok=False, reason=reason, result=result)
        return ChunkOutcome(task.file, task.chunk, ok=False, reason=reason, message=str(problem),
                            problem=problem_error)

    # ---- finished tasks ------------------------------------------------------------------
    def _handle(self, outcome: FileOutcome | ChunkOutcome, task: Task) -> None:
        job = self.jobs[task.file.rel]
        if job.failed:
            return
        if isinstance(outcome, FileOutcome):
            self.printer.advance(1)
            self._finish_file(outcome)
            return
        self.printer.advance(1 / job.chunks)
        if not outcome.ok:
            job.failed = True
            self.printer.advance((job.chunks - len(job.outcomes) - 1) / job.chunks)
            result = ReviewResult(task.file.rel, task.file.path, ok=False, error=outcome.message,
                                  problem=outcome.problem, reason=outcome.reason)
            self._finish_file(FileOutcome(task.file, ok=False, reason=outcome.reason, result=result))
            return
        job.outcomes[outcome.chunk.index] = outcome
        if len(job.outcomes) == job.chunks:
            self._finish_file(replay(job.file, list(job.outcomes.values()), self.options.review))
            job.outcomes.clear()

    def _finish_file(self, outcome: FileOutcome) -> None:
        """Write a finished file's outputs, its session, then its state line (in that order)."""
        file = outcome.file
        self.jobs[file.rel].failed = not outcome.ok
        summary = outcome.result.as_summary() if outcome.result is not None else {"source": file.rel}
        if not outcome.ok:
            self.state.record(file, self.fingerprint, status="failed", summary=summary, reason=outcome.reason,
                              message=outcome.message)
            self.result.analysed.append(file.rel)
            problem = outcome.result.problem if outcome.result is not None else None
            message = problem if isinstance(problem, CoachError) else outcome.message
            failed = Notice("review.file_failed", {"source": file.rel, "message": message}, error=True,
                            prefixed=True)
            self.printer.notice(failed)
            return
        write_file_outputs(outcome, report.part_folder(self.outdir, file.rel), self.options.review.lang)
        stored = self._store(outcome)
        self.state.record(file, self.fingerprint, status="done", summary=summary, stored_in=stored)
        self.result.analysed.append(file.rel)
        self.result.video_s += outcome.result.run.media_s if outcome.result.run is not None else 0.0
        self.printer.notice(_done_notice(summary))
        run = outcome.result.run
        if run is not None and run.ended_early and run.end_code:
            ended = CoachError(run.end_code, **run.end_values)
            self.printer.notice(Notice("review.ended_early", {"source": file.rel, "message": ended},
                                       error=True))

    def _store(self, outcome: FileOutcome) -> list[str]:
        if self.store is None:
            return []
        from coach.batch.to_store import save, staff_for
        from coach.store.errors import StoreError

        settings = self.options.review.settings
        try:
            save(self.store, outcome, staff_for(outcome.file, self.options.staff), self.fingerprint,
                 settings.to_dict() if settings is not None else None, self.author)
        except StoreError as problem:  # the file's CSVs are kept; the next run tries the store again
            self.printer.notice(Notice("batch.store_failed", {"source": outcome.file.rel, "message": problem},
                                       error=True))
            return []
        return [self.store_label]


def _done_notice(summary: dict) -> Notice:
    """A finished file's line: its length, speed, shares and events (the same count as its summary)."""
    engine = summary.get("engine") or {}
    shares = engine.get("shares") or {}
    row = report.Tally.of(summary).row(summary.get("source", ""), "done")
    return Notice("batch.file_done", {
        "source": summary.get("source", ""), "seconds": f"{summary.get('video_seconds') or 0:.1f}",
        "frames": summary.get("frames_analysed") or 0, "fps": f"{summary.get('frames_per_second') or 0:.1f}",
        "face": _percent(_first_known(shares.get("face_found"), summary.get("face_found_share"))),
        "smile": _percent(shares.get("smiling")),
        "posture": _percent(row["good_posture_share"] if row["good_posture_share"] != "" else None),
        "events": row["events"]})


def _first_known(*shares: float | None) -> float | None:
    """The time-weighted share when there is one; a photo (no duration) falls back to frame counts."""
    return next((share for share in shares if share is not None), None)


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.0f}%"


def _one_line(problem: BaseException) -> str:
    text = str(problem).strip()
    return (text.splitlines()[-1] if text else type(problem).__name__)[:300]
