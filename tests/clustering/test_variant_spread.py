"""The variant test against remembered cases, and the overdispersion learned from the patterns' history."""

from collections import Counter

import numpy as np
import pytest
from sklearn.cluster import KMeans

from clustering import PatternTracker, TrackingConfig

from .synth import FAMILIES, StreamFactory, centre_and_shifted, points, unit

WEEKS = [f"2026-W{w:02d}" for w in range(1, 7)]

# a customs-parcel scheme that borrows 4 of police's phrases: it forms a cluster of its own, at a
# centroid cosine of about 0.38-0.47 to the police signature (so above the lowered floor used below)
PARCEL = FAMILIES["police"][1:5] + [
    "您有一个国际包裹被海关扣押",
    "包裹里查出违禁物品和多张银行卡",
    "快递公司客服帮您转接{city}警方",
    "需要缴纳{n}元保证金才能放行包裹",
    "海关缉私局将对包裹进行销毁",
    "请提供快递单号核实身份",
]


def parcel_week(seed: int, spread: bool):
    """Three weeks of police/task/loan, then the parcel scheme appears next to them."""
    FAMILIES["parcel"] = PARCEL
    f = StreamFactory(seed=seed)
    tracker = PatternTracker(TrackingConfig(novelty_similarity=0.35, variant_spread=spread), random_state=0)
    for w, period in enumerate(WEEKS[:4]):
        cases = f.cases("police", 40) + f.cases("task", 40) + f.cases("loan", 40)
        if w == 3:
            cases += f.cases("parcel", 40)
        result = tracker.run_period(cases, period)
    ids = {
        fam: Counter(result.assignments[c["id"]] for c in cases if c["family"] == fam).most_common(1)[0][0]
        for fam in ("police", "parcel")
    }
    return ids, {p.pattern_id: p for p in result.patterns}


@pytest.mark.parametrize("seed", [3, 4])
def test_a_close_scheme_outside_the_pattern_spread_is_new(seed):
    ids, patterns = parcel_week(seed, spread=True)
    assert ids["parcel"] != ids["police"]
    assert patterns[ids["parcel"]].status == "NEW"
    assert patterns[ids["parcel"]].similarity_to_known >= 0.35  # the centroid cosine alone: a variant


@pytest.mark.parametrize("seed", [3, 4])
def test_without_the_spread_test_the_close_scheme_is_absorbed(seed):
    ids, patterns = parcel_week(seed, spread=False)
    assert ids["parcel"] == ids["police"]
    assert "NEW" not in {p.status for p in patterns.values()}


@pytest.fixture(scope="module")
def lsa():
    """Remembered cases of one pattern around a centre, and two fresh clusters: one drawn from the same
    spread, one around a direction at cosine 0.6 to the centre (close by centroid, outside the spread)."""
    rng = np.random.default_rng(0)
    centre, shifted = centre_and_shifted()
    memory = points(rng, centre, 120, 0.08)
    inside = points(rng, centre, 40, 0.08)
    outside = points(rng, shifted, 40, 0.08)
    Z = np.vstack([inside, outside, memory])
    return Z, np.arange(40), np.arange(40, 80), np.arange(80, 200)


def test_a_cluster_within_the_pattern_spread_is_a_variant(lsa):
    Z, inside, _, memory = lsa
    assert PatternTracker()._within_spread(inside, memory, Z)


def test_a_cluster_outside_the_pattern_spread_is_not_a_variant(lsa):
    Z, _, outside, memory = lsa
    centroids = unit(np.vstack([Z[outside].mean(axis=0), Z[memory].mean(axis=0)]))
    assert float(centroids[0] @ centroids[1]) > 0.5  # the centroid cosine alone would call it a variant
    assert not PatternTracker()._within_spread(outside, memory, Z)


def test_without_a_floor_every_cluster_counts_as_within(lsa):
    Z, _, outside, memory = lsa
    assert PatternTracker(TrackingConfig(novelty_quantile=0.0))._within_spread(outside, memory, Z)
    assert PatternTracker()._within_spread(outside, memory[:2], Z)  # too few remembered cases


def test_variant_spread_is_configurable():
    cfg = TrackingConfig(variant_spread=False, learn_overdispersion=False, min_overdispersion=0.05)
    assert TrackingConfig.from_dict(cfg.to_dict()) == cfg
    with pytest.raises(ValueError):
        TrackingConfig(min_overdispersion=-0.1)


def growth_week(sizes: dict, learn: bool):
    """Weeks 1-4 with the given per-family sizes, then task doubles in week 5 (families test off)."""
    f = StreamFactory(seed=11)
    config = TrackingConfig(learn_overdispersion=learn, growth_family_size=0, split_neighbor_share=0.0)
    tracker = PatternTracker(config, random_state=0, clusterer=KMeans(n_clusters=3, n_init=10))
    for w, period in enumerate(WEEKS[:5]):
        cases = []
        for fam in ("police", "task", "loan"):
            cases += f.cases(fam, 80 if (fam == "task" and w == 4) else sizes[fam][w % len(sizes[fam])])
        result = tracker.run_period(cases, period)
    task = Counter(result.assignments[c["id"]] for c in cases if c["family"] == "task").most_common(1)[0][0]
    return next(p for p in result.patterns if p.pattern_id == task), tracker


def test_a_doubling_of_a_steady_pattern_among_steady_patterns_is_growing():
    steady = {"police": [40], "task": [40], "loan": [40]}
    learned, tracker = growth_week(steady, learn=True)
    assert tracker._overdispersion == pytest.approx(tracker.config.min_overdispersion)
    assert learned.status == "GROWING" and learned.p_value < 0.01
    fixed, tracker = growth_week(steady, learn=False)
    assert tracker._overdispersion == pytest.approx(0.1)
    assert fixed.p_value > learned.p_value


def test_the_noise_learned_from_the_other_patterns_raises_the_bar():
    # police and loan swing between 20 and 60 cases a week: the learned overdispersion is their noise
    noisy = {"police": [20, 60], "task": [40], "loan": [60, 20]}
    summary, tracker = growth_week(noisy, learn=True)
    assert tracker._overdispersion > 0.1
    assert summary.status != "GROWING"
