"""The benchmark harness on tiny inputs: which frames the eco pacer picks, the live stand-in's
bookkeeping, the process sampler, the replay's memory samples, table formatting, the results
file, and `python -m coach bench` on a tiny clip. Never the machine's speed."""

from __future__ import annotations

import itertools
import math
import re
import time
from pathlib import Path

import numpy as np
import pytest

from coach.__main__ import main as coach_main
from coach.bench import probe, report
from coach.bench.clips import (
    BenchInputError,
    FrameSet,
    frames,
    letterbox,
    manifest_clips,
    sample_clip,
    write_clip,
)
from coach.bench.eco import EcoResult, combined, run_live
from coach.bench.memory import growth_mib_per_hour, replay
from coach.bench.report import Table, format_table, merge_results, number, ratio
from coach.bench.review_speed import review_has_jobs
from coach.cli.bench import parse_resolutions
from coach.types import Observation
from coach.vision.pacer import ECO_MAX_FPS, FramePacer, configured_max_fps
from tests.posture_bodies import front_body
from tests.smile_faces import synthetic_face

# --- the eco pacer --------------------------------------------------------------------------------


def picked(pacer: FramePacer, times) -> list[int]:
    return [i for i, t in enumerate(times) if pacer.due(t)]


def test_pacer_takes_every_sixth_frame_of_a_30fps_source_at_5fps():
    times = [k / 30 for k in range(60)]
    assert picked(FramePacer(5), times) == list(range(0, 60, 6))


def test_pacer_keeps_the_rate_with_jittery_frame_times():
    rng = np.random.default_rng(7)
    times = [k / 30 + rng.uniform(-0.008, 0.008) for k in range(300)]  # 10 s, ±8 ms jitter
    chosen = [times[i] for i in picked(FramePacer(5), times)]
    assert len(chosen) == 50  # anchored to a grid: jitter does not drag the rate down
    assert min(np.diff(chosen)) > 0.15  # and never two close together


def test_pacer_restarts_after_a_gap_instead_of_bursting():
    times = [k / 30 for k in range(30)] + [5 + k / 30 for k in range(30)]
    chosen = [times[i] for i in picked(FramePacer(5), times)]
    after_gap = [t for t in chosen if t >= 5]
    assert after_gap[0] == 5.0
    assert np.allclose(np.diff(after_gap), 0.2)


def test_pacer_starts_over_when_time_goes_back():
    pacer = FramePacer(2)
    assert picked(pacer, [10.0, 10.1, 10.6]) == [0, 2]
    assert pacer.due(0.0)  # a new stream starting at 0
    assert not pacer.due(0.1)


def test_pacer_without_a_limit_takes_every_frame_and_counts():
    pacer = FramePacer(None)
    assert picked(pacer, [0.0, 0.01, 0.02]) == [0, 1, 2]
    assert (pacer.offered, pacer.taken) == (3, 3)


@pytest.mark.parametrize("bad", [0, -1, math.nan, math.inf, True, "5"])
def test_pacer_refuses_a_rate_that_is_not_a_positive_number(bad):
    with pytest.raises(ValueError, match="above 0"):
        FramePacer(bad)


def test_the_machines_rate_setting():
    assert configured_max_fps({}) is None
    assert configured_max_fps({"COACH_MAX_FPS": " full "}) is None
    assert configured_max_fps({"COACH_MAX_FPS": "eco"}) == ECO_MAX_FPS
    assert configured_max_fps({"COACH_MAX_FPS": "2.5"}) == 2.5
    with pytest.raises(ValueError, match="COACH_MAX_FPS must be"):
        configured_max_fps({"COACH_MAX_FPS": "fast"})


