"""International and North-American phone numbers, read by :mod:`phonenumbers` with a region per shape."""

from __future__ import annotations

import re

import phonenumbers

from anonymizer.entities import PHONE
from anonymizer.recognizers.base import (
    AnalysisContext,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
    _finditer,
    contains_any,
)
from anonymizer.recognizers.cues import TOLL_FREE_CODES, account_cue_before, flow_node

_L = r"(?<![0-9A-Za-z+.\-/@])(?<!\d[ \-])"
_R = r"(?![0-9A-Za-z@]|\.\d|[ \-]\d)"
_EXT = r"(?:\s?(?:x|ext\.?|#)\s?\d{1,5})?"
# any national format (0490 75 40 81, (37) 788-063, 699 956 915, 0393 1144137), only right after a phone cue
# ("call me at", "phone:", "not answering at", "my registered") ...
_NATIONAL = (
    # grouped: 0490 75 40 81, (37) 788-063, 1-125-625-6019
    r"(?:(?:1[ \-.])?\(?\d{2,5}\)?(?:[ \-.]\d{2,8}){1,4}"
    r"|[(（]\d{2,5}[)）]\d{3,9}(?:[ \-.]\d{2,8}){0,3}"  # bracketed area code, no space: (02)28790691
    r"|\d{7,12})"  # one run of digits: only after a strong cue (see _WEAK_CUES)
)
_CUE_THEN_NUMBER = re.compile(
    # the look-ahead lets the scan skip positions where no cue word can start (same (?i) folding)
    r"(?=(?i:[ptmcfdswnarolv])|[电手号致来])"
    r"(?P<c>(?<![A-Za-z])(?i:phone|tel|telephone|mobile|cell|cellphone|cellular|facetime|fax|call|dial|"
    r"dialled|text|sms|whatsapp|wechat|viber|signal|telegram|message|contact|reach|ring|rang|ping|landline|"
    r"answering|registered|office|desk|number|no\.|ph\.?|mob\.?)"
    # inflections: "calls", "called", "texting", "reachable", "phoned"
    r"(?i:s|es|d|ed|ing|able)?"
    r"(?![A-Za-z])|电话|手机|号码|致电|来电)"
    # then up to three short words ("me on WhatsApp at", "my new number is")
    r"\W{0,3}?(?:[A-Za-z]{1,10}\W{1,2}?){0,3}"
    r"(?P<v>(?<![0-9A-Za-z+.\-/@])" + _NATIONAL + _EXT + r")(?![0-9A-Za-z@]|\.\d|[ \-]\d)"
)
#: a capitalised word (and a space) right before a capitalised "Ring" / "Ping": the cue is part of a name
_NAME_LIKE_CUES = ("ring", "rang", "ping")
_NAME_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z'\-]*[ \t]+$")
#: cues too loose for a bare run of digits ("order number 123456789")
_WEAK_CUES = ("number", "no.", "registered", "office", "desk", "contact", "message", "signal")
_REFERENCE_WORDS = re.compile(
    r"\b(?:order|ref|reference|account|acct|card|case|ticket|transaction|txn|invoice|tracking|id|serial|"
    r"policy|merchant|terminal|batch|claim|booking|confirmation|customer|member|routing|passport|licen[cs]e|"
    r"registration|tax|vat)\b"
)
_OWNER_WORDS = re.compile(
    r"\b(?:my|your|his|her|our|their|new|old|same|other|different|work|home|phone|cell|cellular|mobile|personal|"
    r"private|business|direct|emergency|contact|whatsapp|landline|callback|backup)\b"
)
_DATE_SHAPE = re.compile(
    r"(?:19|20)\d\d[\s\-./]\d{1,2}[\s\-./]\d{1,2}|\d{1,2}[\s\-./]\d{1,2}[\s\-./](?:19|20)\d\d"
)
_CARD_SHAPE = re.compile(r"\d{4}([ \-])\d{4}\1\d{4}(?:\1\d{4})*")
_CUE_WORDS = (
    "phone", "tel", "mobile", "cell", "fax", "call", "dial", "text", "sms", "whatsapp", "message", "contact",
    "reach", "answering", "registered", "office", "desk", "number", "wechat", "viber", "signal", "telegram",
    "landline", "ph.", "mob", "facetime", "ping", "ring",
)  # fmt: skip
# a contact line: an e-mail address, a dash / bar / comma, then the number ("ann@example.org - 7014239965")
_EMAIL_THEN_NUMBER = re.compile(
    r"@[\w\-]+(?:\.[A-Za-z]{2,})+[ \t]{0,2}[\-|/,;:\u2013\u2014]?[ \t]{0,2}"
    r"(?P<v>(?<![0-9A-Za-z+.\-/@])" + _NATIONAL + _EXT + r")(?![0-9A-Za-z@]|\.\d|[ \-]\d)"
)
# ... or right before one, as in signatures and address blocks: "(37) 788-063-Office", "416 60 039 office"
_NUMBER_THEN_CUE = re.compile(
    r"(?P<v>(?<![0-9A-Za-z+.\-/@])(?<!\d[ \-])(?:\(?\d{2,5}\)?(?:[ \-.]\d{2,8}){1,4}|\d{7,12}))"
    r"[ \-]?(?ai:office|fax|mobile|cell|phone|tel|desk)(?![A-Za-z])"  # ASCII case folding only
)
_AFTER_WORDS = ("office", "fax", "mobile", "cell", "phone", "tel", "desk")
_CN_MOBILE_INTL = re.compile(r"(?:00)?861[3-9]\d{9}")
_TOLL_FREE = TOLL_FREE_CODES
_EXTENSION = re.compile(r"\s?(?:x|ext\.?|#)\s?\d{1,5}$")
_NON_DIGIT = re.compile(r"\D")
#: the score of a bare number that an account word or a money flow names: below every BANK_ACCOUNT candidate
_BELOW_ACCOUNT = 0.55


