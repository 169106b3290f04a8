"""Allow rules: spans that are NOT personal data and must survive anonymization.

Amounts, dates and times, MCC codes, labelled BINs, merchant / terminal ids, order, transaction and
case numbers, bank hotlines. Rules are anchored on a keyword, so a Luhn collision in an order number is
not taken for a card, while an unlabelled 16-digit number still is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anonymizer.entities import DATE_OF_BIRTH
from anonymizer.recognizers.cues import TOLL_FREE_RX, account_cue_before

_REF_KEYWORDS_ZH = (
    r"订单号码|订单编号|订单号|订单|交易流水号|流水号|交易单号|交易号|交易编号|交易参考号|参考号|商户号|商户编号|"
    r"商户代码|商户ID|终端号|终端编号|批次号|凭证号|授权码|授权号|案件编号|案件号|案号|工单号|报案号|受理号|"
    r"运单号|快递单号|发票号|合同号|保单号|批准号|备案号"
)
_REF_KEYWORDS_EN = (
    r"MCC|BIN|MID|TID|order\s*(?:no\.?|number|id|#)|order|transaction\s*(?:id|no\.?|ref(?:erence)?|number)|"
    r"txn\s*(?:id|no\.?|#)?|ref(?:erence)?\s*(?:no\.?|number|id|#)|ref\.?|case\s*(?:no\.?|number|id|ref|#)|"
    r"merchant\s*(?:id|no\.?|number|code)|terminal\s*(?:id|no\.?)|ticket\s*(?:no\.?|number|#)|"
    r"invoice\s*(?:no\.?|number|#)|tracking\s*(?:no\.?|number|#)|auth(?:orization)?\s*code|batch\s*(?:no\.?|#)|"
    # acquirer / retrieval reference numbers of card schemes
    r"ARN|RRN"
)
_REF = re.compile(
    r"(?:" + _REF_KEYWORDS_ZH + r"|(?i:\b(?:" + _REF_KEYWORDS_EN + r")))"
    r"\s*(?:[:：#=]|为|是|(?i:is))?\s*(?P<v>[A-Za-z0-9][A-Za-z0-9\-_/]{2,48})(?![A-Za-z0-9])"
)
_HOTLINES = re.compile(
    r"(?<![0-9A-Za-z])(?:95\d{3}(?:\d|\d{3})?|96\d{3}|1(?:0086|0010|0000|0001|2306|2315|2345|2321|2381|2110)|"
    r"(?:400|800)[\s\-]?\d{3}[\s\-]?\d{4}|(?:\+?1[\s\-.]?)?(?:\("
    + TOLL_FREE_RX
    + r"\)\s?|"
    + TOLL_FREE_RX
    + r"[\s\-.])\d{3}[\s\-.]?\d{4})"
    r"(?![0-9A-Za-z])"
)
_AMOUNT = re.compile(
    r"(?:[¥￥$€£]|RMB|CNY|USD|HKD|EUR)\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:万|k|K|m|M))?"
    r"|\d[\d,]*(?:\.\d+)?\s?(?:万元|亿元|元|万|美元|港元|块|(?i:rmb|cny|usd|dollars?|yuan))"
)
_DATE = re.compile(
    r"(?<![0-9])(?:(?:19|20)\d{2}\s?[年/.\-]\s?\d{1,2}\s?[月/.\-]\s?\d{1,2}\s?[日号]?|(?:19|20)\d{2}年\d{1,2}月|"
    r"\d{1,2}月\d{1,2}[日号]|\d{1,2}/\d{1,2}/(?:19|20)?\d{2})(?![0-9])"
)
_DATE_HINT = re.compile(r"[年月/:：]|\d[\-.]\d")
_TIME = re.compile(r"(?<![0-9:])(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?(?![0-9:])")


_AMOUNT_BEFORE = re.compile(r"(?:[¥￥$€£]|RMB|CNY|USD|HKD|EUR)\s?$")
_AMOUNT_AFTER = re.compile(
    r"[\d,]*(?:\.\d+)?\s?(?:万元|亿元|元|万|美元|港元|块|(?i:rmb|cny|usd|dollars?|yuan)\b)"
)
_NUMERIC_TYPES = frozenset(
    {
        "BANK_CARD",
        "BANK_ACCOUNT",
        "PHONE",
        "CN_ID",
        "DEVICE_ID",
        "SOCIAL_ACCOUNT",
        "PASSPORT",
        "USCC",
        "IP_ADDRESS",
    }
)


_REF_WORDS_ZH = frozenset(_REF_KEYWORDS_ZH.split("|"))
_REF_WORDS_EN = frozenset(
    f"{head}{tail}"
    for head, tails in {
        "order": ["", " no", " no.", " number", " id", " #"],
        "transaction": [" id", " no", " no.", " ref", " reference", " number"],
        "txn": ["", " id", " no", " no.", " #"],
        "ref": ["", ".", " no", " no.", " number", " id", " #"],
        "reference": ["", " no", " no.", " number", " id", " #"],
        "case": [" no", " no.", " number", " id", " ref", " #"],
        "merchant": [" id", " no", " no.", " number", " code"],
        "terminal": [" id", " no", " no."],
        "ticket": [" no", " no.", " number", " #"],
        "invoice": [" no", " no.", " number", " #"],
        "tracking": [" no", " no.", " number", " #"],
        "auth": [" code"],
        "authorization": [" code"],
        "batch": [" no", " no.", " #"],
        "mcc": [""],
        "bin": [""],
        "mid": [""],
        "tid": [""],
        "arn": [""],
        "rrn": [""],
    }.items()
    for tail in tails
)
_REF_ZH_BY_LAST: dict[str, tuple[str, ...]] = {}
for _w in _REF_WORDS_ZH:
    _REF_ZH_BY_LAST[_w[-1]] = (*_REF_ZH_BY_LAST.get(_w[-1], ()), _w)
#: English keywords by their last two characters: only those can end the text before a value
_REF_EN_BY_LAST2: dict[str, tuple[str, ...]] = {}
for _w in sorted(_REF_WORDS_EN):
    _REF_EN_BY_LAST2[_w[-2:]] = (*_REF_EN_BY_LAST2.get(_w[-2:], ()), _w)
_REF_MAX = max(len(w) for w in _REF_WORDS_ZH | _REF_WORDS_EN)
_SEP_CHARS = " \t:：#=\u3000"
_VALUE_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_/")


_COPULAS = ("为", "是", " is")


def _after_reference_keyword(text: str, start: int) -> bool:
    """True when ``text[:start]`` ends with a reference keyword, a separator and at most 12 value chars."""
    k = start
    n = 0
    while k > 0 and n <= 12 and text[k - 1] in _VALUE_CHARS:
        k -= 1
        n += 1
    if n > 12:
        return False
    window = text[max(0, k - _REF_MAX - 6) : k].rstrip(_SEP_CHARS)
    for _ in range(2):
        if not window.endswith(_COPULAS):
            break  # nothing to strip, now or in the next round
        for word in _COPULAS:
            if window.endswith(word):
                window = window[: -len(word)].rstrip(_SEP_CHARS)
    if not window:
        return False
    last = window[-1]
    if "\u4e00" <= last <= "\u9fff":
        return any(window.endswith(w) for w in _REF_ZH_BY_LAST.get(last, ()))
    low = " ".join(window.lower().split())
    for word in _REF_EN_BY_LAST2.get(low[-2:], ()):
        size = len(word)
        if low.endswith(word) and (size == len(low) or not low[-size - 1].isalpha()):
            return True
    return False


def is_blocked(text: str, entity_type: str, start: int, end: int) -> bool:
    """True when an allow rule preserves the candidate ``text[start:end]`` of this type.

    Rules: a reference keyword right before it (订单号, 商户号, MCC, order no. ...), a hotline value, an
    amount (currency sign before or unit after), or - except for DATE_OF_BIRTH - a date or time covering at
    least half of it. Only the neighbourhood of the candidate is read, so the cost does not grow with text.
    """
    if _after_reference_keyword(text, start):
        return True
    value = text[start:end]
    if entity_type in _NUMERIC_TYPES:
        if _HOTLINES.fullmatch(value.strip()) and not account_cue_before(text, start):
            return True  # a hotline, unless an account word names it (account 95127463, QQ（956458）)
        if _AMOUNT_BEFORE.search(text, max(0, start - 5), start) or _AMOUNT_AFTER.match(text, end):
            return True
    if entity_type != DATE_OF_BIRTH and _DATE_HINT.search(text, max(0, start - 12), min(len(text), end + 12)):
        lo, hi = max(0, start - 12), min(len(text), end + 12)
        window = text[lo:hi]
        for rx in (_DATE, _TIME):
            if not _may_match(rx, window):
                continue
            for m in rx.finditer(text, lo, hi):
                overlap = min(end, m.end()) - max(start, m.start())
                if overlap > 0 and overlap * 2 >= end - start:
                    return True
    return False


def _may_match(rx: re.Pattern, window: str) -> bool:
    """Substrings every match of ``_DATE`` / ``_TIME`` holds (a scan costs far more than these tests).

    A date has 年, 月 or "/", or a year (19xx / 20xx) followed by "." or "-"; a time has a colon.
    """
    if rx is _TIME:
        return ":" in window or "：" in window
    return (
        "年" in window
        or "月" in window
        or "/" in window
        or (("19" in window or "20" in window) and ("." in window or "-" in window))
    )


@dataclass(frozen=True, slots=True)
class ProtectedSpan:
    """A span no recognizer may replace (``except_types`` may still be found inside it)."""

    start: int
    end: int
    rule: str
    except_types: frozenset[str] = frozenset()


_DATE_EXCEPT = frozenset({DATE_OF_BIRTH})


def protected_spans(text: str) -> list[ProtectedSpan]:
    """Return the spans of ``text`` that the allow rules preserve."""
    spans: list[ProtectedSpan] = []
    for m in _REF.finditer(text):
        spans.append(ProtectedSpan(*m.span("v"), "reference"))
    for m in _HOTLINES.finditer(text):
        spans.append(ProtectedSpan(*m.span(), "hotline"))
    for m in _AMOUNT.finditer(text):
        spans.append(ProtectedSpan(*m.span(), "amount"))
    for m in _DATE.finditer(text):
        spans.append(ProtectedSpan(*m.span(), "date", _DATE_EXCEPT))
    for m in _TIME.finditer(text):
        spans.append(ProtectedSpan(*m.span(), "time", _DATE_EXCEPT))
    return spans
