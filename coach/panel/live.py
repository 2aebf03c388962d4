"""The live page: the staff member's self-check at the window.

Sources: this computer's camera (a background capture thread), the browser's camera
(streamlit-webrtc, for a panel opened from another machine) or a video file; with no camera
the page starts on the bundled sample video and says so. The video with its overlay and the
live readings refresh in an `st.fragment` on a timer; the worker object lives in
`st.session_state`, one per browser session.
"""

from __future__ import annotations

import math
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

import streamlit as st

from coach.panel import common, view
from coach.panel.common import clock, labels_of, tr, tr_optional
from coach.panel.live_worker import BrowserWorker, CaptureWorker, FrameAnalyzer, LiveWorker
from coach.panel.refresh import page_refresh_s
from coach.panel.uploads import ALLOWED_TYPES, MAX_UPLOAD_MB, UploadError, check_upload

CHART_REFRESH_S = 2.0  # the strip chart (drawing it costs more than the readings)
BUNDLED_SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"

SOURCE_KEY = "live_source"
WORKER_KEY = "live_worker"
BROWSER_WORKER_KEY = "live_browser_worker"
NOTICE_KEY = "live_notice"
ERROR_KEY = "live_error"
SUMMARY_KEY = "live_summary"
FIRST_VISIT_KEY = "live_visited"
# The radio's own key is dropped by Streamlit while another page is shown; this copy is not, so
# the radio shows the source that is actually running when the person comes back.
CHOSEN_SOURCE_KEY = "live_source_chosen"
SOURCES = ("camera", "browser", "file")
RTC_CONFIGURATION = {"iceServers": []}  # one machine or a LAN: no STUN/TURN needed, none reachable


def render() -> None:
    st.title(tr("panel.live.title"))
    st.caption(tr("panel.live.caption"))
    _warm_models()
    if FIRST_VISIT_KEY not in st.session_state:
        st.session_state[FIRST_VISIT_KEY] = True
        _autostart()
    if SOURCE_KEY not in st.session_state and CHOSEN_SOURCE_KEY in st.session_state:
        st.session_state[SOURCE_KEY] = st.session_state[CHOSEN_SOURCE_KEY]
    st.radio(
        tr("panel.live.source"),
        SOURCES,
        key=SOURCE_KEY,
        horizontal=True,
        format_func=labels_of({kind: tr(f"panel.live.source.{kind}") for kind in SOURCES}),
        on_change=_source_changed,
    )
    st.session_state[CHOSEN_SOURCE_KEY] = st.session_state[SOURCE_KEY]
    if st.session_state.get(NOTICE_KEY):  # (key, values): translated now, in the current language
        key, values = st.session_state[NOTICE_KEY]
        st.info(tr(key, **values))
    if st.session_state.get(ERROR_KEY):
        st.error(st.session_state[ERROR_KEY])
    if st.session_state[SOURCE_KEY] == "browser":
        _browser_source()
    else:
        _capture_source(st.session_state[SOURCE_KEY])
    _microbreak_section()
    _summary_section()


# --- sources -------------------------------------------------------------------------------------


def sample_dir() -> Path:
    """sample_videos/ of the project, or the folder named by COACH_SAMPLE_DIR."""
    return Path(os.environ.get("COACH_SAMPLE_DIR") or BUNDLED_SAMPLES).resolve()


def sample_videos() -> list[Path]:
    """The bundled sample clips, the default one first."""
    clips = sorted(sample_dir().glob("*.mp4"))
    preferred = [clip for clip in clips if "live" in clip.stem or "default" in clip.stem]
    return preferred + [clip for clip in clips if clip not in preferred]


def _warm_models() -> None:
    """Have the models loaded and run in (on a background thread) before anyone presses Start."""
    from coach.vision.model_pool import POOL
    from coach.vision.pacer import live_pose_max_fps

    POOL.warm(live_pose_max_fps(common.live_max_fps()))


