import string

import pytest

from coach import i18n


def test_every_key_has_every_language_and_no_empty_text():
    missing = [
        (key, lang)
        for key, texts in i18n.TABLE.items()
        for lang in i18n.LANGUAGES
        if not texts.get(lang, "").strip()
    ]
    assert missing == []


def test_placeholders_match_between_languages():
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    mismatched = [
        key for key, texts in i18n.TABLE.items() if len({frozenset(fields(v)) for v in texts.values()}) > 1
    ]
    assert mismatched == []


def test_default_is_chinese_and_english_is_selectable(monkeypatch):
    monkeypatch.delenv("COACH_LANG", raising=False)
    assert i18n.t("app.title") == "服务礼仪教练"
    assert i18n.t("app.title", "en") == "Service Coach"


def test_unknown_key_and_language_are_errors():
    with pytest.raises(KeyError):
        i18n.t("no.such.key")
    with pytest.raises(ValueError):
        i18n.t("app.title", "fr")
