"""The service moments a report reads: customers served, greeted with a smile, eye contact while
serving, per person and day.

The engine files each service as one event (`kind` "service", its moments in `detail`, see
`coach.trackers.service.ServiceMoments`), so the store keeps them in its `events` table with no
new table or column. A report reads the service events of its scope and days once (one query,
joined to the sessions for the person) and adds them to each person-day's `Figures.service`:
`served`, `greeted`, `gaze_ms` and `eye_contact_ms` (milliseconds, like every stored duration),
so shares over days and people are ratios of sums, as every other share.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import MutableMapping
from datetime import date

from sqlalchemy import String, select, type_coerce

from coach.store.schema import events, people, sessions
from coach.trackers.service import ServiceMoments

SERVICE_KIND = "service"


def service_counts(detail: str) -> Counter:
    """One service's contribution to `Figures.service`."""
    moments = ServiceMoments.from_detail(detail)
    return Counter({
        "served": 1,
        "greeted": int(moments.greeted),
        "gaze_ms": round(moments.gaze_s * 1000.0),
        "eye_contact_ms": round(moments.eye_contact_s * 1000.0),
    })


def add_service_figures(conn, scope, start: date, end: date, person_days: MutableMapping, day_of) -> None:
    """Add the services of `scope` between `start` and `end` to `person_days[(staff_id, day)]`."""
    query = (
        select(sessions.c.staff_id, type_coerce(events.c.day, String), events.c.detail)
        .select_from(events.join(sessions, sessions.c.id == events.c.session_id))
        .where(events.c.kind == SERVICE_KIND, events.c.day.between(start, end))
    )
    if scope.kind == "person":
        query = query.where(sessions.c.staff_id == scope.value)
    elif scope.kind == "team":
        team = select(people.c.staff_id).where(people.c.team == scope.value)
        query = query.where(sessions.c.staff_id.in_(team))
    for staff_id, day, detail in conn.execute(query).all():
        person_days[(staff_id, day_of(day))].service.update(service_counts(detail))
