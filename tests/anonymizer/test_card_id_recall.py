"""BANK_CARD and CN_ID recognizers that generalise (issue 3): full-width digits, 12-digit Maestro cards
after a card word, Luhn-valid order / transaction / merchant numbers (alone or in lists), grouped IDs.

Values are synthetic (check digits computed here); the sentences are written for these tests,
independently of any evaluation corpus.
"""

from __future__ import annotations

import pytest

from anonymizer.recognizers.cn.cn_id_recognizer import CnIdRecognizer
from anonymizer.recognizers.generic.bank_card_recognizer import BankCardRecognizer

from .assertions import assert_spans

_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


def luhn(body: str) -> str:
    """``body`` with its Luhn check digit appended."""
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return body + str(-total % 10)


def cn_id(body17: str) -> str:
    """A GB 11643 ID number: 17 digits and the check character."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body17 + "10X98765432"[sum(int(c) * w for c, w in zip(body17, weights, strict=True)) % 11]


def wide(value: str) -> str:
    return value.translate(_WIDE)


def group(value: str, sizes: tuple[int, ...], sep: str = " ") -> str:
    out, pos = [], 0
    for n in sizes:
        out.append(value[pos : pos + n])
        pos += n
    return sep.join(out)


VISA16 = luhn("453201511283036")
UNIONPAY19 = luhn("622202123456789012")
VISA13 = luhn("401288888188")
MAESTRO12 = luhn("67613344552")
MAESTRO12B = luhn("58513729461")  # broad Maestro range (58), not one of its 4-digit IINs
MAESTRO0604 = luhn("06043729461")
ORDER16 = luhn("202311051234567")  # order numbers that happen to pass Luhn (not an issued IIN 2...)
ORDER16B = luhn("512000093847561")
ORDER19 = luhn("512000093847561234")
ID_X = next(
    cn_id(f"11010519900307{n:03d}") for n in range(1000) if cn_id(f"11010519900307{n:03d}")[-1] == "X"
)
ID_9 = cn_id("44030619851212432")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # full-width digits
        (f"持卡人称其卡号为{wide(VISA16)}，已挂失", [wide(VISA16)]),
        (
            f"银行卡 {wide(group(UNIONPAY19, (4, 4, 4, 4, 3)))} 被盗刷",
            [wide(group(UNIONPAY19, (4, 4, 4, 4, 3)))],
        ),
        (f"Card on file: {wide(VISA16)}.", [wide(VISA16)]),
        # 13-digit Visa, 12-digit Maestro after a card word (also a few words before it)
        (f"Visa card {VISA13} was used abroad", [VISA13]),
        (f"the Maestro card {group(MAESTRO12, (4, 4, 4))} was cloned", [group(MAESTRO12, (4, 4, 4))]),
        (f"chargeback on {group(MAESTRO12, (4, 4, 4), '-')} filed today", [group(MAESTRO12, (4, 4, 4), "-")]),
        (f"found 3 cloned cards, including {VISA16} and {MAESTRO12}", [VISA16, MAESTRO12]),
        (f"称其 Visa 卡 {MAESTRO12B} 在境外被刷", [MAESTRO12B]),
        (f"在网站上用卡{group(MAESTRO12B, (6, 6))}支付", [group(MAESTRO12B, (6, 6))]),
        (f"卡号 {luhn('512345678901')} 已冻结", [luhn("512345678901")]),
        # Maestro's own 4-digit IINs need no card word (incl. the UK's 0604); the next group may be an ID
        (f"资金流向：{group(MAESTRO12, (4, 4, 4), '-')} → 某账户", [group(MAESTRO12, (4, 4, 4), "-")]),
        (f"test charge hit {MAESTRO0604}.", [MAESTRO0604]),
        (f"所用卡片{group(MAESTRO0604, (4, 4, 4))}为他人挂失卡", [group(MAESTRO0604, (4, 4, 4))]),
        (f"把卡号发我\n张三：{group(MAESTRO12B, (6, 6))} {ID_9} 13800000000", [group(MAESTRO12B, (6, 6))]),
        (f"{MAESTRO12} {ID_9}", [MAESTRO12]),
        # a card written in groups and followed by an ID in groups: the card is the head of the run
        (f"卡号发我\n{group(VISA13, (6, 7))} {group(ID_9, (6, 8, 4))}", [group(VISA13, (6, 7))]),
        (f"{group(VISA16, (4, 4, 4, 4))} {group(ID_9, (6, 8, 4))}", [group(VISA16, (4, 4, 4, 4))]),
        (f"{MAESTRO12} {group(ID_9, (6, 8, 4))}", [MAESTRO12]),  # a 6-digit group after it: another number
        # a list of cards: the later items need no card word of their own
        (
            f"police found three cloned cards in the bag, including {luhn('453201511283036123')} and {MAESTRO12B}",
            [luhn("453201511283036123"), MAESTRO12B],
        ),
        (
            f"the police found a number in the bag, {luhn('453201511283036123')}, and {MAESTRO12B}",
            [luhn("453201511283036123")],
        ),
        # Diners Club has 14 digits, UnionPay 16-19
        (f"到这个卡{luhn('3056930902590')}，户名某某", [luhn("3056930902590")]),
        (f"到这个卡{luhn('62123456789012345')}，户名某某", [luhn("62123456789012345")]),
        # the broad Maestro range written in card groups
        (f"资金流向：{group(MAESTRO12B, (4, 4, 4), '-')} → 某账户", [group(MAESTRO12B, (4, 4, 4), "-")]),
        (f"资金流向：{MAESTRO12B} → 某账户", []),  # a 12-digit run there is an account
        # UnionPay's 81 range; other 8... numbers (healthcare / telecom) are not cards
        (f"银联卡{luhn('817100123456789')}", [luhn("817100123456789")]),
        (f"资金流向：A → {luhn('8512345678901234')} → B", []),
        # a Luhn-valid 15-19 digit number starting with 7 is no card (a transfer to an account)
        (f"向{luhn('78366120545656')}转账", []),
        (f"资金流向：A → {luhn('7547451648683235')} → B", []),
        # right after a word naming a card, any prefix is masked as a card (fuel cards start with 7)
        (f"卡号 {luhn('7547451648683235')}", [luhn("7547451648683235")]),
        (f"Card {luhn('826873541157998976')} was used abroad", [luhn("826873541157998976")]),
        # cards next to an order number stay cards
        (f"订单号 20231105001 使用卡号 {VISA16} 支付", [VISA16]),
        (f"card {VISA16}, order 88812", [VISA16]),
        # negatives: Luhn-valid order / transaction / merchant numbers, alone or as a list
        (f"订单号{ORDER16B}已发货", []),
        (f"涉及订单：{ORDER16B}、{ORDER19}。", []),
        (f"交易流水号{ORDER16B}、{ORDER16}、{ORDER19}。", []),
        (f"Order no. {ORDER16B}, {ORDER19} were refunded", []),
        (f"merchant ID {ORDER16B} flagged", []),
        (f"transaction ref: {ORDER19}", []),
        # negatives: 12 digits without a card word, a Maestro-shaped number far from one, amounts, dates, BIN
        (f"工单 {MAESTRO12} 已关闭", []),
        (f"工单 {MAESTRO12B} 已关闭", []),
        (f"the number {MAESTRO12B} closed", []),  # broad Maestro range, no card word
        (f"{group(MAESTRO12, (4, 4, 4))} 123", []),  # the first 12 digits of a longer grouped number
        (f"reference {MAESTRO12} closed", []),
        ("金额 1,234,567,890,123.00 元", []),
        ("2023-11-05 12:30:45 至 2023-11-06", []),
        ("BIN 453201 / 622202 高风险", []),
        (f"卡号尾号{VISA16[-4:]}", []),
        (f"号码以0开头 {luhn('060112345678')} 不受理", []),
        (f"卡号 {luhn('060112345678')}", [luhn("060112345678")]),  # a card word: privacy first
        (f"reference number {luhn('123456789012')}", []),
        (f"call back on {luhn('712345678901')} today", []),
    ],
)
def test_bank_card(text, values):
    assert_spans(BankCardRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (f"身份证号{ID_X.lower()}，户籍北京", [ID_X.lower()]),
        (f"身份证号{ID_X}，户籍北京", [ID_X]),
        (f"Resident ID {wide(ID_9)} on file", [wide(ID_9)]),
        (f"身份证{wide(ID_X[:-1])}X已核实", [wide(ID_X[:-1]) + "X"]),
        (f"ID {group(ID_9, (6, 8, 4))} checked", [group(ID_9, (6, 8, 4))]),
        (f"证件号 {group(ID_9, (6, 8, 4), '-')}", [group(ID_9, (6, 8, 4), "-")]),
        # negatives: a wrong check digit, an impossible date, an order number of 18 digits
        (f"身份证号{ID_9[:-1]}{(int(ID_9[-1]) + 1) % 10}", []),
        ("订单号110105199013321234", []),
        (f"{wide('2023110512345678901')}", []),
    ],
)
def test_cn_id(text, values):
    assert_spans(CnIdRecognizer(), text, *values)


def test_full_width_values_keep_text_spans():
    text = f"卡号{wide(VISA16)}，身份证{wide(ID_9)}"
    ctx_text = text
    card = [r for r in BankCardRecognizer().analyze(_ctx(ctx_text))]
    ids = [r for r in CnIdRecognizer().analyze(_ctx(ctx_text))]
    assert [(r.value, r.canonical) for r in card] == [(wide(VISA16), VISA16)]
    assert [(r.value, r.canonical) for r in ids] == [(wide(ID_9), ID_9)]


def _ctx(text: str):
    from anonymizer.nlp import detect_language, scripts
    from anonymizer.recognizers.base import AnalysisContext

    has_cjk, has_latin = scripts(text)
    return AnalysisContext(text, detect_language(text), None, text.lower(), has_cjk, has_latin)
