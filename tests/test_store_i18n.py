"""Every store string the code asks for exists in both languages (static keys found in the
source, and the keys built from column, event, format and role names)."""

from __future__ import annotations

import re
from pathlib import Path

from coach.i18n import TABLE
from coach.store.exports import COLUMNS, FORMATS
from coach.store.schema import ROLES
from coach.vocabulary import BREAK_KINDS

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    *sorted((ROOT / "coach" / "store").glob("*.py")),
    ROOT / "coach" / "cli" / "export.py",
    ROOT / "coach" / "cli" / "admin.py",
    ROOT / "coach" / "cli" / "sync.py",
    ROOT / "coach" / "panel" / "reports_page.py",
]


def test_every_static_store_key_in_the_code_is_in_the_table():
    used = set()
    for path in SOURCES:
        used |= set(re.findall(r"[\"'](store\.[a-z_]+\.[a-z_.]+)[\"']", path.read_text(encoding="utf-8")))
    assert len(used) > 100
    assert sorted(key for key in used if key not in TABLE) == []


def test_the_keys_built_from_names_exist():
    built = (
        [f"store.col.{key}" for key, _, _ in COLUMNS if key not in BREAK_KINDS]
        + [f"store.col.{key}" for key in ("staff_id", "name", "team", "day", "top_faults")]
        + [f"store.page.download_{fmt}" for fmt in FORMATS]
        + [f"store.role.{role}" for role in ROLES]
    )
    assert [key for key in built if key not in TABLE] == []
