"""The engine end to end on synthetic timestamped observations (faces and skeletons)."""

from __future__ import annotations

import json

import pytest
from posture_bodies import HEAD, crossed_arms, front_body, head_down, moved
from smile_faces import synthetic_face, transformed

from coach.engine import Engine, LiveState, Step
from coach.readings import TIMELINE_COLUMNS, Event
from coach.settings import Settings
from coach.trackers.breaks import BreakSettings
from coach.types import Body, Face, Observation

# The synthetic face is drawn around (200, 200); move it onto the skeleton's head.
NEUTRAL = transformed(synthetic_face(), shift=(440.0, 80.0))
SMILING = transformed(synthetic_face(corner_lift_deg=20.0, widen=0.15, aperture=0.22, lower_lid=0.16),
                      shift=(440.0, 80.0))
LOOKING_AWAY = transformed(synthetic_face(nose_shift=40.0), shift=(440.0, 80.0))
UPRIGHT = front_body(standing=False)
SLUMPED = head_down(moved(UPRIGHT, HEAD, dy=50), 15)


class Clip:
    """Builds timestamped observations: clip.add(seconds, face=…, body=…) at `fps`."""

    def __init__(self, fps: float = 10.0):
        self.fps, self.t, self.frame, self.items = fps, 0.0, 0, []

    def add(self, seconds: float, face: Face | None = None, body: Body | None = None) -> Clip:
        for _ in range(int(round(seconds * self.fps))):
            self.items.append(Observation(t=round(self.t, 6), frame_index=self.frame, width=1280, height=1400,
                                          face=face, body=body, faces_in_view=int(face is not None)))
            self.t += 1.0 / self.fps
            self.frame += 1
        return self


def run(engine: Engine, clip: Clip) -> tuple[list[Step], list[Event]]:
    steps = [engine.step(obs) for obs in clip.items]
    events = [event for step in steps for event in step.events]
    return steps, events


def test_blank_frames_give_no_readings_no_alerts_and_empty_shares():
    engine = Engine(source="blank")
    steps, events = run(engine, Clip(fps=5).add(600))
    assert events == [] and engine.finish(600.0) == []
    last = steps[-1]
    assert (last.record.smile, last.record.gaze, last.record.posture) == (None, None, None)
    assert isinstance(last.state, LiveState)
    assert last.state.present is False and last.state.active_alerts == () and last.state.alerts == ()
    assert last.state.smile_score is None and last.state.eye_contact_share is None
    summary = engine.summary()
    assert summary["shares"]["face_found"] == 0.0 and summary["shares"]["eye_contact"] is None
    assert summary["events"] == {} and sum(summary["posture"]["alerts"].values()) == 0
    assert summary["breaks"]["due"] == 0


def test_missing_face_or_body_gives_none_for_that_reading_only():
    engine = Engine()
    face_only = engine.step(Observation(t=0.0, frame_index=0, width=1280, height=1400, face=NEUTRAL))
    assert face_only.record.smile is not None and face_only.record.gaze is not None
    posture = face_only.record.posture  # a person, not judged: the reason is said, never a blank
    assert posture is not None and not posture.judged and posture.reason == "face_only"
    assert face_only.record.as_row()["posture_reason"] == "face_only" and face_only.state.posture_ok is None
    body_only = engine.step(Observation(t=0.1, frame_index=1, width=1280, height=1400, body=UPRIGHT))
    assert body_only.record.smile is None and body_only.record.gaze is None
    assert body_only.record.posture is not None and body_only.record.posture.mode == "sitting"
    row = body_only.record.as_row()
    assert list(row) == list(TIMELINE_COLUMNS) and row["posture_ok"] == 1
    assert row["posture_view"] == "front" and row["posture_reason"] == ""


