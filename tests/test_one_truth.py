"""One truth: every surface gives the same figures for the same recording.

On a bundled sample (`sample_videos/leave_return.mp4`: the person leaves and comes back, two
smiles) and on a real clip from the shared data (`video_face/fer__woman2.mp4`, skipped with the
reason when absent), these run the whole analysis, each its own way:

* the command line, `python -m coach review FILE` (a child process);
* the panel's review runner (`coach.panel.review_runner.run_review`, what the Review page calls);
* the live page's capture worker fed the file at full rate (every frame, Pose on every frame,
  as an every-frame review does; its queue drained the way the page does);
* `python -m coach review FILE --jobs 2 --chunk-seconds S`: the batch runner, the file cut in
  three and replayed through `Analyzer.judge`, writing its session into a real SQLite store;
* the same command line with `--store` (its session in the store too);

the live worker and the review commands at every frame with Pose on every frame (the live
page's full rate; `--every-frame`), and the CLI with no options against the page at its
preselected rate (the review's defaults, both from `coach.review_defaults`);
and the figures compared are the observed and present seconds (to 0.1 s), the smile count, the
share of time smiling, the posture shares per mode and the event list (kind, start, end).

The store's summary of each session (the sums of its per-minute rows and its events) must agree
with the engine's summary of the same run: that is the engine as the only time accountant
(issue 10, part B, on branch `accounting`); until part B is merged these store comparisons fail
on the store's own way of counting time, and say which figure differs.

Chunked batches restart MediaPipe's trackers at each chunk border (after a 3-second warm-up), so
the landmarks there are not bit-identical to a continuous run: for the chunked batch the share of
time smiling and the posture shares may differ by `CHUNK_SHARE_TOLERANCE`, and event times by
`CHUNK_TIME_TOLERANCE_S`; everything else must be equal. (`--per-frame-landmarks` makes chunked
and whole runs identical; tests/test_batch.py checks that.)
"""

from __future__ import annotations

import csv
import json
import os
import queue
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from coach.review_defaults import page_default

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_videos" / "leave_return.mp4"
REAL = ROOT.parent / "shared" / "data" / "video_face" / "fer__woman2.mp4"
STAFF = "p-one-truth"
SECONDS_TOLERANCE = 0.1
CHUNK_SHARE_TOLERANCE = 0.02
CHUNK_TIME_TOLERANCE_S = 0.1
STORE_SHARE_ROUNDING = 0.002  # the store keeps whole milliseconds, the summary three decimals


@dataclass
class Figures:
    observed_s: float
    present_s: float
    smiles: int
    smile_share: float | None
    posture: dict[str, float | None]  # good-posture share per mode
    events: list[tuple[str, float, float | None]]  # (kind, start, end), each event once, by start

    @classmethod
    def of_engine(cls, summary: dict, events: list[tuple[str, float, float | None]]) -> Figures:
        shares = summary["shares"]
        return cls(summary["observed_s"], summary["present_s"], summary["smiles"]["count"], shares["smiling"],
                   dict(shares["good_posture"]), sorted(events))


def _events_csv(path: Path) -> list[tuple[str, float, float | None]]:
    with open(path, encoding="utf-8") as file:
        return sorted((row["kind"], float(row["start_s"]), float(row["end_s"]) if row["end_s"] else None)
                      for row in csv.DictReader(file))


def _of_review_folder(folder: Path) -> Figures:
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    (entry,) = summary["files"]
    return Figures.of_engine(entry["engine"], _events_csv(folder / "events.csv"))


