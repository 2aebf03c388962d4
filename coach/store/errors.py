"""The store's errors: each carries a translation key, so every message reaches the user in their
language and says what went wrong and what to do.

`classify()` turns a database driver's exception into one of these, telling the transient
troubles a writer should retry (a locked database, a full disk, a server that went away) from
the ones it should not.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import exc as sa_exc

from coach.errors import CoachError


class StoreError(CoachError):
    """A store problem: a translation key and its values (`message(lang)` for a person).
    `transient` ones are worth retrying."""

    transient = False


class StoreBusy(StoreError):
    """The database is locked by another writer, or the server is unreachable: retry later."""

    transient = True


class StoreFull(StoreError):
    """The disk (or the server's disk) is full: retry after space is freed."""

    transient = True


class AccessDenied(StoreError):
    """The logged-in person may not see or do this."""


class LoginFailed(StoreError):
    """Wrong staff id or password, a locked or inactive account, or an expired login."""


def classify(error: BaseException) -> StoreError:
    """The StoreError matching a driver exception (the original exception stays chained)."""
    if isinstance(error, StoreError):
        return error
    original = getattr(error, "orig", None) or error
    detail = _one_line(original)
    if isinstance(original, sqlite3.Error):
        name = getattr(original, "sqlite_errorname", "") or ""
        text = str(original).lower()
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
            return StoreBusy("store.error.locked", detail=detail)
        if name.startswith("SQLITE_FULL") or "disk is full" in text:
            return StoreFull("store.error.disk_full", detail=detail)
        if name.startswith("SQLITE_READONLY") or "readonly" in text:
            return StoreError("store.error.read_only", detail=detail)
        if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
            return StoreError("store.error.cannot_open", detail=detail)
        if name.startswith("SQLITE_IOERR"):
            return StoreBusy("store.error.io", detail=detail)
    sqlstate = getattr(original, "sqlstate", None) or ""
    if sqlstate.startswith("53"):  # insufficient resources: disk full, out of memory, too many connections
        return (
            StoreFull("store.error.disk_full", detail=detail)
            if sqlstate == "53100"
            else StoreBusy("store.error.server_busy", detail=detail)
        )
    if sqlstate in ("40001", "40P01", "55P03"):  # serialization failure, deadlock, lock not available
        return StoreBusy("store.error.locked", detail=detail)
    if sqlstate.startswith(("08", "57P")) or (
        isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated
    ):
        return StoreBusy("store.error.unavailable", detail=detail)
    if isinstance(error, sa_exc.OperationalError) and not sqlstate:
        # psycopg raises OperationalError without a sqlstate when it cannot connect at all
        return StoreBusy("store.error.unavailable", detail=detail)
    return StoreError("store.error.database", detail=detail)


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:300] if text else type(error).__name__
