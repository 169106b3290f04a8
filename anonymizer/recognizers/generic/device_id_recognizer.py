"""Device identifiers: IMEI (Luhn), MAC addresses, and fingerprints / UUIDs next to a device cue."""

from __future__ import annotations

import re

from anonymizer.checks import imei_ok
from anonymizer.entities import DEVICE_ID
from anonymizer.recognizers.base import AnalysisContext, Pattern, PatternRecognizer, RecognizerResult

_CUE = (
    r"(?:IMEI|MEID|IMSI|IDFA|IDFV|OAID|Android\s?ID|device\s?(?:id|fingerprint)|fingerprint|设备指纹|设备号|设备ID|"
    r"设备标识|设备编号|串号|终端指纹|手机串号|设备)"
)
_SEP = r"\s*(?:[:：#=]|为|是|号)?\s*(?:为|是)?\s*"


_GATE = re.compile(
    r"imei|meid|imsi|idfa|idfv|oaid|android|device|fingerprint|设备|串号|终端|[0-9a-f]{2}[:\-][0-9a-f]{2}[:\-]"
)


class DeviceIdRecognizer(PatternRecognizer):
    """IMEI / MEID / fingerprints after a device cue; MAC addresses anywhere."""

    ENTITY = DEVICE_ID
    PATTERNS = [
        Pattern(
            "device_cue",
            r"(?=[iImMoOaAdDfF设串终])(?i:"
            + _CUE
            + r")"
            + _SEP
            + r"(?P<v>(?=[0-9A-Fa-f\-]*\d)[0-9A-Za-z](?:[0-9A-Za-z\-_:]{6,70}[0-9A-Za-z]))"
            r"(?![0-9A-Za-z])",
            0.8,
        ),
        Pattern(
            "mac",
            r"(?=[0-9A-Fa-f])(?<![0-9A-Fa-f:\-])[0-9A-Fa-f]{2}(?:[:\-][0-9A-Fa-f]{2}){5}(?![0-9A-Fa-f:\-])",
            0.7,
        ),
        Pattern("imei", r"(?=\d)(?<![0-9A-Za-z])\d{2}[ \-]?\d{6}[ \-]?\d{6}[ \-]?\d(?![0-9A-Za-z])", 0.3),
    ]
    CONTEXT = ["imei", "设备", "device", "手机串号", "串号", "终端"]
    CONTEXT_WINDOW = 20

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return _GATE.search(ctx.lower) is not None

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """IMEI needs Luhn and a cue; cue-anchored values need a digit and 8+ characters."""
        out = []
        for r in super().analyze(ctx):
            compact = re.sub(r"[ \-_:]", "", r.value)
            if r.meta.get("pattern") == "imei":
                if not imei_ok(compact) or not self.has_context(ctx, r.start, r.end):
                    continue
                r.score = 0.95
            if len(compact) < 8:
                continue
            r.canonical = compact.upper()
            out.append(r)
        return out
