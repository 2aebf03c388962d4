"""Summaries for a person, a team or the branch over a range of days.

Every figure is a sum of stored durations or counts, and every share a ratio of sums, so the
per-day, per-week, per-person and overall figures always agree with one another. The minute rows
are summed per person and day by the database as they are written (rollups.py); a report
reads those sums, and the rest (weeks, totals, shares) is Python over a few thousand groups.

`build_report` is the one way to get a Report, and it checks the login and the scope first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache

from sqlalchemy import String, func, select, true, type_coerce

from coach.store.access import Login, Scope, User, authenticate, authorize
from coach.store.errors import StoreError
from coach.store.people import Person
from coach.store.schema import (
    METRIC_FIELDS,
    day_event_rollups,
    day_fault_rollups,
    day_rollups,
    hour_event_rollups,
    hour_fault_rollups,
    people,
    sessions,
)
from coach.store.services import add_service_figures
from coach.vocabulary import BREAK_KINDS

HOUR_MS = 3_600_000
MIN_RATE_MS = 60_000  # rates per hour start from a minute of presence, as in the engine


@lru_cache(maxsize=1024)
def event_category(kind: str) -> str | None:
    """Which summary count an event kind feeds: an alert, one of BREAK_KINDS, or none.

    Break kinds are matched after normalising separators ("break:taken" = "break_taken");
    any other "<area>:<name>" kind (e.g. "posture:hunched", "gaze:avoiding") is an alert,
    except plain smile occurrences ("smile", "smile:genuine"), which are not faults.
    """
    normal = kind.strip().lower().replace(":", "_").replace("-", "_").replace(" ", "_")
    if normal in BREAK_KINDS:
        return normal
    if normal in ("natural", "break_natural"):
        return "natural_break"
    if normal == "break_early":  # a reminder offered early to a tired clerk is a reminder all the same
        return "break_due"
    if normal.startswith("alert") or (
        ":" in kind
        and not normal.startswith(("smile_genuine", "smile_mouth"))
        and normal not in ("smile", "smile_start", "smile_end")
    ):
        return "alert"
    return None


@dataclass
class Figures:
    """Sums over some rows, and the shares and rates a supervisor reads."""

    sessions: int = 0
    sums: Counter = field(default_factory=Counter)  # METRIC_FIELDS -> total
    faults: Counter = field(default_factory=Counter)  # fault -> ms
    events: Counter = field(default_factory=Counter)  # event kind -> count
    service: Counter = field(default_factory=Counter)  # served, greeted, gaze_ms, eye_contact_ms

    def merge(self, other: Figures) -> Figures:
        self.sessions += other.sessions
        self.sums.update(other.sums)
        self.faults.update(other.faults)
        self.events.update(other.events)
        self.service.update(other.service)
        return self

    @property
    def customers_served(self) -> int:
        return self.service["served"]

    @property
    def greeted_share(self) -> float | None:
        """Of the customers served, the share greeted with a smile."""
        return self.service["greeted"] / self.service["served"] if self.service["served"] else None

    @property
    def serving_eye_contact_share(self) -> float | None:
        """Eye contact over the time spent serving (the courseware's 70–80% while talking)."""
        gaze = self.service["gaze_ms"]
        return self.service["eye_contact_ms"] / gaze if gaze else None

    def _ratio(self, part: str, whole: str) -> float | None:
        return self.sums[part] / self.sums[whole] if self.sums[whole] else None

    @property
    def hours_observed(self) -> float:
        return self.sums["observed_ms"] / HOUR_MS

    @property
    def hours_present(self) -> float:
        return self.sums["present_ms"] / HOUR_MS

    @property
    def sitting_hours(self) -> float:
        return self.sums["sitting_ms"] / HOUR_MS

    @property
    def standing_hours(self) -> float:
        return self.sums["standing_ms"] / HOUR_MS

    @property
    def sitting_good_share(self) -> float | None:
        return self._ratio("sitting_good_ms", "sitting_ms")

    @property
    def standing_good_share(self) -> float | None:
        return self._ratio("standing_good_ms", "standing_ms")

    @property
    def upper_body_hours(self) -> float:
        return self.sums["upper_body_ms"] / HOUR_MS

    @property
    def upper_body_good_share(self) -> float | None:
        """Good posture while only the upper body was seen (sitting or standing unknown)."""
        return self._ratio("upper_body_good_ms", "upper_body_ms")

    @property
    def posture_ms(self) -> int:
        return self.sums["sitting_ms"] + self.sums["standing_ms"] + self.sums["upper_body_ms"]

    @property
    def good_posture_share(self) -> float | None:
        good = self.sums["sitting_good_ms"] + self.sums["standing_good_ms"] + self.sums["upper_body_good_ms"]
        return good / self.posture_ms if self.posture_ms else None

    @property
    def smile_share(self) -> float | None:
        return self._ratio("smile_ms", "face_ms")

    @property
    def genuine_smile_share(self) -> float | None:
        """Of the time smiling, how much was a genuine (eyes and mouth) smile."""
        return self._ratio("genuine_smile_ms", "smile_ms")

    @property
    def mean_smile_score(self) -> float | None:
        return self.sums["smile_score_ms"] / self.sums["face_ms"] if self.sums["face_ms"] else None

    @property
    def smiles_per_hour(self) -> float | None:
        """Smiles counted per hour of presence (the engine's definition), from a minute of presence.

        Per hour of *presence*, not of face time; and not from seconds: three smiles in a
        23-second test session made "477 smiles per hour" (the 453.7 on the Reports page came
        from short webcam sessions divided by face time)."""
        if self.sums["present_ms"] < MIN_RATE_MS:
            return None
        return self.sums["smiles"] / (self.sums["present_ms"] / HOUR_MS)

    @property
    def eye_contact_share(self) -> float | None:
        return self._ratio("eye_contact_ms", "gaze_ms")

    def count(self, category: str) -> int:
        return sum(n for kind, n in self.events.items() if event_category(kind) == category)

    @property
    def alerts(self) -> int:
        return self.count("alert")

    def top_faults(self, n: int = 3) -> list[tuple[str, float]]:
        """The most frequent faults with their share of the time posture was judged."""
        posture = self.posture_ms
        return [(fault, ms / posture if posture else 0.0) for fault, ms in self.faults.most_common(n)]


@dataclass
class Report:
    scope: Scope
    title: str  # the person's name, the team's name, or "" for the branch
    start: date
    end: date
    generated_at: datetime
    generated_by: User
    totals: Figures
    people: list[tuple[Person, Figures]]
    days: dict[date, Figures]
    person_days: dict[tuple[str, date], Figures]
    faults_by_hour: dict[str, list[int]]  # fault -> ms in each local hour of the day
    alerts_by_hour: list[int]

    @property
    def weeks(self) -> dict[tuple[int, int], Figures]:
        """ISO (year, week) -> figures."""
        out: dict[tuple[int, int], Figures] = defaultdict(Figures)
        for day, figures in self.days.items():
            iso = day.isocalendar()
            out[(iso.year, iso.week)].merge(figures)
        return dict(sorted(out.items()))


def build_report(
    store, login: Login | str | None, scope: Scope, start: date, end: date, *, now: datetime | None = None
) -> Report:
    """Summaries for `scope` from `start` to `end` (local days, both included), if the login may see them."""
    user = authenticate(store, login, now=now)
    authorize(store, user, scope)
    if end < start:
        raise StoreError("store.error.bad_range", start=start.isoformat(), end=end.isoformat())
    in_scope = _scope_filter(scope)
    person_days: dict[tuple[str, date], Figures] = defaultdict(Figures)
    faults_by_hour: dict[str, list[int]] = defaultdict(lambda: [0] * 24)
    alerts_by_hour = [0] * 24
    # the per person-day rollups (rollups.py), never the minute rows: a branch month is a few
    # thousand rollup rows
    with store.reading() as conn:
        listed = [
            _person(row)
            for row in conn.execute(
                select(people)
                .where(in_scope, people.c.role == "staff" if scope.kind != "person" else true())
                .order_by(people.c.team, people.c.display_name, people.c.staff_id)
            )
        ]
        # days come back as text on SQLite: parse each distinct one once, not once per row
        day_of = _DayParser()
        rollup_day = type_coerce(day_rollups.c.day, String).label("day")
        for row in conn.execute(
            _scoped(
                select(day_rollups.c.staff_id, rollup_day, *[day_rollups.c[n] for n in METRIC_FIELDS]),
                day_rollups,
                scope,
            ).where(day_rollups.c.day.between(start, end))
        ).all():  # all(): one fetchall, not a driver call per row
            person_days[(row[0], day_of(row[1]))].sums.update(dict(zip(METRIC_FIELDS, row[2:], strict=True)))
        for row in conn.execute(
            select(sessions.c.staff_id, sessions.c.day, func.count().label("n"))
            .select_from(sessions.join(people, people.c.staff_id == sessions.c.staff_id))
            .where(in_scope, sessions.c.day.between(start, end))
            .group_by(sessions.c.staff_id, sessions.c.day)
        ):
            person_days[(row.staff_id, row.day)].sessions += int(row.n)
        for day_table, hour_table, name, value, into in (
            (day_fault_rollups, hour_fault_rollups, "fault", "ms", "faults"),
            (day_event_rollups, hour_event_rollups, "kind", "n", "events"),
        ):
            for staff_id, day, key, amount in conn.execute(
                _scoped(
                    select(day_table.c.staff_id, type_coerce(day_table.c.day, String), day_table.c[name],
                           day_table.c[value]),
                    day_table,
                    scope,
                ).where(day_table.c.day.between(start, end), day_table.c[value] != 0)
            ).all():
                getattr(person_days[(staff_id, day_of(day))], into)[key] += int(amount)
            # grouped by day too: that is the table's key order, so the groups stream without a sort
            hourly = hour_table.c
            for _, hour, key, amount in conn.execute(
                _scoped(
                    select(hourly.day, hourly.hour, hourly[name], func.sum(hourly[value])),
                    hour_table,
                    scope,
                )
                .where(hourly.day.between(start, end))
                .group_by(hourly.day, hourly.hour, hourly[name])
            ).all():
                if not amount:
                    continue
                if into == "faults":
                    faults_by_hour[key][hour] += int(amount)
                elif event_category(key) == "alert":
                    alerts_by_hour[hour] += int(amount)
        add_service_figures(conn, scope, start, end, person_days, day_of)
        known = {p.staff_id for p in listed}
        missing = sorted({staff_id for staff_id, _ in person_days} - known)
        if missing:
            listed += [
                _person(row) for row in conn.execute(select(people).where(people.c.staff_id.in_(missing)))
            ]
    per_person: dict[str, Figures] = defaultdict(Figures)
    days: dict[date, Figures] = defaultdict(Figures)
    totals = Figures()
    for (staff_id, day), figures in sorted(person_days.items(), key=lambda item: (item[0][1], item[0][0])):
        per_person[staff_id].merge(figures)
        days[day].merge(figures)
    for figures in per_person.values():  # a few hundred merges, not one per person-day
        totals.merge(figures)
    title = ""
    if scope.kind == "person":
        title = next((p.display_name for p in listed if p.staff_id == scope.value), scope.value)
    elif scope.kind == "team":
        title = scope.value
    return Report(
        scope=scope,
        title=title,
        start=start,
        end=end,
        generated_at=(now or datetime.now(UTC)),
        generated_by=user,
        totals=totals,
        people=[(p, per_person.get(p.staff_id, Figures())) for p in listed],
        days=dict(sorted(days.items())),
        person_days=dict(sorted(person_days.items())),
        faults_by_hour=dict(sorted(faults_by_hour.items(), key=lambda item: -sum(item[1]))),
        alerts_by_hour=alerts_by_hour,
    )


def _scoped(query, table, scope: Scope):
    """`query` over a rollup `table`, limited to the people of `scope` (no join for the branch)."""
    if scope.kind == "branch":
        return query.select_from(table)
    if scope.kind == "person":
        return query.select_from(table).where(table.c.staff_id == scope.value)
    team = select(people.c.staff_id).where(people.c.team == scope.value)
    return query.select_from(table).where(table.c.staff_id.in_(team))


class _DayParser(dict):
    """date for a day as the driver returns it (a date, or ISO text on SQLite), memoised."""

    def __call__(self, value) -> date:
        if isinstance(value, date):
            return value
        found = self.get(value)
        if found is None:
            found = self[value] = date.fromisoformat(value[:10])
        return found


def _scope_filter(scope: Scope):
    if scope.kind == "person":
        return people.c.staff_id == scope.value
    if scope.kind == "team":
        return people.c.team == scope.value
    return true()


def _person(row) -> Person:
    return Person(row.staff_id, row.display_name, row.role, row.team, bool(row.active))
