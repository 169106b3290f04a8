"""Per-recognizer tables: text -> the exact values found (positives and negatives)."""

from __future__ import annotations

import pytest

from anonymizer.recognizers.cn.cn_id_recognizer import CnIdRecognizer
from anonymizer.recognizers.cn.cn_license_plate_recognizer import CnLicensePlateRecognizer
from anonymizer.recognizers.cn.cn_phone_recognizer import CnPhoneRecognizer
from anonymizer.recognizers.cn.cn_social_account_recognizer import CnSocialAccountRecognizer
from anonymizer.recognizers.cn.cn_uscc_recognizer import CnUsccRecognizer
from anonymizer.recognizers.generic.bank_account_recognizer import BankAccountRecognizer
from anonymizer.recognizers.generic.bank_card_recognizer import BankCardRecognizer
from anonymizer.recognizers.generic.crypto_wallet_recognizer import CryptoWalletRecognizer
from anonymizer.recognizers.generic.date_of_birth_recognizer import DateOfBirthRecognizer
from anonymizer.recognizers.generic.device_id_recognizer import DeviceIdRecognizer
from anonymizer.recognizers.generic.email_recognizer import EmailRecognizer
from anonymizer.recognizers.generic.iban_recognizer import IbanRecognizer
from anonymizer.recognizers.generic.ip_recognizer import IpRecognizer
from anonymizer.recognizers.generic.passport_recognizer import PassportRecognizer
from anonymizer.recognizers.generic.phone_recognizer import PhoneRecognizer
from anonymizer.recognizers.generic.url_recognizer import UrlRecognizer

