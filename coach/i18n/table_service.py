"""Strings of serving a customer: the service state, the queue system's hook, the service
moments in the live view, the self-check sheet and the reports."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # the hook command
    "service.cli.help": {
        "zh-CN": "叫号系统的信号:下一位顾客 / 服务结束(发给本机正在运行的实时教练)",
        "en": "The queue system's signal: next customer / service ended (to the live coach on this machine)",
    },
    "service.cli.arg.signal": {"zh-CN": "信号:next-customer 或 service-end",
                               "en": "the signal: next-customer or service-end"},
    "service.cli.arg.person": {"zh-CN": "正在窗口服务的员工编号",
                               "en": "the staff id of the person at the window"},
    "service.cli.arg.port": {
        "zh-CN": "实时教练在 127.0.0.1 上监听的端口(默认取 COACH_HOOK_PORT)",
        "en": "the port the live coach listens on at 127.0.0.1 (default: COACH_HOOK_PORT)",
    },
    "service.cli.arg.user": {
        "zh-CN": "用此账号登录发送(不给则用本工作站的凭据)",
        "en": "send under this login (without it: this workstation's credential)",
    },
    "service.cli.no_port": {
        "zh-CN": "没有端口:用 --port 或环境变量 {env} 指定实时教练的监听端口(设置中的 service.hook_port)。",
        "en": "No port: give the live coach's port with --port or {env} (service.hook_port in the settings).",
    },
    "service.cli.sent.next-customer": {"zh-CN": "已通知:{person} 开始接待下一位顾客。",
                                       "en": "Sent: {person} starts serving the next customer."},
    "service.cli.sent.service-end": {"zh-CN": "已通知:{person} 的本次服务结束。",
                                     "en": "Sent: {person}'s service has ended."},
    "service.hook.not_listening": {
        "zh-CN": "本机端口 {port} 上没有实时教练在监听:先打开实时教练并在设置中启用叫号接口。",
        "en": "No live coach listens on port {port} of this machine: "
              "start the live coach with the queue hook on in its settings.",
    },
    "service.hook.other_person": {
        "zh-CN": "信号是给 {staff_id} 的,但这里的实时教练正在辅导 {coached}:信号被拒绝。",
        "en": "The signal is for {staff_id}, but this live coach coaches {coached}: refused.",
    },
    "service.hook.bad_request": {"zh-CN": "叫号接口收到无法读取的请求。",
                                 "en": "The queue hook got a request it cannot read."},
    "service.hook.bad_signal": {"zh-CN": "未知信号:应为 {choices} 之一。",
                                "en": "Unknown signal: expected one of {choices}."},
    "service.hook.not_found": {"zh-CN": "叫号接口只有 /signal。", "en": "The queue hook has only /signal."},
    "service.hook.problem": {"zh-CN": "叫号接口未能启动:{detail}",
                             "en": "The queue hook could not start: {detail}"},
    # events
    "event.service": {"zh-CN": "接待顾客", "en": "Served a customer"},
    # live view
    "service.live.label": {"zh-CN": "接待", "en": "Serving"},
    "service.live.not_serving": {"zh-CN": "未在接待", "en": "Not serving"},
    "service.live.serving": {"zh-CN": "正在接待顾客", "en": "Serving a customer"},
    "service.live.serving_eye": {"zh-CN": "正在接待顾客 · 目光接触 {value}",
                                 "en": "Serving a customer · eye contact {value}"},
    "service.live.served": {"zh-CN": "已接待 {count} 位", "en": "{count} served"},
    # session summary (the live page on stop, the review page)
    "panel.summary.service.served": {"zh-CN": "接待顾客数", "en": "Customers served"},
    "panel.summary.service.greeted": {"zh-CN": "微笑问候的顾客", "en": "Customers greeted with a smile"},
    "panel.summary.service.greeted_share": {"zh-CN": "微笑问候占比", "en": "Greeted with a smile"},
    "panel.summary.service.eye_contact_share": {"zh-CN": "服务中的目光接触",
                                                "en": "Eye contact while serving"},
    # an event's detail (events.csv, the panel's event list)
    "service.detail.source.talk": {"zh-CN": "由说话识别", "en": "seen from talking"},
    "service.detail.source.hook": {"zh-CN": "叫号系统", "en": "queue system"},
    "service.detail.greeted": {"zh-CN": "微笑问候", "en": "greeted with a smile"},
    "service.detail.not_greeted": {"zh-CN": "问候时未微笑", "en": "no smile at the greeting"},
    "service.detail.eye_contact": {"zh-CN": "目光接触 {value}", "en": "eye contact {value}"},
    # self-check sheet
    "day.check.greeted": {"zh-CN": "问候顾客时微笑了吗", "en": "Smiled when greeting each customer?"},
    "day.check.greeted.figure": {"zh-CN": "{served} 位顾客中 {greeted} 位({value})",
                                 "en": "{greeted} of {served} customers ({value})"},
    "day.check.greeted.norm": {"zh-CN": "至少 {norm}", "en": "at least {norm}"},
    "day.check.serving_eye_contact": {"zh-CN": "服务时目光接触保持七到八成吗",
                                      "en": "Eye contact 70–80% while serving?"},
    "day.check.serving_eye_contact.figure": {"zh-CN": "{value}", "en": "{value}"},
    "day.check.serving_eye_contact.norm": {"zh-CN": "{low}–{high}", "en": "{low}–{high}"},
    # reports
    "store.col.customers_served": {"zh-CN": "接待顾客数", "en": "Customers served"},
    "store.col.greeted_with_smile": {"zh-CN": "微笑问候", "en": "Greeted with a smile"},
    "store.col.serving_eye_contact": {"zh-CN": "服务中的目光接触", "en": "Eye contact while serving"},
    "service.report.heading": {"zh-CN": "接待顾客", "en": "Serving customers"},
    # clip evaluation
    "service.eval.section": {
        "zh-CN": "接待状态(说话朝向窗口):各标签中处于服务内的帧占比;每个片段:服务数、说话、静默",
        "en": "Serving state (talking toward the window): share of frames inside a service per label; "
              "per clip: services, talking, silent",
    },
    "service.eval.figures": {
        "zh-CN": "说话时间处于服务内 {talking};静默时间处于服务内 {silent};共 {services} 次服务",
        "en": "Talking time inside a service {talking}; silent time inside a service {silent}; "
              "{services} services",
    },
    # bench
    "service.bench.title": {
        "zh-CN": "各项测量每帧的耗时({clip} 的 {frames} 帧关键点,不计关键点本身)",
        "en": "Each measure's cost per frame ({frames} frames of landmarks from {clip}; "
              "landmarks not counted)",
    },
    "service.bench.col.measure": {"zh-CN": "测量", "en": "measure"},
    "service.bench.col.frames": {"zh-CN": "帧数", "en": "frames"},
    "service.bench.col.us": {"zh-CN": "每帧微秒", "en": "µs per frame"},
    # settings (the thresholds side panel builds its form from ServiceSettings)
    "panel.settings.area.service": {"zh-CN": "接待顾客", "en": "Serving customers"},
    "panel.setting.service.talk_detection": {"zh-CN": "由说话识别接待", "en": "Tell a service from talking"},
    "panel.setting.service.talk_start_s": {"zh-CN": "说话累计多少秒开始一次接待",
                                           "en": "Seconds of talking that start a service"},
    "panel.setting.service.talk_window_s": {"zh-CN": "……在多少秒之内", "en": "…within this many seconds"},
    "panel.setting.service.quiet_end_s": {"zh-CN": "静默多少秒结束接待",
                                          "en": "Seconds of silence that end a service"},
    "panel.setting.service.away_end_s": {"zh-CN": "转开或离开多少秒结束接待",
                                         "en": "Seconds turned away that end a service"},
    "panel.setting.service.customer_yaw_deg": {"zh-CN": "顾客方向(度,相对摄像头,右为正)",
                                               "en": "Customer side (degrees from the camera, right +)"},
    "panel.setting.service.facing_tolerance_deg": {"zh-CN": "朝向顾客的容差(度)",
                                                   "en": "Facing the customer within (degrees)"},
    "panel.setting.service.greeting_s": {"zh-CN": "问候时段(开始后秒数)",
                                         "en": "Greeting: first seconds of a service"},
    "panel.setting.service.max_hold_min": {"zh-CN": "提醒最多等待接待结束(分钟)",
                                           "en": "Reminders wait for a service at most (min)"},
    "panel.setting.service.hook_port": {"zh-CN": "叫号接口端口(127.0.0.1;0 = 关闭)",
                                        "en": "Queue hook port (127.0.0.1; 0 = off)"},
}
