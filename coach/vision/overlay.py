"""Drawing what was measured on top of the picture: kept apart from the models that measure it.

`draw(image, obs, record)` returns a new image (the input is not changed) with the face's
outline, eyes, irises and lips, the pose skeleton, and the measured angles as small text next
to what they measure: the mouth-corner lift by the mouth, head roll above the head, shoulder
tilt on the shoulder line, torso inclination on the trunk. Labels are translated; Chinese
labels need a CJK font on the machine (Noto Sans CJK, WenQuanYi, Microsoft YaHei, PingFang, or
the file named by COACH_CJK_FONT) and fall back to English without one.

The overlay is drawn at the size it is looked at, not at the camera's: a picture larger than
`PREVIEW_MAX_SIDE` (the live page asks the browser for 640-pixel-wide video) is scaled down first
and the landmarks with it, so a 720p frame costs what a 640×360 one does. Annotated files ask for
full size (`max_side=None`). Lines are drawn in one OpenCV call per colour, and Chinese labels are
composited from cached glyph masks onto their own small boxes (never a whole-frame round trip
through Pillow).
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
TEXT_BACKGROUND = (30, 30, 30)  # a grey (every channel the same)
MIN_VISIBILITY = 0.5
# Longest side of the drawn preview: the live page asks the browser for 640-pixel-wide video.
PREVIEW_MAX_SIDE = 640

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
def _segments() -> dict[str, np.ndarray]:
    """The connections as (n, 2) index arrays: the face's groups, and the body's without its face."""
    lines = _connections()
    body = [(a, b) for a, b in lines["pose"]
            if not (a <= PoseLandmark.MOUTH_RIGHT and b <= PoseLandmark.MOUTH_RIGHT)]
    return {
        "face": np.array(lines["oval"] + lines["brows"] + lines["eyes"], np.intp),
        "lips": np.array(lines["lips"], np.intp),
        "body": np.array(body, np.intp),
    }


@functools.lru_cache(maxsize=1)
def cjk_font_path() -> str | None:
    """A font file that can draw Chinese, or None."""
    configured = os.environ.get("COACH_CJK_FONT")
    for candidate in ((configured,) if configured else ()) + _CJK_FONT_CANDIDATES:
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def draw(image: np.ndarray, obs: Observation, record: Record | None = None, *, lang: str | None = None,
         max_side: int | None = PREVIEW_MAX_SIDE) -> np.ndarray:
    """A new picture (BGR) with the landmarks of `obs` and the measures of `record` drawn on
    `image` (which is not changed), scaled down to fit `max_side` pixels (None: full size)."""
    canvas, factor = _canvas(image, max_side)
    scale = max(canvas.shape[:2]) / 640.0  # line widths and text grow with the picture
    language = _drawable_language(lang)
    posture = record.posture if record is not None else None
    faulty = posture is not None and posture.mode != "unknown" and not posture.ok
    if obs.body is not None:
        _draw_body(canvas, obs.body, BODY_FAULT_COLOUR if faulty else BODY_COLOUR, scale, factor)
    if obs.face is not None:
        _draw_face(canvas, obs.face, scale, factor)
    labels = [((int(x * factor), int(y * factor)), text, colour)
              for (x, y), text, colour in _angle_labels(obs, record, language)]
    _draw_labels(canvas, labels, scale)
    return canvas


def _canvas(image: np.ndarray, max_side: int | None) -> tuple[np.ndarray, float]:
    """The picture to draw on (a copy, scaled to fit `max_side`) and the factor frame → canvas."""
    height, width = image.shape[:2]
    longest = max(height, width)
    if max_side is None or longest <= max_side:
        return image.copy(), 1.0
    factor = max_side / longest
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA), factor


def _drawable_language(lang: str | None) -> str:
    language = resolve_language(lang)
    if language != "en" and cjk_font_path() is None:
        return "en"
    return language


def _pixels(points: np.ndarray, factor: float) -> np.ndarray:
    """Landmarks (n, 2+) in frame pixels as int32 canvas pixels."""
    return np.rint(points[:, :2] * factor).astype(np.int32)


def _draw_face(canvas: np.ndarray, face: Face, scale: float, factor: float) -> None:
    segments = _segments()
    pixels = _pixels(face.points, factor)
    thickness = max(1, int(round(scale)))
    for group, colour in (("face", FACE_COLOUR), ("lips", LIPS_COLOUR)):
        cv2.polylines(canvas, pixels[segments[group]], False, colour, thickness, cv2.LINE_AA)
    radius = max(2, int(round(2 * scale)))
    dots = ((FaceLandmark.RIGHT_IRIS_CENTER, IRIS_COLOUR), (FaceLandmark.LEFT_IRIS_CENTER, IRIS_COLOUR),
            (FaceLandmark.MOUTH_CORNER_LEFT, LIPS_COLOUR), (FaceLandmark.MOUTH_CORNER_RIGHT, LIPS_COLOUR))
    for index, colour in dots:
        x, y = pixels[int(index)]
        cv2.circle(canvas, (int(x), int(y)), radius, colour, -1, cv2.LINE_AA)


def _draw_body(canvas: np.ndarray, body: Body, colour: tuple[int, int, int], scale: float,
               factor: float) -> None:
    thickness = max(2, int(round(2 * scale)))
    pixels = _pixels(body.points, factor)
    seen = body.visibility >= MIN_VISIBILITY
    segments = _segments()["body"]
    shown = segments[seen[segments[:, 0]] & seen[segments[:, 1]]]
    if len(shown):
        cv2.polylines(canvas, pixels[shown], False, colour, thickness, cv2.LINE_AA)
    radius = max(3, int(round(3 * scale)))
    for index in range(PoseLandmark.LEFT_SHOULDER, len(body.visibility)):
        if seen[index]:
            x, y = pixels[index]
            cv2.circle(canvas, (int(x), int(y)), radius, colour, -1, cv2.LINE_AA)


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
    size = max(10, int(round(14 * scale)))
    for (x, y), text, colour in labels:
        mask = _glyphs(text, size)
        h, w = mask.shape
        x, y = _inside(canvas, x, y, w, h)
        _shade(canvas, x - 2, y - 2, x + w + 2, y + h + 2)
        region = canvas[y:y + h, x:x + w]
        rows, cols = region.shape[:2]
        alpha = np.ascontiguousarray(mask[:rows, :cols])
        ink = np.empty_like(region)
        ink[:] = colour
        region[:] = cv2.blendLinear(ink, np.ascontiguousarray(region), alpha, 1.0 - alpha)


@functools.lru_cache(maxsize=512)
def _glyphs(text: str, size: int) -> np.ndarray:
    """`text` rendered in the CJK font at `size` as an alpha mask (0..1, float32), cut to its ink."""
    from PIL import Image, ImageDraw

    font = _cjk_font(size)
    left, top, right, bottom = font.getbbox(text)
    picture = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(picture).text((-left, -top), text, font=font, fill=255)
    return np.asarray(picture, np.float32) / 255.0


@functools.lru_cache(maxsize=8)
def _cjk_font(size: int):
    from PIL import ImageFont

    return ImageFont.truetype(cjk_font_path(), size)


def _inside(canvas: np.ndarray, x: int, y: int, w: int, h: int) -> tuple[int, int]:
    height, width = canvas.shape[:2]
    return int(min(max(x, 2), max(2, width - w - 4))), int(min(max(y, 2), max(2, height - h - 4)))


def _shade(canvas: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> None:
    """Darken a box behind text so it stays readable on any background."""
    height, width = canvas.shape[:2]
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(width, x1), min(height, y1)
    if x1 > x0 and y1 > y0:
        region = canvas[y0:y1, x0:x1]
        shade = 0.65 * float(TEXT_BACKGROUND[0])  # a grey: the same for every channel
        region[:] = cv2.convertScaleAbs(region, alpha=0.35, beta=shade)
