"""What every page of the panel shares: the language, the person, their settings and preferences.

All of it lives in `st.session_state` (one browser session = one person at one window), never in
module globals, so two browsers on one server never see each other's state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from coach.i18n import TABLE, resolve_language, t

LANG_KEY = "panel_lang"
PERSON_KEY = "panel_person"
QUIET_KEY = "panel_quiet"
SOUND_KEY = "panel_sound"
STORE_KEY = "panel_store"
ECO_KEY = "panel_eco"  # eco mode: live sessions started now analyse at most a few frames a second
SETTINGS_KEY = "panel_settings"  # the engine's Settings object in force for this session
SETTINGS_VERSION_KEY = "panel_settings_version"  # bumped when the settings form must be rebuilt


def lang() -> str:
    """The language chosen in the sidebar (zh-CN until someone picks another)."""
    chosen = st.session_state.get(LANG_KEY)
    return resolve_language(chosen) if chosen else resolve_language()


def tr(key: str, **values: object) -> str:
    """`coach.i18n.t` in the page's current language."""
    return t(key, lang(), **values)


def tr_optional(key: str, fallback: str, **values: object) -> str:
    """A translation when the table has `key`, else `fallback` (for names other areas own)."""
    return t(key, lang(), **values) if key in TABLE else fallback


def labels_of(labels: dict) -> Callable[[Any], str]:
    """A widget's format_func with its labels fixed now, in this run's language.

    Streamlit may call format_func later, outside the script run (AppTest does), where the
    session's language cannot be read; translating up front keeps the labels right.
    """
    return lambda option: labels.get(option, str(option))


def person() -> str:
    from coach.person import DEFAULT_PERSON

    return st.session_state.get(PERSON_KEY) or DEFAULT_PERSON


def quiet() -> bool:
    return bool(st.session_state.get(QUIET_KEY, False))


def sound_on() -> bool:
    return bool(st.session_state.get(SOUND_KEY, False))


def store_on() -> bool:
    """Whether live sessions go to the store: the person's choice, else `store_default()`."""
    return bool(st.session_state.get(STORE_KEY, store_default()))


def store_default() -> bool:
    """On when this workstation can write: it holds a credential (COACH_TOKEN or its token file).

    Without one every write would be refused, so a first run on a fresh machine starts with the
    figures kept in the session only, instead of greeting a clerk with a credential error."""
    import os

    from coach.store.credentials import ENV_TOKEN, token_file

    return bool(os.environ.get(ENV_TOKEN)) or token_file().exists()


def machine_max_fps() -> tuple[float | None, str | None]:
    """This machine's live analysis rate from COACH_MAX_FPS (None: every frame), and the setting's
    text when it cannot be read (then every frame, and the sidebar says why)."""
    import os

    from coach.vision.pacer import MAX_FPS_ENV, configured_max_fps

    try:
        return configured_max_fps(), None
    except ValueError:
        return None, os.environ.get(MAX_FPS_ENV, "")


def eco_rate() -> float:
    """Frames a second in eco mode: COACH_MAX_FPS when it names a rate, else the eco default."""
    from coach.vision.pacer import ECO_MAX_FPS

    return machine_max_fps()[0] or ECO_MAX_FPS


def eco_on() -> bool:
    """Eco mode for the live sessions this browser starts: the sidebar's switch, which starts on
    when this machine is set to a capped rate (COACH_MAX_FPS=eco or a number)."""
    if ECO_KEY not in st.session_state:
        return machine_max_fps()[0] is not None
    return bool(st.session_state[ECO_KEY])


def live_max_fps() -> float | None:
    """Frames analysed per second by a live session starting now (None: every frame)."""
    return eco_rate() if eco_on() else None


def settings() -> Any:
    """The engine Settings for this session (the person's saved ones, else the defaults)."""
    current = st.session_state.get(SETTINGS_KEY)
    if current is None:
        from coach.settings import Settings

        current = Settings()
        st.session_state[SETTINGS_KEY] = current
    return current


def clock(seconds: float | None) -> str:
    """m:ss (or h:mm:ss) for countdowns and timestamps; '—' when unknown."""
    if seconds is None:
        return "—"
    whole = max(0, int(round(seconds)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
