"""Strings of the smile area's command, `python -m coach evaluate`."""

STRINGS: dict[str, dict[str, str]] = {
    # python -m coach evaluate
    "evaluate.help": {
        "zh-CN": "用带标注的照片清单检验微笑(及坐姿)判断:ROC AUC、准确率、误判列表",
        "en": "Check the smile (and posture) judgement on a labelled photo manifest: "
        "ROC AUC, accuracy, misjudged files",
    },
    "evaluate.arg.manifest": {
        "zh-CN": "清单 CSV(至少含 file、category 两列;路径相对于清单所在文件夹)",
        "en": "manifest CSV (columns file and category at least; paths relative to its folder)",
    },
    "evaluate.arg.threshold": {
        "zh-CN": "判为微笑的分数阈值(1–99,默认取微笑设置的 50)",
        "en": "smile score from which a photo counts as a smile (1–99; default: the smile setting, 50)",
    },
    "evaluate.arg.skip_missing": {
        "zh-CN": "清单中的文件缺失时不中止,而是列出、计数并跳过",
        "en": "do not stop on files missing from disk: list, count and leave them out",
    },
    "evaluate.arg.show": {
        "zh-CN": "显示文件名匹配该通配符的照片的读数(可重复,例如 'ekman_triplet*')",
        "en": "print the readings of files matching this pattern (repeatable, e.g. 'ekman_triplet*')",
    },
    "evaluate.arg.max_list": {
        "zh-CN": "误判列表最多显示的条数(默认 40)",
        "en": "at most this many misjudged files listed (40)",
    },
    "evaluate.arg.no_haar": {
        "zh-CN": "不运行 OpenCV Haar 微笑检测器作对照",
        "en": "skip the OpenCV Haar smile cascade reference",
    },
    "evaluate.arg.lang": {"zh-CN": "输出语言:zh-CN 或 en", "en": "output language: zh-CN or en"},
    "evaluate.error.no_manifest": {
        "zh-CN": "找不到清单文件 {manifest}:请检查路径。",
        "en": "Manifest {manifest} not found: check the path.",
    },
    "evaluate.error.columns": {
        "zh-CN": "清单 {manifest} 缺少 file 或 category 列(现有列:{found}):请使用含这两列的 CSV。",
        "en": "Manifest {manifest} lacks the file or category column (found: {found}): "
        "use a CSV with both columns.",
    },
    "evaluate.error.unreadable_manifest": {
        "zh-CN": "无法读取清单 {manifest}({detail}):请确认它是 UTF-8 编码的 CSV。",
        "en": "Cannot read manifest {manifest} ({detail}): make sure it is a UTF-8 CSV.",
    },
    "evaluate.error.missing_file": {
        "zh-CN": "清单 {manifest} 中的文件 {file} 不存在(共缺 {count} 个):请补齐文件,"
        "或加 --skip-missing 跳过缺失文件。",
        "en": "File {file} listed in {manifest} does not exist ({count} missing in all): restore the "
        "files, or add --skip-missing to leave them out.",
    },
    "evaluate.error.no_images": {
        "zh-CN": "清单 {manifest} 中没有可用的照片(视频和 CSV 行会被跳过)。",
        "en": "Manifest {manifest} lists no usable photos (clips and CSV rows are skipped).",
    },
    "evaluate.error.bad_threshold": {
        "zh-CN": "--threshold 无效:{detail}",
        "en": "Invalid --threshold: {detail}",
    },
    "evaluate.progress.start": {
        "zh-CN": "正在检测 {count} 张照片的人脸关键点……",
        "en": "Finding face landmarks in {count} photos…",
    },
    "evaluate.summary": {
        "zh-CN": "照片 {images} 张,找到人脸 {faces} 张;跳过:视频 {clips}、CSV {csv}、其他 {other};"
        "缺失 {missing}。",
        "en": "{images} photos, {faces} with a face; skipped: {clips} clips, {csv} CSV rows, "
        "{other} other; missing: {missing}.",
    },
    "evaluate.missing_item": {"zh-CN": "  缺失:{file}", "en": "  missing: {file}"},
    "evaluate.unreadable_item": {"zh-CN": "  无法读取:{file}", "en": "  unreadable: {file}"},
    "evaluate.section.categories": {
        "zh-CN": "== 各类别(分数 ≥ {threshold} 判为微笑)==",
        "en": "== Per category (score ≥ {threshold} counts as a smile) ==",
    },
    "evaluate.category_line": {
        "zh-CN": "  {category}: {n} 张,有脸 {faces},判为微笑 {smiles}(真诚 {genuine} / 仅嘴角 {mouth_only}),"
        "平均分 {mean},判对 {right}",
        "en": "  {category}: {n} photos, {faces} faces, {smiles} judged smiling (genuine {genuine} / "
        "mouth-only {mouth_only}), mean score {mean}, right {right}",
    },
    "evaluate.section.smile": {
        "zh-CN": "== 微笑 vs 非微笑(smile_face、genuine_smile、posed_smile 为正例)==",
        "en": "== Smile vs no smile (smile_face, genuine_smile, posed_smile are positives) ==",
    },
    "evaluate.smile_line": {
        "zh-CN": "  负例 {negatives}:正 {pos} / 负 {neg};本系统 AUC {auc},准确率 {accuracy}"
        "(TP {tp} FP {fp} TN {tn} FN {fn});Haar 微笑级联 AUC {haar}",
        "en": "  negatives {negatives}: {pos} pos / {neg} neg; ours AUC {auc}, accuracy {accuracy} "
        "(TP {tp} FP {fp} TN {tn} FN {fn}); Haar smile cascade AUC {haar}",
    },
    "evaluate.not_enough": {
        "zh-CN": "  数据不足,无法计算({what})。",
        "en": "  not enough data to compute ({what}).",
    },
    "evaluate.section.kind": {
        "zh-CN": "== 真诚 vs 仅嘴角(genuine_smile 应为 genuine,posed_smile 应为 mouth_only)==",
        "en": "== Genuine vs mouth-only (genuine_smile should read genuine, posed_smile mouth_only) ==",
    },
    "evaluate.kind_line": {
        "zh-CN": "  {n} 张中 {agree} 张一致({share});眼部参与度区分两者的 AUC {eye_auc}",
        "en": "  {agree} of {n} agree ({share}); eye involvement tells them apart with AUC {eye_auc}",
    },
    "evaluate.kind_detail": {
        "zh-CN": "    {category}: 真诚 {genuine},仅嘴角 {mouth_only},未微笑 {none}",
        "en": "    {category}: genuine {genuine}, mouth-only {mouth_only}, none {none}",
    },
    "evaluate.section.posture": {
        "zh-CN": "== 坐姿 / 站姿(posture_bad 为正例)==",
        "en": "== Posture (posture_bad is the positive class) ==",
    },
    "evaluate.posture_absent": {
        "zh-CN": "  坐姿规则(coach/rules/posture.py)尚未安装,跳过本节。",
        "en": "  posture rules (coach/rules/posture.py) not installed yet; section skipped.",
    },
    "evaluate.posture_line": {
        "zh-CN": "  {n} 张,可判断 {judged},无法判断 {unknown};查准率 {precision},查全率 {recall},"
        "准确率 {accuracy}(TP {tp} FP {fp} TN {tn} FN {fn})",
        "en": "  {n} photos, {judged} judged, {unknown} unknown; precision {precision}, recall {recall}, "
        "accuracy {accuracy} (TP {tp} FP {fp} TN {tn} FN {fn})",
    },
    "evaluate.posture_miss": {
        "zh-CN": "    误判 {file} [{category}] 问题:{issues} — {details}",
        "en": "    misjudged {file} [{category}] issues: {issues} — {details}",
    },
    "evaluate.section.show": {"zh-CN": "== 指定文件的读数 ==", "en": "== Readings of the requested files =="},
    "evaluate.section.misjudged": {
        "zh-CN": "== 误判文件({count} 个)==",
        "en": "== Misjudged files ({count}) ==",
    },
    "evaluate.reading": {
        "zh-CN": "  {file} [{category}] 分数 {score} {kind};嘴角 {corner}°,嘴宽 {width},眼部 {eyes},"
        "露齿 {teeth} — {details}",
        "en": "  {file} [{category}] score {score} {kind}; corners {corner}°, width {width}, eyes {eyes}, "
        "teeth {teeth} — {details}",
    },
    "evaluate.reading_noface": {
        "zh-CN": "  {file} [{category}] 未找到人脸 — {details}",
        "en": "  {file} [{category}] no face found — {details}",
    },
    "evaluate.more": {"zh-CN": "  ……另有 {count} 个未列出", "en": "  … and {count} more"},
}
