"""IPv4 and IPv6 addresses, validated by :mod:`ipaddress`."""

from __future__ import annotations

import ipaddress
import re

from anonymizer.entities import IP_ADDRESS
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer, RecognizerResult

_V4_GATE = re.compile(r"\d\.\d{1,3}\.\d{1,3}\.\d")
#: a dotted quad right after a version word is a version (App version 4.8.59.99, APP（版本3.2.20.253）)
_VERSION_BEFORE = re.compile(
    r"(?:(?<![a-z])(?:version|ver\.?|build|release|app|apk|sdk|firmware|v)|版本号?|客户端|固件)"
    r"[\s:：(（#]{0,3}$"
)
#: the host of a URL (http://1.2.3.4:8080/...): the URL recognizer names the whole link
_URL_BEFORE = ("://", "@")


class IpRecognizer(PatternRecognizer):
    """Dotted quads and colon-hex addresses that :mod:`ipaddress` accepts."""

    ENTITY = IP_ADDRESS
    PATTERNS = [
        Pattern("ipv4", r"(?=\d)(?<![0-9.])(?:\d{1,3}\.){3}\d{1,3}(?![0-9]|\.\d)", 0.6),
        Pattern(
            "ipv6",
            r"(?=[0-9A-Fa-f:])(?<![0-9A-Za-z:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?"
            r"(?![0-9A-Za-z]|:[0-9A-Fa-f:])",
            0.6,
        ),
    ]
    CONTEXT = ["ip", "地址", "登录", "address", "from", "来源"]
    CONTEXT_BOOST = 0.3

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return bool(self.active_patterns(ctx))

    def active_patterns(self, ctx: AnalysisContext) -> list[Pattern]:
        """IPv4 only with a dotted quad shape, IPv6 only with two colons."""
        text = ctx.text
        v4 = "." in text and _V4_GATE.search(text) is not None
        v6 = text.count(":") >= 2
        if v4 and v6:
            return self.PATTERNS
        if v4:
            return self.PATTERNS[:1]
        return self.PATTERNS[1:] if v6 else []

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Addresses, minus IPv4-shaped versions; a URL's host keeps its base score (the URL wins)."""
        out = []
        for r in super().analyze(ctx):
            if "." in r.value and ":" not in r.value:
                if _VERSION_BEFORE.search(ctx.lower, max(0, r.start - 14), r.start):
                    continue
                if ctx.text.endswith(_URL_BEFORE, max(0, r.start - 3), r.start):
                    r.score = self.PATTERNS[0].score
            out.append(r)
        return out

    def validate_result(self, value: str) -> bool:
        """Valid address; IPv6 needs a hex letter or ``::`` so that times like 12:30:45 never match."""
        try:
            addr = ipaddress.ip_address(value)
        except ValueError:
            return False
        if addr.version == 6 and "::" not in value and not any(c.isalpha() for c in value):
            return False
        return not (addr.version == 4 and value.startswith("0."))

    def canonical(self, value: str) -> str:
        """Compressed form."""
        return ipaddress.ip_address(value).compressed
