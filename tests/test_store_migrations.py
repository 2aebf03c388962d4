"""The schema is created, stamped and brought forward by the app itself, one transaction per step,
identically on SQLite and PostgreSQL; a database newer than the program is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select, text

from coach.store import Store, StoreError, migrations
from coach.store.schema import metadata, schema_version

pytest_plugins = ("store_pg",)


def _version_rows(store) -> list[int]:
    with store.reading() as conn:
        return [
            row.version for row in conn.execute(select(schema_version).order_by(schema_version.c.version))
        ]


def test_a_new_database_gets_every_table_and_the_latest_stamp_once(db_url):
    with Store(db_url) as store:
        assert _version_rows(store) == [migrations.LATEST]
        with store.reading() as conn:
            inspector = inspect(conn)
            found = {
                name: {c["name"] for c in inspector.get_columns(name)} for name in inspector.get_table_names()
            }
    assert found == {name: {c.name for c in table.columns} for name, table in metadata.tables.items()}
    with Store(db_url) as again:
        assert _version_rows(again) == [migrations.LATEST]


def test_an_older_database_is_brought_forward_step_by_step(db_url, monkeypatch):
    Store(db_url).close()
    applied = []

    def add_notes(conn) -> None:
        conn.execute(text("ALTER TABLE people ADD COLUMN notes VARCHAR(200)"))
        applied.append(2)

    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    monkeypatch.setitem(migrations.STEPS, migrations.LATEST, ("people get notes", add_notes))
    with Store(db_url) as store:
        assert _version_rows(store) == [migrations.LATEST - 1, migrations.LATEST]
        with store.reading() as conn:
            assert "notes" in {c["name"] for c in inspect(conn).get_columns("people")}
    Store(db_url).close()
    assert applied == [2]


def test_a_failing_step_leaves_the_schema_as_it_was(db_url, monkeypatch):
    Store(db_url).close()

    def half_done(conn) -> None:
        conn.execute(text("CREATE TABLE half_done (x INTEGER)"))
        raise RuntimeError("step failed")

    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    monkeypatch.setitem(migrations.STEPS, migrations.LATEST, ("breaks", half_done))
    with pytest.raises(RuntimeError):
        Store(db_url)
    monkeypatch.undo()
    with Store(db_url) as store:
        assert _version_rows(store) == [migrations.LATEST]
        with store.reading() as conn:
            assert not inspect(conn).has_table("half_done")


def test_a_database_newer_than_the_program_is_refused(db_url):
    with Store(db_url) as store, store.writing() as conn:
        conn.execute(
            schema_version.insert().values(
                version=migrations.LATEST + 5, description="future", applied_at=func.now()
            )
        )
    with pytest.raises(StoreError) as newer:
        Store(db_url)
    assert newer.value.key == "store.error.schema_newer" and str(
        migrations.LATEST + 5
    ) in newer.value.message("en")


def test_sqlite_is_in_wal_mode_with_foreign_keys(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'c.db'}") as store, store.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_default_database_is_a_file_in_the_users_data_folder(tmp_path, monkeypatch):
    from coach.store import default_url

    monkeypatch.delenv("COACH_DB_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    assert default_url() == f"sqlite:///{tmp_path / 'data' / 'coach.db'}"
    with Store() as store:
        assert (tmp_path / "data" / "coach.db").exists() and store.dialect == "sqlite"
    monkeypatch.setenv("COACH_DB_URL", "postgresql://u@h/db")
    assert default_url() == "postgresql://u@h/db"


def test_bad_urls_get_a_message_that_says_what_to_write():
    with pytest.raises(StoreError) as bad:
        Store("not a url")
    assert "postgresql://" in bad.value.message("en")
    with pytest.raises(StoreError) as other:
        Store("mysql://u@h/db")
    assert other.value.key == "store.error.unsupported_db"
