"""`python -m coach bench [--quick] [--only SECTION ...] [--data DIR] [--record [FILE]]`

Speed and resource figures, each table measured within this one run so its ratios compare like
with like on a shared, noisy machine:

* throughput — bare MediaPipe FaceMesh+Pose vs the full pipeline (Pose on every frame, and at most
  5 times a second as the live coach runs it) vs OpenCV's Haar cascades, at 640×480 and 1280×720,
  on the same frames, and the pipeline's time per stage;
* eco — a live 30 fps source analysed at full rate vs in eco mode: frames analysed per second
  and the share of one core used;
* review — `python -m coach review` on one 720p30 clip as a trainer runs it: every frame on one
  core (the old default), the defaults (a long video cut into a chunk per core), Pose capped;
* agreement — each candidate review setting against every-frame analysis on the sample clips and
  the real ones (`--data`): events, smile counts and shares (why the defaults are what they are);
* memory — RSS of a live process (the page's own worker, models and store) over a replayed
  8-hour session, time compressed; and what each heavy import costs.
* measures — each rule-level measure's cost per frame (smile, brows, episodes, gaze, posture,
  serving, fatigue, set-up; coach.bench.measure_costs, a registry other measures join).

Frames come from `sample_videos/` (always there); `--data DIR` adds the real clips listed in
DIR/MANIFEST.csv to the throughput table. `--record` writes the figures, the machine and the
command to benchmarks/RESULTS.md (keeping any other section of that file).
"""

from __future__ import annotations

import argparse
import datetime
import math
import re
import shlex
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from coach.bench import report
from coach.bench.clips import BenchInputError, FrameSet, manifest_clips, sample_clip, write_clip
from coach.bench.report import Table, format_table, number, ratio
from coach.bench.review_speed import ReviewError
from coach.i18n import LANGUAGES, resolve_language, t
from coach.sinks import SinkError
from coach.vision.pacer import ECO_MAX_FPS

HELP = t("bench.help")
SECTIONS = ("throughput", "eco", "review", "agreement", "memory", "measures")
DEFAULT_RECORD = Path(__file__).resolve().parents[2] / "benchmarks" / "RESULTS.md"


@dataclass(frozen=True)
class Plan:
    """How much of each benchmark to run (the defaults take a few minutes on two cores)."""

    frames: int = 100  # throughput: measured frames per resolution and frame set
    warmup: int = 5
    resolutions: tuple[tuple[int, int], ...] = ((640, 480), (1280, 720))
    eco_seconds: float = 20.0  # per mode
    eco_fps: float = ECO_MAX_FPS
    source_fps: float = 30.0
    review_seconds: float = 60.0  # long enough that start-up does not hide the review's own speed
    agreement_clips: int = 0  # 0 = every sample clip and every real clip
    stride: int = 3
    jobs: int = 0  # 0 = every usable core
    hours: float = 8.0
    replay_fps: float = ECO_MAX_FPS  # the all-day (eco) rate
    memory_samples: int = 8  # RSS samples after the start, evenly over the replay
    live_step_s: float = 12.0  # live memory: engine seconds between replayed frames (time compressed)


QUICK = Plan(frames=12, warmup=2, eco_seconds=4.0, review_seconds=2.0, hours=0.5, replay_fps=2.0,
             memory_samples=3, live_step_s=30.0, agreement_clips=1)


