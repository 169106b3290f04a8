"""Recommended actions per fraud type: the maintained zh / en table.

Keys are the stable fraud-type codes of the taxonomy in ``DESIGN.md``. Each entry carries the
type's labels and a short list of actions a member's risk team can take this week. Edit this table
by pull request; ``tests/bulletins/test_actions.py`` checks that every code has both languages and the same
number of actions in each.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

FRAUD_TYPE_LABELS: Final = MappingProxyType(
    {
        "card_cash_out": {"zh": "信用卡套现", "en": "card cash-out"},
        "merchant_collusion": {"zh": "商户虚假交易", "en": "merchant collusion"},
        "mule_account": {"zh": "跑分·洗钱账户", "en": "money-mule account"},
        "card_not_present": {"zh": "无卡盗刷", "en": "card-not-present fraud"},
        "account_takeover": {"zh": "账户盗用", "en": "account takeover"},
        "identity_fraud": {"zh": "冒名办卡", "en": "identity fraud"},
        "phishing": {"zh": "钓鱼", "en": "phishing"},
        "impersonation_service": {"zh": "冒充客服", "en": "impersonating customer service"},
        "impersonation_authority": {"zh": "冒充公检法", "en": "impersonating authorities"},
        "investment_scam": {"zh": "虚假投资理财", "en": "investment scam"},
        "loan_scam": {"zh": "虚假贷款", "en": "loan scam"},
        "task_scam": {"zh": "刷单返利", "en": "task and order-brushing scam"},
        "romance_scam": {"zh": "婚恋交友·杀猪盘", "en": "romance scam"},
        "refund_scam": {"zh": "退款诈骗", "en": "refund scam"},
        "other": {"zh": "其他", "en": "other"},
    }
)

FRAUD_TYPES: Final = tuple(FRAUD_TYPE_LABELS)

RECOMMENDED_ACTIONS: Final = MappingProxyType(
    {
        "card_cash_out": {
            "zh": [
                "监控同一商户短时间内整额、近额度上限的交易，以及还款后立即大额消费的循环模式。",
                "对高风险 MCC（批发、珠宝、贵金属、预付卡）商户复核交易真实性与经营场所。",
                "对疑似套现卡片降额或暂停分期，并对关联 POS 终端发起收单机构协查。",
            ],
            "en": [
                "Watch for round, near-limit purchases at one merchant shortly after repayment "
                "(repay-and-spend cycles).",
                "Re-verify trade reality and premises of merchants in high-risk MCCs (wholesale, "
                "jewellery, precious metals, prepaid).",
                "Lower limits or suspend instalments on suspected cards and ask the acquirer to review "
                "linked POS terminals.",
            ],
        },
        "merchant_collusion": {
            "zh": [
                "比对商户交易笔数、客单价与其登记经营范围及同类商户基线，识别异常峰值。",
                "核查同一终端或商户号下是否集中出现多张新卡、异地卡。",
                "与收单机构共享可疑商户标识（令牌），必要时暂停结算。",
            ],
            "en": [
                "Compare merchant volume and ticket size with its registered business and peer "
                "baseline; investigate spikes.",
                "Check whether one terminal or merchant id concentrates many new or out-of-region cards.",
                "Share suspicious merchant tokens with acquirers and hold settlement where warranted.",
            ],
        },
        "mule_account": {
            "zh": [
                "识别快进快出、分散转入集中转出、夜间高频的账户资金流。",
                "对新开户且短期内与多个共享指标相关联的账户加强尽职调查。",
                "对已确认的跑分账户及时冻结并按规定上报。",
            ],
            "en": [
                "Flag fast in/fast out, fan-in/fan-out and night-time high-frequency flows.",
                "Apply enhanced due diligence to new accounts linked to several shared indicators.",
                "Freeze confirmed mule accounts promptly and file the required reports.",
            ],
        },
        "card_not_present": {
            "zh": [
                "对陌生设备、新收货地址的线上交易强制 3-D Secure 或动态验证。",
                "监控同一设备或 IP 尝试多张卡号（撞卡）的行为。",
                "对本报告中的共享设备令牌设置拦截或加强验证规则。",
            ],
            "en": [
                "Require 3-D Secure or step-up authentication for new devices and new shipping addresses.",
                "Detect card testing: one device or IP trying many card numbers.",
                "Add block or step-up rules for the shared device tokens listed in this report.",
            ],
        },
        "account_takeover": {
            "zh": [
                "对更换手机号、重置密码后短时间内的大额转账实施延时或二次确认。",
                "监控异常登录地、模拟器及新设备绑定。",
                "提醒客户勿向任何人透露验证码。",
            ],
            "en": [
                "Delay or re-confirm large transfers shortly after a phone change or password reset.",
                "Monitor unusual login locations, emulators and new device bindings.",
                "Remind customers never to share one-time codes with anyone.",
            ],
        },
        "identity_fraud": {
            "zh": [
                "加强远程开户的活体检测与证件真伪校验。",
                "比对申请信息与共享指标，识别同一联系方式用于多份申请。",
                "对新卡早期交易设置更严格的限额与监控。",
            ],
            "en": [
                "Strengthen liveness and document checks for remote onboarding.",
                "Match applications against shared indicators to find one contact reused across "
                "applications.",
                "Apply tighter limits and monitoring to new cards' early transactions.",
            ],
        },
        "phishing": {
            "zh": [
                "将本报告中的钓鱼链接与短信模板加入拦截与客户提示。",
                "对近期访问可疑链接后的登录与交易提高风险评分。",
                "通过官方渠道向客户推送防钓鱼提醒。",
            ],
            "en": [
                "Add the phishing links and SMS templates seen here to blocklists and customer warnings.",
                "Raise risk scores for logins and payments shortly after a suspicious link visit.",
                "Send anti-phishing reminders through official channels.",
            ],
        },
        "impersonation_service": {
            "zh": [
                "提醒客户：官方客服不会要求开启屏幕共享、转账至“安全账户”或提供验证码。",
                "识别通话期间发生的屏幕共享类应用安装与大额转账。",
                "对“退款”“注销校园贷”等话术相关交易进行人工回访。",
            ],
            "en": [
                "Tell customers: real service staff never ask for screen sharing, transfers to a "
                "'safe account' or one-time codes.",
                "Detect screen-sharing app installs and large transfers during an ongoing call.",
                "Call back customers on payments linked to 'refund' or 'close your student loan' scripts.",
            ],
        },
        "impersonation_authority": {
            "zh": [
                "对向陌生个人账户的大额、首笔转账触发劝阻流程。",
                "提醒客户：公检法机关不会通过电话要求转账或设立“安全账户”。",
                "发现疑似案件时及时联系公安反诈中心。",
            ],
            "en": [
                "Trigger a warning call for large first-time transfers to unknown personal accounts.",
                "Remind customers that police or courts never ask for transfers or 'safe accounts' by phone.",
                "Contact the police anti-fraud centre promptly on suspected cases.",
            ],
        },
        "investment_scam": {
            "zh": [
                "关注向同一收款方的多名客户持续转账，尤其是宣称高收益的平台。",
                "对老年客户与首次投资类转账加强提示。",
                "共享涉诈收款账户令牌并限制其入账。",
            ],
            "en": [
                "Watch many customers paying one beneficiary repeatedly, especially 'high-yield' platforms.",
                "Add warnings for elderly customers and first-time investment transfers.",
                "Share beneficiary tokens linked to scams and restrict their inbound payments.",
            ],
        },
        "loan_scam": {
            "zh": [
                "识别以“解冻费”“保证金”“刷流水”为名的小额多笔转账。",
                "提醒客户正规贷款不会要求放款前缴费。",
                "共享涉诈收款方令牌。",
            ],
            "en": [
                "Detect small repeated transfers labelled as 'unfreezing fee', 'deposit' or "
                "'turnover proof'.",
                "Remind customers that real lenders never charge before paying out.",
                "Share the scam beneficiaries' tokens.",
            ],
        },
        "task_scam": {
            "zh": [
                "关注向个人账户的逐笔递增转账（先小额返利再大额投入）。",
                "对兼职、点赞、刷单相关的收款方加强监控。",
                "在客户端向高风险客户展示刷单诈骗提示。",
            ],
            "en": [
                "Watch escalating transfers to personal accounts (small payouts first, larger "
                "'deposits' after).",
                "Monitor beneficiaries linked to part-time, 'like' or order-brushing tasks.",
                "Show order-brushing scam warnings in the app to at-risk customers.",
            ],
        },
        "romance_scam": {
            "zh": [
                "识别客户向新建立关系的收款方持续大额转账或购买虚拟资产。",
                "对疑似受害客户开展人工回访与劝阻。",
                "共享相关收款方与设备令牌。",
            ],
            "en": [
                "Detect sustained large transfers or crypto purchases towards a newly added payee.",
                "Call suspected victims and intervene.",
                "Share the related beneficiary and device tokens.",
            ],
        },
        "refund_scam": {
            "zh": [
                "提醒客户退款只会原路退回，无需提供银行卡信息或验证码。",
                "识别“退款”通话后发生的借贷、转账行为。",
                "与电商平台协作核实退款事件。",
            ],
            "en": [
                "Tell customers refunds go back to the original payment and never need card details "
                "or codes.",
                "Detect borrowing and transfers that follow a 'refund' call.",
                "Verify claimed refunds with the e-commerce platform.",
            ],
        },
        "other": {
            "zh": [
                "结合本报告的模式与共享指标复核自身规则覆盖。",
                "将新发现的手法通过 RiskHub 上报，帮助联盟识别。",
            ],
            "en": [
                "Review your rule coverage against the patterns and shared indicators in this report.",
                "Report new methods through RiskHub so the alliance can recognise them.",
            ],
        },
    }
)


def actions_for(fraud_type: str) -> dict[str, list[str]]:
    """Return the zh / en actions for ``fraud_type`` (unknown codes fall back to ``other``)."""
    entry = RECOMMENDED_ACTIONS.get(fraud_type, RECOMMENDED_ACTIONS["other"])
    return {"zh": list(entry["zh"]), "en": list(entry["en"])}


def fraud_type_label(fraud_type: str) -> dict[str, str] | None:
    """Return ``{"zh": ..., "en": ...}`` for a taxonomy code, or ``None`` if unknown."""
    label = FRAUD_TYPE_LABELS.get(fraud_type)
    return dict(label) if label else None
