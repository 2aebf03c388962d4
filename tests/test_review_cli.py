"""`python -m coach review`: the three output files on a generated clip; one line and exit 2 on bad input."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest
from skimage import data

from coach.__main__ import main as coach_main
from coach.readings import TIMELINE_COLUMNS
from coach.review_defaults import REVIEW_POSE_FPS
from coach.samples import CLIPS, Clip, render
from coach.sinks import EVENT_COLUMNS, H264Writer


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    """2 s of the head-tilt sample (15 fps): the person on the counter background."""
    head_tilt = next(c for c in CLIPS if c.name == "head_tilt")
    short = Clip("short", "", 2.0, head_tilt.keyframes)
    path = tmp_path_factory.mktemp("clips") / "tilt.mp4"
    with H264Writer(path, fps=15) as writer:
        for index in range(30):
            writer.write(render(short, index / 15), index / 15)
    return path


def review(*args: str) -> int:
    return coach_main(["review", *map(str, args), "--quiet"])


def csv_rows(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


def test_review_of_a_clip_writes_timeline_events_and_summary(clip, tmp_path, capsys):
    out = tmp_path / "out"
    assert review(clip, "-o", out, "--stride", "5", "--lang", "en") == 0
    columns, timeline = csv_rows(out / "timeline.csv")
    assert columns == list(TIMELINE_COLUMNS)
    assert [row["frame"] for row in timeline] == ["0", "5", "10", "15", "20", "25"]
    assert {row["source"] for row in timeline} == {"tilt.mp4"}
    assert all(row["face_found"] == "1" for row in timeline)
    assert csv_rows(out / "events.csv")[0] == list(EVENT_COLUMNS)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"] == {"files": 1, "ok": 1, "failed": 0, "frames_analysed": 6}
    entry = summary["files"][0]
    assert entry["ok"] and entry["frames_analysed"] == 6 and entry["face_found_share"] == 1.0
    assert isinstance(entry["engine"], dict)
    assert not (out / "annotated").exists()  # no pictures kept unless asked
    assert "tilt.mp4" in capsys.readouterr().out


def test_annotate_adds_a_playable_mp4(clip, tmp_path):
    import av

    out = tmp_path / "out"
    assert review(clip, "-o", out, "--fps", "3", "--annotate") == 0
    with av.open(str(out / "annotated" / "tilt.mp4")) as container:
        assert container.streams.video[0].codec_context.name == "h264"
        assert len(list(container.decode(video=0))) == 6


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


def test_missing_path_is_exit_2_with_one_line(tmp_path, capsys):
    out = tmp_path / "out"
    assert review(tmp_path / "nope.mp4", "-o", out, "--lang", "en") == 2
    assert "nope.mp4" in one_error_line(capsys)
    assert not out.exists()  # nothing written for bad input


@pytest.mark.parametrize(("name", "content", "words"), [
    ("empty.mp4", b"", "empty"),
    ("corrupt.mp4", np.random.default_rng(3).integers(0, 256, 40_000, dtype=np.uint8).tobytes(), "corrupt"),
    ("notes.xyz", b"some text, not a video\n" * 50, "not a video or picture"),
])
def test_bad_file_is_exit_2_with_one_line(tmp_path, capsys, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    assert review(path, "-o", tmp_path / "out", "--lang", "en") == 2
    line = one_error_line(capsys)
    assert name in line and words in line
    assert not (tmp_path / "out").exists()


def test_chinese_is_the_default_language(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("COACH_LANG", raising=False)
    assert review(tmp_path / "不存在.mp4", "-o", tmp_path / "out") == 2
    assert "找不到" in one_error_line(capsys)


def test_bad_stride_is_exit_2_with_one_line(clip, tmp_path, capsys):
    assert review(clip, "-o", tmp_path / "out", "--stride", "0", "--lang", "en") == 2
    assert "stride" in one_error_line(capsys)


def test_empty_folder_is_exit_2(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "readme.txt").write_text("no media here")
    assert review(tmp_path / "in", "-o", tmp_path / "out", "--lang", "en") == 2
    assert "no videos or pictures" in one_error_line(capsys)


def test_folder_review_goes_on_past_a_bad_file(clip, tmp_path, capsys):
    folder = tmp_path / "in"
    (folder / "day1").mkdir(parents=True)
    shutil.copy(clip, folder / "day1" / "tilt.mp4")
    cv2.imwrite(str(folder / "photo.png"), cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR))
    (folder / "broken.mp4").write_bytes(b"\x00" * 5000)
    (folder / "notes.txt").write_text("ignored: not media")
    out = tmp_path / "out"
    assert review(folder, "-o", out, "--fps", "5", "--lang", "en") == 1  # some files failed, the rest done
    err = capsys.readouterr().err
    assert sum("broken.mp4" in line for line in err.splitlines()) == 1
    _, timeline = csv_rows(out / "timeline.csv")
    assert {row["source"] for row in timeline} == {"day1/tilt.mp4", "photo.png"}
    photo = [row for row in timeline if row["source"] == "photo.png"]
    assert len(photo) == 1 and photo[0]["face_found"] == "1" and photo[0]["t_s"] == "0.0"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["files"] == 3 and summary["totals"]["failed"] == 1
    failed = [f for f in summary["files"] if not f["ok"]]
    assert failed[0]["source"] == "broken.mp4" and failed[0]["error"]


def test_a_damaged_clip_keeps_what_was_analysed_and_says_where_it_broke(clip, tmp_path, capsys):
    data = clip.read_bytes()  # +faststart: a cut-off copy still opens, then stops part-way
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: int(len(data) * 0.9)])  # the first (key) frame is ~2/3 of this short clip
    out = tmp_path / "out"
    assert review(cut, "-o", out, "--stride", "3", "--lang", "en") == 0
    assert "damaged" in capsys.readouterr().err
    _, timeline = csv_rows(out / "timeline.csv")
    assert 0 < len(timeline) < 10
    entry = json.loads((out / "summary.json").read_text(encoding="utf-8"))["files"][0]
    assert entry["ended_early"] and "damaged" in entry["end_message"]


def pose_runs_of_each_landmarker(monkeypatch) -> list[tuple[float | None, int]]:
    """(pose_max_fps, Pose runs) of every landmarker the review closes, noted as it closes."""
    from coach.vision.landmarker import Landmarker

    seen: list[tuple[float | None, int]] = []
    close = Landmarker.close

    def noting_close(self):
        if self._face_mesh is not None:
            seen.append((self.pose_max_fps, self.pose_runs))
        close(self)

    monkeypatch.setattr(Landmarker, "close", noting_close)
    return seen


def test_every_frame_review_runs_pose_on_every_frame_unless_pose_fps_is_given(clip, tmp_path, monkeypatch):
    seen = pose_runs_of_each_landmarker(monkeypatch)
    assert review(clip, "-o", tmp_path / "every", "--lang", "en", "--every-frame") == 0
    assert seen == [(None, 30)]  # 2 s at 15 fps: Pose on all 30 frames
    seen.clear()
    assert review(clip, "-o", tmp_path / "default", "--lang", "en") == 0
    [(cap, runs)] = seen  # the default (coach.review_defaults)
    assert cap == REVIEW_POSE_FPS and (runs == 30 if cap is None else runs < 30)
    seen.clear()
    out = tmp_path / "capped"
    assert review(clip, "-o", out, "--pose-fps", "5", "--lang", "en", "--every-frame") == 0
    [(cap, runs)] = seen
    assert cap == 5.0 and 10 <= runs < 20  # 5 a second, plus any the head's moves forced
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["options"]["pose_fps"] == 5.0
    assert summary["files"][0]["body_found_share"] == 1.0  # the body is there on every frame


def test_bad_pose_fps_is_exit_2_with_one_line(clip, tmp_path, capsys):
    assert review(clip, "-o", tmp_path / "out", "--pose-fps", "0", "--lang", "en") == 2
    assert "--pose-fps" in one_error_line(capsys)
    assert not (tmp_path / "out").exists()


def test_bad_pose_fps_is_refused_by_the_batch_too(clip, tmp_path, capsys):
    assert review(clip, "-o", tmp_path / "out", "--pose-fps", "-2", "--jobs", "1", "--lang", "en") == 2
    assert "--pose-fps" in one_error_line(capsys)


def test_pose_fps_changes_a_batch_fingerprint_only_when_given():
    from dataclasses import replace

    from coach.batch.plan import legacy_fingerprints, options_fingerprint
    from coach.review import ReviewOptions

    every = ReviewOptions(stride=3, lang="en", pose_fps=None)  # Pose on every frame, as before --pose-fps
    # older batches (the language folded in, before --pose-fps existed) still count as finished
    assert "b67413736297b17e" in legacy_fingerprints(every, False)
    assert options_fingerprint(replace(every, pose_fps=5.0), False) != options_fingerprint(every, False)


def test_the_language_is_not_part_of_a_batch_fingerprint():
    from coach.batch.plan import options_fingerprint
    from coach.review import ReviewOptions

    assert options_fingerprint(ReviewOptions(stride=3, lang="en"), False) == \
        options_fingerprint(ReviewOptions(stride=3, lang="zh-CN"), False)
    every_third, every_second = ReviewOptions(stride=3), ReviewOptions(stride=2)
    assert options_fingerprint(every_third, False) != options_fingerprint(every_second, False)
