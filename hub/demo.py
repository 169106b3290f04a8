"""Demo data: members, keys of every role and a few hundred synthetic zh / en cases (Faker).

The narratives carry synthetic personal data (names, phones, ID and card numbers, addresses) so the
anonymizer has something to do; they go through the same service as an API upload.
"""

from __future__ import annotations

import random
import secrets
from datetime import timedelta

from faker import Faker

from hub.extensions import db
from hub.models import Case, Member, Role, utcnow
from hub.services import cases as case_service
from hub.services import members as member_service
from hub.services import moderation, users

DEMO_MEMBERS = [
    ("示范银行（演示）", "risk@demo-bank.example", "zh"),
    ("华东城商行（演示）", "fraud@east-city.example", "zh"),
    ("Harbour Card Services (demo)", "alerts@harbour-cards.example", "en"),
    ("联盟秘书处（演示）", "secretariat@alliance.example", "zh"),
]

# fraud type → (channel choices, mcc choices, zh templates, en templates)
_TYPES: dict[str, tuple] = {
    "card_cash_out": (
        ["pos", "qr_code"],
        ["5411", "5311", "5732"],
        [
            "持卡人{name}在{city}某商户通过POS机分{n}笔刷卡套现共{amount}元，商户号{mid}，资金当日转入{card}，联系电话{phone}。",
            "客户{name}（身份证号{idno}）利用信用卡{card}在MCC {mcc}的商户虚构交易套现{amount}元，中介{name2}收取手续费。",
        ],
        [
            "Cardholder {ename} ran {n} POS transactions worth {amount} CNY at a merchant (MID {mid}) in {ecity}; funds moved to card {card} the same day. Phone {phone}.",
        ],
    ),
    "task_scam": (
        ["social_media", "mobile_app"],
        ["4829"],
        [
            "受害人{name}在社交软件上被拉入刷单返利群，先小额返利后被要求连续转账共{amount}元至账户{card}，对方微信号{wechat}。",
            "{name}接到兼职刷单邀请，按“客服”要求下载APP做任务，累计转出{amount}元，对方手机号{phone}，收款卡{card}。",
        ],
        [
            "Victim {ename} joined an order-brushing task group, got small rebates first, then transferred {amount} CNY in total to account {card}. Contact phone {phone}.",
        ],
    ),
    "impersonation_service": (
        ["phone_call"],
        [None],
        [
            "嫌疑人冒充电商平台客服致电{name}（{phone}），称其误开通会员需取消，诱导其通过屏幕共享转账{amount}元至{card}。",
            "客户{name}接到自称快递客服的电话，以理赔为由索要银行卡{card}及验证码，损失{amount}元，来电号码{phone}。",
        ],
        [
            "A caller posing as e-commerce customer service told {ename} ({phone}) a membership had to be cancelled and had them share their screen; {amount} CNY went to card {card}.",
        ],
    ),
    "impersonation_authority": (
        ["phone_call", "transfer"],
        [None],
        [
            "嫌疑人冒充公安民警致电受害人{name}，称其涉嫌洗钱案件，要求将{amount}元转入“安全账户”{card}，来电{phone}。",
        ],
        [
            "Fraudsters impersonating police told {ename} their account was linked to money laundering and had them move {amount} CNY to a 'safe account' {card}.",
        ],
    ),
    "investment_scam": (
        ["mobile_app", "online"],
        ["6211"],
        [
            "受害人{name}经网友推荐下载虚假投资理财APP，前期提现成功后追加投入{amount}元后无法提现，收款账户{card}，联系人邮箱{email}。",
        ],
        [
            "{ename} was introduced to a fake investment app by an online contact; after early withdrawals worked, a further {amount} CNY could not be withdrawn. Contact e-mail {email}.",
        ],
    ),
    "card_not_present": (
        ["online"],
        ["5999", "4814"],
        [
            "持卡人{name}的信用卡{card}在境外网站发生{n}笔无卡交易共{amount}元，本人称卡片未离身，设备IP {ip}。",
        ],
        [
            "Card {card} of {ename} had {n} card-not-present purchases totalling {amount} CNY at an overseas site from IP {ip}; the cardholder still holds the card.",
        ],
    ),
    "loan_scam": (
        ["phone_call", "mobile_app"],
        [None],
        [
            "受害人{name}在网上申请低息贷款，对方以“解冻费”“保证金”为由要求转账{amount}元至{card}，联系电话{phone}。",
        ],
        [
            "{ename} applied for a low-interest loan online and was asked for 'unfreezing fees' of {amount} CNY paid to {card}; caller {phone}.",
        ],
    ),
    "mule_account": (
        ["transfer"],
        [None],
        [
            "账户{card}开户人{name}（住址{address}）短期内频繁快进快出，疑似出租出借用于跑分，累计流水{amount}元。",
        ],
        [
            "Account {card} held by {ename} showed rapid in-and-out transfers of {amount} CNY in total, consistent with a rented money-mule account.",
        ],
    ),
}


