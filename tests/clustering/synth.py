"""Synthetic case streams for the clustering tests (Faker zh_CN names and cities, fixed templates)."""

from __future__ import annotations

import random

import numpy as np
from faker import Faker

# each family is a bag of phrases; a case narrative strings 4 of them together, so that all cases of a
# family share one vocabulary (as real reports of one scheme do) without repeating one template
FAMILIES = {
    "police": [
        "您好，我是{city}公安局的{name}警官",
        "您的银行卡涉嫌一起洗钱案件",
        "需要您配合警方调查",
        "请把资金转入安全账户进行资金清查",
        "下载远程会议软件配合调查",
        "您名下的账户涉嫌诈骗被冻结",
        "调查结束后资金会退还给您",
        "不要告诉家人，案件需要保密",
        "刑侦支队已经立案侦查",
        "为了证明您的清白必须核查存款",
    ],
    "task": [
        "兼职刷单日结，在家用手机就能做",
        "点赞关注抖音主播即可赚取佣金",
        "加入任务群领取返利任务",
        "做满{k}单返还本金和提成",
        "每单佣金{n}元，当天到账",
        "先垫付货款完成任务后立即返利",
        "垫付越多返利越多，导师带单",
        "截图发给接待员领取红包",
        "连单任务未完成不能提现",
        "招聘网络兼职刷单员，轻松赚钱",
    ],
    "loan": [
        "无抵押低息贷款，凭身份证即可办理",
        "最高额度{n}万元，当天放款",
        "放款前需缴纳保证金激活额度",
        "因银行卡号填写错误资金被冻结",
        "需要先交解冻费才能放款",
        "征信不好也能贷款，快速审批",
        "先支付手续费验证还款能力",
        "贷款客服通知您的贷款已审批",
        "刷流水提高信用分后即可到账",
        "逾期会影响征信，请尽快处理",
    ],
    "game": [
        "出售{game}游戏账号和稀有装备皮肤",
        "请在游戏交易平台下单付款",
        "账号被冻结需要缴纳保证金解冻",
        "我想买你的{game}游戏账号",
        "提现时平台提示账户冻结需充值",
        "低价代充{game}游戏点券",
        "扫码付款后客服发货",
        "交易平台显示订单异常需要再次付款",
        "游戏币和装备半价转让",
        "平台客服说需要认证卖家身份",
    ],
}

#: a credit-repair scheme that shares three phrases with "loan": a clusterer told k puts it in one
#: cluster with a known pattern (the situation of the withheld type in the replay); not in FAMILIES,
#: the tests that need it add it
CREDIT = FAMILIES["loan"][5:8] + [
    "征信修复中心可以帮您消除逾期记录",
    "专业团队内部渠道修改征信报告",
    "先交{n}元服务费开始修复",
    "修复成功后可以重新申请信用卡",
    "我们和人民银行征信中心有合作",
    "名额有限，今天签约打八折",
    "黑名单也能洗白，保证通过",
]
# a variant of "police": the same scheme, now with a procuratorate and an arrest warrant
VARIANT = FAMILIES["police"][1:8] + [
    "您好，我是{city}检察院的{name}检察官",
    "检察院已经对您签发通缉令",
    "请下载{app}会议软件接受检察官问询",
]
APPS = ["钉钉", "Zoom", "美ONE", "口口", "易借", "速贷", "聚财", "闪银"]
GAMES = ["王者荣耀", "和平精英", "原神", "梦幻西游"]


class StreamFactory:
    """Builds case dicts with unique ids from the families above."""

    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.counter = 0
        self.names = [self.fake.name() for _ in range(200)]
        self.cities = [self.fake.city_name() for _ in range(100)]

    def text(self, family: str) -> str:
        templates = VARIANT if family == "variant" else FAMILIES[family]
        fill = {
            "name": self.rng.choice(self.names),
            "city": self.rng.choice(self.cities),
            "app": self.rng.choice(APPS),
            "game": self.rng.choice(GAMES),
            "n": self.rng.randint(100, 99999),
            "k": self.rng.randint(3, 30),
        }
        phrases = self.rng.sample(templates, 4)
        return "，".join(phrases).format(**fill) + "。"

    def cases(self, family: str, count: int, **fields) -> list[dict]:
        out = []
        for _ in range(count):
            self.counter += 1
            case = {
                "id": f"c{self.counter}",
                "text": self.text(family),
                "family": family,
                "member": f"member-{self.rng.randint(1, 12)}",
                "amount": float(self.rng.randint(500, 50_000)),
                "currency": "CNY",
            }
            case.update(fields)
            out.append(case)
        return out


# -- LSA-space points for the variant spread tests ---------------------------------------------------


def unit(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length."""
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def points(rng: np.random.Generator, centre: np.ndarray, count: int, noise: float) -> np.ndarray:
    """``count`` unit vectors scattered around ``centre``."""
    return unit(centre + noise * rng.standard_normal((count, len(centre))))


def centre_and_shifted(dim: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """A pattern's direction and one at cosine 0.6 to it."""
    centre = np.zeros(dim)
    centre[0] = 1.0
    shifted = np.zeros(dim)
    shifted[0], shifted[1] = 0.6, 0.8
    return centre, shifted
