"""The review's defaults: one place (coach.review_defaults) read by every surface; a default rate
that skips frames without converting them; every frame still one flag away; one long video cut
into a chunk per core, with the same events as an unchunked review within the tolerances the
default rate was chosen with. (Speed itself is measured by `python -m coach bench`, not here.)"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import pytest

import coach.review_defaults as defaults
import coach.vision.sources as sources
from coach.__main__ import main as coach_main
from coach.batch import BatchOptions, run_batch
from coach.batch.runner import BatchReporter
from coach.review import ReviewOptions, review_one
from coach.review_defaults import (
    ONSET_TOLERANCE_S,
    REVIEW_FPS,
    REVIEW_POSE_FPS,
    SHARE_TOLERANCE,
    auto_chunk_seconds,
    sampling,
)

ROOT = Path(__file__).resolve().parents[1]
SESSION = ROOT / "sample_videos" / "default_session.mp4"  # 20 s at 15 fps: 300 frames
SHORT = ROOT / "sample_videos" / "sway_smile.mp4"  # 6 s at 15 fps: 90 frames


def _review_parser() -> argparse.ArgumentParser:
    from coach.cli import review as review_cli

    parser = argparse.ArgumentParser()
    review_cli.add_arguments(parser)
    return parser


def _cli_options(*argv: str) -> ReviewOptions:
    from coach.cli.review import options_from

    return options_from(_review_parser().parse_args(["clip.mp4", *argv]))


# ---- one place -------------------------------------------------------------------------------------

def test_the_cli_the_library_the_batch_and_the_review_page_share_one_default():
    library = ReviewOptions()
    assert (library.stride, library.fps, library.pose_fps) == (1, REVIEW_FPS, REVIEW_POSE_FPS)
    cli = _cli_options()
    assert (cli.stride, cli.fps, cli.pose_fps) == (library.stride, library.fps, library.pose_fps)
    assert BatchOptions().review == library
    from coach.panel import review as review_page

    assert defaults.page_rates() == review_page.RATES
    assert defaults.page_default() in review_page.RATES and 0.0 in review_page.RATES  # every frame on offer
    # the page hands its rate to ReviewOptions(fps=rate or None): the preselected one is the default
    assert ReviewOptions(fps=defaults.page_default() or None).fps == library.fps
    # its "Pose on every frame" box: left unticked the default Pose rate, ticked the complete analysis
    assert defaults.page_pose_fps(False) == library.pose_fps and defaults.page_pose_fps(True) is None
    import inspect

    from coach.panel.review_runner import DEFAULT_POSE_RATE, run_review

    assert inspect.signature(run_review).parameters["pose_fps"].default is DEFAULT_POSE_RATE


def test_every_frame_and_the_old_options_still_work():
    for argv in (("--every-frame",), ("--fps", "0")):
        options = _cli_options(*argv)
        assert (options.stride, options.fps, options.pose_fps) == (1, None, None) and options.every_frame
    assert _cli_options("--every-frame", "--pose-fps", "3").pose_fps == 3.0
    assert (_cli_options("--stride", "3").stride, _cli_options("--stride", "3").fps) == (3, None)
    assert _cli_options("--fps", "12").fps == 12.0
    assert _cli_options("--pose-fps", "2").pose_fps == 2.0
    assert ReviewOptions(stride=3).fps is None  # a stride replaces the default rate
    assert ReviewOptions(fps=None).every_frame
    with pytest.raises(SystemExit):  # one way of choosing frames at a time
        _review_parser().parse_args(["clip.mp4", "--every-frame", "--stride", "2"])


def test_sampling_and_automatic_chunks_follow_the_rules():
    assert sampling() == defaults.Sampling(1, REVIEW_FPS)
    assert sampling(fps=5.0) == defaults.Sampling(1, 5.0)
    assert sampling(every_frame=True).every_frame and sampling(fps=0).every_frame
    assert sampling(stride=4) == defaults.Sampling(4, None)
    minimum = defaults.MIN_AUTO_CHUNK_S
    assert auto_chunk_seconds(4 * minimum, 2, 1) == 2 * minimum
    assert auto_chunk_seconds(4 * minimum, 4, 1) == minimum
    assert auto_chunk_seconds(1.5 * minimum, 2, 1) is None  # too short to pay for a second model
    assert auto_chunk_seconds(4 * minimum, 1, 1) is None  # one core
    assert auto_chunk_seconds(4 * minimum, 2, 2) is None  # as many files as cores: one each
    assert auto_chunk_seconds(None, 2, 1) is None


# ---- skipped frames are decoded, never converted ------------------------------------------------

@pytest.fixture
def conversions(monkeypatch) -> list[float]:
    """The times of the frames turned into pictures (the real conversion, counted)."""
    converted: list[float] = []
    real = sources._to_bgr

    def counted(frame):
        converted.append(float(frame.time))
        return real(frame)

    monkeypatch.setattr(sources, "_to_bgr", counted)
    return converted


def test_frames_a_lower_rate_skips_are_never_converted(conversions):
    with sources.open_source(SESSION, target_fps=5.0) as source:
        kept = [frame.t for frame in source]
    assert 300 // 3 - 2 <= len(kept) <= 300 // 3 + 2  # 15 fps → 5 fps: every third frame
    assert len(conversions) == len(kept)  # prefetch + 299 decoded, only the kept ones converted
    assert conversions == pytest.approx(kept)


def test_a_chunk_does_not_convert_the_frames_before_its_warm_up(conversions):
    with sources.open_source(SESSION, target_fps=5.0) as whole:
        every = [frame.t for frame in whole]
    conversions.clear()
    with sources.open_source(SESSION, target_fps=5.0) as source:
        source.yield_from_t = 12.0
        late = [frame.t for frame in source]
    assert late == [t for t in every if t >= 12.0]  # the same frames as a run from the start
    assert len(conversions) == len(late)


# ---- every frame, and the default, end to end ----------------------------------------------------

def _timeline_rows(folder: Path) -> int:
    with open(folder / "timeline.csv", newline="", encoding="utf-8") as file:
        return sum(1 for _ in csv.DictReader(file))


def test_the_review_command_runs_pose_at_its_default_rate_and_on_every_frame_when_asked(tmp_path,
                                                                                          monkeypatch):
    from coach.vision.landmarker import Landmarker

    runs: list[tuple[float | None, int]] = []
    close = Landmarker.close

    def noting_close(self):  # the real close, noting how often Pose ran first
        if self._face_mesh is not None:
            runs.append((self.pose_max_fps, self.pose_runs))
        close(self)

    monkeypatch.setattr(Landmarker, "close", noting_close)
    assert coach_main(["review", str(SHORT), "-o", str(tmp_path / "default"), "-q", "--lang", "en"]) == 0
    assert coach_main(["review", str(SHORT), "-o", str(tmp_path / "every"), "-q", "--lang", "en",
                       "--every-frame"]) == 0
    (default_cap, default_runs), (every_cap, every_runs) = runs
    assert (every_cap, every_runs) == (None, 90)  # 6 s at 15 fps: Pose on all 90 frames
    assert default_cap == REVIEW_POSE_FPS
    assert default_runs == every_runs if REVIEW_POSE_FPS is None else default_runs < every_runs
    frames = 90 if REVIEW_FPS is None else round(6 * REVIEW_FPS)
    assert abs(_timeline_rows(tmp_path / "default") - frames) <= 2
    assert _timeline_rows(tmp_path / "every") == 90
    options = json.loads((tmp_path / "default" / "summary.json").read_text(encoding="utf-8"))["options"]
    assert (options["fps"], options["pose_fps"], options["stride"]) == (REVIEW_FPS, REVIEW_POSE_FPS, 1)


# ---- one long video on every core --------------------------------------------------------------

class _Advances(BatchReporter):
    """The batch's own progress reports: a file cut into chunks advances by fractions."""

    def __init__(self) -> None:
        self.amounts: list[float] = []

    def advance(self, amount: float) -> None:
        self.amounts.append(amount)


