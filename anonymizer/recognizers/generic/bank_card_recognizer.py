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
    ascii_digits_context,
)
from anonymizer.recognizers.cues import LIST_LINK

_DEVICE_CUE = re.compile(r"imei|meid|设备|串号|终端|device")
#: a word naming a card right before the number (到这个卡6222…, card no. 4111…)
_CARD_CUE_BEFORE = re.compile(r"(?:卡号?|(?<![a-z])card(?:\s*(?:no\.?|number|#))?)[\s:：#为是]{0,2}$")
#: a 12-digit Maestro number (IIN 50, 56-69) only after a word that names a card (or a card dispute)
_CARD_WORD = re.compile(
    r"(?=[cmdv卡])(?:(?<![a-z])(?:cards?|cc|maestro|debit|visa|chargebacks?)(?![a-z])|卡)"
)
_CARD_WORD_WINDOW = 40
_NON_DIGIT = re.compile(r"\D")
#: a word naming an order / transaction / merchant reference, then only a label's punctuation
_REF_CUE = re.compile(
    r"(?:订单|单号|工单|流水|交易号|交易编号|商户号|商户编号|编号|凭证号|参考号|"
    r"(?<![a-z])(?:order|txn|transaction|merchant|invoice|ref|reference|tracking|receipt)(?![a-z])"
    r"(?:\s*(?:no|number|id|ref|#)\.?)?)[\s:：#№.号为是]*$"
)
#: the items of a list before a value (``A、B、`` / ``A, B, ``): a reference cue before the list covers them
_LIST_HEAD = re.compile(r"(?:[0-9A-Za-z][0-9A-Za-z\- ]{4,}[0-9A-Za-z]\s*[、,，;；/]\s*)+$")


def _after_reference_cue(lower: str, start: int) -> bool:
    """The value follows an order / transaction / merchant word, directly or as a later item of its list."""
    if _REF_CUE.search(lower, max(0, start - 30), start):
        return True
    i = start - 1
    while i >= 0 and lower[i] == " ":
        i -= 1
    if i < 0 or lower[i] not in _LIST_SEPARATORS:
        return False
    m = _LIST_HEAD.search(lower, max(0, start - 120), start)
    return m is not None and _REF_CUE.search(lower, max(0, m.start() - 30), m.start()) is not None


_LIST_SEPARATORS = frozenset("、,，;；/")


#: Maestro's own 4-digit IINs (the ranges the networks' public tables list, incl. the UK's 0604 and 6390):
#: a Luhn-valid 12-digit number with one of them is a card without a card word (about 1 in 80,000 random
#: 12-digit numbers has one and passes Luhn)
_MAESTRO_IIN4 = frozenset(
    ["5018", "5020", "5038", "5612", "5893", "6304", "6390", "6759", "6761", "6762", "6763", "0604"]
)


def _issued(digits: str) -> bool:
    """A card network issues numbers with this prefix: not 0 (except Maestro's 0604), not 7 (petroleum
    industry, ISO/IEC 7812), 8 only as UnionPay's 81, 2 only for the networks below."""
    head = digits[0]
    if head == "0":
        return digits.startswith("0604")
    if head == "7":
        return False
    if head == "8":
        return digits.startswith("81")  # UnionPay's 81 range; 82-89 are healthcare / telecom
    return head != "2" or _issued_with_2(digits[:4])


def _issued_with_2(iin4: str) -> bool:
    """Card networks whose numbers start with 2: Mastercard 2221-2720, Mir 2200-2204, JCB 2131 (15
    digits), enRoute 2014 / 2149."""
    return "2221" <= iin4 <= "2720" or "2200" <= iin4 <= "2204" or iin4 in ("2131", "2014", "2149")


_GROUP_SEP = re.compile(r"[ \-]")
_L = r"(?<![0-9A-Za-z\-.])"
_R = r"(?![0-9a-z]|[A-Z](?![a-z])|[\-.]\d)"


