"""Batch review (coach.batch): a folder of project-made clips, one corrupt and one empty file, on
one and two worker processes and on a local Ray; failures listed; reruns skip what is done,
--force redoes it; Ctrl-C and a dying worker lose only the files in flight; chunked and
unchunked runs give the same events (trackers replayed over stitched chunks).

The clips are 2–3 s, 320x240, analysed every third frame, so each run takes seconds.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from batch_crash import dies_on_some_files
from posture_bodies import HEAD, front_body, head_down, moved
from smile_faces import synthetic_face, transformed

from coach.__main__ import main as coach_main
from coach.batch import BatchError, BatchOptions, MediaFile, plan_chunks, run_batch
from coach.batch.plan import Chunk
from coach.batch.state import BatchState, OutputLock
from coach.batch.work import ChunkOutcome, chunk_observations, replay, write_file_outputs
from coach.engine import Engine
from coach.review import ReviewOptions
from coach.samples import CLIPS, render
from coach.settings import Settings
from coach.sinks import H264Writer
from coach.trackers.breaks import BreakSettings
from coach.types import Frame, Observation

ROOT = Path(__file__).resolve().parents[1]
GOOD = ("leave_return.mp4", "s1/head_tilt.mp4", "s1/lean_slump.mp4")
BAD = {"corrupt.mp4": "unreadable_video", "empty.mp4": "empty_file"}
REVIEW = ReviewOptions(stride=3, lang="en", progress=False)


def _write_clip(path: Path, name: str, seconds: float) -> None:
    clip = next(c for c in CLIPS if c.name == name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with H264Writer(path, fps=15) as writer:
        for index in range(int(seconds * 15)):
            frame = cv2.resize(render(clip, index / 15), (320, 240), interpolation=cv2.INTER_AREA)
            writer.write(frame, index / 15)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Three 3-second clips (two in a staff member's folder), a corrupt file and an empty one."""
    root = tmp_path_factory.mktemp("batch_in")
    for rel in GOOD:
        _write_clip(root / rel, Path(rel).stem, 3.0)
    (root / "corrupt.mp4").write_bytes(np.random.default_rng(7).integers(0, 256, 30_000, np.uint8).tobytes())
    (root / "empty.mp4").write_bytes(b"")
    return root


@pytest.fixture(scope="module")
def one_job(folder, tmp_path_factory) -> Path:
    """The reference: the folder on one worker process."""
    out = tmp_path_factory.mktemp("one_job")
    report = run_batch(folder, out, BatchOptions(review=REVIEW, jobs=1))
    assert sorted(report.analysed) == sorted([*GOOD, *BAD])
    return out


def rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def part(out: Path, rel: str, name: str) -> bytes:
    return (out / "files" / rel / name).read_bytes()


def assert_same_results(out: Path, reference: Path, names=("timeline.csv", "events.csv")) -> None:
    for rel in GOOD:
        for name in names:
            assert part(out, rel, name) == part(reference, rel, name), (rel, name)


def assert_failures_listed(out: Path) -> None:
    assert {row["path"]: row["reason"] for row in rows(out / "failures.csv")} == BAD
    assert all(row["message"] for row in rows(out / "failures.csv"))


# ---- one machine, two processes ------------------------------------------------------------

def test_two_jobs_give_the_same_results_as_one_and_list_the_failures(folder, one_job, tmp_path, capsys):
    out = tmp_path / "out"
    code = coach_main(["review", str(folder), "-o", str(out), "--jobs", "2", "--stride", "3", "--lang", "en",
                       "--quiet"])
    assert code == 1  # some files failed, the others are done
    assert_same_results(out, one_job)
    assert_failures_listed(out)
    printed = capsys.readouterr()
    assert sum(line.startswith(GOOD) for line in printed.out.splitlines()) == 3  # one line per file
    for name in BAD:
        assert sum(name in line for line in printed.err.splitlines()) == 1
    summary = {row["source"]: row for row in rows(out / "batch_summary.csv")}
    assert set(summary) == {*GOOD, *BAD, "(all)"}
    assert summary["corrupt.mp4"]["status"] == "failed" and summary["(all)"]["status"] == "total"
    total = summary["(all)"]
    assert float(total["video_s"]) == pytest.approx(sum(float(summary[rel]["video_s"]) for rel in GOOD))
    assert int(total["frames"]) == 3 * 15  # 45 frames at 15 fps, every third, per clip
    assert 0.0 <= float(total["smile_share"]) <= 1.0 and total["events_per_hour"] != ""
    # the folder-level files of `coach review` are there too, put together in path order
    timeline = rows(out / "timeline.csv")
    assert [r["source"] for r in timeline] == [rel for rel in GOOD for _ in range(15)]
    report = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert report["totals"] == {"files": 5, "ok": 3, "failed": 2, "frames_analysed": 45}


