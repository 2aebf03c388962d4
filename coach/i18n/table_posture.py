"""Strings of the posture area: posture faults and tips, alerts, breaks, settings errors, summary."""

STRINGS: dict[str, dict[str, str]] = {
    # Settings validation (coach/validation.py, coach/settings.py)
    "settings.out_of_range": {
        "zh-CN": "设置 {name} = {value} 超出允许范围 {low}–{high}:请改为该范围内的值。",
        "en": "Setting {name} = {value} is outside the allowed range {low}–{high}: choose a "
        "value in that range.",
    },
    "settings.not_a_number": {
        "zh-CN": "设置 {name} 应为数字,实际为 {value}:请填写一个数字。",
        "en": "Setting {name} must be a number, got {value}: enter a number.",
    },
    "settings.not_whole": {
        "zh-CN": "设置 {name} 应为整数,实际为 {value}:请填写一个整数。",
        "en": "Setting {name} must be a whole number, got {value}: enter a whole number.",
    },
    "settings.not_a_switch": {
        "zh-CN": "设置 {name} 应为开/关(true/false),实际为 {value}。",
        "en": "Setting {name} must be on/off (true/false), got {value}.",
    },
    "settings.unknown_key": {
        "zh-CN": "设置中有未知项 {name}:请删除它或检查拼写。",
        "en": "Unknown setting {name}: remove it or check its spelling.",
    },
    "settings.not_a_section": {
        "zh-CN": "设置 {name} 应为一组键值(JSON 对象),实际为 {value}。",
        "en": "Setting {name} must be a group of values (a JSON object), got {value}.",
    },
    "settings.feet_range": {
        "zh-CN": "设置 posture.feet_width_min ({low}) 必须小于 posture.feet_width_max ({high})。",
        "en": "Setting posture.feet_width_min ({low}) must be below posture.feet_width_max ({high}).",
    },
    # Posture baseline (calibration)
    "posture.baseline.too_few": {
        "zh-CN": "校准需要至少 {needed} 帧能看清双肩的画面,只得到 {got} 帧:请坐正、露出双肩后重试。",
        "en": "Calibration needs at least {needed} frames with both shoulders visible, got {got}: "
        "sit upright with both shoulders in view and try again.",
    },
    "posture.baseline.bad_field": {
        "zh-CN": "姿势基线数据有误({detail}):请重新校准。",
        "en": "The posture baseline is damaged ({detail}): calibrate again.",
    },
    # Posture modes and views
    "posture.mode.sitting": {"zh-CN": "坐姿", "en": "Sitting"},
    "posture.mode.standing": {"zh-CN": "站姿", "en": "Standing"},
    "posture.mode.unknown": {"zh-CN": "未判断", "en": "Not judged"},
    # Posture faults: a short label and a discreet tip
    "posture.fault.hunched": {"zh-CN": "含胸驼背", "en": "Hunched"},
    "posture.fault.reclined": {"zh-CN": "后仰瘫坐", "en": "Slumped back"},
    "posture.fault.head_down": {"zh-CN": "低头", "en": "Head down"},
    "posture.fault.head_tilted": {"zh-CN": "歪头", "en": "Head tilted"},
    "posture.fault.shoulders_sloped": {"zh-CN": "斜肩", "en": "Shoulders sloped"},
    "posture.fault.shoulders_raised": {"zh-CN": "耸肩", "en": "Shoulders raised"},
    "posture.fault.arms_crossed": {"zh-CN": "交叉抱胸", "en": "Arms crossed"},
    "posture.fault.chin_on_hand": {"zh-CN": "托腮撑头", "en": "Chin on hand"},
    "posture.fault.legs_crossed": {"zh-CN": "翘二郎腿", "en": "Legs crossed"},
    "posture.fault.leaning_sideways": {"zh-CN": "身体歪斜", "en": "Leaning sideways"},
    "posture.fault.feet_not_shoulder_width": {
        "zh-CN": "双脚未与肩同宽",
        "en": "Feet not shoulder-width apart",
    },
    "posture.fault.hands_hidden": {"zh-CN": "插兜或背手", "en": "Hands hidden"},
    "posture.tip.hunched": {
        "zh-CN": "上身挺直,可稍微前倾。",
        "en": "Sit up straight; a slight forward lean is fine.",
    },
    "posture.tip.reclined": {"zh-CN": "坐直,不要靠后瘫坐。", "en": "Sit upright instead of leaning back."},
    "posture.tip.head_down": {
        "zh-CN": "抬头,目光平视或微微俯视。",
        "en": "Lift your head; look level or slightly down.",
    },
    "posture.tip.head_tilted": {"zh-CN": "头部摆正。", "en": "Hold your head level."},
    "posture.tip.shoulders_sloped": {"zh-CN": "双肩放平。", "en": "Level your shoulders."},
    "posture.tip.shoulders_raised": {"zh-CN": "放松双肩,向下沉。", "en": "Relax and lower your shoulders."},
    "posture.tip.arms_crossed": {
        "zh-CN": "不要抱胸,双手自然放在身前。",
        "en": "Uncross your arms; rest your hands in front.",
    },
    "posture.tip.chin_on_hand": {"zh-CN": "不要撑头托腮。", "en": "Take your hand away from your chin."},
    "posture.tip.legs_crossed": {"zh-CN": "双腿自然并拢,不翘腿。", "en": "Uncross your legs."},
    "posture.tip.leaning_sideways": {
        "zh-CN": "身体摆正,重心居中。",
        "en": "Straighten up; keep your weight centred.",
    },
    "posture.tip.feet_not_shoulder_width": {
        "zh-CN": "双脚与肩同宽,重心平均分布。",
        "en": "Stand with feet shoulder-width apart, weight even.",
    },
    "posture.tip.hands_hidden": {
        "zh-CN": "双手自然下垂或轻握于身前,不插兜不背手。",
        "en": "Let your hands hang or rest clasped in front; not in pockets or behind your back.",
    },
    # Breaks
    "breaks.phase.working": {"zh-CN": "工作中", "en": "Working"},
    "breaks.phase.due": {"zh-CN": "该休息了", "en": "Break due"},
    "breaks.phase.postponed": {"zh-CN": "已推迟休息", "en": "Break postponed"},
    "breaks.phase.on_break": {"zh-CN": "休息中", "en": "On break"},
    "breaks.reminder": {
        "zh-CN": "已连续工作 {minutes} 分钟,请起身活动 3–5 分钟。",
        "en": "You have worked {minutes} minutes in a row: stand up and move for 3–5 minutes.",
    },
    # Event kinds (events.csv, reports)
    "event.break_due": {"zh-CN": "休息提醒", "en": "Break reminder"},
    "event.break_postponed": {"zh-CN": "推迟休息", "en": "Break postponed"},
    "event.break_skipped": {"zh-CN": "跳过休息", "en": "Break skipped"},
    "event.break_taken": {"zh-CN": "完成休息", "en": "Break taken"},
    "event.natural_break": {"zh-CN": "自然休息(离开座位)", "en": "Natural break (away)"},
    "event.smile": {"zh-CN": "微笑", "en": "Smile"},
    # Engine
    "engine.time_backwards": {
        "zh-CN": "时间倒退:第 {frame} 帧的时间 {t} 秒早于上一帧的 {last} 秒。每段视频请用新的分析会话。",
        "en": "Time went backwards: frame {frame} at {t} s comes before the previous {last} s. "
        "Start a new analysis session for each video.",
    },
}
