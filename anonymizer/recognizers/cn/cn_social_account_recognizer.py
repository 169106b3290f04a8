"""WeChat, QQ, Alipay, Telegram / Instagram / WhatsApp ... account ids, next to their platform cue."""

from __future__ import annotations

import re
import unicodedata

from anonymizer.entities import SOCIAL_ACCOUNT
from anonymizer.recognizers.base import (
    AnalysisContext,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
    contains_any,
)

_LETTERS = re.compile(r"(?i)[a-z]+")

#: an opening bracket or quote may stand between a cue and its id: QQ（769829）, 微信「abc_123」
_OPEN = r"[（(「“\"'【\[]?\s*"
_SEP = r"\s*(?:[:：]|号码|号|账号|帐号|id|ID|为|是)?\s*(?:[:：]|为|是)?\s*(?:[:：]\s*)?" + _OPEN
#: other platforms (ASCII names need a word boundary: see the pattern)
_OTHER_ZH = r"抖音号|抖音|快手号|快手|微博|小红书号|小红书|电报|纸飞机|飞机号|推特|脸书|陌陌号|陌陌"
_OTHER_EN = (
    r"telegram|tg|whatsapp|line|instagram|insta|ig|ins|twitter|facebook|fb|snapchat|snap|discord|skype|signal|"
    r"kakao(?:\s?talk)?|viber|tiktok"
)
#: any of the other platforms, as a whole word
_OTHER = r"(?:" + _OTHER_ZH + r"|(?<![A-Za-z0-9])(?i:" + _OTHER_EN + r")(?![A-Za-z0-9]))"
#: what the id is called after the platform: handle, username, ID, 账号 ...
_QUAL = (
    r"(?:\s?(?i:handles?|user\s?names?|users?|ids?|accounts?|acct|profiles?|names?)|"
    r"号|账号|帐号|用户名|昵称|id|ID)"
)
#: a bare handle: letters first, then letters, digits, _ . - (never ending on . or -)
_HANDLE = r"[A-Za-z][A-Za-z0-9_.\-]{2,30}[A-Za-z0-9_](?:#\d{4})?"
_R = r"(?![0-9A-Za-z_\-@]|\d|\.[0-9A-Za-z])"


#: cue words per pattern (substring tests are much cheaper than a regex pass over the text)
_WECHAT_WORDS = ("微信", "weixin", "wechat", "vx", "wx", "v信", "薇信", "威信")
_QQ_WORDS = ("qq", "扣扣", "企鹅号")
_ALIPAY_WORDS = ("支付宝", "alipay")
_OTHER_WORDS = (
    "抖音", "快手", "微博", "小红书", "电报", "飞机", "推特", "脸书", "陌陌", "telegram", "whatsapp", "insta",
    "twitter", "facebook", "snapchat", "discord", "skype", "kakao", "viber", "tiktok",
)  # fmt: skip
#: short platform names are common substrings ("online", "using"): a word-bounded check after a substring one
_SHORT_WORDS = ("tg", "ig", "ins", "fb", "snap", "signal", "line")
_SHORT_NAME = re.compile(r"(?<![a-z])(?:tg|ig|ins|fb|snap|signal|line)(?![a-z])")
#: a nickname's QQ number in brackets, as chat exports write it: 昵称(58576302)：
_CHAT_QQ = re.compile(
    r"[（(](?<=[\u4e00-\u9fffA-Za-z0-9_][（(])(?P<v>(?![1１][3-9３-９]\d{9}(?!\d))(?![0０])\d{5,11})[）)]"
    r"(?=\s?[:：]|\s\d{1,2}:\d{2})"
)
#: Alipay user ids: 2088 + 12 digits (a merchant's partner id has the same shape: not after a merchant word)
_ALIPAY_UID = re.compile(r"(?<![0-9A-Za-z\-])2088\d{12}(?![0-9A-Za-z\-])")
_MERCHANT_WORD = re.compile(r"商户|商家|签约|合作伙伴|merchant|partner|pid|seller")
#: an ASCII @handle: anywhere in a Chinese text, in an English one only continuing a list of cued handles
_AT_HANDLE = re.compile(
    r"(?<![0-9A-Za-z_.@])@(?P<h>[A-Za-z0-9_][A-Za-z0-9_.]{2,30}[A-Za-z0-9_])(?![0-9A-Za-z_@]|\.[0-9A-Za-z])"
)
#: between two handles of a list: "@a, @b and @c", "@a、@b"
_LIST_GAP = re.compile(r"\s*(?:[,，、;；/]|and|or|和|及|与)?\s*(?:(?:and|or|和|及|与)\s*)?")


