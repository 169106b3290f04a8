"""Stable codes the API accepts: fraud types (DESIGN.md), channels, indicator kinds."""

from __future__ import annotations

#: Fraud-type code → (zh label, en label). Codes are stable; labels may be reworded.
FRAUD_TYPES: dict[str, tuple[str, str]] = {
    "card_cash_out": ("信用卡套现", "card cash-out"),
    "merchant_collusion": ("商户虚假交易", "merchant collusion"),
    "mule_account": ("跑分·洗钱账户", "money-mule account"),
    "card_not_present": ("无卡盗刷", "card-not-present fraud"),
    "account_takeover": ("账户盗用", "account takeover"),
    "identity_fraud": ("冒名办卡", "identity fraud"),
    "phishing": ("钓鱼", "phishing"),
    "impersonation_service": ("冒充客服", "impersonating customer service"),
    "impersonation_authority": ("冒充公检法", "impersonating authorities"),
    "investment_scam": ("虚假投资理财", "investment scam"),
    "loan_scam": ("虚假贷款", "loan scam"),
    "task_scam": ("刷单返利", "task and order-brushing scam"),
    "romance_scam": ("婚恋交友·杀猪盘", "romance scam"),
    "refund_scam": ("退款诈骗", "refund scam"),
    "other": ("其他", "other"),
}

#: Channel code → (zh label, en label).
CHANNELS: dict[str, tuple[str, str]] = {
    "pos": ("POS 刷卡", "card-present POS"),
    "online": ("网上支付", "online / e-commerce"),
    "mobile_app": ("手机银行/APP", "mobile app"),
    "qr_code": ("扫码支付", "QR-code payment"),
    "atm": ("ATM", "ATM"),
    "counter": ("柜面", "branch counter"),
    "phone_call": ("电话", "phone call"),
    "sms": ("短信", "SMS"),
    "social_media": ("社交软件", "social media / messaging"),
    "transfer": ("转账", "bank transfer"),
    "other": ("其他", "other"),
}

#: Indicator kinds a member may attach to a case or look up.
INDICATOR_KINDS = ("phone", "card", "account", "device", "email", "ip", "url", "wallet")
