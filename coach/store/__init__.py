"""Sessions, people and reports, stored as numbers only (never pictures).

    store = open_store()                      # COACH_DB_URL, else SQLite in the user's data folder
    with StoreSink(store, "0042", source="webcam:0") as sink:   # a SessionWriter on its own thread
        for step in ...:                       # the engine's steps: their credits and events
            sink.add(step)
        sink.add_events(engine.finish(t))
        sink.close(summary=engine.summary())
    login = access.login(store, "sup1", password)
    name, mime, data = export_bytes(store, login, Scope.team("A"), start, end, "pdf")

See db.py (engine, WAL), schema.py (tables), migrations.py, writer.py, access.py,
summaries.py, exports.py, sync.py, sink.py.
"""

from coach.store.access import (
    Login,
    Scope,
    User,
    add_person,
    authenticate,
    authorize,
    create_first_admin,
    has_admin,
    login,
    logout,
    set_password,
    visible_scopes,
)
from coach.store.db import Store, data_dir, default_url
from coach.store.errors import AccessDenied, LoginFailed, StoreBusy, StoreError, StoreFull
from coach.store.exports import FORMATS, export_bytes, export_file
from coach.store.people import (
    Person,
    get_person,
    latest_profile,
    list_people,
    list_teams,
    require_person,
    save_profile,
)
from coach.store.sink import StoreSink
from coach.store.summaries import Figures, Report, build_report
from coach.store.sync import SyncResult, sync
from coach.store.writer import SessionWriter


def open_store(url: str | None = None) -> Store:
    """The coach database (created and migrated as needed)."""
    return Store(url)


__all__ = [
    "FORMATS",
    "AccessDenied",
    "Figures",
    "Login",
    "LoginFailed",
    "Person",
    "Report",
    "Scope",
    "SessionWriter",
    "StoreSink",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreFull",
    "SyncResult",
    "User",
    "add_person",
    "authenticate",
    "authorize",
    "build_report",
    "create_first_admin",
    "data_dir",
    "default_url",
    "require_person",
    "export_bytes",
    "export_file",
    "get_person",
    "has_admin",
    "latest_profile",
    "list_people",
    "list_teams",
    "login",
    "logout",
    "open_store",
    "save_profile",
    "set_password",
    "sync",
    "visible_scopes",
]
