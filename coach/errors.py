"""Errors that carry a code and values, translated only where a person reads them.

Library code raises `CoachError(code, **values)` (or a subclass); the code is a key of the
translation table (`coach.i18n`). The CLI and the panel call `error.message(lang)` in the
language they show; `str(error)` is the message in the default language (COACH_LANG, else
zh-CN), so logs and older callers still read one sentence.
"""

from __future__ import annotations

from typing import Any


class CoachError(Exception):
    """A problem a user can act on: `code` names the message, `values` fill its placeholders."""

    def __init__(self, code: str, **values: Any) -> None:
        super().__init__(code)
        self.code = code
        self.values = values

    @property
    def key(self) -> str:
        """The translation key (the same as `code`)."""
        return self.code

    def message(self, lang: str | None = None) -> str:
        """The line for a person in `lang`; a value that is itself a CoachError is shown in it too."""
        from coach.i18n import t

        values = {k: v.message(lang) if isinstance(v, CoachError) else v for k, v in self.values.items()}
        return t(self.code, lang, **values)

    def __str__(self) -> str:
        return self.message()


class OptionsError(CoachError, ValueError):
    """Options outside their allowed range (e.g. `AnalyzerOptions(pose_max_fps=0)`)."""
