"""The library core (`coach.Analyzer`, `coach.AnalyzerOptions`, `coach.review_file`) on real
frames from the bundled samples and the real MediaPipe models."""

from __future__ import annotations

from pathlib import Path

import pytest

import coach
from coach.errors import CoachError, OptionsError
from coach.vision.sources import SourceError, open_source

ROOT = Path(__file__).resolve().parents[1]
CLIP = ROOT / "sample_videos" / "sway_smile.mp4"


@pytest.mark.parametrize(("options", "code"), [
    ({"pose_max_fps": 0}, "review.error.bad_pose_fps"),
    ({"pose_max_fps": float("nan")}, "review.error.bad_pose_fps"),
    ({"stride": 0}, "vision.error.bad_stride"),
    ({"stride": 2, "fps": 5.0}, "vision.error.stride_and_fps"),
])
def test_options_are_checked_when_made_and_the_error_carries_a_code(options, code):
    with pytest.raises(CoachError) as caught:
        coach.AnalyzerOptions(**options)
    assert caught.value.code == code
    english, chinese = caught.value.message("en"), caught.value.message("zh-CN")
    assert english != chinese and "\n" not in english


def test_options_are_frozen():
    options = coach.AnalyzerOptions(source="cam0")
    with pytest.raises(AttributeError):
        options.source = "cam1"  # type: ignore[misc]


def test_an_options_error_is_a_value_error_too():
    with pytest.raises(ValueError):
        coach.AnalyzerOptions(pose_max_fps=-1)
    assert issubclass(OptionsError, CoachError)


def test_process_equals_judge_of_the_same_observations():
    """`judge` (the engine only) on the observations `process` made gives the same steps and summary:
    what the batch relies on to replay chunks."""
    options = coach.AnalyzerOptions(source=CLIP.name, stride=2)
    seen, live_steps = [], []
    with coach.Analyzer(options) as analyzer, open_source(CLIP, stride=2) as source:
        for frame in source:
            step = analyzer.process(frame)
            seen.append(step.observation)
            live_steps.append(step)
        live = analyzer.finish()
    with coach.Analyzer(options) as replay:
        replayed = [replay.judge(observation) for observation in seen]
        again = replay.finish()
        assert replay._landmarker is None  # judge never loads the models
    assert [s.record.as_row() for s in replayed] == [s.record.as_row() for s in live_steps]
    assert again.summary == live.summary and again.events == live.events
    assert live.frames == len(seen) > 10 and live.faces > 0
    assert live.summary["smiles"]["count"] >= 1  # the clip smiles: the comparison is not of empty runs


def test_finish_is_once_and_break_actions_need_a_frame():
    with coach.Analyzer() as analyzer:
        assert analyzer.take_break() is False  # nothing seen yet: no time to act at
        first = analyzer.finish()
        assert analyzer.finish() is first
        assert first.frames == 0 and first.events == []


def test_review_file_opens_the_source_once_and_feeds_the_sinks(tmp_path, monkeypatch):
    import coach.vision.sources as sources

    opened = []
    real_open = sources.open_source

    def counting_open(*args, **kwargs):
        opened.append(args[0])
        return real_open(*args, **kwargs)

    monkeypatch.setattr(sources, "open_source", counting_open)
    timeline = tmp_path / "timeline.csv"
    with coach.TimelineCsvSink(timeline) as sink:
        outcome = coach.review_file(CLIP, [sink], coach.AnalyzerOptions(stride=3))
    assert opened == [CLIP]
    rows = timeline.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + outcome.frames and outcome.frames == 30
    assert outcome.source == CLIP.name and outcome.media_s > 5


def test_review_opens_a_single_file_once_and_prints_nothing(tmp_path, monkeypatch, capsys):
    import coach.review as review_module

    opened = []
    real_open = review_module.open_source

    def counting_open(*args, **kwargs):
        opened.append(args[0])
        return real_open(*args, **kwargs)

    monkeypatch.setattr(review_module, "open_source", counting_open)
    finished = []
    results = review_module.review(CLIP, tmp_path / "out", review_module.ReviewOptions(stride=3),
                                   on_file=finished.append)
    assert opened == [CLIP]
    assert finished == results and results[0].ok
    assert capsys.readouterr().out == ""
    for name in ("timeline.csv", "events.csv", "summary.json"):
        assert (tmp_path / "out" / name).is_file()


def test_a_bad_file_comes_back_with_its_code(tmp_path):
    from coach.review import review_one

    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    result = review_one(empty, tmp_path / "out")
    assert not result.ok and result.reason == "empty_file"
    assert isinstance(result.problem, SourceError)
    assert "empty" in result.error_text("en") and result.error_text("en") != result.error_text("zh-CN")
