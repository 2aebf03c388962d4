"""Reports read per person-day rollups kept by the database (coach/store/rollups.py): they must
equal a rebuild from the minute rows after every kind of write (a minute rewritten as it fills,
an event's end filled in, a session deleted and redone, a sync into the branch database), and
the report's figures must be the sum of the sessions' own summaries (no second arithmetic).
Each test runs on a SQLite file and on a real PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from engine_steps import live_steps
from posture_bodies import HEAD, front_body, head_down, moved
from smile_faces import synthetic_face, transformed
from sqlalchemy import select, text

from coach.engine import Engine
from coach.readings import Event
from coach.settings import Settings
from coach.store import Scope, SessionWriter, Store, access, build_report, sync
from coach.store.people import put_person
from coach.store.rollups import ROLLUP_TABLES, rebuild
from coach.store.schema import sessions
from coach.types import Observation

pytest_plugins = ("store_pg",)

BEIJING = 480
DAY = date(2025, 3, 3)
NEUTRAL = transformed(synthetic_face(), shift=(440.0, 80.0))
SMILING = transformed(
    synthetic_face(corner_lift_deg=20.0, widen=0.15, aperture=0.22, lower_lid=0.16), shift=(440.0, 80.0)
)
UPRIGHT = front_body(standing=False)
SLUMPED = head_down(moved(UPRIGHT, HEAD, dy=50), 15)


pytestmark = pytest.mark.usefixtures("cheap_hashing")  # conftest.py


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(minutes=BEIJING)


def _rollup_rows(store) -> dict[str, list[tuple]]:
    with store.reading() as conn:
        return {
            table: sorted(
                tuple(str(v) if isinstance(v, date) else v for v in row)  # PostgreSQL: dates; SQLite: text
                for row in conn.execute(text(f"SELECT * FROM {table}"))
            )
            for table in ROLLUP_TABLES
        }


def _nonzero(rows: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """Rollup rows without the ones all of whose sums went back to zero (left by deletes)."""
    sums = {"day_rollups": slice(2, None)}  # the other tables: their last column
    return {
        table: [r for r in found if any(r[sums.get(table, slice(-1, None))])] for table, found in rows.items()
    }


def _write_live(store, staff_id: str, started: datetime, seconds: float, seed: int) -> None:
    # t0 from the first frame: live_steps jitters it a little before 0, and a frame before t0
    # lands in bucket -1, which sync does not send (seq >= 0): a quirk left to the writer's owners
    with SessionWriter(store, staff_id, started_at=started, utc_offset_min=BEIJING) as writer:
        for step in live_steps(seconds, fps=10.0, seed=seed):
            writer.add(step)
        writer.add_events([Event(5.0, None, "posture:hunched"), Event(7.0, 7.0, "break_due")])
        writer.add_events([Event(5.0, 40.0, "posture:hunched")])  # the same alert, closed: an update


def test_rollups_equal_a_rebuild_after_rewrites_midnight_deletes_and_sync(db_url, tmp_path):
    with Store(db_url) as store:
        put_person(store, "a1", "Ann", "staff", "A")
        put_person(store, "b1", "Bo", "staff", "B")
        _write_live(store, "a1", _local(DAY, 9), 150, seed=1)
        _write_live(store, "a1", _local(DAY, 23, 59), 130, seed=2)  # crosses local midnight
        _write_live(store, "b1", _local(DAY, 10), 90, seed=3)
        _write_live(store, "b1", _local(DAY, 11), 90, seed=4)
        with store.writing() as conn:  # a batch rerun replaces a session: its rows go with it
            conn.execute(sessions.delete().where(sessions.c.started_at == _local(DAY, 11)))
        kept = _nonzero(_rollup_rows(store))
        assert {str(r[1]) for r in kept["day_rollups"]} == {str(DAY), str(DAY + timedelta(days=1))}
        rebuild(store)
        assert _nonzero(_rollup_rows(store)) == kept

        with Store(f"sqlite:///{tmp_path / 'branch.db'}") as branch:
            sync(store, branch)
            synced = _nonzero(_rollup_rows(branch))
            rebuild(branch)
            assert _nonzero(_rollup_rows(branch)) == synced == kept


def test_the_reports_figures_are_the_sum_of_the_sessions_summaries(db_url):
    """Three real engine sessions (smiles, a slump alert, a break due and taken) written as they
    run; the report built from the rollups gives the counts of the engine's summaries exactly
    and its times to within a frame per session."""
    with Store(db_url) as store:
        admin = "adm"
        access.create_first_admin(store, admin, "Admin", "admin-password")
        put_person(store, "a1", "Ann", "staff", "A")
        put_person(store, "a2", "Al", "staff", "A")
        login = access.login(store, admin, "admin-password")
        summaries = [
            _engine_session(store, "a1", _local(DAY, 9), with_break=True),
            _engine_session(store, "a1", _local(DAY, 14), with_break=False),
            _engine_session(store, "a2", _local(DAY + timedelta(days=1), 9), with_break=False),
        ]
        with store.reading() as conn:
            stored = [row.summary for row in conn.execute(select(sessions.c.summary).order_by(sessions.c.id))]
        assert stored == summaries
        report = build_report(store, login, Scope.team("A"), DAY, DAY + timedelta(days=1))
        totals = report.totals
        assert totals.sessions == 3
        assert totals.sums["smiles"] == sum(s["smiles"]["count"] for s in summaries) > 0
        assert totals.alerts == sum(sum(s["posture"]["alerts"].values()) for s in summaries) > 0
        for kind, stat in (("break_due", "due"), ("break_taken", "taken"), ("break_postponed", "postponed"),
                           ("break_skipped", "skipped"), ("natural_break", "natural")):
            assert totals.count(kind) == sum(s["breaks"][stat] for s in summaries)
        assert totals.count("break_due") == 1 and totals.count("break_taken") == 1
        present_s = sum(s["present_s"] for s in summaries)
        assert totals.hours_present * 3600 == pytest.approx(present_s, abs=3 * 0.1)  # the engine credits it
        by_person = {p.staff_id: f for p, f in report.people}
        a1_smiles = summaries[0]["smiles"]["count"] + summaries[1]["smiles"]["count"]
        assert by_person["a1"].sums["smiles"] == a1_smiles
        assert sum(f.sums["present_ms"] for f in report.days.values()) == totals.sums["present_ms"]
        good_s = sum(
            (s["shares"]["good_posture"][mode] or 0.0) * s["posture"]["seconds_by_mode"][key]
            for s in summaries
            for mode, key in (("sitting", "sitting"), ("standing", "standing"), ("upper_body", "upper_body"))
        )
        posture_s = sum(sum(s["posture"]["seconds_by_mode"].values()) for s in summaries)
        assert totals.good_posture_share == pytest.approx(good_s / posture_s, abs=0.02)


def _engine_session(store, staff_id: str, started: datetime, *, with_break: bool) -> dict:
    """A real engine over synthetic landmarks (2 frames a second; 1 a second for the long
    stretches, body only), written as it runs."""
    engine = Engine(Settings())
    plan = [(30, SMILING, UPRIGHT, 0.5), (20, NEUTRAL, UPRIGHT, 0.5), (60, NEUTRAL, SLUMPED, 0.5),
            (20, SMILING, UPRIGHT, 0.5)]
    if with_break:  # work past the 55-minute reminder, leave for four minutes, come back
        plan += [(56 * 60, None, UPRIGHT, 1.0), (240, None, None, 1.0), (30, NEUTRAL, UPRIGHT, 0.5)]
    t, frame, dt = 0.0, 0, 0.5
    with SessionWriter(store, staff_id, started_at=started, utc_offset_min=BEIJING, t0=0.0) as writer:
        for seconds, face, body, dt in plan:
            for _ in range(int(seconds / dt)):
                step = engine.step(Observation(t=t, frame_index=frame, width=1280, height=1400, face=face,
                                               body=body, faces_in_view=int(face is not None)))
                writer.add(step)  # its record, its credit and its events
                t, frame = t + dt, frame + 1
        writer.add_events(engine.finish(t - dt))
        summary = engine.summary()
        writer.close(summary=summary)
    return summary