def test_a_rerun_skips_what_is_done_and_redoes_a_changed_file(folder, one_job, tmp_path):
    source = tmp_path / "in"
    shutil.copytree(folder, source)
    out = tmp_path / "out"
    shutil.copytree(one_job, out)
    before = {rel: (out / "files" / rel / "timeline.csv").stat().st_mtime_ns for rel in GOOD}
    again = run_batch(source, out, BatchOptions(review=REVIEW, jobs=1))
    assert again.analysed == [] and again.skipped == 5  # the two bad files too: they are known bad
    assert sorted(again.failed) == sorted(BAD)
    assert {rel: (out / "files" / rel / "timeline.csv").stat().st_mtime_ns for rel in GOOD} == before
    assert_failures_listed(out)
    os.utime(source / GOOD[1], ns=(1, 1))  # e.g. a new recording copied over the old one
    changed = run_batch(source, out, BatchOptions(review=REVIEW, jobs=1))
    assert changed.analysed == [GOOD[1]] and changed.skipped == 4
    assert_same_results(out, one_job)
    state = [json.loads(line) for line in (out / "batch_state.jsonl").read_text().splitlines()]
    assert sorted(entry["rel"] for entry in state) == sorted([*GOOD, *BAD])  # one line per file, compacted


def test_the_state_file_knows_what_is_finished_and_survives_a_cut_line(tmp_path):
    file = MediaFile("/in/a.mp4", "a.mp4", 100, 5)
    state = BatchState(tmp_path)
    state.record(file, "opts", status="done", summary={"source": "a.mp4"})
    assert state.finished(file, "opts") is not None
    assert state.finished(file, "other options") is None
    assert state.finished(replace(file, size=101), "opts") is None
    assert state.finished(file, "opts", store_label="sqlite:///x.db") is None  # not yet in that store
    broken = MediaFile("/in/b.mp4", "b.mp4", 0, 5)
    state.record(broken, "opts", status="failed", summary={}, reason="empty_file")
    died = MediaFile("/in/c.mp4", "c.mp4", 9, 5)
    state.record(died, "opts", status="failed", summary={}, reason="worker_died")
    with open(tmp_path / "batch_state.jsonl", "a", encoding="utf-8") as out:
        out.write('{"rel": "d.mp4", "size": 1, "mti')  # the batch was killed while writing
    again = BatchState(tmp_path)
    assert again.finished(file, "opts") is not None and again.finished(broken, "opts") is not None
    assert again.finished(died, "opts") is None  # a worker that died is tried again
    assert set(again.entries) == {"a.mp4", "b.mp4", "c.mp4"}


def test_one_batch_at_a_time_writes_into_an_output_folder(tmp_path):
    first = OutputLock(tmp_path)
    with pytest.raises(BatchError) as busy:
        OutputLock(tmp_path)
    assert busy.value.code == "batch.error.busy" and "Another batch" in busy.value.message("en")
    first.release()
    OutputLock(tmp_path).release()


def test_a_worker_that_dies_loses_only_its_own_file(folder, one_job, tmp_path):
    source = tmp_path / "in"
    (source / "s1").mkdir(parents=True)
    for rel in GOOD[1:]:
        shutil.copy(folder / rel, source / rel)
    shutil.copy(folder / GOOD[0], source / "crash.mp4")  # kills its worker every time
    shutil.copy(folder / GOOD[0], source / "flaky.mp4")  # kills its worker the first time only
    out = tmp_path / "out"
    report = run_batch(source, out, BatchOptions(review=REVIEW, jobs=2),
                       worker=dies_on_some_files)
    assert report.failed == ["crash.mp4"]
    assert [row["reason"] for row in rows(out / "failures.csv")] == ["worker_died"]
    for rel in GOOD[1:]:
        assert part(out, rel, "timeline.csv") == part(one_job, rel, "timeline.csv")
    flaky = part(out, "flaky.mp4", "timeline.csv").replace(b"flaky.mp4", GOOD[0].encode())
    assert flaky == part(one_job, GOOD[0], "timeline.csv")


