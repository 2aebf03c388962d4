"""Output files: columns, rows on disk as they are written, atomic JSON/MP4, a full disk in one line."""

from __future__ import annotations

import csv
import json
import os
import stat
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from coach.readings import TIMELINE_COLUMNS, Event, PostureReading, Record
from coach.sinks import (
    EVENT_COLUMNS,
    AnnotatedVideoSink,
    EventsCsvSink,
    H264Writer,
    SinkError,
    TimelineCsvSink,
    write_json_atomic,
)
from coach.types import Frame, Observation
from coach.vocabulary import describe, label


def record(frame: int, t: float, posture: PostureReading | None = None) -> Record:
    return Record(source="clip.mp4", frame=frame, t_s=t, face_found=False, body_found=posture is not None,
                  posture=posture)


def step(rec: Record, events=()):
    return SimpleNamespace(record=rec, events=list(events), state=None)


def rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def header(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as file:
        return next(csv.reader(file))


def blank_frame(t: float, index: int) -> Frame:
    return Frame(t=t, index=index, image=np.zeros((48, 64, 3), np.uint8))


def test_timeline_columns_and_rows_are_on_disk_before_close(tmp_path):
    path = tmp_path / "timeline.csv"
    with TimelineCsvSink(path) as sink:
        sink.on_step(blank_frame(0.0, 0), None, step(record(0, 0.0)))
        hunched = PostureReading("sitting", torso_incline_deg=3.44, issues=("hunched",))
        sink.on_step(blank_frame(0.5, 5), None, step(record(5, 0.5, hunched)))
        # a crash now would keep both rows: they are flushed
        written = rows(path)
    assert header(path) == list(TIMELINE_COLUMNS)
    assert [r["frame"] for r in written] == ["0", "5"]
    assert written[1]["torso_incline_deg"] == "3.4"
    assert written[1]["posture_issues"] == "hunched" and written[1]["posture_ok"] == "0"
    assert written[0]["posture_ok"] == ""


def test_events_written_once_complete_with_clock_times(tmp_path):
    path = tmp_path / "events.csv"
    slouch_open = Event(192.0, None, "posture:hunched")
    slouch_closed = Event(192.0, 241.0, "posture:hunched")
    with EventsCsvSink(path) as sink:
        sink.on_step(blank_frame(192, 0), None, step(record(0, 192.0), [slouch_open]))
        assert rows(path) == []  # still going: held until it ends
        sink.on_step(blank_frame(241, 1), None, step(record(1, 241.0), [slouch_closed]))
        sink.on_finish([Event(300.0, None, "posture:head_tilted")], {}, "clip.mp4")
    written = rows(path)
    assert header(path) == list(EVENT_COLUMNS)
    assert [(r["start"], r["end"], r["kind"]) for r in written] == [
        ("00:03:12", "00:04:01", "posture:hunched"), ("00:05:00", "", "posture:head_tilted")]
    assert written[0]["detail"].endswith("00:03:12–00:04:01")
    assert written[0]["start_s"] == "192.0" and written[0]["end_s"] == "241.0"
    assert written[0]["source"] == "clip.mp4"


def test_event_names_come_from_the_one_vocabulary():
    assert label("break_due", "en") == "Break reminder"
    assert label("something:new_kind", "en") == "new kind"  # unknown kinds stay readable
    assert describe(Event(0.0, 65.0, "something:new_kind"), "en") == "new kind 00:00:00–00:01:05"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full to simulate a full disk")
def test_full_disk_is_one_clear_line():
    with pytest.raises(SinkError) as caught, TimelineCsvSink("/dev/full") as sink:
        for i in range(2000):  # the header alone may fit in a buffer; rows are flushed one by one
            sink.write_record(record(i, i / 10))
    assert caught.value.reason == "disk_full"
    assert "\n" not in caught.value.message("en") and "disk is full" in caught.value.message("en")


def test_json_is_written_atomically_and_plainly(tmp_path):
    path = tmp_path / "summary.json"
    path.write_text('{"old": true}')
    write_json_atomic(path, {"share": np.float32(0.5), "count": np.int64(3), "missing": float("nan"),
                             "points": np.arange(3), "名字": "张三"})
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "share": 0.5, "count": 3, "missing": None, "points": [0, 1, 2], "名字": "张三"}
    assert [p.name for p in tmp_path.iterdir()] == ["summary.json"]  # no temporary file left behind
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    # the same permissions as any file made here (a temporary file alone would be private, 0600)
    assert stat.S_IMODE(os.stat(path).st_mode) == stat.S_IMODE(os.stat(plain).st_mode)


def test_json_into_an_unwritable_place_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SinkError) as caught:
        write_json_atomic(blocker / "summary.json", {})  # a file where a folder should be
    assert caught.value.reason == "not_a_folder" and "\n" not in str(caught.value)


def test_h264_writer_makes_a_browser_playable_mp4_with_the_frames_times(tmp_path):
    import av

    path = tmp_path / "out.mp4"
    times = [0.0, 0.2, 0.4, 1.0, 1.2]
    with H264Writer(path, fps=5) as writer:
        for t in times:
            writer.write(np.full((61, 81, 3), 128, np.uint8), t)  # odd sides are trimmed to even
    assert [p.name for p in tmp_path.iterdir()] == ["out.mp4"]
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        decoded = list(container.decode(stream))
    assert decoded[0].format.name == "yuv420p" and (decoded[0].width, decoded[0].height) == (80, 60)
    assert [round(f.time, 2) for f in decoded] == times


def test_annotated_sink_draws_each_analysed_frame(tmp_path):
    import av

    path = tmp_path / "annotated" / "clip.mp4"
    with AnnotatedVideoSink(path, fps=10) as sink:
        for i in range(3):
            frame = blank_frame(i / 10, i)
            obs = Observation(t=frame.t, frame_index=i, width=64, height=48)
            sink.on_step(frame, obs, step(record(i, frame.t)))
    with av.open(str(path)) as container:
        decoded = [f.to_ndarray(format="bgr24") for f in container.decode(video=0)]
    assert len(decoded) == 3
    assert decoded[0].max() > 100  # the "no face" label was drawn on the black frame
