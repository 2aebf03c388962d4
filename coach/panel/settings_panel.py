"""The thresholds page: every number of the engine's Settings, editable and saved per person.

The form is built from the Settings dataclasses themselves, so a threshold the engine gains
appears here without a panel change (its label comes from the translation table; a test
fails when one is missing). Values are checked by `Settings.from_dict`, whose error names
the allowed range; nothing is applied until it passes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import streamlit as st

from coach.panel import common
from coach.panel.common import SETTINGS_VERSION_KEY, tr

SAVED_FLASH_KEY = "panel_settings_saved"
ERROR_KEY = "panel_settings_error"


def editable_fields(settings: Any) -> list[tuple[str, str, Any]]:
    """(area, name, current value) for every number or on/off switch of the Settings."""
    found = []
    for area_field in dataclasses.fields(settings):
        area = getattr(settings, area_field.name)
        if not dataclasses.is_dataclass(area):
            continue
        for item in dataclasses.fields(area):
            value = getattr(area, item.name)
            if isinstance(value, bool | int | float):
                found.append((area_field.name, item.name, value))
    return found


def label_key(area: str, name: str) -> str:
    return f"panel.setting.{area}.{name}"


def render_settings(save_profile: Callable[[], None]) -> None:
    """The thresholds page: the form; `save_profile` writes the person's profile after a Save or a
    Reset (the shell's, passed in so that this module does not import the shell that imports it).

    A page of its own rather than the sidebar: the sidebar is drawn with every page, and the
    browser redraws all of it at each refresh of the live readings. With this form's fifty fields
    in it, each redraw held the browser's page for about 70 ms on a 2-core machine, and the
    readings refreshed every 0.2 s instead of every 0.1 s.
    """
    current = common.settings()
    version = st.session_state.get(SETTINGS_VERSION_KEY, 0)
    st.title(tr("panel.settings.title"))
    st.caption(tr("panel.settings.caption", person=common.person()))
    with st.form(f"panel_settings_form_{version}", border=False):
        values: dict[str, dict[str, Any]] = {}
        last_area = None
        for area, name, value in editable_fields(current):
            if area != last_area:
                st.markdown(f"**{tr(f'panel.settings.area.{area}')}**")
                last_area = area
            key = f"panel_set_{version}_{area}_{name}"
            label = tr(label_key(area, name))
            if isinstance(value, bool):
                chosen = st.checkbox(label, value=value, key=key)
            elif isinstance(value, int):
                chosen = st.number_input(label, value=value, step=1, key=key)
            else:
                chosen = st.number_input(
                    label, value=float(value), step=_step(value), format="%g", key=key
                )
            values.setdefault(area, {})[name] = chosen
        saved = st.form_submit_button(
            tr("panel.settings.save"), type="primary", key="panel_settings_save"
        )
    if saved:
        _apply(values, save_profile)
    if st.button(tr("panel.settings.reset"), key=f"panel_settings_reset_{version}"):
        _reset(save_profile)
    if st.session_state.get(ERROR_KEY):
        st.error(st.session_state[ERROR_KEY])
    if st.session_state.pop(SAVED_FLASH_KEY, False):
        st.success(tr("panel.settings.saved"))


def _step(value: float) -> float:
    magnitude = abs(value)
    if magnitude >= 100:
        return 5.0
    if magnitude >= 10:
        return 1.0
    if magnitude >= 1:
        return 0.1
    return 0.01


def _apply(values: dict[str, dict[str, Any]], save_current_profile: Callable[[], None]) -> None:
    from coach.settings import Settings

    merged = common.settings().to_dict()
    for area, changes in values.items():
        merged.setdefault(area, {}).update(changes)
    try:
        updated = Settings.from_dict(merged)
    except (ValueError, TypeError) as problem:
        st.session_state[ERROR_KEY] = tr("panel.settings.invalid", error=str(problem))
        return
    st.session_state[ERROR_KEY] = None
    st.session_state[common.SETTINGS_KEY] = updated
    save_current_profile()
    st.session_state[SAVED_FLASH_KEY] = True
    st.rerun()


def _reset(save_current_profile: Callable[[], None]) -> None:
    from coach.settings import Settings

    st.session_state[common.SETTINGS_KEY] = Settings()
    st.session_state[SETTINGS_VERSION_KEY] = st.session_state.get(SETTINGS_VERSION_KEY, 0) + 1
    st.session_state[ERROR_KEY] = None
    save_current_profile()
    st.session_state[SAVED_FLASH_KEY] = True
    st.rerun()
