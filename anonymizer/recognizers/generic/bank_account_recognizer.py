"""Bank account numbers: next to an account cue (账号, 账户, account no.) or a money-transfer phrase."""

from __future__ import annotations

import re

from anonymizer.checks import luhn_ok
from anonymizer.entities import BANK_ACCOUNT
from anonymizer.recognizers.base import (
    AnalysisContext,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
    contains_any,
)
from anonymizer.recognizers.cues import FLOW_ARROWS, LIST_LINK

_CUE_ZH = (
    r"(?:银行账号|收款账号|收款账户|对公账户|对公账号|银行账户|账号|帐号|账户|帐户|户号|户头|"
    r"(?:对公|对私|公|私|个人|一类|二类|三类|银行)户|存折(?:号|账号)?)"
)
_CUE_EN = r"(?:account\s+(?:number|no\.?|#|id)|acct\.?\s*(?:no\.?|#)?|a/c(?:\s*no\.?)?|account)"
#: an opening bracket or quote may stand between a cue and its number: 安全账户（6222…）
_OPEN = r"[（(「“\"【\[]?\s*"
_CLOSE = r"[）)」”\"】\]]?"
#: a quoted cue closes its quote before the number: 转入“安全账户”6222…
_SEP = _CLOSE + r"\s*(?:[:：#]|为|是|号码)?\s*(?:为|是)?\s*" + _OPEN
_NUM_LONG = r"(?P<v>\d(?:[ \-]?\d){11,29})(?![0-9A-Za-z])"
_NUM = r"(?P<v>\d(?:[ \-]?\d){7,29})(?![0-9A-Za-z])"
#: 10-30 digits where nothing names an account (a bank's name, an arrow)
_NUM_MID = r"(?P<v>\d(?:[ \-]?\d){9,29})(?![0-9A-Za-z])"

_BANK_NAME_END = r"(?:银行|信用社|农商行|农信社|支行|分行|储蓄所)"
#: a bank's or a branch's name, optionally, between a transfer verb and the number (汇款至招商银行6225…)
_BANK_ZH = r"(?:[\u4e00-\u9fff]{1,12}?" + _BANK_NAME_END + r"(?:的)?)?"
#: whose account: 对方 / 其 / 该 / 嫌疑人 / 张某名下 / 李四的 ... (at most one short qualifier)
_WHOSE_ZH = (
    r"(?:(?:对方|其|该|他人|嫌疑人|骗子|指定|所谓|以下|如下|一个|[\u4e00-\u9fff]{1,4}?名下|[\u4e00-\u9fff]{2,4}?的)"
    r"(?:的)?|[\u4e00-\u9fff]{2,4}?(?=[（(:：\s]))?"
)
_ACCOUNT_WORD_ZH = (
    r"(?:[“\"「『]?(?:安全|监管|核查|资金|清查|指定|对公|个人|私人|银行)?(?:账户|帐户|账号|帐号)[”\"」』]?"
    r"(?:内|中|上)?)?"
)
#: 转入 / 汇款至 / 打款到 / 转账给 / 流向 / 归集至 / 收款方 ...: a verb of moving money + a direction
_VERB_TO_ZH = (
    r"(?:(?:转账|汇款|打款|付款|转款|划款|划拨|划转|支付|充值|提现|转存|转移|转出|归集|流|转|汇|打|划|付|存)"
    r"(?:入|至|到|往|给|向)|收款(?:方|人|单位)?|到账)"
)
#: 向 <number> 转账 / 汇款 ... and 从 <number> 转出 ...: the number between 向 / 从 and the verb
_VERB_AFTER_ZH = (
    r"(?:转账|汇款|打款|转款|付款|转入|汇入|打入|存入|支付|充值|转了|汇了|打了|转钱|汇钱|打钱|转去|汇去|"
    r"转出|汇出|取出|划出|提现|取现|划走|转走)"
)
_ARROW = r"(?:" + "|".join(map(re.escape, FLOW_ARROWS)) + r")"

