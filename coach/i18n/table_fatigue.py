"""Strings of fatigue (PERCLOS, long blinks, yawns, eyes closed at the post) and the set-up check."""

STRINGS: dict[str, dict[str, str]] = {
    # --- the set-up check: what is wrong, what to do ---------------------------------------------
    "setup.problem.too_dark": {"zh-CN": "光线太暗", "en": "too dark"},
    "setup.problem.backlit": {"zh-CN": "逆光", "en": "backlit"},
    "setup.problem.off_axis": {
        "zh-CN": "摄像头角度偏",
        "en": "camera off to one side",
    },
    "setup.problem.face_too_small": {
        "zh-CN": "脸在画面中太小",
        "en": "face too small in the picture",
    },
    "setup.problem.face_too_close": {
        "zh-CN": "离摄像头太近",
        "en": "too close to the camera",
    },
    "setup.problem.face_only": {
        "zh-CN": "只看到脸,看不到肩膀",
        "en": "only the face is in view",
    },
    "setup.problem.shoulders_hidden": {
        "zh-CN": "肩膀不在画面中",
        "en": "shoulders out of view",
    },
    "setup.fix.too_dark": {
        "zh-CN": "打开台灯或调亮屏幕",
        "en": "turn on a light in front of you",
    },
    "setup.fix.backlit": {
        "zh-CN": "面向光源,或拉上身后的窗帘",
        "en": "face the light or close the blind",
    },
    "setup.fix.off_axis": {
        "zh-CN": "把摄像头摆正,对准自己",
        "en": "turn the camera to face you",
    },
    "setup.fix.face_too_small": {
        "zh-CN": "坐近一些,或把摄像头移近",
        "en": "sit closer or move the camera nearer",
    },
    "setup.fix.face_too_close": {
        "zh-CN": "坐远一些,让肩膀进入画面",
        "en": "sit back so your shoulders show",
    },
    "setup.fix.face_only": {
        "zh-CN": "调低摄像头,让肩膀进入画面",
        "en": "tilt the camera down to show your shoulders",
    },
    "setup.fix.shoulders_hidden": {"zh-CN": "调整摄像头,让双肩进入画面",
                                   "en": "move the camera so both shoulders show"},
    "setup.measure.smile": {"zh-CN": "微笑", "en": "smile"},
    "setup.measure.gaze": {"zh-CN": "目光接触", "en": "eye contact"},
    "setup.measure.posture": {"zh-CN": "坐姿", "en": "posture"},
    "setup.measure.fatigue": {"zh-CN": "疲劳", "en": "fatigue"},
    "setup.line": {
        "zh-CN": "{measures}暂停判断:{problem} — {fix}",
        "en": "{measures} paused: {problem} — {fix}",
    },
    "setup.separator": {"zh-CN": "、", "en": ", "},
    "setup.ok": {"zh-CN": "环境检查通过", "en": "set-up ok"},
    # Posture's own not-judged reasons, for a posture reading the set-up check paused.
    "posture.reason.backlit": {"zh-CN": "逆光,暂停判断", "en": "backlit: paused"},
    "posture.reason.off_axis": {
        "zh-CN": "摄像头角度偏,暂停判断",
        "en": "camera off to one side: paused",
    },
    "posture.reason.face_too_close": {
        "zh-CN": "离摄像头太近,暂停判断",
        "en": "too close to the camera: paused",
    },
    # --- events ----------------------------------------------------------------------------------
    "event.eyes_closed": {"zh-CN": "闭眼过久", "en": "Eyes closed at the post"},
    "event.yawn": {"zh-CN": "打哈欠", "en": "Yawn"},
    "event.break_early": {"zh-CN": "提前休息提醒", "en": "Early break offer"},
    "event.setup": {"zh-CN": "环境检查", "en": "Set-up check"},
    "event.detail.perclos": {"zh-CN": "闭眼时间偏多", "en": "eyes often closing"},
    "event.detail.long_blinks": {"zh-CN": "长时间眨眼偏多", "en": "many long blinks"},
    "event.detail.yawns": {"zh-CN": "频繁打哈欠", "en": "frequent yawns"},
    "event.detail.ok": {"zh-CN": "正常", "en": "ok"},
    # --- the live panel ----------------------------------------------------------------------------
    "fatigue.tired.perclos": {"zh-CN": "眼睛闭合偏多,看起来有些疲劳 — 可以提前做个微休息",
                              "en": "Your eyes are closing often — take a micro-break early"},
    "fatigue.tired.long_blinks": {"zh-CN": "长时间眨眼偏多,看起来有些疲劳 — 可以提前做个微休息",
                                  "en": "Many long blinks — take a micro-break early"},
    "fatigue.tired.yawns": {"zh-CN": "频繁打哈欠 — 可以提前做个微休息",
                            "en": "Frequent yawns — take a micro-break early"},
    "fatigue.eyes_closed_alert": {
        "zh-CN": "眼睛闭上好几秒了 — 还好吗?",
        "en": "Eyes closed for a while — all right?",
    },
    "fatigue.line": {
        "zh-CN": "闭眼占比(近1分钟){perclos}",
        "en": "eyes closed (last minute) {perclos}",
    },
    # --- the session summary (coach.panel.summary_view: panel.summary.<key of summary()>) ------
    "panel.summary.fatigue.eyes_closed_share": {
        "zh-CN": "闭眼占比(PERCLOS)",
        "en": "Eyes closed (PERCLOS)",
    },
    "panel.summary.fatigue.peak_minute_eyes_closed_share": {
        "zh-CN": "闭眼占比最高的一分钟",
        "en": "Eyes closed, worst minute",
    },
    "panel.summary.fatigue.long_blinks_per_hour": {
        "zh-CN": "长时间眨眼/小时",
        "en": "Long blinks per hour",
    },
    "panel.summary.fatigue.yawns": {"zh-CN": "打哈欠次数", "en": "Yawns"},
    "panel.summary.fatigue.eyes_closed_alerts": {
        "zh-CN": "闭眼过久提醒",
        "en": "Eyes-closed alerts",
    },
    "panel.summary.setup.paused_seconds.posture": {
        "zh-CN": "坐姿因环境暂停(秒)",
        "en": "Posture paused by set-up (s)",
    },
    "panel.summary.setup.paused_seconds.smile": {
        "zh-CN": "微笑因环境暂停(秒)",
        "en": "Smile paused by set-up (s)",
    },
    "panel.summary.setup.paused_seconds.gaze": {
        "zh-CN": "目光因环境暂停(秒)",
        "en": "Eye contact paused by set-up (s)",
    },
    "panel.summary.setup.paused_seconds.fatigue": {
        "zh-CN": "疲劳因环境暂停(秒)",
        "en": "Fatigue paused by set-up (s)",
    },
    # --- python -m coach evaluate CLIP_LABELS.csv: fatigue and set-up ---------------------------
    "fatigue.eval.section": {
        "zh-CN": "疲劳与环境检查(每段视频)",
        "en": "Fatigue and set-up check (per clip)",
    },
    "fatigue.eval.header": {
        "zh-CN": "视频  标注眨眼 检出  闭眼提醒  检出闭合  哈欠  环境暂停占比(坐姿/微笑/目光/疲劳)",
        "en": "clip  labelled blinks found  eyes-closed alerts  closures found  yawns  "
              "share paused (posture/smile/gaze/fatigue)",
    },
    "fatigue.eval.total": {
        "zh-CN": "合计:标注眨眼 {found}/{labelled} 检出(±{tolerance} 秒内有闭合);闭眼提醒 {alerts} 次;"
                 "检出闭合 {closures} 次,其中不在标注眨眼附近的 {extra} 次;哈欠 {yawns} 次(视频中没有哈欠)",
        "en": "Total: labelled blinks {found}/{labelled} found (a closure within ±{tolerance} s); "
              "eyes-closed alerts {alerts}; closures found {closures}, "
              "{extra} of them away from any labelled blink; yawns {yawns} (no clip shows one)",
    },
    "fatigue.eval.note": {
        "zh-CN": "眨眼标注只是注释里提到的(不完整),所以“不在标注附近”的闭合不一定是误检。",
        "en": "Blinks are labelled only where a note mentions one (not all are), so a closure away from a "
              "labelled blink is not necessarily wrong.",
    },
}
