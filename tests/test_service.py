"""Serving a customer: the service state from talking toward the window or the queue system's hook,
and the break reminder and posture nudges waiting for it. Time is passed in everywhere."""

from __future__ import annotations

import pytest
from posture_bodies import HEAD, front_body, head_down, moved
from smile_faces import synthetic_face, transformed

from coach.engine import Engine
from coach.readings import Event
from coach.settings import Settings
from coach.trackers.service import ServiceMoments, ServiceSettings, ServiceTracker
from coach.types import Body, Face, Observation

SHIFT = (440.0, 80.0)  # the synthetic face drawn onto the skeleton's head
UPRIGHT = front_body(standing=False)
SLUMPED = head_down(moved(UPRIGHT, HEAD, dy=50), 15)


def face(lip_gap: float = 3.0, nose_shift: float = 0.0, **smile) -> Face:
    return transformed(synthetic_face(lip_gap=lip_gap, nose_shift=nose_shift, **smile), shift=SHIFT)


QUIET = face()
# Syllables: the lips open and close about four times a second (one frame apart at 8 fps).
OPEN, CLOSED = face(lip_gap=24.0), face(lip_gap=2.0)
OPEN_AWAY, CLOSED_AWAY = face(lip_gap=24.0, nose_shift=60.0), face(lip_gap=2.0, nose_shift=60.0)
SMILE_OPEN = face(lip_gap=24.0, corner_lift_deg=22.0, widen=0.2, aperture=0.22, lower_lid=0.16)
SMILE_CLOSED = face(lip_gap=2.0, corner_lift_deg=22.0, widen=0.2, aperture=0.22, lower_lid=0.16)


class Clip:
    """Timestamped observations at `fps`; `talk` alternates two faces frame by frame."""

    def __init__(self, fps: float = 8.0):
        self.fps, self.t, self.frame, self.items = fps, 0.0, 0, []

    def add(self, seconds: float, *faces: Face | None, body: Body | None = UPRIGHT) -> Clip:
        faces = faces or (None,)
        for n in range(int(round(seconds * self.fps))):
            shown = faces[n % len(faces)]
            self.items.append(Observation(t=round(self.t, 6), frame_index=self.frame, width=1280, height=1400,
                                          face=shown, body=body, faces_in_view=int(shown is not None)))
            self.t += 1.0 / self.fps
            self.frame += 1
        return self


def run(engine: Engine, clip: Clip) -> list[Event]:
    events = [event for obs in clip.items for event in engine.step(obs).events]
    return events + engine.finish(clip.t)


def services(events: list[Event]) -> list[Event]:
    return [event for event in events if event.kind == "service"]


# --- talking toward the window ------------------------------------------------------------------

def test_talking_toward_the_window_starts_a_service_and_silence_ends_it():
    engine = Engine(source="talk")
    clip = Clip().add(10, QUIET).add(20, OPEN, CLOSED).add(30, QUIET)
    served = services(run(engine, clip))
    assert len(served) == 1
    service = served[0]
    assert service.start == pytest.approx(10.0, abs=1.0)  # from the first words, not when recognised
    assert service.end == pytest.approx(30.0, abs=1.0)  # at the last words, not after the quiet
    moments = ServiceMoments.from_detail(service.detail)
    assert moments.source == "talk" and moments.gaze_s > 15.0
    assert engine.summary()["service"]["served"] == 1


def test_sitting_silently_or_talking_turned_away_is_no_service():
    engine = Engine(source="quiet")
    assert services(run(engine, Clip().add(120, QUIET))) == []
    turned = Engine(source="aside")  # talking to a colleague beside, not toward the window
    assert services(run(turned, Clip().add(30, OPEN_AWAY, CLOSED_AWAY).add(10, QUIET))) == []
    assert turned.summary()["service"]["served"] == 0


def test_a_few_words_do_not_make_a_service_but_a_customer_on_the_side_does():
    short = Engine(source="short")
    assert services(run(short, Clip().add(10, QUIET).add(1.0, OPEN, CLOSED).add(20, QUIET))) == []
    # The window is to the image's right: the face turned that way is toward the customer.
    side = Settings().replace("service", customer_yaw_deg=40.0)
    engine = Engine(side, source="side")
    assert len(services(run(engine, Clip().add(20, OPEN_AWAY, CLOSED_AWAY).add(15, QUIET)))) == 1


