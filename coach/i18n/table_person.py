"""Strings of coach.person: the person id check and a person's files."""

STRINGS: dict[str, dict[str, str]] = {
    "person.error.bad_id": {
        "zh-CN": "人员编号“{person}”不可用:请用 1–{limit} 个字母、汉字、数字、空格或 - _ .,不要以 . 开头。",
        "en": "Person id \"{person}\" cannot be used: use 1–{limit} letters, digits, spaces or - _ . "
        "(not starting with a dot).",
    },
    "person.error.unreadable": {
        "zh-CN": "个人文件 {path} 无法读取({error}):请删除该文件后重新保存或重新校准。",
        "en": "Personal file {path} cannot be read ({error}): delete it, then save or calibrate again.",
    },
    "person.error.cannot_write": {
        "zh-CN": "个人文件 {path} 无法写入({error}):请检查数据文件夹是否可写。",
        "en": "Personal file {path} cannot be written ({error}): check that the data folder is writable.",
    },
}
