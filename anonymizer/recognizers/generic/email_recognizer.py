"""E-mail addresses, also when glued to Chinese characters."""

from __future__ import annotations

from anonymizer.entities import EMAIL
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer

_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-']{0,63}[A-Za-z0-9_%+\-])?"
_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"


class EmailRecognizer(PatternRecognizer):
    """``local@domain.tld``; boundaries are ASCII characters, not ``\\b``."""

    ENTITY = EMAIL
    PATTERNS = [
        Pattern(
            "email",
            r"(?=[A-Za-z0-9])(?<![A-Za-z0-9._%+\-])"
            + _LOCAL
            + "@"
            + _DOMAIN
            + r"(?![A-Za-z0-9\-]|\.[A-Za-z0-9])",
            0.9,
        ),
    ]
    CONTEXT = ["邮箱", "邮件", "email", "e-mail", "mail"]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return "@" in ctx.text

    def scan_spans(self, ctx: AnalysisContext) -> list[tuple[int, int]]:
        """From 65 characters before the first "@" (the longest local part) to the end: no match starts
        earlier, so the matches are those of a whole-text scan."""
        return [(max(0, ctx.text.find("@") - 65), len(ctx.text))]

    def canonical(self, value: str) -> str:
        """Lower-cased."""
        return value.strip().lower()
