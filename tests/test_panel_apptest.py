"""The panel's pages through Streamlit's AppTest: the real app.py, real engine and MediaPipe.

Each page's happy path (live page on the sample video with readings, then a summary on stop;
review of an uploaded clip with timeline, events and downloads), the bad-upload paths, the
language switch and per-person thresholds. The clip is built by the project (coach.samples);
nothing here needs a camera, a browser or the shared data folder.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coach.i18n import t

APP = str(Path(__file__).resolve().parents[1] / "app.py")
REVIEW_PAGE = "coach/panel/pages/review.py"
ZH, EN = "zh-CN", "en"


@pytest.fixture(scope="module")
def clip_dir(tmp_path_factory) -> Path:
    from coach import samples

    session = next(clip for clip in samples.CLIPS if clip.name == "default_session")
    folder = tmp_path_factory.mktemp("samples")
    samples.build(folder, (replace(session, seconds=6.0),))
    return folder


@pytest.fixture
def app_env(monkeypatch, tmp_path, clip_dir):
    """A private data folder and database, the short clip as the bundled sample, default language."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("COACH_DB_URL", f"sqlite:///{tmp_path / 'coach.db'}")
    monkeypatch.setenv("COACH_SAMPLE_DIR", str(clip_dir))
    monkeypatch.delenv("COACH_LANG", raising=False)
    monkeypatch.setenv("COACH_TOKEN", _workstation_token(f"sqlite:///{tmp_path / 'coach.db'}"))
    return tmp_path


def _workstation_token(url: str) -> str:
    """The workstation's credential, issued by an admin, and the panel's default person on file:
    the panel records sessions only under a credential, for people an admin has added."""
    from argon2 import PasswordHasher

    from coach.store import Store, access
    from coach.store.credentials import issue_token

    previous = access.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    try:
        with Store(url) as store:
            access.create_first_admin(store, "adm", "Admin", "admin-secret-1")
            admin = access.login(store, "adm", "admin-secret-1")
            access.add_person(store, admin, "default", "Counter staff", "staff", "Counter")
            return issue_token(store, admin, "counter-1")
    finally:
        access.use_password_hasher(previous)


@pytest.fixture
def app(app_env):
    at = AppTest.from_file(APP, default_timeout=120)
    yield at
    for key in ("live_worker", "live_browser_worker"):
        try:
            worker = at.session_state[key]
        except KeyError:
            continue
        if worker is not None:
            worker.stop()


def texts(elements) -> list[str]:
    return [element.value for element in elements]


def readings(at) -> dict[str, str]:
    """label -> value of the live readings block (one HTML element, see view.readings_html)."""
    import re

    blocks = [element.proto.body for element in at.get("html") if "coach-readings" in element.proto.body]
    if not blocks:
        return {}
    cells = re.findall(r'<div style="[^"]*">([^<]+?)(?: ⓘ)?</div><div style="[^"]*">([^<]*)</div>', blocks[0])
    lines = re.findall(r"<b>([^<]+)</b>: ([^<]+)", blocks[0])
    return dict(cells + lines)