def _same(a: Figures, b: Figures, what: str, *, share_tolerance: float = 0.0, time_tolerance: float = 0.0
          ) -> None:
    assert a.observed_s == pytest.approx(b.observed_s, abs=SECONDS_TOLERANCE), f"{what}: observed seconds"
    assert a.present_s == pytest.approx(b.present_s, abs=SECONDS_TOLERANCE), f"{what}: present seconds"
    assert a.smiles == b.smiles, f"{what}: smile count"
    _same_share(a.smile_share, b.smile_share, share_tolerance, f"{what}: share of time smiling")
    assert a.posture.keys() == b.posture.keys(), f"{what}: posture modes"
    for mode in a.posture:
        _same_share(a.posture[mode], b.posture[mode], share_tolerance, f"{what}: good posture ({mode})")
    assert [e[0] for e in a.events] == [e[0] for e in b.events], f"{what}: event kinds"
    for mine, theirs in zip(a.events, b.events, strict=True):
        assert mine[1] == pytest.approx(theirs[1], abs=time_tolerance + 1e-3), f"{what}: start of {mine}"
        if mine[2] is None or theirs[2] is None:
            assert mine[2] == theirs[2], f"{what}: end of {mine}"
        else:
            assert mine[2] == pytest.approx(theirs[2], abs=time_tolerance + 1e-3), f"{what}: end of {mine}"


def _same_share(a: float | None, b: float | None, tolerance: float, what: str) -> None:
    if a is None or b is None:
        if tolerance and (a or 0.0) <= tolerance and (b or 0.0) <= tolerance:
            return  # a mode seen for an instant in one run only, with no good time in it
        assert a == b, what
        return
    assert a == pytest.approx(b, abs=tolerance + 1e-9), what


# ---- the surfaces ---------------------------------------------------------------------------------

