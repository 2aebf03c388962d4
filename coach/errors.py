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

    @property
    def code(self) -> str:
        """The same as `key`: what the message is, for code that checks which problem it was."""
        return self.key

    def message(self, lang: str | None = None) -> str:
        """The line for a person in `lang`; a value that is itself an error with a message (a
        CoachError, a StoreError) is shown in `lang` too."""
        values = {k: _in(v, lang) for k, v in self.values.items()}
        return t(self.key, lang, **values)

    def __str__(self) -> str:
        return self.message()


def _in(value: object, lang: str | None) -> object:
    message = getattr(value, "message", None)
    return message(lang) if callable(message) else value


class OptionsError(CoachError, ValueError):
    """Options outside their allowed range (e.g. `AnalyzerOptions(pose_max_fps=0)`)."""
