"""Synthetic case payloads carrying synthetic personal data (Faker, check digits made valid)."""

from __future__ import annotations

import itertools
import random

from faker import Faker
from stdnum import luhn
from stdnum.cn import ric

_counter = itertools.count(1)
fake_zh = Faker("zh_CN")
fake_en = Faker("en_US")


def cn_mobile(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(str(rng.randrange(10)) for _ in range(9))


def unionpay_card(rng: random.Random, length: int = 19) -> str:
    body = "622848" + "".join(str(rng.randrange(10)) for _ in range(length - 7))
    return body + luhn.calc_check_digit(body)


def cn_id(rng: random.Random) -> str:
    body = (
        "330106"
        + f"{rng.randint(1960, 2002)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        + f"{rng.randint(0, 999):03d}"
    )
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a check-digit slot


def pii_values(seed: int) -> dict:
    rng = random.Random(seed)
    return {
        "phone": cn_mobile(rng),
        "card": unionpay_card(rng),
        "idno": cn_id(rng),
        "email": f"victim{seed}@example.com",
        "name": fake_zh.name(),
    }


def case_payload(seed: int | None = None, **overrides) -> dict:
    """A valid case with personal data in the narrative and the indicators; ``_pii`` lists the raw values."""
    seed = next(_counter) if seed is None else seed
    pii = pii_values(seed)
    payload = {
        "external_ref": f"REF-{seed:06d}",
        "occurred_at": "2026-11-10T09:30:00+08:00",
        "fraud_type": "card_cash_out",
        "channel": "pos",
        "mcc": "5411",
        "amount": "12800.00",
        "currency": "CNY",
        "region": "浙江省杭州市西湖区文三路90号",
        "narrative": (
            f"持卡人{pii['name']}（身份证号{pii['idno']}）在商户分5笔刷卡套现12800元，"
            f"资金转入{pii['card']}，联系电话{pii['phone']}，邮箱{pii['email']}。商户号 302100058120043，MCC 5411。"
        ),
        "indicators": [{"type": "phone", "value": pii["phone"]}, {"type": "card", "value": pii["card"]}],
    }
    payload.update(overrides)
    payload["_pii"] = pii
    return payload


def strip(payload: dict) -> dict:
    """The payload without the test-only ``_pii`` key."""
    return {k: v for k, v in payload.items() if k != "_pii"}
