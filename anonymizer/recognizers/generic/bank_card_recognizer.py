"""Payment card numbers: 13-19 digits in any grouping, Luhn, incl. 19-digit UnionPay; 12-digit Maestro."""

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
#: a 12-digit Maestro number (IIN 50, 56-69) only right after a word that names a card
_CARD_WORD = re.compile(
    r"(?=[c卡银信借储])(?:(?<![a-z])(?:card|cc)(?![a-z])|卡号|银行卡|信用卡|借记卡|储蓄卡)"
)
_NON_DIGIT = re.compile(r"\D")


def _issued_with_2(iin4: str) -> bool:
    """Card networks whose numbers start with 2: Mastercard 2221-2720, Mir 2200-2204, JCB 2131 (15
    digits), enRoute 2014 / 2149."""
    return "2221" <= iin4 <= "2720" or "2200" <= iin4 <= "2204" or iin4 in ("2131", "2014", "2149")


_GROUP_SEP = re.compile(r"[ \-]")
_L = r"(?<![0-9A-Za-z\-.])"
_R = r"(?![0-9a-z]|[A-Z](?![a-z])|[\-.]\d)"


class BankCardRecognizer(PatternRecognizer):
    """Luhn-valid 13-19 digit numbers; without Luhn only UnionPay-shaped numbers next to a card cue.

    Maestro cards may have 12 digits: a Luhn-valid 12-digit number with a Maestro IIN (50, 56-69) counts
    only right after a word that names a card (card, cc, 卡号, 信用卡 ...).
    """

    ENTITY = BANK_CARD
    PATTERNS = [
        Pattern("card_any_grouping", r"(?=\d)" + _L + r"\d(?:[ \-]?\d){12,18}" + _R, 0.55),
        # Maestro: 12 digits, checked in analyze (IIN, Luhn, a card word right before it)
        # (5 or 6 first, the look-behind after it: the scan only stops at those digits)
        Pattern(
            "card_maestro_12",
            r"[56](?<![0-9A-Za-z\-.][56])(?:[ \-]?\d){11}" + _R + r"(?![ \-]\d)",
            0.75,
        ),
    ]
    CONTEXT = [
        "卡号", "银行卡", "信用卡", "借记卡", "储蓄卡", "尾号", "卡片", "绑定", "盗刷", "套现",
        "card", "visa", "mastercard", "unionpay", "银联", "pan",
    ]  # fmt: skip
    CONTEXT_WINDOW = 20
    DIGIT_WINDOW = (13, 0, 3)  # the number is one digit run; 3 characters for the look-ahead

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return ctx.max_digits >= 12

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Keep Luhn-valid numbers; accept a non-Luhn 16-19 digit 62/9 number only with card context."""
        out = []
        for m in _finditer(self.PATTERNS[0].compiled, ctx.text, self.scan_spans(ctx)):
            start, end = m.span()
            value = m.group()
            digits = _NON_DIGIT.sub("", value)
            if not 13 <= len(digits) <= 19 or digits[0] == "0" or not _grouping_ok(value):
                continue
            if digits[0] == "2" and not _issued_with_2(digits[:4]):
                continue  # an Alipay id 2088... is not a card
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
        # a 12-digit match is the tail of a digit run: the whole run, or its part after a separator
        if not any(n == 12 or (n > 12 and n != end - start) for start, end, n in ctx.runs):
            return out
        maestro = self.PATTERNS[1]
        for m in maestro.compiled.finditer(ctx.text):
            start, end = m.span()
            value = m.group()
            digits = _NON_DIGIT.sub("", value)
            if (
                digits[:2] in _MAESTRO_12
                and _grouping_ok(value)
                and luhn_ok(digits)
                and _CARD_WORD.search(ctx.lower, max(0, start - self.CONTEXT_WINDOW), start)
            ):
                out.append(RecognizerResult(self.ENTITY, start, end, maestro.score, self.name, value, digits))
        return out


_MAESTRO_12 = frozenset(["50", *(str(n) for n in range(56, 70))])


def _grouping_ok(value: str) -> bool:
    """Groups of a written card number have 3-6 digits (1 for the last of 4-4-4-4-3 / 6-13)."""
    groups = _GROUP_SEP.split(value)
    if len(groups) == 1:
        return True
    return all(1 <= len(g) <= 13 for g in groups) and all(len(g) >= 3 for g in groups[:-1])