def _autostart() -> None:
    """First visit: start this computer's camera, else the sample video (and say so)."""
    st.session_state[SOURCE_KEY] = "camera"
    if _start_capture("camera", 0, quiet_failure=True):
        return
    st.session_state[SOURCE_KEY] = "file"
    samples = sample_videos()
    if not samples:
        st.session_state[ERROR_KEY] = tr("panel.live.no_samples")
        return
    if _start_capture("file", str(samples[0])):
        st.session_state[NOTICE_KEY] = ("panel.live.no_camera_sample", {"name": samples[0].name})


def _capture_source(kind: str) -> None:
    worker = st.session_state.get(WORKER_KEY)
    running = worker is not None and worker.running
    controls = st.columns([3, 1, 1], vertical_alignment="bottom")
    with controls[0]:
        if kind == "camera":
            spec = st.text_input(tr("panel.live.camera"), value="0", key="live_camera_spec",
                                 help=tr("panel.live.camera_help"))
        else:
            spec = _file_picker()
    with controls[1]:
        if st.button(tr("panel.live.start"), type="primary", disabled=running or not spec,
                     width="stretch", key="live_start"):
            st.session_state[NOTICE_KEY] = None
            _start_capture(kind, spec)
            st.rerun()
    with controls[2]:
        if st.button(tr("panel.live.stop"), disabled=not running, width="stretch", key="live_stop"):
            _stop_capture()
            st.rerun()
    worker = st.session_state.get(WORKER_KEY)
    if worker is not None:
        _live_fragment(worker, show_video=True)
    elif not st.session_state.get(ERROR_KEY):
        st.info(tr("panel.live.press_start"))


def _file_picker() -> Any:
    """A sample's path, or the person's own upload (checked), or None while there is none."""
    samples = sample_videos()
    options = [str(path) for path in samples] + ["upload"]
    choice = st.selectbox(
        tr("panel.live.file"),
        options,
        key="live_file_choice",
        format_func=labels_of({item: tr("panel.live.file_upload") if item == "upload" else Path(item).name
                               for item in options}),
    )
    if choice != "upload":
        return choice
    uploaded = st.file_uploader(tr("panel.live.file_upload"), key="live_upload",
                                help=tr("panel.review.upload", types=", ".join(ALLOWED_TYPES),
                                        limit=MAX_UPLOAD_MB))
    if uploaded is None:
        return None
    try:
        check_upload(uploaded.name, uploaded.size, uploaded.getbuffer()[:64].tobytes(), common.lang())
    except UploadError as problem:
        st.error(str(problem))
        return None
    return uploaded


def _private_copy(uploaded: Any) -> Path:
    """The upload streamed into a private temporary folder for the decoder (size capped, mode 0600);
    removed when its session ends."""
    from coach.panel.upload_files import save_upload

    return save_upload(uploaded, common.lang()).path


def _start_capture(kind: str, spec: Any, quiet_failure: bool = False) -> bool:
    """Open the source here (so a bad one fails now, as one translated line) and start the thread."""
    from coach.vision.live_capture import open_live
    from coach.vision.sources import SourceError

    _stop_capture()
    st.session_state[ERROR_KEY] = None
    lang = common.lang()
    name, temporary = None, None
    if hasattr(spec, "getbuffer"):  # the person's own video (an UploadedFile)
        name, spec = spec.name, _private_copy(spec)
        temporary = spec.parent
    spec = spec.strip() if isinstance(spec, str) else spec
    if kind == "camera" and isinstance(spec, str) and spec.isdigit():
        spec = int(spec)
    max_fps = common.live_max_fps()  # the sidebar's eco mode, as it is when the session starts
    try:
        first = open_live(spec, max_fps=max_fps)  # a camera in eco mode is asked for a low rate
    except SourceError as problem:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        if not quiet_failure:
            st.session_state[ERROR_KEY] = problem.message(lang).replace(str(spec), name or str(spec))
        return False
    live = bool(getattr(getattr(first, "info", None), "live", kind == "camera"))
    is_sample = kind == "file" and Path(str(spec)).resolve().parent == sample_dir()
    label = f"camera:{spec}" if kind == "camera" else (name or Path(str(spec)).name)
    worker = CaptureWorker(
        _analyzer(label),
        first,
        paced=not live,
        reopen=(lambda: open_live(spec)) if is_sample else None,
        label=label,
        max_fps=max_fps,
        temporary=temporary,
    )
    st.session_state[WORKER_KEY] = worker.start()
    st.session_state[SUMMARY_KEY] = None
    return True


