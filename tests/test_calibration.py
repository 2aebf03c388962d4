"""Calibration: the guided steps on synthetic people and on real MediaPipe landmarks of skimage's
astronaut (and geometric variants of her photo), the saved profile, and what calibrating changes:
the person's own neutral reads as no smile and their smile as a smile, and leaning 15° from their
upright baseline alerts while the baseline itself does not."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from calibration_people import (
    PLAIN_NEUTRAL,
    PLAIN_SMILE,
    SMILEY_NEUTRAL,
    SMILEY_SMILE,
    face_on_head,
    leaning,
    observe,
    person_scene,
    run_calibration,
    seated,
)
from posture_bodies import moved

from coach.calibrate import (
    VERSION,
    Calibration,
    CalibrationSettings,
    Profile,
    ProfileError,
    find_profile,
    load_profile,
    profile_path,
    read_profile,
    save_profile,
)
from coach.calibrate.procedure import DONE, READY, RECORDING
from coach.i18n import t
from coach.rules.smile import measure_smile
from coach.types import PoseLandmark as P

ROOT = Path(__file__).resolve().parents[1]
CREATED = "2026-11-29T09:00:00+08:00"


def calibrated(neutral=PLAIN_NEUTRAL, smile=PLAIN_SMILE, **kwargs) -> Profile:
    run = run_calibration(person_scene(neutral, smile), **kwargs)
    assert run.done, run.failure and run.failure.message("en")
    return run.profile(CREATED)


# --- the steps ----------------------------------------------------------------------------------------


def test_a_person_following_the_prompts_calibrates_in_about_half_a_minute():
    run = Calibration("li.na")
    scene = person_scene(PLAIN_NEUTRAL, PLAIN_SMILE)
    seen = []
    t = 0.0
    while True:
        progress = run.feed(scene(run.step, t))
        seen.append((progress.step, progress.phase))
        if progress.finished:
            break
        t += 0.2
    assert progress.phase == DONE and progress.passed == ("neutral", "smile", "upright")
    assert 24.0 <= t <= 25.0  # three steps of 3 s ready + 5 s recording
    assert ("neutral", READY) in seen and ("neutral", RECORDING) in seen and ("upright", RECORDING) in seen
    profile = run.profile(CREATED)
    assert profile.quality["neutral"]["good_frames"] >= 20
    assert profile.posture is not None and profile.posture.view == "front"
    assert profile.reference is not None and profile.smile_reference.kind == "genuine"


def test_after_calibration_the_persons_neutral_is_no_smile_and_their_smile_is_a_smile():
    neutral, smile = face_on_head(**SMILEY_NEUTRAL), face_on_head(**SMILEY_SMILE)
    # Population defaults misjudge this person: their relaxed mouth turns up and is wide.
    assert measure_smile(neutral).kind != "none"
    profile = calibrated(SMILEY_NEUTRAL, SMILEY_SMILE)
    assert measure_smile(neutral, baseline=profile.smile).kind == "none"
    assert measure_smile(neutral, baseline=profile.smile).score < 20
    assert measure_smile(smile, baseline=profile.smile).kind == "genuine"


def test_countdown_and_seconds_left_follow_the_frame_times():
    run = Calibration("li.na", settings=CalibrationSettings(ready_s=3.0, step_s=5.0), lang="en")
    scene = person_scene(PLAIN_NEUTRAL, PLAIN_SMILE)
    assert run.feed(scene("neutral", 0.0)).seconds_left == pytest.approx(3.0)
    assert run.feed(scene("neutral", 2.0)).seconds_left == pytest.approx(1.0)
    progress = run.feed(scene("neutral", 4.0))
    assert progress.phase == RECORDING and progress.seconds_left == pytest.approx(4.0)
    with pytest.raises(ValueError, match="backwards"):
        run.feed(scene("neutral", 3.0))


def fails_with(run: Calibration, step: str, problem: str) -> str:
    assert run.failed and run.failure.step == step and run.failure.problem == problem
    assert len([o for o in run.outcomes if o.step == step]) == run.settings.attempts
    with pytest.raises(ProfileError):
        run.profile(CREATED)
    return run.failure.message("en")


def test_face_out_of_view_fails_and_says_to_sit_in_front_of_the_camera():
    body = seated()
    run = run_calibration(lambda step, t: observe(t, None, body))
    message = fails_with(run, "neutral", "no_face")
    assert "face not in view — sit in front of the camera" in message
    assert "面部" in run.failure.message("zh-CN")


def test_a_moving_person_fails_and_is_told_to_hold_still():
    face, body = face_on_head(), seated()

    def walking(step, t):  # drifting sideways ~40 px a second, a face width every ~2 s
        shift = 40.0 * t
        f = face.points.copy()
        f[:, 0] += shift
        return observe(t, type(face)(points=f), moved(body, tuple(range(33)), dx=shift))

    message = fails_with(run_calibration(walking), "neutral", "moved")
    assert "you moved — hold still for 5 seconds" in message


def test_a_step_repeats_with_the_reason_and_passes_once_fixed():
    scene = person_scene(PLAIN_NEUTRAL, PLAIN_SMILE)

    def late(step, t):  # nobody in front of the camera for the first 10 s
        return observe(t, None, None) if t < 10.0 else scene(step, t)

    run = Calibration("li.na")
    problems = []
    t = 0.0
    while True:
        progress = run.feed(late(run.step, t))
        problems.append(progress.problem)
        if progress.finished:
            break
        t += 0.2
    assert run.done
    assert "no_face" in problems
    assert [o.ok for o in run.outcomes] == [False, True, True, True]


def test_hidden_shoulders_fail_the_posture_step():
    body = seated()
    below_the_head = np.where(np.arange(33) >= 11, 0.1, 0.99).astype(np.float32)
    hidden = type(body)(points=body.points, visibility=below_the_head)
    faces = {"neutral": face_on_head(), "smile": face_on_head(**PLAIN_SMILE), "upright": face_on_head()}
    run = run_calibration(lambda step, t: observe(t, faces[step], hidden if step == "upright" else body))
    assert "shoulders not in view" in fails_with(run, "upright", "no_shoulders")


def test_looking_away_fails_the_neutral_step():
    body = seated()
    run = run_calibration(lambda step, t: observe(t, face_on_head(nose_shift=40.0, iris_shift=0.6), body))
    assert "look at the screen" in fails_with(run, "neutral", "look_at_screen")


def test_no_smile_in_the_smile_step_fails_and_asks_for_a_natural_smile():
    run = run_calibration(person_scene(PLAIN_NEUTRAL, PLAIN_NEUTRAL))
    assert "no smile seen" in fails_with(run, "smile", "no_smile")


def test_standing_calibration_of_a_seated_person_asks_to_stand_up():
    run = run_calibration(person_scene(PLAIN_NEUTRAL, PLAIN_SMILE), mode="standing")
    assert "stand up" in fails_with(run, "upright", "not_standing")


def test_too_few_frames_is_its_own_problem():
    scene = person_scene(PLAIN_NEUTRAL, PLAIN_SMILE)
    run = run_calibration(scene, fps=0.5)
    assert "too few pictures" in fails_with(run, "neutral", "too_few_frames")


def test_calibration_settings_and_ids_are_checked_with_a_clear_message():
    with pytest.raises(ValueError, match="calibration.step_s"):
        CalibrationSettings(step_s=0.0)
    with pytest.raises(ProfileError, match="Person id"):
        Calibration("../etc", lang="en")
    with pytest.raises(ProfileError, match="Posture mode"):
        Calibration("li.na", mode="lying", lang="en")


# --- posture against the baseline -----------------------------------------------------------------------


def posture_events(profile: Profile | None, frames, with_mix: bool = False) -> list[str]:
    """Kinds of the alerts fired; with_mix adds the other faults each alert's mix held."""
    from coach.engine import Engine

    engine = Engine(posture_baseline=profile.posture if profile else None,
                    smile_baseline=profile.smile if profile else None)
    kinds = []
    last = 0.0
    for when, face, body in frames:
        opened = [e for e in engine.step(observe(when, face, body)).events if e.end is None]
        kinds += [e.kind for e in opened]
        kinds += [f"posture:{fault}" for e in opened if with_mix for fault in e.detail.split(";") if fault]
        last = when
    kinds += [e.kind for e in engine.finish(last) if e.end is None]
    return kinds