#: per pattern: substrings one of which the text must hold for the pattern to be run
_CUES: dict[str, tuple[str, ...]] = {
    "account_zh": ("账", "帐", "户", "存折"),
    "account_en": ("account", "acct", "a/c"),
    "account_after_transfer": ("to",),
    "account_after_transfer_zh": (
        "转",
        "汇",
        "打",
        "付",
        "划",
        "支付",
        "充值",
        "提现",
        "存",
        "收款",
        "到账",
        "流",
        "归集",
    ),
    "account_before_transfer_zh": ("向", "从", "由", "往"),
    "account_named_after_zh": ("账户", "帐户", "账号", "帐号", "户名", "开户"),
    "account_after_bank_zh": ("银行", "信用社", "农商行", "农信社", "支行", "分行", "储蓄所"),
    "account_in_flow": FLOW_ARROWS,
}
#: per pattern: its non-ASCII cues (looked for in texts with non-ASCII characters) and its ASCII cues (looked
#: for in the lower-cased text)
_CUE_CJK = {name: tuple(w for w in words if not w.isascii()) for name, words in _CUES.items()}
_CUE_ASCII = {name: tuple(w for w in words if w.isascii()) for name, words in _CUES.items()}


class BankAccountRecognizer(PatternRecognizer):
    """8-30 digits after an account cue, a transfer phrase or in a money flow; 10-30 after a bank's name.

    Order, transaction and merchant numbers are kept apart by the engine's allow rules (a reference
    keyword right before the number) and by needing a phrase that moves money to the number. A
    Luhn-valid number in a money flow is left to the card recognizer (cards are nodes of flows too).
    """

    ENTITY = BANK_ACCOUNT
    PATTERNS = [
        Pattern("account_zh", r"(?=[银收对账帐户])" + _CUE_ZH + _SEP + _NUM, 0.9),
        Pattern("account_en", r"(?=[aA])(?i:\b" + _CUE_EN + r")" + _SEP + _NUM, 0.9),
        Pattern(
            "account_after_transfer",
            r"(?=[tTi])(?:(?i:\b(?:to|into))\s+(?:(?i:the|an?)\s+)?(?:(?i:account)\s+)?)" + _NUM_LONG,
            0.7,
        ),
        Pattern(
            "account_after_transfer_zh",
            r"(?=[转汇打付划支充提存收到流归])"
            + _VERB_TO_ZH
            + _WHOSE_ZH
            + _BANK_ZH
            + _ACCOUNT_WORD_ZH
            + r"[:：\s]*"
            + _OPEN
            + _NUM,
            0.75,
        ),
        Pattern(
            "account_before_transfer_zh",
            r"[向从由往]\s*"
            + _WHOSE_ZH
            + _BANK_ZH
            + _ACCOUNT_WORD_ZH
            + r"[:：\s]*"
            + _OPEN
            + _NUM
            # the verb right after the number (a closing bracket, 账户 / 内 may stand between)
            + r"(?="
            + _CLOSE
            + r"\s*(?:账户|帐户|账号|帐号)?(?:内|中|上)?\s*"
            + _VERB_AFTER_ZH
            + ")",
            0.75,
        ),
        Pattern(
            # the number named as an account right after it: 在426464…账户中
            "account_named_after_zh",
            # (the digit first, then the look-behind: the scan only stops at digits)
            r"(?P<v>\d(?<![0-9A-Za-z\-]\d)(?:[ \-]?\d){7,29})(?![0-9A-Za-z])"
            + r"(?="
            + _CLOSE
            + r"\s?(?:号?(?:账户|帐户|账号|帐号)|[（(，,]\s?(?:户名|开户行|开户名|开户银行)))",
            0.75,
        ),
        Pattern(
            "account_after_bank_zh",
            r"(?<=[行社所])(?:"
            + "|".join(f"(?<={w})" for w in ("银行", "信用社", "农商行", "农信社", "支行", "分行", "储蓄所"))
            + r")[:：\s]*"
            + _OPEN
            + _NUM_MID,
            0.7,
        ),
        Pattern(
            "account_in_flow",
            # a node of a money flow: an arrow right before or right after the number
            _ARROW + r"\s?" + _NUM + r"|\d(?<![0-9A-Za-z\-]\d)(?:[ \-]?\d){7,29}(?=\s?" + _ARROW + ")",
            0.7,
        ),
    ]

    #: the number is one digit run of 8+ digits; the cue and separators stand at most 40 characters before
    #: it; the verb of ``向…转账``, 账户 or an arrow at most 12 characters after it
    DIGIT_WINDOW = (8, 40, 12)

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: 8+ digits and the cue of at least one pattern."""
        return ctx.max_digits >= 8 and bool(self.active_patterns(ctx))

    def active_patterns(self, ctx: AnalysisContext) -> list[Pattern]:
        """The patterns whose cue words occur in the text (substring tests, once per text)."""
        found = ctx.memo.get("bank_account_patterns")
        if found is None:
            text, lower = ctx.text, ctx.lower
            wide = ctx.has_cjk or not text.isascii()  # arrows (→) are non-ASCII cues of English texts too
            found = [
                p
                for p in self.PATTERNS
                if (wide and contains_any(text, _CUE_CJK[p.name])) or contains_any(lower, _CUE_ASCII[p.name])
            ]
            ctx.memo["bank_account_patterns"] = found
        return found

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Pattern matches and the numbers listed right after them; a Luhn-valid flow node scores low."""
        out = super().analyze(ctx)
        if not out:
            return out
        text = ctx.text
        taken = {(r.start, r.end) for r in out}
        for r in list(out):
            digits = r.canonical or ""
            if (
                r.meta.get("pattern") not in _NAMED
                and 13 <= len(digits) <= 19
                and _CARD_GROUPS.fullmatch(r.value)
            ):
                r.score = 0.55  # written like a card (4-digit groups) where no word says "account"
            elif r.meta.get("pattern") in _WEAK and 12 <= len(digits) <= 19 and luhn_ok(digits):
                r.score = 0.55
            elif r.meta.get("pattern") in _TRANSFER and _looks_like_card(digits):
                r.score = 0.55  # a card number paid into: the card recognizer names it
            # an enumeration: 账户6222…、6217…和6228… (each listed number is an account as well)
            end = r.end
            while (m := _LIST_NEXT.match(text, end)) is not None:
                start, end = m.span("v")
                if (start, end) not in taken:
                    taken.add((start, end))
                    value = m.group("v")
                    out.append(
                        RecognizerResult(
                            self.ENTITY,
                            start,
                            end,
                            r.score,
                            self.name,
                            value,
                            self.canonical(value),
                            {"pattern": "list"},
                        )
                    )
        return out

    def canonical(self, value: str) -> str:
        """Digits only."""
        return re.sub(r"\D", "", value)


