"""Strings of the store: errors, access messages, report and export text, the export/admin/sync
commands and the panel's reports page."""

STRINGS: dict[str, dict[str, str]] = {
    # ---- errors ------------------------------------------------------------------------------
    "store.error.locked": {
        "zh-CN": "数据库正被其他程序占用({detail}),稍后会自动重试;如一直如此,请关闭其他正在写入的教练程序。",
        "en": "The database is locked by another program ({detail}); it will be retried. If this persists, "
        "close the other coach programs writing to it.",
    },
    "store.error.disk_full": {
        "zh-CN": "磁盘已满,数据暂存在内存中等待写入({detail})。请释放磁盘空间。",
        "en": "The disk is full; the data are kept in memory until they can be written ({detail}). "
        "Free some disk space.",
    },
    "store.error.io": {
        "zh-CN": "写入数据库时发生读写错误({detail}),稍后会重试;请检查磁盘。",
        "en": "An I/O error occurred writing the database ({detail}); it will be retried. Check the disk.",
    },
    "store.error.server_busy": {
        "zh-CN": "数据库服务器资源不足({detail}),稍后会重试。",
        "en": "The database server is short of resources ({detail}); it will be retried.",
    },
    "store.error.unavailable": {
        "zh-CN": "连接不上数据库服务器({detail})。请检查网络和 COACH_DB_URL;数据会在恢复后写入。",
        "en": "Cannot reach the database server ({detail}). Check the network and COACH_DB_URL; "
        "data will be written once it is back.",
    },
    "store.error.read_only": {
        "zh-CN": "数据库文件只读({detail})。请检查文件权限,或用 COACH_DB_URL 指定可写的位置。",
        "en": "The database file is read-only ({detail}). Check its permissions or point COACH_DB_URL "
        "to a writable place.",
    },
    "store.error.cannot_open": {
        "zh-CN": "无法打开数据库文件({detail})。请检查文件夹是否存在且可写,或设置 COACH_DB_URL。",
        "en": "Cannot open the database file ({detail}). Check that the folder exists and is writable, "
        "or set COACH_DB_URL.",
    },
    "store.error.database": {
        "zh-CN": "数据库错误:{detail}",
        "en": "Database error: {detail}",
    },
    "store.error.bad_url": {
        "zh-CN": "数据库地址无法识别:{url}。示例:sqlite:////路径/coach.db 或 postgresql://用户@主机/库名",
        "en": "Cannot read the database URL {url}. Examples: sqlite:////path/coach.db or "
        "postgresql://user@host/dbname",
    },
    "store.error.unsupported_db": {
        "zh-CN": "不支持的数据库:{url}。请使用 SQLite 或 PostgreSQL。",
        "en": "Unsupported database {url}. Use SQLite or PostgreSQL.",
    },
    "store.error.schema_newer": {
        "zh-CN": "数据库结构版本 {found} 比本程序支持的版本 {supported} 新。请升级本程序后再使用此数据库。",
        "en": "The database schema is version {found}, newer than this program supports ({supported}). "
        "Upgrade the coach before using this database.",
    },
    "store.error.unknown_person": {
        "zh-CN": "没有工号为 {staff_id} 的人员。请先由管理员添加(python -m coach admin add)。",
        "en": "No person with staff id {staff_id}. Ask an admin to add them first "
        "(python -m coach admin add).",
    },
    "store.error.unsaved": {
        "zh-CN": "有 {rows} 条记录未能写入数据库({detail})。程序仍保留它们;问题解决后请再次保存。",
        "en": "{rows} rows could not be written to the database ({detail}). They are still held; "
        "save again once the problem is fixed.",
    },
    "store.error.writer_closed": {
        "zh-CN": "此会话已结束保存,不能再添加记录;请开始新的会话。",
        "en": "This session has already been closed; start a new session to record more.",
    },
    "store.error.bad_staff_id": {
        "zh-CN": "工号“{staff_id}”无效:不能为空,最长 64 个字符。",
        "en": 'Staff id "{staff_id}" is invalid: it must be non-empty and at most 64 characters.',
    },
    "store.error.bad_name": {
        "zh-CN": "工号 {staff_id} 缺少姓名,请填写显示名称。",
        "en": "Staff id {staff_id} has no name; give a display name.",
    },
    "store.error.bad_role": {
        "zh-CN": "角色“{role}”无效,可选:{roles}。",
        "en": 'Role "{role}" is invalid; choose one of: {roles}.',
    },
    "store.error.team_needed": {
        "zh-CN": "员工和主管必须属于一个班组:请为 {staff_id} 填写班组。",
        "en": "Staff and supervisors belong to a team: give {staff_id} a team.",
    },
    "store.error.password_short": {
        "zh-CN": "密码太短,至少需要 {minimum} 个字符。",
        "en": "The password is too short; use at least {minimum} characters.",
    },
    "store.error.password_is_id": {
        "zh-CN": "密码不能与工号相同,请换一个。",
        "en": "The password must not be the staff id; choose another.",
    },
    "store.error.bad_range": {
        "zh-CN": "日期范围无效:开始 {start} 晚于结束 {end}。",
        "en": "Invalid date range: the start {start} is after the end {end}.",
    },
    "store.error.bad_format": {
        "zh-CN": "不支持的导出格式“{format}”,可选:{formats}。",
        "en": 'Unsupported export format "{format}"; choose one of: {formats}.',
    },
    "store.error.sync_same": {
        "zh-CN": "同步的来源和目标是同一个数据库,请用 --to 指定分行的 PostgreSQL。",
        "en": "The sync source and target are the same database; give the branch's PostgreSQL with --to.",
    },
    # ---- access ------------------------------------------------------------------------------
    "store.access.not_logged_in": {
        "zh-CN": "请先登录。",
        "en": "Please log in first.",
    },
    "store.access.expired": {
        "zh-CN": "登录已过期,请重新登录。",
        "en": "Your login has expired; please log in again.",
    },
    "store.access.login_failed": {
        "zh-CN": "工号或密码错误(连续输错 5 次,账户会锁定 10 分钟)。",
        "en": "Wrong staff id or password (after 5 wrong tries in a row an account is locked "
        "for 10 minutes).",
    },
    "store.access.not_your_data": {
        "zh-CN": "无权查看该人员的数据:员工只能查看自己的记录,主管只能查看本班组员工。",
        "en": "You may not see this person's data: staff see only their own, "
        "supervisors only their team's staff.",
    },
    "store.access.not_your_team": {
        "zh-CN": "无权查看该班组或全行的数据:主管只能查看本班组。",
        "en": "You may not see this team or the whole branch: supervisors see only their own team.",
    },
    "store.access.cannot_manage_people": {
        "zh-CN": "无权管理人员:只有管理员可以添加或修改人员(主管可在本班组添加员工)。",
        "en": "You may not manage people: only admins add or change people (supervisors may add staff "
        "to their own team).",
    },
    "store.access.admin_exists": {
        "zh-CN": "已经有管理员了。请用管理员账户登录后添加人员。",
        "en": "An admin already exists. Log in as an admin to add people.",
    },
    # ---- report columns ----------------------------------------------------------------------
    "store.col.staff_id": {"zh-CN": "工号", "en": "Staff id"},
    "store.col.name": {"zh-CN": "姓名", "en": "Name"},
    "store.col.team": {"zh-CN": "班组", "en": "Team"},
    "store.col.day": {"zh-CN": "日期", "en": "Day"},
    "store.col.sessions": {"zh-CN": "会话数", "en": "Sessions"},
    "store.col.hours_observed": {"zh-CN": "观察时长(小时)", "en": "Hours observed"},
    "store.col.hours_present": {"zh-CN": "在岗时长(小时)", "en": "Hours present"},
    "store.col.sitting_hours": {"zh-CN": "坐姿时长(小时)", "en": "Hours sitting"},
    "store.col.sitting_good": {"zh-CN": "坐姿良好占比", "en": "Good sitting posture"},
    "store.col.standing_hours": {"zh-CN": "站姿时长(小时)", "en": "Hours standing"},
    "store.col.standing_good": {"zh-CN": "站姿良好占比", "en": "Good standing posture"},
    "store.col.upper_body_hours": {"zh-CN": "仅见上身时长(小时)", "en": "Hours upper body only"},
    "store.col.upper_body_good": {"zh-CN": "仅见上身时姿势良好占比", "en": "Good posture, upper body only"},
    "store.col.good_posture": {"zh-CN": "姿势良好总占比", "en": "Good posture overall"},
    "store.col.smile_share": {"zh-CN": "微笑时间占比", "en": "Smiling time"},
    "store.col.genuine_smile": {"zh-CN": "真诚微笑占比", "en": "Genuine smiles"},
    "store.col.smile_score": {"zh-CN": "平均微笑分", "en": "Mean smile score"},
    "store.col.smiles_per_hour": {"zh-CN": "每小时微笑次数", "en": "Smiles per hour"},
    "store.col.eye_contact": {"zh-CN": "目光接触占比", "en": "Eye contact"},
    "store.col.alerts": {"zh-CN": "提醒次数", "en": "Alerts"},
    "store.col.top_faults": {"zh-CN": "最常见问题", "en": "Most frequent faults"},
    "store.col.fault": {"zh-CN": "问题", "en": "Fault"},
    "store.col.event_kind": {"zh-CN": "事件", "en": "Event"},
    "store.col.count_of": {"zh-CN": "{name}次数", "en": "{name} (count)"},
    "store.col.count": {"zh-CN": "次数", "en": "Count"},
    # ---- report text -------------------------------------------------------------------------
    "store.report.title": {"zh-CN": "服务礼仪报告", "en": "Service coaching report"},
    "store.report.scope_person": {"zh-CN": "{name}(工号 {id})", "en": "{name} (staff id {id})"},
    "store.report.scope_team": {"zh-CN": "班组 {name}", "en": "Team {name}"},
    "store.report.scope_branch": {"zh-CN": "全行", "en": "Whole branch"},
    "store.report.range": {"zh-CN": "日期范围", "en": "Dates"},
    "store.report.generated": {"zh-CN": "生成", "en": "Generated"},
    "store.report.generated_by": {"zh-CN": "由 {name} 于 {at} 生成", "en": "by {name} at {at}"},
    "store.report.key_figures": {"zh-CN": "主要指标", "en": "Key figures"},
    "store.report.no_data": {
        "zh-CN": "所选范围内没有记录。",
        "en": "No sessions were recorded in this range.",
    },
    "store.report.chart_daily": {
        "zh-CN": "每日:姿势良好、微笑与目光接触占比",
        "en": "Day by day: good posture, smiling and eye contact",
    },
    "store.report.chart_faults": {
        "zh-CN": "常见姿势问题在一天中的分布(分钟)",
        "en": "When in the day the most frequent posture faults happen (minutes)",
    },
    "store.report.chart_breaks": {
        "zh-CN": "休息:应休息、已休息、推迟、跳过与自然休息",
        "en": "Breaks: due, taken, postponed, skipped and natural",
    },
    "store.report.by_person": {"zh-CN": "按人员", "en": "By person"},
    "store.report.by_day": {"zh-CN": "按日期", "en": "By day"},
    "store.report.page": {"zh-CN": "第 {page} 页", "en": "Page {page}"},
    "store.report.footer": {
        "zh-CN": "仅含统计数字,不含任何图像。",
        "en": "Numbers only; no pictures are stored.",
    },
    "store.chart.sitting_good": {"zh-CN": "坐姿良好", "en": "Good sitting"},
    "store.chart.standing_good": {"zh-CN": "站姿良好", "en": "Good standing"},
    "store.chart.smile": {"zh-CN": "微笑", "en": "Smiling"},
    "store.chart.eye_contact": {"zh-CN": "目光接触", "en": "Eye contact"},
    "store.chart.minutes": {"zh-CN": "分钟", "en": "minutes"},
    "store.chart.count": {"zh-CN": "次数", "en": "count"},
    "store.sheet.summary": {"zh-CN": "概要", "en": "Summary"},
    "store.sheet.people": {"zh-CN": "按人员", "en": "People"},
    "store.sheet.daily": {"zh-CN": "每人每日", "en": "Daily"},
    "store.sheet.weekly": {"zh-CN": "每周(整体)", "en": "Weekly (all)"},
    "store.col.week": {"zh-CN": "周", "en": "Week"},
    "store.sheet.faults_by_hour": {"zh-CN": "问题时段分布", "en": "Faults by hour"},
    "store.sheet.events": {"zh-CN": "事件", "en": "Events"},
    # ---- commands ----------------------------------------------------------------------------
    "store.cli.export.help": {
        "zh-CN": "导出个人、班组或全行的报告(CSV、XLSX 或带图表的 PDF),需要登录",
        "en": "Export a person's, a team's or the branch's report (CSV, XLSX or PDF with charts); "
        "needs a login",
    },
    "store.cli.export.done": {"zh-CN": "已导出:{path}", "en": "Exported: {path}"},
    "store.cli.sync.help": {
        "zh-CN": "把本机尚未发送的记录同步到分行的 PostgreSQL 数据库(可重复运行,不丢不重)",
        "en": "Send this workstation's unsent rows to the branch's PostgreSQL database "
        "(safe to repeat: nothing lost, nothing twice)",
    },
    "store.cli.sync.no_target": {
        "zh-CN": "没有指定同步目标:请用 --to postgresql://用户@主机/库名,或设置 COACH_SYNC_URL。",
        "en": "No sync target: give --to postgresql://user@host/dbname or set COACH_SYNC_URL.",
    },
    "store.cli.sync.done": {
        "zh-CN": "已同步到 {target}:检查 {sessions} 个会话(新增 {new_sessions} 个),发送 {rows} 行指标、"
        "{events} 个事件、{profiles} 个校准档案。",
        "en": "Synced to {target}: {sessions} sessions checked ({new_sessions} new), {rows} metric rows, "
        "{events} events and {profiles} calibration profiles sent.",
    },
    "store.cli.admin.help": {
        "zh-CN": "首次设置管理员,添加和管理人员",
        "en": "First-run admin set-up; add and manage people",
    },
    "store.cli.admin.init": {
        "zh-CN": "创建第一个管理员(需自行设置密码,没有默认密码)",
        "en": "Create the first admin (you choose the password; there is no default one)",
    },
    "store.cli.admin.add": {"zh-CN": "添加或修改人员", "en": "Add or change a person"},
    "store.cli.admin.passwd": {"zh-CN": "设置密码", "en": "Set a password"},
    "store.cli.admin.deactivate": {
        "zh-CN": "停用账户(历史记录保留)",
        "en": "Stop someone logging in (their history stays)",
    },
    "store.cli.admin.list": {"zh-CN": "列出人员", "en": "List people"},
    "store.cli.admin.info": {
        "zh-CN": "显示数据库位置和内容概况",
        "en": "Show where the database is and what it holds",
    },
    "store.cli.admin.created_admin": {
        "zh-CN": "已创建管理员 {staff_id}(数据库:{db})。",
        "en": "Admin {staff_id} created (database: {db}).",
    },
    "store.cli.admin.added": {
        "zh-CN": "已保存人员 {staff_id}(角色 {role},班组 {team})。",
        "en": "Saved {staff_id} (role {role}, team {team}).",
    },
    "store.cli.admin.password_set": {
        "zh-CN": "已为 {staff_id} 设置新密码。",
        "en": "New password set for {staff_id}.",
    },
    "store.cli.admin.deactivated": {"zh-CN": "已停用 {staff_id}。", "en": "{staff_id} can no longer log in."},
    "store.cli.admin.inactive": {"zh-CN": "(已停用)", "en": "(inactive)"},
    "store.cli.admin.info_text": {
        "zh-CN": "数据库:{db}\n结构版本:{version}\n人员:{people}  会话:{sessions}  指标行:{rows}",
        "en": "Database: {db}\nSchema version: {version}\nPeople: {people}  Sessions: {sessions}  "
        "Metric rows: {rows}",
    },
    "store.cli.arg.db": {
        "zh-CN": "数据库地址(默认 COACH_DB_URL,否则为用户数据文件夹中的 SQLite 文件)",
        "en": "Database URL (default: COACH_DB_URL, else the SQLite file in the user's data folder)",
    },
    "store.cli.arg.lang": {"zh-CN": "语言:zh-CN 或 en", "en": "Language: zh-CN or en"},
    "store.cli.arg.password_stdin": {
        "zh-CN": "从标准输入读取密码(每行一个),用于脚本",
        "en": "Read passwords from standard input (one per line), for scripts",
    },
    "store.cli.arg.team": {"zh-CN": "班组名称", "en": "Team name"},
    "store.cli.arg.person": {"zh-CN": "某位员工的工号", "en": "One person's staff id"},
    "store.cli.arg.branch": {"zh-CN": "全行(仅管理员)", "en": "The whole branch (admins only)"},
    "store.cli.arg.from": {
        "zh-CN": "开始日期(含),默认为 6 天前",
        "en": "First day (included); default 6 days ago",
    },
    "store.cli.arg.to": {"zh-CN": "结束日期(含),默认为今天", "en": "Last day (included); default today"},
    "store.cli.arg.format": {"zh-CN": "导出格式", "en": "Export format"},
    "store.cli.arg.out": {
        "zh-CN": "输出文件或文件夹(默认当前文件夹)",
        "en": "Output file or folder (default: the current folder)",
    },
    "store.cli.arg.user": {
        "zh-CN": "登录用的工号(默认 COACH_USER,否则询问)",
        "en": "Staff id to log in with (default: COACH_USER, else asked)",
    },
    "store.cli.arg.as": {
        "zh-CN": "执行操作的管理员或主管工号(默认 COACH_USER,否则询问)",
        "en": "Staff id of the admin or supervisor doing this (default: COACH_USER, else asked)",
    },
    "store.cli.arg.staff_id": {"zh-CN": "工号", "en": "Staff id"},
    "store.cli.arg.name": {"zh-CN": "显示名称", "en": "Display name"},
    "store.cli.arg.set_password": {
        "zh-CN": "同时为此人设置登录密码",
        "en": "Also set a login password for this person",
    },
    "store.cli.arg.sync_to": {
        "zh-CN": "分行 PostgreSQL 数据库地址(默认 COACH_SYNC_URL)",
        "en": "The branch's PostgreSQL URL (default: COACH_SYNC_URL)",
    },
    "store.cli.arg.sync_from": {
        "zh-CN": "本机数据库地址(默认为本机的 SQLite 文件)",
        "en": "This workstation's database URL (default: its SQLite file)",
    },
    "store.cli.bad_date": {
        "zh-CN": "日期“{value}”无效,请写成 YYYY-MM-DD,例如 2025-03-31。",
        "en": 'Invalid date "{value}"; write it as YYYY-MM-DD, e.g. 2025-03-31.',
    },
    "store.cli.no_password": {
        "zh-CN": "标准输入中没有密码(使用 --password-stdin 时每行一个密码)。",
        "en": "No password on standard input (with --password-stdin, give one password per line).",
    },
    "store.cli.passwords_differ": {
        "zh-CN": "两次输入的密码不一致,请重试。",
        "en": "The passwords differ; try again.",
    },
    "store.cli.missing_value": {
        "zh-CN": "缺少“{what}”,请在命令行中给出。",
        "en": 'Missing "{what}"; give it on the command line.',
    },
    "store.cli.prompt.staff_id": {"zh-CN": "工号", "en": "Staff id"},
    "store.cli.prompt.name": {"zh-CN": "显示名称", "en": "Display name"},
    "store.cli.prompt.password": {"zh-CN": "密码", "en": "Password"},
    "store.cli.prompt.new_password": {
        "zh-CN": "新密码(至少 8 个字符)",
        "en": "New password (at least 8 characters)",
    },
    "store.cli.prompt.again": {"zh-CN": "再输入一次", "en": "Again"},
    # ---- panel page --------------------------------------------------------------------------
    "store.page.title": {"zh-CN": "报表", "en": "Reports"},
    "store.page.staff_id": {"zh-CN": "工号", "en": "Staff id"},
    "store.page.password": {"zh-CN": "密码", "en": "Password"},
    "store.page.log_in": {"zh-CN": "登录", "en": "Log in"},
    "store.page.log_out": {"zh-CN": "退出登录", "en": "Log out"},
    "store.page.no_admin_yet": {
        "zh-CN": "还没有管理员。请在命令行运行 python -m coach admin init 完成首次设置。",
        "en": "There is no admin yet. Run python -m coach admin init once to set one up.",
    },
    "store.page.signed_in": {"zh-CN": "已登录:{name}({role})", "en": "Signed in: {name} ({role})"},
    "store.page.scope": {"zh-CN": "查看对象", "en": "Whose figures"},
    "store.page.dates": {"zh-CN": "日期范围", "en": "Dates"},
    "store.page.pick_end": {"zh-CN": "请选择结束日期。", "en": "Pick the last day too."},
    "store.page.download": {"zh-CN": "下载", "en": "Download"},
    "store.page.download_csv": {"zh-CN": "CSV(每人每日)", "en": "CSV (per person per day)"},
    "store.page.download_xlsx": {"zh-CN": "Excel 工作簿", "en": "Excel workbook"},
    "store.page.download_pdf": {"zh-CN": "PDF 报告(含图表)", "en": "PDF report with charts"},
    "store.role.staff": {"zh-CN": "员工", "en": "staff"},
    "store.role.supervisor": {"zh-CN": "主管", "en": "supervisor"},
    "store.role.admin": {"zh-CN": "管理员", "en": "admin"},
}
