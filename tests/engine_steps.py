"""The engine's steps for synthetic records (coach.store.synthetic), for the store's tests.

Made with the engine's own parts (coach.credit.Accountant, Presence with its grace,
SmileCounter): the rules are skipped, the accounting is not, so the store is fed exactly what the
engine would give it for these readings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from coach.credit import Accountant, Credit
from coach.readings import Event, Record
from coach.store.synthetic import live_records, record_at


@dataclass(frozen=True)
class SyntheticStep:
    """What the store takes from an engine step: the record, its time credit and its events."""

    record: Record
    credit: Credit
    events: list[Event]


def steps_for(records: Iterable[Record], *, grace_s: float = 2.0) -> Iterator[SyntheticStep]:
    """The steps the engine would give for these records' readings."""
    from coach.trackers.presence import Presence
    from coach.trackers.stats import SmileCounter

    accountant, presence, smiles = Accountant(), Presence(grace_s), SmileCounter()
    for record in records:
        credit = accountant.credit(record.t_s)
        present = presence.update(record.face_found or record.body_found, record.t_s)
        accountant.hold(record, present)
        events = smiles.update(record.smile.kind if record.smile is not None else None, record.t_s)
        yield SyntheticStep(record, credit, events)


def live_steps(
    seconds: float, fps: float = 15.0, *, t0: float = 0.0, seed: int = 0
) -> Iterator[SyntheticStep]:
    """`live_records` as the engine's steps."""
    return steps_for(live_records(seconds, fps, t0=t0, seed=seed))


def step_at(t_s: float, **state) -> SyntheticStep:
    """A lone step crediting `record_at(t_s, **state)` for nothing (the first frame of a session)."""
    return SyntheticStep(record_at(t_s, **state), Credit(start=t_s), [])
