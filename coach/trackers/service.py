"""Serving a customer: when a service starts and ends, and the courseware's moments within it.

A service is seen from the clerk's own behaviour, or told by the branch's queue-calling system:

* **Talking toward the window.** The mouth moves at syllable rate (`coach.rules.smile_episode.
  is_talking`, the cue the smile tracker already computes) while the face points to the customer
  side (`ServiceSettings.customer_yaw_deg`, default straight ahead: the webcam usually sits by the
  window). A service starts once such talking adds up to `talk_start_s` within the last
  `talk_window_s` (speech pauses between words and sentences, so the cue is summed, not held);
  it starts at the first talking moment of that window. It ends after `quiet_end_s` without such
  talking, or `away_end_s` with the face turned away or gone, at the last talking moment.
* **A hook.** `signal("next-customer", t)` starts a service (closing one in progress),
  `signal("service-end", t)` ends it. A service a hook started is ended by a hook, or when the
  person has been away `quiet_end_s`; talking does not end it.

While a service runs, `holds_nudges` is true: the engine makes the break reminder and posture
nudges wait (`coach.trackers.breaks.BreakTimer.hold_reminder`,
`coach.trackers.posture_status.PostureStatus.hold`), at most `max_hold_min`.

Moments (NORMS.md): a smile episode in the first `greeting_s` of the service is "greeted with a
smile"; the share of gaze time with eye contact during the service, against 70–80 %; the smile
kind that filled most of the service's smiling time. Each service comes out once, closed:
`Event(start, end, "service", detail)` with `detail` = `ServiceMoments.to_detail()`, plain
numbers and codes the store keeps and the reports read back (`ServiceMoments.from_detail`).

Thresholds and why:
* talk_start_s 2 s within 4 s: a greeting ("您好，请问办理什么业务?") takes 2–3 s; a word or two
  to a colleague does not make a service.
* quiet_end_s 10 s: while serving, the clerk listens and types between sentences; a pause of
  10 s without a word at the window is the end of an exchange more often than a pause within one.
* away_end_s 5 s: turning to a printer or a drawer for a moment is part of the service; five
  seconds facing elsewhere is not.
* greeting_s 5 s: the courseware's greeting comes with the first words.
All are settings (`ServiceSettings`), measured on the labelled clips by `python -m coach evaluate
CLIP_LABELS.csv` (share of talking time inside a service, share of silent time inside one).
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field

from coach.readings import Event
from coach.validation import check_ranges

SIGNALS = ("next-customer", "service-end")
# A frame's time weight is the gap to the frame before, at most this (as in coach.credit).
MAX_STEP_S = 2.0


@dataclass(frozen=True)
class ServiceSettings:
    talk_detection: bool = True  # off where only the queue system's hook says when a service runs
    talk_start_s: float = 2.0  # talking toward the window adding up to this…
    talk_window_s: float = 4.0  # …within this many seconds starts a service
    quiet_end_s: float = 10.0  # no talking toward the window this long ends it
    away_end_s: float = 5.0  # the face turned away or gone this long ends it
    customer_yaw_deg: float = 0.0  # the customer side as seen from the camera (+ = image right)
    facing_tolerance_deg: float = 35.0  # the face within this of the customer side faces them
    greeting_s: float = 5.0  # a smile within this of the start greets the customer
    max_hold_min: float = 10.0  # reminders and nudges wait at most this long for a service to end
    hook_port: int = 0  # the queue hook's port on 127.0.0.1 (coach.service_hook); 0 = no hook

    def __post_init__(self) -> None:
        check_ranges(self, "service", _RANGES, whole_numbers={"hook_port"})
        if self.talk_start_s > self.talk_window_s:
            raise ValueError(f"service.talk_start_s ({self.talk_start_s:g}) must not exceed "
                             f"service.talk_window_s ({self.talk_window_s:g})")


_RANGES: dict[str, tuple[float, float]] = {
    "talk_start_s": (0.5, 30.0),
    "talk_window_s": (1.0, 60.0),
    "quiet_end_s": (2.0, 600.0),
    "away_end_s": (1.0, 600.0),
    "customer_yaw_deg": (-90.0, 90.0),
    "facing_tolerance_deg": (5.0, 90.0),
    "greeting_s": (1.0, 30.0),
    "max_hold_min": (0.0, 30.0),
    "hook_port": (0, 65535),
}


@dataclass
class ServiceMoments:
    """The courseware's moments of one service (numbers and codes only)."""

    source: str = "talk"  # "talk" (seen) or "hook" (the queue system said so)
    greeted: bool = False  # a smile episode within the first greeting_s
    gaze_s: float = 0.0  # seconds with a gaze reading during the service
    eye_contact_s: float = 0.0  # …of which with eye contact
    smile_s: Counter = field(default_factory=Counter)  # smiling seconds by episode kind

    @property
    def eye_contact_share(self) -> float | None:
        return self.eye_contact_s / self.gaze_s if self.gaze_s > 0 else None

    @property
    def smile_kind(self) -> str:
        """The kind that filled most of the smiling time; "none" without a smile."""
        kinds = [(seconds, kind) for kind, seconds in self.smile_s.items() if seconds > 0]
        return max(kinds)[1] if kinds else "none"

    def to_detail(self) -> str:
        """`source=talk;greeted=1;gaze_s=41.2;eye_s=30.5;smile=genuine` (what the store keeps)."""
        return (f"source={self.source};greeted={int(self.greeted)};gaze_s={self.gaze_s:.1f};"
                f"eye_s={self.eye_contact_s:.1f};smile={self.smile_kind}")

    @classmethod
    def from_detail(cls, text: str) -> ServiceMoments:
        """Read a stored detail back; unknown or broken parts are left at their defaults."""
        values = dict(part.partition("=")[::2] for part in (text or "").split(";") if "=" in part)
        moments = cls(source=values.get("source", "talk"), greeted=values.get("greeted") == "1")
        moments.gaze_s = _number(values.get("gaze_s"))
        moments.eye_contact_s = min(_number(values.get("eye_s")), moments.gaze_s)
        kind = values.get("smile", "none")
        if kind in ("genuine", "mouth_only"):
            moments.smile_s[kind] = 1.0
        return moments


