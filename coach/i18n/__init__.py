"""The one translation table for every user-facing string, zh-CN (default) and en.

Each area of the product keeps its strings in its own module (`coach/i18n/table_<area>.py`,
a dict named STRINGS of key -> {"zh-CN": ..., "en": ...}) so that areas can grow without
editing each other's lines; they are merged here into one table, and a key defined twice
is an error at import. `tests/test_i18n.py` fails when any key lacks a language.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES: tuple[str, ...] = ("zh-CN", "en")
DEFAULT_LANGUAGE = "zh-CN"


def _load_table() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module_info.name.startswith("table_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for key, texts in module.STRINGS.items():
            if key in table:
                raise ValueError(f"translation key {key!r} is defined twice ({module_info.name})")
            table[key] = texts
    return table


TABLE: dict[str, dict[str, str]] = _load_table()


# The language of the document being made (see `language`): set once by the outermost call that
# makes something for a person to read (an export), so the helpers below it take no `lang`.
_DOCUMENT_LANGUAGE: ContextVar[str | None] = ContextVar("coach_document_language", default=None)


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Within the block, `t(key)` without a language speaks `lang` (this thread / task only)."""
    token = _DOCUMENT_LANGUAGE.set(resolve_language(lang))
    try:
        yield _DOCUMENT_LANGUAGE.get()
    finally:
        _DOCUMENT_LANGUAGE.reset(token)


def resolve_language(lang: str | None = None) -> str:
    """The language to use: the argument, else the enclosing `language(...)` block's, else
    COACH_LANG, else zh-CN."""
    chosen = lang or _DOCUMENT_LANGUAGE.get() or os.environ.get("COACH_LANG") or DEFAULT_LANGUAGE
    if chosen.lower().startswith("zh"):
        return "zh-CN"
    if chosen.lower().startswith("en"):
        return "en"
    raise ValueError(f"unsupported language {chosen!r}; use one of {', '.join(LANGUAGES)}")


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `values`."""
    try:
        text = TABLE[key][resolve_language(lang)]
    except KeyError as missing:
        raise KeyError(f"no translation for {key!r}") from missing
    return text.format(**values) if values else text
