"""URLs: with a scheme, ``www.``, or a bare domain with a path or a common TLD."""

from __future__ import annotations

import re

from anonymizer.entities import URL
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer, RecognizerResult

_TAIL = r"(?:[/?#][^\s<>\"'，。；！？、）（】【《》“”‘’\u4e00-\u9fff]*)?"
_TLD = (
    r"(?:com|cn|net|org|top|xyz|info|io|cc|vip|shop|app|me|co|biz|site|online|club|tk|ru|hk|tw|uk|de|us|"
    r"ly|gl|ink|link|live|pro|wang|work|fun|icu|asia|tv|store)"
)
_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+"


#: "://", "www." or a letter / digit, "." and two letters (scanned from the ".", the rarer character)
_GATE = re.compile(r"://|www\.|\.(?<=[a-z0-9]\.)[a-z]{2}")


class UrlRecognizer(PatternRecognizer):
    """Links in narratives (phishing pages, fake apps)."""

    ENTITY = URL
    PATTERNS = [
        Pattern(
            "url_scheme",
            r"(?i:(?:https?|ftp|hxxps?)://)[^\s<>\"'，。；！？、）（】【《》“”‘’\u4e00-\u9fff]+",
            0.9,
        ),
        Pattern(
            "url_www",
            r"(?<![A-Za-z0-9.@\-])(?i:www\.)" + _HOST + r"[A-Za-z]{2,24}(?::\d{2,5})?" + _TAIL,
            0.85,
        ),
        Pattern(
            "url_bare",
            r"(?<![A-Za-z0-9.@\-/])" + _HOST + "(?i:" + _TLD + r")(?![A-Za-z0-9\-@])(?::\d{2,5})?" + _TAIL,
            0.6,
        ),
    ]
    CONTEXT = ["网址", "链接", "网站", "网页", "点击", "url", "link", "site", "website", "visit", "登录"]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return "." in ctx.text and _GATE.search(ctx.lower) is not None

    def active_patterns(self, ctx: AnalysisContext) -> list[Pattern]:
        """Scheme URLs only with "://", www hosts only with "www."; bare domains always."""
        scheme, www, bare = self.PATTERNS
        out = [scheme] if "://" in ctx.text else []
        if "www." in ctx.lower:
            out.append(www)
        out.append(bare)
        return out

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Trim trailing punctuation; a bare domain needs a path, context or at least two dots."""
        out = []
        for pattern in self.active_patterns(ctx):
            for m in pattern.compiled.finditer(ctx.text):
                start, end = m.span()
                while end > start and ctx.text[end - 1] in ".,;:!?)]}'\"":
                    end -= 1
                value = ctx.text[start:end]
                if pattern.name == "url_bare":
                    if value[:1].isdigit() and value.replace(".", "").isdigit():
                        continue
                    if "/" not in value and not self.has_context(ctx, start, end) and value.count(".") < 2:
                        # "example.com" alone: keep it, but with a lower score
                        score = 0.55
                    else:
                        score = 0.8
                else:
                    score = pattern.score
                out.append(RecognizerResult(self.ENTITY, start, end, score, self.name, value, None))
        return out

    def canonical(self, value: str) -> str | None:
        """Lower-cased scheme and host."""
        from anonymizer.indicators import InvalidIndicator, canonicalize_indicator

        try:
            return canonicalize_indicator("url", value)
        except InvalidIndicator:
            return None