def test_a_smile_with_the_first_words_is_a_greeting_and_the_service_keeps_its_kind():
    engine = Engine(source="greeting")
    clip = Clip().add(10, QUIET).add(6, SMILE_OPEN, SMILE_CLOSED).add(14, OPEN, CLOSED).add(20, QUIET)
    served = services(run(engine, clip))
    assert len(served) == 1
    moments = ServiceMoments.from_detail(served[0].detail)
    assert moments.greeted and moments.smile_kind in ("genuine", "mouth_only")
    cold = Engine(source="no greeting")  # the same service without a smile
    moments = ServiceMoments.from_detail(services(run(cold, Clip().add(10, QUIET).add(20, OPEN, CLOSED)
                                                      .add(20, QUIET)))[0].detail)
    assert not moments.greeted and moments.smile_kind == "none"
    assert engine.summary()["service"]["greeted"] == 1 and cold.summary()["service"]["greeted"] == 0


def test_eye_contact_while_serving_is_the_share_of_the_service_time():
    tracker = ServiceTracker()
    t, looking = 0.0, []
    for n in range(400):  # 40 s at 10 fps: talking throughout, eye contact 3 frames in 4
        t = n / 10.0
        tracker.update(t, present=True, talking=True, yaw_deg=0.0, eye_contact=n % 4 != 0)
        looking.append(tracker.eye_contact_now)
    event = tracker.finish(t)[0]
    moments = ServiceMoments.from_detail(event.detail)
    assert moments.eye_contact_share == pytest.approx(0.75, abs=0.02)
    assert tracker.summary()["eye_contact_share"] == pytest.approx(0.75, abs=0.02)
    assert looking[5] is None and looking[-1] == pytest.approx(0.75, abs=0.02)


# --- the hook's signals -------------------------------------------------------------------------

def test_hook_signals_start_and_end_services_and_talking_does_not_end_theirs():
    tracker = ServiceTracker()
    events: list[Event] = []
    tracker.signal("next-customer", 5.0)
    for n in range(60, 400):  # 6 s .. 40 s, present and silent: a hook's service goes on
        events += tracker.update(n / 10.0, present=True, talking=False, yaw_deg=0.0, eye_contact=True)
    assert tracker.serving and events == []
    tracker.signal("next-customer", 40.0)  # the next one closes the first
    tracker.signal("service-end", 70.0)
    events += tracker.update(70.1, present=True, talking=False, yaw_deg=0.0, eye_contact=True)
    assert [(e.start, e.end) for e in services(events)] == [(5.0, 40.0), (40.0, 70.0)]
    assert all(ServiceMoments.from_detail(e.detail).source == "hook" for e in events)
    with pytest.raises(ValueError, match="next-customer"):
        tracker.signal("lunch", 80.0)


def test_service_settings_say_the_allowed_range():
    with pytest.raises(ValueError, match="quiet_end_s"):
        ServiceSettings(quiet_end_s=0.1)
    with pytest.raises(ValueError, match="talk_start_s"):
        ServiceSettings(talk_start_s=10.0, talk_window_s=4.0)
    broken = ServiceMoments.from_detail("source=hook;greeted=1;gaze_s=x;eye_s=-3;smile=<b>")
    assert broken.smile_kind == "none" and broken.gaze_s == 0.0 and broken.greeted


# --- nudges wait for the service ----------------------------------------------------------------

def _body_engine(**service) -> Engine:
    settings = Settings().replace("breaks", work_min=50.0)
    if service:
        settings = settings.replace("service", **service)
    return Engine(settings, source="window")


def _observe(engine: Engine, t: float, body: Body = UPRIGHT) -> list[Event]:
    return engine.step(Observation(t=t, frame_index=int(t), width=1280, height=1400, body=body)).events


def test_a_reminder_due_mid_service_comes_right_after_it_and_the_clock_keeps_counting():
    engine = _body_engine()
    dues: list[float] = []
    for second in range(0, 49 * 60):
        dues += [e.start for e in _observe(engine, float(second)) if e.kind == "break_due"]
    engine.service_signal("next-customer", 49 * 60.0)  # due at 50 min, mid-service
    for second in range(49 * 60, 53 * 60):
        dues += [e.start for e in _observe(engine, float(second)) if e.kind == "break_due"]
    assert dues == []  # nothing while the customer is there
    state = engine.step(Observation(t=53 * 60.0, frame_index=0, width=1280, height=1400, body=UPRIGHT)).state
    assert state.serving and state.break_phase == "working" and state.work_s >= 53 * 60.0 - 2.0
    engine.service_signal("service-end", 53 * 60.0 + 0.5)
    after = _observe(engine, 53 * 60.0 + 1.0)
    assert [e.kind for e in after if e.kind in ("break_due", "service")] == ["service", "break_due"]
    assert engine.summary()["breaks"]["due"] == 1


