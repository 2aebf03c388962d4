"""Strings of the clerk's day (the break clock kept across sessions) and of the reports built
on per person-day rollups: the self-check sheet, chart notes, figure definitions."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "day.cli.rebuild_help": {
        "zh-CN": "从分钟数据重新计算报表使用的每人每日汇总(仅管理员)",
        "en": "Recompute the per person-day sums the reports read, from the minute rows (admins only)",
    },
    "day.cli.rebuilt": {
        "zh-CN": "已重新计算 {days} 个人日的汇总({db})。",
        "en": "Recomputed the sums of {days} person-days ({db}).",
    },
    "day.access.admins_only": {
        "zh-CN": "只有管理员可以执行此操作。",
        "en": "Only an admin may do this.",
    },
}
