"""Novelty inside known clusters: a new scheme that the clusterer merges into a similar known pattern."""

from collections import Counter

import pytest
from sklearn.cluster import KMeans

from clustering import PatternTracker, TrackingConfig

from .synth import CREDIT, FAMILIES, StreamFactory

WEEKS = [f"2026-W{w:02d}" for w in range(1, 6)]


def run(config):
    FAMILIES["credit"] = CREDIT
    try:
        f = StreamFactory(seed=11)
        tracker = PatternTracker(config, random_state=0, clusterer=KMeans(n_clusters=3, n_init=10))
        out = []
        for w, period in enumerate(WEEKS):
            cases = f.cases("police", 40) + f.cases("task", 40) + f.cases("loan", 40)
            if w >= 3:
                cases += f.cases("credit", 30) + f.cases("variant", 30)
            out.append((cases, tracker.run_period(cases, period)))
        return out
    finally:
        FAMILIES.pop("credit", None)


def dominant(cases, result, family):
    ids = Counter(result.assignments[c["id"]] for c in cases if c["family"] == family)
    ids.pop(None, None)
    return ids.most_common(1)[0][0] if ids else None


def status(result):
    return {p.pattern_id: p.status for p in result.patterns}


@pytest.fixture(scope="module")
def split_run():
    return run(TrackingConfig())


def test_new_scheme_hidden_next_to_a_similar_pattern_is_new(split_run):
    cases, result = split_run[3]
    credit, loan = dominant(cases, result, "credit"), dominant(cases, result, "loan")
    assert credit is not None and credit != loan
    assert status(result)[credit] == "NEW"
    assert result.patterns[[p.pattern_id for p in result.patterns].index(credit)].similarity_to_known < 0.5
    share = sum(result.assignments[c["id"]] == credit for c in cases if c["family"] == "credit") / 30
    assert share >= 0.7
    # the next week it is a known pattern with the same id, and it is not NEW again
    cases4, result4 = split_run[4]
    assert dominant(cases4, result4, "credit") == credit
    assert status(result4)[credit] != "NEW"


def test_variant_of_an_old_pattern_is_not_new(split_run):
    cases2, result2 = split_run[2]
    police = dominant(cases2, result2, "police")
    cases, result = split_run[3]
    assert dominant(cases, result, "variant") == police
    new_ids = {pid for pid, st in status(result).items() if st == "NEW"}
    assert not any(
        result.assignments[c["id"]] in new_ids for c in cases if c["family"] in ("variant", "loan")
    )


def test_known_patterns_raise_no_new_flags(split_run):
    for _cases, result in split_run[1:3]:
        assert "NEW" not in status(result).values()
    for fam in ("police", "task", "loan"):
        assert len({dominant(c, r, fam) for c, r in split_run}) == 1, fam


def test_without_the_split_the_hidden_scheme_is_absorbed():
    cases, result = run(TrackingConfig(split_neighbor_share=0.0))[3]
    assert dominant(cases, result, "credit") == dominant(cases, result, "loan")
    assert "NEW" not in status(result).values()


def test_split_thresholds_are_validated():
    with pytest.raises(ValueError):
        TrackingConfig(split_neighbor_share=1.5)
    with pytest.raises(ValueError):
        TrackingConfig(novelty_quantile=-0.1)


def growth_run(config):
    f = StreamFactory(seed=5)
    tracker = PatternTracker(config, random_state=0, clusterer=KMeans(n_clusters=3, n_init=10))
    out = []
    for w, period in enumerate(WEEKS):
        cases = f.cases("police", 60) + f.cases("variant", 80 if w == 4 else 20)
        cases += f.cases("task", 60) + f.cases("loan", 60)
        out.append((cases, tracker.run_period(cases, period)))
    return out


@pytest.fixture(scope="module")
def growth():
    # the model variance is pinned (not learned from these very regular synthetic weeks), so that the
    # whole pattern's +75 % stays within its noise and only the sub-family can carry the growth
    fixed = {"split_neighbor_share": 0.0, "learn_overdispersion": False}
    return growth_run(TrackingConfig(**fixed)), growth_run(TrackingConfig(**fixed, growth_family_size=0))


def test_growth_of_a_sub_family_is_growing(growth):
    with_sub, _ = growth
    cases, result = with_sub[4]
    pid = dominant(cases, result, "variant")
    assert pid == dominant(cases, result, "police")  # one pattern: the variant is a sub-family
    summary = {p.pattern_id: p for p in result.patterns}[pid]
    assert summary.status == "GROWING"
    assert summary.growth_ratio >= 2.0 and summary.p_value < 0.01
    for _cases, earlier in with_sub[1:4]:
        assert "GROWING" not in status(earlier).values()


def test_without_families_the_diluted_growth_is_missed(growth):
    _, without = growth
    cases, result = without[4]
    assert status(result)[dominant(cases, result, "variant")] != "GROWING"