def _analyzer(label: str) -> FrameAnalyzer:
    """A fresh engine with the person's day clock (+ the store's writer when saving is on)."""
    from coach.panel import store_bridge

    opener = None
    if common.store_on():
        opener = store_bridge.writer_opener(common.person(), label, common.settings(), common.lang())
    return FrameAnalyzer(common.settings(), label, profile=_calibration_profile(), open_writer=opener,
                         lang=common.lang(), open_day=store_bridge.day_opener(common.person()))


def _calibration_profile() -> Any:
    """The person's calibration for the engine: the one the calibration page just made or showed,
    else their saved sitting profile; None (population defaults) without one."""
    try:
        from coach.calibrate.profile import ProfileError, find_profile
        from coach.panel.calibration_page import PROFILE_KEY
    except ImportError:
        return None
    profile = st.session_state.get(PROFILE_KEY)
    if profile is not None and getattr(profile, "person", None) == common.person():
        return profile
    try:
        return find_profile(common.person(), "sitting", lang=common.lang())
    except ProfileError as problem:
        st.session_state[ERROR_KEY] = str(problem)
        return None


def _source_changed() -> None:
    st.session_state[NOTICE_KEY] = None
    st.session_state[ERROR_KEY] = None
    _stop_capture()


def _stop_capture() -> None:
    worker = st.session_state.get(WORKER_KEY)
    if worker is None:
        return
    st.session_state[WORKER_KEY] = None
    _finish(worker, getattr(worker, "label", ""))


def _finish(worker: LiveWorker, label: str) -> None:
    """Stop a worker, keep its summary for the page and hand the session to the store."""
    try:
        summary = worker.stop()
    except Exception as problem:  # a failed finish must not lose the page
        st.session_state[ERROR_KEY] = tr("panel.live.finish_failed", error=str(problem))
        return
    if worker.stats.frames == 0:
        return
    saved_note = _hand_to_store(worker)
    st.session_state[SUMMARY_KEY] = {
        "label": label,
        "summary": summary,
        "events": list(worker.events),
        "fps": worker.stats.fps,
        "latency_ms": worker.stats.latency_ms,
        "store_note": saved_note,
    }


def _hand_to_store(worker: LiveWorker) -> str | None:
    """What became of the session in the store (its rows went in as it ran), for the page."""
    return worker.analyzer.store_problem or worker.analyzer.store_note


def _browser_source() -> None:
    from streamlit_webrtc import WebRtcMode, webrtc_streamer

    worker: BrowserWorker | None = st.session_state.get(BROWSER_WORKER_KEY)
    if worker is not None and worker.summary is not None:  # ended by the browser (Stop, hang-up)
        _finish(worker, "browser")
        worker = None
    if worker is None:
        worker = BrowserWorker(_analyzer("browser"), max_fps=common.live_max_fps())
        st.session_state[BROWSER_WORKER_KEY] = worker
    elif not worker.active and worker.pacer.max_fps != common.live_max_fps():
        worker.set_max_fps(common.live_max_fps())  # eco mode switched before START: this session's rate
    st.caption(tr("panel.live.browser_help"))
    video_col, info_col = st.columns([3, 2])
    with video_col:
        context = webrtc_streamer(
            key="live-webrtc",
            mode=WebRtcMode.SENDRECV,
            rtc_configuration=RTC_CONFIGURATION,
            media_stream_constraints={"video": {"width": {"ideal": 640}}, "audio": False},
            video_frame_callback=worker.on_video_frame,
            on_video_ended=worker.on_ended,
            async_processing=True,
            translations=_webrtc_translations(),
        )
    playing = bool(context.state.playing)
    was_active, worker.active = worker.active, playing
    if was_active and not playing:
        _finish(worker, "browser")
        st.session_state[BROWSER_WORKER_KEY] = None
        st.rerun()
    with info_col:
        # From the moment START is pressed, not only once the page learns the video plays (a
        # whole run of the page later): the first readings show as soon as the first frames are in.
        if playing or context.state.signalling:
            _live_fragment(worker, show_video=False, refreshing=True)
        else:
            st.info(tr("panel.live.browser_press_start"))