def wait_for_readings(at, seconds: float = 60.0) -> dict[str, str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        at.run()
        values = readings(at)
        if values.get(t("panel.reading.smile", ZH), "—") != "—":
            return values
        time.sleep(0.5)
    raise AssertionError(f"no live readings after {seconds} s; page shows {readings(at)}")


def sample_name(app) -> str:
    return Path(app.selectbox(key="live_file_choice").value).name


def test_live_page_plays_the_sample_without_a_camera_and_summarises_on_stop(app, app_env):
    app.run()
    assert not app.exception
    assert t("panel.live.title", ZH) in texts(app.title)
    if app.radio(key="live_source").value != "file":  # this machine has a camera: use the sample anyway
        app.radio(key="live_source").set_value("file").run()
        app.button(key="live_start").click().run()
    else:
        assert t("panel.live.no_camera_sample", ZH, name=sample_name(app)) in texts(app.info)
    values = wait_for_readings(app)
    assert 0 <= float(values[t("panel.reading.smile", ZH)]) <= 100
    assert values[t("panel.reading.corners", ZH)].endswith("°")
    assert t("panel.reading.eye_contact", ZH) in values and t("panel.reading.next_break", ZH) in values
    assert values[t("panel.reading.smile_kind", ZH)] in {t(f"panel.smile_kind.{kind}", ZH)
                                                          for kind in ("none", "mouth_only", "genuine")}
    assert t("panel.reading.posture", ZH) in values
    frames = [element for element in app.get("html") if "data:image/jpeg;base64," in element.proto.body]
    assert frames, "the video frame with its overlay is shown"
    app.button(key="live_stop").click().run()
    assert not app.exception
    summary_prefix = t("panel.summary.title", ZH, source="")
    assert any(s.value.startswith(summary_prefix) for s in app.subheader), "a summary appears on stop"
    # The session went to the store: numbers per second as it ran, the summary on stop.
    with sqlite3.connect(app_env / "coach.db") as db:
        sessions = db.execute("select staff_id, source, summary from sessions").fetchall()
    assert [(staff, source) for staff, source, _ in sessions] == [("default", sample_name(app))]
    assert json.loads(sessions[0][2])["frames"] > 0


def test_review_page_analyses_uploads_and_offers_the_downloads(app, clip_dir):
    """Two uploads, one of them not a video: that one gets its line, the other is analysed."""
    app.run()
    app.switch_page(REVIEW_PAGE).run()
    assert t("panel.review.title", ZH) in texts(app.title)
    clip = next(clip_dir.glob("*.mp4"))
    uploader = app.file_uploader(key="review_upload")
    uploader.upload("柜台录像.mp4", clip.read_bytes(), "video/mp4")
    uploader.upload("会议纪要.mp4", "不是视频".encode() * 20, "video/mp4")
    uploader.run()
    app.button(key="review_go").click().run()
    assert not app.exception
    assert texts(app.error) == [t("panel.upload.not_video", ZH, name="会议纪要.mp4",
                                  allowed="mp4, mov, m4v, avi, mkv, webm")]
    assert "柜台录像.mp4" in texts(app.subheader)
    labels = {button.label for button in app.get("download_button")}
    assert {t(f"panel.review.download_{name}", ZH) for name in ("timeline", "events", "summary")} <= labels
    results = app.session_state["review_results"]
    (result,) = results.values()
    header = result.timeline_csv.decode("utf-8").splitlines()[0]
    assert header.startswith("source,frame,t_s,face_found")
    assert isinstance(json.loads(result.summary_json), dict)
    from coach.review_defaults import REVIEW_POSE_FPS

    assert json.loads(result.summary_json)["options"]["pose_fps"] == REVIEW_POSE_FPS  # the review's default


def test_the_review_page_offers_the_complete_analysis(app, clip_dir):
    """Ticking "Pose on every frame" reviews with Pose on every frame (the review's default runs it
    less often; coach.review_defaults)."""
    app.run()
    app.switch_page(REVIEW_PAGE).run()
    clip = next(clip_dir.glob("*.mp4"))
    app.file_uploader(key="review_upload").upload("柜台录像.mp4", clip.read_bytes(), "video/mp4").run()
    app.checkbox(key="review_pose_every_frame").check().run()
    app.button(key="review_go").click().run()
    assert not app.exception
    (result,) = app.session_state["review_results"].values()
    assert json.loads(result.summary_json)["options"]["pose_fps"] is None


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("notes.txt", b"minutes of the meeting", "panel.upload.bad_type"),
        ("renamed.mp4", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "panel.upload.not_video"),
        ("empty.mov", b"", "panel.upload.empty"),
    ],
)
def test_review_page_refuses_bad_uploads_with_a_translated_line(app, name, content, key):
    app.run()
    app.switch_page(REVIEW_PAGE).run()
    app.selectbox(key="panel_lang").set_value(EN).run()
    app.file_uploader(key="review_upload").upload(name, content, "application/octet-stream").run()
    app.button(key="review_go").click().run()
    assert not app.exception
    expected = t(key, EN, name=name, allowed="mp4, mov, m4v, avi, mkv, webm")
    assert expected in texts(app.error)
    assert not app.session_state["review_results"]


def test_language_switch_changes_every_label(app):
    app.run()
    assert t("panel.live.title", ZH) in texts(app.title)
    app.selectbox(key="panel_lang").set_value(EN).run()
    assert t("panel.live.title", EN) in texts(app.title)
    assert app.radio(key="live_source").options == [t(f"panel.live.source.{kind}", EN)
                                                    for kind in ("camera", "browser", "file")]


