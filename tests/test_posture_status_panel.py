"""One posture status on the live page: a person holding a fault mix for 20 s gets one alert, and
the coloured bar always agrees with the posture line (a Streamlit AppTest of the live page's bar
and readings with a real engine; the headless-browser version was left out as too costly here)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from coach.i18n import t

EN = "en"


def bar_and_line_script():
    import streamlit as st

    from coach.panel import live, view

    worker = st.session_state["worker"]
    worker.poll()
    state = worker.latest.state
    live._alert_banner(worker, state)
    st.html(view.readings_html(state, worker.latest.record, worker.stats, None))


def worker_through(frames):
    """A live worker whose real engine has seen `frames` [(t, body)]; returns it and every step."""
    from coach.panel.live_worker import FrameAnalyzer, LiveWorker, Reading
    from coach.settings import Settings
    from coach.types import Observation

    analyzer = FrameAnalyzer(Settings(), "test")
    steps = []
    for when, body in frames:
        steps.append(analyzer.engine.step(Observation(t=when, frame_index=len(steps), width=1280, height=960,
                                                      body=body)))
    worker = LiveWorker(analyzer)
    step = steps[-1]
    worker._publish(Reading(step.record.t_s, 0.0, 0.0, step.record, step.state, tuple(step.events)))
    return worker, steps


def mix(seconds: float, fps: float = 5.0):
    """Upright 3 s, then hunched 4 s / head down 3 s in turns."""
    from posture_bodies import HEAD, front_body, head_down, moved

    upright = front_body(standing=False)
    hunched = head_down(moved(upright, HEAD, dy=50), 15)
    down = head_down(upright, 40.0)
    frames = []
    for i in range(int(seconds * fps)):
        t = i / fps
        phase = (t - 3.0) % 7.0
        frames.append((t, upright if t < 3.0 else hunched if phase < 4.0 else down))
    return frames


def render(worker, monkeypatch):
    monkeypatch.setenv("COACH_LANG", EN)
    at = AppTest.from_function(bar_and_line_script, default_timeout=30)
    at.session_state["worker"] = worker
    at.run()
    assert not at.exception
    html = " ".join(element.proto.body for element in at.get("html"))
    tone = re.search(r'data-tone="(\w+)"', html).group(1)
    return tone, html


@pytest.mark.parametrize("seconds", [6.0, 23.0])
def test_bar_agrees_with_the_posture_line_and_a_mix_held_20_s_alerts_once(monkeypatch, seconds):
    worker, steps = worker_through(mix(seconds))
    states = [step.state.posture_state for step in steps]
    assert "fault" in states and states[0] == "ok"
    opened = [e for step in steps for e in step.events if e.kind.startswith("posture:") and e.end is None]
    tone, html = render(worker, monkeypatch)
    adjust = t("panel.posture.fault", EN)
    if seconds < 15:
        assert opened == [] and tone == "watch"
    else:
        assert len(opened) == 1, opened  # one alert for the whole mix
        assert tone == "alert"
    assert (adjust in html) == (tone in ("watch", "alert")), html
