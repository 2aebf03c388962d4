"""Strings of the batch review (coach/batch/): `python -m coach review FOLDER --jobs N …`."""

STRINGS: dict[str, dict[str, str]] = {
    "batch.args": {"zh-CN": "批量分析(文件夹或长视频)", "en": "batch review (a folder, or long videos)"},
    "batch.arg.jobs": {
        "zh-CN": "同时分析的进程数(默认:CPU 核数);使用 Ray 时为同时运行的任务数",
        "en": "worker processes (default: the number of cores); with Ray: tasks at once",
    },
    "batch.arg.engine": {
        "zh-CN": "在哪里运行:local(本机多进程)或 ray(Ray 集群)",
        "en": "where to run: local (processes on this machine) or ray (a Ray cluster)",
    },
    "batch.arg.address": {
        "zh-CN": "Ray 集群地址(默认取 RAY_ADDRESS;都没有时在本机启动 Ray)",
        "en": "Ray cluster address (default RAY_ADDRESS; without either, a local Ray is started)",
    },
    "batch.arg.chunk": {
        "zh-CN": "把不短于 2×S 秒的视频切成 S 秒一段并行分析,再按顺序拼接"
        "(提醒与休息不会在分段处被拆开或重复);默认:文件数少于核数时,每核至少 {minimum} 秒的视频"
        "按核数切段",
        "en": "cut videos of at least 2×S seconds into S-second chunks analysed in parallel and stitched "
        "back in order (alerts and breaks are never split or doubled at a border); default: with "
        "fewer files than cores, a video of at least {minimum} s per core is cut into one chunk per core",
    },
    "batch.arg.per_frame": {
        "zh-CN": "每帧重新检测关键点(稍慢;结果与如何分段无关)",
        "en": "detect landmarks afresh in every frame (a little slower; results do not depend on chunking)",
    },
    "batch.arg.force": {
        "zh-CN": "重新分析已完成的文件",
        "en": "analyse again the files already finished",
    },
    "batch.arg.store": {
        "zh-CN": "同时写入数据库(可给出 URL;默认 COACH_DB_URL 或本机 SQLite),供主管报表使用",
        "en": "also write sessions into the store (optional URL; default COACH_DB_URL or the local SQLite) "
        "for the supervisors' reports",
    },
    "batch.arg.staff": {
        "zh-CN": "这些录像属于哪位员工(默认:每个文件所在的第一级文件夹名)",
        "en": "whose recordings these are (default: the first folder of each file's path)",
    },
    "batch.unit": {"zh-CN": "个文件", "en": "file"},
    "batch.progress": {"zh-CN": "批量分析", "en": "Batch"},
    "batch.skipped": {
        "zh-CN": "跳过 {count} 个已完成的文件(用 --force 重新分析)",
        "en": "Skipping {count} file(s) already finished (use --force to redo them)",
    },
    "batch.file_done": {
        "zh-CN": "{source}:{seconds} 秒视频,{frames} 帧,每秒 {fps} 帧;人脸 {face},微笑 {smile},"
        "姿势良好 {posture},事件 {events} 个",
        "en": "{source}: {seconds} s of video, {frames} frames at {fps} frames/s; face {face}, "
        "smiling {smile}, good posture {posture}, {events} event(s)",
    },
    "batch.done": {
        "zh-CN": "共 {files} 个文件:本次分析 {analysed} 个,跳过 {skipped} 个,失败 {failed} 个;"
        "分析视频 {duration},用时 {wall} 秒;每小时事件 {per_hour} 个",
        "en": "{files} file(s): {analysed} analysed now, {skipped} skipped, {failed} failed; "
        "{duration} of video analysed in {wall} s; {per_hour} events per hour",
    },
    "batch.interrupted": {
        "zh-CN": "已中断:还有 {left} 个文件未完成。再次运行同一命令即可继续。",
        "en": "Stopped: {left} file(s) not finished. Run the same command again to go on.",
    },
    "batch.summary.all": {"zh-CN": "(全部)", "en": "(all)"},
    "batch.store_failed": {
        "zh-CN": "{source} 未能写入数据库:{message}(结果文件已保存,下次运行会再试)",
        "en": "{source} was not written to the store: {message} "
        "(its files are kept; the next run tries again)",
    },
    "batch.error.no_ray": {
        "zh-CN": "未安装 Ray:请先运行 pip install \"ray==2.60.0\",或改用 --engine local。",
        "en": "Ray is not installed: run pip install \"ray==2.60.0\", or use --engine local.",
    },
    "batch.error.ray_unreachable": {
        "zh-CN": "无法连接 Ray 集群({address}):{detail}。请检查 --address 或 RAY_ADDRESS。",
        "en": "Cannot reach the Ray cluster ({address}): {detail}. Check --address or RAY_ADDRESS.",
    },
    "batch.error.engine": {
        "zh-CN": "未知的运行方式 {engine}:可选 {engines}。",
        "en": "Unknown engine {engine}: use one of {engines}.",
    },
    "batch.error.jobs": {
        "zh-CN": "--jobs 必须是 1 或更大的整数,而不是 {value}。",
        "en": "--jobs must be a whole number of 1 or more, not {value}.",
    },
    "batch.error.chunk_seconds": {
        "zh-CN": "--chunk-seconds 必须大于 0,而不是 {value}。",
        "en": "--chunk-seconds must be more than 0, not {value}.",
    },
    "batch.error.warmup": {
        "zh-CN": "预热时间必须是 0 或更多秒,而不是 {value}。",
        "en": "The warm-up must be 0 or more seconds, not {value}.",
    },
    "batch.error.no_staff": {
        "zh-CN": "写入数据库需要知道员工:{file} 不在员工文件夹中。"
        "请用 --staff 指定,或按 员工编号/视频 的结构存放。",
        "en": "Writing to the store needs to know whose video {file} is: give --staff ID, "
        "or put the videos in one folder per person (STAFF_ID/video.mp4).",
    },
    "batch.error.busy": {
        "zh-CN": "另一个批量分析正在写入 {outdir}:请等它结束,或换一个输出文件夹。",
        "en": "Another batch is writing into {outdir}: wait for it to finish, "
        "or choose another output folder.",
    },
    "batch.error.worker_died": {
        "zh-CN": "分析该文件的进程意外退出(可能被终止或内存不足):{detail}",
        "en": "the process analysing it stopped unexpectedly (killed, or out of memory): {detail}",
    },
}
