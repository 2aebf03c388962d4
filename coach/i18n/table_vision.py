"""Strings of the vision area: frame sources, landmarker, overlay and output files."""

STRINGS: dict[str, dict[str, str]] = {
    # Frame sources (coach/vision/sources.py)
    "vision.error.missing_file": {
        "zh-CN": "找不到文件 {path}:请检查路径是否正确。",
        "en": "File not found: {path}. Check the path.",
    },
    "vision.error.empty_file": {
        "zh-CN": "文件 {path} 是空的(0 字节):请重新导出或复制该视频。",
        "en": "File {path} is empty (0 bytes): export or copy the video again.",
    },
    "vision.error.not_a_file": {
        "zh-CN": "{path} 不是文件:请给出一个视频或图片文件。",
        "en": "{path} is not a file: give a video or image file.",
    },
    "vision.error.unreadable_video": {
        "zh-CN": "无法读取视频 {path}:文件已损坏或不是视频({detail})。请换一个文件或重新导出。",
        "en": "Cannot read video {path}: the file is corrupt or not a video ({detail}). "
        "Try another file or export it again.",
    },
    "vision.error.no_video_stream": {
        "zh-CN": "{path} 中没有视频画面:请给出一个含视频的文件。",
        "en": "{path} contains no video stream: give a file that has video.",
    },
    "vision.error.no_frames": {
        "zh-CN": "视频 {path} 中没有可解码的画面:文件可能不完整,请重新导出。",
        "en": "Video {path} has no decodable frames: the file may be incomplete; export it again.",
    },
    "vision.error.unsupported_codec": {
        "zh-CN": "不支持视频 {path} 的编码格式 {codec}:请转换为 H.264 MP4 后再试。",
        "en": "Video {path} uses an unsupported codec ({codec}): convert it to H.264 MP4 and try again.",
    },
    "vision.error.unsupported_type": {
        "zh-CN": "{path} 不是可读取的视频或图片(视频:MP4、MOV、AVI、MKV、WebM 等;图片:JPG、PNG 等)。",
        "en": "{path} is not a video or picture the coach can read "
        "(videos: MP4, MOV, AVI, MKV, WebM…; pictures: JPG, PNG…).",
    },
    "vision.error.unreadable_image": {
        "zh-CN": "无法读取图片 {path}:文件已损坏或格式不受支持。请换成 JPG 或 PNG。",
        "en": "Cannot read image {path}: the file is corrupt or in an unsupported format. Use JPG or PNG.",
    },
    "vision.error.camera_unavailable": {
        "zh-CN": "无法打开摄像头 {index}:请检查摄像头是否已连接、是否被其他程序占用。",
        "en": "Cannot open camera {index}: check that it is connected and not used by another program.",
    },
    "vision.error.stream_unavailable": {
        "zh-CN": "无法打开视频流 {url}({detail}):请检查地址和网络。",
        "en": "Cannot open stream {url} ({detail}): check the address and the network.",
    },
    "vision.error.bad_stride": {
        "zh-CN": "抽帧间隔必须是不小于 1 的整数,收到 {value}。",
        "en": "The frame stride must be a whole number of at least 1, got {value}.",
    },
    "vision.error.bad_fps": {
        "zh-CN": "分析帧率必须大于 0,收到 {value}。",
        "en": "The analysis frame rate must be greater than 0, got {value}.",
    },
    "vision.error.stride_and_fps": {
        "zh-CN": "抽帧间隔和分析帧率只能二选一。",
        "en": "Give either a frame stride or an analysis frame rate, not both.",
    },
    "vision.ended.camera_lost": {
        "zh-CN": "摄像头在 {t} 处停止输出画面;此前的记录已保存。",
        "en": "The camera stopped sending frames at {t}; what was recorded before is kept.",
    },
    "vision.ended.decode_error": {
        "zh-CN": "视频在 {t} 处损坏,之后的部分无法读取;此前的记录已保存。",
        "en": "The video is damaged at {t} and the rest cannot be read; what was analysed before is kept.",
    },
    "vision.ended.stream_lost": {
        "zh-CN": "视频流在 {t} 处中断;此前的记录已保存。",
        "en": "The stream was interrupted at {t}; what was recorded before is kept.",
    },
    # Landmarker (coach/vision/landmarker.py)
    "vision.error.blendshape_model_missing": {
        "zh-CN": "找不到表情模型文件 {path}:将不计算表情系数(blendshapes),其余功能照常。",
        "en": "Expression model {path} not found: blendshapes are off, everything else works as usual.",
    },
    "vision.error.blendshape_model_unusable": {
        "zh-CN": "表情模型文件 {path} 无法加载({detail}):将不计算表情系数,其余功能照常。",
        "en": "Expression model {path} could not be loaded ({detail}): blendshapes are off, "
        "everything else works as usual.",
    },
    # Overlay (coach/vision/overlay.py): short labels drawn on the picture
    "vision.overlay.no_face": {"zh-CN": "未检测到人脸", "en": "no face"},
    "vision.overlay.smile": {"zh-CN": "微笑 {score}", "en": "smile {score}"},
    "vision.overlay.mouth_corner": {"zh-CN": "嘴角 {deg}°", "en": "mouth corners {deg}°"},
    "vision.overlay.head_roll": {"zh-CN": "头部倾斜 {deg}°", "en": "head roll {deg}°"},
    "vision.overlay.torso": {"zh-CN": "躯干 {deg}°", "en": "torso {deg}°"},
    "vision.overlay.shoulder_tilt": {"zh-CN": "肩线 {deg}°", "en": "shoulders {deg}°"},
    "vision.overlay.faces_in_view": {"zh-CN": "画面中 {count} 张脸", "en": "{count} faces in view"},
    "vision.overlay.smile_kind.genuine": {"zh-CN": "真诚", "en": "genuine"},
    "vision.overlay.smile_kind.mouth_only": {"zh-CN": "仅嘴角", "en": "mouth only"},
    "vision.overlay.smile_kind.none": {"zh-CN": "无", "en": "none"},
    # Output files (coach/sinks.py)
    "vision.error.disk_full": {
        "zh-CN": "磁盘已满,无法继续写入 {path};已写入的内容已保留。请腾出空间后重试。",
        "en": "The disk is full; cannot write {path}. What was already written is kept. "
        "Free some space and try again.",
    },
    "vision.error.cannot_write": {
        "zh-CN": "无法写入 {path}({detail})。请检查输出目录的权限。",
        "en": "Cannot write {path} ({detail}). Check the output folder's permissions.",
    },
    "vision.error.no_h264": {
        "zh-CN": "本机的视频库不含 H.264 编码器,无法保存标注视频;其余结果照常输出。",
        "en": "This machine's video library has no H.264 encoder, so no annotated video is saved; "
        "the other results are written as usual.",
    },
}
