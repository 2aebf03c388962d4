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
    "day.preview.button": {
        "zh-CN": "预览休息提醒",
        "en": "Preview the break reminder",
    },
    "day.preview.help": {
        "zh-CN": "显示真实的休息提醒和引导休息,不影响您的工作计时。",
        "en": "Shows the real break reminder and guided break; your work clock is not touched.",
    },
    "day.preview.note": {
        "zh-CN": "这是预览:按钮只演示效果,工作计时不变。",
        "en": "This is a preview: the buttons only show what they do; your work clock is unchanged.",
    },
    "day.preview.close": {
        "zh-CN": "关闭预览",
        "en": "Close the preview",
    },
}
