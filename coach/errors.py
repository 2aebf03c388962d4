"""Errors that carry a translation key and values, not text: the library never picks a language.

The CLI and the panel turn one into a line for a person with `error.message(lang)`; `str(error)`
gives it in the process's language (COACH_LANG, else Chinese), for logs and tracebacks.
"""

from __future__ import annotations

from coach.i18n import t


class CoachError(Exception):
    """A problem a person should read: `key` names the text in the translation table."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        """The line for a person in `lang`; a value that is itself a CoachError is shown in it too."""
        values = {k: v.message(lang) if isinstance(v, CoachError) else v for k, v in self.values.items()}
        return t(self.key, lang, **values)

    def __str__(self) -> str:
        return self.message()
