"""Chinese resident identity card number (GB 11643-1999): 18 characters, check digit, birth date."""

from __future__ import annotations

import re

from anonymizer.checks import cn_id_ok
from anonymizer.entities import CN_ID
from anonymizer.recognizers.base import (
    ALNUM_LEFT,
    ALNUM_RIGHT,
    AnalysisContext,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
    ascii_digits_context,
)

_SEP = re.compile(r"[ \-]")


class CnIdRecognizer(PatternRecognizer):
    """18-digit ID number with a valid check digit (X allowed) and a real date of birth."""

    ENTITY = CN_ID
    COUNTRY_CODE = "cn"
    PATTERNS = [
        Pattern(
            "cn_id_compact",
            r"(?=[1-9])"
            + ALNUM_LEFT
            + r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
            + ALNUM_RIGHT,
            0.6,
        ),
        Pattern(
            "cn_id_grouped",
            r"(?=[1-9])" + ALNUM_LEFT + r"[1-9]\d{5}[ \-](?:18|19|20)\d{6}[ \-]\d{3}[\dXx]" + ALNUM_RIGHT,
            0.6,
        ),
    ]
    DIGIT_WINDOW = (17, 0, 4)  # 17 digits in one run, then X and the look-ahead
    CONTEXT = ["身份证", "证件号", "公民身份", "身份号", "id card", "resident id", "identity", "ID No"]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return ctx.max_digits >= 17

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """The patterns; full-width digits (０-９) are read as ASCII ones (span and value stay the text's)."""
        if ctx.text.isascii() or (wide := ascii_digits_context(ctx)) is None:
            return PatternRecognizer.analyze(self, ctx)
        out = PatternRecognizer.analyze(self, wide)
        for r in out:
            r.value = ctx.text[r.start : r.end]
        return out

    def active_patterns(self, ctx: AnalysisContext) -> list[Pattern]:
        """The grouped form only when a long digit run holds separators."""
        if any(n >= 17 and n != end - start for start, end, n in ctx.runs):
            return self.PATTERNS
        return self.PATTERNS[:1]

    def validate_result(self, value: str) -> bool:
        """GB 11643 check digit and a real date."""
        return cn_id_ok(_SEP.sub("", value))

    def canonical(self, value: str) -> str:
        """Upper-case, no separators."""
        return _SEP.sub("", value).upper()