class CnSocialAccountRecognizer(PatternRecognizer):
    """``微信号 wxid_abc123``, ``QQ（769829）``, ``支付宝账号 abc_123``, ``Telegram @crypto_88``.

    Ids after a platform cue (an opening bracket or quote may stand between); on other platforms a bare
    word after the platform counts only when it cannot be a word (a digit, ``_`` or ``.`` in it) or when
    a label names it ("Telegram handle", "IG DM:"), so "WhatsApp export" is not an account. Without a
    cue: QQ numbers of chat exports (``昵称(58576302)：``), Alipay user ids (2088 + 12 digits, not after
    a merchant word) and ASCII @handles in Chinese texts. Phone numbers and e-mails used as account ids
    are left to the PHONE / EMAIL recognizers.
    """

    ENTITY = SOCIAL_ACCOUNT
    COUNTRY_CODE = "cn"
    PATTERNS = [
        Pattern(
            "wechat",
            r"(?=[微wWvV薇威])(?<![A-Za-z0-9])(?i:微信|weixin|wechat(?:\s?id)?|vx|wx(?!id_)|v信|薇信|威信)"
            + _SEP
            # (not a lower-case word: "WeChat (voice)")
            + r"(?P<v>(?![a-z]+(?![A-Za-z0-9_\-]))[A-Za-z][A-Za-z0-9_\-]{5,24}|"
            + r"(?![1１][3-9３-９]\d{9}(?!\d))(?![0０])\d{5,12})"
            + _R,
            0.85,
        ),
        Pattern(
            "qq",
            r"(?=[qQ扣企])(?<![A-Za-z0-9])(?i:qq|扣扣|企鹅号)"
            + _SEP
            + r"(?P<v>(?![0０])\d{5,12}|[A-Za-z][A-Za-z0-9_.\-]{3,29})"
            + _R,
            1.0,
        ),
        Pattern(
            "alipay",
            r"(?=[支aA])(?<![A-Za-z0-9])(?i:支付宝|alipay)"
            + _SEP
            + r"(?P<v>[A-Za-z][A-Za-z0-9_\-]{3,29}|(?![1１][3-9３-９]\d{9}(?!\d))(?![0０])\d{5,12})"
            + _R,
            0.8,
        ),
        Pattern(
            # platform + @handle, or platform + what the id is called (handle, ID, 账号) + a bare handle
            "social_other",
            _OTHER + _QUAL + r"?" + _SEP + r"(?P<v>@[A-Za-z0-9_][A-Za-z0-9_.]{2,30}[A-Za-z0-9_])" + _R,
            0.8,
        ),
        Pattern(
            # platform + a short field label + colon: "IG DM: @x", "Telegram user name: lily_88"
            "social_other_labelled",
            r"(?<![A-Za-z0-9])(?i:"
            + _OTHER_EN
            + r")(?:\s+\(?[A-Za-z]{1,12}\)?){1,3}\s*[:：]\s*"
            + r"(?P<v>@[A-Za-z0-9_][A-Za-z0-9_.]{2,30}[A-Za-z0-9_]|"
            + r"(?=[A-Za-z0-9_.\-]*[0-9_.][A-Za-z0-9_])"
            + _HANDLE
            + r")"
            + _R,
            0.8,
        ),
        Pattern(
            "social_other_named",
            _OTHER + _QUAL + _SEP + r"(?P<v>" + _HANDLE + r")" + _R,
            0.8,
        ),
        Pattern(
            # platform + a bare handle that cannot be a word: it holds a digit, an underscore or a dot
            "social_other_shaped",
            _OTHER + _SEP + r"(?P<v>(?=[A-Za-z0-9_.\-]*[0-9_.][A-Za-z0-9_])" + _HANDLE + r")" + _R,
            0.75,
        ),
    ]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: a platform cue, an @, or a bracketed number (chat exports); 2088 ids need 16 digits."""
        text = ctx.text
        if _cues(ctx) or (ctx.max_digits >= 16 and "2088" in text):
            return True
        # un-cued @handles and chat-export QQ numbers are read in Chinese texts only
        return ctx.has_cjk and ("@" in text or (ctx.max_digits >= 5 and ("(" in text or "（" in text)))

    def active_patterns(self, ctx: AnalysisContext) -> list[Pattern]:
        """Only the patterns whose platform word is in the text."""
        cues = _cues(ctx)
        return [p for p in self.PATTERNS if _PATTERN_CUE[p.name] in cues]

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Cue patterns; QQ numbers of chat exports, Alipay user ids, @handles in a social sentence."""
        out = super().analyze(ctx)
        text, lower = ctx.text, ctx.lower
        spans = {(r.start, r.end) for r in out}
        extra: list[tuple[int, int, float, str]] = []
        if ctx.max_digits >= 5 and ctx.has_cjk:
            for m in _CHAT_QQ.finditer(text):
                if text[m.start() - 1] not in _NOT_NICKNAME_END:
                    extra.append((*m.span("v"), 0.85, "qq_chat"))
        if ctx.max_digits >= 16 and "2088" in text:
            for m in _ALIPAY_UID.finditer(text):
                start = m.start()
                if _MERCHANT_WORD.search(lower, max(0, start - 12), start) is None:
                    extra.append((start, m.end(), 1.0, "alipay_uid"))
        if "@" in text and (spans or ctx.has_cjk):
            # in a Chinese text an ASCII @handle is an account of a foreign platform, named or not; in an
            # English one it may be an organisation's, so it needs its platform right before it (the
            # patterns) or to continue a list of handles that did
            ends = sorted(e for _, e in spans)
            for m in _AT_HANDLE.finditer(text):
                start = m.start()
                prev = max((e for e in ends if e <= start), default=-1)
                listed = prev >= 0 and _LIST_GAP.fullmatch(text, prev, start) is not None
                if listed or (ctx.has_cjk and ctx.language != "en"):
                    extra.append((start, m.end(), 0.8, "at_handle"))
                    ends.append(m.end())
        for start, end, score, name in extra:
            if any(s < end and start < e for s, e in spans):
                continue
            spans.add((start, end))
            value = text[start:end]
            if self.invalidate_result(value.lstrip("@")):
                continue
            out.append(
                RecognizerResult(
                    self.ENTITY, start, end, score, self.name, value, self.canonical(value), {"pattern": name}
                )
            )
        return out

    def invalidate_result(self, value: str) -> bool:
        """Common words after a cue are not ids."""
        low = value.lower().lstrip("@")
        return low in _NOT_IDS or bool(_LETTERS.fullmatch(value) and len(value) < 6)

    def canonical(self, value: str) -> str:
        """Lower-cased id, full-width characters folded (ＱＱ ２６１４６１ = 261461)."""
        return unicodedata.normalize("NFKC", value).lower()


