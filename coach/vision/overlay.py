"""Drawing what was measured on top of the picture: kept apart from the models that measure it.

`draw(image, obs, record)` returns a new image (the input is not changed) with the face's
outline, eyes, irises and lips, the pose skeleton, and the measured angles as small text next
to what they measure: the mouth-corner lift by the mouth, head roll above the head, shoulder
tilt on the shoulder line, torso inclination on the trunk. Labels are translated; Chinese
labels need a CJK font on the machine (Noto Sans CJK, WenQuanYi, Microsoft YaHei, PingFang, or
the file named by COACH_CJK_FONT) and fall back to English without one.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import cv2
import numpy as np

from coach.i18n import resolve_language
from coach.i18n import t as translate
from coach.readings import Record
from coach.types import Body, Face, FaceLandmark, Observation, PoseLandmark

# BGR colours
FACE_COLOUR = (230, 200, 80)
LIPS_COLOUR = (120, 120, 255)
IRIS_COLOUR = (60, 220, 255)
BODY_COLOUR = (120, 220, 120)
BODY_FAULT_COLOUR = (40, 150, 255)
TEXT_COLOUR = (255, 255, 255)
TEXT_BACKGROUND = (30, 30, 30)
MIN_VISIBILITY = 0.5

_CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)


@functools.lru_cache(maxsize=1)
def _connections() -> dict[str, tuple[tuple[int, int], ...]]:
    from mediapipe.python.solutions import face_mesh_connections as face
    from mediapipe.python.solutions import pose_connections as pose

    return {
        "oval": tuple(face.FACEMESH_FACE_OVAL),
        "lips": tuple(face.FACEMESH_LIPS),
        "eyes": tuple(face.FACEMESH_LEFT_EYE) + tuple(face.FACEMESH_RIGHT_EYE),
        "brows": tuple(face.FACEMESH_LEFT_EYEBROW) + tuple(face.FACEMESH_RIGHT_EYEBROW),
        "pose": tuple(pose.POSE_CONNECTIONS),
    }


@functools.lru_cache(maxsize=1)
def cjk_font_path() -> str | None:
    """A font file that can draw Chinese, or None."""
    configured = os.environ.get("COACH_CJK_FONT")
    for candidate in ((configured,) if configured else ()) + _CJK_FONT_CANDIDATES:
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def draw(image: np.ndarray, obs: Observation, record: Record | None = None, *, lang: str | None = None
         ) -> np.ndarray:
    """A copy of `image` (BGR) with the landmarks of `obs` and the measures of `record` drawn on it."""
    canvas = image.copy()
    scale = max(canvas.shape[:2]) / 640.0  # line widths and text grow with the picture
    labels: list[tuple[tuple[int, int], str, tuple[int, int, int]]] = []
    language = _drawable_language(lang)
    posture = record.posture if record is not None else None
    faulty = posture is not None and posture.mode != "unknown" and not posture.ok
    if obs.body is not None:
        _draw_body(canvas, obs.body, BODY_FAULT_COLOUR if faulty else BODY_COLOUR, scale)
    if obs.face is not None:
        _draw_face(canvas, obs.face, scale)
    labels += _angle_labels(obs, record, language)
    _draw_labels(canvas, labels, scale)
    return canvas


def _drawable_language(lang: str | None) -> str:
    language = resolve_language(lang)
    if language != "en" and cjk_font_path() is None:
        return "en"
    return language


def _pixel(point: np.ndarray) -> tuple[int, int]:
    return int(round(float(point[0]))), int(round(float(point[1])))


def _draw_face(canvas: np.ndarray, face: Face, scale: float) -> None:
    lines = _connections()
    thickness = max(1, int(round(scale)))
    for group, colour in (("oval", FACE_COLOUR), ("brows", FACE_COLOUR), ("eyes", FACE_COLOUR),
                          ("lips", LIPS_COLOUR)):
        for a, b in lines[group]:
            cv2.line(canvas, _pixel(face.points[a]), _pixel(face.points[b]), colour, thickness, cv2.LINE_AA)
    radius = max(2, int(round(2 * scale)))
    for index in (FaceLandmark.RIGHT_IRIS_CENTER, FaceLandmark.LEFT_IRIS_CENTER):
        cv2.circle(canvas, _pixel(face.points[index]), radius, IRIS_COLOUR, -1, cv2.LINE_AA)
    for index in (FaceLandmark.MOUTH_CORNER_LEFT, FaceLandmark.MOUTH_CORNER_RIGHT):
        cv2.circle(canvas, _pixel(face.points[index]), radius, LIPS_COLOUR, -1, cv2.LINE_AA)


def _draw_body(canvas: np.ndarray, body: Body, colour: tuple[int, int, int], scale: float) -> None:
    thickness = max(2, int(round(2 * scale)))
    for a, b in _connections()["pose"]:
        if a <= PoseLandmark.MOUTH_RIGHT and b <= PoseLandmark.MOUTH_RIGHT:
            continue  # the face mesh shows the face better than Pose's few face points
        if body.visibility[a] >= MIN_VISIBILITY and body.visibility[b] >= MIN_VISIBILITY:
            cv2.line(canvas, _pixel(body.points[a]), _pixel(body.points[b]), colour, thickness, cv2.LINE_AA)
    radius = max(3, int(round(3 * scale)))
    for index in range(PoseLandmark.LEFT_SHOULDER, len(body.visibility)):
        if body.visibility[index] >= MIN_VISIBILITY:
            cv2.circle(canvas, _pixel(body.points[index]), radius, colour, -1, cv2.LINE_AA)


def _angle_labels(obs: Observation, record: Record | None, lang: str):
    """Each measured number placed next to what it measures."""
    labels = []
    face, body = obs.face, obs.body
    smile = record.smile if record is not None else None
    posture = record.posture if record is not None else None
    if face is None:
        labels.append(((8, 8), translate("vision.overlay.no_face", lang), TEXT_COLOUR))
    if face is not None and smile is not None:
        mouth_y = face.points[[FaceLandmark.MOUTH_CORNER_LEFT, FaceLandmark.MOUTH_CORNER_RIGHT], 1].mean()
        x0, _, x1, y1 = face.bbox
        kind = translate(f"vision.overlay.smile_kind.{smile.kind}", lang)
        labels.append(((int(x1) + 6, int(mouth_y)),
                       translate("vision.overlay.mouth_corner", lang, deg=f"{smile.mouth_corner_deg:+.0f}"),
                       LIPS_COLOUR))
        labels.append(((int(x0), int(y1) + 4),
                       translate("vision.overlay.smile", lang, score=f"{smile.score:.0f}") + f" ({kind})",
                       TEXT_COLOUR))
    if face is not None and posture is not None and posture.head_roll_deg is not None:
        x0, y0, _, _ = face.bbox
        labels.append(((int(x0), int(y0) - 4),
                       translate("vision.overlay.head_roll", lang, deg=f"{posture.head_roll_deg:+.0f}"),
                       FACE_COLOUR))
    if body is not None and posture is not None:
        shoulders = (PoseLandmark.LEFT_SHOULDER, PoseLandmark.RIGHT_SHOULDER)
        if posture.shoulder_tilt_deg is not None and body.visible(*shoulders):
            left, right = body.xy(shoulders[0]), body.xy(shoulders[1])
            text = translate("vision.overlay.shoulder_tilt", lang, deg=f"{posture.shoulder_tilt_deg:+.0f}")
            labels.append(((int(max(left[0], right[0])) + 6, int(min(left[1], right[1])) - 4), text,
                           BODY_COLOUR))
        hips = (PoseLandmark.LEFT_HIP, PoseLandmark.RIGHT_HIP)
        if posture.torso_incline_deg is not None and body.visible(*shoulders):
            top = (body.xy(shoulders[0]) + body.xy(shoulders[1])) / 2
            bottom = (body.xy(hips[0]) + body.xy(hips[1])) / 2 if body.visible(*hips) else top
            where = (top + bottom) / 2 if body.visible(*hips) else top + np.array([0.0, 40.0])
            labels.append(((int(where[0]) + 6, int(where[1])),
                           translate("vision.overlay.torso", lang, deg=f"{posture.torso_incline_deg:.0f}"),
                           BODY_COLOUR))
    if obs.faces_in_view > 1:
        labels.append(((8, 8), translate("vision.overlay.faces_in_view", lang, count=obs.faces_in_view),
                       TEXT_COLOUR))
    return labels


def _draw_labels(canvas: np.ndarray, labels, scale: float) -> None:
    if not labels:
        return
    if any(not text.isascii() for _, text, _ in labels):
        _draw_labels_pil(canvas, labels, scale)
        return
    font, font_scale = cv2.FONT_HERSHEY_SIMPLEX, 0.45 * scale
    thickness = max(1, int(round(scale)))
    for (x, y), text, colour in labels:
        (w, h), base = cv2.getTextSize(text, font, font_scale, thickness)
        x, y = _inside(canvas, x, y, w, h + base)
        _shade(canvas, x - 2, y - 2, x + w + 2, y + h + base + 2)
        cv2.putText(canvas, text, (x, y + h), font, font_scale, colour, thickness, cv2.LINE_AA)


def _draw_labels_pil(canvas: np.ndarray, labels, scale: float) -> None:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(cjk_font_path(), max(10, int(round(14 * scale))))
    boxes = []
    for (x, y), text, colour in labels:
        left, top, right, bottom = font.getbbox(text)
        x, y = _inside(canvas, x, y, right - left, bottom - top)
        _shade(canvas, x - 2, y - 2, x + right - left + 2, y + bottom - top + 2)
        boxes.append(((x - left, y - top), text, colour))
    picture = Image.fromarray(cv2.cvtColor(canvas, cv2.COLOR_BGR2RGB))
    pen = ImageDraw.Draw(picture)
    for origin, text, colour in boxes:
        pen.text(origin, text, font=font, fill=tuple(int(c) for c in colour[::-1]))
    canvas[:] = cv2.cvtColor(np.asarray(picture), cv2.COLOR_RGB2BGR)


def _inside(canvas: np.ndarray, x: int, y: int, w: int, h: int) -> tuple[int, int]:
    height, width = canvas.shape[:2]
    return int(min(max(x, 2), max(2, width - w - 4))), int(min(max(y, 2), max(2, height - h - 4)))


def _shade(canvas: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> None:
    """Darken a box behind text so it stays readable on any background."""
    height, width = canvas.shape[:2]
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(width, x1), min(height, y1)
    if x1 > x0 and y1 > y0:
        region = canvas[y0:y1, x0:x1]
        region[:] = (region * 0.35 + np.array(TEXT_BACKGROUND) * 0.65).astype(np.uint8)
