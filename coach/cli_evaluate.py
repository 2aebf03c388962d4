"""`python -m coach evaluate MANIFEST.csv`: check the smile (and posture) rules on labelled photos.

The manifest is a CSV with at least the columns `file` and `category` (`label_details` is
shown for misjudged files); paths are relative to the manifest's folder. Categories used:
* smile_face, genuine_smile, posed_smile: smiles (positives);
* neutral_face and other (non-smile expressions): not smiles (negatives);
* genuine_smile vs posed_smile: should come out genuine vs mouth_only;
* posture_good / posture_bad: posture, when `coach/rules/posture.py` is installed.
Each still is run through the real landmarker. Clips and CSV rows are skipped and counted.

The OpenCV Haar smile cascade runs on the same images as a reference: its score is the
cascade's confidence (stage weight) for the best smile candidate in the lower half of the
largest frontal face, or the lowest score when it finds no face or no candidate.

A file listed in the manifest but missing on disk stops the run before any work (exit 2) with
one line naming it, unless --skip-missing is given: then missing files are counted, listed
and left out.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import importlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.evaluate import agreement, confusion, roc_auc
from coach.i18n import t
from coach.readings import GazeReading, PostureReading, SmileReading
from coach.rules.smile import SmileSettings

HELP = t("evaluate.help")

SMILE_POSITIVE = ("smile_face", "genuine_smile", "posed_smile")
SMILE_NEGATIVE = ("neutral_face", "other")
EXPECTED_KIND = {"genuine_smile": "genuine", "posed_smile": "mouth_only"}
POSTURE_CATEGORIES = ("posture_good", "posture_bad")
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})
CLIP_SUFFIXES = frozenset({".mp4", ".mov", ".avi", ".mkv", ".webm", ".m4v"})
HAAR_NO_SMILE = -1e6  # Haar score when the cascade finds no face or no smile candidate
DETAIL_CHARS = 70


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
    posture: PostureReading | None = None

    @property
    def score(self) -> float:
        """Our smile score; a photo with no face found is judged "no smile" (score 0)."""
        return self.smile.score if self.smile is not None else 0.0

    @property
    def kind(self) -> str:
        return self.smile.kind if self.smile is not None else "none"


class ManifestError(Exception):
    """A manifest that cannot be evaluated; the message is translated and one line."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("manifest", help=t("evaluate.arg.manifest"))
    parser.add_argument("--threshold", type=float, default=None, help=t("evaluate.arg.threshold"))
    parser.add_argument("--skip-missing", action="store_true", help=t("evaluate.arg.skip_missing"))
    parser.add_argument("--show", action="append", default=[], metavar="PATTERN", help=t("evaluate.arg.show"))
    parser.add_argument("--max-list", type=int, default=40, help=t("evaluate.arg.max_list"))
    parser.add_argument("--no-haar", action="store_true", help=t("evaluate.arg.no_haar"))
    parser.add_argument("--lang", default=None, help=t("evaluate.arg.lang"))


def main(args: argparse.Namespace) -> int:
    lang = args.lang
    try:
        settings = SmileSettings()
        if args.threshold is not None:
            settings = SmileSettings(smile_threshold=args.threshold)
    except ValueError as bad:
        print(t("evaluate.error.bad_threshold", lang, detail=str(bad)))
        return 2
    try:
        rows, skipped = read_manifest(Path(args.manifest), lang)
        missing = [row for row in rows if not row.path.is_file()]
        if missing and not args.skip_missing:
            raise ManifestError(t("evaluate.error.missing_file", lang, file=missing[0].file,
                                  count=len(missing), manifest=args.manifest))
    except ManifestError as problem:
        print(problem)
        return 2
    images = [row for row in rows if row.path.is_file()]
    if not images:
        print(t("evaluate.error.no_images", lang, manifest=args.manifest))
        return 2

    print(t("evaluate.progress.start", lang, count=len(images)), flush=True)
    results = run_images(images, settings, with_haar=not args.no_haar, lang=lang)
    report(results, skipped, missing, settings, args, print, lang)
    return 0


