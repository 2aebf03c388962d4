"""`python -m coach evaluate CLIP_LABELS.csv`: run the engine over labelled clips and print tables.

The CLI module only hands its arguments here. Landmarks are cached per clip (see
`coach.clip_evaluation.observations`), so re-running after a rule change takes seconds.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from coach.clip_evaluation.clips import (
    JUDGES,
    LABELS,
    TARGETS,
    ClipLabelsError,
    ClipRun,
    ClipScores,
    read_clip_labels,
    run_clip,
    score_clip,
)
from coach.clip_evaluation.fatigue import FatigueRun, run_fatigue
from coach.clip_evaluation.fatigue import report as fatigue_report
from coach.clip_evaluation.posture_check import PostureTally, report_posture, tally_posture
from coach.errors import CoachError
from coach.i18n import t

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "coach-clip-landmarks"


def is_clip_labels(path: Path) -> bool:
    """A CSV whose header has the segment columns of CLIP_LABELS.csv."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            header = handle.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return "t_start_s" in header and "face_label" in header


def main(args: argparse.Namespace, out: Callable[[str], None] = print) -> int:
    lang = args.lang
    labels_path = Path(args.manifest)
    try:
        labels = read_clip_labels(labels_path)
    except ClipLabelsError as problem:
        out(t(f"judgements.error.labels_{problem.code}", lang, **problem.values))
        return 2
    base = labels_path.parent
    clips = {name: segments for name, segments in labels.items() if _matches(name, args.show)}
    missing = [name for name in clips if not (base / name).is_file()]
    for name in missing:
        out(t("judgements.eval.missing_clip", lang, file=name))
    clips = {name: segments for name, segments in clips.items() if name not in missing}
    if not clips:
        out(t("judgements.error.no_clips", lang, path=str(labels_path)))
        return 2
    every_s = 1.0 / args.fps if args.fps else None
    cache = None if args.no_cache else Path(args.cache or DEFAULT_CACHE)
    blendshapes = args.blendshapes if args.blendshapes and Path(args.blendshapes).is_file() else None
    if args.blendshapes and blendshapes is None:
        out(t("judgements.eval.no_blendshapes", lang, path=args.blendshapes))
    runs = []
    postures = []
    fatigue_runs = []
    for number, (name, segments) in enumerate(sorted(clips.items()), start=1):
        out(t("judgements.eval.progress", lang, n=number, total=len(clips), file=name))
        try:
            run, posture, fatigue = collect_run(base / name, name, cache, blendshapes, every_s, segments)
        except CoachError as problem:  # a clip that cannot be read: say so, judge the others
            out(problem.message(lang))
            continue
        runs.append((run, segments))
        postures.append((Path(name).name, posture))
        fatigue_runs.append(fatigue)
    if not runs:
        out(t("judgements.error.no_clips", lang, path=str(labels_path)))
        return 2
    report(runs, out, lang)
    report_posture(postures, lambda key, **values: t(key, lang, **values), out)
    fatigue_report(fatigue_runs, out, lambda key, **values: t(key, lang, **values))
    return 0


def collect_run(path: Path, name: str, cache: Path | None, blendshapes: str | None, every_s: float | None,
                segments: Sequence = ()) -> tuple[ClipRun, dict[str, PostureTally], FatigueRun]:
    """The engine's run over the clip, each labelled posture's frame readings, and the fatigue and
    set-up run (every frame), from one pass of the landmarker."""
    from coach.clip_evaluation.observations import clip_observations
    from coach.engine import Engine

    observations = clip_observations(path, cache_dir=cache, blendshapes_model=blendshapes)
    run = run_clip(name, observations, lambda: Engine(source=name), every_s)
    fatigue = run_fatigue(name, observations, segments, lambda: Engine(source=name))
    return run, tally_posture(_sampled(observations, run.times), segments), fatigue


def _sampled(observations: Sequence, times: Sequence[float]) -> list:
    """The observations the run judged (all of them, or those `--fps` kept)."""
    kept = set(times)
    return [obs for obs in observations if obs.t in kept]


def report(runs: Sequence[tuple[ClipRun, Sequence]], out: Callable[[str], None], lang: str | None) -> None:
    def tr(key: str, **values: object) -> str:
        return t(key, lang, **values)

    totals = {judge: ClipScores() for judge in JUDGES}
    per_clip: list[tuple[str, dict[str, ClipScores]]] = []
    for run, segments in runs:
        scores = {judge: score_clip(run, segments, judge) for judge in JUDGES}
        for judge in JUDGES:
            totals[judge].add(scores[judge])
        per_clip.append((run.file, scores))

    out("")
    out(tr("judgements.eval.section.targets"))
    out(_row([tr("judgements.eval.col.figure"), tr("judgements.eval.col.frames"),
              tr("judgements.eval.col.episodes"), tr("judgements.eval.col.target")], (34, 16, 16, 8)))
    for name, (op, bound) in TARGETS.items():
        cells = [tr(f"judgements.eval.figure.{name}")]
        for judge in JUDGES:
            value = totals[judge].figure(name)
            mark = {True: " ✓", False: " ✗", None: ""}[totals[judge].meets(name)]
            cells.append(_pct(value) + mark)
        cells.append(f"{op} {bound:.0%}")
        out(_row(cells, (34, 16, 16, 8)))
    after = totals["episodes"]
    out(tr("judgements.eval.counts", smile=after.smile_total, kind=after.kind_total,
           negative=after.by_label["negative"].frames, talking=after.by_label["talking"].frames))

    out("")
    out(tr("judgements.eval.section.labels"))
    out(_row([tr("judgements.eval.col.label"), tr("judgements.eval.col.n"),
              tr("judgements.eval.col.smiling_before"), tr("judgements.eval.col.smiling_after"),
              tr("judgements.eval.col.genuine_after"), tr("judgements.eval.col.mouth_only_after")],
             (18, 6, 12, 12, 12, 12)))
    for label in LABELS:
        before, after_tally = totals["frames"].by_label[label], totals["episodes"].by_label[label]
        if not after_tally.frames:
            continue
        n = after_tally.frames
        out(_row([label, str(n), _pct(before.smiling / n), _pct(after_tally.smiling / n),
                  _pct(after_tally.genuine / n), _pct(after_tally.mouth_only / n)], (18, 6, 12, 12, 12, 12)))

    out("")
    out(tr("judgements.eval.section.episodes"))
    out(tr("judgements.eval.episodes", found=after.found_labelled, labelled=after.labelled_episodes,
           episodes=after.episodes, spurious=after.spurious_episodes))

    out("")
    out(tr("judgements.eval.section.clips"))
    for file, scores in per_clip:
        cells = [Path(file).name[:34]]
        for judge in JUDGES:
            s = scores[judge]
            cells.append(f"{_frac(s.smile_right, s.smile_total)} {_frac(s.kind_right, s.kind_total)}")
        s = scores["episodes"]
        cells.append(f"{s.found_labelled}/{s.labelled_episodes} +{s.spurious_episodes}")
        out(_row(cells, (36, 22, 22, 10)))

    from coach.clip_evaluation import services

    services.report(runs, out, tr, _pct)


def _matches(name: str, patterns: Sequence[str]) -> bool:
    import fnmatch

    return not patterns or any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(Path(name).name, p)
                               for p in patterns)


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _frac(part: int, whole: int) -> str:
    return "-" if not whole else f"{part}/{whole}"
