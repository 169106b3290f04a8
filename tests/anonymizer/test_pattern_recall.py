"""Pattern recognizers that generalise: the phrasings of issue 3's held-out misses, positives and negatives.

Values are synthetic (Faker-style shapes, check digits computed here); the sentences are written for these
tests, independently of any evaluation corpus.
"""

from __future__ import annotations

import pytest

from anonymizer.recognizers.cn.cn_social_account_recognizer import CnSocialAccountRecognizer
from anonymizer.recognizers.generic.bank_account_recognizer import BankAccountRecognizer
from anonymizer.recognizers.generic.date_of_birth_recognizer import DateOfBirthRecognizer
from anonymizer.recognizers.generic.device_id_recognizer import DeviceIdRecognizer
from anonymizer.recognizers.generic.plate_recognizer import PlateRecognizer

from .assertions import assert_spans

# synthetic values
ACCT = "426464047605693431833002"
ACCT12 = "730918264551"
ACCT8 = "58201937"
CARD = "6222021234567890128"  # Luhn-valid UnionPay
IMEI = "356938035643809"  # Luhn-valid
IMEI2 = "490154203237518"
UUID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # cue words that name an account
        (f"骗子让其转入“安全账户”{ACCT}，共三笔", [ACCT]),
        (f"资金转入安全账户（{ACCT12}）后被取走", [ACCT12]),
        (f"对公户{ACCT12}每日进出频繁", [ACCT12]),
        # transfer phrases without 账号
        (f"受害人向{ACCT}转账5万元", [ACCT]),
        (f"被要求汇款至招商银行{ACCT12}。", [ACCT12]),
        (f"钱款分三次打到张某名下的{ACCT8}", [ACCT8]),
        (f"随后从{ACCT12}账户转出", [ACCT12]),
        (f"中国农业银行 {ACCT}", [ACCT]),
        (f"资金在{ACCT12}账户中停留不到一小时", [ACCT12]),
        (f"{ACCT12}（户名：王某）", [ACCT12]),
        # money flows and enumerations
        (f"资金流向：{ACCT12}→{ACCT}→ 98765432101", [ACCT12, ACCT, "98765432101"]),
        (f"涉案账户：{ACCT}、{ACCT12}和 {ACCT8}00", [ACCT, ACCT12, ACCT8 + "00"]),
        (f"Victim sent money to {ACCT12}77 and {ACCT}", [ACCT12 + "77", ACCT]),
        # negatives: references, amounts, hotlines, a card after a transfer verb
        ("订单号20230101123456789已支付", []),
        ("向10086发送短信查询余额", []),
        ("客户向95588转账咨询", []),
        (f"转入其银行卡{CARD}", []),
        ("共转账20000元", []),
    ],
)
def test_bank_account_without_account_word(text, values):
    assert_spans(BankAccountRecognizer(), text, *values)


