"""Strings of the posture work on issue 15's second round: the side view's plumb line and the
session habit that checks the population prior (coach/rules/posture_habit.py)."""

STRINGS: dict[str, dict[str, str]] = {
    "posture.habit.note": {
        "zh-CN": "未校准:按一般人的标准并对照你本次惯常的端正姿势判断;校准后更准确",
        "en": "not calibrated: judged against typical people and your own usual upright posture this "
              "session; calibrate for a sure reading",
    },
    # Panel settings (coach/rules/posture.py PostureSettings)
    "panel.setting.posture.standing_plumb_max_deg": {
        "zh-CN": "站立时耳—髋连线前倾上限(度,侧面)",
        "en": "Ear-over-hip lean allowed when standing (degrees, side view)",
    },
    "panel.setting.posture.sitting_plumb_max_deg": {
        "zh-CN": "坐姿时耳—髋连线前倾上限(度,侧面)",
        "en": "Ear-over-hip lean allowed when sitting (degrees, side view)",
    },
}
