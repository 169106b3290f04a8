"""IPv4 and IPv6 addresses, validated by :mod:`ipaddress`."""

from __future__ import annotations

import ipaddress
import re

from anonymizer.entities import IP_ADDRESS
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer, RecognizerResult

_V4_GATE = re.compile(r"\d\.\d{1,3}\.\d{1,3}\.\d")
#: a dotted quad right after a word that names a version is a version (App version 4.8.59.99, 版本3.2.20.253,
#: v1.2.3.4) ...
_VERSION_BEFORE = re.compile(r"(?:(?<![a-z])(?:version|ver\.?|v)|版本号?)[\s:：(（#]{0,3}$")
#: ... after a word that may stand before a version or an address (APP 2.2.42.116, 客户端 88.220.45.205) only
#: when it is shaped like one: a first part up to 30 and a second up to 99
_APP_BEFORE = re.compile(r"(?:(?<![a-z])(?:app|apk|sdk|build|release|firmware)|客户端|固件)[\s:：(（#]{0,3}$")
_VERSION_SHAPE = re.compile(r"(?:[12]?\d|30)\.\d{1,2}\.")
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
                before = ctx.lower[max(0, r.start - 14) : r.start]
                if _VERSION_BEFORE.search(before) or (
                    _VERSION_SHAPE.match(r.value) and _APP_BEFORE.search(before)
                ):
                    continue  # a version; the residual check still flags a dotted quad left in the text
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
