"""Optional check on the research-only zh telecom-fraud texts (read in place, never copied)."""

import csv
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score

from clustering import PatternTracker

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "zh-telecom-fraud-texts" / "tft8"


def load(labels=(1, 5, 7), per_class=250):
    texts, ys = [], []
    for label in labels:
        with open(DATA / f"label{label}-new1030.csv", encoding="utf-8", newline="") as fh:
            rows = [r["content"] for r in csv.DictReader(fh)][:per_class]
        texts += rows
        ys += [label] * len(rows)
    return texts, np.array(ys)


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/zh-telecom-fraud-texts is not present")
def test_three_fraud_types_are_recovered_without_being_told_k():
    texts, y = load()
    result = PatternTracker(random_state=0).run_period(
        [{"id": i, "text": t} for i, t in enumerate(texts)], "W1"
    )
    pred = np.array(
        [-1 if result.assignments[i] is None else int(result.assignments[i][1:]) for i in range(len(texts))]
    )
    assigned = pred >= 0
    assert assigned.mean() >= 0.85
    assert normalized_mutual_info_score(y[assigned], pred[assigned]) >= 0.8
