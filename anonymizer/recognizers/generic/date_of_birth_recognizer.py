"""Dates of birth: a date right after a birth cue (other dates are preserved)."""

from __future__ import annotations

import re

from anonymizer.entities import DATE_OF_BIRTH
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:(?:19|20)\d{2}\s?[年/.\-]\s?\d{1,2}\s?[月/.\-]\s?\d{1,2}\s?[日号]?|(?:19|20)\d{2}年\d{1,2}月|"
    r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d{2}|"
    + _MONTHS
    + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+"
    + _MONTHS
    + r",?\s+(?:19|20)\d{2}|(?:19|20)\d{6})"
)
_CUE = (
    r"(?:出生日期|出生年月日|出生年月|出生于|出生在|生日|出生|生于|"
    r"(?i:date\s+of\s+birth|birth\s*date|birthday|d\.?o\.?b\.?|born(?:\s+on|\s+in)?))"
)


_GATE = re.compile(r"出生|生日|生于|birth|dob|d\.o\.b|born")


class DateOfBirthRecognizer(PatternRecognizer):
    """``出生日期：1988年3月5日``, ``DOB 03/05/1988``, ``born on March 5, 1988``."""

    ENTITY = DATE_OF_BIRTH
    PATTERNS = [
        Pattern(
            "dob_cue",
            r"(?=[出生dDbB])"
            + _CUE
            + r"\s*(?:[:：]|为|是|is|was)?\s*(?:(?i:on)\s+)?(?P<v>"
            + _DATE
            + r")(?![0-9])",
            0.85,
        ),
    ]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return _GATE.search(ctx.lower) is not None
