"""Bilingual labels for codes that appear in a bulletin (channels, MCC groups, statuses, kinds).

Unknown codes are shown as they are: the hub may add channels or groups before this table knows them.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from .actions import FRAUD_TYPE_LABELS

LANGS: Final = ("zh", "en")

CHANNEL_LABELS: Final = MappingProxyType(
    {
        "pos": {"zh": "POS 刷卡", "en": "POS"},
        "online": {"zh": "网上支付", "en": "online"},
        "mobile_app": {"zh": "手机银行", "en": "mobile app"},
        "qr_code": {"zh": "扫码支付", "en": "QR code"},
        "atm": {"zh": "ATM", "en": "ATM"},
        "counter": {"zh": "柜面", "en": "branch counter"},
        "phone": {"zh": "电话", "en": "phone"},
        "transfer": {"zh": "转账汇款", "en": "transfer"},
        "third_party": {"zh": "第三方支付", "en": "third-party payment"},
        "other": {"zh": "其他", "en": "other"},
    }
)

MCC_GROUP_LABELS: Final = MappingProxyType(
    {
        "retail": {"zh": "零售", "en": "retail"},
        "grocery": {"zh": "超市·食品", "en": "grocery"},
        "wholesale": {"zh": "批发", "en": "wholesale"},
        "jewelry": {"zh": "珠宝·贵金属", "en": "jewellery & precious metals"},
        "electronics": {"zh": "电子产品", "en": "electronics"},
        "travel": {"zh": "旅行·交通", "en": "travel & transport"},
        "hotel_dining": {"zh": "酒店·餐饮", "en": "hotels & dining"},
        "digital_goods": {"zh": "数字商品·游戏", "en": "digital goods & games"},
        "gambling": {"zh": "博彩", "en": "gambling"},
        "financial": {"zh": "金融服务", "en": "financial services"},
        "cash": {"zh": "取现·准现金", "en": "cash & quasi-cash"},
        "money_transfer": {"zh": "资金划转", "en": "money transfer"},
        "services": {"zh": "服务", "en": "services"},
        "utilities": {"zh": "公共事业", "en": "utilities"},
        "government": {"zh": "政府·税费", "en": "government & taxes"},
        "other": {"zh": "其他", "en": "other"},
    }
)

STATUS_LABELS: Final = MappingProxyType(
    {
        "NEW": {"zh": "新出现", "en": "New"},
        "GROWING": {"zh": "增长中", "en": "Growing"},
        "STABLE": {"zh": "平稳", "en": "Stable"},
        "FADING": {"zh": "减弱", "en": "Fading"},
    }
)

INDICATOR_KIND_LABELS: Final = MappingProxyType(
    {
        "PHONE": {"zh": "电话号码", "en": "phone"},
        "CARD": {"zh": "银行卡号", "en": "card"},
        "ACCOUNT": {"zh": "账户", "en": "account"},
        "DEVICE": {"zh": "设备", "en": "device"},
        "EMAIL": {"zh": "电子邮箱", "en": "e-mail"},
        "IP": {"zh": "IP 地址", "en": "IP address"},
        "URL": {"zh": "网址", "en": "URL"},
        "MERCHANT": {"zh": "商户", "en": "merchant"},
    }
)

DIMENSION_LABELS: Final = MappingProxyType(
    {
        "fraud_type": {"zh": "按风险类型", "en": "By fraud type"},
        "channel": {"zh": "按渠道", "en": "By channel"},
        "region": {"zh": "按地区", "en": "By region"},
        "mcc_group": {"zh": "按商户类别", "en": "By merchant category"},
    }
)

BREAKDOWN_DIMENSIONS: Final = tuple(DIMENSION_LABELS)

_TABLES: Final = {
    "fraud_type": FRAUD_TYPE_LABELS,
    "channel": CHANNEL_LABELS,
    "mcc_group": MCC_GROUP_LABELS,
}


def label_for(dimension: str, key: str) -> dict[str, str]:
    """Return ``{"zh": ..., "en": ...}`` for a breakdown key; unknown keys are shown as they are."""
    table = _TABLES.get(dimension, {})
    label = table.get(key)
    return dict(label) if label else {"zh": key, "en": key}


# Strings used by the HTML and PDF templates.
UI: Final = MappingProxyType(
    {
        "zh": {
            "title": "风险预警报告",
            "subtitle": "联盟反欺诈风险情报共享 · 周报",
            "period": "报告周期",
            "week": "{year} 年第 {week} 周",
            "timezone": "时区",
            "generated_at": "生成时间",
            "distribution": "仅供联盟成员内部使用，不得对外转发",
            "summary": "本周概览",
            "cases": "案件数",
            "amount_total": "涉案金额",
            "members": "报送成员数",
            "members_short": "成员数",
            "vs_previous": "较上周",
            "vs_mean": "较前 4 周均值",
            "previous": "上周",
            "mean_4w": "前 4 周均值",
            "trend": "近 5 周趋势",
            "highlights": "本周要点",
            "patterns": "攻击模式",
            "patterns_intro": "新出现与增长中的模式详列于前；平稳与减弱的模式汇总于表格。",
            "other_patterns": "平稳与减弱的模式",
            "change": "较上周",
            "pattern": "模式",
            "status": "状态",
            "fraud_type": "风险类型",
            "keywords": "关键词",
            "size": "本周案件",
            "size_trend": "案件数走势",
            "amount_band": "金额区间",
            "excerpt": "代表性案例摘要（已匿名化）",
            "feedback": "成员反馈",
            "seen": "也已发现",
            "not_relevant": "不相关",
            "no_patterns": "本周没有达到发布门槛的模式。",
            "suppressed_patterns": "另有 {count} 个模式（共 {cases} 起案件）的报送成员少于 {k} 家，"
            "仅计入总数，不作描述。",
            "breakdowns": "分类统计",
            "key": "类别",
            "share": "占比",
            "more_rows": "其余 {rows} 个类别",
            "amount": "金额",
            "suppressed_rows": "其他（报送成员少于 {k} 家的 {rows} 个类别）",
            "indicators": "多家成员报送的共享指标",
            "indicators_intro": "仅列出令牌（不可逆的哈希值）与计数；可在 RiskHub 中按原值查询。",
            "kind": "类型",
            "token": "令牌",
            "first_seen": "首次出现",
            "last_seen": "最近出现",
            "no_indicators": "本周没有被多家成员同时报送的指标。",
            "more_indicators": "另有 {count} 个指标未列出。",
            "actions": "处置建议",
            "methodology": "方法说明",
            "chain": "完整性",
            "previous_digest": "上一期报告摘要 (SHA-256)",
            "first_bulletin": "本期为链上第一期报告。",
            "page": "第 {page} 页",
            "na": "—",
            "new_base": "新增",
            "up_to": "以上",
        },
        "en": {
            "title": "Risk Early-Warning Report",
            "subtitle": "Alliance anti-fraud intelligence sharing · weekly",
            "period": "Period",
            "week": "Week {week}, {year}",
            "timezone": "Time zone",
            "generated_at": "Generated",
            "distribution": "For alliance members only. Do not forward outside the alliance.",
            "summary": "This week at a glance",
            "cases": "Cases",
            "amount_total": "Amount involved",
            "members": "Reporting members",
            "members_short": "Members",
            "vs_previous": "vs last week",
            "vs_mean": "vs 4-week mean",
            "previous": "Last week",
            "mean_4w": "4-week mean",
            "trend": "Five-week trend",
            "highlights": "Highlights",
            "patterns": "Attack patterns",
            "patterns_intro": "New and growing patterns in detail, stable and fading ones in a table.",
            "other_patterns": "Stable and fading patterns",
            "change": "vs last week",
            "pattern": "Pattern",
            "status": "Status",
            "fraud_type": "Fraud type",
            "keywords": "Keywords",
            "size": "Cases this week",
            "size_trend": "Cases by week",
            "amount_band": "Amount band",
            "excerpt": "Representative excerpt (anonymized)",
            "feedback": "Member feedback",
            "seen": "seen it too",
            "not_relevant": "not relevant",
            "no_patterns": "No pattern reached the publication threshold this week.",
            "suppressed_patterns": "{count} more pattern(s) ({cases} cases) were reported by fewer than "
            "{k} members: counted in the totals, not described.",
            "breakdowns": "Breakdowns",
            "key": "Category",
            "share": "Share",
            "more_rows": "{rows} more categories",
            "amount": "Amount",
            "suppressed_rows": "Other ({rows} categories with fewer than {k} reporting members)",
            "indicators": "Indicators reported by several members",
            "indicators_intro": "Tokens (irreversible keyed hashes) and counts only; look up a raw value "
            "in RiskHub.",
            "kind": "Kind",
            "token": "Token",
            "first_seen": "First seen",
            "last_seen": "Last seen",
            "no_indicators": "No indicator was reported by several members this week.",
            "more_indicators": "{count} more indicator(s) not listed.",
            "actions": "Recommended actions",
            "methodology": "Methodology",
            "chain": "Integrity",
            "previous_digest": "Previous bulletin digest (SHA-256)",
            "first_bulletin": "This is the first bulletin of the chain.",
            "page": "Page {page}",
            "na": "—",
            "new_base": "new",
            "up_to": "and above",
        },
    }
)