class BankCardRecognizer(PatternRecognizer):
    """Luhn-valid 13-19 digit numbers; without Luhn only UnionPay-shaped numbers next to a card cue.

    Maestro cards may have 12 digits: a Luhn-valid 12-digit number with one of Maestro's own 4-digit IINs
    (5018, 5020, 5038, 5612, 5893, 6304, 6390, 6759, 6761-6763, 0604) is a card; with only the broad
    Maestro range (50, 56-69) it counts when written in card groups (4-4-4) or within 40 characters after
    a word that names a card (card(s), cc, maestro, debit, visa, chargeback, 卡 ...), or as the next item
    of a list of cards. A 13-digit number not starting with 4 needs card context.
    No card number starts with 7 (petroleum industry in ISO/IEC 7812) or 0 (except Maestro 0604).
    Without card context, a number right after an order / transaction / merchant / reference word (or a
    later item of a list that such a word heads: ``订单号A、B、C``) is not a card. Full-width digits are
    read as ASCII ones.
    """

    ENTITY = BANK_CARD
    PATTERNS = [
        Pattern("card_any_grouping", r"(?=\d)" + _L + r"\d(?:[ \-]?\d){12,18}" + _R, 0.55),
        # Maestro: 12 digits, checked in analyze (IIN, Luhn, a card word right before it)
        # (0, 5 or 6 first, the look-behind after it: the scan only stops at those digits); a next group
        # of 5+ digits is another number (an ID after the card), one of 1-4 digits a longer number's
        Pattern(
            "card_maestro_12",
            r"[056](?<![0-9A-Za-z\-.][056])(?:[ \-]?\d){11}" + _R + r"(?![ \-]\d{1,4}(?!\d))",
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
        """Keep Luhn-valid numbers; accept a non-Luhn 16-19 digit 62/9 number only with card context.

        Full-width digits (０-９) are read as ASCII ones (the span and value stay those of the text)."""
        if ctx.text.isascii() or (wide := ascii_digits_context(ctx)) is None:
            return self._analyze(ctx)
        out = self._analyze(wide)
        for r in out:
            r.value = ctx.text[r.start : r.end]
        return out

    def _analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        out = []
        for m in _finditer(self.PATTERNS[0].compiled, ctx.text, self.scan_spans(ctx)):
            start, value = m.start(), m.group()
            found = self._card(ctx, start, value, head_only=False)
            if found is None and _GROUP_SEP.search(value):
                # a written card followed by another number (an ID after it: "404819 6315332 630104 …"):
                # the run without its last groups, Luhn-valid only, cut only where a group of 5+ digits
                # (an independent number, not a card's last group) follows
                for cut in reversed([g.start() for g in _GROUP_SEP.finditer(value)]):
                    if not _INDEPENDENT_NEXT.match(ctx.text, start + cut):
                        continue
                    if (found := self._card(ctx, start, value[:cut], head_only=True)) is not None:
                        break
            if found is not None:
                out.append(found)
        # a 12-digit match is the tail of a digit run: the whole run, or its part after a separator
        if not any(n == 12 or (n > 12 and n != end - start) for start, end, n in ctx.runs):
            return out
        maestro = self.PATTERNS[1]
        for m in maestro.compiled.finditer(ctx.text):
            start, end = m.span()
            value = m.group()
            digits = _NON_DIGIT.sub("", value)
            if (
                (digits[:4] in _MAESTRO_IIN4 or digits[:2] in _MAESTRO_12)
                and _grouping_ok(value)
                and luhn_ok(digits)
                and (
                    digits[:4] in _MAESTRO_IIN4
                    or _CARD_GROUPS_12.fullmatch(value)
                    or _CARD_WORD.search(ctx.lower, max(0, start - _CARD_WORD_WINDOW), start)
                    or any(_LIST_LINK.fullmatch(ctx.lower, r.end, start) for r in out if r.end <= start)
                )
                and not _after_reference_cue(ctx.lower, start)
            ):
                out.append(RecognizerResult(self.ENTITY, start, end, maestro.score, self.name, value, digits))
        return out

    def _card(self, ctx: AnalysisContext, start: int, value: str, head_only: bool) -> RecognizerResult | None:
        """The 13-19 digit ``value`` at ``start`` as a card, or None (``head_only``: Luhn-valid only)."""
        end = start + len(value)
        digits = _NON_DIGIT.sub("", value)
        if not 13 <= len(digits) <= 19 or not _grouping_ok(value):
            return None
        if len(digits) == 15 and _DEVICE_CUE.search(ctx.lower, max(0, start - 14), start):
            return None  # an IMEI next to its cue
        named = _CARD_CUE_BEFORE.search(ctx.lower, max(0, start - 8), start) is not None
        if not named and not _issued(digits):
            return None  # an Alipay id 2088..., a 7... or 0... number not named a card right before it
        context = named or self.has_context(ctx, start, end)
        if luhn_ok(digits):
            usual = (
                len(digits) in (15, 16, 19)
                or (len(digits) == 13 and digits[0] == "4")
                or (len(digits) == 14 and digits.startswith(("30", "36", "38")))  # Diners Club
                or (len(digits) in (17, 18) and digits.startswith("62"))  # UnionPay issues 16-19 digits
            )
            if len(digits) == 13 and not usual and not context:
                return None  # 13-digit cards are Visa (4...): any other 13-digit number needs a card word
            score = (0.85 if usual else 0.6) + (0.15 if context else 0.0)
        elif context and not head_only and len(digits) >= 16 and digits.startswith(("62", "9")):
            score = 0.6
        else:
            return None
        if not context and _after_reference_cue(ctx.lower, start):
            return None  # an order / transaction / merchant number that happens to pass Luhn
        if head_only:
            score = min(score, _HEAD_ONLY_SCORE)  # a named account over the whole run wins
        return RecognizerResult(self.ENTITY, start, end, score, self.name, value, digits)


#: a group of 5+ digits next: the rest of a run is an independent number (an ID), not a card's last group
_INDEPENDENT_NEXT = re.compile(r"[ \-]\d{5}")
#: a card read as the head of a longer run scores below a named account covering the whole run (0.9)
_HEAD_ONLY_SCORE = 0.85
#: between two items of a list of cards ("cards 4111… and 5612…", "卡号6222…、6761…")
_LIST_LINK = re.compile(LIST_LINK)
#: twelve digits written the way cards are (4-4-4 with one separator)
_CARD_GROUPS_12 = re.compile(r"\d{4}([ \-])\d{4}\1\d{4}")
_MAESTRO_12 = frozenset(["50", *(str(n) for n in range(56, 70))])


def _grouping_ok(value: str) -> bool:
    """Groups of a written card number have 3-6 digits (1 for the last of 4-4-4-4-3 / 6-13)."""
    groups = _GROUP_SEP.split(value)
    if len(groups) == 1:
        return True
    return all(1 <= len(g) <= 13 for g in groups) and all(len(g) >= 3 for g in groups[:-1])
