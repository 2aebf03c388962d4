"""The bench's per-measure table: every registered measure runs on real landmarks, and another
area's measure joins the table with one registration. (Speed itself is the bench's, not a test's.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.bench import measure_costs
from coach.bench.measure_costs import MEASURES, Measure, register, time_measures

SAMPLE = Path(__file__).resolve().parents[1] / "sample_videos" / "default_session.mp4"


@pytest.fixture(scope="module")
def observations():
    if not SAMPLE.is_file():
        pytest.skip(f"the sample clip {SAMPLE} is missing")
    from coach.bench.memory import record_observations

    return record_observations(SAMPLE, 2.0, max_seconds=6.0)


def test_every_measure_runs_on_the_sample_clips_landmarks(observations):
    assert any(obs.face is not None for obs in observations)
    costs = {cost.name: cost for cost in time_measures(observations, repeats=1)}
    assert set(costs) == set(MEASURES)
    assert "serving state (service tracker)" in costs
    assert all(cost.frames > 0 and cost.us_per_frame > 0 for cost in costs.values())


def test_another_area_registers_its_measure(observations, monkeypatch):
    monkeypatch.setattr(measure_costs, "MEASURES", dict(MEASURES))
    seen = []
    register(Measure("eye closure", lambda obs: [o.t for o in obs], lambda: seen.append))
    costs = [cost.name for cost in time_measures(observations, repeats=2)]
    assert costs[-1] == "eye closure" and len(seen) == 2 * len(observations)
