"""Strings of the library core (coach.core, coach.review, coach.batch) that wrap another message."""

STRINGS: dict[str, dict[str, str]] = {
    "batch.error.store": {"zh-CN": "{problem}", "en": "{problem}"},
}
