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
        "zh-CN": "分析每一帧(较慢;默认每秒视频分析 {fps} 帧,这一速率与逐帧分析的事件和占比一致,"
        "见 benchmarks/RESULTS.md)",
        "en": "analyse every frame (slower; by default {fps} frames per second of video are analysed, "
        "a rate whose events and shares agree with every-frame analysis: benchmarks/RESULTS.md)",
    },
}
