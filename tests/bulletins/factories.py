"""Synthetic period data for the bulletins tests (Faker zh_CN / en_US, fixed seeds)."""

from __future__ import annotations

import random

from faker import Faker

from bulletins import periods
from bulletins.actions import FRAUD_TYPES

CHANNELS = ["pos", "online", "mobile_app", "qr_code", "atm", "transfer"]
MCC_GROUPS = ["retail", "jewelry", "wholesale", "digital_goods", "cash", "money_transfer", "grocery"]
KINDS = ["PHONE", "CARD", "ACCOUNT", "DEVICE"]


def make_period_data(
    period: str = "2026-W47",
    *,
    k: int = 3,
    seed: int = 7,
    patterns: int = 8,
    indicators: int = 12,
    previous_digest: str | None = None,
) -> dict:
    """Return a realistic :class:`bulletins.content.PeriodData` dict."""
    rng = random.Random(seed)
    fake_zh = Faker("zh_CN")
    fake_zh.seed_instance(seed)
    window = [*periods.previous_periods(period, 4), period]
    weeks = []
    for i, p in enumerate(window):
        cases = 800 + 60 * i + rng.randint(0, 120)
        weeks.append(
            {
                "period": p,
                "cases": cases,
                "amount_total": round(cases * rng.uniform(8000, 12000), 2),
                "members": 14 + i,
            }
        )
    total = weeks[-1]["cases"]

    def split(keys: list[str], allow_small: bool = True) -> list[dict]:
        rows, left = [], total
        for j, key in enumerate(keys):
            cases = left if j == len(keys) - 1 else rng.randint(1, max(1, left // 2))
            left -= cases
            members = rng.randint(1, 2) if allow_small and j % 4 == 3 else rng.randint(k, 12)
            rows.append(
                {
                    "key": key,
                    "cases": cases,
                    "amount": round(cases * rng.uniform(3000, 20000), 2),
                    "members": members,
                }
            )
        return rows

    cities = []
    while len(cities) < 8:
        city = fake_zh.city()
        if city not in cities:
            cities.append(city)
    breakdowns = {
        "fraud_type": split(list(FRAUD_TYPES[:7])),
        "channel": split(CHANNELS),
        "region": split(cities),
        "mcc_group": split(MCC_GROUPS),
    }
    statuses = ["NEW", "GROWING", "STABLE", "FADING"]
    pattern_list = []
    for j in range(patterns):
        status = statuses[j % 4]
        size = rng.randint(5, 120)
        sizes = {p: (0 if status == "NEW" else rng.randint(3, 100)) for p in window[:-1]}
        pattern_list.append(
            {
                "pattern_id": f"P-{j + 1:03d}",
                "status": status,
                "label": f"{fake_zh.word()}{fake_zh.word()}套现"
                if j % 2 == 0
                else f"冒充{fake_zh.word()}客服退款",
                "keywords": [fake_zh.word() for _ in range(5)],
                "size": size,
                "sizes": sizes,
                "members": (rng.randint(1, k - 1) if j % 5 == 4 and k > 1 else rng.randint(k, 9)),
                "amount_band": {"low": 1000.0 * (j + 1), "high": 5000.0 * (j + 2) if j % 3 else None},
                "excerpt": "客户[PERSON]称在[ADDRESS]附近的商户多次刷卡，" + fake_zh.sentence(nb_words=12),
                "fraud_type": FRAUD_TYPES[j % len(FRAUD_TYPES)],
                "feedback": {"seen": rng.randint(0, 5), "not_relevant": rng.randint(0, 2)},
            }
        )
    indicator_list = [
        {
            "kind": KINDS[j % 4],
            "token": f"tk_{rng.getrandbits(64):016x}",
            "cases": rng.randint(2, 40),
            "members": rng.randint(1, 6),
            "first_seen": "2026-10-2" + str(j % 9),
            "last_seen": "2026-11-2" + str(j % 3),
        }
        for j in range(indicators)
    ]
    start, end = periods.period_bounds(period)
    return {
        "period": period,
        "timezone": "Asia/Shanghai",
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
        "generated_at": f"{periods.period_bounds(periods.shift_period(period, 1))[0].isoformat()}T08:00:00+08:00",
        "k": k,
        "currency": "CNY",
        "weeks": weeks,
        "breakdowns": breakdowns,
        "patterns": pattern_list,
        "indicators": indicator_list,
        "previous_digest": previous_digest,
    }
