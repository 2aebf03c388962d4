"""The panel's pure parts: micro-break pacing, upload checks, the chime (per-person files:
tests/test_person.py)."""

import io
import json
import wave

import pytest

from coach.i18n import TABLE, t
from coach.panel.microbreaks import EXERCISES, LARGE, SMALL, pacer_at
from coach.panel.pacer import pacer_html
from coach.panel.sound import chime_html, chime_wav
from coach.panel.uploads import UploadError, check_upload, sniff_container

MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 32


def test_478_breathing_follows_in_4_hold_7_out_8():
    breathing = EXERCISES["478"]
    assert [step.seconds for step in breathing.steps] == [4, 7, 8]
    start, mid_in, holding, end_out = (pacer_at(breathing, s) for s in (0.0, 2.0, 8.0, 18.9))
    assert start.step.kind == "inhale" and start.scale == pytest.approx(SMALL)
    assert SMALL < mid_in.scale < LARGE
    assert holding.step.kind == "hold" and holding.scale == pytest.approx(LARGE)
    assert end_out.step.kind == "exhale" and end_out.scale < mid_in.scale
    second_round = pacer_at(breathing, 19.5)
    assert second_round.round_index == 1 and second_round.step_index == 0


def test_555_rule_is_breath_relax_selftalk_five_seconds_each():
    rule = EXERCISES["555"]
    assert [(step.seconds, step.key.rsplit("_", 1)[-1]) for step in rule.steps] == [
        (5, "breathe"), (5, "relax"), (5, "selftalk")]
    assert pacer_at(rule, 12.0).step_seconds_left == pytest.approx(3.0)


@pytest.mark.parametrize("key", sorted(EXERCISES))
def test_every_exercise_ends_and_is_translated(key):
    exercise = EXERCISES[key]
    assert pacer_at(exercise, exercise.total_seconds).done
    assert not pacer_at(exercise, exercise.total_seconds - 0.01).done
    for step in exercise.steps:
        assert step.key in TABLE
    for prefix in ("panel.break.exercise.", "panel.break.about."):
        assert f"{prefix}{key}" in TABLE


def test_pacer_html_carries_translated_steps_and_offset():
    html = pacer_html(EXERCISES["478"], 5.0, "en", started_at=1000.0, drawn_at=1005.0)
    plan = json.loads(html.split("const plan = ", 1)[1].split(";\n", 1)[0])
    assert plan["offset"] == 5.0 and plan["rounds"] == 4 and plan["startedAt"] == 1000.0
    assert [step["label"] for step in plan["steps"]][1] == "Hold your breath"
    assert "屏住呼吸" in pacer_html(EXERCISES["478"], 0, "zh-CN", started_at=0, drawn_at=0)


def test_uploads_accept_real_containers_and_reject_the_rest():
    assert check_upload("counter.mp4", 1000, MP4_HEAD, "en") == "mp4"
    assert sniff_container(b"RIFF\x00\x00\x00\x00AVI LIST") == "avi"
    assert sniff_container(b"\x1a\x45\xdf\xa3\x01") == "mkv"
    with pytest.raises(UploadError, match="not a supported video type"):
        check_upload("notes.txt", 10, b"hello", "en")
    with pytest.raises(UploadError, match="does not contain video"):
        check_upload("photo.mp4", 1000, b"\xff\xd8\xff\xe0" + b"\x00" * 60, "en")
    with pytest.raises(UploadError, match="empty"):
        check_upload("blank.mov", 0, b"", "en")
    with pytest.raises(UploadError, match="超过 1 MB"):
        check_upload("long.mp4", 3 * 2**20, MP4_HEAD, "zh-CN", max_mb=1)


def test_chime_is_short_quiet_wav_played_once_per_alert():
    with wave.open(io.BytesIO(chime_wav()), "rb") as chime:
        seconds = chime.getnframes() / chime.getframerate()
        assert 0.3 < seconds < 1.0 and chime.getnchannels() == 1
    assert chime_html("a") != chime_html("b")
    assert "data:audio/wav;base64," in chime_html("a")


def test_every_threshold_in_the_side_panel_has_a_label_and_its_area_a_heading():
    from coach.panel.settings_panel import editable_fields, label_key
    from coach.settings import Settings

    fields = editable_fields(Settings())
    assert len(fields) > 20
    missing = [label_key(area, name) for area, name, _ in fields if label_key(area, name) not in TABLE]
    headings = {f"panel.settings.area.{area}" for area, _, _ in fields}
    missing += sorted(heading for heading in headings if heading not in TABLE)
    assert missing == []


def test_language_picker_reads_the_same_in_every_language():
    """Streamlit maps a selectbox's choice back through its shown text: if the names of the
    languages changed with the language, picking English would fall back to the first option."""
    from coach.i18n import LANGUAGES, t

    for key in ["panel.sidebar.language"] + [f"panel.language.{code}" for code in LANGUAGES]:
        assert len({t(key, lang) for lang in LANGUAGES}) == 1, key


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_review_timeline_has_a_legend_for_the_line_and_the_posture_ticks(lang):
    import pandas as pd

    from coach.panel.charts import timeline_chart

    timeline = pd.DataFrame({"t_s": [0.0, 1.0, 2.0], "smile_score": [10.0, 60.0, 80.0],
                             "posture_issues": ["", "hunched", ""]})
    layers = timeline_chart(timeline, lang).to_dict()["layer"]
    names = [t("panel.chart.smile", lang), t("panel.chart.posture_fault", lang)]
    for layer in layers:
        colour = layer["encoding"]["color"]
        assert colour["scale"]["domain"] == names
        assert colour.get("legend", {}) is not None  # a legend is drawn (None would hide it)


@pytest.mark.parametrize("written_in", ["zh-CN", "en"])
@pytest.mark.parametrize("kind", ["mouth_only", "genuine"])
def test_the_review_page_names_a_smiles_kind_from_events_csv(tmp_path, monkeypatch, written_in, kind):
    """events.csv's detail is written for a person in the run's language; the review page still
    finds the smile's kind in it and names it in the page's language."""
    import pandas as pd

    from coach.i18n import language
    from coach.panel.review import event_name
    from coach.readings import Event
    from coach.sinks import EventsCsvSink

    path = tmp_path / "events.csv"
    with language(written_in), EventsCsvSink(path) as sink:
        sink.add([Event(1.0, 4.5, "smile", kind), Event(2.0, 30.0, "posture:hunched")], "clip.mp4")
    monkeypatch.setenv("COACH_LANG", "en")
    events = pd.read_csv(path)
    assert event_name(events, 0) == f"{t('event.smile', 'en')} · {t(f'panel.smile_kind.{kind}', 'en')}"
    assert event_name(events, 1) == t("posture.fault.hunched", "en")
