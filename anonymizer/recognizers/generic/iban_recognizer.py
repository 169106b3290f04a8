"""International bank account numbers (ISO 13616, mod 97)."""

from __future__ import annotations

import re

from anonymizer.checks import iban_ok
from anonymizer.entities import IBAN
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer, RecognizerResult

_GATE = re.compile(r"[A-Z]{2}\d{2}")


class IbanRecognizer(PatternRecognizer):
    """Country code, check digits and up to 30 alphanumerics, compact or in groups of four."""

    ENTITY = IBAN
    PATTERNS = [
        Pattern(
            "iban",
            r"(?=[A-Z])(?<![0-9A-Za-z])[A-Z]{2}\d{2}(?:[ \-]?[0-9A-Za-z]{4}){2,8}(?:[ \-]?[0-9A-Za-z]{1,3})?",
            0.9,
        ),
    ]
    CONTEXT = ["iban", "account", "账户", "账号"]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return _GATE.search(ctx.text) is not None

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Try the match, then shorter prefixes (a following word may have been swallowed)."""
        out = []
        for m in self.PATTERNS[0].compiled.finditer(ctx.text):
            value = m.group()
            for cut in _prefix_ends(value):
                cand = value[:cut]
                end = m.start() + cut
                if end < len(ctx.text) and ctx.text[end].isalnum() and ctx.text[end].isascii():
                    continue
                compact = re.sub(r"[ \-]", "", cand)
                if iban_ok(compact):
                    out.append(
                        RecognizerResult(self.ENTITY, m.start(), end, 1.0, self.name, cand, compact.upper())
                    )
                    break
        return out


def _prefix_ends(value: str) -> list[int]:
    ends = [len(value)]
    ends += [i for i in range(len(value) - 1, 14, -1) if value[i] in " -"]
    ends += [i for i in range(len(value) - 1, 14, -1) if value[i] not in " -"]
    return sorted(set(ends), reverse=True)