def test_capture_worker_in_eco_mode_analyses_five_frames_a_second():
    """The live worker adopts the pacer: 1 s of a 30 fps stream, 5 readings (real landmarker)."""
    from coach.panel.live_worker import CaptureWorker, FrameAnalyzer
    from coach.settings import Settings
    from coach.types import Frame

    image = letterbox(np.full((120, 160, 3), 90, np.uint8), 160, 120)
    stream = [Frame(t=k / 30, index=k, image=image) for k in range(30)]
    worker = CaptureWorker(FrameAnalyzer(Settings(), "eco-test"), stream, paced=False, max_fps=5)
    worker.start()
    deadline = time.monotonic() + 60
    while not worker.finished and time.monotonic() < deadline:
        time.sleep(0.05)
    readings = worker.poll()
    worker.stop()
    assert worker.error is None
    assert [round(r.t, 3) for r in readings] == [0.0, 0.2, 0.4, 0.6, 0.8]


# --- the eco bench drives the live worker ------------------------------------------------------


def test_eco_run_counts_frames_through_the_live_worker(tmp_path):
    clip, _ = write_clip((sample_clip(),), tmp_path / "live.mp4", 160, 120, 30.0, 1.0)
    result = run_live(clip, 5.0, span_s=1.0, warmup_s=0.3, poll_s=0.2)
    assert result.max_fps == 5.0
    assert result.delivered > 0 and 0 <= result.dropped <= result.delivered
    assert result.analysed <= result.delivered - result.dropped
    assert result.analysed <= 5 * 1.0 + 1  # the pacer's cap, in frame time, whatever the machine's speed
    assert result.usage.wall_s > 0 and result.usage.cpu_s >= 0


def test_page_cost_measures_the_real_panel_and_its_browser(tmp_path):
    from coach.bench.page_cost import measure_page, page_bench_available

    if not page_bench_available():
        pytest.skip("headless Chromium or playwright is not installed (scripts/setup.sh --dev installs them)")
    samples = tmp_path / "samples"
    samples.mkdir()
    write_clip((sample_clip(),), samples / "live.mp4", 320, 240, 15.0, 2.0)
    cost = measure_page(samples, tmp_path / "home", max_fps="eco", span_s=1.0, settle_s=0.5)
    assert cost is not None and cost.span_s >= 1.0
    assert cost.server_share > 0  # the server plays the sample and runs the page's refreshes
    assert cost.browser_share > 0  # the browser draws them


def test_eco_results_combine_by_adding_up():
    a = EcoResult(5.0, 2.0, 60, 1, 10, probe.Usage(wall_s=2.0, cpu_s=0.5))
    b = EcoResult(5.0, 2.0, 61, 0, 10, probe.Usage(wall_s=2.1, cpu_s=0.7))
    both = combined([a, b])
    assert (both.span_s, both.delivered, both.dropped, both.analysed) == (4.0, 121, 1, 20)
    assert both.usage.wall_s == pytest.approx(4.1) and both.usage.cpu_s == pytest.approx(1.2)
    assert both.analysed_per_s == pytest.approx(20 / 4.1)
    with pytest.raises(ValueError):
        combined([])


# --- process sampler and stage timer ------------------------------------------------------------


def test_process_sample_has_sane_values():
    first = probe.sample()
    sum(i * i for i in range(20000))
    second = probe.sample()
    assert first.rss_bytes > 1 << 20  # a Python process with numpy holds more than 1 MiB
    assert second.wall_s >= first.wall_s and second.cpu_s >= first.cpu_s >= 0
    usage = probe.usage_between(first, second)
    assert usage.wall_s >= 0 and usage.cpu_s >= 0 and usage.core_share >= 0
    assert probe.Usage(wall_s=0.0, cpu_s=1.0).core_share == 0.0


def test_stage_times_sum_the_calls_of_a_frame():
    frame = probe.StageTimes()
    assert frame.time("rules", lambda x: x + 1, 1) == 2
    frame.add("rules", 0.5, 0.25)
    frame.add("overlay", 1.0)
    total = probe.StageTimes()
    total.merge_frame(frame)
    total.merge_frame(frame)
    assert total.stages() == ["rules", "overlay"]
    assert total.count("rules") == 2
    assert total.total_s("overlay") == 2.0
    assert total.total_s("rules", cpu=True) >= 0.5
    assert total.mean_ms("missing") == 0.0


# --- memory replay (synthetic landmarks, no MediaPipe) -----------------------------------------