def read_manifest(path: Path, lang: str | None = None) -> tuple[list[ManifestRow], dict[str, int]]:
    """The still-image rows of a manifest, and how many clip/CSV/other rows were skipped."""
    if not path.is_file():
        raise ManifestError(t("evaluate.error.no_manifest", lang, manifest=str(path)))
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = set(reader.fieldnames or ())
            if not {"file", "category"} <= columns:
                raise ManifestError(t("evaluate.error.columns", lang, manifest=str(path),
                                      found=", ".join(sorted(columns)) or "-"))
            raw_rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as bad:
        raise ManifestError(t("evaluate.error.unreadable_manifest", lang, manifest=str(path),
                              detail=str(bad))) from bad
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


def run_images(rows: Sequence[ManifestRow], settings: SmileSettings, *, with_haar: bool = True,
               lang: str | None = None) -> list[ImageResult]:
    """Landmarks, smile, gaze, Haar and (if available) posture readings for each image."""
    import cv2

    from coach.rules.gaze import measure_gaze
    from coach.rules.smile import measure_smile
    from coach.types import Frame
    from coach.vision.landmarker import Landmarker

    posture = _posture_module()
    haar = HaarSmile() if with_haar else None
    results: list[ImageResult] = []
    with Landmarker(static_image_mode=True, lang=lang) as landmarker:
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
            if posture is not None and row.category in POSTURE_CATEGORIES:
                result.posture = posture.observe_posture(observation)
                if result.posture is not None and result.posture.judged:
                    result.posture_ok = result.posture.ok
                    result.posture_issues = result.posture.issues
    return results


def _posture_module():
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


# --- report --------------------------------------------------------------------------------------


