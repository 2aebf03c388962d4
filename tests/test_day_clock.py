"""The break clock is the person's for the day: a new session (Stop/Start, reload, crash, another
workstation) resumes it from the store, counting the time in between as away."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from posture_bodies import front_body

from coach.engine import Engine
from coach.settings import Settings
from coach.store import Store
from coach.store.day_state import BreakDay, load
from coach.store.people import put_person
from coach.trackers.breaks import BreakSettings, BreakTimer
from coach.types import Observation

pytest_plugins = ("store_pg",)

UPRIGHT = front_body(standing=False)
SETTINGS = Settings(breaks=BreakSettings(work_min=55, natural_break_min=5, break_min=3, max_skips_per_day=2))
MORNING = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 at UTC+8


def work(timer: BreakTimer, start: float, seconds: float, present: bool = True, step: float = 1.0):
    events, t = [], start
    while t <= start + seconds + 1e-9:
        events += timer.update(t, present)
        t += step
    return events, t - step


# ---- the tracker alone: snapshot / restore with times passed in ------------------------------


def test_a_short_absence_keeps_the_worked_time_and_does_not_count_as_work():
    first = BreakTimer(SETTINGS.breaks)
    _, t = work(first, 0.0, 20 * 60)
    snapshot = first.snapshot(t)
    assert snapshot["work_s"] == pytest.approx(20 * 60, abs=1)

    second = BreakTimer(SETTINGS.breaks)  # another session: its own clock starts at 5000
    second.update(5000.0, True)
    second.restore(snapshot, 5000.0, away_s=90.0)
    assert second.seconds_to_break(5000.0) == pytest.approx(first.seconds_to_break(t), abs=0.01)
    events, t2 = work(second, 5001.0, 60)
    assert events == []
    assert second.seconds_to_break(t2) == pytest.approx(first.seconds_to_break(t) - 60, abs=1.5)


def test_five_minutes_away_between_sessions_is_a_natural_break():
    first = BreakTimer(SETTINGS.breaks)
    _, t = work(first, 0.0, 30 * 60)
    second = BreakTimer(SETTINGS.breaks)
    second.update(100.0, True)
    second.restore(first.snapshot(t), 100.0, away_s=6 * 60)
    events = second.update(101.0, True)
    assert [e.kind for e in events] == ["natural_break"]
    assert events[0].start == pytest.approx(100.0 - 6 * 60)
    assert second.seconds_to_break(101.0) == pytest.approx(55 * 60)
    assert second.day_stats.natural == 1 and second.stats.natural == 1


def test_a_due_break_taken_while_the_app_was_closed_counts_as_taken():
    first = BreakTimer(SETTINGS.breaks)
    events, t = work(first, 0.0, 55 * 60 + 2)
    assert [e.kind for e in events] == ["break_due"]
    second = BreakTimer(SETTINGS.breaks)
    second.update(0.0, True)
    second.restore(first.snapshot(t), 0.0, away_s=4 * 60)
    assert [e.kind for e in second.update(1.0, True)] == ["break_taken"]
    assert second.phase == "working" and second.day_stats.due == 1 and second.stats.due == 0


def test_skips_used_earlier_today_still_count_against_the_cap():
    timer = BreakTimer(SETTINGS.breaks)
    t = 0.0
    for _ in range(2):
        _, t = work(timer, t + 1, 55 * 60 + 2)
        assert timer.skip_break(t)
    snapshot = timer.snapshot(t)
    again = BreakTimer(SETTINGS.breaks)
    again.update(0.0, True)
    again.restore(snapshot, 0.0, away_s=10.0)
    _, t = work(again, 1.0, 55 * 60 + 2)
    assert again.phase == "due"
    assert not again.skip_break(t)
    assert again.day_stats.skipped == 2 and again.day_stats.skips_refused == 1


def test_a_postponed_reminder_keeps_its_remaining_time():
    timer = BreakTimer(SETTINGS.breaks)
    _, t = work(timer, 0.0, 55 * 60 + 2)
    assert timer.postpone_break(t)
    timer.update(t + 60, True)
    left = timer.seconds_to_break(t + 60)
    again = BreakTimer(SETTINGS.breaks)
    again.update(0.0, True)
    again.restore(timer.snapshot(t + 60), 0.0, away_s=30.0)
    again.update(1.0, True)  # back after 30 s: too short to be a break, the postpone runs on
    assert again.phase == "postponed"
    assert again.seconds_to_break(1.0) == pytest.approx(left - 31, abs=0.01)
    assert not again.postpone_break(1.0)


# ---- through the engine and a real store (SQLite file and PostgreSQL) ------------------------


class Wall:
    """The wall clock the store sees, moved by the test."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def run_session(engine: Engine, day: BreakDay, wall: Wall, t0: float, seconds: float, fps: float = 0.5):
    """`seconds` of a person at the desk, on an engine clock starting at t0; the wall moves along."""
    start_wall = wall.now
    states, events = [], []
    n = int(seconds * fps) + 1
    for i in range(n):
        t = t0 + i / fps
        wall.now = start_wall + timedelta(seconds=t - t0)
        step = engine.step(Observation(t=t, frame_index=i, width=1280, height=1400, face=None, body=UPRIGHT))
        if i == 0:
            day.resume(engine, t)
        else:
            day.step(engine, t)
        states.append(step.state)
        events += step.events
    day.save(engine, states[-1].t)
    return states, events