def observations() -> list[Observation]:
    face, body = synthetic_face(corner_lift_deg=20, widen=0.1), front_body(standing=False)
    seen = [Observation(t=i / 5, frame_index=i, width=640, height=480, face=face, body=body, faces_in_view=1)
            for i in range(8)]
    return seen + [Observation(t=(8 + i) / 5, frame_index=8 + i, width=640, height=480) for i in range(2)]


def test_replay_samples_memory_at_fixed_video_times():
    samples = replay(observations(), hours=0.02, fps=5, sample_every_s=18)  # 72 s = 360 steps
    assert [s.steps for s in samples] == [0, 90, 180, 270, 360]
    assert [s.video_s for s in samples][:4] == [0.0, 17.8, 35.8, 53.8]
    assert samples[-1].video_s == pytest.approx(71.8)
    assert all(s.rss_bytes > 0 for s in samples)
    assert all(a.events <= b.events for a, b in itertools.pairwise(samples))
    assert isinstance(growth_mib_per_hour(samples), float)


def test_replay_refuses_nothing_to_replay_or_no_time():
    with pytest.raises(ValueError):
        replay([], hours=1, fps=5, sample_every_s=60)
    with pytest.raises(ValueError):
        replay(observations(), hours=0, fps=5, sample_every_s=60)


def test_growth_needs_enough_samples():
    assert growth_mib_per_hour([]) is None


# --- tables and the results file ---------------------------------------------------------------


def test_table_aligns_numbers_right_and_counts_wide_characters():
    table = Table("T", ["方法", "ms", "× bare"])
    table.add("bare", "61.4", "×1.00")
    table.add("完整流程", "68.8", "×1.12")
    table.notes.append("a note")
    lines = format_table(table).splitlines()
    assert lines[0] == "### T"
    assert lines[3] == "|----------|-----:|-------:|"
    assert lines[4] == "| bare     | 61.4 |  ×1.00 |"
    assert lines[5] == "| 完整流程 | 68.8 |  ×1.12 |"
    assert lines[-1] == "- a note"
    assert len({report.display_width(line) for line in lines[2:6]}) == 1
    with pytest.raises(ValueError, match="3 cells"):
        table.add("too", "few")


def test_number_and_ratio_cells():
    assert number(None) == "-" and number(3.14159, 2) == "3.14"
    assert ratio(2.0, 1.0) == "×2.00"
    assert ratio(1.0, 0.0) == "-" and ratio(None, 1.0) == "-"


def test_results_keep_other_sections_and_replace_only_the_bench_one(tmp_path):
    assert merge_results("", "## Speed").startswith(report.RESULTS_TITLE)
    batch = "## Batch review\n\nfigures of the batch helper\n"
    first = merge_results(batch, "## Speed\n\nold figures")
    assert first.index(report.RESULTS_START) < first.index("## Batch review")
    second = merge_results(first, "## Speed\n\nnew figures")
    assert "old figures" not in second and "new figures" in second
    assert second.count(report.RESULTS_START) == 1 and "figures of the batch helper" in second

    path = tmp_path / "RESULTS.md"
    path.write_text("# Results\n\n" + batch, encoding="utf-8")
    report.write_results(path, "## Speed\n\nrun 1")
    path.write_text(path.read_text(encoding="utf-8") + "\n## Added meanwhile\n", encoding="utf-8")
    report.write_results(path, "## Speed\n\nrun 2")
    text = path.read_text(encoding="utf-8")
    assert "run 2" in text and "run 1" not in text
    assert "# Results" in text and "## Batch review" in text and "## Added meanwhile" in text


def test_cpu_model_is_read_from_cpuinfo():
    assert report.cpu_model("processor\t: 0\nmodel name\t: Example CPU @ 2.0GHz\n") == "Example CPU @ 2.0GHz"
    assert report.cpu_model("") != ""
    info = report.machine_info()
    assert {"cpu", "cores", "python", "mediapipe"} <= set(info)


def test_resolutions_are_parsed_or_refused():
    assert parse_resolutions("640x480, 1280×720") == ((640, 480), (1280, 720))
    for bad in ("640", "640x481", "axb"):
        with pytest.raises(ValueError):
            parse_resolutions(bad)


