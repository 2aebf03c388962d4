"""One home for per-person data (coach.person): one data folder, one id check, one loader for
thresholds, preferences and calibration; the panel, calibration and the store all use it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from coach import person as home
from coach.calibrate import profile as calibration
from coach.person import PersonError, Preferences, check_person, load, load_preferences, save_preferences
from coach.store.db import default_url

ROOT = Path(__file__).resolve().parents[1]


def test_preferences_round_trip_per_person(tmp_path):
    saved = Preferences("王芳", settings={"breaks": {"work_min": 55}}, preferences={"language": "en"})
    path = save_preferences(saved, tmp_path)
    assert path == tmp_path / "people" / "王芳" / "preferences.json"
    loaded = load_preferences("王芳", tmp_path)
    assert loaded.settings == saved.settings and loaded.preferences == saved.preferences
    assert load_preferences("someone else", tmp_path).settings == {}


def test_a_file_saved_before_the_one_home_is_still_read(tmp_path):
    (tmp_path / "people").mkdir()
    old = {"person": "li", "settings": {"breaks": {"work_min": 50}}, "preferences": {"quiet": True}}
    (tmp_path / "people" / "li.json").write_text(json.dumps(old), encoding="utf-8")
    assert load_preferences("li", tmp_path).preferences == {"quiet": True}


@pytest.mark.parametrize("bad", ["", "../etc", "a/b", "x" * 41, ".hidden", None])
def test_one_id_check_for_the_panel_and_calibration(bad):
    with pytest.raises(PersonError) as refused:
        check_person(bad)
    assert refused.value.key == "person.error.bad_id" and "cannot be used" in refused.value.message("en")
    with pytest.raises(calibration.ProfileError, match="cannot be used"):
        calibration.check_person(bad, "en")


def test_ids_are_compared_in_their_canonical_form():
    decomposed = "E\u0301milie"  # É as E + combining accent
    assert check_person(f"  {decomposed} ") == "\u00c9milie" == check_person("\u00c9milie")


def test_an_unreadable_file_says_which_and_what_to_do(tmp_path):
    folder = tmp_path / "people" / "broken"
    folder.mkdir(parents=True)
    (folder / "preferences.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(PersonError) as unreadable:
        load_preferences("broken", tmp_path)
    message = unreadable.value.message("en")
    assert "cannot be read" in message and "preferences.json" in message


def test_the_one_loader_finds_preferences_and_calibration_in_the_person_s_home(tmp_path, monkeypatch):
    example = calibration.read_profile(ROOT / "calibration" / "example-profile.json")
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv(home.CALIBRATION_DIR_ENVIRONMENT, raising=False)
    save_preferences(Preferences("wang", preferences={"sound": True}))
    saved_at = calibration.save_profile(replace(example, person="wang"))
    assert saved_at == tmp_path / "people" / "wang" / "sitting.json"
    data = load("wang")
    assert data.preferences.preferences == {"sound": True} and set(data.calibration) == {"sitting"}
    found = calibration.find_profile("wang", "sitting")
    assert calibration.Profile.from_dict(data.calibration["sitting"]) == found
    # the store's SQLite file is in the same data folder
    assert default_url() == f"sqlite:///{tmp_path / 'coach.db'}"