def _events(folder: Path) -> dict[str, list[float]]:
    onsets: dict[str, list[float]] = {}
    with open(folder / "events.csv", newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            onsets.setdefault(row["kind"], []).append(float(row["start_s"]))
    return {kind: sorted(starts) for kind, starts in onsets.items()}


def _shares(folder: Path) -> dict[str, float | None]:
    from coach.bench.agreement import flat_shares

    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    return flat_shares(summary["files"][0]["engine"]["shares"])


def test_one_long_video_is_cut_per_core_by_default_with_the_same_events(tmp_path, monkeypatch):
    """The sample is 20 s; with chunks of at least 5 s it counts as long on two cores."""
    monkeypatch.setattr(defaults, "MIN_AUTO_CHUNK_S", 5.0)
    whole = review_one(SESSION, tmp_path / "whole", ReviewOptions(lang="en", progress=False))
    assert whole.ok
    with open(tmp_path / "whole" / "summary.json", "w", encoding="utf-8") as file:
        json.dump({"files": [whole.as_summary()]}, file)
    reporter = _Advances()
    options = BatchOptions(review=ReviewOptions(lang="en", progress=False), jobs=2)
    report = run_batch(SESSION, tmp_path / "chunked", options, reporter=reporter)
    assert not report.failed
    assert reporter.amounts and all(amount == pytest.approx(0.5) for amount in reporter.amounts)  # 2 chunks
    ours, theirs = _events(tmp_path / "chunked"), _events(tmp_path / "whole")
    assert ours.keys() == theirs.keys()
    for kind in theirs:
        assert len(ours[kind]) == len(theirs[kind]), kind
        for mine, reference in zip(ours[kind], theirs[kind], strict=True):
            assert mine == pytest.approx(reference, abs=ONSET_TOLERANCE_S), kind
    mine, reference = _shares(tmp_path / "chunked"), _shares(tmp_path / "whole")
    for name in reference:
        if reference[name] is None or mine.get(name) is None:
            assert mine.get(name) == reference[name], name
        else:
            assert mine[name] == pytest.approx(reference[name], abs=SHARE_TOLERANCE), name


def test_with_one_worker_a_long_video_is_not_cut(tmp_path, monkeypatch):
    monkeypatch.setattr(defaults, "MIN_AUTO_CHUNK_S", 5.0)
    reporter = _Advances()
    run_batch(SESSION, tmp_path / "one", BatchOptions(review=ReviewOptions(progress=False), jobs=1),
              reporter=reporter)
    assert reporter.amounts == [1]  # one worker: not cut
