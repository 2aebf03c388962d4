"""The frame around every page: page set-up, the sidebar (language, person, quiet mode, sound,
eco mode, thresholds) and the navigation between the live, review and reports pages."""

from __future__ import annotations

import contextlib
import importlib.util
from pathlib import Path

import streamlit as st

from coach.i18n import LANGUAGES, resolve_language
from coach.panel import common
from coach.panel.common import (
    ECO_KEY,
    LANG_KEY,
    PERSON_KEY,
    QUIET_KEY,
    SETTINGS_VERSION_KEY,
    SOUND_KEY,
    STORE_KEY,
    labels_of,
    tr,
)
from coach.person import DEFAULT_PERSON, PersonError, check_person, load_preferences, save_preferences

PAGES_DIR = Path(__file__).parent / "pages"
LOADED_KEY = "panel_profile_loaded"
PROFILE_ERROR_KEY = "panel_profile_error"


def run() -> None:
    """Render the sidebar and the chosen page. Called by app.py on every script run."""
    if LOADED_KEY not in st.session_state:
        st.session_state[PERSON_KEY] = DEFAULT_PERSON
        _load_person()
        st.session_state[ECO_KEY] = common.eco_on()  # this machine's default (COACH_MAX_FPS)
        st.session_state[LOADED_KEY] = True
    st.set_page_config(page_title=tr("app.title"), page_icon=":material/sentiment_satisfied:", layout="wide")
    page = st.navigation(_pages())
    _sidebar()
    from coach.panel.uploader_text import uploader_style

    st.html(uploader_style(common.lang()))
    page.run()


def _pages() -> list:
    pages = [
        st.Page(PAGES_DIR / "live.py", title=tr("panel.nav.live"), icon=":material/videocam:", default=True),
        st.Page(PAGES_DIR / "review.py", title=tr("panel.nav.review"), icon=":material/movie:"),
    ]
    if _module_available("coach.panel.calibration_page"):
        pages.append(st.Page(PAGES_DIR / "calibration.py", title=tr("panel.nav.calibration"),
                             icon=":material/tune:"))
    pages.append(st.Page(PAGES_DIR / "thresholds.py", title=tr("panel.nav.thresholds"),
                         icon=":material/settings:"))
    if reports_available():
        pages.append(
            st.Page(PAGES_DIR / "reports.py", title=tr("panel.nav.reports"), icon=":material/bar_chart:")
        )
    return pages


def reports_available() -> bool:
    """The reports page exists once the store's page module and the store itself are installed."""
    return _module_available("coach.panel.reports_page") and _module_available("coach.store")


def _module_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _sidebar() -> None:
    with st.sidebar:
        st.title(tr("app.title"))
        st.selectbox(
            tr("panel.sidebar.language"),
            LANGUAGES,
            key=LANG_KEY,
            format_func=labels_of({code: tr(f"panel.language.{code}") for code in LANGUAGES}),
            on_change=_language_changed,
        )
        st.text_input(
            tr("panel.sidebar.person"),
            key=PERSON_KEY,
            help=tr("panel.sidebar.person_help"),
            on_change=_load_person,
        )
        if st.session_state.get(PROFILE_ERROR_KEY):
            st.error(st.session_state[PROFILE_ERROR_KEY])
        st.toggle(tr("panel.sidebar.quiet"), key=QUIET_KEY, help=tr("panel.sidebar.quiet_help"),
                  on_change=_save_preferences)
        st.toggle(tr("panel.sidebar.sound"), key=SOUND_KEY, help=tr("panel.sidebar.sound_help"),
                  on_change=_save_preferences)
        eco_fps = f"{common.eco_rate():g}"
        st.toggle(tr("panel.sidebar.eco"), key=ECO_KEY, help=tr("panel.sidebar.eco_help", fps=eco_fps))
        bad_setting = common.machine_max_fps()[1]
        if bad_setting is not None:
            st.caption(tr("panel.sidebar.eco_bad_setting", value=bad_setting, fps=eco_fps))
        from coach.panel.store_bridge import store_installed

        if store_installed():
            if STORE_KEY not in st.session_state:
                st.session_state[STORE_KEY] = common.store_default()
            st.toggle(tr("panel.sidebar.store"), key=STORE_KEY, help=tr("panel.sidebar.store_help"),
                      on_change=_save_preferences)


def _load_person() -> None:
    """Switch to the person typed in the sidebar: their saved thresholds and preferences."""
    from coach.settings import Settings

    st.session_state[PROFILE_ERROR_KEY] = None
    lang = st.session_state.get(LANG_KEY)
    try:
        name = check_person(st.session_state.get(PERSON_KEY, ""))
        profile = load_preferences(name)
        settings = Settings.from_dict(profile.settings) if profile.settings else Settings()
    except PersonError as problem:
        st.session_state[PROFILE_ERROR_KEY] = tr("panel.profile.not_loaded", error=problem.message(lang))
        return
    except (ValueError, TypeError) as problem:
        st.session_state[PROFILE_ERROR_KEY] = tr("panel.profile.not_loaded", error=str(problem))
        return
    st.session_state[PERSON_KEY] = name
    st.session_state[common.SETTINGS_KEY] = settings
    st.session_state[SETTINGS_VERSION_KEY] = st.session_state.get(SETTINGS_VERSION_KEY, 0) + 1
    prefs = profile.preferences
    if prefs.get("language"):
        with contextlib.suppress(ValueError):
            st.session_state[LANG_KEY] = resolve_language(prefs["language"])
    st.session_state[QUIET_KEY] = bool(prefs.get("quiet", st.session_state.get(QUIET_KEY, False)))
    st.session_state[SOUND_KEY] = bool(prefs.get("sound", st.session_state.get(SOUND_KEY, False)))
    keep = st.session_state.get(STORE_KEY, common.store_default())
    st.session_state[STORE_KEY] = bool(prefs.get("store", keep))


def save_current_profile() -> None:
    """Write the person's thresholds and preferences (called on Save and on preference changes)."""
    try:
        name = check_person(common.person())
        profile = load_preferences(name)
    except PersonError as problem:
        st.session_state[PROFILE_ERROR_KEY] = problem.message(common.lang())
        return
    profile.settings = common.settings().to_dict()
    profile.preferences.update(language=common.lang(), quiet=common.quiet(), sound=common.sound_on(),
                               store=common.store_on())
    try:
        save_preferences(profile)
    except PersonError as problem:
        detail = problem.values.get("error", "")
        st.session_state[PROFILE_ERROR_KEY] = tr("panel.profile.not_saved", error=detail)


def _save_preferences() -> None:
    save_current_profile()


# Choice widgets whose shown options are translated. Streamlit keeps a choice by its shown text,
# and the browser sends the old text once more after a language switch, which the new labels
# would not recognise; pinning each value here (it is still read with the old labels) keeps it.
TRANSLATED_CHOICES = ("live_source", "live_file_choice", "review_rate", "review_jump_")


def _language_changed() -> None:
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(TRANSLATED_CHOICES):
            st.session_state[key] = st.session_state[key]
    save_current_profile()