# "+" / "＋" then a digit, or "00" (not after a digit) then 1-9; two patterns with a fast first-character /
# literal scan instead of one alternation
_PLUS_GATE = re.compile(r"[+＋]\s?\d")
_ZERO_ZERO_GATE = re.compile(r"00(?<!\d00)[1-9]")
#: the last two groups of every NANP match: three digits after a non-digit, a separator, four digits and
#: no ASCII digit after them (``_R``; an extension starts with a space, "x", "ext" or "#"); scanned from the
#: separator, the rarer character
_NANP_GATE = re.compile(r"[\s\-.]\d{4}(?![0-9])(?<=(?<!\d)\d{3}[\s\-.]\d{4})")


class PhoneRecognizer(PatternRecognizer):
    """``+CC ...`` numbers (any country) and NANP shapes such as ``(415) 555-0100``, ``415.555.0100``.

    The region is chosen from the written shape, never one default for all: ``+`` / ``00`` numbers are
    parsed without a region, NANP shapes as US. Toll-free NANP numbers are hotlines and are left alone.
    """

    ENTITY = PHONE
    PATTERNS = [
        Pattern(
            "intl_plus",
            r"(?=[+＋0])" + _L + r"(?:\+|＋|00)[1-9]\d{0,2}(?:[\s\-.]?\(?\d{1,5}\)?){2,6}" + _EXT + _R,
            0.7,
        ),
        Pattern(
            "nanp",
            r"(?=[+(\d])"
            + _L
            + r"(?:(?:\+|00)?1[\s\-.]?)?(?:\(\d{3}\)\s?|\d{3}[\s\-.])\d{3}[\s\-.]\d{4}"
            + _EXT
            + _R,
            0.7,
        ),
        Pattern("nanp_bare", r"(?=[2-9])" + _L + r"[2-9]\d{2}[2-9]\d{6}" + _R, 0.5),
        # any national format (0490 75 40 81, (37) 788-063, 699 956 915), only right after a phone cue
    ]
    CONTEXT = [
        "phone", "call", "tel", "mobile", "cell", "contact", "text", "sms", "whatsapp", "number", "dial",
        "电话", "手机", "联系", "号码", "致电", "来电",
    ]  # fmt: skip
    CONTEXT_WINDOW = 24

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: every pattern needs a digit; :meth:`analyze` applies the per-pattern gates once."""
        return ctx.max_digits > 0

    def active_patterns(self, ctx: AnalysisContext) -> list[Pattern]:
        """Per-pattern gates: ``+`` / ``00`` for international numbers, ``_NANP_GATE`` and digit-run
        lengths for NANP."""
        text = ctx.text
        out = []
        if (("+" in text or "＋" in text) and _PLUS_GATE.search(text)) or (
            "00" in text and _ZERO_ZERO_GATE.search(text)
        ):
            out.append(self.PATTERNS[0])
        if ctx.max_digits >= 4 and _NANP_GATE.search(text) is not None:  # then the 4+ digit-run windows
            out.append(self.PATTERNS[1])
        if ctx.max_digits >= 10 and _has_ten_digit_block(ctx):
            out.append(self.PATTERNS[2])
        return out

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Parse each candidate with the region its shape implies."""
        out = []
        text = ctx.text
        lower = ctx.lower
        cue = ctx.max_digits >= 2 and contains_any(lower, _CUE_WORDS)
        # the cue and its filler words take at most 32 characters before the first digits, the number at
        # most 32 after them (look-ahead included): only those windows are scanned
        for lo, hi in self._spans(ctx, "cue") if cue else ():
            pos = lo
            while (m := _CUE_THEN_NUMBER.search(text, pos, hi)) is not None:
                pos = m.end()
                cue_start = m.start("c")
                if (
                    text[cue_start].isupper()
                    and m.group("c").lower().startswith(_NAME_LIKE_CUES)
                    and _NAME_BEFORE.search(text, max(0, cue_start - 30), cue_start)
                ):
                    pos = m.end("c")  # "Wang Ping 0412…", "LI Ring": a name, not a verb; look again after it
                    continue
                value = m.group("v")
                number = _EXTENSION.sub("", value) if value[-1].isdigit() else value
                if not 7 <= sum(c.isdigit() for c in number) <= 12:
                    continue
                if _national_ok(number, m.group("c").lower(), lower[max(0, cue_start - 24) : cue_start]):
                    out.append(
                        RecognizerResult(self.ENTITY, m.start("v"), m.end("v"), 0.6, self.name, value, None)
                    )
                elif m.group("c").lower().startswith(_WEAK_CUES):
                    # a weak cue ("contacted") may stand before a strong one ("on WhatsApp by 0125…"):
                    # look again right after it
                    pos = m.end("c")
        k = text.find("@") if ctx.max_digits >= 2 else -1
        while k >= 0:
            m = _EMAIL_THEN_NUMBER.match(text, k)
            if m is not None:
                value = m.group("v")
                number = _EXTENSION.sub("", value) if value[-1].isdigit() else value
                if 7 <= sum(c.isdigit() for c in number) <= 12 and _national_ok(number, "@", ""):
                    out.append(
                        RecognizerResult(self.ENTITY, m.start("v"), m.end("v"), 0.6, self.name, value, None)
                    )
            k = text.find("@", k + 1)
        after = ctx.max_digits >= 2 and contains_any(lower, _AFTER_WORDS)
        for m in _finditer(_NUMBER_THEN_CUE, text, self._spans(ctx, "cue_after")) if after else ():
            value = m.group("v")
            if 7 <= sum(c.isdigit() for c in value) <= 12:
                out.append(
                    RecognizerResult(self.ENTITY, m.start("v"), m.end("v"), 0.6, self.name, value, None)
                )
        for pattern in self.active_patterns(ctx):
            intl = pattern.name == "intl_plus"
            for m in _finditer(pattern.compiled, text, self._spans(ctx, pattern.name)):
                value = m.group()
                start, end = m.span()
                number = _EXTENSION.sub("", value) if value[-1].isdigit() else value
                digits = _NON_DIGIT.sub("", number)
                if intl:
                    if _CN_MOBILE_INTL.fullmatch(digits):
                        continue  # +86 / 0086 mobiles belong to the CN recognizer
                    parsed = _parse("+" + digits[2:] if number.startswith("00") else "+" + digits, None)
                else:
                    nat = digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
                    if len(nat) != 10 or nat[:3] in _TOLL_FREE or nat[0] in "01":
                        continue
                    # what phonenumbers.parse(nat, "US") returns for ten digits not starting with 0 / 1
                    parsed = phonenumbers.PhoneNumber(country_code=1, national_number=int(nat))
                if parsed is None or not phonenumbers.is_possible_number(parsed):
                    continue
                # a bare run of digits named an account (对公账户：2735541968) or in a money flow: scored
                # below the account recognizer's candidates, so an account found there wins, and masked as a
                # phone when none is
                named = (
                    not intl
                    and value.isdigit()
                    and (account_cue_before(text, start) or flow_node(text, start, end))
                )
                if parsed.country_code in (1,) and str(parsed.national_number)[:3] in _TOLL_FREE:
                    continue
                if parsed.country_code == 86 and str(parsed.national_number)[:3] in ("400", "800"):
                    continue
                valid = phonenumbers.is_valid_number(parsed)
                score = pattern.score + (0.2 if valid else 0.0)
                if self.has_context(ctx, start, end):
                    score += 0.35
                if named:
                    score = _BELOW_ACCOUNT
                if score < self.MIN_SCORE:
                    continue
                canonical = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
                out.append(
                    RecognizerResult(
                        self.ENTITY, start, end, min(1.0, round(score, 3)), self.name, value, canonical
                    )
                )
        return out

    @staticmethod
    def _spans(ctx: AnalysisContext, name: str) -> list[tuple[int, int]]:
        """Windows holding every possible match of one pattern (see ``DIGIT_WINDOW`` in the base class)."""
        if name == "cue":  # see analyze: the cue before the first digits, the number after them
            return ctx.windows(2, 32, 34)
        if name == "cue_after":  # "(" before the number; separator, cue word and look-ahead after it
            return ctx.windows(2, 1, 12)
        if name == "nanp":  # the last group (4 digits) is a run; "+1 (415) 555-" before it, ext. after it
            return ctx.windows(4, 18, 16)
        if name == "nanp_bare":  # ten digits in one run
            return ctx.windows(10, 0, 3)
        # intl_plus: from its "+" / "＋" / "00" to at most 6 groups of digits and an extension
        text = ctx.text
        spans: list[tuple[int, int]] = []
        for sign in ("+", "＋", "00"):
            k = text.find(sign)
            while k >= 0:
                spans.append((k, min(len(text), k + 72)))
                k = text.find(sign, k + 1)
        spans.sort()
        merged: list[tuple[int, int]] = []
        for lo, hi in spans:
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        return merged


