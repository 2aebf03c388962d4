"""Acceptance checks on the team's labeled real photos and clips (../shared/data).

They are not in the repository (third-party images, internal use only), so each test skips
with the reason on a clone without them; CI runs with ../shared beside the checkout.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from coach.__main__ import main
from coach.evaluate import roc_auc
from coach.evaluation import read_manifest, run_images
from coach.rules.smile import SmileSettings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MANIFEST = DATA / "MANIFEST.csv"
SMILES = {"smile_face", "genuine_smile", "posed_smile"}

needs_data = pytest.mark.skipif(not MANIFEST.is_file(), reason=f"labeled data not present at {DATA}")


@pytest.fixture(scope="module")
def results():
    rows, _ = read_manifest(MANIFEST)
    wanted = [row for row in rows if row.category in SMILES | {"neutral_face", "other"}]
    return run_images(wanted, SmileSettings(), with_haar=False)


@needs_data
def test_smile_score_separates_smiles_from_neutral_faces(results):
    judged = [r for r in results if r.row.category in SMILES | {"neutral_face"}]
    auc = roc_auc([r.score for r in judged], [r.row.category in SMILES for r in judged])
    assert auc >= 0.97, f"smile vs neutral ROC AUC {auc:.3f} (FaceLandmarker mouthSmile reaches 0.970)"


@needs_data
def test_ekman_triplet_reads_none_mouth_only_genuine(results):
    kinds = {Path(r.row.file).name: r.kind for r in results if "ekman_triplet" in r.row.file}
    assert [kinds[name] for name in sorted(kinds)] == ["none", "mouth_only", "genuine"]


@needs_data
def test_most_genuine_and_posed_smiles_are_told_apart(results):
    labeled = [r for r in results if r.row.category in {"genuine_smile", "posed_smile"}]
    expected = {"genuine_smile": "genuine", "posed_smile": "mouth_only"}
    agree = sum(r.kind == expected[r.row.category] for r in labeled)
    assert agree > len(labeled) / 2, f"{agree} of {len(labeled)} agree"


@needs_data
def test_review_of_a_real_clip_writes_the_three_files(tmp_path):
    clip = DATA / "video_face" / "fer__woman2.mp4"
    if not clip.is_file():
        pytest.skip(f"{clip} not present")
    assert main(["review", str(clip), "-o", str(tmp_path), "--fps", "5", "--lang", "en"]) == 0
    with (tmp_path / "timeline.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 50 and all(row["face_found"] == "1" for row in rows[:10])
    assert (tmp_path / "events.csv").is_file() and (tmp_path / "summary.json").is_file()
