"""Synthetic zh + en fraud-narrative corpus with ground-truth spans (for tests and benchmarks).

``generate(n, seed=…)`` renders templates whose slots are filled by value generators with several
formats per entity (cards in any grouping, phones with +86 / 0086 / dashes, IDs ending in X, ...). Hard
negatives - order numbers that pass Luhn, MCC, labelled BINs, merchant ids, hotlines, amounts, dates and
times - are slots too, and must survive. Needs Faker (a development dependency, not a runtime one).
"""

# ruff: noqa: E501
from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass, field

from stdnum import luhn
from stdnum.cn import ric, uscc

# fmt: off
ZH_TEMPLATES = [
    "持卡人{PERSON}于{DATE} {TIME}报案，称其尾号{LAST4}的银行卡{BANK_CARD}在商户号{MERCHANT}被盗刷{AMOUNT}，MCC {MCC}。",
    "受害人{PERSON}（身份证号{CN_ID}，手机{PHONE}）接到冒充客服电话，被诱导转账{AMOUNT}至账号{BANK_ACCOUNT}。",
    "嫌疑人{PERSON}使用手机号{PHONE}注册多个账户，登录IP为{IP_ADDRESS}，设备指纹{DEVICE_ID}。",
    "客户{PERSON}家住{ADDRESS}，{DATE}在POS机上以信用卡{BANK_CARD}刷卡套现{AMOUNT}，订单号{ORDER}。",
    "{PERSON}称有人冒充公检法，要求其将资金转入安全账户{BANK_ACCOUNT}，并提供了邮箱{EMAIL}。",
    "本案涉及车辆{LICENSE_PLATE}，车主{PERSON}的联系电话为{PHONE}，案件编号{CASE}。",
    "商户{PERSON}（统一社会信用代码{USCC}）通过虚假交易为他人套现，收款卡号{BANK_CARD}，交易流水号{ORDER}。",
    "受害人在{URL}下载虚假投资APP，按客服{PERSON}指示将{AMOUNT}转入USDT钱包{CRYPTO_WALLET}。",
    "{PERSON}通过微信号{SOCIAL_ACCOUNT}添加受害人，以刷单返利为由骗取{AMOUNT}。",
    "持卡人{PERSON}，出生日期{DATE_OF_BIRTH}，护照号码{PASSPORT}，在境外被盗刷，卡BIN {BIN}。",
    "{DATE}，客户{PERSON}致电{HOTLINE}挂失，称手机{PHONE}收到验证码后卡内{AMOUNT}被转走。",
    "跑分团伙成员{PERSON}提供银行账户{BANK_ACCOUNT}及支付宝{SOCIAL_ACCOUNT}，日均流水{AMOUNT}。",
    "嫌疑人{PERSON}冒用{PERSON2}的身份证{CN_ID}办理信用卡{BANK_CARD}，寄送地址为{ADDRESS}。",
    "账户盗用：攻击者从IP {IP_ADDRESS}登录，修改绑定手机为{PHONE}，设备IMEI {DEVICE_ID}，时间{TIME}。",
    "受害人{PERSON}在婚恋网站结识自称{PERSON2}的男子，对方QQ号{SOCIAL_ACCOUNT}，诱导其投资{AMOUNT}。",
    "退款诈骗：骗子冒充电商客服，发送链接{URL}，受害人{PERSON}输入卡号{BANK_CARD}及验证码。",
    "{PERSON}女士反映，{DATE}有人以她的名义在{ADDRESS}附近的ATM取现{AMOUNT}。",
    "商户号{MERCHANT}（MCC {MCC}）短期内出现大量整额交易，法人{PERSON}，联系电话{PHONE}。",
    "经核查，卡号{BANK_CARD}与订单号{ORDER}对应交易为套现，持卡人{PERSON}已销户。",
    "客户经理{PERSON}反映，客户{PERSON2}的账户{BANK_ACCOUNT}在{TIME}收到多笔来源不明的转账。",
    "受害人{PERSON}接到{PHONE}来电，对方称其涉嫌洗钱，要求将{AMOUNT}转至{IBAN}。",
    "本次案件编号{CASE}，当事人{PERSON}，住址{ADDRESS}，身份证{CN_ID}。",
    "嫌疑人使用邮箱{EMAIL}和手机{PHONE}批量申请贷款，IP地址{IP_ADDRESS}，共{COUNT}笔。",
    "{DATE}起，{PERSON}在抖音推广虚假理财，引流至网站{URL}，收款钱包{CRYPTO_WALLET}。",
    "虚假贷款：{PERSON}以“解冻费”名义要求受害人向卡号{BANK_CARD}转账{AMOUNT}，客服热线{HOTLINE}为真实银行号码。",
    "车牌号{LICENSE_PLATE}的车辆停在{ADDRESS}，车内人员{PERSON}多次使用他人卡片{BANK_CARD}。",
    "持卡人{PERSON}的手机{PHONE}被换卡（SIM swap），随后其名下卡{BANK_CARD}被绑定至新设备{DEVICE_ID}。",
    "任务刷单：受害人{PERSON}按要求在{URL}下单{COUNT}次，订单编号{ORDER}，共损失{AMOUNT}。",
    "据{PERSON}陈述，对方自称银行工作人员{PERSON2}，工号{CASE}，来电号码{PHONE}。",
    "冒名办卡：申请人{PERSON}，证件号{CN_ID}，单位地址{ADDRESS}，预留手机{PHONE}，邮箱{EMAIL}。",
    "商户{PERSON}在{DATE} {TIME}通过终端号{MERCHANT}完成{COUNT}笔交易，金额合计{AMOUNT}，BIN {BIN}。",
    "受害人{PERSON}（微信：{SOCIAL_ACCOUNT}）称在{ADDRESS}被人偷拍卡片信息{BANK_CARD}。",
    "嫌疑人{PERSON}的出生日期为{DATE_OF_BIRTH}，曾以护照{PASSPORT}开立账户{BANK_ACCOUNT}。",
    "该团伙控制的公司统一社会信用代码{USCC}，对公账户{BANK_ACCOUNT}，负责人{PERSON}。",
]
EN_TEMPLATES = [
    "Cardholder {PERSON} reported on {DATE} that card {BANK_CARD} was used at merchant ID {MERCHANT} for {AMOUNT} (MCC {MCC}).",
    "Victim {PERSON} received a call from {PHONE} claiming to be the bank and was asked to move {AMOUNT} to account number {BANK_ACCOUNT}.",
    "The suspect {PERSON} logged in from IP {IP_ADDRESS} using device ID {DEVICE_ID} at {TIME}.",
    "Customer {PERSON}, who lives at {ADDRESS}, disputed order no. {ORDER} charged to {BANK_CARD}.",
    "{PERSON} said a man posing as police asked for the card number {BANK_CARD} and e-mail {EMAIL}.",
    "Funds of {AMOUNT} were wired to IBAN {IBAN} on the instructions of {PERSON}, case no. {CASE}.",
    "A phishing link {URL} was sent by SMS to {PERSON}; the victim entered card {BANK_CARD} and the OTP.",
    "Mr. {PERSON_LAST} contacted us at {PHONE} after noticing {COUNT} unknown transactions on {DATE}.",
    "Investment scam: {PERSON} transferred {AMOUNT} to the wallet {CRYPTO_WALLET} recommended by {PERSON2}.",
    "Our customer {PERSON} (DOB: {DATE_OF_BIRTH}, passport number {PASSPORT}) reports identity theft.",
    "The account holder {PERSON} called our hotline {HOTLINE} from {PHONE} to block card {BANK_CARD}.",
    "Money mule {PERSON} received transfers into account {BANK_ACCOUNT} and withdrew {AMOUNT} in cash.",
    "Card-not-present fraud: card {BANK_CARD}, BIN {BIN}, shipping address {ADDRESS}, e-mail {EMAIL}.",
    "{PERSON} met {PERSON2} on a dating site; {PERSON2_REF} later asked for {AMOUNT} via WeChat ID {SOCIAL_ACCOUNT}.",
    "Account takeover from {IP_ADDRESS}: the phone number was changed to {PHONE} and the e-mail to {EMAIL}.",
    "Refund scam: a fake agent named {PERSON} sent the link {URL} and took {AMOUNT}.",
    "Merchant {PERSON} ran {COUNT} round-amount sales on terminal ID {MERCHANT} (MCC {MCC}) for {AMOUNT}.",
    "Per transaction ID {ORDER}, card {BANK_CARD} was charged {AMOUNT} at {TIME} on {DATE}.",
    "Ms. {PERSON_LAST} says her mother {PERSON} gave card {BANK_CARD} to a caller using {PHONE}.",
    "The device with IMEI {DEVICE_ID} was used to open {COUNT} accounts in the name of {PERSON}.",
    "Loan scam: {PERSON} paid an upfront fee of {AMOUNT} to {BANK_ACCOUNT}; contact e-mail {EMAIL}.",
    "Please note case {CASE}: victim {PERSON}, address {ADDRESS}, phone {PHONE}.",
    "Task scam: the victim {PERSON} completed {COUNT} tasks on {URL} and lost {AMOUNT}.",
    "The fraudster used the e-mail {EMAIL} and IP address {IP_ADDRESS} to enroll card {BANK_CARD}.",
    "On {DATE}, {PERSON} reported a SIM swap on {PHONE}, followed by transfers to {IBAN}.",
    "Crypto cash-out: {AMOUNT} moved from {CRYPTO_WALLET} to an exchange account of {PERSON}.",
    "Identity fraud: an application used the name {PERSON}, date of birth {DATE_OF_BIRTH} and address {ADDRESS}.",
    "Dr. {PERSON_LAST} received a fake invoice, reference no. {ORDER}, asking for payment to {BANK_ACCOUNT}.",
    "The caller identified himself as {PERSON} from the bank and gave {HOTLINE} as a callback number.",
    "Cardholder {PERSON} of {ADDRESS} lost {AMOUNT}; card {BANK_CARD} blocked at {TIME}.",
    "Our analyst linked {PERSON} to {COUNT} cases through phone {PHONE} and device ID {DEVICE_ID}.",
    "A courier named {PERSON} collected card {BANK_CARD} from the victim at {ADDRESS}.",
    "{PERSON} received an e-mail from {EMAIL} with a link to {URL} and entered the card PIN.",
    "Victim {PERSON} was told to send {AMOUNT} to {CRYPTO_WALLET} and to call {PHONE} afterwards.",
]
# fmt: on

