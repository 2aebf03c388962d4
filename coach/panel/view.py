"""What the live page shows, read from the engine's LiveState and the frame's Record.

The one place that knows the shape of `coach.engine.LiveState`, so the page's layout code
reads plain values. Every label is translated here or by the caller.
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any

import cv2
import numpy as np

from coach.panel.common import clock, lang, tr, tr_optional
from coach.readings import PostureReading, Record

SHOWN_WIDTH = 720  # the live image is sent to the browser at most this wide


def shrink(image: np.ndarray, width: int = SHOWN_WIDTH) -> np.ndarray:
    height, current = image.shape[:2]
    if current <= width:
        return image
    return cv2.resize(image, (width, int(round(height * width / current))), interpolation=cv2.INTER_AREA)


def jpeg_html(image: np.ndarray, quality: int = 80) -> str:
    """The frame as an inline JPEG <img>.

    Inline, not st.image: a panel refreshed several times a second would otherwise ask the
    browser to fetch media files the server has already replaced (a broken image now and then).
    """
    ok, encoded = cv2.imencode(".jpg", shrink(image), [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        return ""
    data = base64.b64encode(encoded.tobytes()).decode("ascii")
    style = "width:100%;border-radius:6px;display:block"
    return f'<img alt="" src="data:image/jpeg;base64,{data}" style="{style}">'


def alerts(state: Any) -> list[str]:
    """The engine's active alerts (already past their onset delay), e.g. 'posture:hunched'."""
    return [] if state is None else [str(kind) for kind in state.alerts]


def alert_text(kind: str) -> str:
    from coach.vocabulary import label

    area, _, name = kind.partition(":")
    if area == "posture" and name:
        return tr("panel.alert.posture", fault=label(kind, lang()))
    return label(kind, lang())


def issue_text(name: str) -> str:
    from coach.vocabulary import label

    return label(name, lang())


def break_phase(state: Any) -> str:
    return "" if state is None else str(state.break_phase)


def break_due(state: Any) -> bool:
    return break_phase(state) == "due"


def on_break(state: Any) -> bool:
    return break_phase(state) == "on_break"


def can_postpone(state: Any) -> bool:
    return bool(state is not None and state.can_postpone)


def can_skip(state: Any) -> bool:
    return bool(state is not None and state.can_skip)


def seconds_to_break(state: Any) -> float | None:
    value = None if state is None else state.seconds_to_break
    return None if value is None else float(value)


def break_remaining(state: Any) -> float | None:
    value = None if state is None else state.break_remaining_s
    return None if value is None else float(value)


def person_present(state: Any) -> bool:
    return bool(state is not None and state.present)


def smile_score(state: Any, record: Record) -> float | None:
    value = None if state is None else state.smile_score
    if value is None and record.smile is not None:
        value = record.smile.score
    return None if value is None else float(value)


def eye_contact_share(state: Any) -> float | None:
    """The last five minutes' share (the norm is about conversation now, not the whole day)."""
    if state is None:
        return None
    value = state.eye_contact_recent_share
    if value is None:
        value = state.eye_contact_share
    return None if value is None else float(value)


def corner_norm(settings: Any) -> tuple[float, float]:
    """The mouth-corner norm in degrees from the smile settings (15–30 by the courseware)."""
    smile = getattr(settings, "smile", None)
    low = getattr(smile, "corner_norm_min_deg", 15.0)
    high = getattr(smile, "corner_norm_max_deg", 30.0)
    return float(low), float(high)


def corner_verdict(degrees: float, low: float, high: float) -> str:
    if degrees < low:
        return "faint"
    if degrees > high:
        return "exaggerated"
    return "in_norm"


def posture_issues(posture: PostureReading | None) -> list[str]:
    if posture is None:
        return []
    return [issue_text(name) for name in posture.issues]


def posture_text(posture: PostureReading | None, state: Any = None) -> str:
    """Mode and verdict; the verdict is the engine's one posture status when there is a state,
    so this line, the coloured bar and the alerts never disagree."""
    if posture is None:
        return tr("panel.posture.unknown")
    if not posture.judged:
        reason = tr_optional(f"posture.reason.{posture.reason}", posture.reason or "-")
        return tr("posture.view.not_judged", reason=reason)
    mode = tr_optional(f"posture.mode.{posture.mode}", posture.mode)
    status = getattr(state, "posture_state", None)
    ok = posture.ok if status in (None, "unknown") else status == "ok"
    verdict = tr("panel.posture.ok") if ok else tr("panel.posture.fault")
    text = f"{mode} · {verdict}"
    if posture.reference == "population":
        text += f" · {tr('posture.view.population_note')}"
    elif posture.reference == "habit":
        text += f" · {tr('posture.habit.note')}"
    return text


