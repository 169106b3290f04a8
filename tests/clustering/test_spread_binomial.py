"""The variant spread test as a binomial test, and the spread test on a core split off a known cluster."""

from collections import Counter

import numpy as np
import pytest
from sklearn.cluster import KMeans

from clustering import PatternTracker, TrackingConfig

from .synth import CREDIT, FAMILIES, StreamFactory, centre_and_shifted, points, unit

WEEKS = [f"2026-W{w:02d}" for w in range(1, 5)]


@pytest.fixture(scope="module")
def lsa():
    """Remembered cases of one pattern; a big fresh cluster from the same spread; and a fresh cluster in
    which 12 of 40 cases come from a direction at cosine 0.6 (a minority, so the majority rule alone
    keeps the cluster within the spread)."""
    rng = np.random.default_rng(1)
    centre, shifted = centre_and_shifted()
    memory = points(rng, centre, 150, 0.08)
    same = points(rng, centre, 400, 0.08)
    mixed = np.vstack([points(rng, centre, 28, 0.08), points(rng, shifted, 12, 0.08)])
    Z = np.vstack([same, mixed, memory])
    return Z, np.arange(400), np.arange(400, 440), np.arange(440, 590)


def test_a_large_cluster_from_the_same_spread_stays_within(lsa):
    Z, same, _, memory = lsa
    assert PatternTracker()._within_spread(same, memory, Z)


def test_a_minority_far_below_the_floor_is_more_than_chance(lsa):
    Z, _, mixed, memory = lsa
    centroids = unit(np.vstack([Z[mixed].mean(axis=0), Z[memory].mean(axis=0)]))
    assert float(centroids[0] @ centroids[1]) > 0.9  # the centroid cosine alone: a variant
    # 12 of 40 below the 5 % floor of 150 remembered cases: p ~ 1e-5 (beta-binomial)
    assert not PatternTracker()._within_spread(mixed, memory, Z)
    # the majority rule alone (spread_alpha = 0) keeps it within
    assert PatternTracker(TrackingConfig(spread_alpha=0.0))._within_spread(mixed, memory, Z)


def test_spread_alpha_is_configurable():
    cfg = TrackingConfig(spread_alpha=0.05)
    assert TrackingConfig.from_dict(cfg.to_dict()) == cfg
    assert TrackingConfig.from_dict({}).spread_alpha == 0.01
    for bad in (-0.1, 1.0):
        with pytest.raises(ValueError):
            TrackingConfig(spread_alpha=bad)


def credit_week(spread: bool):
    """police/task/loan for 3 weeks, then the credit scheme (close to loan) and a police variant appear.
    ``novelty_similarity`` is lowered to 0.3, below the credit core's centroid cosine to the loan
    signature (0.34), so that the cosine alone would call the split-off core a variant."""
    FAMILIES["credit"] = CREDIT
    try:
        f = StreamFactory(seed=11)
        config = TrackingConfig(novelty_similarity=0.3, variant_spread=spread)
        tracker = PatternTracker(config, random_state=0, clusterer=KMeans(n_clusters=3, n_init=10))
        for w, period in enumerate(WEEKS):
            cases = f.cases("police", 40) + f.cases("task", 40) + f.cases("loan", 40)
            if w == 3:
                cases += f.cases("credit", 30) + f.cases("variant", 30)
            result = tracker.run_period(cases, period)
    finally:
        FAMILIES.pop("credit", None)
    ids = {}
    for fam in ("police", "loan", "credit", "variant"):
        got = Counter(result.assignments[c["id"]] for c in cases if c["family"] == fam)
        got.pop(None, None)
        ids[fam] = got.most_common(1)[0][0]
    return ids, {p.pattern_id: p for p in result.patterns}


def test_a_split_core_close_by_cosine_but_outside_the_spread_is_new():
    ids, patterns = credit_week(spread=True)
    assert ids["credit"] != ids["loan"]
    assert patterns[ids["credit"]].status == "NEW"
    assert patterns[ids["credit"]].similarity_to_known >= 0.3
    assert ids["variant"] == ids["police"]  # the police variant is still not NEW


def test_without_the_spread_test_the_close_core_stays_with_its_cluster():
    ids, patterns = credit_week(spread=False)
    assert ids["credit"] == ids["loan"]
    assert "NEW" not in {p.status for p in patterns.values()}
