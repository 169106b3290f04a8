"""Entity types the anonymizer knows, and which of them are indicators."""

from __future__ import annotations

PERSON = "PERSON"
ADDRESS = "ADDRESS"
CN_ID = "CN_ID"
PASSPORT = "PASSPORT"
USCC = "USCC"
BANK_CARD = "BANK_CARD"
BANK_ACCOUNT = "BANK_ACCOUNT"
PHONE = "PHONE"
EMAIL = "EMAIL"
IP_ADDRESS = "IP_ADDRESS"
IBAN = "IBAN"
LICENSE_PLATE = "LICENSE_PLATE"
SOCIAL_ACCOUNT = "SOCIAL_ACCOUNT"
DEVICE_ID = "DEVICE_ID"
CRYPTO_WALLET = "CRYPTO_WALLET"
URL = "URL"
DATE_OF_BIRTH = "DATE_OF_BIRTH"

ALL_ENTITIES: tuple[str, ...] = (
    PERSON,
    ADDRESS,
    CN_ID,
    PASSPORT,
    USCC,
    BANK_CARD,
    BANK_ACCOUNT,
    PHONE,
    EMAIL,
    IP_ADDRESS,
    IBAN,
    LICENSE_PLATE,
    SOCIAL_ACCOUNT,
    DEVICE_ID,
    CRYPTO_WALLET,
    URL,
    DATE_OF_BIRTH,
)

#: Entity type -> indicator kind (see :func:`anonymizer.canonicalize_indicator`).
INDICATOR_KINDS: dict[str, str] = {
    PHONE: "phone",
    BANK_CARD: "card",
    BANK_ACCOUNT: "account",
    IBAN: "account",
    DEVICE_ID: "device",
    EMAIL: "email",
    IP_ADDRESS: "ip",
    URL: "url",
    CRYPTO_WALLET: "wallet",
    SOCIAL_ACCOUNT: "account",
}

#: Chinese labels, used by the ``zh`` placeholder style (``[姓名1]``).
ZH_LABELS: dict[str, str] = {
    PERSON: "姓名",
    ADDRESS: "地址",
    CN_ID: "身份证号",
    PASSPORT: "护照号",
    USCC: "信用代码",
    BANK_CARD: "银行卡号",
    BANK_ACCOUNT: "账号",
    PHONE: "电话",
    EMAIL: "邮箱",
    IP_ADDRESS: "IP",
    IBAN: "IBAN",
    LICENSE_PLATE: "车牌",
    SOCIAL_ACCOUNT: "社交账号",
    DEVICE_ID: "设备号",
    CRYPTO_WALLET: "钱包地址",
    URL: "网址",
    DATE_OF_BIRTH: "出生日期",
}
