"""The API the hub codes against: names, shapes, and the no-raw-values promise."""

from __future__ import annotations

import io
import json
import threading

import pytest

import anonymizer
from anonymizer import Finding, InvalidIndicator, canonicalize_indicator, indicator_token, mask_spans

from .conftest import TEST_KEY

ZH = "持卡人手机13812345678，身份证11010519491231002X，卡号6222 0212 3456 7890 128，邮箱zhang.san@qq.com"
EN = "Call (415) 555-0134 about card 4111 1111 1111 1111, e-mail john.doe@example.com"
RAW_VALUES = ["13812345678", "11010519491231002X", "6222 0212 3456 7890 128", "zhang.san@qq.com"]


def test_version_is_a_string():
    assert isinstance(anonymizer.__version__, str) and anonymizer.__version__.count(".") == 2


def test_engine_requires_bytes_key():
    with pytest.raises(ValueError):
        anonymizer.AnonymizerEngine("not-bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("fixture", ["engine", "pattern_engine"])
def test_result_shape(fixture, request):
    engine = request.getfixturevalue(fixture)
    res = engine.anonymize(ZH)
    assert res.language == "zh"
    assert isinstance(res.text, str)
    for raw in RAW_VALUES:
        assert raw not in res.text
    types = {f.entity_type for f in res.findings}
    assert {"PHONE", "CN_ID", "BANK_CARD", "EMAIL"} <= types
    for f in res.findings:
        assert isinstance(f, Finding)
        assert 0 <= f.start < f.end <= len(ZH)
        assert res.text[f.out_start : f.out_end] == f.placeholder
        assert 0.0 <= f.score <= 1.0
        assert f.recognizer
        if f.entity_type in ("PHONE", "BANK_CARD", "EMAIL"):
            assert f.token and len(f.token) == 32
            assert f.indicator_kind in {"phone", "card", "email"}
            assert f.key_id == "test"
        if f.entity_type == "CN_ID":
            assert f.token is None and f.indicator_kind is None and f.key_id is None


def test_to_dict_is_json_and_has_no_raw_values(engine):
    res = engine.anonymize(ZH)
    d = res.to_dict()
    assert set(d) == {"text", "language", "findings", "residual", "version"}
    dumped = json.dumps(d, ensure_ascii=False)
    for raw in RAW_VALUES:
        assert raw not in dumped
    assert raw not in repr(res)
    assert set(d["findings"][0]) == {
        "entity_type", "start", "end", "out_start", "out_end", "score", "recognizer", "placeholder",
        "token", "indicator_kind", "key_id",
    }  # fmt: skip


def test_languages(engine):
    assert engine.anonymize(EN).language == "en"
    assert engine.anonymize("客户John Smith说他的卡在上海被盗刷了，请帮忙处理这个案件").language in {
        "zh",
        "mixed",
    }
    assert engine.anonymize(EN, language="zh").language == "zh"
    with pytest.raises(ValueError):
        engine.anonymize(EN, language="fr")


def test_anonymize_many_equals_anonymize(engine):
    texts = [ZH, EN, "", "没有个人信息的文本，金额5000元。"]
    many = engine.anonymize_many(texts)
    assert [r.to_dict() for r in many] == [engine.anonymize(t).to_dict() for t in texts]


def test_same_phone_same_token_as_indicator_lookup(engine):
    res = engine.anonymize("嫌疑人电话138-1234-5678，另一个号码+86 13812345678")
    phones = [f for f in res.findings if f.entity_type == "PHONE"]
    assert len(phones) == 2
    expected = indicator_token(TEST_KEY, "phone", canonicalize_indicator("phone", "13812345678"))
    assert {f.token for f in phones} == {expected}
    assert phones[0].placeholder == phones[1].placeholder == "[PHONE_1]"


def test_card_masked_to_bin_with_token(engine):
    res = engine.anonymize("卡号6228480402564890018被盗刷")
    (card,) = [f for f in res.findings if f.entity_type == "BANK_CARD"]
    assert card.placeholder == "622848" + "*" * 13
    assert card.token == indicator_token(TEST_KEY, "card", "6228480402564890018")


@pytest.mark.parametrize(
    ("kind", "value", "canonical"),
    [
        ("phone", "13812345678", "+8613812345678"),
        ("phone", "+86 138-1234-5678", "+8613812345678"),
        ("phone", "0086 13812345678", "+8613812345678"),
        ("phone", "(415) 555-0134", "+14155550134"),
        ("phone", "+44 20 7946 0958", "+442079460958"),
        ("phone", "010-6552 9988", "+861065529988"),
        ("card", "6222 0212 3456 7890 128", "6222021234567890128"),
        ("card", "4111-1111-1111-1111", "4111111111111111"),
        ("account", "6217 0000-1234 5678", "6217000012345678"),
        ("account", "gb82 west 1234 5698 7654 32", "GB82WEST12345698765432"),
        ("device", "86-123456-789012-3", "861234567890123"),
        ("device", "a4:5e:60:c2:11:0f", "A45E60C2110F"),
        ("email", "  John.Doe@Example.COM ", "john.doe@example.com"),
        ("ip", "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("ip", " 192.168.001.1 ".replace("001", "1"), "192.168.1.1"),
        ("url", "HTTP://Evil.Example.COM/Login?x=1", "http://evil.example.com/Login?x=1"),
        ("url", "evil.example.com/pay", "http://evil.example.com/pay"),
        (
            "wallet",
            "0x52908400098527886e0f7030069857d2e4169ee7",
            "0x52908400098527886E0F7030069857D2E4169EE7",
        ),
        ("wallet", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
        (
            "wallet",
            "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        ),
    ],
)
def test_canonicalize_indicator(kind, value, canonical):
    assert canonicalize_indicator(kind, value) == canonical


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("phone", "not a phone"),
        ("card", "1234"),
        ("email", "john.doe_at_example.com"),
        ("ip", "999.1.1.1"),
        ("wallet", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"),
        ("nope", "13812345678"),
        ("device", "ab"),
    ],
)
def test_invalid_indicator_message_has_no_value(kind, value):
    with pytest.raises(InvalidIndicator) as info:
        canonicalize_indicator(kind, value)
    assert isinstance(info.value, ValueError)
    assert value not in str(info.value)


def test_indicator_token_is_hmac_sha256_32_hex():
    import hashlib
    import hmac

    tok = indicator_token(b"k", "phone", "+8613812345678")
    assert tok == hmac.new(b"k", b"phone:+8613812345678", hashlib.sha256).hexdigest()[:32]
    assert tok != indicator_token(b"k2", "phone", "+8613812345678")
    assert tok != indicator_token(b"k", "card", "+8613812345678")


def test_mask_spans_shifts_and_swallows(engine):
    res = engine.anonymize("嫌疑人电话13812345678，他住在某某小区旁边，邮箱a.b@qq.com")
    text, findings = res.text, res.findings
    target = text.index("某某小区")
    new_text, new_findings = mask_spans(text, findings, [(target, target + 4)])
    assert "某某小区" not in new_text and "[REDACTED]" in new_text
    for f in new_findings:
        assert new_text[f.out_start : f.out_end] == f.placeholder
    # a span touching a placeholder swallows it entirely, nothing is unmasked
    phone = next(f for f in findings if f.entity_type == "PHONE")
    new_text2, new_findings2 = mask_spans(text, findings, [(phone.out_start + 2, phone.out_end + 1)])
    assert "PHONE" not in new_text2 and "13812345678" not in new_text2
    swallowed = next(f for f in new_findings2 if f.entity_type == "PHONE")
    assert new_text2[swallowed.out_start : swallowed.out_end] == "[REDACTED]"
    assert new_text2.count("[") == text.count("[")


def test_mask_spans_rejects_bad_spans():
    with pytest.raises(ValueError):
        mask_spans("abc", [], [(2, 10)])
    assert mask_spans("abc", [], []) == ("abc", [])


def test_jsonl_stream(engine):
    lines = [
        json.dumps({"id": 1, "text": "电话13812345678", "extra": "kept"}, ensure_ascii=False),
        "{not json 13812345678",
        "",
        json.dumps({"id": 3, "text": 5}),
        json.dumps(["list"]),
        json.dumps({"id": 4, "text": "Call (415) 555-0134"}),
    ]
    out = io.StringIO()
    n = anonymizer.jsonl.anonymize_stream(io.StringIO("\n".join(lines) + "\n"), out, engine)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert n == len(rows) == 5
    assert rows[0]["id"] == 1 and rows[0]["extra"] == "kept" and rows[0]["text"] == "电话[PHONE_1]"
    assert rows[0]["findings"][0]["entity_type"] == "PHONE"
    assert rows[1] == {"line": 2, "error": "invalid JSON"}
    assert rows[2]["line"] == 4 and "13812345678" not in out.getvalue()
    assert rows[3]["line"] == 5
    assert rows[4]["text"] == "Call [PHONE_1]"


@pytest.mark.parametrize("batch", [1, 7, anonymizer.jsonl.BATCH])
def test_jsonl_stream_batches_keep_order_and_results(pattern_engine, batch):
    from faker import Faker

    fake = Faker(["zh_CN", "en_US"])
    Faker.seed(20261125)
    n_records = anonymizer.jsonl.BATCH * 2 + 17  # three batches, the last one partial
    lines, texts = [], []
    for i in range(n_records):
        text = f"{fake.name()} 电话 {fake.phone_number()}，邮箱 {fake.email()}"
        texts.append(text)
        lines.append(json.dumps({"id": i, "text": text}, ensure_ascii=False))
        if i % 50 == 7:
            lines.append("{broken")
    out = io.StringIO()
    n = anonymizer.jsonl.anonymize_stream(
        io.StringIO("\n".join(lines) + "\n"), out, pattern_engine, batch=batch
    )
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert n == len(rows) == len(lines)
    records = [r for r in rows if "error" not in r]
    assert [r["id"] for r in records] == list(range(n_records))
    assert [r["text"] for r in records] == [pattern_engine.anonymize(t).text for t in texts]
    errors = [r for r in rows if "error" in r]
    assert len(errors) == sum(1 for i in range(n_records) if i % 50 == 7)
    assert all(lines[r["line"] - 1] == "{broken" for r in errors)


def test_jsonl_stream_isolates_a_failing_record(pattern_engine):
    class Flaky:
        """Fails on one text, in a batch and alone."""

        def anonymize_many(self, texts, language="auto"):
            if "BOOM" in "".join(texts):
                raise RuntimeError("batch failed")
            return [pattern_engine.anonymize(t, language=language) for t in texts]

        def anonymize(self, text, language="auto"):
            if "BOOM" in text:
                raise RuntimeError("record failed 13812345678")
            return pattern_engine.anonymize(text, language=language)

    lines = [
        json.dumps({"id": i, "text": "BOOM 13812345678" if i == 2 else f"电话1381234567{i}"})
        for i in range(5)
    ]
    out = io.StringIO()
    assert anonymizer.jsonl.anonymize_stream(io.StringIO("\n".join(lines)), out, Flaky()) == 5
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert rows[2] == {"line": 3, "error": "could not anonymize this record (RuntimeError)"}
    assert [r["text"] for i, r in enumerate(rows) if i != 2] == ["电话[PHONE_1]"] * 4
    assert "13812345678" not in out.getvalue()


def test_engine_is_thread_safe(engine):
    texts = [f"客户电话1381234{i:04d}，邮箱user{i}@example.com" for i in range(40)]
    expected = [engine.anonymize(t).to_dict() for t in texts]
    results: dict[int, dict] = {}

    def work(i: int) -> None:
        results[i] = engine.anonymize(texts[i]).to_dict()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[i] for i in range(len(texts))] == expected


def test_residual_flags_what_slipped_through(engine):
    from anonymizer.residual import residual_scan

    warnings = residual_scan("持卡人王小明称其号码是 1381234 5678 9，发邮件到 x@y")
    kinds = {w.kind for w in warnings}
    assert {"name_after_role", "digit_run", "at_sign"} <= kinds
    assert residual_scan("订单号 62220212345678901，金额5000元，[PERSON_1]先生") == []


def test_unpaired_surrogates_become_replacement_characters(engine):
    text = "Call Bob Smith at 415-555-0134 \ud800 now, 电话13812345678\udc00"
    one = engine.anonymize(text)
    many = engine.anonymize_many([text, "plain text"])
    assert one.to_dict() == many[0].to_dict()
    assert "\ufffd" in one.text and not any("\ud800" <= c <= "\udfff" for c in one.text)
    assert "415-555-0134" not in one.text and "13812345678" not in one.text
    one.text.encode("utf-8")  # storable
    assert [text[f.start : f.end] for f in one.findings if f.entity_type == "PHONE"] == [
        "415-555-0134",
        "13812345678",
    ]