def test_ctrl_c_keeps_the_finished_files_and_the_next_run_goes_on(folder, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for index in range(5):
        shutil.copy(folder / GOOD[1], source / f"v{index}.mp4")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "coach", "review", str(source), "-o", str(out), "--jobs", "1",
               "--stride", "3", "--lang", "en", "--quiet"]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    state = out / "batch_state.jsonl"
    deadline = time.monotonic() + 120
    while not state.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert "Run the same command again" in err
    done = len(state.read_text().splitlines())
    assert 1 <= done < 5
    rerun = run_batch(source, out, BatchOptions(review=REVIEW, jobs=1))
    assert rerun.skipped == done and len(rerun.analysed) == 5 - done and rerun.failed == []
    assert len(rows(out / "timeline.csv")) == 5 * 15


# ---- chunk borders ----------------------------------------------------------------------------

def test_chunked_tracking_run_gives_the_same_events(folder, one_job, tmp_path):
    """The default (tracking) landmarks restart at each chunk after a short warm-up, so a few
    readings near a border may differ in the last digit; the events must not (the smile that
    runs through both borders stays one smile)."""
    out = tmp_path / "out"
    run_batch(folder, out, BatchOptions(review=REVIEW, jobs=2, chunk_seconds=1.0, warmup_seconds=0.5))
    assert_same_results(out, one_job, names=("events.csv",))
    for rel in GOOD:
        ours = rows(out / "files" / rel / "timeline.csv")
        theirs = rows(one_job / "files" / rel / "timeline.csv")
        assert [(r["frame"], r["t_s"]) for r in ours] == [(r["frame"], r["t_s"]) for r in theirs]
        smiles = [row for row in rows(out / "files" / rel / "events.csv") if row["kind"] == "smile"]
        assert len(smiles) == 1 and float(smiles[0]["end_s"]) > 2.0


def test_plan_chunks_cuts_long_videos_only_and_covers_every_time_once():
    assert plan_chunks(100.0, 60.0) is None and plan_chunks(None, 60.0) is None
    assert plan_chunks(3600.0, None) is None
    chunks = plan_chunks(125.0, 60.0, warmup_s=2.0)
    assert [(c.start, c.end) for c in chunks] == [(-math.inf, 60.0), (60.0, 120.0), (120.0, math.inf)]
    for t in (0.0, 59.999999, 60.0, 119.9, 120.0, 130.0):
        assert sum(c.owns(t) for c in chunks) == 1
    assert chunks[1].warms_up(58.5) and not chunks[1].warms_up(57.9)


def test_even_chunks_each_analyse_as_much_video_warm_up_included():
    from coach.batch.plan import plan_even_chunks

    chunks = plan_even_chunks(60.0, 2, warmup_s=3.0)
    assert [(c.start, c.end) for c in chunks] == [(-math.inf, 31.5), (31.5, math.inf)]  # 0-31.5, 28.5-60
    chunks = plan_even_chunks(100.0, 4, warmup_s=4.0)
    starts = [0.0] + [c.start - c.warmup_s for c in chunks[1:]]
    ends = [c.end for c in chunks[:-1]] + [100.0]
    assert [end - start for start, end in zip(starts, ends, strict=True)] == pytest.approx([28.0] * 4)
    for t in (0.0, 27.999, 28.0, 51.9, 52.0, 76.0, 99.9):
        assert sum(c.owns(t) for c in chunks) == 1
    assert plan_even_chunks(8.0, 2, warmup_s=3.0) is None  # a later chunk would be mostly warm-up
    assert plan_even_chunks(60.0, 1) is None and plan_even_chunks(None, 2) is None


# A long synthetic day (no MediaPipe): faults, smiles, absences and the break timer across borders.
NEUTRAL = transformed(synthetic_face(), shift=(440.0, 80.0))
SMILING = transformed(synthetic_face(corner_lift_deg=20.0, widen=0.15, aperture=0.22, lower_lid=0.16),
                      shift=(440.0, 80.0))
