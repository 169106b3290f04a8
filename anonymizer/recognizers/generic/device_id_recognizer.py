"""Device identifiers: IMEI (Luhn), MEID, MAC addresses, UUIDs and hex fingerprints next to a device cue."""

from __future__ import annotations

import re

from anonymizer.checks import imei_ok
from anonymizer.entities import DEVICE_ID
from anonymizer.recognizers.base import (
    AnalysisContext,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
    contains_any,
)

_CUE = (
    r"(?:IMEI|MEID|IMSI|IDFA|IDFV|OAID|GAID|AAID|UDID|HWID|Android\s?ID|advertising\s+id|"
    r"device\s?(?:id|identifier|fingerprint|hash|token|serial)|handset\s?(?:id|serial)?|fingerprint|"
    r"设备指纹|设备号|设备ID|设备标识|设备编号|设备串号|串号|终端指纹|手机串号|机器码|硬件码|设备)"
)
_SEP = r"\s*(?:[:：#=]|为|是|号)?\s*(?:为|是)?\s*[（(]?\s*"

#: words that put a device in the sentence; a UUID, a hex id or an IMEI after one of them is that device's id
_DEVICE_WORD = re.compile(
    r"imei|meid|idfa|idfv|oaid|gaid|aaid|udid|hwid|android|advertising id|device|handset|phone|mobile|laptop|"
    r"computer|browser|machine|ipad|tablet|emulator|hardware|fingerprint|设备|串号|终端|机器码|硬件|手机|机型|电脑"
)
#: a payment card named between the device word and the number: the number is that card's
_CARD_WORD = re.compile(r"(?<![a-z])(?:card|cc|visa|mastercard|amex|pan)(?![a-z])|卡")
#: an id of something else named between the device word and the value: "device …, session id <uuid>"
_OTHER_ID = re.compile(
    r"(?<![a-z])(?:session|request|transaction|txn|order|trace|correlation|payment|case|ticket|invoice|reference|"
    r"ref|batch|merchant|terminal)(?![a-z])|交易|订单|流水|会话|请求|商户|工单"
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|[。！？\n]")
#: UUID, 14-64 hex characters (MEID, Android ID, hashed fingerprints) or a 15-digit IMEI in any grouping
#: (the first character, then the look-behind: the scan only stops at hex digits)
_ID_LIKE = re.compile(
    r"[0-9A-Fa-f](?<![0-9A-Za-z\-_:.][0-9A-Fa-f])"
    r"(?:[0-9A-Fa-f]{7}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|[0-9A-Fa-f]{13,63}|"
    r"(?<=\d)\d[ \-]?\d{6}[ \-]?\d{6}[ \-]?\d|(?<=\d)\d{7}[ \-]\d{6}[ \-]?\d)"
    r"(?![0-9A-Za-z\-_]|[.:][0-9A-Za-z])"
)
_SCOPE = 100  # characters before an id in which its device word may stand (same sentence)
#: between two ids of an enumeration: "A, B and C", "A、B", "A; B", "A / B"
_LIST_GAP = re.compile(r"[)）]?\s*(?:[,，、;；/]|and|or|和|及|与)?\s*(?:(?:and|or|和|及|与)\s*)?[(（]?")
_NON_ALNUM = re.compile(r"[ \-_:]")

#: substrings that gate each part (substring tests are much cheaper than a regex pass over the text)
_CUE_WORDS = (
    "imei", "meid", "imsi", "idfa", "idfv", "oaid", "gaid", "aaid", "udid", "hwid", "android", "advertising",
    "device", "handset", "fingerprint", "设备", "串号", "终端", "机器码", "硬件",
)  # fmt: skip
_SCOPE_WORDS = (
    *_CUE_WORDS, "phone", "mobile", "laptop", "computer", "browser", "machine", "ipad", "tablet", "emulator",
    "hardware", "手机", "机型", "电脑",
)  # fmt: skip
_CUE_ASCII = tuple(w for w in _CUE_WORDS if w.isascii())
_CUE_CJK = tuple(w for w in _CUE_WORDS if not w.isascii())
_SCOPE_ASCII = tuple(w for w in _SCOPE_WORDS if w.isascii() and w not in _CUE_WORDS)
_SCOPE_CJK = tuple(w for w in _SCOPE_WORDS if not w.isascii() and w not in _CUE_WORDS)
_MAC_HINT = re.compile(r"[0-9a-f]{2}[:\-][0-9a-f]{2}[:\-]")


class DeviceIdRecognizer(PatternRecognizer):
    """IMEI / MEID / fingerprints after a device cue; MAC addresses anywhere.

    Without a direct cue, a UUID, a hex id (14-64 characters with letters and digits) or a Luhn-valid
    15-digit IMEI counts when a device word (device, handset, 设备, 手机 ...) stands earlier in the same
    sentence, within 80 characters, with no payment-card word in between: "devices seen on the ring:
    86-575181-906179-9, 356938035643809".
    """

    ENTITY = DEVICE_ID
    PATTERNS = [
        Pattern(
            "device_cue",
            r"(?=[iImMoOaAdDfFgGuUhH设串终机硬])(?i:"
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
    ]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: a device word, or a MAC address's shape."""
        return bool(_parts(ctx))

    def active_patterns(self, ctx: AnalysisContext) -> list[Pattern]:
        """The cue pattern when a cue word is present, the MAC pattern when a MAC's shape is."""
        parts = _parts(ctx)
        return [p for p in self.PATTERNS if p.name in parts]

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Cue-anchored values and MACs; then ids of the shapes above with a device word in their sentence."""
        out = []
        taken: list[tuple[int, int]] = []
        for r in super().analyze(ctx):
            compact = _NON_ALNUM.sub("", r.value)
            if len(compact) < 8:
                continue
            if compact.isdigit() and len(compact) == 15 and imei_ok(compact):
                r.score = 0.95
            r.canonical = compact.upper()
            out.append(r)
            taken.append((r.start, r.end))
        if "scope" not in _parts(ctx):
            return out
        text, lower = ctx.text, ctx.lower
        ends = sorted(e for _, e in taken)
        for m in _ID_LIKE.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            value = m.group()
            compact = _NON_ALNUM.sub("", value)
            if compact.isdigit():
                if len(compact) != 15 or not imei_ok(compact) or compact[:2] in _AMEX:
                    continue
                score = 0.95
            elif _mixed_hex_id(compact, value):
                score = 0.85
            else:
                continue
            prev_end = max((e for e in ends if e <= start), default=-1)
            listed = prev_end >= 0 and _next_in_list(text, prev_end, start)
            if not listed and not _device_in_sentence(lower, start):
                continue
            ends.append(end)
            out.append(
                RecognizerResult(
                    self.ENTITY, start, end, score, self.name, value, compact.upper(), {"pattern": "scope"}
                )
            )
        return out


#: lengths of bare hex ids: MEID 14, Android ID 16, MD5 32, SHA-1 40, SHA-256 64
#: at most this many characters (a short label) between two ids of one device
_LABEL_GAP = 30
_HEX_LENGTHS = frozenset({14, 16, 32, 40, 64})
#: a 15-digit Luhn number starting 34 / 37 is an American Express card, not an IMEI
_AMEX = frozenset({"34", "37"})


def _parts(ctx: AnalysisContext) -> frozenset[str]:
    """Which parts can find something in this text: "device_cue", "mac", "scope" (once per text)."""
    found = ctx.memo.get("device_parts")
    if found is None:
        lower = ctx.lower
        cjk = ctx.has_cjk
        parts = []
        if contains_any(lower, _CUE_ASCII) or (cjk and contains_any(lower, _CUE_CJK)):
            parts += ["device_cue", "scope"]
        elif contains_any(lower, _SCOPE_ASCII) or (cjk and contains_any(lower, _SCOPE_CJK)):
            parts.append("scope")
        if (":" in lower or "-" in lower) and _MAC_HINT.search(lower) is not None:
            parts.append("mac")
        found = ctx.memo["device_parts"] = frozenset(parts)
    return found


def _next_in_list(text: str, prev_end: int, start: int) -> bool:
    """The id follows another device id: "A, B and C", or a second id of one device ("A; ad ID B")."""
    if _LIST_GAP.fullmatch(text, prev_end, start) is not None:
        return True
    return start - prev_end <= _LABEL_GAP and _SENTENCE_END.search(text, prev_end, start) is None


def _device_in_sentence(lower: str, start: int) -> bool:
    """A device word before ``start`` in the same sentence, with no card word after it."""
    lo = max(0, start - _SCOPE)
    ends = list(_SENTENCE_END.finditer(lower, lo, start))
    if ends:
        lo = ends[-1].end()
    last = -1
    for m in _DEVICE_WORD.finditer(lower, lo, start):
        last = m.end()
    return (
        last >= 0
        and _CARD_WORD.search(lower, last, start) is None
        and _OTHER_ID.search(lower, last, start) is None
    )


def _mixed_hex_id(compact: str, value: str) -> bool:
    """Letters and digits, and a UUID's dashes or a usual hex id length."""
    has_digit = any(c.isdigit() for c in compact)
    has_alpha = any(c.isalpha() for c in compact)
    return has_digit and has_alpha and ("-" in value or len(compact) in _HEX_LENGTHS)
