"""Strings of the live coach's cost figures: eco mode, live memory, first reading (the bench)."""

STRINGS = {
    "livespeed.col.converted": {"zh-CN": "转换为像素的帧", "en": "frames converted"},
    "livespeed.col.pose_per_s": {"zh-CN": "姿态模型 次/秒", "en": "Pose runs/s"},
    "livespeed.col.overlays_per_s": {"zh-CN": "叠加绘制 次/秒", "en": "overlays drawn/s"},
    "livespeed.every_frame": {"zh-CN": "每一帧", "en": "every frame"},
    "livespeed.mode.before": {
        "zh-CN": "节能,改进前(每帧解码,姿态 5 次/秒,画面显示)",
        "en": "eco as before (every frame decoded, Pose 5/s, picture shown)",
    },
    "livespeed.mode.full": {
        "zh-CN": "全速(每帧分析,画面显示)",
        "en": "full rate (every frame, picture shown)",
    },
    "livespeed.mode.eco_viewed": {
        "zh-CN": "节能 {fps} 帧/秒,画面显示",
        "en": "eco {fps} fps, picture shown",
    },
    "livespeed.mode.eco": {
        "zh-CN": "节能 {fps} 帧/秒,无人查看画面",
        "en": "eco {fps} fps, nobody looking",
    },
    "livespeed.eco.note": {
        "zh-CN": "实时页面自己的采集线程(CaptureWorker)"
        "按原速循环播放 {clip}(重新计时为 {fps} 帧/秒),"
        "与没有摄像头时播放示例视频相同:OpenCV 逐帧取帧(grab),"
        "只把要分析的帧转换为像素(retrieve),与摄像头相同。"
        "“画面显示”= 页面按实时页面的刷新频率取画面:全速和改进前每 0.2 秒一次,节能模式每 0.5 秒一次"
        "(绘制叠加并编码 JPEG);“无人查看”= 不取画面,不绘制。"
        "节能模式的姿态模型约每秒一次,不因人脸移动而提前重跑:其间人脸移动时沿用上次的身体但标为过期,"
        "姿态保持上一读数而不用过期身体与当前人脸一起测量;只有跟踪的身体丢失后下一帧重试一次。"
        "各模式交替运行,各半段,模型加载不计入。"
        "CPU = 整个进程(所有线程)的 CPU 时间 / 实际时间,含解码。",
        "en": "The live page's own capture worker plays {clip} (retimed to {fps} fps) at its own speed in "
        "a loop, as it does with the sample when there is no camera: OpenCV grabs every frame as it "
        "falls due and converts to pixels only those analysed, as for a camera. Picture shown = a page "
        "asks for the picture as often as the live page refreshes it: every 0.2 s at full rate and as "
        "before, every 0.5 s in eco mode (overlay drawn, JPEG made); "
        "nobody looking = no picture asked for, nothing drawn. In eco mode Pose runs about once a "
        "second and not again when the face moves: in between, a face that moved keeps the last body "
        "marked stale and posture holds its last reading rather than measuring that body with this "
        "face; only after losing the body it followed does Pose try once more on the next frame. "
        "The modes alternate, half the span each time, "
        "model loading left out. CPU = the whole process's CPU time (all threads) / wall time, "
        "decoding included.",
    },
    "livespeed.camera.honoured": {
        "zh-CN": "摄像头 0:节能模式请求 {asked} 帧/秒,摄像头报告 {reported} 帧/秒(已接受)。",
        "en": "Camera 0: asked for {asked} fps in eco mode, it reports {reported} fps (honoured).",
    },
    "livespeed.camera.ignored": {
        "zh-CN": "摄像头 0:节能模式请求 {asked} 帧/秒,摄像头报告 {reported} 帧/秒"
        "(未接受;多余的帧只取不转换)。",
        "en": "Camera 0: asked for {asked} fps in eco mode, it reports {reported} fps (not honoured; "
        "the extra frames are grabbed, never converted).",
    },
    "livespeed.camera.none": {
        "zh-CN": "本机没有摄像头:无法检验 {asked} 帧/秒的请求是否被接受(有摄像头时在此报告)。",
        "en": "No camera on this machine: whether a camera honours the request for {asked} fps could not "
        "be checked (reported here where there is one).",
    },
    "livespeed.load": {
        "zh-CN": "测量期间的 1 分钟平均负载:开始 {before},结束 {after}({cores} 个可用核)。",
        "en": "1-minute load average: {before} at the start, {after} at the end ({cores} usable cores).",
    },
    "livespeed.progress.memory": {
        "zh-CN": "内存:实时工作线程回放 {hours} 小时(每 {step} 秒一帧,共 {frames} 帧,独立进程)",
        "en": "memory: the live worker over {hours} h (a frame every {step} s, {frames} frames, own process)",
    },
    "livespeed.progress.imports": {"zh-CN": "内存:各个库的导入开销", "en": "memory: what each import costs"},
    "livespeed.col.frames": {"zh-CN": "分析的帧", "en": "frames analysed"},
    "livespeed.memory.title": {
        "zh-CN": "实时进程内存:回放 {hours} 小时的会话(真实实时工作线程)",
        "en": "Live process memory: a {hours} h session replayed (the real live worker)",
    },
    "livespeed.memory.note": {
        "zh-CN": "独立进程(与 scripts/run.sh 启动面板相同,MALLOC_ARENA_MAX=2):"
        "导入实时页面(Streamlit 与面板模块),"
        "以 SQLite 打开存储的会话写入器,"
        "由实时页面自己的 CaptureWorker + FrameAnalyzer(节能模式,"
        "模型来自进程池)循环分析 {clip};时间压缩:"
        "第 k 帧的时间为 k × {step} 秒,因此跟踪器、提醒、事件、"
        "存储的每分钟行和休息计时都按整段时长增长,每一帧都经过真实模型。常驻内存:"
        "启动 {start} MiB,导入后 {imported} MiB,"
        "第一帧(模型加载)后 {first} MiB,峰值 {peak} MiB;"
        "后半段斜率 {slope} MiB/小时(最小二乘)。每次采样前先回收垃圾。",
        "en": "A process of its own, started as scripts/run.sh starts the panel (MALLOC_ARENA_MAX=2): "
        "it imports the live page (Streamlit and the panel's modules), opens the "
        "store's session writer on SQLite, and drives the page's own CaptureWorker + FrameAnalyzer (eco "
        "mode, models from the process's pool) over {clip} in a loop, time compressed: frame k is "
        "stamped k × {step} s, so trackers, alerts, events, the store's minute rows and the break clock "
        "grow as over the whole span, every frame through the real models. RSS: {start} MiB at start, "
        "{imported} MiB after the imports, {first} MiB after the first frame (models loaded), peak "
        "{peak} MiB; slope over the second half {slope} MiB per hour (least squares). Garbage "
        "collected before each sample.",
    },
    "livespeed.imports.title": {
        "zh-CN": "导入开销:每个库单独导入新 Python 进程增加的常驻内存",
        "en": "What imports cost: RSS each library adds imported alone into a fresh Python",
    },
    "livespeed.col.module": {"zh-CN": "模块", "en": "module"},
    "livespeed.col.import_mib": {"zh-CN": "增加 MiB", "en": "adds MiB"},
    "livespeed.col.in_live": {"zh-CN": "实时进程已加载", "en": "loaded in the live process"},
    "livespeed.yes": {"zh-CN": "是", "en": "yes"},
    "livespeed.no": {"zh-CN": "否", "en": "no"},
    "livespeed.imports.note": {
        "zh-CN": "报表库(pandas、openpyxl、reportlab)只在导出时导入;"
        "mediapipe 自带的绘图工具会导入 matplotlib。"
        "各库共享的依赖(numpy 等)只计一次,因此各行相加大于实际总量。"
        "实时曲线图为 SVG,因此实时进程不加载 pandas、Arrow 和 Altair。"
        "模型运行时的内存(第一帧时分配)不在此表,见上表。",
        "en": "Report libraries (pandas, openpyxl, reportlab) are imported only when exporting; mediapipe's "
        "own drawing utilities import matplotlib. Shared dependencies (numpy…) count once in a process, "
        "so the rows add up to more than a process holds; the live strip chart is SVG, so pandas, "
        "Arrow and Altair stay out of a live process. The models' working memory (allocated at the "
        "first frame) is not in this table; see the one above.",
    },
    "pagecost.title": {
        "zh-CN": "实时页面在浏览器中的开销:示例视频播放,每种方式测 {seconds} 秒",
        "en": "The live page in a browser: the sample playing, {seconds} s each",
    },
    "pagecost.col.server": {"zh-CN": "面板服务进程(占一个核)", "en": "panel server (share of one core)"},
    "pagecost.col.browser": {"zh-CN": "浏览器(占一个核)", "en": "browser (share of one core)"},
    "pagecost.col.together": {"zh-CN": "合计", "en": "together"},
    "pagecost.mode.eco_defaults": {
        "zh-CN": "节能 {fps} 帧/秒,Streamlit 默认设置(每次运行页面后完整回收垃圾、监视源文件)",
        "en": "eco {fps} fps, Streamlit's defaults (full garbage collection after every run of the page, "
              "source watcher)",
    },
    "pagecost.mode.eco": {
        "zh-CN": "节能 {fps} 帧/秒,本项目的设置(.streamlit/config.toml)",
        "en": "eco {fps} fps, the project's settings (.streamlit/config.toml)",
    },
    "pagecost.mode.full": {
        "zh-CN": "全速(每帧都分析),本项目的设置",
        "en": "full rate (every frame), the project's settings",
    },
    "pagecost.note": {
        "zh-CN": "真实的面板(streamlit run app.py)以 {clip}(重新计时为 {fps} 帧/秒)作为示例视频播放,"
                 "页面在无界面的 Chromium 中打开并显示画面;示例开始播放 5 秒后开始测量。"
                 "服务进程:其所有线程的 CPU 时间 / 时长;浏览器:Chromium 所有进程合计。"
                 "无界面的 Chromium 用软件绘制,装有显卡的浏览器通常更省。",
        "en": "The real panel (streamlit run app.py) plays {clip} (retimed to {fps} fps) as its sample, with "
              "the page open in headless Chromium showing the picture; measured from 5 s after the sample "
              "starts. Server: the CPU time of all its threads / the span; browser: all of Chromium's "
              "processes together. Headless Chromium draws in software; a browser with a graphics card "
              "usually costs less.",
    },
    "pagecost.unavailable": {
        "zh-CN": "实时页面在浏览器中的开销:未测量"
                 "(需要 /usr/bin/chromium 和 playwright;scripts/setup.sh --dev 会安装)。",
        "en": "The live page in a browser: not measured (needs /usr/bin/chromium and playwright; "
              "scripts/setup.sh --dev installs them).",
    },
    "pagecost.progress": {
        "zh-CN": "在浏览器中测量实时页面:{mode}",
        "en": "measuring the live page in a browser: {mode}",
    },
}