def hold(face, body, start: float, seconds: float, fps: float = 2.0):
    return [(start + i / fps, face, body) for i in range(int(seconds * fps))]


def test_leaning_15_degrees_from_the_upright_baseline_alerts_and_the_baseline_does_not():
    # This person's shoulders slope 8° when they sit upright (or the camera is a little rolled).
    base_body = moved(seated(), (P.LEFT_SHOULDER,), dy=-28.0)
    face = face_on_head()
    run = run_calibration(lambda step, t: observe(t, face_on_head(**PLAIN_SMILE) if step == "smile" else face,
                                                  base_body, np.random.default_rng(int(t * 10)), 0.3))
    assert run.done
    profile = run.profile(CREATED)
    upright = hold(face, base_body, 0.0, 40.0)
    assert "posture:shoulders_sloped" in posture_events(None, upright), "population defaults nag them"
    assert posture_events(profile, upright) == []
    leaned_body, leaned_face = leaning(base_body, face, 15.0)
    leaned = upright[:20] + hold(leaned_face, leaned_body, 10.0, 40.0)
    # One posture alert for the lean; the shoulders it slopes may be the fault it names first.
    assert "posture:leaning_sideways" in posture_events(profile, leaned, with_mix=True)


# --- profiles on disk -------------------------------------------------------------------------------------


