"""Payment card numbers: 13-19 digits in any grouping, Luhn, incl. 19-digit UnionPay."""

from __future__ import annotations

import re

from anonymizer.checks import luhn_ok
from anonymizer.entities import BANK_CARD
from anonymizer.recognizers.base import (
    AnalysisContext,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
    _finditer,
)

_DEVICE_CUE = re.compile(r"imei|meid|设备|串号|终端|device")
_L = r"(?<![0-9A-Za-z\-.])"
_R = r"(?![0-9a-z]|[A-Z](?![a-z])|[\-.]\d)"


class BankCardRecognizer(PatternRecognizer):
    """Luhn-valid 13-19 digit numbers; without Luhn only UnionPay-shaped numbers next to a card cue."""

    ENTITY = BANK_CARD
    PATTERNS = [
        Pattern("card_any_grouping", r"(?=\d)" + _L + r"\d(?:[ \-]?\d){12,18}" + _R, 0.55),
    ]
    CONTEXT = [
        "卡号", "银行卡", "信用卡", "借记卡", "储蓄卡", "尾号", "卡片", "绑定", "盗刷", "套现",
        "card", "visa", "mastercard", "unionpay", "银联", "pan",
    ]  # fmt: skip
    CONTEXT_WINDOW = 20
    DIGIT_WINDOW = (13, 0, 3)  # the number is one digit run; 3 characters for the look-ahead

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return ctx.max_digits >= 13

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Keep Luhn-valid numbers; accept a non-Luhn 16-19 digit 62/9 number only with card context."""
        out = []
        for m in _finditer(self.PATTERNS[0].compiled, ctx.text, self.scan_spans(ctx)):
            start, end = m.span()
            value = m.group()
            digits = re.sub(r"\D", "", value)
            if not 13 <= len(digits) <= 19 or digits[0] == "0" or not _grouping_ok(value):
                continue
            if len(digits) == 15 and _DEVICE_CUE.search(ctx.lower, max(0, start - 14), start):
                continue  # an IMEI next to its cue
            context = self.has_context(ctx, start, end)
            if luhn_ok(digits):
                usual = len(digits) in (15, 16, 19) or (len(digits) == 13 and digits[0] == "4")
                score = (0.85 if usual else 0.6) + (0.15 if context else 0.0)
            elif context and len(digits) >= 16 and digits.startswith(("62", "9")):
                score = 0.6
            else:
                continue
            out.append(RecognizerResult(self.ENTITY, start, end, score, self.name, value, digits))
        return out


def _grouping_ok(value: str) -> bool:
    """Groups of a written card number have 3-6 digits (1 for the last of 4-4-4-4-3 / 6-13)."""
    groups = re.split(r"[ \-]", value)
    if len(groups) == 1:
        return True
    return all(1 <= len(g) <= 13 for g in groups) and all(len(g) >= 3 for g in groups[:-1])
