"""Strings of the security checks: canonical identifiers, identities for writing, workstation
credentials, private files, and the one-line answers to failures a user can cause."""

STRINGS: dict[str, dict[str, str]] = {
    # ---- identifiers ---------------------------------------------------------------------------
    "security.bad_id": {
        "zh-CN": "工号“{value}”无效:只能用字母、数字和 . _ -,以字母或数字开头,最长 64 个字符(不区分大小写)。",
        "en": 'Staff id "{value}" is invalid: use letters, digits and . _ - only, starting with a letter '
        "or digit, at most 64 characters (case does not matter).",
    },
    "security.bad_team": {
        "zh-CN": "班组“{value}”无效:只能用文字、数字、空格和 . _ - ( ) &,以文字或数字开头,最长 100 个字符。",
        "en": 'Team "{value}" is invalid: use letters, digits, spaces and . _ - ( ) & only, starting with '
        "a letter or digit, at most 100 characters.",
    },
    "security.bad_name": {
        "zh-CN": "姓名“{value}”无效:最长 200 个字符,不能含控制字符或不可见字符。",
        "en": 'Name "{value}" is invalid: at most 200 characters, without control or invisible characters.',
    },
    "security.unknown_person": {
        "zh-CN": "没有在职人员 {staff_id}:请先由管理员或其主管添加(python -m coach admin add)。",
        "en": "There is no active person {staff_id}: an admin or their supervisor adds them first "
        "(python -m coach admin add).",
    },
    "security.last_admin": {
        "zh-CN": "{staff_id} 是最后一位在职管理员,不能降级或停用;请先添加另一位管理员。",
        "en": "{staff_id} is the last active admin and cannot be demoted or deactivated; "
        "add another admin first.",
    },
    # ---- identities for writing ----------------------------------------------------------------
    "security.need_identity": {
        "zh-CN": "写入数据库需要身份:请用 --user 登录,或由管理员为本工作站签发凭据"
        "(python -m coach admin token issue),放入环境变量 COACH_TOKEN 或仅本人可读的凭据文件。",
        "en": "Writing to the database needs an identity: log in with --user, or have an admin issue this "
        "workstation a credential (python -m coach admin token issue) and put it in COACH_TOKEN or a "
        "token file only you can read.",
    },
    "security.bad_token": {
        "zh-CN": "工作站凭据无效或已被吊销,请向管理员申请新的凭据。",
        "en": "The workstation credential is unknown or revoked; ask an admin for a new one.",
    },
    "security.may_not_record": {
        "zh-CN": "无权为 {staff_id} 记录会话:员工只能记录自己的,主管只能记录本班组员工的。",
        "en": "You may not record sessions for {staff_id}: staff record their own, supervisors their "
        "team's staff.",
    },
    "security.tokens_admin_only": {
        "zh-CN": "只有管理员可以签发或吊销工作站凭据。",
        "en": "Only admins issue or revoke workstation credentials.",
    },
    "security.token_name_taken": {
        "zh-CN": "已有名为 {name} 的工作站凭据;请换个名称,或先吊销它。",
        "en": "A workstation credential named {name} exists; choose another name or revoke it first.",
    },
    "security.unknown_token": {
        "zh-CN": "没有名为 {name} 的有效工作站凭据。",
        "en": "There is no active workstation credential named {name}.",
    },
    "security.token_file_open": {
        "zh-CN": "凭据文件 {path} 的权限为 {mode},他人可读,已拒绝使用:请吊销该凭据,重新签发后存为 0600。",
        "en": "The token file {path} has mode {mode} and others may read it, so it is not used: revoke "
        "that credential, issue a new one and save it with mode 0600.",
    },
    "security.token_file_unreadable": {
        "zh-CN": "无法读取凭据文件 {path}({detail})。",
        "en": "Cannot read the token file {path} ({detail}).",
    },
    "security.token_issued": {
        "zh-CN": "已为工作站 {name} 签发凭据(只显示这一次,请存入 COACH_TOKEN 或权限为 0600 的文件 {path}):",
        "en": "Credential issued for workstation {name} (shown only this once; put it in COACH_TOKEN or "
        "the file {path} with mode 0600):",
    },
    "security.token_saved": {
        "zh-CN": "已为工作站 {name} 签发凭据,并保存到 {path}(权限 0600)。",
        "en": "Credential issued for workstation {name} and saved to {path} (mode 0600).",
    },
    "security.token_revoked": {
        "zh-CN": "已吊销工作站 {name} 的凭据;用它写入将被拒绝。",
        "en": "The credential of workstation {name} is revoked; writes with it are refused.",
    },
    "security.cli.token": {"zh-CN": "签发或吊销工作站凭据", "en": "issue or revoke workstation credentials"},
    "security.cli.token_issue": {"zh-CN": "签发新凭据", "en": "issue a new credential"},
    "security.cli.token_revoke": {"zh-CN": "吊销凭据", "en": "revoke a credential"},
    "security.cli.arg.token_name": {
        "zh-CN": "工作站名称,如 counter-3",
        "en": "the workstation's name, e.g. counter-3",
    },
    "security.cli.arg.save": {
        "zh-CN": "把凭据保存到本机的凭据文件(权限 0600),而不是显示出来",
        "en": "save the credential to this machine's token file (mode 0600) instead of showing it",
    },
    "security.cli.arg.user": {
        "zh-CN": "以此工号登录后写入数据库(默认:工作站凭据 COACH_TOKEN)",
        "en": "log in as this staff id to write to the database "
        "(default: the workstation credential COACH_TOKEN)",
    },
    # ---- sessions ------------------------------------------------------------------------------
    "security.session_of_other": {
        "zh-CN": "{source} 已作为 {owner} 的会话保存,不能改存为 {staff_id} 的;如确属录错,请管理员处理。",
        "en": "{source} is already filed as {owner}'s session and is not refiled as {staff_id}'s; "
        "if it was filed wrongly, ask an admin.",
    },
    "security.ended_early": {
        "zh-CN": "程序停止时仍未结束,截止于最后分析的画面",
        "en": "still open when the program stopped; ended at the last analysed frame",
    },
    # ---- private files -------------------------------------------------------------------------
    "security.tightened": {
        "zh-CN": "{path} 的权限为 {old},他人可读;已改为 {new}。",
        "en": "{path} had mode {old}, readable by others; changed to {new}.",
    },
}
STRINGS.update({
    # ---- one line for each failure a user can cause --------------------------------------------
    "security.unreadable_input": {
        "zh-CN": "无法读取 {path}({detail}):请检查文件权限,或换一个文件。",
        "en": "Cannot read {path} ({detail}): check the file's permissions, or choose another file.",
    },
    "security.not_a_folder": {
        "zh-CN": "{path} 是一个文件,不是文件夹:请用 -o 指定另一个输出文件夹。",
        "en": "{path} is a file, not a folder: give another output folder with -o.",
    },
    "security.cannot_write_export": {
        "zh-CN": "无法写入导出文件 {path}({detail}):请用 --out 指定可写的位置。",
        "en": "Cannot write the export {path} ({detail}): give a writable place with --out.",
    },
    "security.ray_timeout": {
        "zh-CN": "{seconds} 秒内无应答({detail});可用 --ray-timeout 或 COACH_RAY_TIMEOUT_S 调整等待时间",
        "en": "no answer within {seconds} s ({detail}); --ray-timeout or COACH_RAY_TIMEOUT_S sets the wait",
    },
    "security.arg.ray_timeout": {
        "zh-CN": "连接 Ray 集群最多等待的秒数(默认 COACH_RAY_TIMEOUT_S,否则 10)",
        "en": "seconds to wait for the Ray cluster (default COACH_RAY_TIMEOUT_S, else 10)",
    },
    "security.upload_too_big": {
        "zh-CN": "{name} 超过上传上限 {limit_mb} MB,未处理:请剪短,或用命令行 python -m coach review 处理。",
        "en": "{name} is over the {limit_mb} MB upload limit and was not used: trim it, or use "
        "python -m coach review on the command line.",
    },
})
STRINGS["security.stopped"] = {
    "zh-CN": "已停止;已记录的内容都已保留。",
    "en": "Stopped; what was recorded is kept.",
}
STRINGS["security.export_folder_is_file"] = {
    "zh-CN": "{path} 是一个文件,不是文件夹:请用 --out 指定另一个导出位置。",
    "en": "{path} is a file, not a folder: give another place for the export with --out.",
}