def test_a_reminder_waits_for_a_service_no_longer_than_the_limit():
    engine = _body_engine(max_hold_min=5.0)
    engine.service_signal("next-customer", 0.0)  # a service that never ends (nobody pressed "end")
    dues = []
    for second in range(0, 60 * 60):
        dues += [e.start for e in _observe(engine, float(second)) if e.kind == "break_due"]
    assert dues == [pytest.approx(55 * 60.0, abs=2.0)]


def test_a_posture_nudge_waits_for_the_service_and_comes_right_after_it():
    engine = _body_engine()
    engine.service_signal("next-customer", 0.0)
    during = [e for second in range(0, 60) for e in _observe(engine, float(second), SLUMPED)]
    assert not [e for e in during if e.kind.startswith("posture:")]
    assert engine.step(Observation(t=60.0, frame_index=60, width=1280, height=1400, body=SLUMPED)) \
        .state.active_alerts == ()
    engine.service_signal("service-end", 60.5)
    after = _observe(engine, 61.0, SLUMPED)
    opened = [e for e in after if e.kind.startswith("posture:")]
    assert len(opened) == 1 and opened[0].end is None and opened[0].start < 20.0
    assert sum(engine.summary()["posture"]["alerts"].values()) == 1
    # Without a service the same slump alerts after the onset, as before.
    plain = _body_engine()
    alone = [e for second in range(0, 60) for e in _observe(plain, float(second), SLUMPED)]
    assert [e.start for e in alone if e.kind.startswith("posture:")][0] < 20.0


def test_a_fault_over_before_the_service_ends_nudges_nobody():
    engine = _body_engine()
    engine.service_signal("next-customer", 0.0)
    events = [e for second in range(0, 40) for e in _observe(engine, float(second), SLUMPED)]
    events += [e for second in range(40, 120) for e in _observe(engine, float(second))]
    engine.service_signal("service-end", 120.5)
    events += [e for second in range(121, 130) for e in _observe(engine, float(second))]
    assert not [e for e in events if e.kind.startswith("posture:")]
    assert sum(engine.summary()["posture"]["alerts"].values()) == 0


def test_a_service_reads_in_words_in_events_and_the_live_view():
    from coach.panel.view import service_text
    from coach.vocabulary import detail, label

    moments = ServiceMoments(source="hook", greeted=True, gaze_s=40.0, eye_contact_s=30.0)
    moments.smile_s["genuine"] = 3.0
    expected = "queue system · greeted with a smile · eye contact 75% · genuine"
    assert detail(moments.to_detail(), "en") == expected
    assert "目光接触 75%" in detail(moments.to_detail(), "zh-CN") and label("service", "zh-CN") == "接待顾客"
    engine = Engine(source="view")
    engine.service_signal("next-customer", 0.0)
    state = engine.step(Observation(t=1.0, frame_index=0, width=1280, height=1400, body=UPRIGHT)).state
    from coach.i18n import language

    with language("en"):
        assert service_text(state) == "Serving a customer · 0 served"
        engine.service_signal("service-end", 2.0)
        state = engine.step(Observation(t=3.0, frame_index=1, width=1280, height=1400, body=UPRIGHT)).state
        assert service_text(state) == "Not serving · 1 served"


def test_a_tired_clerks_early_break_waits_for_the_service_too():
    from coach.trackers.breaks import EARLY_BREAK_MIN_WORK_S, BreakTimer

    timer = BreakTimer()
    t = 0.0
    while timer.work_s < EARLY_BREAK_MIN_WORK_S + 1:
        timer.update(t, present=True)
        t += 1.0
    timer.hold_reminder(True, 600.0)
    assert timer.bring_forward(t, "perclos") is False and timer.phase == "working"
    timer.hold_reminder(False)
    assert timer.bring_forward(t, "perclos") is True and timer.phase == "due"
