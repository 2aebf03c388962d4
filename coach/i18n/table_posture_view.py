"""Strings of the posture views: the upper-body (webcam) mode, why a frame is not judged, the
population-prior note, and the per-view lines of `python -m coach evaluate`."""

STRINGS: dict[str, dict[str, str]] = {
    "posture.mode.upper_body": {"zh-CN": "上半身", "en": "Upper body"},
    "posture.view.front": {"zh-CN": "正面", "en": "front"},
    "posture.view.side": {"zh-CN": "侧面", "en": "side"},
    "posture.view.oblique": {"zh-CN": "斜侧面", "en": "oblique"},
    # Why a frame with a person is not judged (PostureReading.reason)
    "posture.reason.no_person": {"zh-CN": "画面中没有找到人", "en": "no person found"},
    "posture.reason.too_dark": {
        "zh-CN": "画面太暗,看不清人:请开灯或调亮摄像头",
        "en": "too dark to see anyone: turn on a light or brighten the camera",
    },
    "posture.reason.face_only": {
        "zh-CN": "只看到脸,看不到身体:请让摄像头拍到头和肩",
        "en": "only the face is visible: let the camera see head and shoulders",
    },
    "posture.reason.shoulders_hidden": {
        "zh-CN": "看不到肩膀和脸:请正对摄像头坐好",
        "en": "shoulders and face are hidden: sit facing the camera",
    },
    "posture.view.not_judged": {"zh-CN": "未判断姿势:{reason}", "en": "Posture not judged: {reason}"},
    "posture.view.population_note": {
        "zh-CN": "未校准,按一般人的标准粗略判断;校准后更准确",
        "en": "not calibrated: judged roughly against typical people; calibrate for a sure reading",
    },
    # Panel settings of the upper-body view (coach/rules/posture.py PostureSettings)
    "panel.setting.posture.face_closer_max": {
        "zh-CN": "脸部前移上限(变大比例)",
        "en": "Face closer than calibrated allowed (size ratio)",
    },
    "panel.setting.posture.standing_forward_head_max": {
        "zh-CN": "站立时头部前伸上限",
        "en": "Forward head allowed when standing (ratio)",
    },
    "panel.setting.posture.head_drop_max": {
        "zh-CN": "头部下沉上限(脸高倍数)",
        "en": "Head drop allowed (face heights)",
    },
    # python -m coach evaluate: posture per view
    "evaluate.posture_view.front_webcam": {"zh-CN": "正面摄像头", "en": "front webcam"},
    "evaluate.posture_view.side": {"zh-CN": "侧面(坐)", "en": "side (seated)"},
    "evaluate.posture_view.standing": {"zh-CN": "站姿", "en": "standing"},
    "evaluate.posture_view.other": {"zh-CN": "其他", "en": "other"},
    "evaluate.posture_view.all": {"zh-CN": "全部", "en": "all"},
    "evaluate.posture_view_line": {
        "zh-CN": "  {view}: {n} 张,已判断 {judged} 张({share});精确率 {precision},召回率 {recall}"
        "(TP {tp} FP {fp} TN {tn} FN {fn})",
        "en": "  {view}: {n} photos, {judged} judged ({share}); precision {precision}, recall {recall} "
        "(TP {tp} FP {fp} TN {tn} FN {fn})",
    },
    "evaluate.posture_view_miss": {
        "zh-CN": "    误判 {file} [{category}] 视角 {seen} 问题: {issues} — {details}",
        "en": "    misjudged {file} [{category}] seen as {seen}, issues: {issues} — {details}",
    },
    "evaluate.posture_view_unjudged": {
        "zh-CN": "    未判断 {file} [{category}]:{reason}",
        "en": "    not judged {file} [{category}]: {reason}",
    },
    # evaluate CLIP_LABELS.csv: posture per labelled segment (coach/clip_evaluation/posture_check.py)
    "evaluate.clip_posture.section": {
        "zh-CN": "坐姿(逐帧,未校准):按片段标注的坐姿,判断的帧数与判为问题的比例(标注为端正时即误报);"
                 "“按习惯”为同时对照本人在本段中惯常的端正姿势(引擎未校准时的做法)",
        "en": "Posture (each frame, no calibration): per labelled posture, frames judged and the share read "
              "as a fault (on upright segments, false alarms); \"with habit\": also checked against the "
              "person's usual upright posture learned so far (what the engine does without a calibration)",
    },
    "evaluate.clip_posture.line": {
        "zh-CN": "{name}:{frames} 帧,判断 {judged},判为问题 {flagged}({share});"
                 "按习惯 {habit}({habit_share});{issues}",
        "en": "{name}: {frames} frames, {judged} judged, {flagged} read as a fault ({share}); with habit "
              "{habit} ({habit_share}); {issues}",
    },
}
