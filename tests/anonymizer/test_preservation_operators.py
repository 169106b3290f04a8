"""Allow rules (what must survive) and operators (what is written instead)."""

from __future__ import annotations

import pytest

import anonymizer
from anonymizer.operators import MaskCardToBin, OperatorContext, build_operators
from anonymizer.operators.generalize import zh_province_city

from .conftest import TEST_KEY


@pytest.mark.parametrize(
    "text",
    [
        "订单号6222021234567890128，金额5000元",  # Luhn-valid order number
        "order no. 4111111111111111 shipped",
        "交易流水号 13812345678 已完成",
        "MCC 5411，BIN 622848，商户号 123456789012345",
        "merchant ID 987654321098765, terminal ID 12345678",
        "请致电95588或400-820-8888咨询",
        "Call 1-800-555-0199 or 1 (888) 555 0100 for help",
        "金额¥13,800.00，时间2024-03-15 12:30:45",
        "案件编号 AJ2024123456，报案号 2024031512345678",
        "交易时间 2024年3月5日 14:32",
    ],
)
def test_non_pii_survives(engine, text):
    res = engine.anonymize(text)
    assert res.findings == [], [(f.entity_type, text[f.start : f.end]) for f in res.findings]
    assert res.text == text


def test_unlabelled_card_is_still_a_card(engine):
    res = engine.anonymize("转入6222021234567890128后被取现")
    assert [f.entity_type for f in res.findings] == ["BANK_CARD"]


def test_dob_is_found_even_though_dates_are_preserved(engine):
    res = engine.anonymize("出生日期1988-03-05，交易日期2024-03-05")
    assert [f.entity_type for f in res.findings] == ["DATE_OF_BIRTH"]
    assert "2024-03-05" in res.text


def test_placeholders_numbered_per_value(engine):
    text = "持卡人王小明称，嫌疑人张伟冒充客服，王小明随后报案；张伟电话13812345678，另一号码13987654321"
    res = engine.anonymize(text)
    persons = [f.placeholder for f in res.findings if f.entity_type == "PERSON"]
    assert persons == ["[PERSON_1]", "[PERSON_2]", "[PERSON_1]", "[PERSON_2]"]
    phones = [f.placeholder for f in res.findings if f.entity_type == "PHONE"]
    assert phones == ["[PHONE_1]", "[PHONE_2]"]


def test_zh_placeholder_style():
    eng = anonymizer.AnonymizerEngine(TEST_KEY, use_spacy=False, placeholder_style="zh")
    res = eng.anonymize("持卡人王小明电话13812345678")
    assert res.text == "持卡人[姓名1]电话[电话1]"
    auto = anonymizer.AnonymizerEngine(TEST_KEY, use_spacy=False, placeholder_style="auto")
    assert auto.anonymize("Call (415) 555-0134 now").text == "Call [PHONE_1] now"


def test_operator_overrides():
    eng = anonymizer.AnonymizerEngine(
        TEST_KEY, use_spacy=False, operators={"BANK_CARD": "placeholder", "ADDRESS": "redact"}
    )
    res = eng.anonymize("卡号6228480402564890018，家住浙江省杭州市西湖区文三路100号")
    assert "[BANK_CARD_1]" in res.text and "[REDACTED]" in res.text and "杭州" not in res.text
    with pytest.raises(ValueError):
        build_operators({"NOT_A_TYPE": "redact"})
    with pytest.raises(ValueError):
        build_operators({"PERSON": "shred"})


def test_mask_card_operator():
    ctx = OperatorContext("BANK_CARD", "6228 4804 0256 4890 018", "6228480402564890018", 1, "typed")
    assert MaskCardToBin().operate(ctx) == "622848*************"


@pytest.mark.parametrize(
    ("address", "head"),
    [
        ("浙江省杭州市西湖区文三路100号", "浙江省杭州市"),
        ("北京市朝阳区建国路88号", "北京市"),
        ("广西壮族自治区南宁市青秀区民族大道1号", "广西壮族自治区南宁市"),
        ("西湖区文三路100号", ""),
        ("新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路1号", "新疆维吾尔自治区伊犁哈萨克自治州"),
    ],
)
def test_zh_province_city(address, head):
    assert zh_province_city(address) == head


def test_entity_filter():
    eng = anonymizer.AnonymizerEngine(TEST_KEY, use_spacy=False, entities=["EMAIL"])
    res = eng.anonymize("持卡人王小明 13812345678 a.b@example.com")
    assert [f.entity_type for f in res.findings] == ["EMAIL"]


def test_engine_repr_has_no_key():
    eng = anonymizer.AnonymizerEngine(TEST_KEY, key_id="k9", use_spacy=False)
    assert TEST_KEY.decode() not in repr(eng) and "k9" in repr(eng)


def test_long_text_is_handled_in_one_call(pattern_engine):
    text = "持卡人王小明，手机13812345678，住浙江省杭州市西湖区文三路100号。" * 400
    res = pattern_engine.anonymize(text)
    assert len([f for f in res.findings if f.entity_type == "PHONE"]) == 400
    assert "13812345678" not in res.text and "文三路" not in res.text
    assert {f.placeholder for f in res.findings if f.entity_type == "PERSON"} == {"[PERSON_1]"}


def test_protected_spans_helper():
    from anonymizer.preservation import protected_spans

    text = "订单号123456，金额5000元，2024-03-15 12:30，客服95588"
    rules = {(s.rule, text[s.start : s.end]) for s in protected_spans(text)}
    assert {("reference", "123456"), ("amount", "5000元"), ("date", "2024-03-15"), ("time", "12:30")} <= rules
    assert ("hotline", "95588") in rules