def test_profile_is_saved_as_readable_versioned_json_per_person_and_mode(tmp_path):
    profile = calibrated()
    path = save_profile(profile, tmp_path)
    assert path == tmp_path / "test.person" / "sitting.json"
    assert path == profile_path("test.person", "sitting", tmp_path)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["format"] == "coach-calibration" and data["version"] == VERSION
    assert "\n  \"smile_baseline\": {" in text  # indented, one value per line
    loaded = load_profile("test.person", "sitting", tmp_path)
    assert loaded == profile
    assert find_profile("test.person", "standing", tmp_path) is None
    assert not list(tmp_path.rglob("*.tmp"))


def test_unknown_version_damaged_or_foreign_files_give_a_clear_error(tmp_path):
    path = save_profile(calibrated(), tmp_path)
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "version": 99}))
    with pytest.raises(ProfileError) as problem:
        read_profile(path, "en")
    assert "has version 99; this coach reads version 1" in str(problem.value)
    assert "\n" not in str(problem.value)
    path.write_text(json.dumps({**data, "smile_baseline": {"width_ratio": "wide"}}))
    with pytest.raises(ProfileError, match="damaged"):
        read_profile(path, "en")
    path.write_text("{not json")
    with pytest.raises(ProfileError, match="damaged"):
        read_profile(path, "en")
    path.write_text(json.dumps({"settings": {}}))
    with pytest.raises(ProfileError, match="not a coach calibration file"):
        read_profile(path, "en")
    with pytest.raises(ProfileError, match="calibrate first"):
        load_profile("nobody", "sitting", tmp_path, "en")


def test_the_example_profile_loads_and_real_profiles_are_not_committed():
    example = ROOT / "calibration" / "example-profile.json"
    assert read_profile(example).person == "example"
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")

    def ignored(relative: str) -> bool:
        return subprocess.run(["git", "check-ignore", "-q", relative], cwd=ROOT).returncode == 0

    assert ignored("calibration/wang.li/sitting.json")
    assert ignored("calibration/王丽/standing.json")
    assert not ignored("calibration/example-profile.json")
    assert not ignored("calibration/README.md")