def report(results: Sequence[ImageResult], skipped: dict[str, int], missing: Sequence[ManifestRow],
           settings: SmileSettings, args: argparse.Namespace, out: Callable[[str], None],
           lang: str | None = None) -> None:
    def tr(key: str, **values: object) -> str:
        return t(key, lang, **values)

    readable = [r for r in results if r.readable]
    out(tr("evaluate.summary", images=len(results), faces=sum(r.face_found for r in readable),
           clips=skipped["clips"], csv=skipped["csv"], other=skipped["other"], missing=len(missing)))
    for row in missing:
        out(tr("evaluate.missing_item", file=row.file))
    for r in results:
        if not r.readable:
            out(tr("evaluate.unreadable_item", file=r.row.file))

    out("")
    out(tr("evaluate.section.categories", threshold=f"{settings.smile_threshold:g}"))
    for category in sorted({r.row.category for r in readable}):
        items = [r for r in readable if r.row.category == category]
        expected = _expected_smile(category)
        smiles = sum(r.kind != "none" for r in items)
        kinds = {k: sum(r.kind == k for r in items) for k in ("genuine", "mouth_only")}
        right = "-"
        if expected is not None:
            right = f"{sum((r.kind != 'none') == expected for r in items)}/{len(items)}"
        out(tr("evaluate.category_line", category=category, n=len(items),
               faces=sum(r.face_found for r in items), smiles=smiles, genuine=kinds["genuine"],
               mouth_only=kinds["mouth_only"], mean=_mean([r.score for r in items]), right=right))

    out("")
    out(tr("evaluate.section.smile"))
    for negatives in (("neutral_face",), SMILE_NEGATIVE):
        items = [r for r in readable if r.row.category in SMILE_POSITIVE + negatives]
        labels = [r.row.category in SMILE_POSITIVE for r in items]
        if not any(labels) or all(labels):
            out(tr("evaluate.not_enough", what=" + ".join(negatives)))
            continue
        ours = roc_auc([r.score for r in items], labels)
        matrix = confusion([r.kind != "none" for r in items], labels)
        haar = "-" if args.no_haar else f"{roc_auc([r.haar for r in items], labels):.3f}"
        out(tr("evaluate.smile_line", negatives=" + ".join(negatives), pos=sum(labels),
               neg=len(labels) - sum(labels), auc=f"{ours:.3f}", accuracy=_pct(matrix.accuracy),
               tp=matrix.tp, fp=matrix.fp, tn=matrix.tn, fn=matrix.fn, haar=haar))

    pairs = [r for r in readable if r.row.category in EXPECTED_KIND]
    out("")
    out(tr("evaluate.section.kind"))
    if pairs:
        predicted = [r.kind for r in pairs]
        expected = [EXPECTED_KIND[r.row.category] for r in pairs]
        labels = [r.row.category == "genuine_smile" for r in pairs]
        eye_auc = "-"
        if any(labels) and not all(labels):
            eye_auc = f"{roc_auc([r.smile.eye_involvement if r.smile else 0.0 for r in pairs], labels):.3f}"
        out(tr("evaluate.kind_line", n=len(pairs), agree=sum(p == e for p, e in zip(predicted, expected,
                                                                                     strict=True)),
               share=_pct(agreement(predicted, expected)), eye_auc=eye_auc))
        for category in EXPECTED_KIND:
            got = [r.kind for r in pairs if r.row.category == category]
            if got:
                out(tr("evaluate.kind_detail", category=category, genuine=got.count("genuine"),
                       mouth_only=got.count("mouth_only"), none=got.count("none")))
    else:
        out(tr("evaluate.not_enough", what="genuine_smile / posed_smile"))

    out("")
    out(tr("evaluate.section.posture"))
    posture_items = [r for r in readable if r.row.category in POSTURE_CATEGORIES]
    if _posture_module() is None:
        out(tr("evaluate.posture_absent"))
    elif not posture_items:
        out(tr("evaluate.not_enough", what=" / ".join(POSTURE_CATEGORIES)))
    else:
        judged = [r for r in posture_items if r.posture_ok is not None]
        matrix = confusion([not r.posture_ok for r in judged],
                           [r.row.category == "posture_bad" for r in judged])
        out(tr("evaluate.posture_line", n=len(posture_items), judged=len(judged),
               unknown=len(posture_items) - len(judged), precision=_pct(matrix.precision),
               recall=_pct(matrix.recall), accuracy=_pct(matrix.accuracy), tp=matrix.tp, fp=matrix.fp,
               tn=matrix.tn, fn=matrix.fn))
        from coach.evaluation.posture import PhotoPosture
        from coach.evaluation.posture import report as posture_report

        posture_report([PhotoPosture(r.row.file, r.row.category, r.row.details, r.posture)
                        for r in posture_items], tr, out)

    shown = [r for r in readable if _matches(r.row.file, args.show)]
    if shown:
        out("")
        out(tr("evaluate.section.show"))
        for r in shown:
            out(_reading_line(r, tr))

    misjudged = [r for r in readable if _expected_smile(r.row.category) is not None
                 and (r.kind != "none") != _expected_smile(r.row.category)]
    misjudged += [r for r in readable if r.row.category in EXPECTED_KIND and r.kind != "none"
                  and r.kind != EXPECTED_KIND[r.row.category]]
    out("")
    out(tr("evaluate.section.misjudged", count=len(misjudged)))
    for r in misjudged[:max(args.max_list, 0)]:
        out(_reading_line(r, tr))
    if len(misjudged) > max(args.max_list, 0):
        out(tr("evaluate.more", count=len(misjudged) - max(args.max_list, 0)))


def _matches(file: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(file, p) or fnmatch.fnmatch(Path(file).name, p) for p in patterns)


def _expected_smile(category: str) -> bool | None:
    if category in SMILE_POSITIVE:
        return True
    if category in SMILE_NEGATIVE:
        return False
    return None


def _reading_line(r: ImageResult, tr: Callable[..., str]) -> str:
    if r.smile is None:
        return tr("evaluate.reading_noface", file=r.row.file, category=r.row.category,
                  details=_short(r.row.details))
    s = r.smile
    return tr("evaluate.reading", file=r.row.file, category=r.row.category, score=f"{s.score:.0f}",
              kind=s.kind, corner=f"{s.mouth_corner_deg:.1f}", width=f"{s.mouth_width_ratio:.2f}",
              eyes=f"{s.eye_involvement:.2f}", teeth=int(s.teeth_visible), details=_short(r.row.details))


def _short(text: str) -> str:
    return text if len(text) <= DETAIL_CHARS else text[:DETAIL_CHARS - 1] + "…"


def _mean(values: Sequence[float]) -> str:
    return "-" if not values else f"{sum(values) / len(values):.0f}"


def _pct(value: float | None) -> str:
    return "-" if value is None or math.isnan(value) else f"{100 * value:.0f}%"
