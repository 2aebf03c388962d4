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
    "day.posture.sitting": {"zh-CN": "坐姿 {share}%", "en": "sitting {share}%"},
    "day.posture.standing": {"zh-CN": "站姿 {share}%", "en": "standing {share}%"},
    "day.posture.upper_body": {"zh-CN": "仅见上身 {share}%", "en": "upper body {share}%"},
    "day.posture.split": {
        "zh-CN": "姿势良好,按看到的姿态:{split}",
        "en": "Good posture by how the person was seen: {split}",
    },
    "day.help.smiles_per_hour": {
        "zh-CN": "每小时在岗(在镜头前)时间内的微笑次数。一次微笑:嘴角上扬持续至少 0.5 秒,"
        "中断不足 1 秒仍算同一次。在岗不足 1 分钟时不计算。",
        "en": "Smiles per hour of presence (time in front of the camera). A smile counts once the mouth "
        "corners stay up for 0.5 s; a pause under 1 s does not start a new one. Not shown under a minute "
        "of presence.",
    },
    "day.help.good_posture": {
        "zh-CN": "判断姿势的全部时间中姿势良好的占比(坐姿、站姿和只看到上身的时间合计)。",
        "en": "Share of all the time posture was judged that it was good (sitting, standing and upper body "
        "only together).",
    },
    "day.help.genuine_smile": {
        "zh-CN": "微笑时间中真诚微笑(眼角和嘴角一起动)的占比。",
        "en": "Of the time smiling, the share that was a genuine smile (eyes and mouth corners together).",
    },
    "day.help.eye_contact": {
        "zh-CN": "看到面部的时间中目光朝向客户(镜头)的占比;规范为七到八成。",
        "en": "Share of the face time spent looking toward the customer (the camera); the norm is 70–80%.",
    },
    "day.help.hours_present": {
        "zh-CN": "在镜头前(看到面部或身体)的小时数。",
        "en": "Hours in front of the camera (a face or a body seen).",
    },
    "day.chart.good_posture": {"zh-CN": "姿势良好", "en": "Good posture"},
    "day.chart.genuine": {"zh-CN": "真诚微笑", "en": "Genuine smile"},
    "day.chart.no_data": {"zh-CN": "暂无数据。", "en": "No data yet."},
    "day.chart.no_breaks": {
        "zh-CN": "暂无休息记录:这段时间没有到期的休息提醒。",
        "en": "No breaks yet: no reminder fell due in these days.",
    },
    "day.chart.no_faults": {"zh-CN": "暂无姿势问题记录。", "en": "No posture faults recorded yet."},
    "day.chart.faults_legend": {
        "zh-CN": "每小时各类姿势问题的分钟数(前五类)",
        "en": "Minutes of each posture fault by hour of the day (top five)",
    },
    "day.check.title": {"zh-CN": "每日自检表 — {name},{day}", "en": "Daily self-check — {name}, {day}"},
    "day.check.heading": {"zh-CN": "每日自检表", "en": "Daily self-check"},
    "day.check.pick_day": {"zh-CN": "自检日期", "en": "Day to check"},
    "day.check.intro": {
        "zh-CN": "可观察的行为,各附当天数值,并与培训规范比较。",
        "en": "Observable behaviours, each with the day's figure against the courseware's norm.",
    },
    "day.check.col.item": {"zh-CN": "检查项", "en": "Item"},
    "day.check.col.figure": {"zh-CN": "当天数值", "en": "The day's figure"},
    "day.check.col.norm": {"zh-CN": "规范", "en": "Norm"},
    "day.check.col.result": {"zh-CN": "结果", "en": "Result"},
    "day.check.smiled": {
        "zh-CN": "迎客时微笑了吗(在岗时的微笑频率)",
        "en": "Smiled when greeting? (how often, at the window)",
    },
    "day.check.smiled.figure": {
        "zh-CN": "每小时 {value} 次(共 {count} 次)",
        "en": "{value} an hour ({count} smiles)",
    },
    "day.check.smiled.norm": {"zh-CN": "每小时至少 {norm} 次", "en": "at least {norm} an hour"},
    "day.check.natural": {"zh-CN": "微笑自然吗(真诚微笑占比)", "en": "Smile natural? (genuine share)"},
    "day.check.natural.figure": {"zh-CN": "微笑时间的 {value}", "en": "{value} of the smiling time"},
    "day.check.natural.norm": {"zh-CN": "至少 {norm}", "en": "at least {norm}"},
    "day.check.eye_contact": {"zh-CN": "目光接触保持七到八成吗", "en": "Eye contact 70–80% of the time?"},
    "day.check.eye_contact.figure": {"zh-CN": "{value}", "en": "{value}"},
    "day.check.eye_contact.norm": {"zh-CN": "{low}–{high}", "en": "{low}–{high}"},
    "day.check.posture": {
        "zh-CN": "姿势端正吗(各类问题及分钟数)",
        "en": "Posture upright? (each fault, in minutes)",
    },
    "day.check.posture.figure": {"zh-CN": "良好 {value};{faults}", "en": "good {value}; {faults}"},
    "day.check.posture.norm": {"zh-CN": "良好至少 {norm}", "en": "good at least {norm}"},
    "day.check.breaks": {"zh-CN": "按时休息了吗", "en": "Breaks taken on time?"},
    "day.check.breaks.figure": {
        "zh-CN": "提醒 {due} 次,休息 {taken} 次(推迟 {postponed},跳过 {skipped},自然休息 {natural})",
        "en": "{due} due, {taken} taken ({postponed} postponed, {skipped} skipped, {natural} natural)",
    },
    "day.check.breaks.norm": {"zh-CN": "每次提醒后都休息", "en": "a break after every reminder"},
    "day.check.fault_minutes": {"zh-CN": "{fault} {minutes} 分钟", "en": "{fault} {minutes} min"},
    "day.check.no_faults": {"zh-CN": "无姿势问题", "en": "no posture faults"},
    "day.check.none_for_scope": {
        "zh-CN": "自检表按人按天填写:请在上方选择一位员工。",
        "en": "The self-check sheet is per person and day: pick one person above.",
    },
    "day.check.met": {"zh-CN": "达到", "en": "met"},
    "day.check.not_met": {"zh-CN": "未达到", "en": "not met"},
    "day.check.nothing": {"zh-CN": "无法判断", "en": "nothing to judge"},
    "day.store.this_computer": {"zh-CN": "本机", "en": "this computer"},
    "day.store.branch_db": {"zh-CN": "网点数据库({host})", "en": "the branch database ({host})"},
    "day.upload.unreadable": {
        "zh-CN": "无法读取“{name}”:文件不完整、已损坏或不是视频。请重新导出或上传完整的文件。",
        "en": "Cannot read “{name}”: the file is incomplete, damaged or not a video. Export it again or "
        "upload the whole file.",
    },
    "day.upload.button": {"zh-CN": "选择文件", "en": "Choose files"},
}
