"""Strings of `python -m coach review` (coach/cli/review.py, coach/review.py)."""

STRINGS: dict[str, dict[str, str]] = {
    "review.help": {
        "zh-CN": "分析录像或照片(单个文件或整个文件夹):输出 timeline.csv、events.csv、summary.json",
        "en": "analyse recorded video(s) or photos (a file or a folder): "
        "writes timeline.csv, events.csv, summary.json",
    },
    "review.arg.input": {
        "zh-CN": "视频、图片,或包含它们的文件夹(会递归查找)",
        "en": "a video, a picture, or a folder of them (searched recursively)",
    },
    "review.arg.outdir": {"zh-CN": "输出文件夹(默认 review_out)", "en": "output folder (default review_out)"},
    "review.arg.stride": {
        "zh-CN": "每 N 帧分析一帧(代替默认速率)",
        "en": "analyse every N-th frame (instead of the default rate)",
    },
    "review.arg.fps": {
        "zh-CN": "每秒视频分析约 F 帧(默认 {default};0 = 每一帧)",
        "en": "analyse about F frames per second of video (default {default}; 0 = every frame)",
    },
    "review.arg.pose_fps": {
        "zh-CN": "姿态模型每秒视频最多运行 F 次(其间人脸不动时沿用上次的身体关键点,更快);"
        "默认 {default}",
        "en": "run the pose model at most F times per second of video (the body is reused in between "
        "while the face stays put: faster); default {default}",
    },
    "review.arg.annotate": {
        "zh-CN": "另存一份带标注的视频(MP4,会保存画面,仅在需要时使用)",
        "en": "also save an annotated copy (MP4; this keeps pictures, use only when needed)",
    },
    "review.arg.lang": {"zh-CN": "界面语言:zh-CN 或 en", "en": "language: zh-CN or en"},
    "review.arg.blendshapes": {
        "zh-CN": "可选:MediaPipe face_landmarker.task 模型文件,用于表情系数",
        "en": "optional: a MediaPipe face_landmarker.task file, for blendshapes",
    },
    "review.arg.quiet": {"zh-CN": "不显示进度条", "en": "no progress bar"},
    "review.error.missing_input": {
        "zh-CN": "找不到 {path}:请检查路径是否正确。",
        "en": "{path} does not exist. Check the path.",
    },
    "review.error.bad_pose_fps": {
        "zh-CN": "--pose-fps 必须是大于 0 的数字(每秒视频运行姿态模型的次数),收到 {value}。",
        "en": "--pose-fps must be a number above 0 (pose runs per second of video), got {value}.",
    },
    "review.error.empty_folder": {
        "zh-CN": "文件夹 {path} 中没有视频或图片。",
        "en": "The folder {path} contains no videos or pictures.",
    },
    "review.error.inside_input": {
        "zh-CN": "输出文件夹 {outdir} 位于输入文件夹内:请换一个输出位置。",
        "en": "The output folder {outdir} is inside the input folder: choose another place for the output.",
    },
    "review.file_failed": {"zh-CN": "跳过 {source}:{message}", "en": "Skipped {source}: {message}"},
    "review.file_done": {
        "zh-CN": "{source}:分析 {frames} 帧({seconds} 秒视频),每秒 {fps} 帧;检测到人脸 {face_share}%",
        "en": "{source}: {frames} frames analysed ({seconds} s of video) at {fps} frames/s; "
        "face found in {face_share}%",
    },
    "review.ended_early": {"zh-CN": "{source}:{message}", "en": "{source}: {message}"},
    "review.written": {"zh-CN": "结果已写入 {outdir}", "en": "Results written to {outdir}"},
    "review.some_failed": {
        "zh-CN": "{failed} 个文件无法分析,其余 {ok} 个已完成。",
        "en": "{failed} file(s) could not be analysed; the other {ok} are done.",
    },
    "review.warning": {"zh-CN": "注意:{message}", "en": "Note: {message}"},
}
