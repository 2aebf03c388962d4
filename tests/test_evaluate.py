"""Evaluation metrics and `python -m coach evaluate` on small generated manifests."""

from __future__ import annotations

import argparse
import csv

import numpy as np
import pytest

from coach.cli import evaluate as cli_evaluate
from coach.evaluate import Confusion, accuracy_at, agreement, confusion, roc_auc

# --- metrics -------------------------------------------------------------------------------------


def test_auc_of_known_rankings():
    labels = [False, False, True, True]
    assert roc_auc([1, 2, 3, 4], labels) == 1.0
    assert roc_auc([4, 3, 2, 1], labels) == 0.0
    assert roc_auc([5, 5, 5, 5], labels) == 0.5
    assert roc_auc([1, 3, 2, 4], labels) == pytest.approx(0.75)  # 3 of 4 pairs in order
    assert roc_auc([1, 2, 2, 3], labels) == pytest.approx(0.875)  # one tied pair counts half


def test_auc_matches_pairwise_counting_on_random_scores():
    rng = np.random.default_rng(7)
    scores = rng.integers(0, 6, size=60).astype(float)  # many ties
    labels = rng.random(60) < 0.4
    pos, neg = scores[labels], scores[~labels]
    wins = (pos[:, None] > neg[None]).sum() + 0.5 * (pos[:, None] == neg[None]).sum()
    pairwise = wins / (pos.size * neg.size)
    assert roc_auc(scores, labels) == pytest.approx(pairwise)


def test_auc_refuses_what_it_cannot_rank():
    with pytest.raises(ValueError, match="both classes"):
        roc_auc([1, 2], [True, True])
    with pytest.raises(ValueError, match="equal-length"):
        roc_auc([1, 2, 3], [True, False])
    with pytest.raises(ValueError, match="finite"):
        roc_auc([1, float("nan")], [True, False])


def test_confusion_accuracy_and_agreement():
    matrix = confusion([True, True, False, False, True], [True, False, False, True, True])
    assert matrix == Confusion(tp=2, fp=1, tn=1, fn=1)
    assert matrix.accuracy == pytest.approx(3 / 5)
    assert matrix.precision == pytest.approx(2 / 3)
    assert matrix.recall == pytest.approx(2 / 3)
    assert Confusion().accuracy is None and Confusion().precision is None
    assert accuracy_at([10, 60, 40, 90], [False, True, True, True], 50) == pytest.approx(0.75)
    assert agreement(["genuine", "mouth_only"], ["genuine", "genuine"]) == 0.5


# --- the command ---------------------------------------------------------------------------------


def run_evaluate(argv: list[str]) -> int:
    """`python -m coach evaluate ARGV`, through the command module's own parser."""
    parser = argparse.ArgumentParser(prog="evaluate")
    cli_evaluate.add_arguments(parser)
    return cli_evaluate.main(parser.parse_args(argv))


def write_manifest(folder, rows):
    path = folder / "MANIFEST.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "category", "label_details"])
        writer.writeheader()
        for file, category in rows:
            writer.writerow({"file": file, "category": category, "label_details": f"{category} test"})
    return path


def test_missing_manifest_is_exit_2_with_one_line(tmp_path, capsys):
    code = run_evaluate([str(tmp_path / "nope.csv"), "--lang", "en"])
    out = capsys.readouterr().out.strip()
    assert code == 2
    assert out.count("\n") == 0
    assert "nope.csv" in out and "not found" in out


def test_missing_file_is_exit_2_naming_it(tmp_path, capsys):
    manifest = write_manifest(tmp_path, [("smile_face/gone.jpg", "smile_face"), ("clip.mp4", "video_face")])
    code = run_evaluate([str(manifest), "--lang", "en"])
    out = capsys.readouterr().out.strip()
    assert code == 2
    assert out.count("\n") == 0
    assert "smile_face/gone.jpg" in out and "--skip-missing" in out


def test_manifest_without_the_needed_columns_is_exit_2(tmp_path, capsys):
    path = tmp_path / "MANIFEST.csv"
    path.write_text("name,label\na.jpg,smile\n", encoding="utf-8")
    assert run_evaluate([str(path), "--lang", "en"]) == 2
    assert "category" in capsys.readouterr().out


def test_evaluates_real_photos_and_counts_skips(tmp_path, capsys):
    pytest.importorskip("mediapipe")
    skimage_data = pytest.importorskip("skimage.data")
    import cv2

    (tmp_path / "imgs").mkdir()
    for name, rgb in (("astronaut.png", skimage_data.astronaut()), ("cat.png", skimage_data.chelsea())):
        cv2.imwrite(str(tmp_path / "imgs" / name), cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    manifest = write_manifest(tmp_path, [
        ("imgs/astronaut.png", "smile_face"),
        ("imgs/cat.png", "neutral_face"),
        ("imgs/lost.png", "neutral_face"),
        ("clip.mp4", "video_face"),
        ("track.csv", "other"),
    ])
    code = run_evaluate([str(manifest), "--lang", "en", "--skip-missing", "--no-haar",
                       "--show", "astronaut*"])
    out = capsys.readouterr().out
    assert code == 0
    assert "2 photos, 1 with a face; skipped: 1 clips, 1 CSV rows, 0 other; missing: 1." in out
    assert "missing: imgs/lost.png" in out
    assert "ours AUC 1.000" in out
    assert "imgs/astronaut.png [smile_face] score" in out
