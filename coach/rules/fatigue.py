"""Signs of fatigue in the face: eye closure over time (PERCLOS), long blinks, yawns.

Pure functions and thresholds; the tracker (`coach.trackers.fatigue`) keeps the time.

* Eye openness: the eye aperture (`coach.rules.smile`: mean lid gap / eye width, the eye aspect
  ratio of Soukupová & Čech 2016 with three lid pairs) scaled between FaceMesh's floor for a shut
  eye and the person's own neutral aperture (the calibration's, else learned from the session's
  calm frames): 1 = as open as at rest, 0 = shut. FaceMesh never brings the lids together — a
  shut eye still reads a gap of about CLOSED_APERTURE eye widths — so the floor is that, not 0.
* Closed: openness at or under CLOSED_OPENNESS, i.e. the eye at least 80% closed, the "P80"
  criterion of PERCLOS (Wierwille et al. 1994; Dinges & Grace 1998, FHWA-MCRT-98-006).
* PERCLOS: the share of the last PERCLOS_WINDOW_S seconds of seen face with the eyes closed.
  Dinges & Grace's drowsiness criterion is PERCLOS ≥ 0.15 over a minute (an alert person blinks
  ~15-20 times a minute at ~0.1-0.3 s, i.e. 3-8% of the time).
* Long blink: a closure lasting LONG_BLINK_S or more. Ordinary blinks last 0.1-0.4 s (Stern et
  al. 1994); closures past 0.5 s rise steeply with sleepiness (Ingre et al. 2006, Schleicher et
  al. 2008, who count blinks > 0.5 s as drowsy).
* Yawn: the mouth opened at least YAWN_OPENING of its width (a yawn's jaw drop; a toothy smile is
  ~0.2, speech peaks ~0.3-0.5 for a syllable) held YAWN_MIN_S seconds without closing. Speech
  opens and closes at syllable rate (3-5 a second, `coach.rules.smile_episode`), so a 2 s
  uninterrupted gape is not talking; a yawn lasts ~4-7 s (Provine 1986).
* Tired, the trigger for an earlier micro-break: PERCLOS ≥ 0.15, or LONG_BLINKS_TIRED long
  blinks within the last LONG_BLINK_WINDOW_S, or YAWNS_TIRED yawns within YAWN_WINDOW_S. The
  counts are design choices (several per window, so one slow blink or one yawn does not count),
  not fitted to any file.
* Eyes closed at the post: closed continuously for EYES_CLOSED_ALERT_S (5 s: far beyond any blink
  or long blink, the length of a microsleep episode's upper range) with the face in view.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.validation import check_ranges

# FaceMesh's eye aperture (lid gap / eye width) for a shut eye: it keeps the lids a little apart.
CLOSED_APERTURE = 0.05
CLOSED_OPENNESS = 0.2  # P80: at least 80% closed
PERCLOS_WINDOW_S = 60.0
PERCLOS_TIRED = 0.15
LONG_BLINK_S = 0.5
LONG_BLINK_WINDOW_S = 300.0
LONG_BLINKS_TIRED = 5
YAWN_OPENING = 0.6
YAWN_MIN_S = 2.0
YAWN_WINDOW_S = 600.0
YAWNS_TIRED = 3
EYES_CLOSED_ALERT_S = 5.0
TIRED_REASONS = ("perclos", "long_blinks", "yawns")


@dataclass(frozen=True)
class FatigueSettings:
    """The tired trigger and the eyes-closed alert (ValueError names the allowed range)."""

    perclos_tired: float = PERCLOS_TIRED
    long_blinks_tired: int = LONG_BLINKS_TIRED
    yawns_tired: int = YAWNS_TIRED
    eyes_closed_alert_s: float = EYES_CLOSED_ALERT_S
    eyes_closed_cooldown_s: float = 60.0  # no second alert this soon after one ended
    alerts: bool = True  # off = measure and record, never alert

    def __post_init__(self) -> None:
        check_ranges(self, "fatigue", _RANGES, whole_numbers={"long_blinks_tired", "yawns_tired"})


_RANGES: dict[str, tuple[float, float]] = {
    "perclos_tired": (0.05, 0.5),
    "long_blinks_tired": (1, 60),
    "yawns_tired": (1, 20),
    "eyes_closed_alert_s": (2.0, 30.0),
    "eyes_closed_cooldown_s": (0.0, 1800.0),
}


def eye_openness(eye_aperture: float, neutral_aperture: float) -> float:
    """1 = as open as the person's neutral, 0 = shut (FaceMesh's floor); not clipped above 1."""
    span = max(neutral_aperture - CLOSED_APERTURE, 1e-3)
    return max((eye_aperture - CLOSED_APERTURE) / span, 0.0)


def eyes_closed(openness: float) -> bool:
    return openness <= CLOSED_OPENNESS


def mouth_agape(opening_ratio: float) -> bool:
    """The mouth open as wide as a yawn's (inner-lip gap over mouth width)."""
    return opening_ratio >= YAWN_OPENING


def is_long_blink(closure_s: float) -> bool:
    return closure_s >= LONG_BLINK_S


def perclos(closed_s: float, seen_s: float) -> float | None:
    """The share of seen time with the eyes closed; None before any time was seen."""
    return closed_s / seen_s if seen_s > 0.0 else None


def tired_reason(perclos_now: float | None, long_blinks: int, yawns: int,
                 settings: FatigueSettings = FatigueSettings()) -> str | None:  # noqa: B008 - frozen
    """Why the person looks tired (one of TIRED_REASONS), or None."""
    if perclos_now is not None and perclos_now >= settings.perclos_tired:
        return "perclos"
    if long_blinks >= settings.long_blinks_tired:
        return "long_blinks"
    if yawns >= settings.yawns_tired:
        return "yawns"
    return None