#: pattern name -> the cue family it needs
_PATTERN_CUE = {
    "wechat": "wechat",
    "qq": "qq",
    "alipay": "alipay",
    "social_other": "other",
    "social_other_labelled": "other",
    "social_other_named": "other",
    "social_other_shaped": "other",
}


#: (family, CJK words, ASCII words): CJK words are looked for only in texts with CJK characters
_FAMILIES = [
    (name, tuple(w for w in words if not w.isascii()), tuple(w for w in words if w.isascii()))
    for name, words in (
        ("wechat", _WECHAT_WORDS),
        ("qq", _QQ_WORDS),
        ("alipay", _ALIPAY_WORDS),
        ("other", _OTHER_WORDS),
    )
]


def _cues(ctx: AnalysisContext) -> frozenset[str]:
    """The cue families present in the text (substring tests, once per text)."""
    found = ctx.memo.get("social_cues")
    if found is None:
        lower = ctx.lower
        cjk = ctx.has_cjk
        fams = [
            name
            for name, cjk_words, ascii_words in _FAMILIES
            if (cjk and contains_any(lower, cjk_words)) or contains_any(lower, ascii_words)
        ]
        if "other" not in fams and contains_any(lower, _SHORT_WORDS) and _SHORT_NAME.search(lower):
            fams.append("other")
        found = ctx.memo["social_cues"] = frozenset(fams)
    return found


#: a bracketed number after these is a quantity (金额(50000)：), not a nickname's QQ
_NOT_NICKNAME_END = frozenset("额价量码费款数率期次笔计值元万")
_NOT_IDS = {
    "account",
    "number",
    "transfer",
    "payment",
    "group",
    "friend",
    "wallet",
    "scan",
    "qrcode",
    "red",
    "pay",
}