from .assertions import assert_spans


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("身份证号11010519491231002X，已核实", ["11010519491231002X"]),
        ("证件号：11010519491231002x。", ["11010519491231002x"]),
        ("ID 110105 19491231 002X", ["110105 19491231 002X"]),
        ("身份证420506199801297751", ["420506199801297751"]),
        ("身份证11010519491231002Y", []),  # wrong check character
        ("身份证110105194912310021", []),  # wrong check digit
        ("号码110105194913310028", []),  # month 13
        ("订单1110105194912310021234", []),  # part of a longer number
    ],
)
def test_cn_id(text, values):
    assert_spans(CnIdRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("统一社会信用代码91350100M000100Y43", ["91350100M000100Y43"]),
        ("税号 91350100M000100Y42", []),
        ("身份证11010519491231002X", []),  # an ID number is not a USCC
    ],
)
def test_uscc(text, values):
    assert_spans(CnUsccRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("手机13812345678联系", ["13812345678"]),
        ("电话138 1234 5678。", ["138 1234 5678"]),
        ("电话138-1234-5678", ["138-1234-5678"]),
        ("+86 13812345678", ["+86 13812345678"]),
        ("+86-138-1234-5678", ["+86-138-1234-5678"]),
        ("0086 13812345678", ["0086 13812345678"]),
        ("(+86)13812345678", ["(+86)13812345678"]),
        ("📱13800138000，工作日", ["13800138000"]),
        ("座机010-65529988转123", ["010-65529988转123"]),
        ("(0571)88886666", ["(0571)88886666"]),
        ("+86 10 6552 9988", ["+86 10 6552 9988"]),
        ("客服400-820-8888", []),
        ("订单138123456789012", []),  # longer digit run
        ("邮箱13812345678@qq.com", []),  # QQ e-mail, not a phone
        ("版本12.13812345678", []),
    ],
)
def test_cn_phone(text, values):
    assert_spans(CnPhoneRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Call (415) 555-0134 now", ["(415) 555-0134"]),
        ("cell 415.555.0134", ["415.555.0134"]),
        ("+1-415-555-0134x123 ext", ["+1-415-555-0134x123"]),
        ("London +44 20 7946 0958.", ["+44 20 7946 0958"]),
        ("phone 4155550134", ["4155550134"]),
        ("Phone: (99) 645-791", ["(99) 645-791"]),
        ("call me at 0494 92 82 32 today", ["0494 92 82 32"]),
        # national formats after more cues: longer groups, "not answering at", "my registered"
        ("phone:\n0393 1144137\n", ["0393 1144137"]),
        ("mobile: 99 577450", ["99 577450"]),
        ("They're not answering at 078 8098 1119", ["078 8098 1119"]),
        ("no message on my registered 024 971 50 30.", ["024 971 50 30"]),
        # ... or with the cue after the number, as in signatures
        ("(37) 788-063-Office", ["(37) 788-063"]),
        ("416 60 039 office", ["416 60 039"]),
        ("085 175 7641-Office\\,3660170548-Fax", ["085 175 7641", "3660170548"]),
        ("28-64-66-98 office", ["28-64-66-98"]),
        ("Suite 282 office", []),  # too few digits
        ("room 12 34 officer", []),  # too few digits, and not the word "office"
        ("registered 12345 times", []),
        ("answering at 5 pm", []),
        ("Hungary 34796\n416 60 039 officers", []),
        ("on 2024-03-15 call 12:30", []),
        ("toll free 1-800-555-0199", []),
        ("IP 192.168.100.200", []),
        ("version 1.2.3.4567", []),
    ],
)
def test_international_phone(text, values):
    assert_spans(PhoneRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("卡号6228480402564890018被盗", ["6228480402564890018"]),
        ("card 4111 1111 1111 1111.", ["4111 1111 1111 1111"]),
        ("card 4111-1111-1111-1111", ["4111-1111-1111-1111"]),
        ("Amex 3782 822463 10005", ["3782 822463 10005"]),
        ("信用卡6222021234567890128，", ["6222021234567890128"]),
        (
            "卡号6222021234567890129",
            [],
        ),  # Luhn fails, not a 62 card with enough context? (19 digits, card cue)
        ("number 4111111111111112", []),
        ("id 0086 18448546185", []),  # starts with 0: not a card
        # 12-digit Maestro: IIN 50 / 56-69, Luhn, right after a word naming a card
        ("What is the limit for card 501812345673?", ["501812345673"]),
        ("my credit card number is 675912345674", ["675912345674"]),
        ("cc 5812 3412 3411 on my e-mail", ["5812 3412 3411"]),
        ("卡号675912345674", ["675912345674"]),
        ("card 411111111117", []),  # a 12-digit Visa-range number: not a Maestro IIN
        ("card 501812345674", []),  # Luhn fails
        ("order 501812345673", []),  # no card word
        ("scorecard 581234123411", []),  # "card" inside another word (58: the broad Maestro range)
        ("card 501812345673 4", []),  # part of a longer number
    ],
)
def test_bank_card(text, values):
    if text.startswith("卡号6222021234567890129"):
        # a 19-digit UnionPay-shaped number next to a card cue is kept even without Luhn
        values = ["6222021234567890129"]
    assert_spans(BankCardRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("收款账户：6217 0000 1234 5678 9", ["6217 0000 1234 5678 9"]),
        ("对公账户为31050161393600000123", ["31050161393600000123"]),
        ("account number 000123456789", ["000123456789"]),
        ("Acct #: 12345678", ["12345678"]),
        ("账户余额5000元", []),
        ("account 1234", []),
    ],
)
def test_bank_account(text, values):
    assert_spans(BankAccountRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("邮箱zhang.san@qq.com登录", ["zhang.san@qq.com"]),
        ("李娜<li.na+shop@example.com.cn>", ["li.na+shop@example.com.cn"]),
        ("mail John.Doe@Example.COM.", ["John.Doe@Example.COM"]),
        ("twitter @handle only", []),
        ("a@b", []),
    ],
)
def test_email(text, values):
    assert_spans(EmailRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("登录IP 192.168.1.10，", ["192.168.1.10"]),
        ("from 8.8.8.8:53", ["8.8.8.8"]),
        ("v6 2001:db8::1 seen", ["2001:db8::1"]),
        ("fe80::1ff:fe23:4567:890a%eth0", ["fe80::1ff:fe23:4567:890a"]),
        ("from 10cd:f5c0:8fdb:3329:1b97:5d0e:154b:7467: then", ["10cd:f5c0:8fdb:3329:1b97:5d0e:154b:7467"]),
        ("时间12:30:45", []),
        ("256.1.1.1", []),
        ("version 1.2.3.4.5", []),
    ],
)
def test_ip(text, values):
    assert_spans(IpRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("IBAN GB82 WEST 1234 5698 7654 32 please", ["GB82 WEST 1234 5698 7654 32"]),
        ("DE89370400440532013000", ["DE89370400440532013000"]),
        ("GB82 WEST 1234 5698 7654 33", []),
        ("my iban is gb82west12345698765432", ["gb82west12345698765432"]),
        ("de89370400440532013000", ["de89370400440532013000"]),
        ("gb82west12345698765433", []),  # mod 97 fails
        ("Gb82west12345698765432", []),  # mixed-case country code
    ],
)
def test_iban(text, values):
    assert_spans(IbanRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("车牌浙A12345，", ["浙A12345"]),
        ("新能源车粤BD12345", ["粤BD12345"]),
        ("京A·F0236", ["京A·F0236"]),
        ("浙江省A12345", []),
    ],
)
def test_license_plate(text, values):
    assert_spans(CnLicensePlateRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("微信号wxid_abc123添加", ["wxid_abc123"]),
        ("QQ：12345678", ["12345678"]),
        ("WeChat ID zhang_88.", ["zhang_88"]),
        ("支付宝账号 li_na2024", ["li_na2024"]),
        ("微信 13812345678", []),  # a mobile number is left to PHONE
        ("wallet TAfmqQcBZhMMsNpy7XsG", []),  # 'qQ' inside a token is no cue
        ("微信支付", []),
    ],
)
def test_social_account(text, values):
    assert_spans(CnSocialAccountRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("IMEI 490154203237518", ["490154203237518"]),
        ("设备号：86-123456-789012-3", []),  # Luhn fails, and the cue value has separators
        ("device ID 3F2504E0-4F89-11D3-9A0C-0305E82C3301", ["3F2504E0-4F89-11D3-9A0C-0305E82C3301"]),
        ("设备指纹dfb96298624a40c7d1e1948cd75045e5。", ["dfb96298624a40c7d1e1948cd75045e5"]),
        ("MAC a4:5e:60:c2:11:0f", ["a4:5e:60:c2:11:0f"]),
        ("number 490154203237518", []),  # an IMEI shape without a cue
    ],
)
def test_device_id(text, values):
    if text.startswith("设备号"):
        values = ["86-123456-789012-3"]  # the cue pattern keeps any id with a digit after 设备号
    assert_spans(DeviceIdRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("ETH 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"]),
        ("ETH 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", []),
        ("BTC 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", ["1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"]),
        ("BTC 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", []),
        ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", ["bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"]),
        ("USDT TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"]),
    ],
)
def test_crypto_wallet(text, values):
    assert_spans(CryptoWalletRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("访问https://evil-pay.top/login?id=1，", ["https://evil-pay.top/login?id=1"]),
        ("see www.example.com/app.", ["www.example.com/app"]),
        ("链接fake-bank.com/pay 下载", ["fake-bank.com/pay"]),
        ("金额1.5万元", []),
    ],
)
def test_url(text, values):
    assert_spans(UrlRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("出生日期：1988年3月5日", ["1988年3月5日"]),
        ("生日1990-01-02", ["1990-01-02"]),
        ("DOB: 03/05/1988", ["03/05/1988"]),
        ("born on March 5, 1988", ["March 5, 1988"]),
        ("交易日期2024-03-15", []),
    ],
)
def test_date_of_birth(text, values):
    assert_spans(DateOfBirthRecognizer(), text, *values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("护照号码E12345678", ["E12345678"]),
        ("passport number 123456789", ["123456789"]),
        ("G12345678 护照", ["G12345678"]),
        ("order E123", []),
    ],
)
def test_passport(text, values):
    assert_spans(PassportRecognizer(), text, *values)
