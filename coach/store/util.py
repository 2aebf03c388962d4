"""Small helpers shared by the store's modules: time zones and JSON-safe values."""

from __future__ import annotations

import dataclasses
import math
from datetime import UTC, date, datetime, timedelta


def utc(moment: datetime | None) -> datetime | None:
    """An aware UTC datetime (SQLite hands back naive ones; the store always writes UTC)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def local_offset_min(moment: datetime | None = None) -> int:
    """This machine's UTC offset in minutes at `moment` (now by default)."""
    offset = (moment or datetime.now(UTC)).astimezone().utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def local_day_hour(started_at: datetime, utc_offset_min: int, offset_s: float) -> tuple[date, int]:
    """The local calendar day and hour `offset_s` seconds into a session."""
    local = started_at + timedelta(minutes=utc_offset_min, seconds=offset_s)
    return local.date(), local.hour


def json_safe(value: object) -> object:
    """`value` as plain JSON types: dataclasses and numpy scalars converted, NaN/inf as None."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_safe(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return json_safe(value.item())
    if hasattr(value, "tolist"):  # numpy array
        return json_safe(value.tolist())
    return str(value)
