"""The tables, one definition for SQLite and PostgreSQL (SQLAlchemy Core).

Only numbers are stored, never pictures. Keys are chosen so that rows can move between
databases (a workstation's SQLite file into the branch's PostgreSQL) without clashing:
a coaching session is known everywhere by its UUID, and its metric rows and events by
(session, seq), seq counting up from 0 within the session. The integer `sessions.id` is a
local shortcut that keeps the millions of metric rows small; sync maps it by UUID.

Metric rows are time buckets (1 s for live sessions, 60 s for bulk imports; the session says
which). Durations are whole milliseconds, so sums stay exact and rows stay small.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB

ROLES: tuple[str, ...] = ("staff", "supervisor", "admin")

metadata = MetaData()
_json = JSON().with_variant(JSONB(), "postgresql")

schema_version = Table(
    "coach_schema",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

people = Table(
    "people",
    metadata,
    Column("staff_id", String(64), primary_key=True),
    Column("display_name", String(200), nullable=False),
    Column("role", String(16), nullable=False, default="staff"),
    Column("team", String(100), nullable=True),
    Column("active", Boolean, nullable=False, default=True),
    Column("password_hash", String(255), nullable=True),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("role IN ('staff', 'supervisor', 'admin')", name="ck_people_role"),
    Index("ix_people_team", "team"),
)

login_sessions = Table(
    "login_sessions",
    metadata,
    Column(
        "token_hash", String(64), primary_key=True
    ),  # sha256 of the token; the token itself is never stored
    Column("staff_id", String(64), ForeignKey("people.staff_id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uuid", Uuid, nullable=False, unique=True),
    Column("staff_id", String(64), ForeignKey("people.staff_id"), nullable=False),
    Column("workstation", String(128), nullable=False, default=""),
    Column("source", String(500), nullable=False, default=""),
    Column("started_at", DateTime(timezone=True), nullable=False),  # UTC, at offset 0 of the session
    Column("utc_offset_min", SmallInteger, nullable=False, default=0),  # the workstation's local offset
    Column("day", Date, nullable=False),  # local day the session started
    Column("ended_at", DateTime(timezone=True), nullable=True),  # null while live (or after a crash)
    Column("span_s", SmallInteger, nullable=False, default=1),  # length of its metric buckets
    Column("settings", _json, nullable=True),
    Column("summary", _json, nullable=True),  # the engine's summary at the end
    Column("recorded_by", String(80), nullable=True),  # "login:<id>" / "token:<name>" (store.credentials)
    Index("ix_sessions_staff_day", "staff_id", "day"),
)

_ms = dict(nullable=False, default=0)
metrics = Table(
    "metrics",
    metadata,
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),  # bucket index from the session start
    Column("day", Date, nullable=False),  # local day and hour of the bucket start
    Column("hour", SmallInteger, nullable=False),
    Column("frames", Integer, **_ms),
    Column("observed_ms", Integer, **_ms),  # time covered by analysed frames
    Column("present_ms", Integer, **_ms),  # a face or a body was found
    Column("face_ms", Integer, **_ms),  # a smile reading existed (the smile shares' denominator)
    Column("sitting_ms", Integer, **_ms),
    Column("sitting_good_ms", Integer, **_ms),
    Column("standing_ms", Integer, **_ms),
    Column("standing_good_ms", Integer, **_ms),
    Column("upper_body_ms", Integer, **_ms),  # posture judged from the upper body only (mode upper_body)
    Column("upper_body_good_ms", Integer, **_ms),
    Column("gaze_ms", Integer, **_ms),
    Column("eye_contact_ms", Integer, **_ms),
    Column("smile_ms", Integer, **_ms),
    Column("genuine_smile_ms", Integer, **_ms),
    Column(
        "smile_score_ms", Integer, **_ms
    ),  # ∫ smile score dt (score 0..100 × ms), for a time-weighted mean
    Column("smiles", Integer, **_ms),  # the engine's smile events reported during the bucket
    sqlite_with_rowid=False,
)

metric_faults = Table(
    "metric_faults",
    metadata,
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("fault", String(64), primary_key=True),  # a posture issue, e.g. "hunched"
    Column("ms", Integer, nullable=False),
    sqlite_with_rowid=False,
)

events = Table(
    "events",
    metadata,
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(64), nullable=False),  # "posture:hunched", "break_due", "break_taken", ...
    Column("detail", String(500), nullable=False, default=""),
    Column("start_s", Float, nullable=False),  # seconds from the session start
    Column("end_s", Float, nullable=True),
    Column("day", Date, nullable=False),
    Column("hour", SmallInteger, nullable=False),
    sqlite_with_rowid=False,
)

calibration_profiles = Table(
    "calibration_profiles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uuid", Uuid, nullable=False, unique=True),
    Column("staff_id", String(64), ForeignKey("people.staff_id"), nullable=False),
    Column("kind", String(64), nullable=False),  # "smile_baseline", "posture_baseline", "settings", ...
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("workstation", String(128), nullable=False, default=""),
    Column("data", _json, nullable=False),
    Index("ix_profiles_staff_kind", "staff_id", "kind", "created_at"),
)

workstation_tokens = Table(
    "workstation_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # sha256 of the token; the token is shown once
    Column("name", String(64), nullable=False, unique=True),  # the workstation, e.g. "counter-3"
    Column("issued_by", String(64), nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

store_facts = Table(
    "store_facts",
    metadata,
    Column("name", String(64), primary_key=True),  # e.g. "admin_created": once set, never unset
    Column("value", String(200), nullable=False, default=""),
    Column("set_at", DateTime(timezone=True), nullable=False),
)

sync_marks = Table(
    "sync_marks",
    metadata,
    Column("target", String(64), primary_key=True),  # a hash of the target database's URL
    Column("session_uuid", Uuid, primary_key=True),
    Column("done_at", DateTime(timezone=True), nullable=False),
)

METRIC_FIELDS: tuple[str, ...] = tuple(
    c.name for c in metrics.columns if c.name not in ("session_id", "seq", "day", "hour")
)

# ---- rollups: per person-day sums kept by database triggers (see rollups.py) -----------------
_sum = dict(nullable=False, default=0)
day_rollups = Table(
    "day_rollups",
    metadata,
    Column("staff_id", String(64), primary_key=True),
    Column("day", Date, primary_key=True),  # the metric rows' local day
    *(Column(name, BigInteger, **_sum) for name in METRIC_FIELDS),
    Index("ix_day_rollups_day", "day"),
    sqlite_with_rowid=False,
)

# person-day sums of each fault / event kind, and the same by hour of the day (the by-hour charts);
# two tables each so that neither read has to regroup the other's rows
day_fault_rollups = Table(
    "day_fault_rollups",
    metadata,
    Column("staff_id", String(64), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("fault", String(64), primary_key=True),
    Column("ms", BigInteger, **_sum),
    Index("ix_day_fault_rollups_day", "day"),
    sqlite_with_rowid=False,
)

hour_fault_rollups = Table(
    "hour_fault_rollups",
    metadata,
    Column("day", Date, primary_key=True),
    Column("hour", SmallInteger, primary_key=True),
    Column("fault", String(64), primary_key=True),
    Column("staff_id", String(64), primary_key=True),
    Column("ms", BigInteger, **_sum),
    sqlite_with_rowid=False,
)

day_event_rollups = Table(
    "day_event_rollups",
    metadata,
    Column("staff_id", String(64), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("kind", String(64), primary_key=True),
    Column("n", BigInteger, **_sum),
    Index("ix_day_event_rollups_day", "day"),
    sqlite_with_rowid=False,
)

hour_event_rollups = Table(
    "hour_event_rollups",
    metadata,
    Column("day", Date, primary_key=True),
    Column("hour", SmallInteger, primary_key=True),
    Column("kind", String(64), primary_key=True),
    Column("staff_id", String(64), primary_key=True),
    Column("n", BigInteger, **_sum),
    sqlite_with_rowid=False,
)

# ---- the break clock of a person's day (see day_state.py) ------------------------------------
break_days = Table(
    "break_days",
    metadata,
    Column("staff_id", String(64), primary_key=True),
    Column("day", Date, primary_key=True),  # the person's local day
    Column("saved_at", DateTime(timezone=True), nullable=False),  # UTC wall clock of the snapshot
    Column("state", _json, nullable=False),  # BreakTimer.snapshot()
    Column("workstation", String(128), nullable=False, default=""),
)