def test_a_slump_alerts_after_the_onset_and_ends_when_upright_again():
    engine = Engine()
    clip = Clip().add(10, NEUTRAL, UPRIGHT).add(40, NEUTRAL, SLUMPED).add(20, NEUTRAL, UPRIGHT)
    steps, events = run(engine, clip)
    hunched = [e for e in events if e.kind == "posture:hunched"]
    assert len(hunched) == 2
    opened, closed = hunched
    # the fault levels are smoothed (1 s time constant): the slump registers ~1.3 s after it starts
    assert opened.end is None and opened.start == pytest.approx(11.3, abs=0.5)
    fired_at = next(s.state.t for s in steps if "hunched" in s.state.active_alerts)
    assert fired_at - opened.start == pytest.approx(15.0, abs=0.2)
    assert closed.start == opened.start and closed.end == pytest.approx(50.0, abs=2.0)
    assert steps[-1].state.active_alerts == ()
    during = next(s for s in steps if s.state.t == pytest.approx(40.0))
    assert during.state.alerts == ("posture:hunched",) and during.state.posture_ok is False
    summary = engine.summary()
    assert summary["posture"]["alerts"]["hunched"] == 1
    assert summary["events"]["posture:hunched"] == 1
    assert summary["posture"]["fault_seconds"]["hunched"] == pytest.approx(40.0, abs=0.5)
    assert summary["shares"]["good_posture"]["sitting"] == pytest.approx(30 / 70, abs=0.01)


def test_a_short_bend_never_alerts_and_losing_the_body_mid_fault_does_not_either():
    engine = Engine()
    clip = Clip().add(5, NEUTRAL, UPRIGHT)
    for _ in range(20):
        clip.add(2, NEUTRAL, SLUMPED).add(3, NEUTRAL, UPRIGHT)
    clip.add(10, NEUTRAL, SLUMPED).add(60, None, None).add(10, NEUTRAL, SLUMPED)
    _, events = run(engine, clip)
    assert [e for e in events if e.kind.startswith("posture:")] == []


def test_crossed_arms_alert_and_finish_closes_it():
    engine = Engine()
    _, events = run(engine, Clip().add(20, NEUTRAL, crossed_arms(UPRIGHT)))
    assert [(e.kind, e.end) for e in events] == [("posture:arms_crossed", None)]
    closing = engine.finish(20.0)
    assert closing == [Event(events[0].start, 20.0, "posture:arms_crossed")]


def test_quiet_posture_alerts_still_measure():
    engine = Engine(Settings().replace("alerts", posture_alerts=False))
    steps, events = run(engine, Clip().add(30, NEUTRAL, SLUMPED))
    assert events == [] and steps[-1].record.posture.issues == ("hunched",)
    assert engine.summary()["posture"]["fault_seconds"]["hunched"] > 29


def test_smiles_eye_contact_and_their_shares():
    engine = Engine()
    clip = Clip()
    for _ in range(6):  # a minute: 4 s smiling, 6 s neutral; looking away for 3 of the neutral
        clip.add(4, SMILING, UPRIGHT).add(3, NEUTRAL, UPRIGHT).add(3, LOOKING_AWAY, UPRIGHT)
    steps, events = run(engine, clip)
    state = steps[-1].state
    assert state.smile_count == 6 and [e.kind for e in events].count("smile") == 6
    # Episode time: the onset wait (0.3 s) is not counted live, the exit wait (0.5 s) is.
    assert state.smile_share == pytest.approx(0.4, abs=0.02)
    assert state.eye_contact_share == pytest.approx(0.7, abs=0.01)
    assert state.smiles_per_hour is None  # not from under a minute of presence
    one_more = Observation(t=61.0, frame_index=999, width=1280, height=1400, face=NEUTRAL, body=UPRIGHT)
    later = engine.step(one_more)
    assert later.state.smiles_per_hour == pytest.approx(6 * 3600 / 61.0, rel=0.01)
    assert engine.finish(61.0) == []  # the last smile already ended
    summary = engine.summary()
    assert summary["smiles"]["count"] == 6 and summary["smiles"]["by_kind"] == {"genuine": 6}
    assert summary["shares"]["smiling"] == pytest.approx(24 / 61, abs=0.02)  # episode time, see above
    smoothed = next(s.state.smile_score for s in steps if s.state.t == pytest.approx(3.0))
    assert smoothed > 90


