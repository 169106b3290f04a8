"""Chinese mobile and landline numbers in every common format (+86, 0086, dashes, spaces, brackets)."""

from __future__ import annotations

import re

from anonymizer.entities import PHONE
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer

_NON_DIGIT = re.compile(r"\D")
_EXTENSION = re.compile(r"(转|ext\.?|x)\s?\d+$")

_L = r"(?<![0-9A-Za-z+\-])(?<!\d\.)"
_L_LAND = r"(?<![0-9A-Za-z+\-])(?<!\d[ \-.])"
_R = r"(?![0-9a-z]|[A-Z](?![a-z])|@|\.\d|-\d)"
_R_LAND = r"(?![0-9a-z]|[A-Z](?![a-z])|@|\.\d|[ \-]\d)"
_CC = r"(?:(?:\+|＋|00)\s?86[\s\-]?|\(\+?86\)\s?|86[\s\-])?"
_AREA_3 = r"0(?:10|2\d)"
_AREA_4 = r"0[3-9]\d{2}"
_EXT = r"(?:\s?(?:转|ext\.?|x)\s?\d{1,5})?"


class CnPhoneRecognizer(PatternRecognizer):
    """CN mobiles (1[3-9]x, 11 digits) and landlines (area code + 7/8 digits, optional extension)."""

    ENTITY = PHONE
    COUNTRY_CODE = "cn"
    PATTERNS = [
        Pattern(
            "cn_mobile",
            r"(?=[+＋0(81])" + _L + _CC + r"1[3-9]\d(?:(?:[\s\-]?\d{4}){2}|[\s\-]\d{3}[\s\-]\d{5})" + _R,
            0.85,
        ),
        Pattern(
            "cn_landline",
            r"(?=[(0])"
            + _L_LAND
            + rf"\(?(?:{_AREA_3}|{_AREA_4})\)?[\s\-]?[2-9]\d{{2,3}}[\s\-]?\d{{4}}"
            + _EXT
            + _R_LAND,
            0.7,
        ),
        Pattern(
            "cn_landline_intl",
            r"(?=[+＋0(])"
            + _L_LAND
            + r"(?:(?:\+|＋|00)\s?86|\(\+?86\))[\s\-]?\(?0?(?:10|2\d|[3-9]\d{2})\)?"
            + r"[\s\-]?[2-9]\d{2,3}[\s\-]?\d{4}"
            + _EXT
            + _R_LAND,
            0.75,
        ),
    ]
    #: the local part (7+ digits) is one digit run; +86 / (0571) before it, an extension after it
    DIGIT_WINDOW = (7, 16, 16)
    CONTEXT = ["电话", "手机", "联系", "致电", "来电", "号码", "tel", "phone", "mobile", "call", "短信"]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return ctx.max_digits >= 7

    def active_patterns(self, ctx: AnalysisContext) -> list[Pattern]:
        """The +86 landline pattern only when "86" is written somewhere."""
        return self.PATTERNS if "86" in ctx.text else self.PATTERNS[:2]

    def invalidate_result(self, value: str) -> bool:
        """CN service numbers (400/800) are hotlines, not personal data."""
        digits = _NON_DIGIT.sub("", value)
        return digits.startswith(("400", "800"))

    def canonical(self, value: str) -> str | None:
        """E.164 form."""
        from anonymizer.indicators import InvalidIndicator, canonicalize_indicator

        try:
            return canonicalize_indicator("phone", _EXTENSION.sub("", value))
        except InvalidIndicator:
            return None
