"""WeChat, QQ and Alipay account ids, only next to their platform cue."""

from __future__ import annotations

import re

from anonymizer.entities import SOCIAL_ACCOUNT
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer

_SEP = r"\s*(?:[:：]|号码|号|账号|帐号|id|ID|为|是)?\s*(?:[:：]|为|是)?\s*"
_R = r"(?![0-9A-Za-z_\-@]|\.[0-9A-Za-z])"


_GATE = re.compile(
    r"微信|weixin|wechat|vx|wx|v信|薇信|威信|qq|扣扣|企鹅号|支付宝|alipay|抖音号|快手号|微博|telegram|tg|whatsapp|line"
)


class CnSocialAccountRecognizer(PatternRecognizer):
    """``微信号 wxid_abc123``, ``QQ 12345678``, ``支付宝账号 abc_123``, ``WeChat ID: zhang_88``.

    Phone numbers and e-mails used as account ids are left to the PHONE / EMAIL recognizers.
    """

    ENTITY = SOCIAL_ACCOUNT
    COUNTRY_CODE = "cn"
    PATTERNS = [
        Pattern(
            "wechat",
            r"(?=[微wWvV薇威])(?<![A-Za-z0-9])(?i:微信|weixin|wechat(?:\s?id)?|vx|wx|v信|薇信|威信)"
            + _SEP
            + r"(?P<v>[A-Za-z][A-Za-z0-9_\-]{5,19}|(?!1[3-9]\d{9}(?!\d))[1-9]\d{4,11})"
            + _R,
            0.85,
        ),
        Pattern(
            "qq",
            r"(?=[qQ扣企])(?<![A-Za-z0-9])(?i:qq|扣扣|企鹅号)"
            + _SEP
            + r"(?P<v>[1-9]\d{4,11}|[A-Za-z][A-Za-z0-9_.\-]{3,29})"
            + _R,
            1.0,
        ),
        Pattern(
            "alipay",
            r"(?=[支aA])(?<![A-Za-z0-9])(?i:支付宝|alipay)"
            + _SEP
            + r"(?P<v>[A-Za-z][A-Za-z0-9_\-]{3,29}|(?!1[3-9]\d{9}(?!\d))[1-9]\d{4,11})"
            + _R,
            0.8,
        ),
        Pattern(
            "social_other",
            r"(?=[抖快微tTwWlL])(?<![A-Za-z0-9])(?i:抖音号|快手号|微博|telegram|tg|whatsapp|line\s?id)"
            + _SEP
            + r"(?P<v>@?[A-Za-z][A-Za-z0-9_.\-]{3,31})"
            + _R,
            0.75,
        ),
    ]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return _GATE.search(ctx.lower) is not None

    def invalidate_result(self, value: str) -> bool:
        """Common words after a cue are not ids."""
        return value.lower() in _NOT_IDS or bool(re.fullmatch(r"(?i)[a-z]+", value) and len(value) < 6)

    def canonical(self, value: str) -> str:
        """Lower-cased id."""
        return value.lower()


_NOT_IDS = {
    "account",
    "number",
    "transfer",
    "payment",
    "group",
    "friend",
    "wallet",
    "scan",
    "qrcode",
    "red",
    "pay",
}
