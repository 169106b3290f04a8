"""The held-out corpus generator (bench/heldout_corpus.py) itself: determinism, spans, coverage, negatives.

These tests check the generator, not the anonymizer's figures on it (those are in bench/anonymizer.py).
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections import Counter

import pytest
from stdnum import iban, luhn
from stdnum.cn import ric, uscc

from anonymizer.entities import ALL_ENTITIES
from bench.heldout_corpus import (
    _BECH32,
    EN_TEMPLATES,
    NEGATIVE_LABELS,
    ZH_TEMPLATES,
    _b58encode,
    _bech32_address,
    _bech32_polymod,
    _eip55,
    generate,
)

_FW = str.maketrans("０１２３４５６７８９", "0123456789")
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


@pytest.fixture(scope="module")
def corpus():
    return generate(800, seed=4242)


def _digits(v: str) -> str:
    return re.sub(r"\D", "", v.translate(_FW))


def _b58check_ok(v: str) -> bool:
    n = 0
    for c in v:
        n = n * 58 + _B58.index(c)
    raw = n.to_bytes(25, "big")
    return hashlib.sha256(hashlib.sha256(raw[:21]).digest()).digest()[:4] == raw[21:]


def value_ok(entity: str, v: str) -> bool:
    """Does ``v`` look like a well-formed value of ``entity`` (check digits where there are any)?"""
    compact = re.sub(r"[\s-]", "", v.translate(_FW))
    if entity == "CN_ID":
        return (
            bool(re.fullmatch(r"\d{17}[\dXx]", compact))
            and ric.calc_check_digit(compact.upper()) == compact[-1].upper()
        )
    if entity == "BANK_CARD":
        return compact.isdigit() and 12 <= len(compact) <= 19 and luhn.is_valid(compact)
    if entity == "USCC":
        return uscc.is_valid(v)
    if entity == "IBAN":
        return iban.is_valid(v)
    if entity == "EMAIL":
        return bool(re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", v))
    if entity == "IP_ADDRESS":
        try:
            ipaddress.ip_address(v)
        except ValueError:
            return False
        return True
    if entity == "PHONE":
        return 7 <= len(_digits(v)) <= 20 and not re.search(r"[A-Za-wyz]", v)
    if entity == "BANK_ACCOUNT":
        return compact.isdigit() and 8 <= len(compact) <= 30
    if entity == "DEVICE_ID":
        if compact.isdigit():
            return len(compact) == 15 and luhn.is_valid(compact)
        return bool(
            re.fullmatch(r"[0-9A-Fa-f]{12}|[0-9A-Fa-f]{16}|[0-9A-Fa-f]{32}", compact.replace(":", ""))
        )
    if entity == "CRYPTO_WALLET":
        if v.startswith("0x"):
            return bool(re.fullmatch(r"0x[0-9a-fA-F]{40}", v)) and (
                v[2:].islower() or _eip55(v[2:].lower()) == v[2:]
            )
        if v.startswith("bc1"):
            data = [_BECH32.index(c) for c in v[3:]]
            return len(v) in (42, 62) and _bech32_polymod([3, 3, 0, 2, 3, *data]) == 1
        return v[0] in "13T" and all(c in _B58 for c in v) and _b58check_ok(v)
    if entity == "URL":
        return " " not in v and "." in v
    if entity == "PERSON":
        return not re.search(r"\d", v) and 2 <= len(v) <= 60
    if entity == "ADDRESS":
        return len(v) >= 6
    if entity == "DATE_OF_BIRTH":
        return bool(re.search(r"(19|20)\d\d|/\d\d$", v))
    if entity == "LICENSE_PLATE":
        return bool(
            re.fullmatch(r"[\u4e00-\u9fff][A-Z][·\s-]?[A-Z0-9]{5,6}|[A-Z0-9]{3,4}[\s-]?[A-Z0-9]{3,4}", v)
        )
    if entity == "PASSPORT":
        return bool(re.fullmatch(r"[A-Z0-9]{8,9}", v))
    if entity == "SOCIAL_ACCOUNT":
        return bool(re.fullmatch(r"@?[\w.-]{5,40}", v.translate(_FW)))
    raise AssertionError(entity)


@pytest.mark.parametrize(
    ("entity", "value", "ok"),
    [
        ("CN_ID", "11010519491231002X", True),
        ("CN_ID", "110105 19491231 002x", True),
        ("CN_ID", "110105194912310021", False),
        ("BANK_CARD", "4111 1111 1111 1111", True),
        ("BANK_CARD", "4111 1111 1111 1112", False),
        ("USCC", "91110108551385082Q", True),
        ("USCC", "91110108551385082A", False),
        ("IBAN", "DE89 3704 0044 0532 0130 00", True),
        ("IBAN", "DE89 3704 0044 0532 0130 01", False),
        ("IP_ADDRESS", "2408::1", True),
        ("IP_ADDRESS", "10.2.300.4", False),
        ("DEVICE_ID", "490154203237518", True),
        ("DEVICE_ID", "490154203237519", False),
        ("CRYPTO_WALLET", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", True),
        ("CRYPTO_WALLET", "0xFB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", False),
        ("CRYPTO_WALLET", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", True),
        ("CRYPTO_WALLET", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", False),
        ("CRYPTO_WALLET", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", True),
        ("CRYPTO_WALLET", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", False),
        ("PERSON", "欧阳娜娜", True),
        ("PERSON", "Agent 007", False),
        ("LICENSE_PLATE", "粤B·D12345", True),
        ("LICENSE_PLATE", "粤B1234", False),
    ],
)
def test_value_checks_discriminate(entity, value, ok):
    assert value_ok(entity, value) is ok


@pytest.mark.parametrize(
    ("program", "address"),
    [
        ("751e76e8199196d454941c45d1b3a323f1433bd6", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),  # BIP 173
        (
            "1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
            "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
        ),
    ],
)
def test_bech32_vectors(program, address):
    assert _bech32_address(bytes.fromhex(program)) == address


@pytest.mark.parametrize(
    ("lower", "checksummed"),
    [
        ("52908400098527886e0f7030069857d2e4169ee7", "52908400098527886E0F7030069857D2E4169EE7"),  # EIP-55
        ("fb6916095ca1df60bb79ce92ce3ea74c37c5d359", "fB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"),
        ("dbf03b407c01e7cd3cbea99509d93f8dddc8c6fb", "dbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB"),
        ("de709f2102306220921060314715629080e2fb77", "de709f2102306220921060314715629080e2fb77"),
    ],
)
def test_eip55_vectors(lower, checksummed):
    assert _eip55(lower) == checksummed


@pytest.mark.parametrize(("raw", "encoded"), [(b"\0\0\x01", "112"), (b"hello world", "StV1DL6CwTryKyV")])
def test_base58_vectors(raw, encoded):
    assert _b58encode(raw) == encoded


def test_at_least_40_distinct_templates_per_language():
    assert len(ZH_TEMPLATES) >= 40 and len(EN_TEMPLATES) >= 40
    assert len(set(ZH_TEMPLATES)) == len(ZH_TEMPLATES) and len(set(EN_TEMPLATES)) == len(EN_TEMPLATES)


def test_deterministic_for_a_seed():
    a, b = generate(150, seed=11), generate(150, seed=11)
    assert [(s.text, s.spans, s.negatives) for s in a] == [(s.text, s.spans, s.negatives) for s in b]
    assert [s.text for s in generate(150, seed=12)] != [s.text for s in a]
    assert [s.language for s in a[:4]] == ["zh", "en", "zh", "en"]


def test_spans_are_well_formed(corpus):
    for s in corpus:
        marks = sorted(s.spans + s.negatives)
        assert all(x[1] <= y[0] for x, y in zip(marks, marks[1:], strict=False)), s.text
        for start, end, label in marks:
            assert 0 <= start < end <= len(s.text)
            value = s.text[start:end]
            assert value == value.strip(), (label, value)
        assert {t for *_, t in s.spans} <= set(ALL_ENTITIES)
        assert {t for *_, t in s.negatives} <= set(NEGATIVE_LABELS)


def test_spans_point_at_the_right_values(corpus):
    bad = [(t, s.text[a:b]) for s in corpus for a, b, t in s.spans if not value_ok(t, s.text[a:b])]
    assert not bad, bad[:10]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_entity_type_appears(corpus, lang):
    seen = Counter(t for s in corpus if s.language == lang for *_, t in s.spans)
    assert set(ALL_ENTITIES) <= set(seen), set(ALL_ENTITIES) - set(seen)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hard_negatives_are_labelled(corpus, lang):
    negatives = [(s.text[a:b], t) for s in corpus if s.language == lang for a, b, t in s.negatives]
    labels = {t for _, t in negatives}
    expected = set(NEGATIVE_LABELS) - {"BANK_CODE"} if lang == "zh" else set(NEGATIVE_LABELS)
    assert expected <= labels, expected - labels
    assert all(re.search(r"\d", v.translate(_FW)) for v, t in negatives if t not in {"COMPANY", "AUTH_CODE"})
    # some reference numbers pass Luhn, so a card recognizer must rely on context to keep them
    luhn_refs = [v for v, t in negatives if t in {"ORDER_NO", "TXN_ID", "MERCHANT_ID"} and v.isdigit() and len(v) >= 13 and luhn.is_valid(v)]  # fmt: skip
    assert len(luhn_refs) >= 2


def test_formats_vary_within_a_type(corpus):
    """Several written shapes per entity (groupings, separators, prefixes, full-width digits)."""
    shapes: dict[str, set[str]] = {}
    for s in corpus:
        for a, b, t in s.spans:
            shape = re.sub(r"[A-Za-z]+", "a", re.sub(r"\d+", "9", s.text[a:b].translate(_FW)))
            shapes.setdefault(t, set()).add(shape)
    for t in (
        "PHONE",
        "BANK_CARD",
        "CN_ID",
        "ADDRESS",
        "DATE_OF_BIRTH",
        "CRYPTO_WALLET",
        "DEVICE_ID",
        "LICENSE_PLATE",
    ):
        assert len(shapes[t]) >= 3, (t, shapes[t])
    texts = "".join(s.text for s in corpus)
    assert re.search(r"[０-９]{11}", texts) and "·" in texts and "，" in texts
