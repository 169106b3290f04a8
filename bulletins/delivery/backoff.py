"""Retry delays: exponential backoff with a cap and optional, seedable jitter."""

from __future__ import annotations

import random

DEFAULT_BASE = 60
DEFAULT_CAP = 6 * 3600


def backoff(
    attempt: int,
    *,
    base: float = DEFAULT_BASE,
    cap: float = DEFAULT_CAP,
    jitter: float = 0.0,
    seed: int | str | None = None,
) -> float:
    """Return the delay in seconds before retry number ``attempt`` (1 for the first retry).

    The delay is ``min(cap, base * 2 ** (attempt - 1))``: 60 s, 2 min, 4 min, ... up to 6 h. With
    ``jitter`` in ``(0, 1]`` it is reduced by a random fraction of at most ``jitter`` (so it never
    exceeds the cap); the fraction is drawn from ``random.Random(f"{seed}:{attempt}")``, so the same
    seed (for example the delivery id) always gives the same delays. ``seed=None`` draws fresh
    randomness.

    :raises ValueError: if ``attempt < 1``, ``base <= 0``, ``cap < base`` or ``jitter`` is outside [0, 1].
    """
    if attempt < 1:
        raise ValueError("attempt counts from 1")
    if base <= 0 or cap < base:
        raise ValueError("need 0 < base <= cap")
    if not 0.0 <= jitter <= 1.0:
        raise ValueError("jitter must be within [0, 1]")
    # 2 ** 64 is far past any cap; avoid huge integers for silly attempt numbers
    delay = float(min(cap, base * 2.0 ** min(attempt - 1, 64)))
    if jitter:
        rng = random.Random(f"{seed}:{attempt}") if seed is not None else random.SystemRandom()
        delay *= 1.0 - jitter * rng.random()
    return delay