def test_thresholds_are_saved_per_person_and_bad_values_refused(app, app_env):
    from coach.panel.settings_panel import editable_fields
    from coach.settings import Settings

    app.run()
    app.text_input(key="panel_person").set_value("王芳").run()
    assert not app.exception
    assert not app.number_input  # the live page's sidebar stays light: the thresholds have a page
    app.switch_page("coach/panel/pages/thresholds.py").run()
    assert t("panel.settings.title", ZH) in texts(app.title)
    area, name, value = next(item for item in editable_fields(Settings()) if type(item[2]) is float)
    field = next(box for box in app.number_input if box.key.endswith(f"_{area}_{name}"))
    field.set_value(round(value * 1.1, 3))
    app.button(key="panel_settings_save").click().run()
    from coach.person import preferences_path

    profile = preferences_path("王芳", app_env / "data")  # <data>/people/王芳/preferences.json
    saved = json.loads(profile.read_text(encoding="utf-8"))
    assert saved["settings"][area][name] == pytest.approx(round(value * 1.1, 3))
    assert t("panel.settings.saved", ZH) in texts(app.success)

    field = next(box for box in app.number_input if box.key.endswith(f"_{area}_{name}"))
    field.set_value(-1e9)
    app.button(key="panel_settings_save").click().run()
    assert any(message.startswith(t("panel.settings.invalid", ZH, error="")) for message in texts(app.error))
    still = json.loads(profile.read_text(encoding="utf-8"))
    assert still["settings"][area][name] == pytest.approx(round(value * 1.1, 3))


# --- break reminder, guided micro-breaks and alerts, with a real engine driven in test time ------


def worker_after(seconds: float, body, *, step_s: float = 2.0):
    """A live worker whose real engine has seen `body` (a synthetic skeleton) for `seconds`."""
    from coach.panel.live_worker import FrameAnalyzer, LiveWorker, Reading
    from coach.settings import Settings
    from coach.types import Observation

    analyzer = FrameAnalyzer(Settings(), "test")
    t, step = 0.0, None
    while t <= seconds:
        step = analyzer.core.judge(Observation(t=t, frame_index=int(t), width=1280, height=960, body=body))
        t += step_s
    worker = LiveWorker(analyzer)
    worker._publish(Reading(step.record.t_s, 0.0, 0.0, step.record, step.state, tuple(step.events)))
    return worker


def reminder_script():
    import streamlit as st

    from coach.panel import live

    worker = st.session_state["worker"]

    @st.fragment
    def panel():
        worker.poll()
        live._alert_banner(worker, worker.latest.state)
        live._break_reminder(worker, worker.latest.state)

    panel()


def test_break_reminder_offers_take_postpone_once_and_skip(app_env):
    from posture_bodies import front_body

    worker = worker_after(55 * 60 + 4, front_body(standing=False))
    assert worker.analyzer.engine.step  # a real engine
    at = AppTest.from_function(reminder_script, default_timeout=30)
    at.session_state["worker"] = worker
    at.run()
    assert not at.exception
    assert t("panel.break.reminder", ZH) in "".join(texts(at.markdown))
    banner = next(element.proto.body for element in at.get("html") if "coach-alert" in element.proto.body)
    assert 'data-tone="break"' in banner and t("panel.alert.break_due", ZH) in banner
    assert not at.button(key="break_postpone").disabled
    at.button(key="break_postpone").click().run()
    assert t("panel.break.postponed", ZH, minutes="10") in [toast.proto.body for toast in at.toast]
    state = worker.analyzer.core.judge(_observation(worker, front_body(standing=False))).state
    assert state.break_phase == "postponed"
    assert not state.can_postpone


def _observation(worker, body):
    from coach.types import Observation

    t = worker.analyzer.last_t + 1.0
    return Observation(t=t, frame_index=int(t), width=1280, height=960, body=body)


def test_posture_alert_colours_the_panel_unless_quiet_and_chimes_once(app_env):
    from posture_bodies import crossed_arms, front_body

    worker = worker_after(40, crossed_arms(front_body(standing=False)), step_s=1.0)
    assert worker.analyzer.engine.step  # a real engine
    at = AppTest.from_function(reminder_script, default_timeout=30)
    at.session_state["worker"] = worker
    at.session_state["panel_sound"] = True
    at.run()

    def banner():
        return next(element.proto.body for element in at.get("html") if "coach-alert" in element.proto.body)

    def chimes():
        return [element for element in at.get("html") if "data-chime" in element.proto.body]

    assert 'data-tone="alert"' in banner()
    assert t("posture.fault.arms_crossed", ZH) in banner()
    assert len(chimes()) == 1
    at.run()
    assert not chimes(), "the chime plays once per new alert, not on every refresh"
    at.session_state["panel_quiet"] = True
    at.run()
    assert 'data-tone="ok"' in banner()


