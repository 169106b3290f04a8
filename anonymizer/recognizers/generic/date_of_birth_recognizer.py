"""Dates of birth: a date right after a birth cue, or right before 生 / 出生 (other dates are preserved)."""

from __future__ import annotations

from anonymizer.entities import DATE_OF_BIRTH
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer, contains_any

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d{2}"
_ORD = r"(?:st|nd|rd|th)?"
_CN_DIGIT = "〇零○一二三四五六七八九"
#: a full date in the usual zh / en writings (numeric, month names, 一九八五年三月二日)
_DATE_FULL = (
    r"(?:"
    + _YEAR
    + r"\s?[年/.\-]\s?\d{1,2}\s?[月/.\-]\s?\d{1,2}(?:\s?[日号])?"
    + r"|\d{1,2}[/.\-]\d{1,2}[/.\-]"
    + _YEAR
    + r"|"
    + _MONTHS
    + r"\s+\d{1,2}"
    + _ORD
    + r",?\s+"
    + _YEAR
    + r"|(?:(?i:the)\s+)?\d{1,2}"
    + _ORD
    + r"(?:\s+(?i:of))?[\s\-]+"
    + _MONTHS
    + r",?[\s\-]+"
    + _YEAR
    + r"|"
    + _YEAR
    + r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    + rf"|[{_CN_DIGIT}]{{4}}年[一二三四五六七八九十]{{1,2}}月(?:[一二三四五六七八九十]{{1,3}}[日号])?"
    + r")"
)
#: after an explicit cue a shorter date is still the birth date: 1985年3月, 1985.03, June 1960, 3月5日
_DATE_AFTER_CUE = (
    r"(?:"
    + _DATE_FULL
    + r"|"
    + _YEAR
    + r"年\d{1,2}月|"
    + _YEAR
    + r"[./\-](?:0?[1-9]|1[0-2])(?![./\-]?\d)|"
    + _MONTHS
    + r",?\s+"
    + _YEAR
    + r"|\d{1,2}月\d{1,2}[日号]|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}(?![0-9]))"
)
_CUE = (
    r"(?:出生日期|出生年月日|出生年月|出生时间|出生于|出生在|出生日|出生|生日|生于|生辰|"
    r"(?i:date[\s\-]+of[\s\-]+birth|birth[\s\-]?date|birthday|d\.o\.b\.?|dob|born(?:\s+on|\s+in)?|(?<![a-z])b\.))"
)
#: between a cue and its date: a separator, "(DOB)", "is / was / listed as / on the", "born in Leeds on"
_FILL = (
    r"(?:\s*(?:\((?i:dob|d\.o\.b\.?)\)|[:：=]|[\-–—](?=\s)|为|是|(?i:is|was|of|on|as|the|listed|given|recorded|"
    r"shown|stated|registered|reported|declared|provided|in\s+[A-Z][a-z]+(?:[\s\-][A-Z][a-z]+)?,?))){0,4}\s*"
)


_GATE_WORDS = ("生", "birth", "dob", "d.o.b", "born", "b.")
#: the words of ``_CUE`` (and of the "(DOB)" label), as substrings of the lower-cased text
_CUE_WORDS = ("出生", "生日", "生于", "生辰", "birth", "dob", "d.o.b", "born", "b.")


class DateOfBirthRecognizer(PatternRecognizer):
    """``出生日期：1988年3月5日``, ``（1960年6月3日生，``, ``DOB 03/05/1988``, ``born on March 5, 1988``."""

    ENTITY = DATE_OF_BIRTH
    PATTERNS = [
        Pattern(
            "dob_cue",
            r"(?=[出生dDbB])" + _CUE + _FILL + r"[（(]?\s*(?P<v>" + _DATE_AFTER_CUE + r")(?![0-9])",
            0.85,
        ),
        Pattern(
            # police style: the date right before 生 / 出生 (1960年6月3日生，… ; 1985-03-02出生)
            "dob_before_birth_zh",
            r"(?=[12"
            + _CN_DIGIT
            + r"])(?<![0-9])(?P<v>"
            + _DATE_FULL
            + r"|"
            + _YEAR
            + r"年\d{1,2}月)"
            + r"(?=\s?(?:出生|生(?:[，,。；;、）)\s]|于|人|$)))",
            0.85,
        ),
        Pattern(
            # the date with its label after it: 1985-03-02 (DOB)
            "dob_label_after",
            r"(?=[0-9A-Za-z])(?<![0-9A-Za-z])(?P<v>"
            + _DATE_FULL
            + r")(?=\s*[（(]\s*(?i:dob|d\.o\.b\.?|date\s+of\s+birth|born|出生日期|生日)\s*[)）])",
            0.85,
        ),
    ]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        lower = ctx.lower
        return contains_any(lower, _GATE_WORDS)

    def active_patterns(self, ctx: AnalysisContext) -> list[Pattern]:
        """Each pattern only where its cue can be: a birth word, 生 right after a date, a "(DOB)" label."""
        lower = ctx.lower
        out = []
        cue = contains_any(lower, _CUE_WORDS)
        if cue:
            out.append(self.PATTERNS[0])
        if ctx.has_cjk and "生" in lower:
            out.append(self.PATTERNS[1])
        if cue and ("(" in lower or "（" in lower):
            out.append(self.PATTERNS[2])
        return out
