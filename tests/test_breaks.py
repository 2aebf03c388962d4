"""The break timer, replayed over synthetic shifts at one sample per second (test time: ms)."""

from __future__ import annotations

import pytest

from coach.readings import Event
from coach.trackers import BreakTimer, Presence
from coach.trackers.breaks import BreakSettings

MIN = 60.0


def replay(timer: BreakTimer, plan: list[tuple[float, str]], actions: dict[float, str] | None = None,
           start_min: float = 0.0) -> tuple[list[Event], dict[str, list[bool]], Presence]:
    """Step the timer once a second through `plan`: [(until minute, "desk"|"away"|"standing")].

    `actions` maps a minute to "take", "postpone" or "skip", pressed right after that
    minute's update. Returns the events, each action's results and the presence tracker.
    """
    presence = Presence(grace_s=timer.settings.presence_grace_s)
    actions = dict(actions or {})
    results: dict[str, list[bool]] = {"take": [], "postpone": [], "skip": []}
    events: list[Event] = []
    second = int(start_min * 60)
    for until_min, state in plan:
        while second < int(round(until_min * 60)):
            t = float(second)
            present = presence.update(state != "away", t)
            events += timer.update(t, present, state == "standing", presence.away_since)
            action = actions.pop(t / MIN, None)
            if action is not None:
                press = {"take": timer.take_break, "postpone": timer.postpone_break, "skip": timer.skip_break}
                results[action].append(press[action](t))
            second += 1
    assert not actions, f"actions never reached: {actions}"
    return events, results, presence


def at(events: list[Event], kind: str) -> list[float]:
    """Start and end minutes of the events of one kind, flattened: [start, end, start, end…]."""
    return [value / MIN for e in events if e.kind == kind for value in (e.start, e.end)]


def test_an_eight_hour_shift():
    timer = BreakTimer(BreakSettings(work_min=55, break_min=3, natural_break_min=5, postpone_min=10,
                                     max_skips_per_day=2))
    plan = [
        (66, "desk"),  # reminder at 55, postponed to 65, reminded again, a 2nd postpone refused
        (70, "away"),  # a 4-minute break: taken
        (150, "desk"),  # reminder at 125: skipped (1 of 2)
        (157, "away"),  # 7 minutes away while working: a natural break, the count restarts
        (269, "desk"),  # reminder at 212: skipped (2 of 2); reminder at 267: skip refused
        (273, "standing"),  # stands up for 4 minutes: taken
        (300, "desk"),
        (302, "away"),  # 2 minutes away: too short for anything, the count only pauses
        (390, "desk"),  # reminder at ~330; "take a break" at 331, stretching at the desk: taken at 334
        (391, "away"),  # reminder at 389; 1 minute away: too short, the break is still due
        (392, "desk"),
        (395.5, "away"),  # 3.5 minutes away: taken
        (480, "desk"),  # reminder at 450.5, postponed at 451, reminded again at 461
    ]
    actions = {55: "postpone", 66 - 1 / 60: "postpone", 125: "skip", 212: "skip", 267: "skip",
               331: "take", 451: "postpone"}
    events, results, _ = replay(timer, plan, actions)

    assert results == {"take": [True], "postpone": [True, False, True], "skip": [True, True, False]}
    due = at(events, "break_due")[::2]
    assert due == pytest.approx([55, 65, 125, 212, 267, 330.02, 389, 450.5, 461], abs=0.05)
    assert [e.detail for e in events if e.kind == "break_due"].count("after_postpone") == 2
    taken = at(events, "break_taken")
    # an absence starts at the last sighting, a second before the plan's minute
    assert taken == pytest.approx([66 - 1 / 60, 70, 269, 273, 331, 334, 392 - 1 / 60, 395.5], abs=0.02)
    assert at(events, "natural_break") == pytest.approx([150 - 1 / 60, 157], abs=0.02)
    assert len(at(events, "break_postponed")) == 4 and len(at(events, "break_skipped")) == 4
    assert timer.stats.to_dict() == {
        "due": 7, "taken": 4, "postponed": 2, "skipped": 2, "natural": 1,
        "skips_refused": 1, "postpones_refused": 1, "compliance": round(4 / 7, 3),
    }
    assert timer.phase == "due"


def test_reminder_comes_after_the_configured_presence_and_counts_down():
    timer = BreakTimer(BreakSettings(work_min=50))
    events, _, _ = replay(timer, [(49.5, "desk")])
    assert events == [] and timer.phase == "working"
    assert timer.seconds_to_break(49.5 * MIN) == pytest.approx(30.0, abs=1.5)
    events, _, _ = replay(timer, [(51, "desk")], start_min=49.5)
    assert at(events, "break_due") == pytest.approx([50, 50], abs=0.02)
    assert timer.seconds_to_break(51 * MIN) == 0.0 and timer.can_postpone and timer.can_skip


