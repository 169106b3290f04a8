"""Passport numbers: Chinese (E/G + 8 digits, EA + 7), HK/Macau permits, others next to a cue."""

from __future__ import annotations

import re

from anonymizer.entities import PASSPORT
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer

_L = r"(?<![0-9A-Za-z])"
_R = r"(?![0-9A-Za-z])"


_GATE = re.compile(r"[EGCHM][A-Z]?\d{7}")


class PassportRecognizer(PatternRecognizer):
    """CN passports by shape; other passports only after 护照 / passport."""

    ENTITY = PASSPORT
    PATTERNS = [
        Pattern("cn_passport", r"(?=[EG])" + _L + r"[EG]\d{8}" + _R, 0.6),
        Pattern("cn_passport_e", r"(?=E)" + _L + r"E[A-HJ-NP-Z]\d{7}" + _R, 0.6),
        Pattern("cn_travel_permit", r"(?=[CHM])" + _L + r"[CHM]\d{8,10}" + _R, 0.3),
        Pattern(
            "passport_cue",
            r"(?=[护pP通])(?i:护照(?:号码|号)?|passport(?:\s+(?:number|no\.?|#))?|通行证(?:号码|号)?)\s*(?:[:：#]|为|是)?\s*"
            r"(?P<v>(?=[A-Z0-9]*\d)[A-Z0-9]{6,9})" + _R,
            0.85,
        ),
    ]
    CONTEXT = ["护照", "passport", "通行证", "证件"]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return (
            "护照" in ctx.text
            or "passport" in ctx.lower
            or (ctx.max_digits >= 7 and _GATE.search(ctx.text) is not None)
            or "通行证" in ctx.text
        )
