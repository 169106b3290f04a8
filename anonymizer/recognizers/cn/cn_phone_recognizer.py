"""Chinese mobile and landline numbers in every common format (+86, 0086, dashes, spaces, brackets)."""

from __future__ import annotations

import re

from anonymizer.entities import PHONE
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer, RecognizerResult
from anonymizer.recognizers.cues import TOLL_FREE_CODES

_NON_DIGIT = re.compile(r"\D")
_EXTENSION = re.compile(r"(?:转|ext\.?|x)\s?\d+$")
_DASH_EXTENSION = re.compile(r"-\d{1,5}$")

_L = r"(?<![\dA-Za-z+\-])(?<!\d\.)"
_L_LAND = r"(?<![0-9A-Za-z+\-])(?<!\d[ \-.])"
_R = r"(?![\da-z]|[A-Z](?![a-z])|@|\.\d|-\d)"
_R_LAND = r"(?![0-9a-z]|[A-Z](?![a-z])|@|\.\d|[ \-]\d)"
# "+86 ", "0086-", "(+86)", "（+86）" (full-width brackets), "86 "
_CC = r"(?:(?:\+|＋|00)\s?86[\s\-]?|[(（][+＋]?86[)）]\s?|86[\s\-])?"
_AREA_3 = r"0(?:10|2\d)"
_AREA_4 = r"0[3-9]\d{2}"
# 转 / ext / x, or a dash ("0931-7105276-6718")
_EXT = r"(?:\s?(?:转|ext\.?|x)\s?\d{1,5}|-\d{1,5})?"
# the local part: 7 or 8 digits, whole or split in two groups ("8765 4321", "888 8888")
_LOCAL = r"[1-9](?:\d{6,7}|\d{2,3}[\s\-]\d{3,4})"
# a mobile: ASCII or full-width digits ("１３８…")
_MOBILE = r"[1１][3-9３-９]\d(?:(?:[\s\-]?\d{4}){2}|[\s\-]\d{3}[\s\-]\d{5}|\d[\s\-]\d{4}[\s\-]\d{3})"
_CARD_SHAPE = re.compile(r"\d{4}([ \-])\d{4}\1\d{4}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# full-width punctuation right next to the number ("，18001234567，") also marks Chinese text
_CJK_PUNCT = re.compile(r".?[\u3000-\u303f\uff00-\uffef]")
# (a waybill's sender / recipient is followed by a name and a number: 寄件人张琴，037168199157)
_CUE = re.compile(
    r"电话|手机|联系|致电|来电|号码|座机|固话|传真|寄件|收件|收货|发货|tel|phone|call|fax|mobile"
)
_WORD = re.compile(r"[A-Za-z]{2,}")
# NANP toll-free codes after a leading 1: "18005551234" can be a US hotline or a CN mobile (180, 188, 187 …
# are mobile prefixes). In English prose with no Chinese around it, a hotline word before it, or an
# imperative addressed to an organisation right before it ("call us on", "or call", "dial"), makes it a
# hotline, unless it is someone's ("call me", "my number", "a call from") or a China cue stands near; the
# residual check still flags such a run (moderation).
_TOLL_FREE_1 = tuple("1" + code for code in TOLL_FREE_CODES)
_HOTLINE_CUE = re.compile(
    r"toll[ \-]?free|hotline|help ?line|helpdesk|help desk|customer (?:service|care|support)|support line|"
    r"call (?:center|centre)|freephone|service line"
)
_CALL_IMPERATIVE = re.compile(
    r"(?<![a-z])(?<!a )(?<!the )(?<!missed )(?:call|dial)(?:\s+(?:us|the\s+bank|our\s+[a-z]+(?:\s+[a-z]+)?))?"
    r"(?:\s+(?:on|at))?[\s:]*$"
)
_PERSONAL_CUE = re.compile(
    r"(?<![a-z])(?:call|text|ring|reach|contact) me|(?<![a-z])(?:my|his|her|their|personal) (?:number|mobile|"
    r"phone|cell)|\+86|0086|(?<![a-z])(?:china|chinese|prc|mainland|wechat|alipay|weixin|qq|register\w*)(?![a-z])"
)


class CnPhoneRecognizer(PatternRecognizer):
    """CN mobiles (1[3-9]x, 11 digits) and landlines (area code + 7/8 digits, optional extension)."""

    ENTITY = PHONE
    COUNTRY_CODE = "cn"
    PATTERNS = [
        Pattern("cn_mobile", r"(?=[+＋0(（81１])" + _L + _CC + _MOBILE + _R, 0.85),
        Pattern(
            "cn_landline",
            r"(?=[(（0])"
            + _L_LAND
            + rf"[(（]?(?:{_AREA_3}|{_AREA_4})[)）]?[\s\-]?"
            + _LOCAL
            + _EXT
            + _R_LAND,
            0.7,
        ),
        Pattern(
            "cn_landline_intl",
            r"(?=[+＋0(（])"
            + _L_LAND
            + r"(?:(?:\+|＋|00)\s?86|[(（][+＋]?86[)）])[\s\-]?[(（]?0?(?:10|2\d|[3-9]\d{2})[)）]?"
            + r"[\s\-]?"
            + _LOCAL
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

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Pattern matches, minus shapes that are more likely something else in their context."""
        found = super().analyze(ctx)
        if not found:
            return found
        out = []
        text = ctx.text
        for r in found:
            value = text[r.start : r.end]
            head = value[0]
            if head == "1":
                # "1800…" as one run in English prose (no Chinese, six English words around it) after a
                # hotline word or a call to an organisation, and nobody's own number: a toll-free hotline
                if (
                    len(value) == 11
                    and value.startswith(_TOLL_FREE_1)
                    and value.isdigit()
                    and (
                        _HOTLINE_CUE.search(ctx.lower, max(0, r.start - 40), r.start)
                        or _CALL_IMPERATIVE.search(ctx.lower, max(0, r.start - 30), r.start)
                    )
                    and not _PERSONAL_CUE.search(ctx.lower, max(0, r.start - 40), r.end + 20)
                    and not _CJK.search(text, max(0, r.start - 24), r.end + 24)
                    and not _CJK_PUNCT.match(text[r.start - 1 : r.start] + text[r.end : r.end + 1])
                    and len(_WORD.findall(text, max(0, r.start - 60), r.end + 40)) >= 6
                ):
                    continue
            elif head in "0(（" and not value.startswith(("0086", "(+", "（+", "(86", "（86")):
                # a landline: 10-12 digits with its area code; a bare run or a card-like grouping
                # ("0571 8765 4321") also needs a phone cue nearby
                digits = _NON_DIGIT.sub("", _strip_extension(value))
                if not 10 <= len(digits) <= 12:
                    continue
                if (value.isdigit() or _CARD_SHAPE.fullmatch(value)) and not _CUE.search(
                    ctx.lower, max(0, r.start - 24), r.end + 12
                ):
                    continue
            out.append(r)
        return out

    def invalidate_result(self, value: str) -> bool:
        """CN service numbers (400/800) are hotlines, not personal data."""
        digits = _NON_DIGIT.sub("", value)
        return digits.startswith(("400", "800"))

    def canonical(self, value: str) -> str | None:
        """E.164 form."""
        from anonymizer.indicators import InvalidIndicator, canonicalize_indicator

        try:
            return canonicalize_indicator("phone", _strip_extension(value))
        except InvalidIndicator:
            return None


def _strip_extension(value: str) -> str:
    """The number without its extension: "转6718" / "ext 12" / "x12", or "-6718" after a full landline
    ("0931-7105276-6718"; never the last group of "138-1234-5678" or "0571-8765-4321")."""
    value = _EXTENSION.sub("", value)
    if value[:1] in "0(（" and _DASH_EXTENSION.search(value):
        head = _DASH_EXTENSION.sub("", value)
        if len(_NON_DIGIT.sub("", head)) >= 10:
            return head
    return value