# --- real photos: MediaPipe on the astronaut and geometric variants of her photo ---------------------------

cv2 = pytest.importorskip("cv2")


@pytest.fixture(scope="module")
def astronaut() -> np.ndarray:
    data = pytest.importorskip("skimage.data")
    return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)


@pytest.fixture(scope="module")
def landmarker():
    pytest.importorskip("mediapipe")
    from coach.vision.landmarker import Landmarker

    with Landmarker(static_image_mode=True) as lm:
        yield lm


def shifted(image: np.ndarray, dx: float, dy: float, degrees: float = 0.0,
            centre: tuple[float, float] = (225.0, 900.0)) -> np.ndarray:
    """The photo moved by (dx, dy) pixels and rotated about `centre` (default: below the frame, the hips)."""
    m = cv2.getRotationMatrix2D(centre, degrees, 1.0)
    m[:, 2] += (dx, dy)
    return cv2.warpAffine(image, m, (image.shape[1], image.shape[0]), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)


def lifted_corners(image: np.ndarray, corners: list[np.ndarray], lift: float = 6.0) -> np.ndarray:
    """The mouth corners pulled up and outward by a smooth local warp: a broader smile."""
    h, w = image.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    map_x, map_y = xs.copy(), ys.copy()
    for (cx, cy), outward in zip(corners, (-1.0, 1.0), strict=True):
        dx, dy = outward * 0.8 * lift, -lift
        weight = np.exp(-((xs - cx - dx) ** 2 + (ys - cy - dy) ** 2) / (2 * 6.0**2)).astype(np.float32)
        map_x -= dx * weight
        map_y -= dy * weight
    return cv2.remap(image, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


def photo_run(landmarker, pictures: dict, settings: CalibrationSettings, fps: float = 3.0) -> Calibration:
    """Calibrate on photos: pictures[step](t) gives the image the camera sees at t in that step."""
    from coach.types import Frame

    run = Calibration("astronaut", settings=settings)
    i = 0
    while i < 200:
        t = i / fps
        image = pictures[run.step](t)
        if run.feed(landmarker.detect(Frame(t, i, image))).finished:
            break
        i += 1
    return run


FAST = CalibrationSettings(ready_s=0.0, step_s=2.0, min_frames=5, attempts=1)


def still(image: np.ndarray):
    """The photo with sub-pixel jitter, as a still person on a real camera looks."""
    return lambda t: shifted(image, 0.4 * np.sin(7 * t), 0.4 * np.cos(5 * t))


def test_real_photos_calibrate_and_her_own_expression_becomes_her_neutral(astronaut, landmarker):
    from coach.types import Frame

    face = landmarker.detect(Frame(0.0, 0, astronaut)).face
    broader = lifted_corners(astronaut, [face.xy(61), face.xy(291)])
    pictures = {"neutral": still(astronaut), "smile": still(broader), "upright": still(astronaut)}
    run = photo_run(landmarker, pictures, FAST)
    assert run.done, run.failure and run.failure.message("en")
    profile = run.profile(CREATED)
    broader_face = landmarker.detect(Frame(0.0, 0, broader)).face
    # Population defaults: her photo smiles (it does), and so does the broader variant.
    assert measure_smile(face).kind != "none" and measure_smile(broader_face).kind != "none"
    # Against her own resting expression: that expression is no smile, the broader one a smile.
    assert measure_smile(face, baseline=profile.smile).kind == "none"
    assert measure_smile(broader_face, baseline=profile.smile).kind != "none"

    from coach.rules.posture import measure_posture

    upright = landmarker.detect(Frame(0.0, 0, astronaut))
    assert measure_posture(upright.body, upright.face, baseline=profile.posture).issues == ()
    leaned = landmarker.detect(Frame(0.0, 0, shifted(astronaut, 0, 0, degrees=15.0)))
    issues = measure_posture(leaned.body, leaned.face, baseline=profile.posture).issues
    assert {"head_tilted", "shoulders_sloped"} & set(issues)


def test_real_photo_with_the_face_out_of_view_fails_with_what_to_fix(astronaut, landmarker):
    out_of_view = shifted(astronaut, 0, -240)  # the camera now sees only her shoulders
    run = photo_run(landmarker, {"neutral": lambda t: out_of_view}, FAST)
    assert run.failed and "face not in view" in run.failure.message("en")


def test_real_photo_of_a_moving_person_fails_with_hold_still(astronaut, landmarker):
    run = photo_run(landmarker, {"neutral": lambda t: shifted(astronaut, 30.0 * t, 0)}, FAST)
    assert run.failed and "hold still" in run.failure.message("en")


def test_command_calibrates_from_three_photos_and_fails_on_a_still_smile(astronaut, landmarker, tmp_path,
                                                                         capsys):
    from coach.__main__ import main
    from coach.types import Frame

    face = landmarker.detect(Frame(0.0, 0, astronaut)).face
    neutral_path, smile_path = tmp_path / "neutral.png", tmp_path / "smile.png"
    cv2.imwrite(str(neutral_path), astronaut)
    cv2.imwrite(str(smile_path), lifted_corners(astronaut, [face.xy(61), face.xy(291)]))
    base = ["calibrate", "--person", "astro", "--dir", str(tmp_path / "cal"), "--lang", "en"]

    assert main(base + ["--source", str(neutral_path), "--source", str(smile_path),
                        "--source", str(neutral_path)]) == 0
    out = capsys.readouterr().out
    assert "Step 1/3: Relax your face" in out and "Calibration done" in out
    assert read_profile(tmp_path / "cal" / "astro" / "sitting.json").smile_reference.score >= 50

    assert main(base + ["--source", str(neutral_path), "--mode", "standing"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    no_smile = t("calibration.problem.no_smile", "en")
    assert err == [t("calibration.failed", "en", step="natural smile", problem=no_smile)]
    assert not (tmp_path / "cal" / "astro" / "standing.json").exists()

    assert main(base + ["--source", str(tmp_path / "nope.mp4")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope.mp4" in err[0]
    assert main(["calibrate", "--person", "../x", "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("Person id")


# --- the panel page ---------------------------------------------------------------------------------------


def _page(person: str, lang: str, directory: str) -> None:
    import streamlit as st

    from coach.panel.calibration_page import render

    render(st, person, lang, directory)


def test_panel_page_shows_the_baseline_in_force_and_asks_for_a_video_before_starting(tmp_path):
    testing = pytest.importorskip("streamlit.testing.v1")
    app = testing.AppTest.from_function(_page, args=("wang.li", "en", str(tmp_path)), default_timeout=30)
    app.run()
    assert not app.exception
    assert "population defaults" in app.info[0].value
    app.radio(key="calibration_source").set_value("file").run()
    app.button(key="calibration_start").click().run()
    assert app.warning[0].value == t("calibration.page.need_upload", "en")

    (tmp_path / "wang.li").mkdir()
    example = json.loads((ROOT / "calibration" / "example-profile.json").read_text())
    (tmp_path / "wang.li" / "sitting.json").write_text(json.dumps({**example, "person": "wang.li"}))
    app = testing.AppTest.from_function(_page, args=("wang.li", "zh-CN", str(tmp_path)), default_timeout=30)
    app.run()
    assert not app.exception
    assert example["created"] in app.success[0].value
    assert app.session_state["calibration_profile"].person == "wang.li"


def test_a_neutral_step_where_a_smile_comes_and_goes_is_refused():
    body = seated()
    neutral, smile = face_on_head(), face_on_head(**PLAIN_SMILE)

    def flickering(step, t):  # smiles for a moment every two seconds
        return observe(t, smile if step == "neutral" and int(t * 2) % 4 == 0 else neutral, body)

    assert "expression changed" in fails_with(run_calibration(flickering), "neutral", "expression_changed")
