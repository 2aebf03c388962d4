"""Strings of `python -m coach bench` (coach/cli/bench.py, coach/bench/)."""

STRINGS: dict[str, dict[str, str]] = {
    "bench.help": {
        "zh-CN": "性能基准:MediaPipe 与完整流程的吞吐量、各阶段耗时、节能模式 CPU、回看速度、长时内存",
        "en": "speed benchmarks: throughput of bare MediaPipe vs the full pipeline, time per stage, "
        "eco-mode CPU, review speed, memory over a long session",
    },
    "bench.arg.quick": {
        "zh-CN": "快速运行(每项只测少量数据,约一分钟)",
        "en": "a quick run (a little of everything, about a minute)",
    },
    "bench.arg.only": {
        "zh-CN": "只运行指定部分(可重复):{sections}",
        "en": "run only this section (repeatable): {sections}",
    },
    "bench.arg.frames": {
        "zh-CN": "吞吐量:每种分辨率测量的帧数(默认 100)",
        "en": "throughput: frames measured per resolution (default 100)",
    },
    "bench.arg.resolutions": {
        "zh-CN": "吞吐量:分辨率列表,默认 640x480,1280x720",
        "en": "throughput: resolutions, default 640x480,1280x720",
    },
    "bench.arg.seconds": {
        "zh-CN": "节能模式:每种模式测量的秒数(默认 20)",
        "en": "eco mode: seconds measured per mode (default 20)",
    },
    "bench.arg.eco_fps": {
        "zh-CN": "节能模式每秒最多分析的帧数(默认 5)",
        "en": "eco mode: most frames analysed per second (default 5)",
    },
    "bench.arg.review_seconds": {
        "zh-CN": "回看:720p30 测试视频的秒数(默认 10)",
        "en": "review: length of the 720p30 clip in seconds (default 10)",
    },
    "bench.arg.stride": {
        "zh-CN": "回看:--stride 的值(默认 3)",
        "en": "review: the --stride value (default 3)",
    },
    "bench.arg.jobs": {
        "zh-CN": "回看:并行任务数(默认 = 可用 CPU 核数)",
        "en": "review: parallel jobs (default: every usable core)",
    },
    "bench.arg.hours": {
        "zh-CN": "内存:回放的视频时长(小时,默认 8)",
        "en": "memory: hours of video time replayed (default 8)",
    },
    "bench.arg.replay_fps": {
        "zh-CN": "内存:回放的每秒帧数(默认 5,即节能模式的帧率)",
        "en": "memory: frames per second of the replay (default 5, the eco rate)",
    },
    "bench.arg.clip": {
        "zh-CN": "用这个视频代替 sample_videos/default_session.mp4",
        "en": "use this video instead of sample_videos/default_session.mp4",
    },
    "bench.arg.data": {
        "zh-CN": "可选:含 MANIFEST.csv 的数据文件夹,其中的真实视频加入吞吐量测试",
        "en": "optional: a data folder with MANIFEST.csv; its real clips join the throughput table",
    },
    "bench.arg.no_haar": {"zh-CN": "不测 OpenCV Haar 级联", "en": "skip OpenCV's Haar cascades"},
    "bench.arg.record": {
        "zh-CN": "把结果、机器信息和命令写入文件(默认 benchmarks/RESULTS.md)",
        "en": "write the figures, the machine and the command to FILE (default benchmarks/RESULTS.md)",
    },
    "bench.arg.lang": {"zh-CN": "语言:zh-CN 或 en", "en": "language: zh-CN or en"},
    "bench.error.no_sample": {
        "zh-CN": "找不到示例视频 {path}:请运行 python -m coach.samples sample_videos 重新生成。",
        "en": "the sample clip {path} is missing. Rebuild it with: python -m coach.samples sample_videos",
    },
    "bench.error.no_clip": {
        "zh-CN": "找不到视频 {path}:请检查 --clip 的路径。",
        "en": "{path} does not exist. Check the --clip path.",
    },
    "bench.error.no_manifest": {
        "zh-CN": "找不到 {path}:--data 应指向含 MANIFEST.csv 的文件夹。",
        "en": "{path} not found: --data must point to a folder with MANIFEST.csv.",
    },
    "bench.error.bad_manifest": {
        "zh-CN": "无法读取 {path}({detail}):应为带 file、category 列的 CSV。",
        "en": "cannot read {path} ({detail}): expected a CSV with file and category columns.",
    },
    "bench.error.no_clips": {
        "zh-CN": "{path} 中没有可用的视频(类别以 video 开头的行)。",
        "en": "{path} lists no usable video (rows whose category starts with 'video').",
    },
    "bench.error.no_frames": {
        "zh-CN": "{path} 中没有可解码的画面:请换一个视频。",
        "en": "{path} has no decodable frames. Use another video.",
    },
    "bench.error.review_failed": {
        "zh-CN": "回看命令失败:{detail}",
        "en": "the review command failed: {detail}",
    },
    "bench.error.at_least_one": {
        "zh-CN": "{option} 必须是至少为 1 的整数,收到 {value}。",
        "en": "{option} must be a whole number of at least 1, got {value}.",
    },
    "bench.error.positive": {
        "zh-CN": "{option} 必须大于 0,收到 {value}。",
        "en": "{option} must be above 0, got {value}.",
    },
    "bench.error.resolution": {
        "zh-CN": "分辨率 {value!r} 无效:应写成 宽x高(偶数),例如 640x480,1280x720。",
        "en": "bad resolution {value!r}: write WIDTHxHEIGHT (even numbers), e.g. 640x480,1280x720.",
    },
    "bench.record.title": {
        "zh-CN": "速度基准(python -m coach bench)",
        "en": "Speed benchmarks (python -m coach bench)",
    },
    "bench.record.made_by": {
        "zh-CN": "命令:`{command}`,运行于 {when}。各表内的数字在同一次运行中测得;机器是共享的,"
        "比值比绝对时间更可信。",
        "en": "Made by `{command}` on {when}. Each table's figures come from this one run; the machine "
        "is shared, so trust the ratios more than the absolute times.",
    },
    "bench.record.written": {"zh-CN": "结果已写入 {path}", "en": "figures written to {path}"},
    "bench.machine.title": {"zh-CN": "机器", "en": "Machine"},
    "bench.col.item": {"zh-CN": "项目", "en": "item"},
    "bench.col.value": {"zh-CN": "值", "en": "value"},
    "bench.col.resolution": {"zh-CN": "分辨率", "en": "resolution"},
    "bench.col.method": {"zh-CN": "方法", "en": "method"},
    "bench.col.ms_per_frame": {"zh-CN": "毫秒/帧", "en": "ms/frame"},
    "bench.col.fps": {"zh-CN": "帧/秒", "en": "fps"},
    "bench.col.cpu_ms": {"zh-CN": "CPU 毫秒/帧", "en": "CPU ms/frame"},
    "bench.col.cores_busy": {"zh-CN": "占用核数", "en": "cores busy"},
    "bench.col.found": {"zh-CN": "检出率", "en": "found"},
    "bench.col.vs_bare": {"zh-CN": "相对裸 MediaPipe", "en": "× bare"},
    "bench.col.vs_bare_cpu": {"zh-CN": "CPU 相对裸 MediaPipe", "en": "× bare (CPU)"},
    "bench.col.stage": {"zh-CN": "阶段", "en": "stage"},
    "bench.col.stage_ms": {"zh-CN": "{size} 毫秒/帧", "en": "{size} ms/frame"},
    "bench.col.stage_cpu_ms": {"zh-CN": "{size} CPU 毫秒", "en": "{size} CPU ms"},
    "bench.col.share": {"zh-CN": "{size} 占比", "en": "{size} share"},
    "bench.col.mode": {"zh-CN": "模式", "en": "mode"},
    "bench.col.delivered": {"zh-CN": "送来的帧", "en": "frames delivered"},
    "bench.col.dropped": {"zh-CN": "来不及处理而丢弃", "en": "dropped (late)"},
    "bench.col.analysed": {"zh-CN": "分析的帧", "en": "frames analysed"},
    "bench.col.analysed_per_s": {"zh-CN": "每秒分析帧数", "en": "analysed per s"},
    "bench.col.cpu_share": {"zh-CN": "CPU(单核占比)", "en": "CPU (share of one core)"},
    "bench.col.vs_full": {"zh-CN": "相对全速", "en": "× full rate"},
    "bench.col.jobs": {"zh-CN": "并行任务", "en": "jobs"},
    "bench.col.stride": {"zh-CN": "stride", "en": "stride"},
    "bench.col.video_s": {"zh-CN": "视频秒数", "en": "video s"},
    "bench.col.frames": {"zh-CN": "分析的帧", "en": "frames analysed"},
    "bench.col.wall_s": {"zh-CN": "耗时(秒)", "en": "wall s"},
    "bench.col.speed": {"zh-CN": "视频秒/实际秒", "en": "video-s per wall-s"},
    "bench.col.vs_one": {"zh-CN": "相对单任务", "en": "× 1 job, stride 1"},
    "bench.col.video_time": {"zh-CN": "视频时间", "en": "video time"},
    "bench.col.steps": {"zh-CN": "引擎步数", "en": "engine steps"},
    "bench.col.rss": {"zh-CN": "常驻内存 MiB", "en": "RSS MiB"},
    "bench.col.rss_delta": {"zh-CN": "增长 MiB", "en": "Δ MiB"},
    "bench.col.events": {"zh-CN": "事件数", "en": "events kept"},
    "bench.frames.sample": {"zh-CN": "示例视频 {name}", "en": "sample clip {name}"},
    "bench.frames.real": {"zh-CN": "真实视频 {count} 段", "en": "{count} real clips"},
    "bench.progress.throughput": {
        "zh-CN": "吞吐量:{label},{width}×{height},{frames} 帧",
        "en": "throughput: {label}, {width}×{height}, {frames} frames",
    },
    "bench.progress.eco": {
        "zh-CN": "节能模式:全速与每秒 {fps} 帧各 {seconds} 秒(实时)",
        "en": "eco mode: full rate and {fps} fps, {seconds} s each (real time)",
    },
    "bench.progress.clip": {
        "zh-CN": "生成 {seconds} 秒 720p30 测试视频(临时文件)",
        "en": "making a {seconds} s 720p30 clip (temporary file)",
    },
    "bench.progress.review": {
        "zh-CN": "回看:{jobs} 个任务,stride {stride},每个 {seconds} 秒视频",
        "en": "review: {jobs} job(s), stride {stride}, {seconds} s of video each",
    },
    "bench.progress.record": {
        "zh-CN": "内存:以每秒 {fps} 帧记录关键点",
        "en": "memory: recording landmarks at {fps} fps",
    },
    "bench.progress.replay": {
        "zh-CN": "内存:回放 {hours} 小时(每秒 {fps} 帧,{steps} 步)",
        "en": "memory: replaying {hours} h at {fps} fps ({steps} steps)",
    },
    "bench.throughput.title": {"zh-CN": "吞吐量:{label}", "en": "Throughput: {label}"},
    "bench.throughput.note": {
        "zh-CN": "每帧依次经过每种方法(顺序逐帧轮换),取 {frames} 帧(不含预热)的平均;不含解码。"
        "检出率:MediaPipe 与完整流程为找到人脸的帧,Haar 为同时找到人脸和微笑候选的帧。占用核数 = "
        "CPU 时间 / 实际时间:低于 1 说明机器被其他进程占用,此时 CPU 毫秒和 CPU 比值最可靠。",
        "en": "Each frame goes through every method, one after the other (the order rotating frame by "
        "frame); means over {frames} frames (warm-up left out); decoding not included. Found: "
        "frames with a face (MediaPipe, pipeline) or with a face and a smile candidate (Haar). "
        "Cores busy = CPU time / wall time: below 1 the machine was busy with other work, and then "
        "the CPU milliseconds and the CPU ratio are the steadier figures.",
    },
    "bench.method.bare": {"zh-CN": "裸 MediaPipe FaceMesh+Pose", "en": "bare MediaPipe FaceMesh+Pose"},
    "bench.method.full": {
        "zh-CN": "完整流程(关键点+规则+跟踪+叠加绘制)",
        "en": "full pipeline (landmarks+rules+trackers+overlay)",
    },
    "bench.method.capped": {
        "zh-CN": "完整流程,姿态模型每秒最多 {fps} 次",
        "en": "full pipeline, Pose ≤{fps} fps",
    },
    "bench.throughput.capped_note": {
        "zh-CN": "{size}:姿态模型每秒最多 {fps} 次时,在 {frames} 帧中运行了 {runs} 次({share}%);"
        "其余帧沿用上次的身体关键点(人脸未明显移动时)。比例取决于片段帧率和人脸移动。",
        "en": "{size}: with Pose at most {fps} times a second it ran on {runs} of {frames} frames "
        "({share}%); the others reused the last body (the face had not moved much). The share "
        "depends on the clip's frame rate and on how much the face moves.",
    },
    "bench.method.haar": {"zh-CN": "OpenCV Haar 人脸+微笑级联", "en": "OpenCV Haar face+smile cascades"},
    "bench.stages.title": {
        "zh-CN": "完整流程各阶段耗时:{label}",
        "en": "Where the pipeline's time goes: {label}",
    },
    "bench.stages.slowest": {
        "zh-CN": "{size}:最慢的阶段是「{stage}」,{ms} 毫秒/帧(占 {share}%)",
        "en": "{size}: the slowest stage is {stage}, {ms} ms/frame ({share}% of the total)",
    },
    "bench.stages.note": {
        "zh-CN": "在流程内部计时:关键点器的两个模型和引擎调用的各个规则函数被临时包装计时;“关键点器自身”= "
        "关键点器耗时减去其模型,跟踪 = 引擎一步减去规则。CPU 为所有线程。",
        "en": "Timed inside the pipeline: the landmarker's two models and the engine's rule calls "
        "are wrapped for the run; the landmarker's own work is its time minus its models', the "
        "trackers' the engine's step minus the rules. CPU counts every thread.",
    },
    "bench.stages.note_outside": {
        "zh-CN": "无法在流程内部计时(模块结构已变):人脸网格和姿态取裸模型的时间,"
        "“关键点器自身”为差值(有噪声);规则单独再算一次,跟踪 = 引擎一步减去规则。",
        "en": "Could not time inside the pipeline (its modules changed shape): face mesh and pose are "
        "the bare models' times, the landmarker's own work a difference (noisy); the rules are run "
        "again on their own, trackers = the engine's step minus them.",
    },
    "bench.stage.decode": {"zh-CN": "解码", "en": "decode"},
    "bench.stage.face_mesh": {"zh-CN": "人脸网格(FaceMesh)", "en": "face mesh"},
    "bench.stage.pose": {"zh-CN": "姿态(Pose)", "en": "pose"},
    "bench.stage.landmarker_own": {
        "zh-CN": "关键点器自身(选人、小脸补救、坐标换算)",
        "en": "landmarker's own (pick person, small-face rescue, pixels)",
    },
    "bench.stage.rules": {"zh-CN": "规则(微笑、视线、姿势)", "en": "rules (smile, gaze, posture)"},
    "bench.stage.trackers": {
        "zh-CN": "跟踪器(平滑、提醒、休息计时)",
        "en": "trackers (smoothing, alerts, breaks)",
    },
    "bench.stage.overlay": {"zh-CN": "叠加绘制", "en": "overlay"},
    "bench.eco.title": {
        "zh-CN": "全天节能模式:{fps} 帧/秒的实时画面,每种模式 {seconds} 秒",
        "en": "All-day eco mode: a live {fps} fps source, {seconds} s per mode",
    },
    "bench.eco.full": {"zh-CN": "全速(每帧都分析)", "en": "full rate (every frame)"},
    "bench.eco.eco": {"zh-CN": "节能(最多 {fps} 帧/秒)", "en": "eco (at most {fps} fps)"},
    "bench.eco.note": {
        "zh-CN": "由实时页面自己的采集线程(CaptureWorker)按原速循环播放 {clip}(重新计时为 {fps} 帧/秒),"
        "与没有摄像头时播放示例视频相同;分析 = 关键点 + 引擎 + 叠加绘制;节能模式由 FramePacer "
        "跳帧。两种模式交替运行,各半段,模型加载不计入。CPU 为整个进程(所有线程)的 CPU 时间 / "
        "实际时间,含解码。",
        "en": "The live page's own capture worker plays {clip} (retimed to {fps} fps) at its own speed "
        "in a loop, as it does with the sample when there is no camera; analysis = landmarks + "
        "engine + overlay; in eco mode its FramePacer skips frames. The modes alternate, half the "
        "span each time, model loading left out. CPU = the whole process's CPU time (all threads) "
        "/ wall time, decoding included.",
    },
    "bench.review.title": {
        "zh-CN": "回看速度:{seconds} 秒的 720p30 视频,使用全部 CPU 核",
        "en": "Review speed: a {seconds} s 720p30 clip, on all cores",
    },
    "bench.col.input": {"zh-CN": "输入", "en": "input"},
    "bench.review.files": {"zh-CN": "{files} 个文件", "en": "{files} file(s)"},
    "bench.review.chunked": {"zh-CN": "1 个文件切成 {jobs} 段", "en": "1 file in {jobs} chunks"},
    "bench.review.jobs_option": {
        "zh-CN": "review 命令自带的 --jobs",
        "en": "the review command's own --jobs",
    },
    "bench.review.processes": {
        "zh-CN": "同时运行多个 review 命令",
        "en": "several review commands side by side",
    },
    "bench.review.note": {
        "zh-CN": "运行真实的 python -m coach review(含启动和模型加载时间);多任务时每个任务处理一份视频副本,"
        "方式:{fan_out}。测试视频由示例视频放大到 1280×720 并按 30 帧/秒重新计时。",
        "en": "Runs the real python -m coach review (start-up and model loading included); with several "
        "jobs each reviews its own copy of the clip, via {fan_out}. The clip is the sample scaled "
        "to 1280×720 and retimed to 30 fps.",
    },
    "bench.memory.title": {
        "zh-CN": "长时会话内存:回放 {hours} 小时(每秒 {fps} 帧)",
        "en": "Memory over a long session: {hours} h replayed at {fps} fps",
    },
    "bench.memory.growth": {
        "zh-CN": "后半段增长 {growth} MiB/小时。关键点从 {clip} 记录一次({recorded} 个观测),"
        "然后循环送入引擎,保留所有事件;每次采样前先回收垃圾。",
        "en": "Growth over the second half: {growth} MiB per hour. Landmarks recorded once from {clip} "
        "({recorded} observations), then cycled through the engine with every event kept; garbage "
        "collected before each sample.",
    },
    "bench.memory.step_ms": {
        "zh-CN": "引擎每步平均 {ms} 毫秒。",
        "en": "The engine took {ms} ms per step on average.",
    },
}
