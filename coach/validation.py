"""Range checks for settings dataclasses, with the translated one-line error the user sees.

Pure stdlib (plus the translation table), so `coach.rules` and `coach.trackers` may use it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Collection, Mapping

from coach.i18n import t


def check_range(name: str, value: object, low: float, high: float) -> None:
    """Raise ValueError naming `name`, its value and the allowed range unless low <= value <= high."""
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(float(value)):
        raise ValueError(t("settings.not_a_number", name=name, value=repr(value)))
    if not low <= float(value) <= high:
        raise ValueError(t("settings.out_of_range", name=name, value=value, low=f"{low:g}", high=f"{high:g}"))


def check_ranges(
    settings: object,
    area: str,
    ranges: Mapping[str, tuple[float, float]],
    whole_numbers: Collection[str] = (),
) -> None:
    """Check every numeric field of a settings dataclass against `ranges` (field -> (low, high)).

    Fields named in `whole_numbers` must also be whole (a count). A numeric field without a
    range is a programming error, so it fails loudly too.
    """
    for item in dataclasses.fields(settings):  # type: ignore[arg-type]
        value = getattr(settings, item.name)
        if isinstance(value, bool):
            continue
        if item.name not in ranges:
            raise AssertionError(f"{area}.{item.name} has no allowed range")
        check_range(f"{area}.{item.name}", value, *ranges[item.name])
        if item.name in whole_numbers and not float(value).is_integer():  # type: ignore[arg-type]
            raise ValueError(t("settings.not_whole", name=f"{area}.{item.name}", value=value))