def _has_ten_digit_block(ctx: AnalysisContext) -> bool:
    """A block of exactly ten consecutive digits, which a bare NANP number needs.

    Its ten digits lie in one block of consecutive digits (in one digit run), with no ASCII digit right
    before or after them: so the block has ten digits, or more when one of them is not ASCII ("٣" can stand
    next to the number). "4111 1111 1111 1111", "13812345678" and "+86 138 1234 5678" have no such block.
    """
    text = ctx.text
    for start, end, n in ctx.runs:
        if n < 10:
            continue
        for block in (text[start:end],) if n == end - start else _NON_DIGIT.split(text[start:end]):
            if len(block) == 10 or (len(block) > 10 and not block.isascii()):
                return True
    return False


def _national_ok(value: str, cue: str, before: str) -> bool:
    """A national number after a cue, unless its shape says date, card, hotline or (weak cue) reference.

    ``before`` is the lower-cased text just before the cue: after a weak cue ("number", "no.") a reference
    word there ("order number", "case no.") means a reference; a bare run of digits also needs a word
    saying whose number it is ("my number", "new number", "mobile number").
    """
    if cue.startswith(_WEAK_CUES):
        if _REFERENCE_WORDS.search(before):
            return False
        if value.isdigit() and not _OWNER_WORDS.search(before):
            return False
    if value.isdigit() and len(value) == 8 and value.startswith(("19", "20")):
        return False  # 20240115
    if _DATE_SHAPE.fullmatch(value) or _CARD_SHAPE.fullmatch(value):
        return False
    digits = _NON_DIGIT.sub("", value)
    nat = digits[1:] if len(digits) == 11 and digits[0] == "1" else digits
    # 1800…, 400-xxx-xxxx: hotlines
    return not (len(nat) == 10 and nat[:3] in (*_TOLL_FREE, "400"))


def _parse(number: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