def parse_resolutions(text: str) -> tuple[tuple[int, int], ...]:
    """'640x480,1280x720' → ((640, 480), (1280, 720)); ValueError naming the expected form."""
    found = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d{2,5})\s*[x×]\s*(\d{2,5})\s*", part)
        if not match:
            raise ValueError(part.strip())
        width, height = int(match.group(1)), int(match.group(2))
        if width % 2 or height % 2:
            raise ValueError(part.strip())
        found.append((width, height))
    return tuple(found)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help=t("bench.arg.quick"))
    parser.add_argument("--only", action="append", choices=SECTIONS, metavar="SECTION",
                        help=t("bench.arg.only", sections=", ".join(SECTIONS)))
    parser.add_argument("--frames", type=int, default=None, metavar="N", help=t("bench.arg.frames"))
    parser.add_argument("--resolutions", default=None, metavar="WxH,...", help=t("bench.arg.resolutions"))
    parser.add_argument("--seconds", type=float, default=None, metavar="S", help=t("bench.arg.seconds"))
    parser.add_argument("--eco-fps", type=float, default=None, metavar="F", help=t("bench.arg.eco_fps"))
    parser.add_argument("--review-seconds", type=float, default=None, metavar="S",
                        help=t("bench.arg.review_seconds"))
    parser.add_argument("--stride", type=int, default=None, metavar="N", help=t("bench.arg.stride"))
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help=t("bench.arg.jobs"))
    parser.add_argument("--hours", type=float, default=None, metavar="H", help=t("bench.arg.hours"))
    parser.add_argument("--replay-fps", type=float, default=None, metavar="F", help=t("bench.arg.replay_fps"))
    parser.add_argument("--clip", default=None, metavar="VIDEO", help=t("bench.arg.clip"))
    parser.add_argument("--data", default=None, metavar="DIR", help=t("bench.arg.data"))
    parser.add_argument("--no-haar", action="store_true", help=t("bench.arg.no_haar"))
    parser.add_argument("--record", nargs="?", const=str(DEFAULT_RECORD), default=None, metavar="FILE",
                        help=t("bench.arg.record"))
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=t("bench.arg.lang"))


def plan_from(args: argparse.Namespace, lang: str | None) -> Plan:
    base = QUICK if args.quick else Plan()
    values = {
        "frames": args.frames, "eco_seconds": args.seconds, "eco_fps": args.eco_fps,
        "review_seconds": args.review_seconds, "stride": args.stride, "jobs": args.jobs, "hours": args.hours,
        "replay_fps": args.replay_fps,
    }
    changes = {name: value for name, value in values.items() if value is not None}
    for name in ("frames", "stride"):
        if name in changes and changes[name] < 1:
            raise BenchInputError("bench.error.at_least_one", option=f"--{name}",
                                    value=changes[name])
    if "jobs" in changes and changes["jobs"] < 0:
        raise BenchInputError("bench.error.at_least_one", option="--jobs", value=changes["jobs"])
    for name in ("eco_seconds", "eco_fps", "review_seconds", "hours", "replay_fps"):
        if name in changes and not (math.isfinite(changes[name]) and changes[name] > 0):
            option = "--" + {"eco_seconds": "seconds"}.get(name, name).replace("_", "-")
            raise BenchInputError("bench.error.positive", option=option, value=changes[name])
    if args.resolutions is not None:
        try:
            changes["resolutions"] = parse_resolutions(args.resolutions)
        except ValueError as bad:
            raise BenchInputError("bench.error.resolution", value=bad) from None
    return Plan(**{**base.__dict__, **changes})


def command_line(args: argparse.Namespace) -> str:
    """The command that makes these figures again, rebuilt from the options given."""
    words = ["python", "-m", "coach", "bench"]
    for name, value in vars(args).items():
        if name in ("command", "record") or value is None or value is False:
            continue
        option = "--" + name.replace("_", "-")
        if value is True:
            words.append(option)
        elif isinstance(value, list):
            for item in value:
                words += [option, str(item)]
        else:
            words += [option, str(value)]
    if args.record is not None:
        words.append("--record" if Path(args.record) == DEFAULT_RECORD else f"--record={args.record}")
    return " ".join(shlex.quote(word) for word in words)


