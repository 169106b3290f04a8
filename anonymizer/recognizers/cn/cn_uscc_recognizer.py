"""Unified social credit code of Chinese organisations (GB 32100-2015)."""

from __future__ import annotations

import re

from anonymizer.checks import cn_id_ok, uscc_ok
from anonymizer.entities import USCC
from anonymizer.recognizers.base import ALNUM_LEFT, ALNUM_RIGHT, AnalysisContext, Pattern, PatternRecognizer

#: the 18 characters of a code in a row: every match that ``uscc_ok`` accepts is 18 characters of this class
#: (the pattern's ``\d`` also takes non-ASCII digits, which the check then rejects)
_GATE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")


class CnUsccRecognizer(PatternRecognizer):
    """18 characters (digits and capitals without I, O, S, V, Z) with a valid check character."""

    ENTITY = USCC
    COUNTRY_CODE = "cn"
    PATTERNS = [
        Pattern(
            "uscc",
            r"(?=[0-9A-Z])"
            + ALNUM_LEFT
            + r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}"
            + ALNUM_RIGHT,
            0.6,
        ),
    ]
    CONTEXT = ["信用代码", "统一社会信用", "营业执照", "税号", "纳税人识别号", "uscc", "credit code"]

    DIGIT_WINDOW = (6, 2, 13)  # the six-digit area code is a digit run; 2 characters before, 10 + 2 after

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: a run of six digits and 18 code characters in a row."""
        return ctx.max_digits >= 6 and _GATE.search(ctx.text) is not None

    def validate_result(self, value: str) -> bool:
        """GB 32100 check character; a value that is also a valid ID number is left to CN_ID."""
        return uscc_ok(value) and not cn_id_ok(value)
