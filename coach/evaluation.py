"""Labelled photos through the real landmarker and rules: the library behind `python -m coach
evaluate` and the bench's Haar reference (the pure metrics are in `coach.evaluate`).

The manifest is a CSV with at least the columns `file` and `category` (`label_details` is
shown for misjudged files); paths are relative to the manifest's folder. Clips and CSV rows are
skipped and counted. The OpenCV Haar smile cascade scores the same images as a reference: the
cascade's confidence (stage weight) for the best smile candidate in the lower half of the
largest frontal face, or the lowest score when it finds no face or no candidate.
"""

from __future__ import annotations

import csv
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.errors import CoachError
from coach.readings import GazeReading, SmileReading
from coach.rules.smile import SmileSettings

SMILE_POSITIVE = ("smile_face", "genuine_smile", "posed_smile")
SMILE_NEGATIVE = ("neutral_face", "other")
EXPECTED_KIND = {"genuine_smile": "genuine", "posed_smile": "mouth_only"}
POSTURE_CATEGORIES = ("posture_good", "posture_bad")
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})
CLIP_SUFFIXES = frozenset({".mp4", ".mov", ".avi", ".mkv", ".webm", ".m4v"})
HAAR_NO_SMILE = -1e6  # Haar score when the cascade finds no face or no smile candidate


@dataclass(frozen=True)
class ManifestRow:
    file: str
    category: str
    details: str
    path: Path


@dataclass
class ImageResult:
    row: ManifestRow
    readable: bool = True
    face_found: bool = False
    smile: SmileReading | None = None
    gaze: GazeReading | None = None
    haar: float = HAAR_NO_SMILE
    posture_ok: bool | None = None
    posture_issues: tuple[str, ...] = ()

    @property
    def score(self) -> float:
        """Our smile score; a photo with no face found is judged "no smile" (score 0)."""
        return self.smile.score if self.smile is not None else 0.0

    @property
    def kind(self) -> str:
        return self.smile.kind if self.smile is not None else "none"


class ManifestError(CoachError):
    """A manifest that cannot be evaluated: a code and values, translated where shown."""


def read_manifest(path: Path) -> tuple[list[ManifestRow], dict[str, int]]:
    """The still-image rows of a manifest, and how many clip/CSV/other rows were skipped."""
    if not path.is_file():
        raise ManifestError("evaluate.error.no_manifest", manifest=str(path))
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = set(reader.fieldnames or ())
            if not {"file", "category"} <= columns:
                raise ManifestError("evaluate.error.columns", manifest=str(path),
                                    found=", ".join(sorted(columns)) or "-")
            raw_rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as bad:
        raise ManifestError("evaluate.error.unreadable_manifest", manifest=str(path),
                            detail=str(bad)) from bad
    base = path.parent
    rows: list[ManifestRow] = []
    skipped = {"clips": 0, "csv": 0, "other": 0}
    for raw in raw_rows:
        name = (raw.get("file") or "").strip()
        if not name:
            continue
        suffix = Path(name).suffix.lower()
        if suffix in CLIP_SUFFIXES:
            skipped["clips"] += 1
        elif suffix == ".csv":
            skipped["csv"] += 1
        elif suffix not in IMAGE_SUFFIXES:
            skipped["other"] += 1
        else:
            details = " ".join((raw.get("label_details") or "").split())
            rows.append(ManifestRow(name, (raw.get("category") or "").strip(), details, base / name))
    return rows, skipped


def run_images(rows: Sequence[ManifestRow], settings: SmileSettings, *, with_haar: bool = True
               ) -> list[ImageResult]:
    """Landmarks, smile, gaze, Haar and (if available) posture readings for each image."""
    import cv2

    from coach.rules.gaze import measure_gaze
    from coach.rules.smile import measure_smile
    from coach.types import Frame
    from coach.vision.landmarker import Landmarker

    posture = posture_module()
    haar = HaarSmile() if with_haar else None
    results: list[ImageResult] = []
    with Landmarker(static_image_mode=True) as landmarker:
        for index, row in enumerate(rows):
            result = ImageResult(row)
            results.append(result)
            image = cv2.imread(str(row.path), cv2.IMREAD_COLOR)
            if image is None:
                result.readable = False
                continue
            observation = landmarker.detect(Frame(t=float(index), index=index, image=image))
            if observation.face is not None:
                result.face_found = True
                result.smile = measure_smile(observation.face, settings)
                result.gaze = measure_gaze(observation.face)
            if haar is not None and row.category in SMILE_POSITIVE + SMILE_NEGATIVE:
                result.haar = haar.score(image)
            if posture is not None and row.category in POSTURE_CATEGORIES and observation.body is not None:
                reading = posture.measure_posture(observation.body, observation.face)
                if reading.mode != "unknown":
                    result.posture_ok = reading.ok
                    result.posture_issues = reading.issues
    return results


def posture_module():
    """coach.rules.posture if it is installed yet, else None (its section is then skipped)."""
    try:
        return importlib.import_module("coach.rules.posture")
    except ModuleNotFoundError as missing:
        if missing.name != "coach.rules.posture":
            raise
        return None


class HaarSmile:
    """OpenCV's Haar frontal-face + smile cascades, as a graded smile score (see module doc)."""

    WORK_SIDE = 256  # small images are upscaled to this longer side first

    def __init__(self) -> None:
        import cv2

        self._cv2 = cv2
        self._faces = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
        self._smiles = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_smile.xml")
        if self._faces.empty() or self._smiles.empty():
            raise RuntimeError("OpenCV's Haar cascade files are missing from cv2.data.haarcascades")

    def score(self, image) -> float:
        cv2 = self._cv2
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        longer = max(gray.shape[:2])
        if longer < self.WORK_SIDE:
            factor = self.WORK_SIDE / longer
            gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        gray = cv2.equalizeHist(gray)
        faces = self._faces.detectMultiScale(gray, 1.1, 4, minSize=(40, 40))
        if len(faces) == 0:
            return HAAR_NO_SMILE
        x, y, w, h = max(faces, key=lambda box: int(box[2]) * int(box[3]))
        mouth_area = gray[y + h // 2:y + h, x:x + w]
        _, _, weights = self._smiles.detectMultiScale3(
            mouth_area, 1.1, 0, minSize=(max(w // 5, 1), max(h // 10, 1)), outputRejectLevels=True)
        return float(max(weights)) if len(weights) else HAAR_NO_SMILE
