"""Fatigue and the set-up check on real clips (`../shared/data`, skipped when absent), and how the
blinks named in CLIP_LABELS.csv's notes are read."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.clip_evaluation.clips import Segment
from coach.clip_evaluation.fatigue import Blink, blinks_in_note, labelled_blinks

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.mark.parametrize(("note", "blinks"), [
    ("smile onset ~0.6 s, toothy by ~0.7 s; blink ~0.85-0.95 s", [Blink(0.85, 0.95)]),
    ("sustained broad toothy smile; blinks ~4.1 s and ~6.4 s", [Blink(4.1, 4.1), Blink(6.4, 6.4)]),
    ("grin released ~2.6 s (blink), neutral from ~2.7 s", [Blink(2.6, 2.6)]),
    ("blink ~10.5 s then brief toothy smile ~10.6-10.85 s with cheek raise", [Blink(10.5, 10.5)]),
    ("speaking, no clear smile; blinks", []),
    ("0-0.3 s faint closed-lip smile, then blink and speech begins", []),
])
def test_blinks_are_read_from_the_notes(note, blinks):
    assert blinks_in_note(note) == blinks


def test_a_blink_named_in_two_rows_counts_once():
    row = Segment("a.mp4", 0.5, 1.0, "smile_genuine", "medium", note="blink ~0.85-0.95 s")
    assert labelled_blinks([row, row]) == [Blink(0.85, 0.95)]


@pytest.mark.skipif(not (DATA / "CLIP_LABELS.csv").is_file(),
                    reason="../shared/data/CLIP_LABELS.csv is absent")
def test_real_clips_blinks_found_no_eyes_closed_alert_no_pause_in_good_light(tmp_path, capsys):
    from coach.__main__ import main

    code = main(["evaluate", str(DATA / "CLIP_LABELS.csv"), "--lang", "en", "--cache", str(tmp_path),
                 "--show", "*liveportrait__d13*", "--show", "*single_face*"])
    assert code == 0
    out = capsys.readouterr().out.splitlines()
    section = out[out.index("Fatigue and set-up check (per clip)"):]
    rows = {line.split()[0]: line.split() for line in section[2:4]}
    assert set(rows) == {"liveportrait__d13.mp4", "pyfeat__single_face.mp4"}
    for cells in rows.values():
        found, labelled = (int(v) for v in cells[1].split("/"))
        assert labelled >= 1 and found == labelled, cells  # every labelled blink seen closed
        assert cells[2] == "0", cells  # no eyes-closed alert
        assert cells[4] == "0", cells  # talking is not yawning
        assert cells[5] == "0%/0%/0%/0%", cells  # well lit, facing the camera: nothing paused
    total = next(line for line in section if line.startswith("Total:"))
    assert "eyes-closed alerts 0" in total
