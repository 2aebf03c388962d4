"""Strings shared by every part of the product."""

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"zh-CN": "服务礼仪教练", "en": "Service Coach"},
    "cli.description": {
        "zh-CN": "服务礼仪教练:微笑、坐姿站姿与工间休息",
        "en": "Service coach: smile, sitting and standing posture, and breaks",
    },
    "error.prefix": {"zh-CN": "错误", "en": "Error"},
}
