"""Hands live sessions to the store (coach.store) when it is installed; the panel works without it.

The session's numbers (one row per second, events, the summary) go in as the session runs,
written from the frame worker's thread as the store asks. A store problem never stops the
coaching: it is reported on the page as one translated line.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from coach.i18n import t


def store_installed() -> bool:
    try:
        import coach.store.db  # noqa: F401
        import coach.store.people  # noqa: F401
        import coach.store.writer  # noqa: F401
    except ImportError:
        return False
    return True


@st.cache_resource(show_spinner=False)
def shared_store(url: str | None = None) -> Any:
    """One Store (one connection pool) per database for the whole server."""
    from coach.store.db import Store

    return Store(url)


def open_writer(person: str, source: str, settings: Any, lang: str | None) -> tuple[Any, str | None]:
    """(a SessionWriter or None, a translated note for the page or None)."""
    if not store_installed():
        return None, None
    from coach.store.errors import StoreError
    from coach.store.people import ensure_person
    from coach.store.writer import SessionWriter

    try:
        store = shared_store()
        ensure_person(store, person)
        writer = SessionWriter(store, person, source=source, settings=settings.to_dict())
    except StoreError as problem:
        return None, t("panel.store.not_saving", lang, error=problem.message(lang))
    return writer, None


def close_writer(writer: Any, summary: dict, lang: str | None) -> str | None:
    """Write the summary and close; a translated note saying where it went, or what failed."""
    if writer is None:
        return None
    from coach.store.errors import StoreError

    try:
        writer.close(summary)
    except StoreError as problem:
        return t("panel.store.not_saved", lang, error=problem.message(lang))
    return t("panel.store.saved", lang, where=writer.store.label)