def _cli_review(clip: Path, out: Path, *extra: str, token: str = "") -> Path:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COACH_LANG": "en", "COACH_TOKEN": token}
    done = subprocess.run([sys.executable, "-m", "coach", "review", str(clip), "-o", str(out), "-q", *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def _panel_review(clip: Path, out: Path, fps: float | None = None) -> Path:
    """The Review page's runner: every frame (its "every frame" choice), or at `fps`."""
    from coach.panel.review_runner import run_review
    from coach.settings import Settings

    seen: list[int] = []
    outcome = run_review(clip, out, name=clip.name, fps=fps, annotate=False, settings=Settings(), lang="en",
                         progress=lambda done, total: seen.append(done))
    assert outcome.error is None
    assert seen and seen[-1] > 0  # the page's progress bar moved
    return out


def _live_worker(clip: Path, store_url: str) -> tuple[Figures, str]:
    """The live page's capture worker on the whole file at full rate, saving a session."""
    from coach.panel.live_worker import CaptureWorker, FrameAnalyzer
    from coach.settings import Settings
    from coach.store import Store
    from coach.store.writer import SessionWriter
    from coach.vision.sources import open_source

    store = Store(store_url)
    opened: queue.Queue = queue.Queue()

    def open_writer():
        writer = SessionWriter(store, STAFF, source=clip.name, workstation="live")
        opened.put(writer.uuid)
        return writer, None

    analyzer = FrameAnalyzer(Settings(), clip.name, open_writer=open_writer, lang="en", pose_max_fps=None)
    worker = CaptureWorker(analyzer, open_source(clip), paced=False, max_fps=None, label=clip.name).start()
    try:
        deadline = time.monotonic() + 900
        while worker.running and time.monotonic() < deadline:
            worker.poll()  # as the page does on each refresh; the queue never overflows
            time.sleep(0.05)
        assert not worker.running, "the live worker did not finish the file"
        summary = worker.stop()
    finally:
        store.close()
    assert worker.error is None
    assert worker.stats.dropped == 0
    closed: dict[tuple[str, float], tuple[str, float, float | None]] = {}
    for event in worker.events:  # an alert comes out open, then closed: keep each event once, last seen
        closed[(event.kind, round(event.start, 3))] = (event.kind, round(event.start, 3),
                                                       None if event.end is None else round(event.end, 3))
    return Figures.of_engine(summary, list(closed.values())), str(opened.get_nowait())


def _on_file(store_url: str) -> str:
    """STAFF added by an admin, and a workstation credential to record with (coach.store.credentials)."""
    from coach.store import Store, access
    from coach.store.credentials import issue_token

    with Store(store_url) as store:
        access.create_first_admin(store, "adm", "Admin", "admin-secret-1")
        admin = access.login(store, "adm", "admin-secret-1")
        access.add_person(store, admin, STAFF, "One Truth", "staff", "T")
        return issue_token(store, admin, "one-truth")


def _chunked_batch(clip: Path, out: Path, store_url: str, token: str) -> Path:
    """`python -m coach review FILE --jobs 2 --chunk-seconds S`, the file cut in three. (A child
    process, as a user runs it: the batch's spawned workers then import a clean `__main__`.)"""
    _cli_review(clip, out, "--every-frame", "--jobs", "2", "--chunk-seconds", f"{_third(clip):.3f}",
                "--store", store_url, "--staff", STAFF, token=token)
    lines = (out / "batch_state.jsonl").read_text(encoding="utf-8").splitlines()
    state = [json.loads(line) for line in lines]
    assert [(entry["rel"], entry["status"]) for entry in state] == [(clip.name, "done")]
    return out


def _third(clip: Path) -> float:
    from coach.vision.sources import open_source

    with open_source(clip) as source:
        return source.info.duration_s / 3 * 0.99


def _store_sessions(store_url: str) -> dict[str, Figures]:
    """Each session of the store, summed as the supervisors' reports sum it: by source+workstation."""
    from sqlalchemy import select

    from coach.store import Store
    from coach.store.schema import METRIC_FIELDS, events, metrics, sessions

    found: dict[str, Figures] = {}
    with Store(store_url) as store, store.reading() as conn:
        for session in conn.execute(select(sessions)).mappings():
            sums = dict.fromkeys(METRIC_FIELDS, 0)
            for row in conn.execute(select(metrics).where(metrics.c.session_id == session["id"])).mappings():
                for name in METRIC_FIELDS:
                    sums[name] += row[name] or 0
            listed = sorted((row["kind"], row["start_s"], row["end_s"]) for row in conn.execute(
                select(events).where(events.c.session_id == session["id"])).mappings())

            def share(part: str, whole: str, sums=sums) -> float | None:
                return round(sums[part] / sums[whole], 3) if sums[whole] else None

            posture = {"sitting": share("sitting_good_ms", "sitting_ms"),
                       "standing": share("standing_good_ms", "standing_ms"),
                       "upper_body": share("upper_body_good_ms", "upper_body_ms")}
            found[str(session["uuid"])] = Figures(
                round(sums["observed_ms"] / 1000, 1), round(sums["present_ms"] / 1000, 1),
                int(sums["smiles"]), share("smile_ms", "face_ms"), posture, listed)
    return found


def _first_frame_t(folder: Path) -> float:
    with open(folder / "timeline.csv", encoding="utf-8") as file:
        return float(next(csv.DictReader(file))["t_s"])


def _shifted(figures: Figures, by: float) -> Figures:
    """Event times as offsets from the first frame (how the store keeps them)."""
    moved = [(kind, round(start - by, 3), None if end is None else round(end - by, 3))
             for kind, start, end in figures.events]
    return Figures(figures.observed_s, figures.present_s, figures.smiles, figures.smile_share,
                   dict(figures.posture), moved)


# ---- the test -------------------------------------------------------------------------------------

CLIPS = [
    pytest.param(SAMPLE, id="bundled-sample"),
    pytest.param(REAL, id="shared-real-clip", marks=pytest.mark.skipif(
        not REAL.is_file(), reason=f"no shared data clip at {REAL} (../shared/data is not on this machine)")),
]


@pytest.fixture(scope="module", params=CLIPS)
def surfaces(request, tmp_path_factory):
    """Every surface run once on the clip (slow: the whole analysis five times), shared by the tests."""
    clip: Path = request.param
    tmp = tmp_path_factory.mktemp(clip.stem)
    store_url = f"sqlite:///{tmp / 'coach.db'}"
    token = _on_file(store_url)
    cli = _of_review_folder(_cli_review(clip, tmp / "cli", "--every-frame"))
    cli_default = _of_review_folder(_cli_review(clip, tmp / "cli_default"))
    panel = _of_review_folder(_panel_review(clip, tmp / "panel", fps=page_default() or None))
    live, live_session = _live_worker(clip, store_url)
    chunked = _of_review_folder(_chunked_batch(clip, tmp / "batch", store_url, token))
    # its own database: the batch gives a file's session a stable id, and would replace the chunked one
    cli_store_url = f"sqlite:///{tmp / 'cli.db'}"
    stored = _cli_review(clip, tmp / "cli_store", "--every-frame", "--store", cli_store_url, "--staff", STAFF,
                         token=_on_file(cli_store_url))
    cli_store = _of_review_folder(stored)
    return {"clip": clip, "tmp": tmp, "store_url": store_url, "cli_store_url": cli_store_url, "cli": cli,
            "panel": panel, "live": live, "live_session": live_session, "chunked": chunked,
            "cli_store": cli_store, "cli_default": cli_default}


def test_every_surface_gives_the_same_figures(surfaces):
    cli = surfaces["cli"]
    _same(surfaces["live"], cli, "live worker (full rate) vs CLI review")
    _same(surfaces["cli_store"], cli, "CLI review --store (a batch of one) vs CLI review")
    _same(surfaces["chunked"], cli, "batch --jobs 2 with chunks vs CLI review",
          share_tolerance=CHUNK_SHARE_TOLERANCE, time_tolerance=CHUNK_TIME_TOLERANCE_S)


def test_the_review_page_and_the_cli_agree_at_the_defaults(surfaces):
    """The review's defaults (coach.review_defaults): the CLI with no options and the page at its
    preselected rate analyse the same frames with the same Pose rate and give the same figures."""
    _same(surfaces["panel"], surfaces["cli_default"], "panel review runner vs CLI review, defaults")


def test_summary_json_has_one_shape_with_or_without_a_store(surfaces):
    tmp = surfaces["tmp"]
    plain = json.loads((tmp / "cli" / "summary.json").read_text(encoding="utf-8"))
    stored = json.loads((tmp / "cli_store" / "summary.json").read_text(encoding="utf-8"))
    panel = json.loads((tmp / "panel" / "summary.json").read_text(encoding="utf-8"))
    assert plain.keys() == stored.keys() == panel.keys()
    assert "overall" in plain and plain["overall"]["events"] == plain["files"][0]["events"]
    assert plain["files"][0].keys() == stored["files"][0].keys() == panel["files"][0].keys()
    smiles = plain["files"][0]["engine"]["smiles"]["count"]
    assert plain["overall"]["smiles"] == stored["overall"]["smiles"] == smiles
    # the count of events is the events.csv rows, everywhere
    assert plain["files"][0]["events"] == len(_events_csv(tmp / "cli" / "events.csv"))


def _engine_credits_time() -> bool:
    """Whether the engine's steps carry their time credits (issue 10 part B, branch `accounting`)."""
    import dataclasses

    from coach.engine import Step

    return any(field.name == "credit" for field in dataclasses.fields(Step))


def test_the_store_summary_of_each_session_matches_its_surface(surfaces):
    """Needs issue 10 part B (the engine's steps carry credits, branch `accounting`) wherever the
    store's own way of counting time differs: until then a difference is reported as an expected
    failure naming the figure; with part B it is a plain failure."""
    try:
        _compare_store_sessions(surfaces)
    except AssertionError as difference:
        if _engine_credits_time():
            raise
        first_line = str(difference).splitlines()[0]
        pytest.xfail(f"until issue 10 part B (branch `accounting`) is merged the store counts time its own "
                     f"way (1-s cap, its own smile counter): {first_line}")


def _compare_store_sessions(surfaces) -> None:
    sessions = _store_sessions(surfaces["store_url"])
    first_t = _first_frame_t(surfaces["tmp"] / "cli")
    assert len(sessions) == 2  # the live worker's and the chunked batch's
    live = sessions.pop(surfaces["live_session"])
    (chunked,) = sessions.values()
    (cli_store,) = _store_sessions(surfaces["cli_store_url"]).values()
    _same(live, _shifted(surfaces["live"], first_t), "store session of the live worker vs its engine",
          share_tolerance=STORE_SHARE_ROUNDING)
    _same(cli_store, _shifted(surfaces["cli_store"], first_t), "store session of --store vs its engine",
          share_tolerance=STORE_SHARE_ROUNDING)
    _same(chunked, _shifted(surfaces["chunked"], first_t), "store session of the chunked batch vs its engine",
          share_tolerance=STORE_SHARE_ROUNDING)