_CN_AREAS = ["110101", "110105", "310104", "310115", "330106", "330102", "440305", "440106", "420506",
             "510104", "320102", "370102", "500103", "610113", "350203", "430104", "230103", "650102"]  # fmt: skip
_PROVINCE_CITY = [("浙江省", "杭州市", ["西湖区", "拱墅区", "滨江区"]), ("广东省", "深圳市", ["南山区", "福田区", "宝安区"]),
                  ("江苏省", "南京市", ["鼓楼区", "玄武区"]), ("", "北京市", ["朝阳区", "海淀区", "东城区"]),
                  ("", "上海市", ["浦东新区", "徐汇区", "静安区"]), ("四川省", "成都市", ["武侯区", "锦江区"]),
                  ("湖北省", "武汉市", ["洪山区", "江汉区"]), ("山东省", "青岛市", ["市南区", "黄岛区"]),
                  ("河南省", "周口市", ["沈丘县", "川汇区"]), ("福建省", "厦门市", ["思明区", "湖里区"])]  # fmt: skip
_ROADS = ["文三路", "建国路", "人民路", "解放大道", "中山北路", "科技园南路", "长安街", "学院路", "滨江大道", "东风路",
          "黄河路", "新华街", "工业大道", "和平路", "光明巷"]  # fmt: skip
