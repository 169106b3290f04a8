"""Lifecycle rules on constructed streams: family growth across patterns, noisy baselines, NEW families.

The clusterer is fixed (k-means with a given k) where a test needs the clustering to merge or split
in a known way, so that each test exercises the tracking rule and not the eigengap.
"""

from collections import Counter

import pytest
from sklearn.cluster import KMeans

from clustering import PatternTracker, TrackingConfig

from .synth import CREDIT, FAMILIES, StreamFactory

WEEKS = [f"2026-W{w:02d}" for w in range(1, 6)]

# a dating scheme that borrows its opening from "police" in half of the cases and from "task" in the
# other half: a 2-means clusterer puts it into both patterns, so it is a family split over two patterns
DATING_CORE = [
    "在交友软件上认识的男友说带我一起赚钱",
    "网恋对象从未视频见面",
    "对方自称是海外华侨想和我结婚",
    "男友让我在他推荐的平台充值",
    "婚恋网站认识的对象说家里急需用钱",
    "聊了三个月后对方开始借钱",
]
DATING_A = FAMILIES["police"][:4] + DATING_CORE
DATING_B = FAMILIES["task"][:4] + DATING_CORE


@pytest.fixture(autouse=True)
def extra_families():
    FAMILIES.update(dating_a=DATING_A, dating_b=DATING_B, credit=CREDIT)
    yield
    for name in ("dating_a", "dating_b", "credit"):
        FAMILIES.pop(name, None)


def dominant(cases, result, family):
    ids = Counter(result.assignments[c["id"]] for c in cases if c["family"] in family)
    ids.pop(None, None)
    return ids.most_common(1)[0][0] if ids else None


def status(result):
    return {p.pattern_id: p.status for p in result.patterns}


def run(weeks, config=None, k=2, seed=3):
    """``weeks``: one ``{family: count}`` per week; returns ``[(cases, result)]``."""
    f = StreamFactory(seed=seed)
    tracker = PatternTracker(config, random_state=0, clusterer=KMeans(n_clusters=k, n_init=10))
    out = []
    for period, counts in zip(WEEKS, weeks, strict=True):
        cases = [c for fam, count in counts.items() for c in f.cases(fam, count)]
        out.append((cases, tracker.run_period(cases, period)))
    return out


# ---------------------------------------------------------------- growth of a family over two patterns
def split_family_weeks(last: int) -> list[dict]:
    steady = {"police": 60, "task": 60, "dating_a": 8, "dating_b": 8}
    return [steady] * 4 + [{"police": 60, "task": 60, "dating_a": last, "dating_b": last}]


@pytest.mark.parametrize(
    ("config", "last", "growing"),
    [
        (None, 24, True),  # the dating family triples (16 -> 48) while each pattern grows ~1.25x
        (None, 8, False),  # no growth
        (TrackingConfig(growth_family_size=0), 24, False),  # family test off: the diluted growth is missed
    ],
    ids=["tripled", "steady", "families-off"],
)
def test_a_family_split_over_two_patterns_that_triples_is_growing(config, last, growing):
    out = run(split_family_weeks(last), config)
    cases, result = out[4]
    police = dominant(cases, result, {"police"})
    task = dominant(cases, result, {"task"})
    assert police != task
    a, b = dominant(cases, result, {"dating_a"}), dominant(cases, result, {"dating_b"})
    assert {a, b} == {police, task}  # the dating family is split over the two patterns
    summaries = {p.pattern_id: p for p in result.patterns}
    assert all(summaries[pid].growth_ratio < 1.5 for pid in (police, task) if not growing)
    flagged = {pid for pid in (police, task) if summaries[pid].status == "GROWING"}
    assert bool(flagged) is growing
    if growing:
        assert flagged == {police, task}
        assert all(summaries[pid].p_value < 0.01 and summaries[pid].growth_ratio > 2 for pid in flagged)
    for _cases, earlier in out[1:4]:
        assert "GROWING" not in status(earlier).values()


