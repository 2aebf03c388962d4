"""Strings of the fast default review and the cheaper full pipeline (issue 14, review half)."""

STRINGS: dict[str, dict[str, str]] = {
    "bench.throughput.overlay_note": {
        "zh-CN": "完整流程的叠加绘制按实时页面的预览尺寸进行(最长边 {side} 像素:1280×720 的帧在 "
        "640×360 上绘制);裸模型拿到的 RGB 图像设为只读(与 MediaPipe 官方示例相同,模型按引用读取、不复制)。",
        "en": "The full pipeline draws its overlay at the live page's preview size (longest side {side} px: "
        "a 1280×720 frame is drawn at 640×360); the bare models get the RGB picture read-only, as "
        "MediaPipe's own examples do (taken by reference, not copied).",
    },
    "review.arg.every_frame": {
        "zh-CN": "完整分析:每一帧,姿态模型也每帧运行(更慢;默认是每一帧、姿态模型每秒最多 {pose} 次,"
        "其间人脸不动时沿用上次的身体关键点;依据见 benchmarks/RESULTS.md)",
        "en": "the complete analysis: every frame, Pose on every frame too (slower; the default is every "
        "frame with Pose at most {pose}/s, the body reused in between while the face stays "
        "put; why: benchmarks/RESULTS.md)",
    },
    "review.rate.every": {"zh-CN": "每一帧", "en": "every frame"},
    "speed_review.pose_every": {"zh-CN": "姿态模型每个分析帧都运行", "en": "Pose on each"},
    "speed_review.pose_at_most": {"zh-CN": "姿态模型每秒最多 {fps} 次", "en": "Pose ≤{fps}/s"},
    "panel.review.rate_every": {"zh-CN": "每一帧(默认)", "en": "Every frame (the default)"},
    "panel.review.pose_every_frame": {
        "zh-CN": "姿态模型每帧运行(最慢)", "en": "Pose on every frame (slowest)",
    },
    "panel.review.pose_every_frame_help": {
        "zh-CN": "完整分析:每个分析帧都运行姿态模型。默认姿态模型每秒最多运行一次(其间人脸不动时沿用上次的"
        "身体关键点),微笑、事件与完整分析一致,姿势对照人工标注同样准确(依据见 benchmarks/RESULTS.md),"
        "速度快得多。",
        "en": "The complete analysis: Pose on every analysed frame. By default Pose runs at most once a "
        "second (the body reused in between while the face stays put): the same smiles and events as "
        "the complete analysis and postures as right against human labels (evidence: "
        "benchmarks/RESULTS.md), much faster.",
    },
    "speed_review.is_default": {"zh-CN": "{rate}(默认)", "en": "{rate} (the default)"},
    "speed_review.every_frame": {
        "zh-CN": "每一帧,姿态模型每帧运行(单核,原来的默认)",
        "en": "every frame, Pose on each (one core: the old default)",
    },
    "speed_review.default": {"zh-CN": "每秒 {fps} 帧,{pose}", "en": "{fps} fps, {pose}"},
    "speed_review.every_frame_pose": {"zh-CN": "每一帧,{pose}", "en": "every frame, {pose}"},
    "speed_review.no_flags": {"zh-CN": "(默认设置)", "en": "(defaults)"},
    "bench.review.title_one": {
        "zh-CN": "回看速度:一个 {seconds} 秒的 720p30 视频文件",
        "en": "Review speed: one {seconds} s 720p30 file",
    },
    "bench.col.settings": {"zh-CN": "设置", "en": "settings"},
    "bench.col.command": {"zh-CN": "命令", "en": "command"},
    "bench.col.vs_every_frame": {"zh-CN": "相对逐帧", "en": "× every frame"},
    "bench.review.note_one": {
        "zh-CN": "运行真实的 python -m coach review(含启动、模型加载和每段的预热);不加参数即默认设置"
        "(coach/review_defaults.py),且长视频按核数切段并行分析。测试视频由示例视频放大到 1280×720 "
        "并按 30 帧/秒重新计时。默认设置的依据见下一张表。",
        "en": "Runs the real python -m coach review (start-up, model loading and each chunk's warm-up "
        "included); with no options it runs its defaults (coach/review_defaults.py), a long video cut "
        "into one chunk per core. The clip is the sample scaled to 1280×720 and retimed to 30 fps. "
        "Why the defaults are what they are: the next table.",
    },
    "bench.progress.review_settings": {
        "zh-CN": "回看速度:review {settings}({seconds} 秒视频)",
        "en": "review speed: review {settings} ({seconds} s of video)",
    },
    "bench.progress.agreement": {
        "zh-CN": "回看速率一致性:{clips} 个视频,逐帧与 {rates} 种候选速率",
        "en": "review rate agreement: {clips} clips, every frame and {rates} candidate rates",
    },
    "bench.agreement.title": {
        "zh-CN": "回看速率与逐帧分析的一致性:{clips} 个视频",
        "en": "Review rates against every-frame analysis: {clips} clips",
    },
    "bench.col.candidate": {"zh-CN": "候选速率", "en": "candidate"},
    "bench.col.frame_share": {"zh-CN": "分析的帧", "en": "frames analysed"},
    "bench.col.cpu_vs_every": {"zh-CN": "CPU 相对逐帧", "en": "CPU × every frame"},
    "bench.col.clips_agree": {"zh-CN": "一致的视频", "en": "clips agreeing"},
    "bench.col.same_smiles": {"zh-CN": "微笑次数相同", "en": "same smile count"},
    "bench.col.onset_gap": {"zh-CN": "最大起点差(秒)", "en": "worst onset gap s"},
    "bench.col.share_gap": {"zh-CN": "最大占比差(百分点)", "en": "worst share gap (points)"},
    "bench.col.is_default": {"zh-CN": "默认", "en": "default"},
    "bench.agreement.differs": {
        "zh-CN": "{rate}:与逐帧不一致的视频:{clips}",
        "en": "{rate}: differs on {clips}",
    },
    "bench.agreement.note": {
        "zh-CN": "每个视频按逐帧(姿态模型每帧运行)和各候选速率分别完整分析(各自加载模型)。"
        "一致 = 微笑次数相同,每类事件(含姿势提醒)数量相同且起点(按顺序)相差不超过 {onset} 秒,"
        "摘要中各项时间占比(检出人脸、微笑、目光接触、各模式良好姿势)相差不超过 {share} 个百分点;"
        "“除姿势占比外一致”不比较各模式良好姿势占比。≠:事件数量不同。",
        "en": "Each clip is reviewed at every frame (Pose on every frame) and at each candidate, each run "
        "with fresh models. Agreeing = the same smile count, as many events of each kind (posture alerts "
        "included) with onsets (in order) within {onset} s, and every share of time in the summary (face "
        "found, smiling, eye contact, good posture per mode) within {share} points; \"agreeing but "
        "posture shares\" leaves out the good-posture shares. ≠: the event counts differ.",
    },
    "bench.agreement.labels_note": {
        "zh-CN": "姿势与人工标注对照({labels},高/中置信度且身体可见的片段):“直立误报”= 标为直立的帧中被判为"
        "有问题的比例,“问题检出”= 标为其他姿势的帧中被判为有问题的比例;括号内为逐帧分析的数值。",
        "en": "Posture against the human labels ({labels}; high/medium-confidence segments with a body in "
        "view): \"upright false alarms\" = frames labelled upright read as a fault, \"faults found\" = "
        "frames labelled otherwise read as a fault; in brackets every-frame analysis' own figure.",
    },
    "bench.agreement.choice_rule": {
        "zh-CN": "与所有视频完全一致且最省 CPU 的候选:{strict}。回看默认值的规则(coach/review_defaults.py):"
        "所有视频除姿势占比外一致,且姿势对照人工标注不差于逐帧分析({best} 最省);"
        "回看默认值:{default}。",
        "en": "The cheapest candidate agreeing on every clip in every figure: {strict}. The review "
        "default's rule (coach/review_defaults.py): agreeing but posture shares on every clip, and "
        "posture no less right than every-frame analysis against the human labels (cheapest: {best}); "
        "the review's default: {default}.",
    },
    "bench.col.clips_agree_face": {"zh-CN": "除姿势占比外一致", "en": "agreeing but posture shares"},
    "bench.col.upright_alarms": {"zh-CN": "直立误报 %", "en": "upright false alarms %"},
    "bench.col.faults_found": {"zh-CN": "问题检出 %", "en": "faults found %"},
}
