"""PHONE recognizers that generalise (issue 3): kinds of held-out misses, positives and negatives.

Values are synthetic shapes written for these tests (Faker-style national formats, CN mobiles and
landlines), independently of any evaluation corpus. Each case runs the pattern engine and compares the
values it replaces as PHONE.
"""

from __future__ import annotations

import pytest

from anonymizer.recognizers.cn.cn_phone_recognizer import CnPhoneRecognizer
from anonymizer.recognizers.generic.phone_recognizer import PhoneRecognizer

from .assertions import engine_values, run_recognizer


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # foreign national numbers without a country code, after a phone cue and a few words
        ("Text me on WhatsApp at 34 3438-7823, thanks.", ["34 3438-7823"]),
        ("You can reach her on her new landline 0490 75 40 81 today.", ["0490 75 40 81"]),
        ("phone: (02)28790691", ["(02)28790691"]),
        ("Call me at (02)2879 0691 tonight.", ["(02)2879 0691"]),
        ("Please call me back on (04) 6281 3307 after six.", ["(04) 6281 3307"]),
        ("He texted from 07700900461 twice.", ["07700900461"]),
        ("Reach me at 6502530000.", ["6502530000"]),
        ("my new number is 4165550199", ["4165550199"]),
        ("Mobile number: 612 345 678", ["612 345 678"]),
        ("Contact: 123-456-7890 x123\nNext line", ["123-456-7890 x123"]),
        ("anna.k@example.org - 7014239965", ["7014239965"]),
        # NANP and international shapes
        ("Her cell is (415) 555-0132.", ["(415) 555-0132"]),
        ("Call +44 20 7946 0958 for details", ["+44 20 7946 0958"]),
        # CN mobiles and landlines
        ("联系电话：051214398663", ["051214398663"]),
        ("电话：0931-7105276-6718；", ["0931-7105276-6718"]),
        ("电话：0931-7105276转6718", ["0931-7105276转6718"]),
        ("电话（+86）13812345678", ["（+86）13812345678"]),
        ("电话（+86）138 1234 5678", ["（+86）138 1234 5678"]),
        ("手机：１３８１２３４５６７８", ["１３８１２３４５６７８"]),
        ("电话：（0571）87654321", ["（0571）87654321"]),
        ("电话：1381 2345 678", ["1381 2345 678"]),
        ("电话：010 1234 5678", ["010 1234 5678"]),
        ("座机 0571 8888 888，请回电", ["0571 8888 888"]),
        ("电话：0571-87654321。", ["0571-87654321"]),
        ("客户来电18003456789，称卡被盗刷", ["18003456789"]),  # a CN mobile in Chinese text
        ("，18003456789，", ["18003456789"]),  # full-width punctuation around it
        ("Call 18003456789 tonight", ["18003456789"]),  # no service word: a mobile
        # English prose without a hotline word: 180… is also a CN mobile prefix, privacy first
        ("The suspect used the number 18005551234 to register several new accounts online", ["18005551234"]),
    ],
)
def test_phone_positives(pattern_engine, text, values):
    assert engine_values(pattern_engine, text, "PHONE") == values


@pytest.mark.parametrize(
    "text",
    [
        # hotlines are kept
        "Free hotline: call 18005551234 today, open all week long",
        "For lost cards, please call our hotline 18005551234 any time of day.",
        "call 1-800-555-1234 now",
        "Call the bank at 95588 about it",
        "客户致电95588挂失",
        "请拨打400-123-4567咨询",
        "call 400-123-4567",
        "call 1 888 555 0100 any time",
        # order / reference numbers, ids, amounts, dates, MCC
        "order number 123456789 was shipped",
        "order number 1234 5678 90 was shipped",
        "ticket no. 20231104567 closed",
        "订单号 051214398663",
        "called on 2024-01-15 about it",
        "called on 15.01.2024 about it",
        "texted him on 20240115",
        "The call lasted from 10:15 to 11:45 on 3 May.",
        "金额 1380000元",
        "日期 2024-01-15 订单 20240115123",
        "MCC 5411 at a grocery, amount 1234.56 USD, call center",
        "Card 4111 1111 1111 1111 was used; call the issuer.",
        "Card number: 0571 8765 4321 expires soon",
        "身份证 ４４０１０１１９９００３０７１２３４",
        "身份证号110101199003071234，手机未知",
        "during 1234 5678 attempts",
        "hotel 1234 567 room",
    ],
)
def test_phone_negatives(pattern_engine, text):
    assert engine_values(pattern_engine, text, "PHONE") == []


@pytest.mark.parametrize(
    ("recognizer", "text"),
    [
        (PhoneRecognizer(), "If your card is lost, call 18005551234 for help"),
        (CnPhoneRecognizer(), "If your card is lost, call our hotline 18005551234 for help"),
        (CnPhoneRecognizer(), "REF 051214398663, no cue"),
        (PhoneRecognizer(), "case number 5551234567"),
    ],
)
def test_each_recognizer_alone_keeps_hotlines_and_references(recognizer, text):
    assert run_recognizer(recognizer, text) == []


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("138-1234-5678", "+8613812345678"),  # the last group of a mobile is not an extension
        ("（+86）138 1234 5678", "+8613812345678"),
        ("0931-7105276-6718", "+869317105276"),  # "-6718" after a full landline is one
        ("0931-7105276转6718", "+869317105276"),
        ("0571-8765-4321", "+8657187654321"),
        ("（0571）87654321", "+8657187654321"),
    ],
)
def test_cn_phone_canonical_drops_only_extensions(value, canonical):
    assert CnPhoneRecognizer().canonical(value) == canonical