def _webrtc_translations() -> dict[str, str]:
    keys = ("start", "stop", "select_device", "media_api_not_available", "device_ask_permission",
            "device_not_available", "device_access_denied")
    return {key: tr(f"panel.webrtc.{key}") for key in keys}


# --- the refreshing panel ------------------------------------------------------------------------


def _live_fragment(worker: LiveWorker, show_video: bool, refreshing: bool | None = None) -> None:
    """The live readings (and the picture, when shown), refreshed on a timer while `refreshing`
    (by default while the worker runs)."""
    refreshing = worker.running if refreshing is None else refreshing

    @st.fragment(run_every=page_refresh_s(worker.pacer.max_fps, show_video) if refreshing else None)
    def live_panel() -> None:
        worker.analyzer.lang = common.lang()  # the overlay follows a language switch
        worker.poll()
        if worker.error:
            st.error(tr("panel.live.source_failed", error=worker.error))
        end_message = worker.end_text(common.lang()) if hasattr(worker, "end_text") else None
        if end_message:
            st.warning(end_message)
        store_note = worker.analyzer.store_problem or worker.analyzer.store_busy
        if store_note:
            st.caption(store_note)
        reading = worker.latest
        if reading is not None and getattr(reading.state, "needs_recalibration", False):
            _recalibration_hint()
        state = reading.state if reading is not None else None
        _alert_banner(worker, state)
        _setup_and_fatigue(state)
        if show_video:
            video_col, info_col = st.columns([3, 2])
            with video_col:
                if worker.latest_image is not None:
                    st.html(view.jpeg_html(worker.latest_image))
                else:
                    st.info(tr("panel.live.waiting"))
            with info_col:
                _readings(reading, worker)
        else:
            _readings(reading, worker)
        _break_reminder(worker, state)
        ended = isinstance(worker, CaptureWorker) and worker.finished
        if ended and st.session_state.get(WORKER_KEY) is worker:
            _stop_capture()
            st.rerun(scope="app")

    live_panel()

    @st.fragment(run_every=CHART_REFRESH_S if worker.running else None)
    def strip() -> None:
        _strip_chart(worker)

    strip()


def _setup_and_fatigue(state: Any) -> None:
    """The set-up check's line (which measures wait, why, what to do) and a discreet fatigue note."""
    from coach.panel.setup_line import fatigue_line, setup_line

    if state is None:
        return
    texts = [setup_line(state, common.lang())]
    if not common.quiet():
        texts.append(fatigue_line(state, common.lang()))
    for text in texts:
        if text:
            st.caption(text)


def _recalibration_hint() -> None:
    """The set-up moved since calibration: ask "recalibrate?" instead of nagging with alerts."""
    from coach.panel.shell import PAGES_DIR, _module_available

    st.warning(tr_optional("calibration.recalibrate", tr("panel.nav.calibration")))
    if _module_available("coach.panel.calibration_page"):
        st.page_link(PAGES_DIR / "calibration.py", label=tr("panel.nav.calibration"), icon=":material/tune:")