def main(args: argparse.Namespace) -> int:
    lang = resolve_language(args.lang)
    try:
        plan = plan_from(args, lang)
        clip = Path(args.clip) if args.clip else sample_clip()
        if not clip.is_file():
            raise BenchInputError("bench.error.no_clip", path=clip)
        real = manifest_clips(args.data) if args.data else []
    except BenchInputError as problem:
        print(f"{t('error.prefix', lang)}: {problem.message(lang)}", file=sys.stderr)
        return 2
    sections = tuple(args.only) if args.only else SECTIONS
    bench = Bench(plan, clip, real, lang, with_haar=not args.no_haar)
    command = command_line(args)
    out = [format_table(bench.machine_table()), ""]
    print(out[0] + "\n", flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="coach-bench-") as workdir:
            bench.workdir = Path(workdir)
            for section in SECTIONS:
                if section not in sections:
                    continue
                for text in getattr(bench, section)():
                    print(text + "\n", flush=True)
                    out += [text, ""]
    except BenchInputError as problem:
        print(f"{t('error.prefix', lang)}: {problem.message(lang)}", file=sys.stderr)
        return 2
    except ReviewError as problem:  # a benchmark that could not run: one line
        print(f"{t('error.prefix', lang)}: {problem.message(lang)}", file=sys.stderr)
        return 1
    except (SinkError, OSError) as problem:
        print(f"{t('error.prefix', lang)}: {problem}", file=sys.stderr)
        return 1
    if args.record:
        when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
        header = [f"## {t('bench.record.title', lang)}", "",
                  t("bench.record.made_by", lang, command=command, when=when), ""]
        path = report.write_results(args.record, "\n".join(header + out))
        print(t("bench.record.written", lang, path=path))
    return 0


