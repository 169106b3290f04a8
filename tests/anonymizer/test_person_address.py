"""PERSON and ADDRESS recognizers (zh and en): tables of positives and negatives."""

from __future__ import annotations

import pytest

from anonymizer.recognizers.cn.cn_address_recognizer import CnAddressRecognizer
from anonymizer.recognizers.cn.cn_person_recognizer import CnPersonRecognizer
from anonymizer.recognizers.en.en_address_recognizer import EnAddressRecognizer
from anonymizer.recognizers.en.en_person_recognizer import EnPersonRecognizer

from .assertions import assert_spans, engine_values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("持卡人王小明称其卡被盗刷", ["王小明"]),
        ("嫌疑人张伟使用手机联系", ["张伟"]),
        ("受害人：刘红霞，女", ["刘红霞"]),
        ("客户刘强家住河南省", ["刘强"]),
        ("欧阳娜娜女士和李先生也受害", ["欧阳娜娜", "李"]),
        ("买买提·艾力报案", ["买买提·艾力"]),
        ("。王建国于3月5日报案", ["王建国"]),
        ("车主孔红霞的联系电话", ["孔红霞"]),
        ("冒用陈秀华的身份证", ["陈秀华"]),
        ("联系销售李娜（手机", ["李娜"]),
        ("经与张建华本人核实", ["张建华"]),
        ("本案由程浩负责跟进", ["程浩"]),  # 由 is a preposition, not the surname
        ("客户向雷的账户", ["向雷"]),  # ... but 向 can be a surname
        ("经理王强强调，所有交易", ["王强"]),
        ("嫌疑人杨帆、吴昊天、郑雨萱三人结伙", ["杨帆", "吴昊天", "郑雨萱"]),
        ("张某于2024年报案", []),  # already pseudonymised
        ("账户余额不足，付款失败", []),
        ("公司成立于2010年", []),
        ("感谢老师教育了我", []),
        ("安静的欣赏", []),
        ("高新区商户", []),
        ("在杭州市消费", []),
    ],
)
def test_cn_person(text, values):
    assert_spans(CnPersonRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "家住浙江省杭州市西湖区文三路100号华星大厦3楼302室，",
            ["浙江省杭州市西湖区文三路100号华星大厦3楼302室"],
        ),
        (
            "住址：北京市朝阳区建国路88号SOHO现代城3号楼1单元1203室。",
            ["北京市朝阳区建国路88号SOHO现代城3号楼1单元1203室"],
        ),
        ("河南省周口市沈丘县老城镇王庄村3组", ["河南省周口市沈丘县老城镇王庄村3组"]),
        ("寄到上海市静安区黄河路767号14号楼810室被", ["上海市静安区黄河路767号14号楼810室"]),
        ("贵州省莹县闵行澳门路V座 683091", ["贵州省莹县闵行澳门路V座 683091"]),
        (
            "地址广东省深圳市南山区科技园南区粤海街道高新南一道6号",
            ["广东省深圳市南山区科技园南区粤海街道高新南一道6号"],
        ),
        ("在北京市海淀区和平路168号被骗", ["北京市海淀区和平路168号"]),
        ("客户在杭州市西湖区消费", []),  # a region, not an address
        ("浙江省杭州市", []),
        ("他知道这件事", []),
        ("持卡人在京东商城、天猫超市连续消费", []),  # a shop name alone is not an address
    ],
)
def test_cn_address(text, values):
    assert_spans(CnAddressRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Cardholder Kimberly Marquez reported fraud", ["Kimberly Marquez"]),
        ("Gregory Wong said the card was lost", ["Gregory Wong"]),
        ("Mr. Smith called from", ["Smith"]),
        ("our customer Dr. Jasmine Hooper (DOB", ["Dr. Jasmine Hooper"]),
        ("holder Kevin Ellis III called", ["Kevin Ellis III"]),
        ("My name is Rubija", ["Rubija"]),
        ("User: Šárka Ottová", ["Šárka Ottová"]),
        ("客户John Smith说", ["John Smith"]),
        ("her mother April Ellison gave", ["April Ellison"]),
        ("a man who called himself Officer Ryan Blake.", ["Officer Ryan Blake"]),
        ("the holder, James O'Connor, withdrew cash", ["James O'Connor"]),
        ("He sent it by Western Union to the Bank of America.", []),
        ("routing via Chase, then Wells Fargo", []),
        ("purchases at Best Buy, Target and Walmart in Austin, Texas on Black Friday.", []),
        ("On Monday the Customer Service Team called.", []),
        ("Visa and Mastercard cards were used in New York.", []),
        # outside the gazetteers: family-name shapes of other languages, greetings before a single name
        ("Ingvar Lindqvist opened the account in May.", ["Ingvar Lindqvist"]),
        ("the transfer went to Oksana Kovalenko yesterday", ["Oksana Kovalenko"]),
        ("Hi Marit, your card is blocked", ["Marit"]),
        ("Dear Ottilie, please confirm", ["Ottilie"]),
        ("Hi team, the report is ready", []),
        ("Dear Customer, your card is blocked", []),
        ("Saint Petersburg and Gothenburg branches", []),
    ],
)
def test_en_person(text, values):
    assert_spans(EnPersonRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("lives at 1037 Jessica Landing\nKevinton, GU 19361.", ["1037 Jessica Landing\nKevinton, GU 19361"]),
        ("at 221B Baker Street, London", ["221B Baker Street"]),
        (
            "ship to 4506 Travis Views, Stevensonfurt, MP 41675.",
            ["4506 Travis Views, Stevensonfurt, MP 41675"],
        ),
        (
            "7172 Robert Flat Suite 093\nTracyville, DE 71083",
            ["7172 Robert Flat Suite 093\nTracyville, DE 71083"],
        ),
        ("PSC 1234, Box 5678\nAPO AA 12345", ["PSC 1234, Box 5678\nAPO AA 12345"]),
        ("USNS Smith\nFPO AE 12345", ["USNS Smith\nFPO AE 12345"]),
        ("his address: 450 Præstevænget 15, København V", ["450 Præstevænget 15, København V"]),
        ("She lives at 86036 Rua do Arenque 1634, Goiânia. Then", ["86036 Rua do Arenque 1634, Goiânia"]),
        ("We will address the 2 issues today.", []),
        ("paid 100 dollars on 5 May", []),
        ("3 Way", []),
    ],
)
def test_en_address(text, values):
    assert_spans(EnAddressRecognizer(), text, *values)


def test_zh_address_generalised_to_province_and_city(engine):
    res = engine.anonymize("持卡人住在浙江省杭州市西湖区文三路100号。")
    (addr,) = [f for f in res.findings if f.entity_type == "ADDRESS"]
    assert addr.placeholder == "浙江省杭州市[ADDRESS_1]"
    assert "文三路" not in res.text


def test_mixed_language_text(engine):
    text = "客户John Smith（手机+86 138 1234 5678）称其在Shanghai被盗刷，email john@example.com"
    res = engine.anonymize(text)
    assert res.language in ("mixed", "zh")
    assert engine_values(engine, text, "PERSON") == ["John Smith"]
    assert {f.entity_type for f in res.findings} >= {"PERSON", "PHONE", "EMAIL"}