# --- frames -------------------------------------------------------------------------------------


def test_letterbox_keeps_the_aspect_and_fills_the_size():
    image = np.zeros((480, 640, 3), np.uint8)
    image[:, 320:] = 255
    boxed = letterbox(image, 1280, 720)
    assert boxed.shape == (720, 1280, 3)
    assert boxed[:, 640 + 10].min() == 255 and boxed[:, 640 - 10].max() == 0  # the split stays central
    assert letterbox(image, 640, 480) is image


def test_manifest_clips_and_their_errors(tmp_path):
    with pytest.raises(BenchInputError, match="MANIFEST.csv"):
        manifest_clips(tmp_path)
    (tmp_path / "MANIFEST.csv").write_text("file,category\nphoto.jpg,smile_face\n", encoding="utf-8")
    with pytest.raises(BenchInputError, match="video"):
        manifest_clips(tmp_path)
    (tmp_path / "v").mkdir()
    (tmp_path / "v" / "a.mp4").write_bytes(b"")
    (tmp_path / "MANIFEST.csv").write_text("file,category\nv/a.mp4,video_face\nv/gone.mp4,video_face\n",
                                           encoding="utf-8")
    assert manifest_clips(tmp_path) == [tmp_path / "v" / "a.mp4"]


@pytest.fixture(scope="module")
def tiny_clip(tmp_path_factory) -> Path:
    """0.4 s of the default sample at 320x240, 15 fps (6 frames)."""
    target = tmp_path_factory.mktemp("bench") / "tiny.mp4"
    path, written = write_clip((sample_clip(),), target, 320, 240, 15.0, 0.4)
    assert written == 6
    return path


def test_frames_of_a_clip_are_resized_and_counted(tiny_clip):
    got = list(frames(FrameSet("tiny", (tiny_clip, tiny_clip), 160, 120), 5))
    assert [f.index for f in got] == [0, 1, 2, 3, 4]
    assert all(f.image.shape == (120, 160, 3) for f in got)
    assert all(a.t < b.t for a, b in itertools.pairwise(got))  # times run on across the two clips


def test_review_jobs_option_is_detected():
    assert isinstance(review_has_jobs(), bool)


# --- the command --------------------------------------------------------------------------------


def test_bench_quick_on_a_tiny_clip_prints_tables_with_ratios(tiny_clip, tmp_path, capsys):
    results = tmp_path / "RESULTS.md"
    results.write_text("## Batch review\n\nkept\n", encoding="utf-8")
    code = coach_main(["bench", "--quick", "--only", "throughput", "--clip", str(tiny_clip), "--frames", "2",
                       "--resolutions", "320x240", "--lang", "en", "--record", str(results)])
    out = capsys.readouterr().out
    assert code == 0
    assert "### Throughput" in out and "### Where the pipeline's time goes" in out
    header = next(line for line in out.splitlines() if "× bare" in line)
    assert header.startswith("| resolution")
    rows = [line for line in out.splitlines() if line.startswith("| 320×240")]
    assert len(rows) == 4  # bare, full pipeline, full pipeline with Pose capped, Haar
    assert all(re.search(r"×\d+\.\d\d \|$", row) for row in rows)
    assert any("full pipeline, Pose ≤5 fps" in row for row in rows)
    assert re.search(r"320×240: with Pose at most 5 times a second it ran on \d+ of 2 frames", out)
    assert re.search(r"the slowest stage is \w", out)
    recorded = results.read_text(encoding="utf-8")
    assert "### Throughput" in recorded and "kept" in recorded and "--clip" in recorded


@pytest.mark.parametrize("args, message", [
    (["--clip", "/nonexistent/clip.mp4"], "does not exist"),
    (["--frames", "0"], "--frames"),
    (["--resolutions", "640"], "bad resolution"),
    (["--hours", "-1"], "--hours"),
    (["--data", "/nonexistent"], "MANIFEST.csv"),
])
def test_bench_bad_input_is_one_line_and_exit_2(args, message, capsys):
    code = coach_main(["bench", "--lang", "en", *args])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1 and message in err