def _card(rng: random.Random) -> str:
    from stdnum import luhn

    body = rng.choice(["622848", "621700", "622202", "625807", "436742"]) + "".join(
        str(rng.randrange(10)) for _ in range(rng.choice([9, 12]))
    )
    return body + luhn.calc_check_digit(body)


def _idno(rng: random.Random) -> str:
    from stdnum.cn import ric

    body = (
        rng.choice(["330106", "110105", "440305", "510104"]) + f"{rng.randint(1960, 2003)}"
        f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    )
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a check-digit slot


def _narrative(rng: random.Random, fz: Faker, fe: Faker, template: str) -> str:
    values = {
        "name": fz.name(),
        "name2": fz.name(),
        "ename": fe.name(),
        "city": fz.city(),
        "ecity": fe.city(),
        "phone": rng.choice(["1", "+86 1"])
        + str(rng.choice([3, 5, 7, 8, 9]))
        + "".join(str(rng.randrange(10)) for _ in range(9)),
        "card": _card(rng),
        "idno": _idno(rng),
        "amount": f"{rng.randint(200, 90000)}",
        "n": rng.randint(2, 12),
        "mid": "".join(str(rng.randrange(10)) for _ in range(15)),
        "mcc": rng.choice(["5411", "5311", "5732"]),
        "wechat": "wxid_" + fe.lexify("????????").lower(),
        "email": fe.email(),
        "ip": fe.ipv4_public(),
        "address": fz.address().split(" ")[0],
    }
    return template.format(**values)


def generate_cases(n: int, seed: int = 2026, weeks: int = 6) -> list[dict]:
    """``n`` synthetic case submissions (as the API takes them) spread over the last ``weeks`` weeks."""
    rng = random.Random(seed)
    fz, fe = Faker("zh_CN"), Faker("en_US")
    fz.seed_instance(seed)
    fe.seed_instance(seed + 1)
    now = utcnow()
    out = []
    types = list(_TYPES)
    for i in range(n):
        fraud_type = rng.choice(types)
        channels, mccs, zh, en = _TYPES[fraud_type]
        template = rng.choice(zh if rng.random() < 0.7 else en)
        occurred = now - timedelta(days=rng.uniform(0, weeks * 7), hours=rng.uniform(0, 24))
        mcc = rng.choice(mccs)
        out.append(
            {
                "external_ref": f"DEMO-{seed}-{i:05d}",
                "occurred_at": occurred.replace(microsecond=0).isoformat() + "Z",
                "fraud_type": fraud_type,
                "channel": rng.choice(channels),
                **({"mcc": mcc} if mcc else {}),
                "amount": f"{rng.randint(200, 90000)}.00",
                "currency": "CNY",
                "region": fz.province() + fz.city(),
                "narrative": _narrative(rng, fz, fe, template),
                "indicators": [{"type": "phone", "value": f"13{rng.randrange(10**9):09d}"}]
                if rng.random() < 0.3
                else [],
            }
        )
    return out


def seed_demo(n_cases: int = 400, seed: int = 2026) -> dict | None:
    """Create the demo data unless members exist; return what was made (keys shown once) or ``None``."""
    from hub.api.cases.schemas import CaseCreateSchema

    if db.session.execute(db.select(Member.id).limit(1)).first() is not None:
        return None
    members = [member_service.create_member(name, email, lang) for name, email, lang in DEMO_MEMBERS]
    keys = []
    for member, role in (
        (members[0], Role.MEMBER),
        (members[1], Role.MEMBER),
        (members[2], Role.MEMBER),
        (members[0], Role.SUBSCRIBER),
        (members[2], Role.SUBSCRIBER),
        (members[3], Role.ADMIN),
    ):
        issued = member_service.issue_key(member, role, label="demo")
        keys.append(f"{role.value:<10} {member.code}  {member.name}:  {issued.secret}")
    # people for the web pages: one password for the demo, printed once like the keys
    password = secrets.token_urlsafe(9)
    for member, username, role in (
        (members[0], "analyst", Role.MEMBER),
        (members[2], "reader", Role.SUBSCRIBER),
        (members[3], "admin", Role.ADMIN),
    ):
        users.create_user(member, username, password, role, language=member.language)
    schema = CaseCreateSchema()
    rng = random.Random(seed)
    submitters = members[:3]
    for row in generate_cases(n_cases, seed):
        case_service.submit_case(rng.choice(submitters), schema.load(row))
    admin_key = members[3].api_keys[0] if members[3].api_keys else None
    now = utcnow()
    pending = db.session.execute(db.select(Case).order_by(Case.occurred_at)).scalars().all()
    for case in pending:
        # history for the demo: each case reported a few hours after it happened
        case.submitted_at = min(now, case.occurred_at + timedelta(hours=rng.uniform(1, 36)))
        if rng.random() < 0.8:
            moderation.approve(case, moderator=admin_key)
        elif rng.random() < 0.3:
            moderation.reject(case, "demo: not enough detail to share", moderator=admin_key)
    db.session.commit()
    return {
        "members": len(members),
        "cases": n_cases,
        "keys": keys,
        "people": {"usernames": ["analyst", "reader", "admin"], "password": password},
    }
