"""Cue words read by more than one recognizer or rule (one concept, one place)."""

from __future__ import annotations

import re

#: a word naming a bank or platform account and only a label's punctuation right before a value: 对公账户：…,
#: account no. …, A/C …, QQ（…）, 微信号 …
ACCOUNT_CUE_BEFORE = re.compile(
    r"(?:账户|帐户|账号|帐号|户号|微信|支付宝|扣扣|企鹅号|v信|"
    r"(?<![a-z])(?:account|acct\.?|a/c|qq|wechat|alipay|vx|wx)(?![a-z])(?:\s*(?:number|no\.?|id|#))?)"
    r"(?:号码?|id)?"
    r"[\s:：#（(“\"]{0,3}$"
)
#: how far back ``ACCOUNT_CUE_BEFORE`` looks
ACCOUNT_CUE_WINDOW = 24


def account_cue_before(text: str, start: int) -> bool:
    """An account word (and a label's punctuation) ends right where the value at ``text[start]`` begins."""
    return ACCOUNT_CUE_BEFORE.search(text[max(0, start - ACCOUNT_CUE_WINDOW) : start].lower()) is not None


#: the arrows of a written money flow (A → B → C)
FLOW_ARROWS = ("→", "->", "=>", "⟶", "➡", "➔", "⇒", "—>", "－>")
_ARROW_BEFORE = re.compile(r"(?:" + "|".join(map(re.escape, FLOW_ARROWS)) + r")\s?$")
_ARROW_AFTER = re.compile(r"\s?(?:" + "|".join(map(re.escape, FLOW_ARROWS)) + r")")


def flow_node(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a node of a money flow: an arrow right before or right after it."""
    return (
        _ARROW_BEFORE.search(text, max(0, start - 3), start) is not None
        or _ARROW_AFTER.match(text, end) is not None
    )


#: NANP toll-free area codes in service (822 is reserved, not yet in use). The residual check keeps its own
#: list on purpose: it shares no code with the recognizers.
TOLL_FREE_CODES = ("800", "888", "877", "866", "855", "844", "833")
#: toll-free codes as a regular-expression alternation of their last two digits after the 8: ``8(?:00|88|…)``
TOLL_FREE_RX = "8(?:" + "|".join(code[1:] for code in TOLL_FREE_CODES) + ")"

#: what stands between two items of a list: a separator or a conjunction, with optional spaces
LIST_LINK = r"\s*(?:[、,，;；/]|以及|和|及|与|或|(?i:and|or))\s*"
