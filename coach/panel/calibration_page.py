"""The panel's guided calibration: `render(st, person_id, lang)` draws the whole page.

Self-contained so the shell can add it as a page with two lines:

    from coach.panel import calibration_page
    calibration_page.render(st, common.person(), common.lang())

It shows the person's current calibration (or that population defaults are in use), lets them
pick sitting/standing and a source (this computer's camera, or an uploaded video of someone
following the prompts), and runs the same steps as `python -m coach calibrate`, with the prompt,
a countdown and a progress bar updated live. The profile is saved under the calibration folder
(`COACH_CALIBRATION_DIR`, else the person's home in the data folder, coach.person), and kept in
`st.session_state[PROFILE_KEY]` for the live page to hand to its engine (`Engine(profile=...)`).

An uploaded video is written to a private temporary folder only for the run and deleted after.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from coach.calibrate import (
    MODES,
    STEPS,
    Calibration,
    Profile,
    ProfileError,
    Progress,
    failure_text,
    find_profile,
    problem_text,
    save_profile,
    step_prompt,
)
from coach.i18n import t

PROFILE_KEY = "calibration_profile"  # the Profile just made or loaded, for the live page
VIDEO_TYPES = ("mp4", "mov", "m4v", "avi", "mkv", "webm")


def render(st: Any, person_id: str, lang: str | None = None,
           directory: str | Path | None = None) -> Profile | None:
    """Draw the page; returns the person's profile in force for the chosen mode (None: none yet)."""
    st.header(t("calibration.page.title", lang))
    st.caption(t("calibration.page.intro", lang))
    mode = st.radio(t("calibration.page.mode", lang), MODES, horizontal=True, key="calibration_mode",
                    format_func=lambda m: t(f"posture.mode.{m}", lang))
    try:
        current = find_profile(person_id, mode, directory, lang)
    except ProfileError as problem:
        st.error(str(problem))
        current = None
    _show_current(st, current, lang)

    kind = st.radio(t("calibration.page.source", lang), ("camera", "file"), horizontal=True,
                    key="calibration_source", format_func=lambda k: t(f"calibration.page.source.{k}", lang))
    camera_index = 0
    upload = None
    if kind == "camera":
        camera_index = int(st.number_input(t("calibration.page.camera_index", lang), min_value=0, max_value=9,
                                           value=0, step=1, key="calibration_camera"))
    else:
        upload = st.file_uploader(t("calibration.page.upload", lang), type=list(VIDEO_TYPES),
                                  key="calibration_upload")
    if not st.button(t("calibration.page.start", lang), type="primary", key="calibration_start"):
        if current is not None:
            st.session_state[PROFILE_KEY] = current
        return current
    if kind == "file" and upload is None:
        st.warning(t("calibration.page.need_upload", lang))
        return current

    made = _calibrate(st, person_id, mode, camera_index, upload, directory, lang)
    if made is not None:
        st.session_state[PROFILE_KEY] = made
        return made
    return current


def _show_current(st: Any, profile: Profile | None, lang: str | None) -> None:
    if profile is None:
        st.info(t("calibration.page.none", lang))
        return
    st.success(t("calibration.page.current", lang, created=profile.created))
    if profile.smile_reference is not None:
        st.caption(t("calibration.page.smile_reference", lang, score=f"{profile.smile_reference.score:.0f}",
                     corner=f"{profile.smile_reference.corner_deg:.0f}"))


def _calibrate(st: Any, person_id: str, mode: str, camera_index: int, upload: Any,
               directory: str | Path | None, lang: str | None) -> Profile | None:
    """Run the steps on the chosen source, updating the page; save and return the profile."""
    from datetime import datetime

    from coach.calibrate.sources import check_sources, feed_sources
    from coach.vision.sources import SourceError

    try:
        run = Calibration(person_id, mode=mode, lang=lang)
    except ProfileError as problem:
        st.error(str(problem))
        return None
    prompt, countdown, bar = st.empty(), st.empty(), st.progress(0.0)
    shown: dict[str, object] = {}

    def show(progress: Progress) -> None:
        if progress.finished:
            bar.progress(1.0)
            return
        key = (progress.step, progress.attempt)
        if shown.get("key") != key:
            counter = t("calibration.step_counter", lang, number=progress.step_number, total=progress.steps)
            line = f"**{counter}** — {step_prompt(progress.step, mode, lang)}"
            if progress.problem:
                line += "  \n" + t("calibration.retry", lang, attempt=progress.attempt,
                                   attempts=run.settings.attempts,
                                   problem=problem_text(progress.problem, lang, run.settings))
            prompt.markdown(line)
            shown["key"] = key
        second = int(progress.seconds_left + 0.999)
        if shown.get("second") != (progress.phase, second):
            countdown.caption(t(f"calibration.phase.{progress.phase}", lang, seconds=second))
            shown["second"] = (progress.phase, second)
        span = run.settings.ready_s + run.settings.step_s
        done_in_step = span - progress.seconds_left if progress.phase == "recording" else \
            run.settings.ready_s - progress.seconds_left
        bar.progress(min(1.0, max(0.0, (progress.step_number - 1 + done_in_step / span) / len(STEPS))))

    folder = None
    try:
        source = str(camera_index)
        if upload is not None:
            folder = Path(tempfile.mkdtemp(prefix="coach-calibration-"))
            path = folder / Path(upload.name).name
            path.write_bytes(upload.getbuffer())
            source = str(path)
        check_sources([source])
        feed_sources(run, [source], show)
    except SourceError as problem:
        st.error(problem.message(lang))
        return None
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    prompt.empty()
    countdown.empty()
    if run.failed:
        st.error(failure_text(run.failure, lang, run.settings))
        return None
    if not run.done:
        st.error(t("calibration.error.ended", lang, step=t(f"calibration.step_name.{run.step}", lang)))
        return None
    try:
        profile = run.profile(datetime.now().astimezone().isoformat(timespec="seconds"), lang)
        saved = save_profile(profile, directory, lang)
    except ProfileError as problem:
        st.error(str(problem))
        return None
    st.success(t("calibration.done", lang, path=str(saved)))
    return profile