_BUILDINGS = ["华星大厦", "阳光花园", "锦绣家园", "万科城", "幸福小区", "金茂大厦", "翠苑", "世纪广场"]
_BINS = ["622848", "621700", "622202", "622588", "625807", "621483", "436742", "427020", "518710", "524047",
         "403391", "552599"]  # fmt: skip
_INTL_REGIONS = ["GB", "DE", "FR", "JP", "SG", "AU", "IN", "HK", "CA", "US"]
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


@dataclass
class Sample:
    """One narrative with its gold spans ``(start, end, entity_type)``."""

    text: str
    language: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    negatives: list[tuple[int, int, str]] = field(default_factory=list)


class _Gen:
    def __init__(self, seed: int) -> None:
        from faker import Faker

        self.r = random.Random(seed)
        self.fz = Faker("zh_CN")
        self.fe = Faker("en_US")
        self.fz.seed_instance(seed)
        self.fe.seed_instance(seed + 1)

    # -- PII -------------------------------------------------------------------------------------
    def person(self, lang: str) -> str:
        r = self.r
        if lang == "zh":
            k = r.random()
            if k < 0.07:
                return r.choice(["欧阳", "上官", "司马", "诸葛", "东方"]) + self.fz.first_name()
            if k < 0.1:
                return r.choice(["买买提", "阿不都", "古丽"]) + "·" + r.choice(["艾力", "热合曼", "吐尔逊"])
            return self.fz.name()
        return self.fe.name() if r.random() < 0.8 else f"{self.fe.first_name()} {self.fe.last_name()}"

    def address(self, lang: str) -> str:
        r = self.r
        if lang == "zh":
            if r.random() < 0.3:
                return self.fz.address()
            prov, city, districts = r.choice(_PROVINCE_CITY)
            parts = [
                prov if r.random() < 0.7 else "",
                city,
                r.choice(districts),
                r.choice(_ROADS),
                f"{r.randint(1, 999)}号",
            ]
            tail = r.choice(["", f"{r.choice(_BUILDINGS)}{r.randint(1, 30)}栋{r.randint(1, 6)}单元{r.randint(101, 2801)}室",
                             f"{r.randint(1, 20)}号楼{r.randint(101, 1503)}室", f"{r.choice(_BUILDINGS)}"])  # fmt: skip
            return "".join(parts) + tail
        a = self.fe.address() if r.random() < 0.6 else self.fe.street_address()
        return a.replace("\n", ", ") if r.random() < 0.7 else a

    def cn_id(self) -> str:
        r = self.r
        born = f"{r.randint(1950, 2005)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        body = r.choice(_CN_AREAS) + born + f"{r.randint(0, 999):03d}"
        if r.random() < 0.15:  # force more X endings
            for _ in range(50):
                body = body[:-3] + f"{r.randint(0, 999):03d}"
                if ric.calc_check_digit(body + "0") == "X":
                    break
        value = body + ric.calc_check_digit(body + "0")
        if value.endswith("X") and r.random() < 0.3:
            value = value[:-1] + "x"
        if r.random() < 0.15:
            value = f"{value[:6]} {value[6:14]} {value[14:]}"
        return value

    def card_digits(self) -> str:
        r = self.r
        bin_ = r.choice(_BINS + ["4", "5" + str(r.randint(1, 5)), "37"])
        length = 15 if bin_ == "37" else (19 if bin_.startswith("62") and r.random() < 0.5 else 16)
        body = bin_ + "".join(r.choice(string.digits) for _ in range(length - len(bin_) - 1))
        return body + luhn.calc_check_digit(body)

    def bank_card(self) -> str:
        d = self.card_digits()
        k = self.r.random()
        if k < 0.45:
            return d
        sep = " " if k < 0.8 else "-"
        if len(d) == 15:
            return sep.join([d[:4], d[4:10], d[10:]])
        return sep.join(d[i : i + 4] for i in range(0, len(d), 4))

    def bank_account(self) -> str:
        r = self.r
        n = r.choice([12, 14, 16, 17, 19, 20])
        d = "".join(r.choice(string.digits) for _ in range(n))
        d = str(r.randint(1, 9)) + d[1:]
        if n in (16, 19) and luhn.is_valid(d):  # keep accounts distinct from cards
            d = d[:-1] + str((int(d[-1]) + 1) % 10)
        return d if r.random() < 0.8 else " ".join(d[i : i + 4] for i in range(0, n, 4))

    def phone(self, lang: str) -> str:
        r = self.r
        if lang == "en" and r.random() < 0.7:
            if r.random() < 0.75:
                return self.fe.phone_number()
            import phonenumbers

            region = r.choice(_INTL_REGIONS)
            for _ in range(20):
                ex = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
                nn = str(ex.national_number)
                nn = nn[:-4] + f"{r.randint(0, 9999):04d}"
                num = phonenumbers.parse(f"+{ex.country_code}{nn}")
                if phonenumbers.is_valid_number(num):
                    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        if r.random() < 0.8:
            m = self.fz.phone_number()
            fmt = r.randint(0, 7)
            return [
                m, f"{m[:3]} {m[3:7]} {m[7:]}", f"{m[:3]}-{m[3:7]}-{m[7:]}", f"+86 {m}", f"+86-{m[:3]}-{m[3:7]}-{m[7:]}",
                f"0086 {m}", f"(+86){m}", f"+86 {m[:3]} {m[3:7]} {m[7:]}",
            ][fmt]  # fmt: skip
        area = r.choice(["010", "021", "0571", "0755", "020", "028", "0532"])
        local = str(r.randint(2, 8)) + "".join(
            r.choice(string.digits) for _ in range(7 if len(area) == 3 else 6 + r.randint(0, 1))
        )
        return r.choice([f"{area}-{local}", f"({area}){local}", f"{area} {local}", f"+86 {area[1:]} {local}"])

    def email(self) -> str:
        r = self.r
        e = r.choice(
            [
                self.fe.email(),
                self.fe.free_email(),
                self.fz.free_email(),
                f"{r.randint(10000, 9999999999)}@qq.com",
            ]
        )
        if r.random() < 0.1:
            local, dom = e.split("@")
            e = f"{local}+{r.choice(['bank', 'shop', 'x'])}@{dom}"
        return e

    def ip(self) -> str:
        return self.fe.ipv4_public() if self.r.random() < 0.75 else self.fe.ipv6()

    def iban(self) -> str:
        from faker import Faker

        f = Faker(self.r.choice(["de_DE", "en_GB", "fr_FR", "nl_NL", "es_ES", "it_IT"]))
        f.seed_instance(self.r.randint(0, 10**9))
        v = f.iban()
        return v if self.r.random() < 0.5 else " ".join(v[i : i + 4] for i in range(0, len(v), 4))

    def plate(self) -> str:
        r = self.r
        prov = r.choice("京沪粤浙苏川鄂鲁豫闽湘渝")
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        if r.random() < 0.3:
            return (
                prov + r.choice(letters) + r.choice("DF") + "".join(r.choice(string.digits) for _ in range(5))
            )
        tail = "".join(r.choice(letters + string.digits * 3) for _ in range(4)) + r.choice(string.digits)
        return prov + r.choice(letters) + r.choice(["", "·"]) + tail

    def social(self, lang: str) -> str:
        r = self.r
        k = r.random()
        if k < 0.4:
            return "wxid_" + "".join(r.choice(string.ascii_lowercase + string.digits) for _ in range(10))
        if k < 0.7:
            return self.fe.user_name() + str(r.randint(1, 99))
        return str(r.randint(10000, 99999999999))

    def device(self) -> str:
        r = self.r
        k = r.random()
        if k < 0.45:
            body = str(r.randint(10, 99)) + "".join(r.choice(string.digits) for _ in range(12))
            return body + luhn.calc_check_digit(body)
        if k < 0.75:
            return self.fe.uuid4().upper() if r.random() < 0.5 else self.fe.uuid4()
        return "".join(r.choice("0123456789abcdef") for _ in range(32))

    def wallet(self) -> str:
        import hashlib

        import base58

        from anonymizer.checks import eth_checksum

        r = self.r
        payload = bytes(r.randint(0, 255) for _ in range(20))
        k = r.random()
        if k < 0.4:
            return eth_checksum("0x" + payload.hex()) or "0x" + payload.hex()
        version = b"\x41" if k < 0.75 else r.choice([b"\x00", b"\x05"])
        raw = version + payload
        chk = hashlib.sha256(hashlib.sha256(raw).digest()).digest()[:4]
        return base58.b58encode(raw + chk).decode()

    def url(self) -> str:
        r = self.r
        host = (
            self.fe.domain_word()
            + r.choice(["-pay", "-bank", "-app", "", "-vip"])
            + "."
            + r.choice(["com", "top", "xyz", "cn", "net", "vip"])
        )
        return r.choice([f"https://{host}/login", f"http://{host}", f"www.{host}/app/download?id={r.randint(1, 9999)}",
                         f"https://{host}/{self.fe.uri_path()}", f"{host}/pay"])  # fmt: skip

    def dob(self, lang: str) -> str:
        r = self.r
        y, m, d = r.randint(1950, 2005), r.randint(1, 12), r.randint(1, 28)
        if lang == "zh":
            return r.choice([f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}/{m}/{d}"])
        mon = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"][m - 1]  # fmt: skip
        return r.choice([f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{mon} {d}, {y}", f"{d} {mon} {y}"])

    def passport(self, lang: str) -> str:
        r = self.r
        if lang == "zh" or r.random() < 0.5:
            return r.choice("EG") + "".join(r.choice(string.digits) for _ in range(8))
        return "".join(r.choice(string.digits) for _ in range(9))

    def uscc_value(self) -> str:
        r = self.r
        chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        body = "91" + r.choice(_CN_AREAS) + "".join(r.choice(chars) for _ in range(9))
        return body + uscc.calc_check_digit(body + "0")

    # -- non-PII ---------------------------------------------------------------------------------
    def order(self) -> str:
        r = self.r
        n = r.choice([16, 18, 19, 20, 22])
        body = "".join(r.choice(string.digits) for _ in range(n - 1))
        body = "2" + body[1:]
        if n in (16, 19) and r.random() < 0.5:
            return body + luhn.calc_check_digit(body)  # a Luhn collision on purpose
        return body + r.choice(string.digits)

    def merchant(self) -> str:
        return str(self.r.randint(10**14, 10**15 - 1))

    def amount(self, lang: str) -> str:
        v = self.r.choice([self.r.randint(1, 500) * 100, self.r.randint(100, 99999)])
        if lang == "zh":
            return self.r.choice([f"{v}元", f"人民币{v:,}元", f"¥{v:,}.00", f"{v / 10000:.1f}万元"])
        return self.r.choice([f"${v:,}", f"USD {v:,}.00", f"{v:,} yuan", f"RMB {v:,}"])

    def date(self, lang: str) -> str:
        r = self.r
        y, m, d = r.randint(2022, 2026), r.randint(1, 12), r.randint(1, 28)
        if lang == "zh":
            return r.choice([f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{m}月{d}日"])
        return r.choice([f"{y}-{m:02d}-{d:02d}", f"{m}/{d}/{y}", f"March {d}, {y}"])

    def time(self) -> str:
        r = self.r
        return r.choice(
            [
                f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}",
                f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}",
            ]
        )

    def hotline(self, lang: str) -> str:
        r = self.r
        if lang == "zh":
            return r.choice(
                [
                    "95588",
                    "95533",
                    "95599",
                    "95566",
                    "95555",
                    f"400-{r.randint(100, 999)}-{r.randint(1000, 9999)}",
                    "96688",
                ]
            )
        return r.choice(
            [
                f"1-800-{r.randint(200, 999)}-{r.randint(1000, 9999)}",
                f"1-888-{r.randint(200, 999)}-{r.randint(1000, 9999)}",
                "95588",
            ]
        )

    def case(self) -> str:
        r = self.r
        return r.choice([f"AJ{r.randint(2022, 2026)}{r.randint(100000, 999999)}", f"RH-{r.randint(2022, 2026)}-{r.randint(1000, 99999)}",
                         str(r.randint(10**9, 10**12))])  # fmt: skip


_PII_SLOTS = {
    "PERSON": "PERSON", "PERSON2": "PERSON", "PERSON_LAST": "PERSON", "ADDRESS": "ADDRESS", "CN_ID": "CN_ID",
    "BANK_CARD": "BANK_CARD", "BANK_ACCOUNT": "BANK_ACCOUNT", "PHONE": "PHONE", "EMAIL": "EMAIL",
    "IP_ADDRESS": "IP_ADDRESS", "IBAN": "IBAN", "LICENSE_PLATE": "LICENSE_PLATE", "SOCIAL_ACCOUNT": "SOCIAL_ACCOUNT",
    "DEVICE_ID": "DEVICE_ID", "CRYPTO_WALLET": "CRYPTO_WALLET", "URL": "URL", "DATE_OF_BIRTH": "DATE_OF_BIRTH",
    "PASSPORT": "PASSPORT", "USCC": "USCC",
}  # fmt: skip
_SLOT = re.compile(r"\{([A-Z0-9_]+)\}")


def _fill(g: _Gen, slot: str, lang: str, memo: dict[str, str]) -> str:
    if slot in memo:
        return memo[slot]
    table = {
        "PERSON": lambda: g.person(lang), "PERSON2": lambda: g.person(lang),
        "PERSON_LAST": lambda: g.fe.last_name(), "ADDRESS": lambda: g.address(lang), "CN_ID": g.cn_id,
        "BANK_CARD": g.bank_card, "BANK_ACCOUNT": g.bank_account, "PHONE": lambda: g.phone(lang), "EMAIL": g.email,
        "IP_ADDRESS": g.ip, "IBAN": g.iban, "LICENSE_PLATE": g.plate, "SOCIAL_ACCOUNT": lambda: g.social(lang),
        "DEVICE_ID": g.device, "CRYPTO_WALLET": g.wallet, "URL": g.url, "DATE_OF_BIRTH": lambda: g.dob(lang),
        "PASSPORT": lambda: g.passport(lang), "USCC": g.uscc_value, "ORDER": g.order, "MERCHANT": g.merchant,
        "AMOUNT": lambda: g.amount(lang), "DATE": lambda: g.date(lang), "TIME": g.time, "MCC": lambda: g.r.choice(["5411", "6011", "5999", "7995", "4829"]),
        "BIN": lambda: g.r.choice(_BINS), "HOTLINE": lambda: g.hotline(lang), "CASE": g.case,
        "COUNT": lambda: str(g.r.randint(2, 60)), "LAST4": lambda: f"{g.r.randint(0, 9999):04d}",
        "PERSON2_REF": lambda: g.r.choice(["the man", "this person", "the contact"]),
    }  # fmt: skip
    value = table[slot]()
    if slot in ("PERSON", "PERSON2"):
        memo[slot] = value
    return value


def generate(n: int = 2000, seed: int = 20261124, languages: tuple[str, ...] = ("zh", "en")) -> list[Sample]:
    """``n`` narratives, alternating languages, rendered from the templates with a fixed seed."""
    g = _Gen(seed)
    out: list[Sample] = []
    for k in range(n):
        lang = languages[k % len(languages)]
        template = g.r.choice(ZH_TEMPLATES if lang == "zh" else EN_TEMPLATES)
        memo: dict[str, str] = {}
        pieces: list[str] = []
        spans: list[tuple[int, int, str]] = []
        negatives: list[tuple[int, int, str]] = []
        pos = 0
        length = 0
        for m in _SLOT.finditer(template):
            lit = template[pos : m.start()]
            pieces.append(lit)
            length += len(lit)
            value = _fill(g, m.group(1), lang, memo)
            entity = _PII_SLOTS.get(m.group(1))
            (spans if entity else negatives).append((length, length + len(value), entity or m.group(1)))
            pieces.append(value)
            length += len(value)
            pos = m.end()
        pieces.append(template[pos:])
        out.append(Sample("".join(pieces), lang, spans, negatives))
    return out
