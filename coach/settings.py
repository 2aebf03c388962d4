"""All of the coach's settings in one object, saved per person as JSON.

`Settings` composes the frozen per-area dataclasses (each validates itself and names the
allowed range when a value is wrong): smile and gaze (coach.rules.smile / coach.rules.gaze),
posture (coach.rules.posture), alerts (coach.trackers.alerts) and breaks
(coach.trackers.breaks). `to_dict()`/`from_dict()` round-trip through JSON; a missing area
or field takes its default, an unknown one is an error (a typo should not pass silently).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from coach.i18n import t
from coach.rules.gaze import GazeSettings
from coach.rules.posture import PostureSettings
from coach.rules.smile import SettingRangeError, SmileSettings
from coach.trackers.alerts import AlertSettings
from coach.trackers.breaks import BreakSettings
from coach.trackers.service import ServiceSettings

AREAS: dict[str, type] = {
    "smile": SmileSettings,
    "gaze": GazeSettings,
    "posture": PostureSettings,
    "alerts": AlertSettings,
    "breaks": BreakSettings,
    "service": ServiceSettings,
}


@dataclass(frozen=True)
class Settings:
    smile: SmileSettings = field(default_factory=SmileSettings)
    gaze: GazeSettings = field(default_factory=GazeSettings)
    posture: PostureSettings = field(default_factory=PostureSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    breaks: BreakSettings = field(default_factory=BreakSettings)
    service: ServiceSettings = field(default_factory=ServiceSettings)

    def __post_init__(self) -> None:
        for name, cls in AREAS.items():
            if not isinstance(getattr(self, name), cls):
                raise ValueError(t("settings.not_a_section", name=name, value=repr(getattr(self, name))))

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Plain JSON-able values, area -> field -> value."""
        return {name: dataclasses.asdict(getattr(self, name)) for name in AREAS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Settings from `to_dict()` output (or a part of it). ValueError, translated, if wrong."""
        if not isinstance(data, dict):
            raise ValueError(t("settings.not_a_section", name="settings", value=repr(data)))
        unknown = sorted(set(data) - set(AREAS))
        if unknown:
            raise ValueError(t("settings.unknown_key", name=", ".join(unknown)))
        return cls(**{name: _area(name, area_cls, data.get(name, {})) for name, area_cls in AREAS.items()})

    def replace(self, area: str, **changes: Any) -> Settings:
        """A copy with some fields of one area changed (validated like from_dict)."""
        merged = self.to_dict()
        merged[area] = {**merged.get(area, {}), **changes}
        return Settings.from_dict(merged)


def _area(name: str, area_cls: type, values: Any) -> Any:
    if not isinstance(values, dict):
        raise ValueError(t("settings.not_a_section", name=name, value=repr(values)))
    known = {item.name: item for item in dataclasses.fields(area_cls)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(t("settings.unknown_key", name=", ".join(f"{name}.{key}" for key in unknown)))
    checked: dict[str, Any] = {}
    for key, value in values.items():
        default = getattr(area_cls(), key)
        full = f"{name}.{key}"
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise ValueError(t("settings.not_a_switch", name=full, value=repr(value)))
        elif isinstance(default, int | float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(t("settings.not_a_number", name=full, value=repr(value)))
            if isinstance(default, int) and float(value).is_integer():
                value = int(value)
        checked[key] = value
    try:
        return area_cls(**checked)
    except SettingRangeError as problem:
        raise ValueError(
            t("settings.out_of_range", name=f"{name}.{problem.field}", value=problem.value,
              low=f"{problem.low:g}", high=f"{problem.high:g}")
        ) from problem
