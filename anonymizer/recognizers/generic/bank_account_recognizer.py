"""Bank account numbers, only next to an account cue (账号, 账户, account no.)."""

from __future__ import annotations

import re

from anonymizer.entities import BANK_ACCOUNT
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer

_CUE_ZH = r"(?:银行账号|收款账号|收款账户|对公账户|对公账号|银行账户|账号|帐号|账户|帐户|户号)"
_CUE_EN = r"(?:account\s+(?:number|no\.?|#)|acct\.?\s*(?:no\.?|#)?|a/c(?:\s*no\.?)?|account)"
_SEP = r"\s*(?:[:：#]|为|是|号码)?\s*(?:为|是)?\s*"
_NUM_LONG = r"(?P<v>\d(?:[ \-]?\d){11,29})(?![0-9A-Za-z])"
_NUM = r"(?P<v>\d(?:[ \-]?\d){7,29})(?![0-9A-Za-z])"


_GATE = re.compile(r"账|帐|户号|account|acct|a/c|to |into|转|汇|打入|存入|收款")


class BankAccountRecognizer(PatternRecognizer):
    """8-30 digits right after an account cue."""

    ENTITY = BANK_ACCOUNT
    PATTERNS = [
        Pattern("account_zh", r"(?=[银收对账帐户])" + _CUE_ZH + _SEP + _NUM, 0.9),
        Pattern("account_en", r"(?=[aA])(?i:\b" + _CUE_EN + r")" + _SEP + _NUM, 0.9),
        Pattern(
            "account_after_transfer",
            r"(?=[tTi转汇打存收])(?:(?i:\b(?:to|into))\s+(?:(?i:the|an?)\s+)?(?:(?i:account)\s+)?|(?:转入|转至|转到|汇入|汇至|打入|存入|收款)"
            r"(?:到|至)?(?:账户|帐户|卡)?[:：\s]*)" + _NUM_LONG,
            0.7,
        ),
    ]

    #: the number is one digit run of 8+ digits; the cue and separators stand at most 40 characters before it
    DIGIT_WINDOW = (8, 40, 1)

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return ctx.max_digits >= 8 and _GATE.search(ctx.lower) is not None

    def canonical(self, value: str) -> str:
        """Digits only."""
        return re.sub(r"\D", "", value)