def test_guided_micro_break_shows_the_step_and_a_pacer(app):
    app.run()
    app.button(key="exercise_478").click().run()
    assert not app.exception
    progress = [element.proto.text for element in app.get("progress")]
    assert progress and progress[0].startswith(t("panel.break.progress", ZH, round=1, rounds=4, left="")[:4])
    assert t("panel.break.exercise.478", ZH) in "".join(texts(app.markdown))
    pacer = [element.proto.srcdoc for element in app.get("iframe")]
    assert pacer and t("panel.break.step.478_in", ZH) in pacer[0]
    app.button(key="exercise_end").click().run()
    assert not app.get("progress")


def test_reports_page_opens_when_the_store_is_installed(app):
    from coach.panel.shell import reports_available

    if not reports_available():
        pytest.skip("the store (coach.store) and its reports page are not installed")
    app.run()
    app.switch_page("coach/panel/pages/reports.py").run()
    assert not app.exception, app.exception
    unavailable = t("panel.reports.unavailable", ZH, error="")
    assert not [message for message in texts(app.info) + texts(app.error) if message.startswith(unavailable)]


def test_a_capture_worker_nobody_watches_stops_itself_and_closes_its_session(clip_dir, monkeypatch):
    """A closed tab must not leave a thread analysing video all day."""
    from coach.panel import live_worker
    from coach.panel.live_worker import CaptureWorker, FrameAnalyzer
    from coach.settings import Settings
    from coach.vision.sources import open_source

    monkeypatch.setattr(live_worker, "IDLE_STOP_S", 3.0)
    clip = next(clip_dir.glob("*.mp4"))
    worker = CaptureWorker(FrameAnalyzer(Settings(), "idle"), open_source(clip), paced=True,
                           reopen=lambda: open_source(clip)).start()
    deadline = time.monotonic() + 60
    while worker.running and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not worker.running and worker.idle_stopped
    assert worker.summary is not None and worker.summary["source"] == "idle"


def test_calibration_page_opens_for_the_person_in_the_sidebar(app):
    from coach.panel.shell import _module_available

    if not _module_available("coach.panel.calibration_page"):
        pytest.skip("the calibration page (coach/panel/calibration_page.py) is not installed")
    app.run()
    app.switch_page("coach/panel/pages/calibration.py").run()
    assert not app.exception, app.exception
    assert t("calibration.page.title", ZH) in texts(app.header)


def live_worker_now(at):
    """The capture worker of the live page, started on the sample when none runs."""
    if at.radio(key="live_source").value != "file":  # this machine has a camera: use the sample anyway
        at.radio(key="live_source").set_value("file").run()
    if at.session_state["live_worker"] is None or not at.session_state["live_worker"].running:
        at.button(key="live_start").click().run()
    return at.session_state["live_worker"]


def test_eco_switch_starts_on_with_coach_max_fps_eco_and_sets_each_new_session(app_env, monkeypatch):
    from coach.vision.pacer import ECO_MAX_FPS, ECO_POSE_MAX_FPS, LIVE_POSE_MAX_FPS

    monkeypatch.setenv("COACH_MAX_FPS", "eco")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    eco = at.toggle(key="panel_eco")
    assert eco.value is True and eco.label == t("panel.sidebar.eco", ZH)
    worker = live_worker_now(at)
    assert worker.pacer.max_fps == ECO_MAX_FPS and worker.analyzer.pose_max_fps == ECO_POSE_MAX_FPS
    at.toggle(key="panel_eco").set_value(False).run()
    assert at.session_state["live_worker"] is worker and worker.pacer.max_fps == ECO_MAX_FPS  # till restart
    at.button(key="live_stop").click().run()
    at.button(key="live_start").click().run()
    assert not at.exception
    every_frame = at.session_state["live_worker"]
    assert every_frame is not worker and every_frame.pacer.max_fps is None
    assert every_frame.analyzer.pose_max_fps == LIVE_POSE_MAX_FPS
    every_frame.stop()


def test_eco_switch_starts_off_by_default_and_says_when_the_setting_is_unreadable(app_env, monkeypatch):
    monkeypatch.setenv("COACH_MAX_FPS", "fast")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    try:
        assert not at.exception
        assert at.toggle(key="panel_eco").value is False
        expected = t("panel.sidebar.eco_bad_setting", ZH, value="fast", fps="5")
        assert expected in texts(at.sidebar.caption)
        at.toggle(key="panel_eco").set_value(True).run()
        at.button(key="live_stop").click().run()
        assert live_worker_now(at).pacer.max_fps == 5.0
    finally:
        worker = at.session_state["live_worker"]
        if worker is not None:
            worker.stop()
