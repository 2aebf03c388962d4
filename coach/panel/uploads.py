"""Checks on a video a trainer uploads, before any decoding: type, content and size.

Each failure is an `UploadError` whose message is one translated line saying what is wrong
with which file and what to do. The byte check looks at the container's signature, so a
renamed document or picture is caught even when its name ends in .mp4.
"""

from __future__ import annotations

from pathlib import PurePath

from coach.i18n import t

ALLOWED_TYPES: tuple[str, ...] = ("mp4", "mov", "m4v", "avi", "mkv", "webm")
MAX_UPLOAD_MB = 1024  # keep ≤ server.maxUploadSize in .streamlit/config.toml
QUICKTIME_BOXES = (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")


class UploadError(ValueError):
    """An uploaded file the review cannot use; `str()` is one translated line."""


def sniff_container(head: bytes) -> str | None:
    """'mp4' (MP4/MOV/M4V), 'avi' or 'mkv' (Matroska/WebM) from a file's first bytes; else None."""
    if len(head) >= 8 and head[4:8] in QUICKTIME_BOXES:
        return "mp4"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "avi"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "mkv"
    return None


def check_upload(name: str, size: int, head: bytes, lang: str | None = None,
                 max_mb: float = MAX_UPLOAD_MB) -> str:
    """The container kind of an acceptable upload; UploadError otherwise."""
    suffix = PurePath(name).suffix.lower().lstrip(".")
    allowed = ", ".join(ALLOWED_TYPES)
    if suffix not in ALLOWED_TYPES:
        raise UploadError(t("panel.upload.bad_type", lang, name=name, allowed=allowed))
    if size <= 0:
        raise UploadError(t("panel.upload.empty", lang, name=name))
    if size > max_mb * 1024 * 1024:
        raise UploadError(t("panel.upload.too_big", lang, name=name, size=f"{size / 2**20:.0f}",
                            limit=f"{max_mb:.0f}"))
    kind = sniff_container(head)
    if kind is None:
        raise UploadError(t("panel.upload.not_video", lang, name=name, allowed=allowed))
    return kind
