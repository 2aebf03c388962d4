"""Strings of the judgements area: smile episodes, talking and negative expressions, the clip
evaluation (`python -m coach evaluate CLIP_LABELS.csv`) and the one posture status."""

STRINGS: dict[str, dict[str, str]] = {
    # python -m coach evaluate CLIP_LABELS.csv
    "judgements.arg.fps": {
        "zh-CN": "按片段评估时每秒分析的帧数(默认:每一帧)",
        "en": "clip evaluation: analyse about this many frames per second (default: every frame)",
    },
    "judgements.arg.cache": {
        "zh-CN": "按片段评估时存放关键点缓存的文件夹"
        "(默认:系统临时文件夹下的 coach-clip-landmarks)",
        "en": "clip evaluation: folder for the landmark cache "
        "(default: coach-clip-landmarks in the temp folder)",
    },
    "judgements.arg.no_cache": {
        "zh-CN": "按片段评估时不读写关键点缓存",
        "en": "clip evaluation: neither read nor write the landmark cache",
    },
    "judgements.arg.blendshapes": {
        "zh-CN": "MediaPipe Tasks 的 face_landmarker.task 文件(可选;没有也能评估)",
        "en": "a MediaPipe Tasks face_landmarker.task file (optional; the evaluation works without it)",
    },
    "judgements.error.labels_no_file": {
        "zh-CN": "找不到片段标注文件 {path}。请检查路径。",
        "en": "The clip labels file {path} does not exist. Check the path.",
    },
    "judgements.error.labels_columns": {
        "zh-CN": "片段标注文件 {path} 缺少列:{missing}。"
        "需要 file、t_start_s、t_end_s、face_label、confidence。",
        "en": "The clip labels file {path} lacks the column(s) {missing}; it needs file, t_start_s, "
        "t_end_s, face_label and confidence.",
    },
    "judgements.error.labels_unreadable": {
        "zh-CN": "无法读取片段标注文件 {path}({detail})。请保存为 UTF-8 编码的 CSV。",
        "en": "Cannot read the clip labels file {path} ({detail}). Save it as a UTF-8 CSV.",
    },
    "judgements.error.labels_bad_row": {
        "zh-CN": "片段标注文件 {path} 第 {line} 行无法使用({detail})。请改正该行。",
        "en": "Line {line} of the clip labels file {path} cannot be used ({detail}). Correct that line.",
    },
    "judgements.error.no_clips": {
        "zh-CN": "{path} 中没有可评估的片段(文件缺失或被 --show 排除)。",
        "en": "No clip in {path} can be evaluated (files missing or left out by --show).",
    },
    "judgements.eval.missing_clip": {
        "zh-CN": "缺少片段文件,已跳过:{file}",
        "en": "clip file missing, left out: {file}",
    },
    "judgements.eval.no_blendshapes": {
        "zh-CN": "找不到 {path},不使用混合形状继续评估。",
        "en": "{path} not found; evaluating without blendshapes.",
    },
    "judgements.eval.progress": {
        "zh-CN": "[{n}/{total}] {file}",
        "en": "[{n}/{total}] {file}",
    },
    "judgements.eval.section.targets": {
        "zh-CN": "高/中置信度片段上的逐帧一致率(之前 = 每帧各自判断;之后 = 微笑片段)",
        "en": "Frame agreement on high/medium-confidence segments (before = each frame on its own; "
        "after = smile episodes)",
    },
    "judgements.eval.col.figure": {"zh-CN": "指标", "en": "figure"},
    "judgements.eval.col.frames": {"zh-CN": "之前(逐帧)", "en": "before (frames)"},
    "judgements.eval.col.episodes": {"zh-CN": "之后(片段)", "en": "after (episodes)"},
    "judgements.eval.col.target": {"zh-CN": "目标", "en": "target"},
    "judgements.eval.figure.smile_accuracy": {
        "zh-CN": "微笑/非微笑判断正确",
        "en": "smile vs no smile right",
    },
    "judgements.eval.figure.kind_accuracy": {
        "zh-CN": "真诚/仅嘴角判断正确",
        "en": "genuine vs mouth-only right",
    },
    "judgements.eval.figure.negative_as_smile": {
        "zh-CN": "负面表情被读成微笑",
        "en": "negative read as smiling",
    },
    "judgements.eval.figure.talking_as_smile": {
        "zh-CN": "说话被读成微笑",
        "en": "talking read as smiling",
    },
    "judgements.eval.counts": {
        "zh-CN": "帧数:微笑/非微笑 {smile},真诚/仅嘴角 {kind},负面 {negative},说话 {talking}",
        "en": "frames: smile vs no smile {smile}, genuine vs mouth-only {kind}, negative {negative}, "
        "talking {talking}",
    },
    "judgements.eval.section.labels": {
        "zh-CN": "按标注:读成微笑的帧所占比例",
        "en": "By label: share of frames read as smiling",
    },
    "judgements.eval.col.label": {"zh-CN": "标注", "en": "label"},
    "judgements.eval.col.n": {"zh-CN": "帧数", "en": "frames"},
    "judgements.eval.col.smiling_before": {"zh-CN": "微笑(之前)", "en": "smiling before"},
    "judgements.eval.col.smiling_after": {"zh-CN": "微笑(之后)", "en": "smiling after"},
    "judgements.eval.col.genuine_after": {"zh-CN": "真诚(之后)", "en": "genuine after"},
    "judgements.eval.col.mouth_only_after": {"zh-CN": "仅嘴角(之后)", "en": "mouth-only after"},
    "judgements.eval.section.episodes": {
        "zh-CN": "微笑片段:找到的与标注的",
        "en": "Smile episodes: found vs labelled",
    },
    "judgements.eval.episodes": {
        "zh-CN": "标注的微笑片段找到 {found}/{labelled};共判出 {episodes} 个片段,"
        "其中 {spurious} 个与任何标注的微笑都不重叠",
        "en": "labelled smile episodes found: {found}/{labelled}; episodes found in all: {episodes}, "
        "of which {spurious} overlap no labelled smile",
    },
    "judgements.eval.section.clips": {
        "zh-CN": "按片段:微笑/非微笑正确帧、真诚/仅嘴角正确帧(之前 | 之后),片段找到/标注 +多判",
        "en": "By clip: smile right, kind right (before | after), episodes found/labelled +spurious",
    },
    # reading images (coach/vision/sources.py)
    "judgements.image.unknown_format": {
        "zh-CN": "无法识别图片 {path} 的格式(看起来是 {format})。请另存为 JPEG 或 PNG 后重试。",
        "en": "The image {path} is in a format coach does not understand (it looks like {format}). "
        "Save it as JPEG or PNG and try again.",
    },
    "judgements.image.damaged": {
        "zh-CN": "图片 {path}({format})无法解码,文件可能不完整或已损坏({detail})。请重新导出或换一张图片。",
        "en": "The {format} image {path} cannot be decoded; the file may be incomplete or damaged "
        "({detail}). Export it again or use another picture.",
    },
    # the live panel
    "judgements.panel.smile_help": {
        "zh-CN": "0–100:此刻嘴部笑得多明显(嘴角上扬、嘴型变宽;露齿和眼睛微眯略有加分),平滑约半秒。"
        "眼睛是否一起笑(培训中的真诚微笑)看下方的微笑类型,它按整个微笑判断。",
        "en": "0–100: how strongly the mouth smiles right now (corners lifted, mouth widened; teeth and "
        "narrowed eyes add a little), smoothed over about half a second. Whether the eyes join in — "
        "the courseware's sincere smile — is the smile type below, decided over the whole smile.",
    },
    "judgements.panel.posture_watch": {
        "zh-CN": "坐姿需调整(尚未持续到提醒时间)",
        "en": "Posture needs adjusting (not yet held long enough for an alert)",
    },
    "judgements.arg.degrade": {
        "zh-CN": "再把每张照片中的人脸缩小到该像素并转为灰度后评分(模拟天花板摄像头),给出其 AUC",
        "en": "also score each photo's face shrunk to this many pixels and made grey (a ceiling "
        "camera's view) and print that AUC",
    },
    "judgements.error.degrade": {
        "zh-CN": "--degrade 应为 16 到 512 之间的像素数,而不是 {value}。",
        "en": "--degrade takes a size from 16 to 512 pixels, not {value}.",
    },
    "judgements.eval.degraded": {
        "zh-CN": "  人脸缩小到 {side} 像素并转灰度:{n} 张照片,AUC {auc}(原图 {full})",
        "en": "  faces shrunk to {side} px and made grey: {n} photos, AUC {auc} (full size {full})",
    },
}
