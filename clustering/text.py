"""Text normalisation, language guess and tokenisation for anonymized case narratives.

Nothing here logs or raises with the text it is given.
"""

from __future__ import annotations

import logging
import math
import re
import threading

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = [
    "PLACEHOLDER_RE",
    "detect_language",
    "feature_tokens",
    "keyword_tokens",
    "placeholder_types",
    "strip_placeholders",
]

#: Typed placeholders written by the anonymizer: ``[PHONE_1]``, ``[PERSON_2]``, ``[姓名1]``, ``[CARD]``.
PLACEHOLDER_RE = re.compile(r"\[([A-Za-z_]+?|[\u4e00-\u9fff]+?)_?(\d*)\]")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
# a run is either CJK characters or one latin / digit word
_RUN_RE = re.compile(f"[{_CJK}]+|[a-z][a-z0-9']*|[0-9]+")
_LATIN_WORD_RE = re.compile(r"[a-z][a-z']+")

_EN_STOP = frozenset(ENGLISH_STOP_WORDS) | {
    "ll",
    "ve",
    "don't",
    "i'm",
    "it's",
    "you're",
    "okay",
    "ok",
    "yes",
    "oh",
    "um",
    "uh",
    "just",
    "like",
    "really",
    "thank",
    "thanks",
    "hello",
    "hi",
    "sir",
    "ma'am",
    "suspect",
    "innocent",
}
# Chinese function words and politeness formulas that say nothing about an attack pattern.
_ZH_STOP_TEXT = """
    您好 你好 我们 你们 您们 他们 我 你 您 他 她 它 的 了 是 在 和 与 及 或 就 都 也 还 要 会 能 可以 可能
    一个 一些 这个 那个 这些 那些 这样 那样 什么 怎么 如果 因为 所以 但是 然后 并且 而且 以及 或者
    需要 进行 通过 以便 为了 已经 没有 不是 不会 不要 请 请您 谢谢 感谢 非常 十分 马上 尽快 立即 现在
    一下 一定 相关 情况 问题 时候 时间 自己 我们的 您的 你的 好的 知道 告诉 帮助 帮忙 这里 那里 这边
    如何 能够 之后 之前 以后 以上 以下 其他 任何 所有 每个 一起 或是 并 被 把 让 给 向 从 对 将 到 说 看
    哦 啊 吧 呢 吗 嗯 呀 哈 啦 嘛 XXX xxx
"""
_ZH_STOP = frozenset(_ZH_STOP_TEXT.split())

_jieba_lock = threading.Lock()
_jieba_tokenizer = None


def strip_placeholders(text: str) -> str:
    """Replace every typed placeholder by a space so that it does not count as narrative."""
    return PLACEHOLDER_RE.sub(" ", text)


def placeholder_types(text: str) -> list[str]:
    """Return the placeholder types in ``text`` (``[PHONE_1]`` → ``PHONE``), one per occurrence."""
    return [m.group(1).upper() for m in PLACEHOLDER_RE.finditer(text)]


def detect_language(text: str) -> str:
    """Guess ``"zh"`` or ``"en"``: Chinese when at least 20 % of the letters are CJK characters."""
    body = strip_placeholders(text)
    cjk = len(_CJK_RE.findall(body))
    latin = sum(1 for ch in body if ch.isascii() and ch.isalpha())
    if cjk == 0:
        return "en"
    return "zh" if cjk >= 0.2 * (cjk + latin) or cjk >= latin / 4 else "en"


def feature_tokens(text: str) -> list[str]:
    """Tokens used for similarity: character 1–3-grams of CJK runs, words and word bigrams otherwise.

    Character n-grams need no dictionary and keep working on vocabulary that appears later (slang, new
    app names); on the Chinese benchmark they beat jieba words (see docs/clustering.md). Digits are
    reduced to their length class so that amounts and codes do not become features.
    """
    out: list[str] = []
    prev_word = None
    for run in _RUN_RE.findall(strip_placeholders(text).lower()):
        first = run[0]
        if "a" <= first <= "z":
            if len(run) < 2 or run in _EN_STOP:
                prev_word = None
                continue
            out.append(run)
            if prev_word is not None:
                out.append(prev_word + " " + run)
            prev_word = run
        elif first.isdigit():
            out.append("#" + str(min(len(run), 12)))
            prev_word = None
        else:
            prev_word = None
            out.extend(run)
            padded = " " + run + " "
            n = len(padded)
            out.extend(padded[i : i + 2] for i in range(n - 1))
            if n > 3:
                out.extend(padded[i : i + 3] for i in range(n - 2))
    return out


def _jieba():
    global _jieba_tokenizer
    with _jieba_lock:
        if _jieba_tokenizer is None:
            import jieba

            logging.getLogger("jieba").setLevel(logging.WARNING)
            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            _jieba_tokenizer = tok
    return _jieba_tokenizer


def keyword_tokens(text: str, language: str) -> list[str]:
    """Words for pattern labels: jieba words (two characters or more) in Chinese, words in English."""
    body = strip_placeholders(text)
    if language == "zh":
        words = _jieba().lcut(body)
        return [
            w
            for w in words
            if len(w) >= 2 and w not in _ZH_STOP and _CJK_RE.search(w) and not any(c.isdigit() for c in w)
        ]
    return [w for w in _LATIN_WORD_RE.findall(body.lower()) if len(w) >= 3 and w not in _EN_STOP]


def amount_band(amount: float | None, currency: str | None = None) -> str:
    """Band an amount on a decade scale: ``"<100"``, ``"100–1k"``, … ``"≥1M"`` (currency appended)."""
    if amount is None or not math.isfinite(amount) or amount < 0:
        return "unknown"
    edges = [
        (100, "<100"),
        (1_000, "100–1k"),
        (10_000, "1k–10k"),
        (100_000, "10k–100k"),
        (1_000_000, "100k–1M"),
    ]
    band = "≥1M"
    for edge, name in edges:
        if amount < edge:
            band = name
            break
    return f"{band} {currency}" if currency else band