def _alert_banner(worker: LiveWorker, state: Any) -> None:
    """The discreet alert: a panel colour (and an optional soft chime) only the staff sees."""
    alerts = view.alerts(state)
    break_due = view.break_due(state)
    shown = [kind for kind in alerts if not common.quiet()]
    if break_due:
        tone = "break"
        text = " · ".join([tr("panel.alert.break_due")] + [view.alert_text(kind) for kind in shown])
    elif shown:
        tone, text = "alert", " · ".join(view.alert_text(kind) for kind in shown)
    elif state is None:
        tone, text = "idle", tr("panel.alert.waiting")
    elif not view.person_present(state):
        tone, text = "idle", tr("panel.alert.away")
    elif getattr(state, "posture_state", "") == "fault":  # a fault now, not yet held for the onset
        tone, text = "watch", tr("judgements.panel.posture_watch")
    else:
        tone, text = "ok", tr("panel.alert.ok")
    st.html(_banner_html(tone, text))
    fresh = set(shown) | ({"break_due"} if break_due else set())
    new = fresh - worker.alerted
    worker.alerted = fresh
    if new and common.sound_on():
        from coach.panel.sound import chime_html

        st.html(chime_html(uuid.uuid4().hex), unsafe_allow_javascript=True)


_TONES = {
    "ok": ("#e8f5e9", "#2e7d32"),
    "alert": ("#fff4e5", "#e65100"),
    "watch": ("#fffbeb", "#ca8a04"),
    "break": ("#e3f2fd", "#1565c0"),
    "idle": ("#f3f4f6", "#6b7280"),
}


def _banner_html(tone: str, text: str) -> str:
    background, edge = _TONES[tone]
    return (
        f'<div data-testid="coach-alert" data-tone="{tone}" style="background:{background};'
        f"border-left:8px solid {edge};padding:.55rem .9rem;border-radius:6px;color:#1f2937;"
        f'font-size:1.05rem">{_escape(text)}</div>'
    )


def _readings(reading: Any, worker: LiveWorker) -> None:
    """One HTML block per refresh (not a dozen widgets): it redraws in one piece, without flicker."""
    if reading is None:
        st.caption(tr("panel.live.no_readings"))
        return
    st.html(view.readings_html(reading.state, reading.record, worker.stats, common.settings(),
                               worker.analyzer.baseline_note()))


def _break_reminder(worker: LiveWorker, state: Any) -> None:
    if state is None:
        return
    if view.break_due(state):
        _reminder_box(worker, state)
        return
    remaining = view.seconds_to_break(state)
    if view.on_break(state):
        st.info(tr("panel.break.on_break", clock=clock(view.break_remaining(state))))
    elif remaining is not None and remaining <= 60:
        st.info(tr("panel.break.soon", clock=clock(remaining)))


def _reminder_box(worker: LiveWorker | None, state: Any, preview: bool = False) -> None:
    """The break reminder with its three buttons. In a preview (`worker` None) the buttons show
    what they do without touching anyone's clock: "take" starts the guided break, the others
    only say what they would do."""
    with st.container(border=True):
        if preview:
            st.html(_banner_html("break", tr("panel.alert.break_due")))
            st.caption(tr("day.preview.note"))
        st.markdown(f"**{tr('panel.break.reminder')}**")
        st.caption(tr("panel.break.reminder_help"))
        suffix = "_preview" if preview else ""
        buttons = st.columns(3)
        if buttons[0].button(tr("panel.break.take"), type="primary", key=f"break_take{suffix}"):
            if not preview:
                worker.break_action("take")
            st.session_state[PREVIEW_KEY] = False
            _start_exercise("555")
            st.rerun(scope="app")
        if buttons[1].button(tr("panel.break.postpone"), key=f"break_postpone{suffix}",
                             disabled=not preview and not view.can_postpone(state)):
            settings = worker.analyzer.engine.settings if worker is not None else common.settings()
            minutes = f"{settings.breaks.postpone_min:g}"
            if preview or worker.break_action("postpone"):
                st.toast(tr("panel.break.postponed", minutes=minutes))
            else:
                st.toast(tr("panel.break.refused"))
        if buttons[2].button(tr("panel.break.skip"), key=f"break_skip{suffix}",
                             disabled=not preview and not view.can_skip(state)):
            accepted = preview or worker.break_action("skip")
            st.toast(tr("panel.break.skipped") if accepted else tr("panel.break.refused"))
        if preview and st.button(tr("day.preview.close"), key="break_preview_close"):
            st.session_state[PREVIEW_KEY] = False
            st.rerun()