#: patterns whose cue does not say "account": a card number there is a card
_WEAK = frozenset({"account_in_flow", "account_after_bank_zh"})
#: patterns cued by a transfer phrase only (no word says "account")
_TRANSFER = frozenset({"account_after_transfer_zh", "account_before_transfer_zh"})
#: card networks' prefixes: UnionPay 62, Visa 4, Mastercard 51-55 / 2221-2720, Amex 34 / 37, JCB 35,
#: Diners 30 / 36 / 38, Discover 60 / 65, Maestro 50 / 56-69
_CARD_IIN = ("4", "5", "6", "30", "34", "35", "36", "37", "38", *(str(n) for n in range(2221, 2721)))


def _looks_like_card(digits: str) -> bool:
    """Luhn-valid, 12-19 digits, and a card network's prefix."""
    return 12 <= len(digits) <= 19 and digits.startswith(_CARD_IIN) and luhn_ok(digits)


#: patterns whose cue names an account (账号, account no.)
_NAMED = frozenset({"account_zh", "account_en"})
_CARD_GROUPS = re.compile(r"\d{4}(?:[ \-]\d{4}){2,3}[ \-]\d{1,4}")
#: the next number of an enumeration: 、 / ，/ 和 / 及 / and / or between the numbers
_LIST_NEXT = re.compile(r"[）)」”\"】\]]?" + LIST_LINK + _OPEN + _NUM.replace("{7,29}", "{9,29}"))
