"""Strings of the calibration area: the guided steps, what to fix, profiles, drift, the command."""

STRINGS: dict[str, dict[str, str]] = {
    # Steps: what to do now
    "calibration.step.neutral": {
        "zh-CN": "请放松面部、不要微笑,平视屏幕",
        "en": "Relax your face, no smile, and look at the screen",
    },
    "calibration.step.smile": {
        "zh-CN": "请自然微笑,就像迎接客户时那样",
        "en": "Smile naturally, as you would greet a customer",
    },
    "calibration.step.upright.sitting": {
        "zh-CN": "请端正坐好:上身挺直,双肩放松,露出双肩",
        "en": "Sit upright: back straight, shoulders relaxed and in view",
    },
    "calibration.step.upright.standing": {
        "zh-CN": "请端正站好:身体挺直,双肩放松,露出双肩",
        "en": "Stand upright: body straight, shoulders relaxed and in view",
    },
    "calibration.step_name.neutral": {"zh-CN": "自然表情", "en": "neutral face"},
    "calibration.step_name.smile": {"zh-CN": "自然微笑", "en": "natural smile"},
    "calibration.step_name.upright": {"zh-CN": "端正姿势", "en": "upright posture"},
    "calibration.phase.ready": {
        "zh-CN": "准备:{seconds} 秒后开始记录",
        "en": "Get ready: recording starts in {seconds} s",
    },
    "calibration.phase.recording": {
        "zh-CN": "记录中,请保持不动:还剩 {seconds} 秒",
        "en": "Recording, hold still: {seconds} s left",
    },
    "calibration.step_counter": {"zh-CN": "第 {number}/{total} 步", "en": "Step {number}/{total}"},
    "calibration.retry": {
        "zh-CN": "重做这一步(第 {attempt}/{attempts} 次):{problem}",
        "en": "Repeating this step (try {attempt}/{attempts}): {problem}",
    },
    # What to fix
    "calibration.problem.no_frames": {
        "zh-CN": "没有收到摄像头画面 — 请检查摄像头是否连接、是否被其他程序占用",
        "en": "no picture from the camera — check that it is connected and not used by another program",
    },
    "calibration.problem.too_few_frames": {
        "zh-CN": "摄像头画面太少 — 请关闭占用电脑的其他程序,或改善光线",
        "en": "too few pictures from the camera — close programs that slow the computer, or add light",
    },
    "calibration.problem.no_face": {
        "zh-CN": "画面中看不到面部 — 请坐到摄像头正前方",
        "en": "face not in view — sit in front of the camera",
    },
    "calibration.problem.face_too_small": {
        "zh-CN": "面部太小 — 请靠近摄像头一些",
        "en": "face too small — move closer to the camera",
    },
    "calibration.problem.no_shoulders": {
        "zh-CN": "看不到双肩 — 请稍微后移,让双肩进入画面",
        "en": "shoulders not in view — move back a little so both shoulders show",
    },
    "calibration.problem.look_at_screen": {
        "zh-CN": "视线偏离 — 请平视屏幕",
        "en": "you looked away — look at the screen",
    },
    "calibration.problem.moved": {
        "zh-CN": "身体移动了 — 请保持不动 {seconds} 秒",
        "en": "you moved — hold still for {seconds} seconds",
    },
    "calibration.problem.expression_changed": {
        "zh-CN": "表情有变化 — 请保持面部放松,不要微笑或说话 {seconds} 秒",
        "en": "your expression changed — keep a relaxed face, without smiling or talking, "
        "for {seconds} seconds",
    },
    "calibration.problem.no_smile": {
        "zh-CN": "没有看到微笑 — 请像迎接客户时那样自然微笑",
        "en": "no smile seen — smile naturally, as you would greet a customer",
    },
    "calibration.problem.not_standing": {
        "zh-CN": "看起来您是坐着的 — 这一步请站立",
        "en": "you seem to be sitting — stand up for this step",
    },
    "calibration.problem.not_sitting": {
        "zh-CN": "看起来您是站着的 — 这一步请坐下",
        "en": "you seem to be standing — sit down for this step",
    },
    "calibration.failed": {
        "zh-CN": "校准未完成(“{step}”这一步):{problem}",
        "en": "Calibration not finished (step \"{step}\"): {problem}",
    },
    "calibration.done": {
        "zh-CN": "校准完成,已保存到 {path}",
        "en": "Calibration done, saved to {path}",
    },
    "calibration.summary_line": {
        "zh-CN": "自然表情 {neutral} 帧,微笑 {smile} 帧(得分 {score}),姿势 {upright} 帧",
        "en": "neutral {neutral} frames, smile {smile} frames (score {score}), posture {upright} frames",
    },
    # Profiles
    "calibration.error.bad_mode": {
        "zh-CN": "姿势模式“{mode}”无效:请使用 {modes} 之一。",
        "en": "Posture mode \"{mode}\" is not valid: use one of {modes}.",
    },
    "calibration.error.missing": {
        "zh-CN": "找不到校准文件 {path}:请先运行校准(python -m coach calibrate)。",
        "en": "No calibration file at {path}: calibrate first (python -m coach calibrate).",
    },
    "calibration.error.not_a_profile": {
        "zh-CN": "{path} 不是本教练的校准文件:请选择正确的文件或重新校准。",
        "en": "{path} is not a coach calibration file: choose the right file or calibrate again.",
    },
    "calibration.error.version": {
        "zh-CN": "校准文件 {path} 的版本是 {version},本程序只能读取版本 {supported}:"
        "请重新校准,或更新本程序。",
        "en": "Calibration file {path} has version {version}; this coach reads version {supported}: "
        "calibrate again, or update the coach.",
    },
    "calibration.error.damaged": {
        "zh-CN": "校准文件 {path} 已损坏({detail}):请重新校准。",
        "en": "Calibration file {path} is damaged ({detail}): calibrate again.",
    },
    "calibration.error.cannot_write": {
        "zh-CN": "无法保存校准文件 {path}:{error}。请检查磁盘空间和文件夹权限。",
        "en": "Cannot save the calibration file {path}: {error}. Check the disk space and folder "
        "permissions.",
    },
    "calibration.error.unfinished": {
        "zh-CN": "校准尚未完成:请完成全部步骤。",
        "en": "Calibration is not finished yet: complete all the steps.",
    },
    "calibration.error.time_backwards": {
        "zh-CN": "画面时间倒退({t} 秒早于 {last} 秒):请重新开始校准。",
        "en": "Frame time went backwards ({t} s after {last} s): start the calibration again.",
    },
    "calibration.error.ended": {
        "zh-CN": "画面在校准完成前就结束了(“{step}”这一步):请使用更长的视频或摄像头。",
        "en": "The picture ended before calibration finished (step \"{step}\"): use a longer video "
        "or a camera.",
    },
    # Engine / panel: which baseline is in force, drift
    "calibration.engine.population": {
        "zh-CN": "无个人校准:使用通用标准",
        "en": "no profile: population defaults",
    },
    "calibration.engine.profile": {
        "zh-CN": "个人校准:{label}(建立于 {created})",
        "en": "personal calibration: {label} (made {created})",
    },
    "calibration.engine.baselines": {
        "zh-CN": "个人基线(无摄像头位置参考)",
        "en": "personal baselines (no camera position reference)",
    },
    "calibration.recalibrate": {
        "zh-CN": "需要重新校准吗?摄像头或座位似乎移动了 — 请重新校准,或按校准时的位置坐好。",
        "en": "Recalibrate? The camera or seat seems to have moved — recalibrate, or sit as you did then.",
    },
    # The command
    "calibration.cli.help": {
        "zh-CN": "个人校准:自然表情、微笑和端正姿势的基线(约 30 秒)",
        "en": "Personal calibration: neutral face, smile and upright posture baselines (about 30 s)",
    },
    "calibration.cli.person": {"zh-CN": "人员编号(文件夹名)", "en": "person id (the folder name)"},
    "calibration.cli.source": {
        "zh-CN": "摄像头编号、视频文件、图片或视频流地址(默认 0)",
        "en": "camera index, video file, picture or stream URL (default 0)",
    },
    "calibration.cli.mode": {"zh-CN": "坐姿或站姿(默认坐姿)", "en": "sitting or standing (default sitting)"},
    "calibration.cli.dir": {
        "zh-CN": "校准文件夹(默认为数据文件夹中的 people,或环境变量 COACH_CALIBRATION_DIR)",
        "en": "calibration folder (default: people in the data folder, or $COACH_CALIBRATION_DIR)",
    },
    "calibration.cli.lang": {"zh-CN": "界面语言 zh-CN 或 en", "en": "language, zh-CN or en"},
    "calibration.cli.start": {
        "zh-CN": "为 {person}({mode})校准,共 {steps} 步,每步约 {seconds} 秒。",
        "en": "Calibrating {person} ({mode}): {steps} steps of about {seconds} s each.",
    },
    "calibration.cli.interrupted": {
        "zh-CN": "校准已中断,未保存。",
        "en": "Calibration interrupted; nothing saved.",
    },
    "calibration.cli.step_passed": {"zh-CN": "✓ {step}", "en": "✓ {step}"},
    # Panel page
    "calibration.page.title": {"zh-CN": "个人校准", "en": "Personal calibration"},
    "calibration.page.intro": {
        "zh-CN": "约 30 秒:自然表情、自然微笑、端正姿势。之后微笑和姿势都按您本人的基线来判断。",
        "en": "About 30 seconds: a neutral face, a natural smile, upright posture. Afterwards smile and "
        "posture are judged against your own baseline.",
    },
    "calibration.page.mode": {"zh-CN": "姿势模式", "en": "Posture mode"},
    "calibration.page.source": {"zh-CN": "画面来源", "en": "Picture source"},
    "calibration.page.source.camera": {"zh-CN": "本机摄像头", "en": "This computer's camera"},
    "calibration.page.source.file": {"zh-CN": "上传视频", "en": "Upload a video"},
    "calibration.page.camera_index": {"zh-CN": "摄像头编号", "en": "Camera index"},
    "calibration.page.upload": {"zh-CN": "校准视频", "en": "Calibration video"},
    "calibration.page.start": {"zh-CN": "开始校准", "en": "Start calibration"},
    "calibration.page.current": {
        "zh-CN": "当前校准:{created} 建立",
        "en": "Current calibration: made {created}",
    },
    "calibration.page.none": {
        "zh-CN": "尚未校准:正在使用通用标准。",
        "en": "Not calibrated yet: population defaults are in use.",
    },
    "calibration.page.need_upload": {"zh-CN": "请先选择一个视频文件。", "en": "Choose a video file first."},
    "calibration.page.smile_reference": {
        "zh-CN": "您的自然微笑:得分 {score},嘴角 {corner}°",
        "en": "Your natural smile: score {score}, mouth corners {corner}°",
    },
}
