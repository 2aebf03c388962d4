"""Time-driven trackers, stepped through synthetic timestamps (no clock anywhere)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from coach.readings import Event
from coach.trackers import Ema, HysteresisAlert, Presence, SmileCounter, TimeShare
from coach.trackers.alerts import AlertSettings


def ticks(start: float, stop: float, fps: float) -> np.ndarray:
    """Frame times from start (inclusive) to stop (exclusive)."""
    return start + np.arange(int(round((stop - start) * fps))) / fps


def feed(alert: HysteresisAlert, start: float, stop: float, value: float | None,
         fps: float = 10.0) -> list[Event]:
    events: list[Event] = []
    for t in ticks(start, stop, fps):
        events += alert.update(value, float(t))
    return events


# --- smoothing ----------------------------------------------------------------------------


def test_ema_reaches_63_percent_after_one_time_constant_at_any_frame_rate():
    results = []
    for fps in (30.0, 5.0, 1.0):
        ema = Ema(tau_s=2.0)
        ema.update(0.0, 0.0)
        for t in ticks(0.0, 2.0, fps)[1:]:
            ema.update(1.0, float(t))
        results.append(ema.update(1.0, 2.0))
    assert results == pytest.approx([1 - math.exp(-1)] * 3, abs=1e-9)


def test_ema_with_dropped_frames_matches_the_full_stream():
    rng = np.random.default_rng(7)
    times = ticks(0.0, 10.0, 30.0)
    kept = np.sort(rng.choice(times[1:], size=60, replace=False))
    full, sparse = Ema(1.0), Ema(1.0)
    full.update(0.0, 0.0)
    sparse.update(0.0, 0.0)
    for t in times[1:]:
        full.update(5.0, float(t))
    for t in kept:
        sparse.update(5.0, float(t))
    assert sparse.update(5.0, 10.0) == pytest.approx(full.update(5.0, 10.0), abs=1e-9)


def test_ema_holds_on_none_and_restarts_after_a_long_gap():
    ema = Ema(1.0, reset_after_s=3.0)
    ema.update(10.0, 0.0)
    assert ema.update(None, 1.0) == 10.0
    assert ema.update(0.0, 10.0) == 0.0  # 10 s later the old value means nothing
    with pytest.raises(ValueError):
        Ema(-1.0)


# --- hysteresis alerts --------------------------------------------------------------------


def test_a_two_second_dip_never_alerts_even_when_repeated():
    alert = HysteresisAlert("posture:hunched", onset_s=15.0)
    events = []
    for cycle in range(60):  # five minutes of 2 s bad, 3 s fine
        start = cycle * 5.0
        events += feed(alert, start, start + 2.0, 1.5)
        events += feed(alert, start + 2.0, start + 5.0, 0.2)
    assert events == [] and not alert.active and alert.count == 0


def test_onset_fires_after_the_fault_lasts_onset_s_and_reports_when_it_began():
    alert = HysteresisAlert("posture:hunched", onset_s=15.0)
    assert feed(alert, 0.0, 14.9, 1.2) == []
    assert alert.update(1.2, 14.95) == []
    fired = alert.update(1.2, 15.0)
    assert fired == [Event(0.0, None, "posture:hunched")]
    assert alert.active and alert.count == 1


def test_a_sample_below_entry_restarts_the_onset_count():
    alert = HysteresisAlert("x", onset_s=15.0)
    feed(alert, 0.0, 10.0, 1.5)
    alert.update(0.9, 10.0)  # just under entry
    assert feed(alert, 10.1, 25.0, 1.5) == []
    assert alert.update(1.5, 25.1) == [Event(10.1, None, "x")]


def test_exit_needs_the_measure_below_0_7_of_entry_for_exit_s():
    alert = HysteresisAlert("x", onset_s=10.0, exit_ratio=0.7, exit_s=2.0)
    feed(alert, 0.0, 10.1, 2.0)
    assert alert.active
    assert feed(alert, 10.1, 60.0, 0.75) == []  # under entry, above exit: still on
    assert alert.active
    assert feed(alert, 60.0, 61.5, 0.5) == []  # below exit, not yet for 2 s
    assert feed(alert, 61.5, 61.9, 0.9) == []  # back up: the exit count restarts
    events = feed(alert, 61.9, 64.0, 0.69)
    assert events == [Event(0.0, 61.9, "x")]
    assert not alert.active and alert.active_s == pytest.approx(61.9)


def test_cooldown_delays_the_same_alert_after_it_ended():
    alert = HysteresisAlert("x", onset_s=10.0, exit_s=1.0, cooldown_s=60.0)
    feed(alert, 0.0, 10.1, 2.0)
    ended = feed(alert, 10.1, 12.0, 0.0)
    assert ended == [Event(0.0, 10.1, "x")]
    events = feed(alert, 12.0, 70.3, 2.0)  # bad again at once, for a long time
    assert events == [Event(12.0, None, "x")]
    assert alert.count == 2
    # it fired when the cooldown ran out (10.1 + 60), not at 12 + 10
    times = ticks(12.0, 70.3, 10.0)
    probe = HysteresisAlert("x", onset_s=10.0, exit_s=1.0, cooldown_s=60.0)
    feed(probe, 0.0, 10.1, 2.0)
    feed(probe, 10.1, 12.0, 0.0)
    first = next(t for t in times if probe.update(2.0, float(t)))
    assert first == pytest.approx(70.1, abs=0.11)


def test_short_gaps_without_data_keep_the_onset_long_ones_restart_it():
    alert = HysteresisAlert("x", onset_s=15.0, max_gap_s=2.0)
    feed(alert, 0.0, 8.0, 1.5)
    feed(alert, 8.0, 9.0, None)  # 1 s of no body: dropped frames
    assert feed(alert, 9.0, 15.1, 1.5) == [Event(0.0, None, "x")]

    again = HysteresisAlert("x", onset_s=15.0, max_gap_s=2.0)
    feed(again, 0.0, 8.0, 1.5)
    feed(again, 8.0, 13.0, None)  # 5 s away
    assert feed(again, 13.0, 27.0, 1.5) == []
    assert again.update(1.5, 28.0) == [Event(13.0, None, "x")]


def test_no_data_alone_never_alerts_and_ends_an_alert_at_the_last_data():
    alert = HysteresisAlert("x", onset_s=10.0, max_gap_s=2.0)
    assert feed(alert, 0.0, 600.0, None) == []
    feed(alert, 600.0, 611.0, 3.0)
    assert alert.active
    events = feed(alert, 611.0, 615.0, None)
    assert events == [Event(600.0, 610.9, "x")]


def test_finish_closes_an_alert_still_on():
    alert = HysteresisAlert("x", onset_s=10.0)
    feed(alert, 0.0, 12.0, 3.0)
    assert alert.finish(12.0) == [Event(0.0, 12.0, "x")]
    assert alert.finish(13.0) == []


def test_alert_parameters_are_checked():
    with pytest.raises(ValueError, match="exit_ratio"):
        HysteresisAlert("x", exit_ratio=1.5)
    with pytest.raises(ValueError):
        HysteresisAlert("x", entry=0.0)
    with pytest.raises(ValueError, match=r"alerts\.onset_s.*10.*30"):
        AlertSettings(onset_s=5.0)


# --- presence -----------------------------------------------------------------------------


def test_presence_forgives_a_short_loss_of_the_face():
    presence = Presence(grace_s=2.0)
    assert presence.update(False, 0.0) is False and presence.away_since is None
    for t in ticks(1.0, 10.0, 10.0):
        assert presence.update(True, float(t))
    last_seen = float(ticks(1.0, 10.0, 10.0)[-1])
    assert presence.update(False, 10.0) and presence.update(False, 11.0)  # 1 s lost: still here
    assert presence.update(False, 11.85) is True
    assert presence.update(False, 12.5) is False
    assert presence.away_since == pytest.approx(last_seen)
    assert presence.update(True, 13.0) and presence.away_since is None


# --- shares and smiles --------------------------------------------------------------------


def test_time_share_counts_seconds_not_frames_and_skips_unobserved_gaps():
    share = TimeShare(max_step_s=2.0, window_s=60.0)
    for t in ticks(0.0, 70.0, 10.0):
        share.update(True, float(t))
    for t in ticks(70.0, 100.0, 2.0):  # a slower camera, for 30 s
        share.update(False, float(t))
    share.update(False, 100.0)
    assert share.share == pytest.approx(70.0 / 100.0, abs=0.01)
    assert share.recent_share == pytest.approx(30.0 / 60.0, abs=0.02)
    share.update(True, 400.0)  # five minutes with no frames: not counted
    assert share.known_s == pytest.approx(102.0, abs=0.1)


def test_time_share_leaves_out_unknown_states():
    share = TimeShare()
    assert share.share is None
    for t, state in [(0, True), (1, None), (2, None), (3, False), (4, True)]:
        share.update(state, float(t))
    assert share.known_s == pytest.approx(2.0) and share.share == pytest.approx(0.5)


def kinds(pattern: list[tuple[float, str | None]], fps: float = 10.0) -> list[tuple[float, str | None]]:
    """Expand [(seconds, kind), …] into timestamped samples."""
    out, t = [], 0.0
    for seconds, kind in pattern:
        for _ in range(int(round(seconds * fps))):
            out.append((round(t, 6), kind))
            t += 1 / fps
    return out


def test_smile_counter_counts_real_smiles_not_flickers():
    counter = SmileCounter(onset_s=0.5, exit_s=1.0)
    events = []
    samples = kinds([(2, "none"), (0.2, "mouth_only"), (2, "none"),  # a flicker
                     (3, "genuine"), (2, "none"),
                     # one smile, with the face lost for 0.4 s in the middle
                     (2, "mouth_only"), (0.4, None), (2, "mouth_only"), (3, "none"),
                     (1.5, "genuine"), (1, "mouth_only")])
    for t, kind in samples:
        events += counter.update(kind, t)
    events += counter.finish(samples[-1][0])
    assert counter.count == 3
    assert [e.kind for e in events] == ["smile"] * 3
    assert [e.detail for e in events] == ["genuine", "mouth_only", "genuine"]
    first = events[0]
    assert first.start == pytest.approx(4.2) and first.end == pytest.approx(7.1)