UPRIGHT = front_body(standing=False)
SLUMPED = head_down(moved(UPRIGHT, HEAD, dy=50), 15)
BORDER_S = 700.0
SMILE_SPAN = (1380.0, 1420.0)  # sampled at 2 fps: the smile counter needs frames under a second apart


def _day() -> list[Observation]:
    """~63 minutes, a frame every 2 s (every 0.5 s around the smile). Borders every 700 s: a slump
    690–760 s, a smile 1390–1410 s, the 50-minute break reminder at ~3000 s, then away 3300–3700 s
    (a break taken across the border at 3500 s)."""
    spans = [(690, NEUTRAL, UPRIGHT), (760, NEUTRAL, SLUMPED), (1390, NEUTRAL, UPRIGHT),
             (1410, SMILING, UPRIGHT), (3300, NEUTRAL, UPRIGHT), (3700, None, None), (3800, NEUTRAL, UPRIGHT)]
    observations, t, index = [], 0.0, 0
    for until, face, body in spans:
        while t < until:
            observations.append(Observation(t=t, frame_index=index, width=1280, height=1400, face=face,
                                             body=body, faces_in_view=int(face is not None)))
            step = 0.5 if SMILE_SPAN[0] <= t < SMILE_SPAN[1] else 2.0
            t, index = t + step, index + 1
    return observations


def _events_csv(outcome, folder: Path) -> bytes:
    write_file_outputs(outcome, folder, "en")
    return (folder / "events.csv").read_bytes()


def test_alerts_smiles_and_breaks_across_chunk_borders_are_neither_split_nor_doubled(tmp_path):
    settings = Settings(breaks=BreakSettings(work_min=50, break_min=3))
    options = ReviewOptions(lang="en", settings=settings)
    day = _day()
    by_index = {obs.frame_index: obs for obs in day}
    frames = [Frame(t=obs.t, index=obs.frame_index, image=np.zeros((0, 0, 3), np.uint8)) for obs in day]
    file = MediaFile("/recordings/day.mp4", "day.mp4", 1, 1)

    detected: list[int] = []

    def detect(frame: Frame) -> Observation:
        detected.append(frame.index)
        return by_index[frame.index]

    chunks = plan_chunks(day[-1].t, BORDER_S, warmup_s=4.0)
    assert len(chunks) == 6
    outcomes = []
    for chunk in chunks:
        observations, warmup = chunk_observations(frames, detect, chunk)
        assert warmup == sum(chunk.warms_up(obs.t) for obs in day)
        assert (warmup > 0) == (chunk.index > 0)  # frames before a border settle the landmarker
        outcomes.append(ChunkOutcome(file, chunk, ok=True, observations=observations))
    stitched = [obs for outcome in outcomes for obs in outcome.observations]
    assert stitched == day  # every frame in exactly one chunk, in order
    assert len(detected) > len(day)  # the warm-up frames were analysed too, then dropped

    whole = replay(file, [ChunkOutcome(file, Chunk(0, 1, -math.inf, math.inf), ok=True, observations=day)],
                   options)
    chunked = replay(file, list(reversed(outcomes)), options)  # chunks may finish in any order
    assert _events_csv(chunked, tmp_path / "chunked") == _events_csv(whole, tmp_path / "whole")
    kinds = [e.kind for step in whole.steps for e in step.events if e.end is not None]
    kinds += [e.kind for e in whole.final_events]
    assert kinds.count("posture:hunched") == 1 and kinds.count("smile") == 1
    assert "break_due" in kinds and "break_taken" in kinds
    assert chunked.summary == whole.summary

    # What a naive split (one engine per chunk) would have reported instead: the alert starting at
    # the border, the smile cut in two, and no break reminder (no chunk holds 50 minutes of work).
    naive: list[tuple[str, float]] = []
    for outcome in outcomes:
        engine = Engine(settings, source="day.mp4")
        for obs in outcome.observations:
            naive += [(e.kind, e.start) for e in engine.step(obs).events if e.end is not None]
        naive += [(e.kind, e.start) for e in engine.finish(outcome.observations[-1].t)]
    assert [kind for kind, _ in naive].count("smile") == 2
    assert ("posture:hunched", BORDER_S) in naive and "break_due" not in dict(naive)


