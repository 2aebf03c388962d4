"""Serving states on clips: found where people talk, not where they sit silently — scored
against `CLIP_LABELS.csv` segments (`python -m coach evaluate`), on a made-up run and the real clips."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.clip_evaluation.clips import ClipRun, Episode, Segment
from coach.clip_evaluation.services import SILENT_LABELS, TALKING_LABELS, score_services

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def test_frames_inside_a_service_are_scored_per_label():
    segments = [Segment("a.mp4", 0.0, 2.0, "neutral", "high"),
                Segment("a.mp4", 2.0, 6.0, "talking", "high"),
                Segment("a.mp4", 6.0, 8.0, "smile_genuine", "low"),
                Segment("a.mp4", 8.0, 10.0, "neutral", "medium")]
    times = tuple(i / 2 for i in range(20))  # 0 .. 9.5
    run = ClipRun("a.mp4", times, (None,) * 20, (), services=(Episode(2.5, 8.5, "source=talk"),))
    scores = score_services(run, segments)
    assert scores.services == 1
    assert (scores.frames["talking"], scores.serving["talking"]) == (8, 7)  # 2.0 is before the start
    assert scores.frames["smile_genuine"] == 0  # low confidence is not judged
    assert (scores.frames["neutral"], scores.serving["neutral"]) == (8, 2)  # 8.0 and 8.5
    assert scores.share(TALKING_LABELS) == pytest.approx(7 / 8)
    assert scores.share(SILENT_LABELS) == pytest.approx(2 / 8)


@pytest.mark.skipif(not (DATA / "CLIP_LABELS.csv").is_file(),
                    reason="../shared/data/CLIP_LABELS.csv is absent")
def test_real_clips_serve_while_talking_and_not_while_silent(tmp_path, capsys):
    from coach.__main__ import main

    code = main(["evaluate", str(DATA / "CLIP_LABELS.csv"), "--lang", "en", "--cache", str(tmp_path),
                 "--show", "*KatieHill*", "--show", "*single_face*", "--show", "*dude_sm*", "--fps", "10"])
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    section = lines[next(i for i, line in enumerate(lines) if line.startswith("Serving state")):]
    talking_clip = next(line for line in section if "KatieHill" in line).split()
    assert talking_clip[1] == "1" and int(talking_clip[2].rstrip("%")) >= 70  # one service, most of the talk
    for silent in ("single_face", "dude_sm"):
        row = next(line for line in section if silent in line).split()
        assert row[1] == "0" and row[-1] == "0%", row  # no service while smiling silently
