"""International bank account numbers (ISO 13616, mod 97)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from anonymizer.checks import iban_ok
from anonymizer.entities import IBAN
from anonymizer.recognizers.base import (
    AnalysisContext,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
    anchored_finditer,
)

_SEP = re.compile(r"[ \-]")
#: where an IBAN can begin: two letters of the same case, not glued to a word, then the check digits
#: (written from the second check digit back, so that the scan only stops at digits)
_START = re.compile(r"\d(?<=[A-Z][A-Z]\d|[a-z][a-z]\d)(?<![0-9A-Za-z]..\d)\d")


class IbanRecognizer(PatternRecognizer):
    """Country code, check digits and up to 30 alphanumerics, compact or in groups of four."""

    ENTITY = IBAN
    PATTERNS = [
        Pattern(
            "iban",
            # the country code in capitals or, as people type it, all in lower case (gb42nawi0445...)
            r"(?=[A-Za-z])(?<![0-9A-Za-z])(?:[A-Z]{2}|[a-z]{2})\d{2}"
            r"(?:[ \-]?[0-9A-Za-z]{4}){2,8}(?:[ \-]?[0-9A-Za-z]{1,3})?",
            0.9,
        ),
    ]
    CONTEXT = ["iban", "account", "账户", "账号"]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: two letters of the same case followed by two digits."""
        return bool(_starts(ctx))

    def iter_matches(self, pattern: Pattern, ctx: AnalysisContext) -> Iterator[re.Match]:
        """``match`` at the positions where an IBAN can begin (same matches as a whole-text scan)."""
        return anchored_finditer(pattern.compiled, ctx.text, _starts(ctx))

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Try the match, then shorter prefixes (a following word may have been swallowed)."""
        out = []
        for m in self.iter_matches(self.PATTERNS[0], ctx):
            value = m.group()
            for cut in _prefix_ends(value):
                cand = value[:cut]
                end = m.start() + cut
                if end < len(ctx.text) and ctx.text[end].isalnum() and ctx.text[end].isascii():
                    continue
                compact = _SEP.sub("", cand)
                if _mod97_ok(compact) and iban_ok(compact):
                    out.append(
                        RecognizerResult(self.ENTITY, m.start(), end, 1.0, self.name, cand, compact.upper())
                    )
                    break
        return out


def _mod97_ok(compact: str) -> bool:
    """ISO 7064 mod 97-10 of the rearranged value == 1: the first test of ``stdnum.iban.validate``, done
    here so that the many prefixes of a swallowed word cost a few microseconds, not a full validation."""
    rearranged = compact[4:] + compact[:4]
    return int("".join([str(int(c, 36)) for c in rearranged])) % 97 == 1


def _starts(ctx: AnalysisContext) -> list[int]:
    """Positions where an IBAN can begin, computed once per text (``ctx.memo``).

    The first check digit follows a letter, so it starts one of the pre-scan's digit runs (``ctx.runs``):
    ``_START`` is tried at those starts only, not scanned over the whole text.
    """
    found = ctx.memo.get("iban_starts")
    if found is None:
        text = ctx.text
        match = _START.match
        found = ctx.memo["iban_starts"] = [p - 2 for p, _end, n in ctx.runs if n > 1 and match(text, p)]
    return found


def _prefix_ends(value: str) -> list[int]:
    ends = [len(value)]
    ends += [i for i in range(len(value) - 1, 14, -1) if value[i] in " -"]
    ends += [i for i in range(len(value) - 1, 14, -1) if value[i] not in " -"]
    return sorted(set(ends), reverse=True)