class Bench:
    """Runs the sections and turns their results into tables (in `lang`)."""

    def __init__(self, plan: Plan, clip: Path, real_clips: list[Path], lang: str, with_haar: bool = True):
        self.plan = plan
        self.clip = clip
        self.real_clips = real_clips
        self.lang = lang
        self.with_haar = with_haar
        self.workdir: Path | None = None
        self._clip_720p30: tuple[Path, int] | None = None

    def tr(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def say(self, key: str, **values: object) -> None:
        print("… " + self.tr(key, **values), file=sys.stderr, flush=True)

    def machine_table(self) -> Table:
        table = Table(self.tr("bench.machine.title"), [self.tr("bench.col.item"), self.tr("bench.col.value")])
        for key, value in report.machine_info().items():
            table.add(key, value)
        return table

    # --- throughput ------------------------------------------------------------------------------
    def throughput(self) -> list[str]:
        from coach.bench.throughput import STAGES, measure

        sets = [(self.tr("bench.frames.sample", name=self.clip.name), (self.clip,))]
        if self.real_clips:
            sets.append((self.tr("bench.frames.real", count=len(self.real_clips)), tuple(self.real_clips)))
        texts = []
        for label, paths in sets:
            results = []
            for width, height in self.plan.resolutions:
                self.say("bench.progress.throughput", label=label, width=width, height=height,
                         frames=self.plan.frames)
                frame_set = FrameSet(label, self._paths_at(paths, width, height), width, height)
                results.append(measure(frame_set, self.plan.frames, warmup=self.plan.warmup,
                                       with_haar=self.with_haar))
            texts.append(format_table(self._throughput_table(label, results)))
            texts.append(format_table(self._stage_table(label, results, STAGES)))
        return texts

    def _paths_at(self, paths: tuple[Path, ...], width: int, height: int) -> tuple[Path, ...]:
        """The sample at 1280×720 is the review clip (a real encoded 720p file, so decode is honest)."""
        if paths == (self.clip,) and (width, height) == (1280, 720):
            return (self.clip_720p30()[0],)
        return paths

    def _throughput_table(self, label: str, results) -> Table:
        from coach.bench.throughput import BARE_STAGES, CAPPED_STAGES, FULL_STAGES

        tr = self.tr
        table = Table(tr("bench.throughput.title", label=label),
                      [tr("bench.col.resolution"), tr("bench.col.method"), tr("bench.col.ms_per_frame"),
                       tr("bench.col.fps"), tr("bench.col.cpu_ms"), tr("bench.col.cores_busy"),
                       tr("bench.col.found"), tr("bench.col.vs_bare"), tr("bench.col.vs_bare_cpu")])
        for result in results:
            size = f"{result.frame_set.width}×{result.frame_set.height}"
            frames = max(result.frames, 1)
            bare_cpu = result.cpu_ms(*BARE_STAGES)
            cap = number(result.pose_cap, 0)
            rows = [("bare", tr("bench.method.bare"), result.bare_ms, bare_cpu),
                    ("full", tr("bench.method.full"), result.full_ms, result.cpu_ms(*FULL_STAGES))]
            if "capped" in result.found:
                rows.append(("capped", tr("bench.method.capped", fps=cap), result.capped_ms,
                             result.cpu_ms(*CAPPED_STAGES)))
                table.notes.append(tr("bench.throughput.capped_note", size=size, fps=cap,
                                      runs=result.capped_pose_runs, frames=result.frames,
                                      share=f"{100 * result.capped_pose_runs / frames:.0f}"))
            if "haar" in result.found:
                rows.append(("haar", tr("bench.method.haar"), result.haar_ms, result.cpu_ms("haar")))
            for key, name, ms, cpu in rows:
                table.add(size, name, number(ms), number(1000 / ms if ms > 0 else None),
                          number(cpu), number(cpu / ms if ms > 0 else None, 2),
                          f"{100 * result.found[key] / frames:.0f}%", ratio(ms, result.bare_ms),
                          ratio(cpu, bare_cpu))
        table.notes.append(tr("bench.throughput.note", frames=results[0].frames if results else 0))
        from coach.vision.overlay import PREVIEW_MAX_SIDE

        table.notes.append(tr("bench.throughput.overlay_note", side=PREVIEW_MAX_SIDE))
        return table

    def _stage_table(self, label: str, results, stages) -> Table:
        tr = self.tr
        headers = [tr("bench.col.stage")]
        for result in results:
            size = f"{result.frame_set.width}×{result.frame_set.height}"
            headers += [tr("bench.col.stage_ms", size=size), tr("bench.col.stage_cpu_ms", size=size),
                        tr("bench.col.share", size=size)]
        table = Table(tr("bench.stages.title", label=label), headers)
        walls = [result.stage_ms() for result in results]
        cpus = [result.stage_ms(cpu=True) for result in results]
        for stage in stages:
            cells = [tr(f"bench.stage.{stage}")]
            for wall, cpu in zip(walls, cpus, strict=True):
                cells += [number(wall[stage]), number(cpu[stage]), _share(wall, stage)]
            table.add(*cells)
        for result, wall in zip(results, walls, strict=True):
            name, ms = result.slowest_stage()
            size = f"{result.frame_set.width}×{result.frame_set.height}"
            table.notes.append(tr("bench.stages.slowest", size=size, stage=tr(f"bench.stage.{name}"),
                                  ms=number(ms), share=_share(wall, name).rstrip("%")))
        inside = all(result.inside for result in results)
        table.notes.append(tr("bench.stages.note" if inside else "bench.stages.note_outside"))
        return table

    # --- eco -------------------------------------------------------------------------------------
    def eco(self) -> list[str]:
        import os

        from coach.bench.eco import REFRESH_BEFORE_S, check_camera_rate, combined, run_live
        from coach.vision.live_capture import camera_fps_for
        from coach.vision.pacer import LIVE_POSE_MAX_FPS

        plan = self.plan
        self.say("bench.progress.eco", seconds=number(plan.eco_seconds, 0), fps=number(plan.eco_fps, 0))
        clip = self.clip_30fps()
        # (key, max_fps, how): the live page as it was, at full rate, in eco mode watched and not
        modes = (
            ("before", plan.eco_fps, {"viewed": True, "decode_all": True, "pose_max_fps": LIVE_POSE_MAX_FPS,
                                      "refresh_s": REFRESH_BEFORE_S}),
            ("full", None, {"viewed": True}),
            ("eco_viewed", plan.eco_fps, {"viewed": True}),
            ("eco", plan.eco_fps, {"viewed": False}),
        )
        runs: dict[str, list] = {key: [] for key, _, _ in modes}
        rounds = 2 if plan.eco_seconds >= 4 else 1
        warmup = 2.0 if plan.eco_seconds >= 4 else 1.0
        load_before = os.getloadavg()
        for _ in range(rounds):
            for key, max_fps, how in modes:
                runs[key].append(run_live(clip, max_fps, plan.eco_seconds / rounds, warmup_s=warmup, **how))
        load_after = os.getloadavg()
        results = {key: combined(found) for key, found in runs.items()}
        full = results["full"]
        tr = self.tr
        title = tr("bench.eco.title", fps=number(plan.source_fps, 0), seconds=number(plan.eco_seconds, 0))
        table = Table(title,
                      [tr("bench.col.mode"), tr("bench.col.delivered"), tr("bench.col.dropped"),
                       tr("bench.col.analysed"), tr("bench.col.analysed_per_s"),
                       tr("livespeed.col.converted"), tr("livespeed.col.pose_per_s"),
                       tr("livespeed.col.overlays_per_s"),
                       tr("bench.col.cpu_share"), tr("bench.col.vs_full")])
        fps = number(plan.eco_fps, 0)
        for key, _, _ in modes:
            result = results[key]
            wall = result.usage.wall_s or 1.0
            converted = tr("livespeed.every_frame") if result.converted is None else result.converted
            table.add(tr(f"livespeed.mode.{key}", fps=fps), result.delivered, result.dropped, result.analysed,
                      number(result.analysed_per_s), converted, number(result.pose_runs / wall),
                      number(result.overlays / wall), f"{100 * result.usage.core_share:.1f}%",
                      ratio(result.usage.core_share, full.usage.core_share))
        table.notes.append(tr("livespeed.eco.note", clip=self.clip.name, fps=number(plan.source_fps, 0)))
        camera = check_camera_rate(0, camera_fps_for(plan.eco_fps))
        if camera.found:
            said = "livespeed.camera.honoured" if camera.honoured else "livespeed.camera.ignored"
            table.notes.append(tr(said, asked=number(camera.asked, 0), reported=number(camera.reported, 1)))
        else:
            table.notes.append(tr("livespeed.camera.none", asked=number(camera.asked, 0)))
        table.notes.append(tr("livespeed.load", before=f"{load_before[0]:.1f}", after=f"{load_after[0]:.1f}",
                              cores=report.usable_cores()))
        return [format_table(table), self._page_table(clip)]

    def _page_table(self, clip: Path) -> str:
        """The real panel in a headless browser, playing `clip` as its sample: server and browser CPU."""
        import os
        import shutil

        from coach.bench.page_cost import measure_page, page_bench_available

        tr = self.tr
        if not page_bench_available():
            return tr("pagecost.unavailable")
        fps = number(self.plan.eco_fps, 0)
        samples = self.workdir / "page_samples"
        samples.mkdir(exist_ok=True)
        shutil.copyfile(clip, samples / clip.name)
        modes = (  # (row, COACH_MAX_FPS, Streamlit's own defaults)
            ("pagecost.mode.eco_defaults", f"{self.plan.eco_fps:g}", True),
            ("pagecost.mode.eco", f"{self.plan.eco_fps:g}", False),
            ("pagecost.mode.full", None, False),
        )
        table = Table(tr("pagecost.title", seconds=number(self.plan.eco_seconds, 0)),
                      [tr("bench.col.mode"), tr("pagecost.col.server"), tr("pagecost.col.browser"),
                       tr("pagecost.col.together")])
        load_before = os.getloadavg()
        for index, (key, max_fps, defaults) in enumerate(modes):
            self.say("pagecost.progress", mode=tr(key, fps=fps))
            cost = measure_page(samples, self.workdir / f"page_home_{index}", max_fps=max_fps,
                                span_s=self.plan.eco_seconds, streamlit_defaults=defaults)
            if cost is None:
                return tr("pagecost.unavailable")
            table.add(tr(key, fps=fps), f"{100 * cost.server_share:.1f}%", f"{100 * cost.browser_share:.1f}%",
                      f"{100 * (cost.server_share + cost.browser_share):.1f}%")
        load_after = os.getloadavg()
        table.notes.append(tr("pagecost.note", clip=self.clip.name, fps=number(self.plan.source_fps, 0)))
        table.notes.append(tr("livespeed.load", before=f"{load_before[0]:.1f}", after=f"{load_after[0]:.1f}",
                              cores=report.usable_cores()))
        return format_table(table)

    def clip_30fps(self) -> Path:
        """The sample at 640×480, retimed to the live source's rate (a temporary file)."""
        seconds = min(10.0, max(2.0, self.plan.eco_seconds))
        target = self.workdir / "clip_live.mp4"
        if not target.exists():
            write_clip((self.clip,), target, 640, 480, self.plan.source_fps, seconds)
        return target

    # --- review ----------------------------------------------------------------------------------
    def clip_720p30(self) -> tuple[Path, int]:
        if self._clip_720p30 is None:
            self.say("bench.progress.clip", seconds=number(self.plan.review_seconds, 0))
            target = self.workdir / "clip_720p30.mp4"
            self._clip_720p30 = write_clip((self.clip,), target, 1280, 720, 30.0, self.plan.review_seconds)
        return self._clip_720p30

    def review(self) -> list[str]:
        """One 720p30 file as a trainer reviews it: the defaults (on every core, and on one), and
        every frame on every core."""
        from coach.bench.review_speed import run_settings
        from coach.review_defaults import REVIEW_FPS, REVIEW_POSE_FPS

        clip, frames = self.clip_720p30()
        seconds = frames / 30.0
        jobs = self.plan.jobs
        every_core = ["--jobs", str(jobs)] if jobs else []
        configs = [("every_frame", ["--every-frame", "--jobs", "1"]),
                   ("every_frame_cores", ["--every-frame", *every_core]), ("default", every_core)]
        runs = {}
        for name, flags in configs:
            self.say("bench.progress.review_settings", settings=" ".join(flags) or "-",
                     seconds=number(seconds, 0))
            runs[name] = run_settings(clip, seconds, self.workdir, name, flags)
        tr = self.tr
        default = tr("speed_review.is_default", rate=self._rate_label(REVIEW_FPS, REVIEW_POSE_FPS))
        labels = {"every_frame": tr("speed_review.every_frame"), "default": default,
                  "every_frame_cores": self._rate_label(None, None)}
        table = Table(tr("bench.review.title_one", seconds=number(seconds, 0)),
                      [tr("bench.col.settings"), tr("bench.col.command"), tr("bench.col.input"),
                       tr("bench.col.frames"), tr("bench.col.wall_s"), tr("bench.col.speed"),
                       tr("bench.col.cores_busy"), tr("bench.col.vs_every_frame")])
        reference = runs["every_frame"]
        for name, run in runs.items():
            what = tr("bench.review.chunked", jobs=run.jobs) if run.chunked else \
                tr("bench.review.files", files=1)
            command = "review " + (" ".join(run.flags) if run.flags else tr("speed_review.no_flags"))
            table.add(labels[name], f"`{command}`", what, run.frames, number(run.wall_s),
                      number(run.speed, 2), number(run.core_share, 2), ratio(run.speed, reference.speed))
        table.notes.append(tr("bench.review.note_one"))
        return [format_table(table)]

    # --- agreement -------------------------------------------------------------------------------
    def agreement(self) -> list[str]:
        """Events and shares at each candidate rate against every frame, on the samples and the
        real clips: the evidence for the review's default rate."""
        from coach.bench.agreement import cheapest_agreeing, cheapest_passing, measure
        from coach.bench.clips import SAMPLE_DIR
        from coach.bench.report import usable_cores
        from coach.review_defaults import (
            CANDIDATES,
            ONSET_TOLERANCE_S,
            REVIEW_FPS,
            REVIEW_POSE_FPS,
            SHARE_TOLERANCE,
        )

        clips = sorted(SAMPLE_DIR.glob("*.mp4")) + list(self.real_clips)
        if self.plan.agreement_clips:
            clips = clips[: self.plan.agreement_clips]
        labels = self.labels_file()
        self.say("bench.progress.agreement", clips=len(clips), rates=len(CANDIDATES))
        results = measure(clips, CANDIDATES, self.plan.jobs or usable_cores(), labels=labels)
        tr = self.tr
        table = Table(tr("bench.agreement.title", clips=len(clips)),
                      [tr("bench.col.candidate"), tr("bench.col.frame_share"), tr("bench.col.cpu_vs_every"),
                       tr("bench.col.clips_agree"), tr("bench.col.clips_agree_face"),
                       tr("bench.col.same_smiles"), tr("bench.col.onset_gap"),
                       tr("bench.col.share_gap"), tr("bench.col.upright_alarms"),
                       tr("bench.col.faults_found"), tr("bench.col.is_default")])
        chosen = (REVIEW_FPS, REVIEW_POSE_FPS)
        count = len(clips)
        for result in results:
            onset = result.worst_onset_s
            table.add(self._rate_label(*result.rate), f"{100 * result.frame_share:.0f}%",
                      ratio(result.cpu_ratio, 1.0),
                      f"{result.agreeing(ONSET_TOLERANCE_S, SHARE_TOLERANCE)}/{count}",
                      f"{result.agreeing_but_posture_shares(ONSET_TOLERANCE_S, SHARE_TOLERANCE)}/{count}",
                      f"{result.same_smiles}/{count}",
                      "≠" if onset == float("inf") else number(onset, 2),
                      number(100 * result.worst_share, 1),
                      _labelled(result.labelled("upright"), result.labelled("upright", True)),
                      _labelled(result.labelled("not_upright"), result.labelled("not_upright", True)),
                      "✓" if result.rate == chosen else "")
            differing = [c.clip for c in result.clips
                         if not c.agrees_but_posture_shares(ONSET_TOLERANCE_S, SHARE_TOLERANCE)]
            if differing:
                table.notes.append(tr("bench.agreement.differs", rate=self._rate_label(*result.rate),
                                      clips=", ".join(differing)))
        best = cheapest_agreeing(results, ONSET_TOLERANCE_S, SHARE_TOLERANCE)
        passing = cheapest_passing(results, ONSET_TOLERANCE_S, SHARE_TOLERANCE)
        table.notes.append(tr("bench.agreement.note", onset=number(ONSET_TOLERANCE_S, 0),
                              share=number(100 * SHARE_TOLERANCE, 0)))
        table.notes.append(tr("bench.agreement.labels_note", labels=labels or "-"))
        table.notes.append(tr("bench.agreement.choice_rule",
                              strict=self._rate_label(*best.rate) if best else "-",
                              best=self._rate_label(*passing.rate) if passing else "-",
                              default=self._rate_label(*chosen)))
        return [format_table(table)]

    def labels_file(self) -> Path | None:
        """CLIP_LABELS.csv beside the real clips' MANIFEST.csv, when there is one."""
        for clip in self.real_clips:
            for folder in clip.parents:
                if (folder / "MANIFEST.csv").is_file():
                    labels = folder / "CLIP_LABELS.csv"
                    return labels if labels.is_file() else None
        return None

    def _rate_label(self, fps: float | None, pose_fps: float | None) -> str:
        pose = self.tr("speed_review.pose_every") if pose_fps is None else \
            self.tr("speed_review.pose_at_most", fps=number(pose_fps, 0))
        if fps is None:
            return self.tr("speed_review.every_frame_pose", pose=pose)
        return self.tr("speed_review.default", fps=number(fps, 0), pose=pose)

    # --- memory ----------------------------------------------------------------------------------
    def memory(self) -> list[str]:
        from coach.bench.live_memory import HEAVY, import_costs, run, slope_mib_per_hour

        plan = self.plan
        frames = int(plan.hours * 3600 / plan.live_step_s)
        self.say("livespeed.progress.memory", hours=number(plan.hours), step=number(plan.live_step_s, 0),
                 frames=frames)
        lines = run(self.clip, plan.hours, plan.live_step_s, plan.memory_samples, self.workdir)
        stages = {line["stage"]: line for line in lines if line["stage"] != "sample"}
        samples = [line for line in lines if line["stage"] == "sample"]
        tr = self.tr
        table = Table(tr("livespeed.memory.title", hours=number(plan.hours)),
                      [tr("bench.col.video_time"), tr("livespeed.col.frames"), tr("bench.col.rss"),
                       tr("bench.col.rss_delta"), tr("bench.col.events"), tr("bench.col.wall_s")])
        first = samples[0]["rss_mib"] if samples else 0.0
        for line in samples:
            table.add(f"{line['video_s'] / 3600:.2f} h", line["frames"], number(line["rss_mib"]),
                      f"{line['rss_mib'] - first:+.1f}", line["events"], number(line["wall_s"]))
        slope = slope_mib_per_hour(lines)
        end = stages.get("end", {})
        table.notes.append(tr("livespeed.memory.note", step=number(plan.live_step_s, 0), clip=self.clip.name,
                              start=number(stages.get("start", {}).get("rss_mib")),
                              imported=number(stages.get("imported", {}).get("rss_mib")),
                              first=number(stages.get("first_frame", {}).get("rss_mib")),
                              peak=number(max((line["rss_mib"] for line in samples), default=None)),
                              slope="-" if slope is None else f"{slope:+.2f}"))
        self.say("livespeed.progress.imports")
        costs = import_costs()
        loaded = set(end.get("loaded", ()))
        imports = Table(tr("livespeed.imports.title"),
                        [tr("livespeed.col.module"), tr("livespeed.col.import_mib"),
                         tr("livespeed.col.in_live")])
        for name in HEAVY:
            cost = costs.get(name)
            imports.add(name, "-" if cost is None else number(cost),
                        tr("livespeed.yes") if name in loaded else tr("livespeed.no"))
        imports.notes.append(tr("livespeed.imports.note"))
        return [format_table(table), format_table(imports)]

    def measures(self) -> list[str]:
        """Each rule-level measure's cost per frame (coach.bench.measure_costs)."""
        from coach.bench.measure_costs import time_measures
        from coach.bench.memory import record_observations

        observations = record_observations(self.clip, self.plan.replay_fps, max_seconds=MEASURE_SECONDS)
        if not observations:
            raise BenchInputError("bench.error.no_frames", path=self.clip)
        costs = time_measures(observations)
        table = Table(self.tr("service.bench.title", frames=len(observations), clip=self.clip.name),
                      [self.tr("service.bench.col.measure"), self.tr("service.bench.col.frames"),
                       self.tr("service.bench.col.us")])
        for cost in costs:
            table.add(cost.name, cost.frames, number(cost.us_per_frame, 1))
        return [format_table(table)]


# The measures section's landmarks: this many seconds of the clip (found once, not timed).
MEASURE_SECONDS = 20.0


def _labelled(share: float | None, reference: float | None) -> str:
    """A labelled-posture share beside every-frame analysis' (points): "12.0 (every frame 13.1)"."""
    if share is None:
        return "–"
    return f"{100 * share:.1f} ({100 * (reference or 0.0):.1f})"


def _share(times: dict[str, float], stage: str) -> str:
    """The stage's share of the total, counting the (noisy) negative differences as 0."""
    total = sum(max(v, 0.0) for v in times.values())
    return f"{100 * max(times[stage], 0.0) / total:.0f}%" if total else "-"