def test_one_postpone_per_reminder_and_the_postponed_countdown():
    timer = BreakTimer(BreakSettings(work_min=50, postpone_min=10))
    replay(timer, [(50.5, "desk")])
    assert timer.postpone_break(50.5 * MIN)
    assert timer.phase == "postponed" and not timer.can_postpone
    assert timer.seconds_to_break(52.5 * MIN) == pytest.approx(8 * MIN)
    assert not timer.postpone_break(51 * MIN)
    events, _, _ = replay(timer, [(61, "desk")], start_min=50.5)
    assert [e.detail for e in events if e.kind == "break_due"] == ["after_postpone"]
    assert not timer.postpone_break(61 * MIN) and timer.stats.postpones_refused == 2


def test_a_break_while_due_counts_only_after_break_min():
    timer = BreakTimer(BreakSettings(work_min=50, break_min=5))
    events, _, _ = replay(timer, [(50.5, "desk"), (54.5, "away"), (55, "desk")])
    assert at(events, "break_taken") == [] and timer.phase == "due"
    events, _, _ = replay(timer, [(60.6, "away"), (61, "desk")], start_min=55)
    assert len(at(events, "break_taken")) == 2 and timer.phase == "working"


def test_on_a_break_the_panel_sees_how_long_until_it_counts():
    timer = BreakTimer(BreakSettings(work_min=50, break_min=3))
    replay(timer, [(50.5, "desk"), (51.5, "away")])
    assert timer.phase == "on_break" and timer.seconds_to_break(51.5 * MIN) is None
    # away since the last sighting at 50:29; three minutes from then
    assert timer.break_remaining_s(51.5 * MIN) == pytest.approx(2 * MIN - 1)


def test_skip_cap_restarts_the_next_day():
    timer = BreakTimer(BreakSettings(work_min=50, max_skips_per_day=1), day_origin=0.0)
    replay(timer, [(50.5, "desk")])
    assert timer.skip_break(50.5 * MIN)
    replay(timer, [(101, "desk")], start_min=50.5)
    assert timer.phase == "due" and not timer.can_skip and not timer.skip_break(101 * MIN)
    replay(timer, [(1440 + 1, "away"), (1440 + 2, "desk")], start_min=101)  # overnight
    replay(timer, [(1440 + 53, "desk")], start_min=1440 + 2)
    assert timer.phase == "due" and timer.skip_break((1440 + 53) * MIN)
    assert timer.stats.skipped == 2 and timer.stats.skips_refused == 1


def test_nobody_yet_is_not_a_break_and_leaving_at_the_end_is_not_counted():
    timer = BreakTimer()
    events, _, _ = replay(timer, [(20, "away"), (30, "desk"), (45, "away")])
    assert events == []
    assert timer.stats.to_dict()["natural"] == 0
    assert timer.phase == "on_break"  # away for 15 minutes: a natural break in progress


def test_standing_service_staff_do_not_take_a_break_by_standing():
    settings = BreakSettings(work_min=50, standing_counts_as_break=False)
    timer = BreakTimer(settings)
    events, _, _ = replay(timer, [(51, "standing"), (60, "standing")])
    assert at(events, "break_due") == [50.0, 50.0] and at(events, "break_taken") == []


def test_a_dropped_face_for_a_second_is_not_a_break():
    timer = BreakTimer(BreakSettings(work_min=50, break_min=3))
    plan = []
    minute = 50.5
    plan.append((minute, "desk"))
    for _ in range(10):  # the landmarker loses the face for one second, ten times
        plan += [(minute + 1 / 60, "away"), (minute + 0.5, "desk")]
        minute += 0.5
    events, _, _ = replay(timer, plan)
    assert timer.phase == "due" and at(events, "break_taken") == []


def test_break_settings_are_checked_and_say_the_allowed_range():
    with pytest.raises(ValueError, match=r"breaks\.work_min.*50.*60"):
        BreakSettings(work_min=45)
    with pytest.raises(ValueError, match=r"breaks\.break_min.*3.*5"):
        BreakSettings(break_min=1)
    with pytest.raises(ValueError, match="max_skips_per_day"):
        BreakSettings(max_skips_per_day=1.5)
    assert BreakSettings(work_min=60, break_min=5).work_min == 60


def test_time_going_backwards_is_an_error():
    timer = BreakTimer()
    timer.update(10.0, True)
    with pytest.raises(ValueError):
        timer.update(5.0, True)
