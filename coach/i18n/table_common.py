"""Strings shared by every part of the product."""

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"zh-CN": "服务礼仪教练", "en": "Service Coach"},
    "error.prefix": {"zh-CN": "错误", "en": "Error"},
}