def test_bank_account_card_shaped_number_in_flow_scores_under_a_card():
    from .assertions import run_recognizer

    text = f"资金流向：{CARD}→{ACCT}"
    spans = run_recognizer(BankAccountRecognizer(), text, threshold=0.6)
    assert [text[s:e] for s, e in spans] == [ACCT]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # zh police style: the date before 生 / 出生
        ("嫌疑人李某（1960年6月3日生，汉族）", ["1960年6月3日"]),
        ("男，1985-03-02出生，无业", ["1985-03-02"]),
        ("一九八五年三月二日出生于湖南", ["一九八五年三月二日"]),
        ("其1990年7月出生，", ["1990年7月"]),
        ("出生于1985年3月2日", ["1985年3月2日"]),
        ("出生年月：1985.03", ["1985.03"]),
        ("生日是3月5日", ["3月5日"]),
        # en
        ("DOB: 03/02/1985", ["03/02/1985"]),
        ("Date of Birth (DOB): 1985-03-02", ["1985-03-02"]),
        ("J. Smith, b. 1985-03-02, of Leeds", ["1985-03-02"]),
        ("Mr Jones (born 3 June 1960) was contacted", ["3 June 1960"]),
        ("she was born on the 2nd of June, 1960", ["2nd of June, 1960"]),
        ("born in Leeds on 3 June 1960", ["3 June 1960"]),
        ("date of birth listed as 12 March 1971", ["12 March 1971"]),
        ("birthdate 1985-03-02 (per ID)", ["1985-03-02"]),
        ("1985-03-02 (DOB) on file", ["1985-03-02"]),
        # negatives: every other date is evidence
        ("合同于2023年5月3日生效", []),
        ("事件2023年5月3日发生", []),
        ("account opened on 2023-01-01", []),
        ("Web. 2023-01-01 login", []),
        ("born customers joined in 2023-01-01", []),
    ],
)
def test_date_of_birth_phrasings(text, values):
    assert_spans(DateOfBirthRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            f"Devices seen on the ring: 86-575181-906179-9, {IMEI} and {IMEI2}.",
            ["86-575181-906179-9", IMEI, IMEI2],
        ),
        (f"The handset {UUID} was wiped.", [UUID]),
        ("device id: 9774d56d682e549c", ["9774d56d682e549c"]),
        (
            "login from an Android phone, advertising id 38400000-8cf0-11bd-b23e-10b96e40000d",
            ["38400000-8cf0-11bd-b23e-10b96e40000d"],
        ),
        ("device fingerprint 5d41402abc4b2a76b9719d911017c592", ["5d41402abc4b2a76b9719d911017c592"]),
        (f"设备IMEI {IMEI}", [IMEI]),
        (f"手机串号{IMEI}", [IMEI]),
        (f"the same device: IMEI {IMEI}; Android ID 9774d56d682e549c", [IMEI, "9774d56d682e549c"]),
        ("MAC 00:1A:2B:3C:4D:5E", ["00:1A:2B:3C:4D:5E"]),
        # negatives: a card, a transaction UUID, a phone, an Amex number, no device in the sentence
        (f"card {IMEI} used on a new device", []),
        (f"The device was new. Transaction {UUID} failed.", []),
        ("手机13812345678", []),
        ("device seen; card 378282246310005 charged", []),
        (f"Payment {UUID} was reversed.", []),
        ("device model SM-G991B", []),
        (f"Login from a new browser, session id {UUID}", []),
        (f"手机银行交易流水 {UUID}", []),
    ],
)
def test_device_id_in_device_sentences(text, values):
    assert_spans(DeviceIdRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("对方QQ（769829）多次联系", ["769829"]),
        ("小明(58576302)：今晚到账", ["58576302"]),
        ("[05-01 10:00] 张三小号(123456)：在吗", ["123456"]),
        ("验证码(123456)：请勿告诉他人", []),
        ("客服助手(２６１４６１)：请稍等", ["２６１４６１"]),  # full-width digits
        ("QQ：１２３４５６７８", ["１２３４５６７８"]),
        ("微信：１３８１２３４５６７８", []),  # a (full-width) mobile number is a PHONE
        ("收款支付宝2088123456789012", ["2088123456789012"]),
        ("转账至2088123456789012后失联", ["2088123456789012"]),
        ("对方电报号为@crypto88，另有@abc_12、@xyz_34", ["@crypto88", "@abc_12", "@xyz_34"]),
        ("受害人通过@lucky_star99联系", ["@lucky_star99"]),
        ("微信（wxid_abcdefghij1234）", ["wxid_abcdefghij1234"]),
        ("加我微信号是：Zhang_San-88", ["Zhang_San-88"]),
        ("vx：lily520abc", ["lily520abc"]),
        ("Telegram @crypto_king88", ["@crypto_king88"]),
        ("Telegram handle crypto_king", ["crypto_king"]),
        ("IG: jane.doe_92", ["jane.doe_92"]),
        ("contacted on Snapchat: lily_88", ["lily_88"]),
        ("IG DM: @sunny_day", ["@sunny_day"]),
        ("Discord user ghost#1234", ["ghost#1234"]),
        ("Telegram handles @aa_11, @bb_22 and @cc_33", ["@aa_11", "@bb_22", "@cc_33"]),
        # negatives
        ("The WhatsApp export shows the chat", []),
        ("The WhatsApp group was created", []),
        ("WeChat (voice) call at noon", []),
        ("商户号2088123456789012", []),
        ("金额(50000)：已退回", []),
        ("email a@b.com", []),
        ("follow the bank's notices at @bank_official", []),
        ("张三(13812345678)：你好", []),
    ],
)
def test_social_account_shapes(text, values):
    assert_spans(CnSocialAccountRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("a grey Toyota with plate KYN-0398 was seen", ["KYN-0398"]),
        ("licence plate 415 NYH", ["415 NYH"]),
        ("vehicle registration 7YPJ797.", ["7YPJ797"]),
        ("tag ABC 1234 ON Route 9", ["ABC 1234"]),
        ("registration number AB12 CDE", ["AB12 CDE"]),
        ("the car (plate: 5ABC123)", ["5ABC123"]),
        ("plate number is WX-12-AB", ["WX-12-AB"]),
        ("German plate B-MA 1234", ["B-MA 1234"]),
        ("French plate AB-123-CD", ["AB-123-CD"]),
        ("reg. LB07 SEO", ["LB07 SEO"]),
        # negatives
        ("company registration SC123456", []),
        ("car 2 of 3", []),
        ("price tag 1234", []),
        ("vehicle ID 12345", []),
        ("hashtag ABC123", []),
        ("her car was parked outside", []),
        ("plate ABCDEFGH1", []),
        ("the AB12 CDE code", []),
    ],
)
def test_plate_after_cue(text, values):
    assert_spans(PlateRecognizer(), text, *values)


def _luhn_complete(body: str) -> str:
    from stdnum import luhn

    return body + luhn.calc_check_digit(body)


@pytest.mark.parametrize(
    ("text", "is_card"),
    [
        # an Alipay id starts 2088: no card network issues that
        (f"支付宝账号{_luhn_complete('208812345678901')}收款", False),
        (f"card {_luhn_complete('222100123456789')}", True),  # Mastercard 2-series (2221-2720)
        (f"card {_luhn_complete('272099123456789')}", True),
        (f"card {_luhn_complete('220012345678901')}", True),  # Mir (2200-2204)
        (f"ref {_luhn_complete('273012345678901')} paid", False),  # outside the ranges, no word naming a card
        # a word naming a card right before it: masked as a card whatever its prefix (privacy first)
        (f"card {_luhn_complete('273012345678901')}", True),
        (f"card {_luhn_complete('21317682849617')}", True),  # JCB 15 digits (2131)
    ],
)
def test_cards_starting_with_2_only_in_the_ranges_networks_issue(text, is_card):
    from anonymizer.recognizers.generic.bank_card_recognizer import BankCardRecognizer

    value = text.split()[-1] if text.startswith("card") else text[5:21]
    assert_spans(BankCardRecognizer(), text, *([value] if is_card else []))
