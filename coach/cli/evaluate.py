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
import fnmatch
import math
from collections.abc import Callable, Sequence
from pathlib import Path

from coach.evaluate import agreement, confusion, roc_auc
from coach.evaluation import (
    EXPECTED_KIND,
    POSTURE_CATEGORIES,
    SMILE_NEGATIVE,
    SMILE_POSITIVE,
    ImageResult,
    ManifestError,
    ManifestRow,
    posture_module,
    read_manifest,
    run_images,
)
from coach.i18n import t
from coach.rules.smile import SmileSettings

HELP = t("evaluate.help")

DETAIL_CHARS = 70


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
        rows, skipped = read_manifest(Path(args.manifest))
        missing = [row for row in rows if not row.path.is_file()]
        if missing and not args.skip_missing:
            raise ManifestError("evaluate.error.missing_file", file=missing[0].file, count=len(missing),
                                manifest=args.manifest)
    except ManifestError as problem:
        print(problem.message(lang))
        return 2
    images = [row for row in rows if row.path.is_file()]
    if not images:
        print(t("evaluate.error.no_images", lang, manifest=args.manifest))
        return 2

    print(t("evaluate.progress.start", lang, count=len(images)), flush=True)
    results = run_images(images, settings, with_haar=not args.no_haar)
    report(results, skipped, missing, settings, args, print, lang)
    return 0


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
    if posture_module() is None:
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
        for r in judged:
            if (not r.posture_ok) != (r.row.category == "posture_bad"):
                out(tr("evaluate.posture_miss", file=r.row.file, category=r.row.category,
                       issues=", ".join(r.posture_issues) or "-", details=_short(r.row.details)))

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