def _strip_chart(worker: LiveWorker) -> None:
    from coach.panel.strip_svg import strip_svg  # SVG, not Altair: no pandas/Arrow in a live process

    if len(worker.history) < 2:
        return
    st.html(strip_svg(list(worker.history), common.lang()))


# --- guided micro-break --------------------------------------------------------------------------

EXERCISE_KEY = "live_exercise"
PREVIEW_KEY = "live_break_preview"


def _start_exercise(key: str) -> None:
    st.session_state[EXERCISE_KEY] = {"key": key, "started": time.monotonic(), "started_at": time.time()}


def _end_exercise() -> None:
    st.session_state[EXERCISE_KEY] = None


def _microbreak_section() -> None:
    from coach.panel.microbreaks import EXERCISES, pacer_at
    from coach.panel.pacer import pacer_html

    active = st.session_state.get(EXERCISE_KEY)
    previewing = bool(st.session_state.get(PREVIEW_KEY))
    with st.expander(tr("panel.break.title"), expanded=active is not None or previewing):
        st.caption(tr("panel.break.intro"))
        if st.button(tr("day.preview.button"), key="break_preview", help=tr("day.preview.help")):
            st.session_state[PREVIEW_KEY] = previewing = True
        if previewing:
            _reminder_box(None, None, preview=True)
        choices = st.columns(len(EXERCISES))
        for column, key in zip(choices, EXERCISES, strict=True):
            column.button(tr(f"panel.break.exercise.{key}"), key=f"exercise_{key}", width="stretch",
                          on_click=_start_exercise, args=(key,))
        if active is None:
            return
        exercise = EXERCISES[active["key"]]
        elapsed = time.monotonic() - active["started"]
        name, about = tr(f"panel.break.exercise.{exercise.key}"), tr(f"panel.break.about.{exercise.key}")
        st.markdown(f"**{name}** — {about}")
        st.iframe(pacer_html(exercise, elapsed, common.lang(), started_at=active["started_at"],
                             drawn_at=time.time()), height=260)

        @st.fragment(run_every=0.5 if not pacer_at(exercise, elapsed).done else None)
        def exercise_progress() -> None:
            now = pacer_at(exercise, time.monotonic() - active["started"])
            if now.done:
                st.success(tr("panel.break.done"))
            else:
                left = exercise.total_seconds - (time.monotonic() - active["started"])
                st.progress(now.total_fraction, text=tr(
                    "panel.break.progress", left=clock(math.ceil(left)), round=now.round_index + 1,
                    rounds=exercise.rounds))

        exercise_progress()
        st.button(tr("panel.break.end"), key="exercise_end", on_click=_end_exercise)


# --- summary ------------------------------------------------------------------------------------


def _summary_section() -> None:
    kept = st.session_state.get(SUMMARY_KEY)
    if not kept:
        return
    from coach.panel.summary_view import render_summary

    st.divider()
    st.subheader(tr("panel.summary.title", source=_display_name(kept["label"])))
    render_summary(kept["summary"], kept["events"])
    st.caption(tr("panel.live.speed_final", fps=f"{kept['fps']:.1f}", latency=f"{kept['latency_ms']:.0f}"))
    if kept.get("store_note"):
        st.caption(kept["store_note"])


def _display_name(label: str) -> str:
    """A session's source for people: the file's name, or which camera in their language."""
    if label == "browser":
        return tr("panel.live.source.browser")
    if label.startswith("camera:"):
        return f"{tr('panel.live.source.camera')} {label.split(':', 1)[1]}"
    return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
