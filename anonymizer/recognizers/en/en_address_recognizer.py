"""English street addresses: number + street name + suffix, unit, and an optional city/state/ZIP line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from anonymizer.data.en_lists import STREET_SUFFIXES
from anonymizer.entities import ADDRESS
from anonymizer.recognizers.base import (
    AnalysisContext,
    Pattern,
    PatternRecognizer,
    anchored_finditer,
    digit_starts,
)

_ABBREV = (
    "St",
    "Ave",
    "Av",
    "Rd",
    "Blvd",
    "Ln",
    "Dr",
    "Ct",
    "Pl",
    "Hwy",
    "Pkwy",
    "Sq",
    "Ter",
    "Terr",
    "Cir",
    "Trl",
    "Way",
    "Aly",
    "Expy",
    "Fwy",
    "Plz",
    "Pt",
    "Xing",
    "Cres",
    "Close",
    "Row",
    "Walk",
    "Mews",
    "Gardens",
    "Grove",
)
_SUFFIX = "(?:" + "|".join(sorted(set(STREET_SUFFIXES) | set(_ABBREV), key=len, reverse=True)) + r")\.?"
_WORD = r"[A-Z][A-Za-z'\-]*"
_STREET = (
    r"(?=\d)(?<![\w.])\d{1,6}[A-Za-z]?(?:-\d{1,4})?\s+(?:(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
    r"(?:(?:" + _WORD + r"|\d{1,3}(?:st|nd|rd|th))\s+){1,4}" + _SUFFIX + r"(?![A-Za-z])"
    r"(?:\s+(?:[NSEW]|NE|NW|SE|SW)\b\.?)?"
)
_UNIT = (
    r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Floor|Fl|Room|Rm|Bldg|Building)\b\.?\s*#?\s*"
    r"(?=[A-Za-z0-9\-]*\d)[A-Za-z0-9\-]{1,6}|,?\s+#\s*\d{1,6})?"
)
_CITY_LINE = (
    r"(?:(?:,\s*|\s*\n\s*|\s+)(?:"
    + _WORD
    + r"\s){0,2}"
    + _WORD
    + r",?\s+(?:[A-Z]{2}|"
    + _WORD
    + r")\s+\d{5}(?:-\d{4})?"
    r"(?!\d))?"
)
_MILITARY = (
    r"(?:(?:PSC|Unit)\s+\d{4},?\s+Box\s+\d{4}|(?:USNS|USNV|USS|USCGC)\s+" + _WORD + r")"
    r"(?:\s*\n\s*|,?\s+)(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}"
)
_AFTER_CUE = (
    r"(?=[aAlLrRhHbBsS])(?i:(?:home |billing |shipping |mailing |postal |new )?address(?: is|:)|"
    r"lives at|living at|resides at|located at|live at|reside at)[ \t:]*"
    r"(?P<v>(?=[^\n]{0,40}\d)[A-Z0-9À-Þ](?:[^\n;!?.(]|\.(?=[ ]?\d|\S)|\n(?![\n]))"
    + "{4,90}"
    + r"?(?=\.?\s*(?:$|\n\n)|[;!?(]|\.\s|,\s*[a-z]"
    + r"|\s(?:and|with|for|but|who|which|was|is|lost|on|since|from|to)\s))"
)
_PO_BOX = r"(?i:P\.?\s?O\.?\s+Box)\s+\d{1,6}" + _CITY_LINE


class EnAddressRecognizer(PatternRecognizer):
    """Street addresses: ``1037 Jessica Landing, Kevinton, GU 19361``, ``PSC 1234, Box 5678 APO AE 12345``.

    A street line (number, name words, a street suffix), an optional unit, an optional city / state / ZIP.
    """

    ENTITY = ADDRESS
    NEEDS_SCRIPT = "en"
    PATTERNS = [
        Pattern("street_line_zip", _STREET + _UNIT + _CITY_LINE[:-1], 0.95),  # with a mandatory city/ZIP line
        Pattern("street_line", _STREET + _UNIT + _CITY_LINE, 0.8),
        Pattern("military", _MILITARY, 0.85),
        Pattern("po_box", _PO_BOX, 0.7),
        # any street format (European "Street 12", "Rua do Arenque 1634") right after an address cue
        Pattern("after_address_cue", _AFTER_CUE, 0.85),
    ]
    CONTEXT = ["address", "lives", "live", "living", "resides", "located", "ship", "deliver", "mail", "at"]
    CONTEXT_BOOST = 0.1

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return ctx.max_digits >= 1

    def active_patterns(self, ctx: AnalysisContext) -> list[Pattern]:
        """Military addresses need APO / FPO / DPO, a PO box "box", the cue pattern one of its cues."""
        text, lower = ctx.text, ctx.lower
        out = self.PATTERNS[:2]
        if "PO" in text:
            out = [*out, self.PATTERNS[2]]
        if "box" in lower:
            out = [*out, self.PATTERNS[3]]
        if "address" in lower or " at" in lower:
            out = [*out, self.PATTERNS[4]]
        return out

    def iter_matches(self, pattern: Pattern, ctx: AnalysisContext) -> Iterator[re.Match]:
        """Street lines begin with a house number: try them only where a number begins."""
        if pattern.name.startswith("street_line"):
            return anchored_finditer(pattern.compiled, ctx.text, digit_starts(ctx))
        return super().iter_matches(pattern, ctx)

    def invalidate_result(self, value: str) -> bool:
        """``5 Way`` / ``10 Dr`` alone and amounts like ``100 Point`` are not streets; a value after an
        address cue needs a digit and a capitalised word."""
        words = value.split()
        if not re.search(r"\d", value) or not re.search(r"[A-ZÀ-Þ][a-zß-ÿ]", value):
            return True
        return len(words) < 2 or (len(words) < 3 and not re.search(r"\n", value) and not value[0].isalpha())
