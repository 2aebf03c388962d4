"""Strings of the Streamlit panel (app.py, coach/panel/)."""

STRINGS: dict[str, dict[str, str]] = {
    # Navigation and sidebar
    "panel.nav.live": {"zh-CN": "实时自检", "en": "Live self-check"},
    "panel.nav.review": {"zh-CN": "录像回看", "en": "Video review"},
    "panel.nav.reports": {"zh-CN": "报表", "en": "Reports"},
    "panel.nav.calibration": {"zh-CN": "个人校准", "en": "Calibration"},
    "panel.nav.thresholds": {"zh-CN": "阈值设置", "en": "Thresholds"},
    "panel.calibration.unavailable": {
        "zh-CN": "校准暂不可用:{error}",
        "en": "Calibration is not available: {error}",
    },
    # The language picker reads the same in both languages: Streamlit keeps a selectbox's choice
    # by its shown text, so text that changed with the language would undo the switch.
    "panel.sidebar.language": {"zh-CN": "语言 / Language", "en": "语言 / Language"},
    "panel.language.zh-CN": {"zh-CN": "中文", "en": "中文"},
    "panel.language.en": {"zh-CN": "English", "en": "English"},
    "panel.sidebar.person": {"zh-CN": "姓名或工号", "en": "Name or staff ID"},
    "panel.sidebar.person_help": {
        "zh-CN": "每个人的阈值和偏好分别保存;换人时输入自己的姓名或工号。",
        "en": "Thresholds and preferences are kept per person; type your own name or staff ID.",
    },
    "panel.sidebar.quiet": {"zh-CN": "安静模式", "en": "Quiet mode"},
    "panel.sidebar.quiet_help": {
        "zh-CN": "只保留休息提醒,暂停微笑和姿势提示(读数照常显示)。",
        "en": "Only the break reminder remains; smile and posture alerts pause (readings still show).",
    },
    "panel.sidebar.sound": {"zh-CN": "轻提示音", "en": "Soft chime"},
    "panel.sidebar.sound_help": {
        "zh-CN": "新提示出现时播放一声轻柔的提示音(浏览器需先点击过页面)。",
        "en": "Play a soft chime when a new alert appears (the browser needs one click on the page first).",
    },
    "panel.sidebar.eco": {"zh-CN": "节能模式(全天运行,更省 CPU)", "en": "Eco mode (all day, less CPU)"},
    "panel.sidebar.eco_help": {
        "zh-CN": "每秒最多分析 {fps} 帧,而不是每一帧:CPU 约省一半,提醒照常(提醒本就要等 10–30 秒)。"
        "从下一次开始的会话起生效。",
        "en": "Analyse at most {fps} frames a second instead of every frame: about half the CPU, the same "
        "alerts (they wait 10–30 s anyway). Applies to the next session started.",
    },
    "panel.sidebar.eco_bad_setting": {
        "zh-CN": "无法识别 COACH_MAX_FPS={value}(可用 eco、full 或每秒帧数);节能模式按每秒 {fps} 帧。",
        "en": "COACH_MAX_FPS={value} is not understood (use eco, full or frames per second); "
        "eco mode uses {fps} frames a second.",
    },
    "panel.sidebar.store": {"zh-CN": "保存会话数据", "en": "Keep session figures"},
    "panel.sidebar.store_help": {
        "zh-CN": "把每次自检的数字(不含画面)存入数据库,供报表使用。需要本工作站的凭据(向管理员申请);"
        "没有凭据时默认关闭。",
        "en": "Keep each session's numbers (never pictures) in the database for reports. Needs this "
        "workstation's credential (ask your admin); off by default until it has one.",
    },
    # Profiles (per-person files)
    "panel.profile.not_loaded": {
        "zh-CN": "未能载入个人设置:{error}",
        "en": "Personal settings not loaded: {error}",
    },
    "panel.profile.not_saved": {
        "zh-CN": "个人设置未能保存({error}):请检查数据文件夹是否可写。",
        "en": "Personal settings not saved ({error}): check that the data folder is writable.",
    },
    # Settings side panel
    "panel.settings.title": {"zh-CN": "阈值设置", "en": "Thresholds"},
    "panel.settings.caption": {
        "zh-CN": "为 {person} 保存;新设置从下一次开始自检时生效。",
        "en": "Saved for {person}; new values apply from the next session you start.",
    },
    "panel.settings.save": {"zh-CN": "保存", "en": "Save"},
    "panel.settings.reset": {"zh-CN": "恢复默认值", "en": "Restore defaults"},
    "panel.settings.saved": {"zh-CN": "已保存。", "en": "Saved."},
    "panel.settings.invalid": {"zh-CN": "未保存:{error}", "en": "Not saved: {error}"},
    "panel.settings.area.smile": {"zh-CN": "微笑", "en": "Smile"},
    "panel.settings.area.gaze": {"zh-CN": "目光接触", "en": "Eye contact"},
    "panel.settings.area.posture": {"zh-CN": "姿势", "en": "Posture"},
    "panel.settings.area.alerts": {"zh-CN": "提示", "en": "Alerts"},
    "panel.settings.area.breaks": {"zh-CN": "休息", "en": "Breaks"},
    # Threshold labels (one per field of coach.settings.Settings)
    "panel.setting.smile.smile_threshold": {
        "zh-CN": "微笑判定分数线(0–100)",
        "en": "Smile score that counts as a smile (0\u2013100)",
    },
    "panel.setting.smile.genuine_threshold": {
        "zh-CN": "真诚微笑的眼部参与下限(0–1)",
        "en": "Eye involvement for a genuine smile (0\u20131)",
    },
    "panel.setting.smile.teeth_gap": {
        "zh-CN": "露齿判定的唇间距(眼距单位)",
        "en": "Lip gap that counts as teeth showing (eye-distance units)",
    },
    "panel.setting.smile.corner_norm_min_deg": {
        "zh-CN": "嘴角上扬标准下限(度)",
        "en": "Mouth-corner norm, lowest (degrees)",
    },
    "panel.setting.smile.corner_norm_max_deg": {
        "zh-CN": "嘴角上扬标准上限(度)",
        "en": "Mouth-corner norm, highest (degrees)",
    },
    "panel.setting.gaze.yaw_tolerance_deg": {
        "zh-CN": "目光左右容许偏差(度)",
        "en": "Eye contact: sideways tolerance (degrees)",
    },
    "panel.setting.gaze.pitch_tolerance_deg": {
        "zh-CN": "目光上下容许偏差(度)",
        "en": "Eye contact: up/down tolerance (degrees)",
    },
    "panel.setting.gaze.target_yaw_deg": {
        "zh-CN": "顾客方向:左右(度,0 = 摄像头)",
        "en": "Customer direction: sideways (degrees, 0 = camera)",
    },
    "panel.setting.gaze.target_pitch_deg": {
        "zh-CN": "顾客方向:上下(度,0 = 摄像头)",
        "en": "Customer direction: up/down (degrees, 0 = camera)",
    },
    "panel.setting.gaze.use_eyes": {
        "zh-CN": "结合眼球方向(画面清晰时)",
        "en": "Use the eyes' direction too (sharp video)",
    },
    "panel.setting.posture.min_visibility": {
        "zh-CN": "身体关键点可见度下限(0–1)",
        "en": "Body point visibility needed (0\u20131)",
    },
    "panel.setting.posture.torso_forward_max_deg": {
        "zh-CN": "上身前倾上限(度)",
        "en": "Forward trunk lean allowed (degrees)",
    },
    "panel.setting.posture.torso_back_max_deg": {
        "zh-CN": "上身后仰上限(度)",
        "en": "Backward trunk lean allowed (degrees)",
    },
    "panel.setting.posture.head_down_max_deg": {
        "zh-CN": "低头上限(度)",
        "en": "Head-down angle allowed (degrees)",
    },
    "panel.setting.posture.forward_head_max": {"zh-CN": "头部前伸上限", "en": "Forward head allowed (ratio)"},
    "panel.setting.posture.head_tilt_max_deg": {"zh-CN": "歪头上限(度)", "en": "Head tilt allowed (degrees)"},
    "panel.setting.posture.shoulder_tilt_max_deg": {
        "zh-CN": "斜肩上限(度)",
        "en": "Shoulder tilt allowed (degrees)",
    },
    "panel.setting.posture.shoulders_raised_max": {
        "zh-CN": "耸肩上限(比例)",
        "en": "Raised shoulders allowed (share)",
    },
    "panel.setting.posture.side_lean_max_deg": {
        "zh-CN": "身体侧倾上限(度)",
        "en": "Sideways lean allowed (degrees)",
    },
    "panel.setting.posture.feet_width_min": {
        "zh-CN": "站姿双脚间距下限(肩宽倍数)",
        "en": "Standing feet spread, lowest (\u00d7 shoulder width)",
    },
    "panel.setting.posture.feet_width_max": {
        "zh-CN": "站姿双脚间距上限(肩宽倍数)",
        "en": "Standing feet spread, highest (\u00d7 shoulder width)",
    },
    "panel.setting.posture.chin_reach": {
        "zh-CN": "托腮判定距离(脸宽倍数)",
        "en": "Hand-to-chin distance for chin on hand (\u00d7 face width)",
    },
    "panel.setting.posture.upright_head_height": {
        "zh-CN": "坐直时头部高度(肩宽倍数)",
        "en": "Head height when upright (\u00d7 shoulder width)",
    },
    "panel.setting.posture.level_head_pitch_deg": {
        "zh-CN": "平视时鼻子低于耳朵的角度(度)",
        "en": "Nose below ears when looking level (degrees)",
    },
    "panel.setting.alerts.onset_s": {
        "zh-CN": "问题持续多久才提示(秒)",
        "en": "Seconds a fault must last before an alert",
    },
    "panel.setting.alerts.exit_ratio": {
        "zh-CN": "解除提示的阈值比例",
        "en": "Share of the threshold that ends an alert",
    },
    "panel.setting.alerts.exit_s": {
        "zh-CN": "恢复多久后解除提示(秒)",
        "en": "Seconds back in range before the alert ends",
    },
    "panel.setting.alerts.cooldown_s": {
        "zh-CN": "同一提示的最短间隔(秒)",
        "en": "Seconds before the same alert may repeat",
    },
    "panel.setting.alerts.smoothing_s": {"zh-CN": "平滑时间(秒)", "en": "Smoothing time (seconds)"},
    "panel.setting.alerts.posture_alerts": {"zh-CN": "启用姿势提示", "en": "Posture alerts on"},
    "panel.setting.breaks.work_min": {
        "zh-CN": "工作多久提醒休息(分钟,50–60)",
        "en": "Minutes of work before a break reminder (50\u201360)",
    },
    "panel.setting.breaks.break_min": {
        "zh-CN": "休息至少多久才算数(分钟,3–5)",
        "en": "Minutes a break must last to count (3\u20135)",
    },
    "panel.setting.breaks.natural_break_min": {
        "zh-CN": "离开多久算自然休息(分钟)",
        "en": "Minutes away that count as a natural break",
    },
    "panel.setting.breaks.postpone_min": {
        "zh-CN": "推迟一次的时长(分钟)",
        "en": "Minutes one postpone lasts",
    },
    "panel.setting.breaks.max_skips_per_day": {"zh-CN": "每天最多跳过次数", "en": "Skips allowed per day"},
    "panel.setting.breaks.standing_counts_as_break": {
        "zh-CN": "站起来也算休息(坐姿岗位)",
        "en": "Standing up counts as a break (seated posts)",
    },
    "panel.setting.breaks.presence_grace_s": {
        "zh-CN": "短暂看不到人仍算在岗(秒)",
        "en": "Seconds out of view still counted as present",
    },
    # Live page
    "panel.live.title": {"zh-CN": "实时自检", "en": "Live self-check"},
    "panel.live.caption": {
        "zh-CN": "只有你能看到这块屏幕:提示用颜色表示,不会打扰窗口对面的顾客。画面不会被保存。",
        "en": "Only you see this screen: alerts are a colour the customer across the counter "
        "does not notice. No picture is kept.",
    },
    "panel.live.source": {"zh-CN": "视频来源", "en": "Video source"},
    "panel.live.source.camera": {"zh-CN": "本机摄像头", "en": "This computer's camera"},
    "panel.live.source.browser": {"zh-CN": "浏览器摄像头", "en": "Browser camera"},
    "panel.live.source.file": {"zh-CN": "视频文件", "en": "Video file"},
    "panel.live.camera": {"zh-CN": "摄像头编号或视频流地址", "en": "Camera number or stream address"},
    "panel.live.camera_help": {
        "zh-CN": "通常是 0;第二个摄像头是 1;网络摄像机可填 rtsp:// 地址。",
        "en": "Usually 0; a second camera is 1; an IP camera takes an rtsp:// address.",
    },
    "panel.live.file": {"zh-CN": "视频", "en": "Video"},
    "panel.live.file_upload": {"zh-CN": "上传自己的视频…", "en": "Upload your own video…"},
    "panel.live.start": {"zh-CN": "开始", "en": "Start"},
    "panel.live.stop": {"zh-CN": "结束", "en": "Stop"},
    "panel.live.press_start": {"zh-CN": "选择来源后点“开始”。", "en": "Pick a source and press Start."},
    "panel.live.no_camera_sample": {
        "zh-CN": "这台电脑没有可用的摄像头,正在播放示例视频 {name}。"
        "要用你所在电脑的摄像头,请选“浏览器摄像头”。",
        "en": "No camera found on this computer, so the sample video {name} is playing. "
        "To use the camera of the computer you are browsing from, choose “Browser camera”.",
    },
    "panel.live.no_samples": {
        "zh-CN": "没有摄像头,也找不到示例视频:请运行 scripts/setup.sh 生成 sample_videos/,或上传一段视频。",
        "en": "No camera and no sample video: run scripts/setup.sh to build sample_videos/, "
        "or upload a video.",
    },
    "panel.live.waiting": {"zh-CN": "正在等待第一帧画面…", "en": "Waiting for the first frame…"},
    "panel.live.no_readings": {"zh-CN": "还没有读数。", "en": "No readings yet."},
    "panel.live.source_failed": {
        "zh-CN": "视频来源出错,已停止:{error}",
        "en": "The video source failed and stopped: {error}",
    },
    "panel.live.finish_failed": {
        "zh-CN": "结束会话时出错:{error}",
        "en": "Finishing the session failed: {error}",
    },
    "panel.live.speed": {
        "zh-CN": "{fps} 帧/秒 · 延迟 {latency} 毫秒(分析 {analysis} 毫秒)",
        "en": "{fps} frames/s · latency {latency} ms (analysis {analysis} ms)",
    },
    "panel.live.speed_final": {
        "zh-CN": "本次会话:{fps} 帧/秒,延迟约 {latency} 毫秒。",
        "en": "This session: {fps} frames/s, latency about {latency} ms.",
    },
    "panel.live.browser_help": {
        "zh-CN": "点“开始”并允许浏览器使用摄像头;画面发送到运行教练的电脑分析后带标注返回。",
        "en": "Press Start and allow the camera; the picture goes to the computer running the coach "
        "and comes back with the overlay.",
    },
    "panel.live.browser_press_start": {
        "zh-CN": "点左侧的“开始”后,读数会显示在这里。",
        "en": "Press Start on the left; the readings appear here.",
    },
    "panel.webrtc.start": {"zh-CN": "开始", "en": "Start"},
    "panel.webrtc.stop": {"zh-CN": "结束", "en": "Stop"},
    "panel.webrtc.select_device": {"zh-CN": "选择摄像头", "en": "Select camera"},
    "panel.webrtc.media_api_not_available": {
        "zh-CN": "此浏览器无法使用摄像头(需要 https 或 localhost 地址)。",
        "en": "This browser cannot use the camera here (it needs an https or localhost address).",
    },
    "panel.webrtc.device_ask_permission": {
        "zh-CN": "请允许浏览器使用摄像头。",
        "en": "Please allow the browser to use the camera.",
    },
    "panel.webrtc.device_not_available": {
        "zh-CN": "没有找到摄像头。",
        "en": "No camera found.",
    },
    "panel.webrtc.device_access_denied": {
        "zh-CN": "摄像头权限被拒绝:请在浏览器地址栏旁允许摄像头后重试。",
        "en": "Camera access was denied: allow the camera next to the address bar and try again.",
    },
    # Alerts (the coloured bar)
    "panel.alert.ok": {"zh-CN": "状态良好", "en": "All good"},
    "panel.alert.waiting": {"zh-CN": "正在启动…", "en": "Starting…"},
    "panel.alert.away": {"zh-CN": "画面中没有人", "en": "Nobody in view"},
    "panel.alert.break_due": {"zh-CN": "该休息了", "en": "Time for a break"},
    "panel.alert.posture": {"zh-CN": "姿势:{fault}", "en": "Posture: {fault}"},
    # Readings
    "panel.reading.smile": {"zh-CN": "微笑分", "en": "Smile score"},
    "panel.reading.smile_help": {
        "zh-CN": "0–100,由嘴角上扬、眼部参与和对称性综合得出(平滑后)。",
        "en": "0–100 from mouth-corner lift, eye involvement and symmetry (smoothed).",
    },
    "panel.reading.smile_kind": {"zh-CN": "微笑类型", "en": "Smile type"},
    "panel.smile_kind.none": {"zh-CN": "未微笑", "en": "Not smiling"},
    "panel.smile_kind.mouth_only": {"zh-CN": "职业微笑(仅嘴角)", "en": "Mouth-only smile"},
    "panel.smile_kind.genuine": {"zh-CN": "真诚微笑", "en": "Genuine smile"},
    "panel.reading.corners": {"zh-CN": "嘴角上扬", "en": "Mouth corners"},
    "panel.reading.corners_help": {
        "zh-CN": "嘴角上扬角度(已校正头部倾斜),标准为 {low}–{high}°。",
        "en": "Mouth-corner lift (head tilt undone); the norm is {low}–{high}°.",
    },
    "panel.corner_verdict.faint": {
        "zh-CN": "嘴角上扬不足(标准 {low}–{high}°)",
        "en": "Corners lift too little (norm {low}–{high}°)",
    },
    "panel.corner_verdict.in_norm": {
        "zh-CN": "嘴角上扬在标准范围内({low}–{high}°)",
        "en": "Corner lift within the norm ({low}–{high}°)",
    },
    "panel.corner_verdict.exaggerated": {
        "zh-CN": "嘴角上扬过大,略显夸张(标准 {low}–{high}°)",
        "en": "Corners lift too much, looks exaggerated (norm {low}–{high}°)",
    },
    "panel.reading.eyes": {"zh-CN": "眼部参与", "en": "Eye involvement"},
    "panel.reading.eyes_help": {
        "zh-CN": "眼睛微眯、脸颊上提的程度;真诚的微笑眼睛也在笑。",
        "en": "How much the eyes narrow and cheeks rise; a sincere smile reaches the eyes.",
    },
    "panel.reading.symmetry": {"zh-CN": "对称性", "en": "Symmetry"},
    "panel.reading.symmetry_help": {
        "zh-CN": "左右嘴角上扬是否一致;100% 为完全对称。",
        "en": "Whether both corners lift alike; 100% is fully symmetric.",
    },
    "panel.reading.no_face": {"zh-CN": "没有看到脸。", "en": "No face in view."},
    "panel.reading.posture": {"zh-CN": "姿势", "en": "Posture"},
    "panel.reading.posture_faults": {"zh-CN": "此刻:{faults}", "en": "Right now: {faults}"},
    "panel.reading.eye_contact": {"zh-CN": "目光接触", "en": "Eye contact"},
    "panel.reading.eye_contact_help": {
        "zh-CN": "最近一段时间看向顾客方向的比例;标准 70–80%。",
        "en": "Share of recent time facing the customer; the norm is 70–80%.",
    },
    "panel.reading.next_break": {"zh-CN": "距下次休息", "en": "Next break in"},
    "panel.posture.unknown": {"zh-CN": "看不清", "en": "Not visible"},
    "panel.posture.ok": {"zh-CN": "良好", "en": "Good"},
    "panel.posture.fault": {"zh-CN": "需调整", "en": "Adjust"},
    # Break reminder and guided micro-breaks
    "panel.break.reminder": {"zh-CN": "该休息一下了", "en": "Time for a short break"},
    "panel.break.reminder_help": {
        "zh-CN": "每工作 50–60 分钟休息 5 分钟:起身活动,或做一个下面的微休息。",
        "en": "Every 50–60 minutes of work, rest 5 minutes: stand up and move, or do a micro-break below.",
    },
    "panel.break.take": {"zh-CN": "现在休息", "en": "Take it now"},
    "panel.break.postpone": {"zh-CN": "推迟一次", "en": "Postpone once"},
    "panel.break.skip": {"zh-CN": "跳过", "en": "Skip"},
    "panel.break.postponed": {
        "zh-CN": "已推迟 {minutes} 分钟,到时会再提醒。",
        "en": "Postponed by {minutes} minutes; you will be reminded again.",
    },
    "panel.break.skipped": {"zh-CN": "已跳过这次休息。", "en": "This break was skipped."},
    "panel.break.refused": {
        "zh-CN": "这次不能再推迟或跳过了(每次提醒只能推迟一次,每天跳过次数有限):请休息一下。",
        "en": "Not possible this time (one postpone per reminder, a few skips a day): please take the break.",
    },
    "panel.break.soon": {"zh-CN": "{clock} 后该休息了。", "en": "Break in {clock}."},
    "panel.break.on_break": {
        "zh-CN": "休息中:离开座位活动一下吧(再过 {clock} 算完成一次休息)。",
        "en": "On break: get up and move (it counts as a break in {clock}).",
    },
    "panel.break.title": {"zh-CN": "微休息", "en": "Micro-break"},
    "panel.break.intro": {
        "zh-CN": "选一个练习,跟着圆圈的节奏做。",
        "en": "Pick an exercise and follow the circle's pace.",
    },
    "panel.break.exercise.555": {"zh-CN": "5-5-5 法则", "en": "5-5-5 rule"},
    "panel.break.exercise.478": {"zh-CN": "4-7-8 呼吸", "en": "4-7-8 breathing"},
    "panel.break.exercise.eyes": {"zh-CN": "眼部放松", "en": "Eyes"},
    "panel.break.exercise.neck": {"zh-CN": "颈肩拉伸", "en": "Neck & shoulders"},
    "panel.break.exercise.wrist": {"zh-CN": "手腕活动", "en": "Wrists"},
    "panel.break.about.555": {
        "zh-CN": "5 秒深呼吸,5 秒放松身体,5 秒积极的自我对话。",
        "en": "5 s deep breath, 5 s relax your body, 5 s positive self-talk.",
    },
    "panel.break.about.478": {
        "zh-CN": "吸气 4 秒,屏息 7 秒,呼气 8 秒,共 4 轮。",
        "en": "Breathe in 4 s, hold 7 s, out 8 s; four rounds.",
    },
    "panel.break.about.eyes": {
        "zh-CN": "远眺、闭眼、慢眨眼、转动眼球。",
        "en": "Look far away, close your eyes, blink slowly, roll your eyes.",
    },
    "panel.break.about.neck": {
        "zh-CN": "左右侧颈、收下巴、绕肩、沉肩。",
        "en": "Side neck stretches, chin tuck, shoulder rolls, shoulder drop.",
    },
    "panel.break.about.wrist": {
        "zh-CN": "转手腕、拉伸手指、甩手放松。",
        "en": "Wrist circles, finger stretches, shake out your hands.",
    },
    "panel.break.step.555_breathe": {"zh-CN": "深吸一口气", "en": "Take a deep breath"},
    "panel.break.step.555_relax": {"zh-CN": "慢慢呼气,放松全身", "en": "Breathe out slowly, relax your body"},
    "panel.break.step.555_selftalk": {
        "zh-CN": "对自己说:我做得很好",
        "en": "Tell yourself: I am doing well",
    },
    "panel.break.step.478_in": {"zh-CN": "用鼻子吸气", "en": "Breathe in through your nose"},
    "panel.break.step.478_hold": {"zh-CN": "屏住呼吸", "en": "Hold your breath"},
    "panel.break.step.478_out": {"zh-CN": "用嘴慢慢呼气", "en": "Breathe out slowly through your mouth"},
    "panel.break.step.eyes_far": {"zh-CN": "看向 6 米外的远处", "en": "Look at something 6 m away"},
    "panel.break.step.eyes_close": {"zh-CN": "轻轻闭上眼睛", "en": "Close your eyes gently"},
    "panel.break.step.eyes_blink": {"zh-CN": "慢慢眨眼", "en": "Blink slowly"},
    "panel.break.step.eyes_roll": {"zh-CN": "眼球慢慢转圈", "en": "Roll your eyes slowly in circles"},
    "panel.break.step.neck_right": {
        "zh-CN": "头向右肩倾斜",
        "en": "Tilt your head toward your right shoulder",
    },
    "panel.break.step.neck_left": {"zh-CN": "头向左肩倾斜", "en": "Tilt your head toward your left shoulder"},
    "panel.break.step.neck_tuck": {"zh-CN": "下巴微收,颈后拉长", "en": "Tuck your chin, lengthen your neck"},
    "panel.break.step.neck_roll": {"zh-CN": "双肩向后绕圈", "en": "Roll your shoulders backwards"},
    "panel.break.step.neck_drop": {
        "zh-CN": "耸肩后放下,呼气",
        "en": "Lift your shoulders, then drop them as you breathe out",
    },
    "panel.break.step.wrist_circles": {"zh-CN": "手腕向内转圈", "en": "Circle your wrists inwards"},
    "panel.break.step.wrist_circles_back": {"zh-CN": "手腕向外转圈", "en": "Circle your wrists outwards"},
    "panel.break.step.wrist_stretch_right": {
        "zh-CN": "右手指尖向后轻拉",
        "en": "Gently pull your right fingers back",
    },
    "panel.break.step.wrist_stretch_left": {
        "zh-CN": "左手指尖向后轻拉",
        "en": "Gently pull your left fingers back",
    },
    "panel.break.step.wrist_shake": {"zh-CN": "甩甩手,放松", "en": "Shake out your hands"},
    "panel.break.progress": {
        "zh-CN": "第 {round}/{rounds} 轮 · 还剩 {left}",
        "en": "Round {round} of {rounds} · {left} left",
    },
    "panel.break.done": {"zh-CN": "完成,做得好!", "en": "Done, well done!"},
    "panel.break.end": {"zh-CN": "结束练习", "en": "End the exercise"},
    # Charts
    "panel.chart.minutes_ago": {"zh-CN": "分钟(0 = 现在)", "en": "minutes (0 = now)"},
    "panel.chart.video_seconds": {"zh-CN": "视频时间(秒)", "en": "video time (s)"},
    "panel.chart.smile": {"zh-CN": "微笑分", "en": "smile score"},
    "panel.chart.posture_fault": {"zh-CN": "姿势问题", "en": "posture fault"},
    # Summary
    "panel.summary.title": {"zh-CN": "会话小结:{source}", "en": "Session summary: {source}"},
    "panel.summary.video_seconds": {"zh-CN": "视频时长", "en": "Video length"},
    "panel.summary.frames_analysed": {"zh-CN": "分析帧数", "en": "Frames analysed"},
    "panel.summary.frames_per_second": {"zh-CN": "分析速度(帧/秒)", "en": "Analysis speed (frames/s)"},
    "panel.summary.observed_s": {"zh-CN": "观察时长", "en": "Time observed"},
    "panel.summary.present_s": {"zh-CN": "在岗时长", "en": "Time at the window"},
    "panel.summary.shares.smiling": {"zh-CN": "微笑时间占比", "en": "Time smiling"},
    "panel.summary.shares.eye_contact": {"zh-CN": "目光接触占比", "en": "Eye contact"},
    "panel.summary.shares.good_posture.sitting": {"zh-CN": "坐姿良好占比", "en": "Good sitting posture"},
    "panel.summary.shares.good_posture.standing": {"zh-CN": "站姿良好占比", "en": "Good standing posture"},
    "panel.summary.shares.good_posture.upper_body": {
        "zh-CN": "上身姿势良好占比",
        "en": "Good upper-body posture",
    },
    "panel.summary.smiles.count": {"zh-CN": "微笑次数", "en": "Smiles"},
    "panel.summary.smiles.per_hour": {"zh-CN": "每小时微笑次数", "en": "Smiles per hour"},
    "panel.summary.smiles.mean_score": {"zh-CN": "平均微笑分", "en": "Mean smile score"},
    "panel.summary.smiles.by_kind.genuine": {"zh-CN": "真诚微笑", "en": "Genuine smiles"},
    "panel.summary.smiles.by_kind.mouth_only": {"zh-CN": "职业微笑(仅嘴角)", "en": "Mouth-only smiles"},
    "panel.summary.breaks.due": {"zh-CN": "休息提醒", "en": "Break reminders"},
    "panel.summary.breaks.taken": {"zh-CN": "完成休息", "en": "Breaks taken"},
    "panel.summary.breaks.postponed": {"zh-CN": "推迟", "en": "Postponed"},
    "panel.summary.breaks.skipped": {"zh-CN": "跳过", "en": "Skipped"},
    "panel.summary.breaks.natural": {"zh-CN": "自然休息", "en": "Natural breaks"},
    "panel.summary.breaks.compliance": {"zh-CN": "休息执行率", "en": "Break compliance"},
    "panel.summary.all": {"zh-CN": "全部数据(同 summary.json)", "en": "All figures (as in summary.json)"},
    "panel.summary.yes": {"zh-CN": "是", "en": "yes"},
    "panel.summary.no": {"zh-CN": "否", "en": "no"},
    # Store hand-off
    "panel.store.saved": {"zh-CN": "会话数据已保存到 {where}。", "en": "Session figures saved to {where}."},
    "panel.store.not_saving": {
        "zh-CN": "本次会话不会被保存:{error}",
        "en": "This session will not be saved: {error}",
    },
    "panel.store.not_saved": {
        "zh-CN": "会话数据未能全部保存:{error}",
        "en": "The session's figures were not all saved: {error}",
    },
    "panel.reports.unavailable": {
        "zh-CN": "报表暂不可用:{error}",
        "en": "Reports are not available: {error}",
    },
    # Review page
    "panel.review.title": {"zh-CN": "录像回看", "en": "Video review"},
    "panel.review.caption": {
        "zh-CN": "上传服务录像,逐帧分析微笑、目光和姿势。视频只在分析时临时存放,分析完即删除。",
        "en": "Upload service recordings to analyse smile, eye contact and posture frame by frame. "
        "Videos are stored only while being analysed and deleted right after.",
    },
    "panel.review.upload": {
        "zh-CN": "选择一个或多个视频({types},每个不超过 {limit} MB)",
        "en": "Choose one or more videos ({types}, up to {limit} MB each)",
    },
    "panel.review.upload_help": {
        "zh-CN": "手机或摄像机录制的视频都可以;人脸越清晰,结果越准。",
        "en": "Phone or camera recordings both work; the clearer the face, the better the result.",
    },
    "panel.review.rate": {"zh-CN": "分析密度", "en": "Analysis rate"},
    "panel.review.rate_fps": {"zh-CN": "每秒 {fps} 帧", "en": "{fps} frames per second"},
    "panel.review.annotate": {"zh-CN": "同时生成标注视频", "en": "Also make an annotated video"},
    "panel.review.annotate_help": {
        "zh-CN": "生成带标注的 MP4 供下载;需要更多时间。",
        "en": "Make an MP4 with the overlay for download; takes longer.",
    },
    "panel.review.analyse": {"zh-CN": "开始分析", "en": "Analyse"},
    "panel.review.empty": {"zh-CN": "上传视频后点“开始分析”。", "en": "Upload videos, then press Analyse."},
    "panel.review.progress": {"zh-CN": "正在分析 {name}:{percent}%", "en": "Analysing {name}: {percent}%"},
    "panel.review.failed": {
        "zh-CN": "{name} 分析失败:{error}",
        "en": "{name} could not be analysed: {error}",
    },
    "panel.review.which": {"zh-CN": "查看哪个视频", "en": "Video to show"},
    "panel.review.show_annotated": {"zh-CN": "播放标注视频", "en": "Play the annotated video"},
    "panel.review.jump": {"zh-CN": "跳转到事件", "en": "Jump to an event"},
    "panel.review.no_events": {"zh-CN": "这段视频没有事件。", "en": "No events in this video."},
    "panel.review.more_events": {
        "zh-CN": "只列出前 {shown} 个(共 {total} 个),完整列表见下表和 events.csv。",
        "en": "First {shown} of {total} shown; the full list is in the table below and events.csv.",
    },
    "panel.review.timeline": {"zh-CN": "时间线", "en": "Timeline"},
    "panel.review.no_frames": {"zh-CN": "没有分析到画面。", "en": "No frames were analysed."},
    "panel.review.summary": {"zh-CN": "小结", "en": "Summary"},
    "panel.review.events": {"zh-CN": "事件(点一行跳转播放)", "en": "Events (click a row to seek the player)"},
    "panel.review.download_timeline": {"zh-CN": "下载 timeline.csv", "en": "Download timeline.csv"},
    "panel.review.download_events": {"zh-CN": "下载 events.csv", "en": "Download events.csv"},
    "panel.review.download_summary": {"zh-CN": "下载 summary.json", "en": "Download summary.json"},
    "panel.review.download_video": {"zh-CN": "下载标注视频", "en": "Download annotated video"},
    "panel.review.no_annotated": {
        "zh-CN": "未生成标注视频(分析前勾选即可)。",
        "en": "No annotated video (tick the box before analysing).",
    },
    "panel.events.start": {"zh-CN": "开始", "en": "Start"},
    "panel.events.end": {"zh-CN": "结束", "en": "End"},
    "panel.events.kind": {"zh-CN": "事件", "en": "Event"},
    "panel.events.detail": {"zh-CN": "说明", "en": "Detail"},
    # Upload checks
    "panel.upload.bad_type": {
        "zh-CN": "{name} 不是支持的视频类型:请上传 {allowed} 格式的视频。",
        "en": "{name} is not a supported video type: upload a {allowed} video.",
    },
    "panel.upload.empty": {
        "zh-CN": "{name} 是空文件(0 字节):请重新导出或复制该视频。",
        "en": "{name} is empty (0 bytes): export or copy the video again.",
    },
    "panel.upload.too_big": {
        "zh-CN": "{name} 有 {size} MB,超过 {limit} MB 的上限:请剪短或压缩后再上传。",
        "en": "{name} is {size} MB, over the {limit} MB limit: trim or compress it and upload again.",
    },
    "panel.upload.not_video": {
        "zh-CN": "{name} 的内容不是视频(只是扩展名像):请上传真正的 {allowed} 视频。",
        "en": "{name} does not contain video (only its name looks like one): upload a real {allowed} video.",
    },
}