def test_a_new_session_of_the_same_person_resumes_the_countdown(store_url):
    with Store(store_url) as store:
        put_person(store, "0042", "Clerk 42", team="A")
        wall = Wall(MORNING)
        first = BreakDay(store, "0042", now=wall, utc_offset_min=480)
        states, _ = run_session(Engine(SETTINGS), first, wall, 100.0, 20 * 60)
        before = states[-1].seconds_to_break
        assert before == pytest.approx(35 * 60, abs=3)

        wall.now += timedelta(seconds=40)  # Stop, Start: a new engine on a new clock
        second = BreakDay(store, "0042", now=wall, utc_offset_min=480)
        states, events = run_session(Engine(SETTINGS), second, wall, 7.0, 10.0)
        assert second.resumed_from is not None
        assert states[-1].seconds_to_break == pytest.approx(before - 10, abs=3)
        assert not [e for e in events if e.kind.endswith("break")]

        wall.now += timedelta(minutes=8)  # a reload after a walk: a natural break
        third = BreakDay(store, "0042", now=wall, utc_offset_min=480)
        states, events = run_session(Engine(SETTINGS), third, wall, 0.0, 10.0)
        assert [e.kind for e in events if "break" in e.kind] == ["natural_break"]
        assert states[-1].seconds_to_break == pytest.approx(55 * 60 - 10, abs=3)
        state, _ = load(store, "0042", date(2026, 3, 2))
        assert state["day"]["natural"] == 1

        other_day = BreakDay(store, "0042", now=lambda: MORNING + timedelta(days=1), utc_offset_min=480)
        engine = Engine(SETTINGS)
        engine.step(Observation(t=0.0, frame_index=0, width=1280, height=1400, face=None, body=UPRIGHT))
        assert not other_day.resume(engine, 0.0)  # a new day starts a fresh clock


def test_an_older_session_still_running_does_not_overwrite_the_newer_ones_clock(store_url):
    with Store(store_url) as store:
        put_person(store, "0042", "Clerk 42", team="A")
        wall = Wall(MORNING)
        old_engine, new_engine = Engine(SETTINGS), Engine(SETTINGS)
        old = BreakDay(store, "0042", now=wall, utc_offset_min=480)
        run_session(old_engine, old, wall, 0.0, 30 * 60)
        new = BreakDay(store, "0042", now=wall, utc_offset_min=480)
        run_session(new_engine, new, wall, 0.0, 60)
        newest = load(store, "0042", date(2026, 3, 2))[0]
        wall.now += timedelta(minutes=1)
        old.save(old_engine, 30 * 60 + 60.0)  # the tab left open elsewhere
        assert load(store, "0042", date(2026, 3, 2))[0] == newest


@pytest.fixture
def store_url(db_url):
    return db_url


def test_the_clock_is_written_off_the_frame_thread_and_its_thread_ends_with_the_session(store_url):
    with Store(store_url) as store:
        put_person(store, "0042", "Clerk 42", team="A")
        wall = Wall(MORNING)
        engine, day = Engine(SETTINGS), BreakDay(store, "0042", now=wall, utc_offset_min=480, save_every_s=5)
        engine.step(Observation(t=0.0, frame_index=0, width=1280, height=1400, face=None, body=UPRIGHT))
        day.resume(engine, 0.0)
        for i in range(1, 40):
            at = float(i)
            engine.step(Observation(t=at, frame_index=i, width=1280, height=1400, face=None, body=UPRIGHT))
            day.step(engine, at)
        writer = day._thread
        assert writer is not None and writer.name == "coach-break-day"
        day.save(engine, 39.0)
        writer.join(timeout=10)
        assert not writer.is_alive()
        state, _ = load(store, "0042", date(2026, 3, 2))
        assert state["work_s"] == pytest.approx(39.0, abs=1.5)  # the final save, not an older snapshot