# ---------------------------------------------------------------- a noisy pattern is not GROWING
@pytest.mark.parametrize(
    ("task_sizes", "growing"),
    [
        ([12, 50, 12, 50, 80], False),  # noisy: 80 is within the pattern's own week-to-week spread
        ([30, 32, 28, 30, 80], True),  # steady, then 2.7x
        ([30, 32, 28, 30, 36], False),  # steady
    ],
    ids=["noisy", "steady-then-surge", "steady"],
)
def test_growth_is_judged_against_the_patterns_own_variance(task_sizes, growing):
    out = run([{"police": 60, "task": t} for t in task_sizes])
    cases, result = out[4]
    task = dominant(cases, result, {"task"})
    summary = {p.pattern_id: p for p in result.patterns}[task]
    assert (summary.status == "GROWING") is growing
    assert summary.baseline == pytest.approx(sum(task_sizes[:4]) / 4, abs=3)


def test_noisy_pattern_would_be_growing_under_the_model_variance_alone():
    """The same noisy history does pass the plain negative-binomial test: the spread is what stops it."""
    tracker = PatternTracker(random_state=0)
    tracker.periods = list(WEEKS)
    tracker.patterns["P0001"] = {
        "first_period": WEEKS[0],
        "sizes": dict(zip(WEEKS, [12, 50, 12, 50, 80], strict=True)),
    }
    _, history = tracker._baseline("P0001")
    mu = sum(history) / len(history)
    model = mu + tracker.config.overdispersion * mu * mu
    assert tracker._upper_tail(80, mu, model) < 0.01
    assert tracker._upper_tail(80, mu, tracker._predictive_variance("P0001")) > 0.01


# ---------------------------------------------------------------- NEW families
@pytest.mark.parametrize("count", [20, 40])
def test_a_new_family_that_appears_with_20_cases_or_more_is_new(count):
    out = run([{"police": 40, "task": 40}] * 3 + [{"police": 40, "task": 40, "game": count}] * 2, k=3)
    cases, result = out[3]
    game = dominant(cases, result, {"game"})
    assert game not in {dominant(cases, result, {f}) for f in ("police", "task")}
    assert status(result)[game] == "NEW"
    assert sum(result.assignments[c["id"]] == game for c in cases if c["family"] == "game") >= 0.8 * count
    cases, result = out[4]
    assert dominant(cases, result, {"game"}) == game and status(result)[game] != "NEW"


@pytest.mark.parametrize("count", [30, 40])
def test_a_new_family_hidden_next_to_a_known_pattern_is_new(count):
    weeks = [{"police": 40, "task": 40, "loan": 40}] * 3 + [
        {"police": 40, "task": 40, "loan": 40, "credit": count}
    ]
    cases, result = run(weeks + [weeks[-1]], k=3, seed=11)[3]
    credit, loan = dominant(cases, result, {"credit"}), dominant(cases, result, {"loan"})
    assert credit != loan
    assert status(result)[credit] == "NEW"
    share = sum(result.assignments[c["id"]] == credit for c in cases if c["family"] == "credit") / count
    assert share >= 0.6


@pytest.mark.parametrize("count", [20, 30])
def test_a_variant_of_an_old_pattern_is_not_new(count):
    weeks = [{"police": 40, "task": 40, "loan": 40}] * 3 + [
        {"police": 40, "task": 40, "loan": 40, "variant": count}
    ]
    cases, result = run(weeks + [weeks[-1]], k=3, seed=11)[3]
    assert dominant(cases, result, {"variant"}) == dominant(cases, result, {"police"})
    assert "NEW" not in status(result).values()


@pytest.mark.parametrize("novelty_quantile", [0.0, 0.05])
def test_known_patterns_alone_raise_no_new_flag(novelty_quantile):
    config = TrackingConfig(novelty_quantile=novelty_quantile)
    out = run([{"police": 40, "task": 40, "loan": 40}] * 5, config, k=3, seed=13)
    for _cases, result in out[1:]:
        assert "NEW" not in status(result).values()


def test_family_thresholds_are_validated():
    with pytest.raises(ValueError):
        TrackingConfig(novelty_quantile=1.0)
    with pytest.raises(ValueError):
        TrackingConfig(growth_family_share=1.5)
    assert TrackingConfig.from_dict(TrackingConfig(growth_family_size=0).to_dict()).growth_family_size == 0