def _number(text: str | None) -> float:
    try:
        value = float(text or 0.0)
    except ValueError:
        return 0.0
    return value if 0.0 <= value < 1e9 else 0.0


@dataclass(frozen=True)
class _Frame:
    t: float
    talking_toward: bool
    eye_contact: bool | None
    smile_kind: str  # the smile episode's kind at this frame; "none" outside one
    weight: float  # seconds since the frame before (at most MAX_STEP_S)


class ServiceTracker:
    """Feed it every frame with `update`; hook signals with `signal`. Time is passed in."""

    def __init__(self, settings: ServiceSettings | None = None):
        self.settings = settings or ServiceSettings()
        self.serving = False
        self.since: float | None = None  # when the service in progress started
        self.count = 0  # services ended so far
        self.moments = ServiceMoments()
        self.greeted_count = 0
        self.eye_contact_s = 0.0  # over all ended services
        self.gaze_s = 0.0
        self.smile_kinds: Counter = Counter()  # ended services by their smile kind
        self._recent: deque[_Frame] = deque()  # the last talk_window_s of frames, for a late start
        self._last_t: float | None = None
        self._last_talk: float | None = None  # the last moment of talking toward the window
        self._last_facing: float | None = None  # the last moment the face was toward the window
        self._last_present: float | None = None
        self._queued: list[Event] = []
        self._tail = ServiceMoments()  # frames after the last words of a service seen from talking

    # --- feeding ------------------------------------------------------------------------------

    def facing(self, yaw_deg: float | None) -> bool:
        """Whether a head yaw (degrees, + = image right) points to the customer side."""
        s = self.settings
        return yaw_deg is not None and abs(yaw_deg - s.customer_yaw_deg) <= s.facing_tolerance_deg

    def update(self, t: float, *, present: bool, talking: bool | None, yaw_deg: float | None,
               eye_contact: bool | None, smile_kind: str = "none") -> list[Event]:
        """One frame at `t`: whether someone is there, talking (None without a face), the head's
        yaw, eye contact (None without a gaze reading), the smile episode's kind ("none")."""
        events, self._queued = self._queued, []
        step = 0.0 if self._last_t is None else min(max(t - self._last_t, 0.0), MAX_STEP_S)
        self._last_t = t
        facing = self.facing(yaw_deg)
        frame = _Frame(t, bool(talking) and facing, eye_contact, smile_kind, step)
        if present:
            self._last_present = t
        if facing:
            self._last_facing = t
        if frame.talking_toward:
            self._last_talk = t
        self._remember(frame)

        if self.serving:
            self._add(frame, frame.weight)
            events += self._maybe_end(t)
        elif self.settings.talk_detection:
            start = self._talk_start(t)
            if start is not None:
                self._start(start, "talk")
                for earlier, weight in self._since_start(start):
                    self._add(earlier, weight)
        return events

    def signal(self, name: str, t: float) -> list[Event]:
        """A queue system's signal at `t`: "next-customer" or "service-end" (ValueError otherwise)."""
        if name not in SIGNALS:
            raise ValueError(f"unknown service signal {name!r}: expected one of {', '.join(SIGNALS)}")
        events = self._end(t) if self.serving else []
        if name == "next-customer":
            self._start(t, "hook")
        self._queued += events
        return []

    def finish(self, t: float) -> list[Event]:
        """Close a service still running at the end of the session."""
        events, self._queued = self._queued, []
        if self.serving:
            talk = self.moments.source == "talk" and self._last_talk is not None
            events += self._end(self._last_talk if talk else max(t, self.since or t))
        return events

    # --- what the engine and panel read -------------------------------------------------------

    def holds_nudges(self, t: float) -> bool:
        """Whether reminders and nudges should wait now (a service runs)."""
        return self.serving

    @property
    def eye_contact_now(self) -> float | None:
        """Eye contact share of the service in progress (None outside one)."""
        return self.moments.eye_contact_share if self.serving else None

    @property
    def max_hold_s(self) -> float:
        return self.settings.max_hold_min * 60.0

    def summary(self) -> dict:
        served = self.count
        return {
            "served": served,
            "greeted": self.greeted_count,
            "greeted_share": round(self.greeted_count / served, 3) if served else None,
            "eye_contact_share": round(self.eye_contact_s / self.gaze_s, 3) if self.gaze_s > 0 else None,
            "by_smile_kind": dict(self.smile_kinds),
        }

    # --- inside -------------------------------------------------------------------------------

    def _remember(self, frame: _Frame) -> None:
        self._recent.append(frame)
        while self._recent and frame.t - self._recent[0].t > self.settings.talk_window_s:
            self._recent.popleft()

    def _talk_start(self, t: float) -> float | None:
        """The first talking moment of the window when its talking adds up to talk_start_s."""
        frames = list(self._recent)
        talked, first = 0.0, None
        for before, frame in zip(frames, frames[1:], strict=False):
            if before.talking_toward:
                talked += min(frame.t - before.t, MAX_STEP_S)
                first = before.t if first is None else first
        return first if talked >= self.settings.talk_start_s else None

    def _since_start(self, start: float) -> list[tuple[_Frame, float]]:
        """The remembered frames from `start`, with their weights, to count them in the service."""
        return [(frame, frame.weight if frame.t > start else 0.0)
                for frame in self._recent if frame.t >= start]

    def _start(self, t: float, source: str) -> None:
        self.serving = True
        self.since = t
        self.moments = ServiceMoments(source=source)
        self._tail = ServiceMoments(source=source)

    def _add(self, frame: _Frame, weight: float) -> None:
        """Count a frame in the service. A service seen from talking ends at its last words, so
        the frames after them wait in `_tail`: counted when the talking resumes, dropped when
        the silence ends the service."""
        if self.moments.source == "talk" and not frame.talking_toward:
            self._count(self._tail, frame, weight)
            return
        tail = self._tail
        if tail.gaze_s or tail.smile_s or tail.greeted:
            m = self.moments
            m.greeted = m.greeted or tail.greeted
            m.gaze_s += tail.gaze_s
            m.eye_contact_s += tail.eye_contact_s
            m.smile_s.update(tail.smile_s)
            self._tail = ServiceMoments(source=m.source)
        self._count(self.moments, frame, weight)

    def _count(self, m: ServiceMoments, frame: _Frame, weight: float) -> None:
        if frame.smile_kind != "none":
            m.smile_s[frame.smile_kind] += weight
            if self.since is not None and frame.t - self.since <= self.settings.greeting_s:
                m.greeted = True
        if frame.eye_contact is not None:
            m.gaze_s += weight
            if frame.eye_contact:
                m.eye_contact_s += weight

    def _maybe_end(self, t: float) -> list[Event]:
        s = self.settings
        since = self.since if self.since is not None else t
        if self.moments.source == "hook":
            last_seen = self._last_present if self._last_present is not None else since
            return self._end(max(last_seen, since)) if t - last_seen >= s.quiet_end_s else []
        last_talk = max(self._last_talk or since, since)
        last_facing = max(self._last_facing or since, since)
        if t - last_talk >= s.quiet_end_s or t - last_facing >= s.away_end_s:
            return self._end(last_talk)
        return []

    def _end(self, end: float) -> list[Event]:
        start = self.since if self.since is not None else end
        m = self.moments
        self.serving = False
        self.since = None
        self.count += 1
        self.greeted_count += int(m.greeted)
        self.gaze_s += m.gaze_s
        self.eye_contact_s += m.eye_contact_s
        self.smile_kinds[m.smile_kind] += 1
        self.moments = ServiceMoments()
        return [Event(start, max(end, start), "service", m.to_detail())]
