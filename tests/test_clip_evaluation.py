"""`python -m coach evaluate CLIP_LABELS.csv`: frame agreement and episodes against segment labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.clip_evaluation.clips import (
    ClipLabelsError,
    ClipRun,
    Episode,
    labelled_episodes,
    read_clip_labels,
    score_clip,
    segment_at,
)

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
HEADER = "file,t_start_s,t_end_s,face_label,posture,confidence,note\n"


def write_labels(tmp_path, rows: str) -> Path:
    path = tmp_path / "CLIP_LABELS.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_scores_frames_and_episodes(tmp_path):
    path = write_labels(tmp_path, (
        "a.mp4,0,1,neutral,upright,high,\n"
        "a.mp4,1,2,smile_genuine,upright,high,\n"
        "a.mp4,2,3,talking,upright,medium,\n"
        "a.mp4,3,4,negative,upright,low,\n"))
    segments = read_clip_labels(path)["a.mp4"]
    assert segment_at(segments, 1.0).label == "smile_genuine"
    times = tuple(i / 2 for i in range(8))  # 0, 0.5, ..., 3.5
    frame_kinds = ("none", "genuine", "genuine", "mouth_only", "mouth_only", "none", "genuine", "genuine")
    episodes = (Episode(0.9, 1.6, "genuine"), Episode(2.4, 2.6, "mouth_only"))
    run = ClipRun("a.mp4", times, frame_kinds, episodes)

    before = score_clip(run, segments, "frames")
    # judged frames: 0 neutral, 0.5 neutral, 1 smile, 1.5 smile, 2 talking, 2.5 talking (3.x is low)
    assert (before.smile_right, before.smile_total) == (4, 6)
    assert (before.kind_right, before.kind_total) == (1, 2)
    assert before.figure("talking_as_smile") == 0.5

    after = score_clip(run, segments, "episodes")
    assert (after.smile_right, after.smile_total) == (5, 6)
    assert (after.kind_right, after.kind_total) == (2, 2)
    assert after.by_label["negative"].frames == 0  # low confidence is not judged
    assert (after.found_labelled, after.labelled_episodes) == (1, 1)
    assert (after.episodes, after.spurious_episodes) == (2, 1)
    assert after.meets("smile_accuracy") is False and after.meets("negative_as_smile") is None


def test_touching_smile_segments_make_one_labelled_episode(tmp_path):
    path = write_labels(tmp_path, (
        "a.mp4,0,1,smile_genuine,,low,\n"
        "a.mp4,1,2,talking_smiling,,high,\n"
        "a.mp4,2,3,neutral,,high,\n"
        "a.mp4,3,4,smile_mouth_only,,low,\n"))
    assert labelled_episodes(read_clip_labels(path)["a.mp4"]) == [(0.0, 2.0, True), (3.0, 4.0, False)]


@pytest.mark.parametrize("rows,code", [
    ("a.mp4,1,0,neutral,,high,\n", "bad_row"),
    ("a.mp4,0,1,happy,,high,\n", "bad_row"),
    ("a.mp4,x,1,neutral,,high,\n", "bad_row"),
])
def test_bad_labels_say_which_line(tmp_path, rows, code):
    with pytest.raises(ClipLabelsError) as caught:
        read_clip_labels(write_labels(tmp_path, rows))
    assert caught.value.code == code and caught.value.values["line"] == 2


def test_missing_columns(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("file,category\na.jpg,neutral_face\n", encoding="utf-8")
    with pytest.raises(ClipLabelsError) as caught:
        read_clip_labels(path)
    assert caught.value.code == "columns"


def test_cli_reports_a_bad_labels_file_in_one_line(tmp_path, capsys):
    from coach.__main__ import main

    path = write_labels(tmp_path, "a.mp4,2,1,neutral,,high,\n")
    assert main(["evaluate", str(path), "--lang", "en"]) == 2
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "Line 2" in out[0]


@pytest.mark.skipif(not (DATA / "CLIP_LABELS.csv").is_file(),
                    reason="../shared/data/CLIP_LABELS.csv is absent")
def test_real_clips_one_verdict_at_any_frame_rate(tmp_path, capsys):
    """The issue's clips: a broad smile with eye crinkles is one genuine episode at 10 fps and at
    every frame; crying with eyes squeezed shut is not a smile."""
    from coach.__main__ import main

    for fps in ("10", "0"):
        code = main(["evaluate", str(DATA / "CLIP_LABELS.csv"), "--lang", "en", "--cache", str(tmp_path),
                     "--show", "*dude_sm*", "--show", "*single_face*", "--fps", fps])
        assert code == 0
        out = capsys.readouterr().out
        dude = next(line for line in out.splitlines() if line.startswith("ninakira__dude_sm"))
        assert dude.endswith("1/1 +0"), dude
        kind_after = dude.split()[4]
        right, total = (int(v) for v in kind_after.split("/"))
        assert right == total, dude  # every frame of the genuine smile read genuine


def test_an_unreadable_clip_is_one_line_and_exit_2(tmp_path, capsys):
    from coach.__main__ import main

    path = write_labels(tmp_path, "bad.mp4,0,1,neutral,,high,\n")
    (tmp_path / "bad.mp4").write_bytes(b"not a video at all" * 10)
    assert main(["evaluate", str(path), "--lang", "en", "--no-cache"]) == 2
    out = capsys.readouterr().out
    assert "bad.mp4" in out and "Traceback" not in out
