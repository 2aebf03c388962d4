"""A service event's moments in words, for events.csv and the panel's event list."""

from __future__ import annotations

from coach.i18n import TABLE, t
from coach.trackers.service import ServiceMoments


def service_detail(text: str, lang: str | None = None) -> str:
    """"source=talk;greeted=1;gaze_s=40.0;eye_s=30.0;smile=genuine" → "seen from talking ·
    greeted with a smile · eye contact 75% · genuine smile" (in `lang`)."""
    moments = ServiceMoments.from_detail(text)
    source = moments.source if moments.source in ("talk", "hook") else "talk"
    parts = [t(f"service.detail.source.{source}", lang),
             t("service.detail.greeted" if moments.greeted else "service.detail.not_greeted", lang)]
    share = moments.eye_contact_share
    if share is not None:
        parts.append(t("service.detail.eye_contact", lang, value=f"{100 * share:.0f}%"))
    kind = f"event.detail.{moments.smile_kind}"  # the smile kinds' names (coach.vocabulary)
    if moments.smile_kind != "none" and kind in TABLE:
        parts.append(t(kind, lang))
    return " · ".join(parts)