def smile_kind(state: Any, record: Record) -> str:
    """The kind of the smile episode in progress (decided over the episode, not this frame)."""
    kind = getattr(state, "smile_kind", None)
    if kind is None:
        kind = record.smile.kind if record.smile is not None else "none"
    return str(kind)


_CELL = "flex:1;min-width:6.5rem"
_LABEL = "font-size:.85rem;color:#5f6170"
_VALUE = "font-size:1.9rem;line-height:2.3rem;color:#262730"
_SMALL = "font-size:.85rem;color:#5f6170"


def readings_html(state: Any, record: Record, stats: Any, settings: Any, baseline: str | None = None) -> str:
    """The live readings as one block: smile score and its parts (corners against the norm, eye
    involvement, symmetry), eye contact, time to the break, smile type, posture and its faults,
    and the measured speed. Every word comes from the translation table."""
    smile = record.smile
    score = smile_score(state, record)
    share = eye_contact_share(state)
    top = [
        (tr("panel.reading.smile"), "—" if score is None else f"{score:.0f}",
         tr("judgements.panel.smile_help")),
        (tr("panel.reading.eye_contact"), "—" if share is None else f"{100 * share:.0f}%",
         tr("panel.reading.eye_contact_help")),
        (tr("panel.reading.next_break"), clock(seconds_to_break(state)), ""),
    ]
    rows = [_cells(top)]
    if smile is not None:
        low, high = corner_norm(settings)
        norm = {"low": f"{low:g}", "high": f"{high:g}"}
        rows.append(_cells([
            (tr("panel.reading.corners"), f"{smile.mouth_corner_deg:.0f}°",
             tr("panel.reading.corners_help", **norm)),
            (tr("panel.reading.eyes"), f"{100 * smile.eye_involvement:.0f}%", tr("panel.reading.eyes_help")),
            (tr("panel.reading.symmetry"), f"{100 * smile.symmetry:.0f}%", tr("panel.reading.symmetry_help")),
        ]))
        verdict = corner_verdict(smile.mouth_corner_deg, low, high)
        rows.append(_line(tr("panel.reading.smile_kind"), tr(f"panel.smile_kind.{smile_kind(state, record)}"),
                          tr(f"panel.corner_verdict.{verdict}", **norm)))
    else:
        rows.append(_line(tr("panel.reading.smile_kind"), tr("panel.reading.no_face")))
    issues = posture_issues(record.posture)
    rows.append(_line(tr("panel.reading.posture"), posture_text(record.posture, state),
                      tr("panel.reading.posture_faults", faults=", ".join(issues)) if issues else ""))
    rows.append(_line(tr("service.live.label"), service_text(state)))
    speed = tr("panel.live.speed", fps=f"{stats.fps:.1f}", latency=f"{stats.latency_ms:.0f}",
               analysis=f"{stats.analysis_ms:.0f}")
    if baseline:
        rows.append(f'<div style="{_SMALL};margin-top:.6rem">{escape(baseline)}</div>')
    rows.append(f'<div style="{_SMALL};margin-top:.3rem">{escape(speed)}</div>')
    p95 = getattr(stats, "latency_p95_ms", 0.0)  # for the browser test's figures; not shown
    return f'<div data-testid="coach-readings" data-latency-p95-ms="{p95:.0f}">{"".join(rows)}</div>'


def service_text(state: Any) -> str:
    """Serving a customer now (with the service's eye contact so far), or not; customers served."""
    served = tr("service.live.served", count=int(getattr(state, "served_count", 0) or 0))
    if not getattr(state, "serving", False):
        return f"{tr('service.live.not_serving')} · {served}"
    share = getattr(state, "service_eye_contact_share", None)
    now = tr("service.live.serving") if share is None else \
        tr("service.live.serving_eye", value=f"{100 * share:.0f}%")
    return f"{now} · {served}"


def _cells(cells: list[tuple[str, str, str]]) -> str:
    inner = "".join(
        f'<div style="{_CELL}" title="{escape(help_text, quote=True)}">'
        f'<div style="{_LABEL}">{escape(label)}{" ⓘ" if help_text else ""}</div>'
        f'<div style="{_VALUE}">{escape(value)}</div></div>'
        for label, value, help_text in cells
    )
    return f'<div style="display:flex;gap:.8rem;margin-bottom:.7rem">{inner}</div>'


def _line(label: str, value: str, note: str = "") -> str:
    small = f'<div style="{_SMALL}">{escape(note)}</div>' if note else ""
    return f'<div style="margin-bottom:.6rem"><b>{escape(label)}</b>: {escape(value)}{small}</div>'
