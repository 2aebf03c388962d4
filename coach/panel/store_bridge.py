"""Hands live sessions to the store (coach.store) when it is installed; the panel works without it.

The session's numbers (per-minute rows, events, the summary) go in as the session runs, through
a StoreSink: the frame thread only hands steps over, the database is written on the sink's own
thread, under this workstation's credential (coach.store.credentials; without one nothing is
saved and the page says how to get one), for a person an admin or supervisor has added. A store
problem never stops the
coaching: it is reported on the page as one translated line.
"""

from __future__ import annotations

from collections.abc import Callable
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


def shared_store() -> Any:
    """The Store for this server's database (COACH_DB_URL, else the local SQLite file)."""
    from coach.store.db import default_url

    return _store_for(default_url())


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Any:
    """One Store (one connection pool) per database for the whole server."""
    from coach.store.db import Store

    return Store(url)


WriterOpener = Callable[[], tuple[Any, str | None]]


def writer_opener(person: str, source: str, settings: Any, lang: str | None) -> WriterOpener:
    """A function that opens the session in the store; the worker calls it at its first frame,
    on its own thread, so a session that never saw a frame leaves nothing behind.

    It returns (a StoreSink or None, a translated note for the page or None).
    """
    if not store_installed():
        return lambda: (None, None)
    from coach.store.errors import StoreError
    from coach.store.sink import StoreSink

    try:
        store = shared_store()  # here, on the script thread: st.cache_resource lives there
    except StoreError as problem:
        note = t("panel.store.not_saving", lang, error=problem.message(lang))
        return lambda: (None, note)

    def open_now() -> tuple[Any, str | None]:
        # returns at once: the identity, the person and the session are checked and written on the
        # sink's thread, under the workstation's credential (COACH_TOKEN or its token file)
        sink = StoreSink(store, person, source=source, settings=settings.to_dict(), before=_identify)
        return sink, None

    return open_now


def day_opener(person: str) -> Callable[[], Any] | None:
    """A function that opens the person's break clock of today (coach.store.day_state.BreakDay);
    None without a store. Called at the session's first frame, like `writer_opener`'s.

    Independent of "keep session figures" and of the workstation's credential: the clock holds
    no figures for reports, only the clerk's own worked time since the last break, and it must
    survive a page reload on a machine that keeps nothing else."""
    if not store_installed():
        return None
    from coach.store.day_state import BreakDay
    from coach.store.errors import StoreError

    try:
        store = shared_store()  # on the script thread, where st.cache_resource lives
    except StoreError:
        return None  # the page already says why the store cannot be opened, when figures are kept
    return lambda: BreakDay(store, person)


def _identify(store, person: str) -> dict:
    """Who records (this workstation's credential) and whether they may record `person`; the
    SessionWriter option that attributes the session to them. StoreError otherwise."""
    from coach.store.credentials import writing_author

    author = writing_author(store)
    author.check_may_record(store, person)
    return {"recorded_by": author.label}


def close_writer(writer: Any, summary: dict, lang: str | None) -> str | None:
    """Write the summary and close; a translated note saying where it went, or what failed."""
    if writer is None:
        return None
    from coach.store.errors import StoreError

    try:
        writer.close(summary)
    except StoreError as problem:
        return t("panel.store.not_saved", lang, error=problem.message(lang))
    return t("panel.store.saved", lang, where=place(writer.store, lang))


def place(store: Any, lang: str | None) -> str:
    """Where the figures went, in words a clerk reads: this computer or the branch's database
    (its host), never the database URL with its file path."""
    if getattr(store, "dialect", "sqlite") == "sqlite":
        return t("day.store.this_computer", lang)
    from sqlalchemy.engine import make_url

    return t("day.store.branch_db", lang, host=make_url(store.url).host or "localhost")
