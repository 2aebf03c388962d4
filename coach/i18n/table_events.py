"""Readable forms of the codes that events carry in their detail (events.csv, panel, reports)."""

STRINGS: dict[str, dict[str, str]] = {
    "event.detail.none": {"zh-CN": "未微笑", "en": "no smile"},
    "event.detail.mouth_only": {"zh-CN": "仅嘴角", "en": "mouth-only"},
    "event.detail.genuine": {"zh-CN": "真诚", "en": "genuine"},
    "event.detail.after_postpone": {"zh-CN": "推迟之后", "en": "after a postpone"},
    "event.detail.minutes": {"zh-CN": "{minutes} 分钟", "en": "{minutes} min"},
    "event.detail.list_separator": {"zh-CN": "、", "en": ", "},
}
