"""Pure metrics for checking the rules against labelled material (no I/O, no models).

`python -m coach evaluate` (coach/cli/evaluate.py, through coach.evaluation) feeds these with the
readings of real photos.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def roc_auc(scores: Sequence[float], positive: Sequence[bool]) -> float:
    """Area under the ROC curve, as the Mann–Whitney rank statistic.

    The probability that a random positive scores above a random negative, ties counting half:
    1.0 = every positive above every negative, 0.0 = the reverse, 0.5 = no information.
    Raises ValueError when the lengths differ, a score is not finite, or a class is empty.
    """
    values = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(positive, dtype=bool)
    if values.shape != labels.shape or values.ndim != 1:
        raise ValueError(
            f"scores and labels must be two equal-length lists, got {values.shape} and {labels.shape}"
        )
    if not np.isfinite(values).all():
        raise ValueError("scores must be finite numbers")
    n_pos = int(labels.sum())
    n_neg = int(labels.size - n_pos)
    if n_pos == 0 or n_neg == 0:
        raise ValueError(f"ROC AUC needs both classes, got {n_pos} positive and {n_neg} negative")
    ranks = _average_ranks(values)
    rank_sum = float(ranks[labels].sum())
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks with ties sharing the mean of their positions."""
    order = np.argsort(values, kind="mergesort")
    sorted_values = values[order]
    ranks = np.empty(values.size, dtype=np.float64)
    start = 0
    while start < values.size:
        end = start
        while end + 1 < values.size and sorted_values[end + 1] == sorted_values[start]:
            end += 1
        ranks[order[start:end + 1]] = (start + end) / 2.0 + 1.0
        start = end + 1
    return ranks


@dataclass(frozen=True)
class Confusion:
    """Counts of a yes/no decision against the truth."""

    tp: int = 0
    fp: int = 0
    tn: int = 0
    fn: int = 0

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.tn + self.fn

    @property
    def accuracy(self) -> float | None:
        return None if self.total == 0 else (self.tp + self.tn) / self.total

    @property
    def precision(self) -> float | None:
        called = self.tp + self.fp
        return None if called == 0 else self.tp / called

    @property
    def recall(self) -> float | None:
        actual = self.tp + self.fn
        return None if actual == 0 else self.tp / actual


def confusion(predicted: Sequence[bool], actual: Sequence[bool]) -> Confusion:
    """Confusion counts of `predicted` against `actual` (equal-length yes/no lists)."""
    if len(predicted) != len(actual):
        raise ValueError(f"predicted and actual differ in length ({len(predicted)} vs {len(actual)})")
    tp = fp = tn = fn = 0
    for guess, truth in zip(predicted, actual, strict=True):
        if guess and truth:
            tp += 1
        elif guess:
            fp += 1
        elif truth:
            fn += 1
        else:
            tn += 1
    return Confusion(tp=tp, fp=fp, tn=tn, fn=fn)


def accuracy_at(scores: Sequence[float], positive: Sequence[bool], threshold: float) -> float:
    """Share of items judged right when `score >= threshold` means positive."""
    if len(scores) == 0:
        raise ValueError("accuracy needs at least one item")
    result = confusion([s >= threshold for s in scores], list(positive)).accuracy
    assert result is not None
    return result


def agreement(predicted: Sequence[str], expected: Sequence[str]) -> float:
    """Share of items whose predicted label equals the expected one."""
    if len(predicted) != len(expected):
        raise ValueError(f"predicted and expected differ in length ({len(predicted)} vs {len(expected)})")
    if not predicted:
        raise ValueError("agreement needs at least one item")
    return sum(p == e for p, e in zip(predicted, expected, strict=True)) / len(predicted)
