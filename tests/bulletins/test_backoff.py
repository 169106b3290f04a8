import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletins.delivery import backoff


def test_exponential_with_cap():
    assert [backoff(n) for n in range(1, 6)] == [60, 120, 240, 480, 960]
    assert backoff(9) == 15360 and backoff(10) == 6 * 3600 and backoff(10_000) == 6 * 3600
    assert backoff(3, base=10, cap=25) == 25


def test_jitter_is_deterministic_under_a_seed():
    a = [backoff(n, jitter=0.5, seed="delivery-9") for n in range(1, 8)]
    b = [backoff(n, jitter=0.5, seed="delivery-9") for n in range(1, 8)]
    c = [backoff(n, jitter=0.5, seed="delivery-10") for n in range(1, 8)]
    assert a == b and a != c


@pytest.mark.parametrize(
    "kw", [{"attempt": 0}, {"attempt": 1, "base": 0}, {"attempt": 1, "cap": 1}, {"attempt": 1, "jitter": 1.5}]
)
def test_invalid_arguments(kw):
    attempt = kw.pop("attempt")
    with pytest.raises(ValueError):
        backoff(attempt, **kw)


@settings(deadline=None)
@given(st.integers(1, 500), st.floats(0, 1), st.integers())
def test_property_bounds_and_monotone_without_jitter(attempt, jitter, seed):
    plain = backoff(attempt)
    assert 60 <= plain <= 6 * 3600
    assert backoff(attempt + 1) >= plain
    jittered = backoff(attempt, jitter=jitter, seed=seed)
    assert plain * (1 - jitter) <= jittered <= plain