def test_break_reminder_and_actions_flow_through_the_engine():
    settings = Settings(breaks=BreakSettings(work_min=50, postpone_min=10))
    engine = Engine(settings)
    steps, events = run(engine, Clip(fps=0.5).add(50 * 60 + 6, NEUTRAL, UPRIGHT))
    assert [e.kind for e in events] == ["break_due"]
    state = steps[-1].state
    assert state.break_phase == "due" and state.seconds_to_break == 0.0 and state.can_postpone
    assert engine.postpone_break(state.t)
    assert not engine.postpone_break(state.t)
    nxt = engine.step(Observation(t=state.t + 1, frame_index=10**6, width=1280, height=1400,
                                  face=NEUTRAL, body=UPRIGHT))
    assert [e.kind for e in nxt.events] == ["break_postponed"]
    assert nxt.state.break_phase == "postponed"
    assert nxt.state.seconds_to_break == pytest.approx(10 * 60 - 1, abs=0.01)
    assert engine.skip_break(nxt.state.t)
    assert [e.kind for e in engine.finish(nxt.state.t)] == ["break_skipped"]
    breaks = engine.summary()["breaks"]
    assert (breaks["due"], breaks["postponed"], breaks["skipped"]) == (1, 1, 1)


def test_standing_up_is_a_break_and_good_posture_is_kept_apart_for_sitting_and_standing():
    settings = Settings(breaks=BreakSettings(work_min=50, break_min=3))
    engine = Engine(settings)
    clip = (Clip(fps=0.5).add(50 * 60 + 10, NEUTRAL, UPRIGHT)
            .add(4 * 60, NEUTRAL, front_body(standing=True, feet_apart=0.3))
            .add(60, NEUTRAL, UPRIGHT))
    steps, events = run(engine, clip)
    assert [e.kind for e in events if e.kind.startswith("break")] == ["break_due", "break_taken"]
    summary = engine.summary()
    assert summary["breaks"]["taken"] == 1 and summary["breaks"]["compliance"] == 1.0
    assert summary["shares"]["good_posture"]["sitting"] == 1.0
    assert summary["shares"]["good_posture"]["standing"] == 0.0
    assert summary["posture"]["seconds_by_mode"]["standing"] == pytest.approx(240, abs=2)
    json.dumps(summary)  # JSON-able as it is


def test_time_going_backwards_says_so():
    engine = Engine()
    engine.step(Observation(t=5.0, frame_index=0, width=10, height=10))
    with pytest.raises(ValueError, match="5.0"):
        engine.step(Observation(t=4.0, frame_index=1, width=10, height=10))


def test_settings_round_trip_through_json_and_reject_nonsense():
    settings = Settings().replace("breaks", work_min=52).replace("posture", head_down_max_deg=25)
    again = Settings.from_dict(json.loads(json.dumps(settings.to_dict())))
    assert again == settings and again.breaks.work_min == 52
    assert Settings.from_dict({}) == Settings()
    for bad in ({"breaks": {"work_min": 70}}, {"posture": {"nope": 1}}, {"extra": {}},
                {"alerts": {"posture_alerts": "yes"}}, {"smile": {"smile_threshold": 500}},
                {"breaks": {"work_min": "55"}}, {"gaze": []}):
        with pytest.raises(ValueError):
            Settings.from_dict(bad)


def test_a_mix_of_faults_held_20_s_is_one_alert_and_every_surface_agrees():
    """Hunched 4 s, then the head down 3 s, three times: no single fault lasts the 15 s onset,
    but the posture needs adjustment the whole time: one alert naming the dominant fault,
    and the live state says "alert" exactly while it is on."""
    engine = Engine()
    clip = Clip().add(5, NEUTRAL, UPRIGHT)
    for _ in range(3):
        clip.add(4, NEUTRAL, SLUMPED).add(3, NEUTRAL, head_down(UPRIGHT, 40.0))
    steps, events = run(engine, clip)
    opened = [e for e in events if e.kind.startswith("posture:") and e.end is None]
    assert len(opened) == 1
    named = {opened[0].kind.removeprefix("posture:"), *opened[0].detail.split(";")}
    assert named == {"hunched", "head_down"}, opened
    assert steps[0].state.posture_state == "ok"
    for step in steps:
        assert (step.state.posture_state == "alert") == bool(step.state.active_alerts)
    assert steps[-1].state.posture_state == "alert" and steps[-1].state.alerts == (opened[0].kind,)
    assert sum(engine.summary()["posture"]["alerts"].values()) == 1
