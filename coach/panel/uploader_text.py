"""The file uploader in the panel's language.

Streamlit draws its uploader's button ("Upload") and its limit line ("1GB per file • MP4, …") in
English whatever the page's language, and offers no option to change them. The panel's own
label already says which types and how large, translated; this style hides Streamlit's limit
line and shows the button's word from the translation table.
"""

from __future__ import annotations

import json

from coach.i18n import t

_DROPZONE = '[data-testid="stFileUploaderDropzone"]'


def uploader_style(lang: str | None) -> str:
    """A <style> block for the page (st.html) putting the uploader's button text in `lang`."""
    word = json.dumps(t("day.upload.button", lang), ensure_ascii=False)  # a CSS string, quotes escaped
    return (
        "<style>"
        f'{_DROPZONE} [data-testid="stFileUploaderDropzoneInstructions"]{{display:none}}'
        f"{_DROPZONE} button{{font-size:0}}"
        f"{_DROPZONE} button *{{display:none}}"
        f"{_DROPZONE} button::after{{content:{word};font-size:.875rem}}"
        "</style>"
    )