# ---- store, options ---------------------------------------------------------------------------

def test_sessions_go_into_the_store_once_per_file_and_force_redoes_them(folder, one_job, tmp_path,
                                                                        monkeypatch):
    from sqlalchemy import func, select

    from coach.store import Store, access
    from coach.store.credentials import issue_token
    from coach.store.schema import metrics, sessions

    url = f"sqlite:///{tmp_path / 'coach.db'}"
    with Store(url) as store:  # the person on file, and this workstation's credential to write with
        access.create_first_admin(store, "adm", "Admin", "admin-secret-1")
        admin = access.login(store, "adm", "admin-secret-1")
        access.add_person(store, admin, "0042", "Staff 42", "staff", "A")
        monkeypatch.setenv("COACH_TOKEN", issue_token(store, admin, "batch-box"))
    with pytest.raises(BatchError, match="--staff"):  # leave_return.mp4 is in no staff member's folder
        run_batch(folder, tmp_path / "refused", BatchOptions(review=REVIEW, store_url=url))
    source = tmp_path / "in"
    (source / "0042").mkdir(parents=True)  # one folder per staff member
    shutil.copy(folder / GOOD[1], source / "0042" / "tilt.mp4")
    out = tmp_path / "out"
    options = BatchOptions(review=REVIEW, jobs=1, store_url=url)
    assert run_batch(source, out, options).analysed == ["0042/tilt.mp4"]
    assert run_batch(source, out, options).analysed == []
    forced = run_batch(source, out, replace(options, force=True))
    assert forced.analysed == ["0042/tilt.mp4"] and forced.skipped == 0
    timeline = part(out, "0042/tilt.mp4", "timeline.csv").replace(b"0042/tilt.mp4", GOOD[1].encode())
    assert timeline == part(one_job, GOOD[1], "timeline.csv")
    with Store(url) as store, store.reading() as conn:
        found = conn.execute(select(sessions.c.source, sessions.c.staff_id, sessions.c.span_s,
                                    sessions.c.recorded_by)).all()
        assert found == [("0042/tilt.mp4", "0042", 60, "token:batch-box")]  # redone, not doubled
        assert conn.execute(select(func.sum(metrics.c.frames))).scalar() == 15


@pytest.mark.parametrize(("args", "words"), [
    (["--jobs", "0"], "--jobs"),
    (["--chunk-seconds", "-5"], "--chunk-seconds"),
])
def test_bad_batch_options_are_exit_2_with_one_line(folder, tmp_path, capsys, args, words):
    assert coach_main(["review", str(folder), "-o", str(tmp_path / "out"), "--lang", "en", *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0]


# ---- Ray --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray", reason="ray is not installed (requirements-dev.txt)")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
    yield ray
    ray.shutdown()


def test_ray_gives_the_same_results_as_one_job(folder, one_job, local_ray, tmp_path):
    out = tmp_path / "out"
    report = run_batch(folder, out, BatchOptions(review=REVIEW, engine="ray"))
    assert sorted(report.analysed) == sorted([*GOOD, *BAD])
    assert local_ray.is_initialized()  # a session started by the caller is left running
    assert_same_results(out, one_job)
    assert_failures_listed(out)


def test_chunks_on_ray_with_per_frame_landmarks_equal_the_unchunked_run_exactly(folder, local_ray, tmp_path):
    options = BatchOptions(review=REVIEW, jobs=2, per_frame_landmarks=True)
    whole = run_batch(folder, tmp_path / "whole", options)
    chunked = run_batch(folder, tmp_path / "chunked",
                        BatchOptions(review=REVIEW, engine="ray", per_frame_landmarks=True, chunk_seconds=1.0,
                                     warmup_seconds=0.5))
    assert sorted(whole.analysed) == sorted(chunked.analysed)
    assert_same_results(tmp_path / "chunked", tmp_path / "whole")
    assert_failures_listed(tmp_path / "chunked")


def test_ray_missing_is_one_clear_line(folder, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails as if it were not installed
    code = coach_main(["review", str(folder), "-o", str(tmp_path / "out"), "--engine", "ray", "--lang", "en"])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Ray is not installed" in err[0] and "pip install" in err[0]
