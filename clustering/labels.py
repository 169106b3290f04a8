"""Pattern labels: class-based TF-IDF keywords (BERTopic's c-TF-IDF) in the pattern's language."""

from __future__ import annotations

import math
from collections import Counter

from .text import keyword_tokens

__all__ = ["ctfidf_keywords"]


def ctfidf_keywords(groups: dict, languages: dict, n_keywords: int = 8) -> dict:
    """Top ``n_keywords`` of each group by c-TF-IDF.

    Each group's texts are treated as one document; a word's weight is its frequency in the group
    (normalised by the group's word count) times ``log(1 + A / f)``, with ``A`` the mean number of words
    per group and ``f`` the word's frequency over all groups (Grootendorst 2022).

    :param groups: ``{key: [text, ...]}``.
    :param languages: ``{key: "zh" | "en"}``, the tokeniser used for each group.
    :return: ``{key: [keyword, ...]}``.
    """
    counts = {
        key: Counter(w for t in texts for w in keyword_tokens(t, languages.get(key, "en")))
        for key, texts in groups.items()
    }
    total = Counter()
    for c in counts.values():
        total.update(c)
    if not counts:
        return {}
    avg = sum(sum(c.values()) for c in counts.values()) / max(len(counts), 1)
    out = {}
    for key, c in counts.items():
        n = sum(c.values()) or 1
        scored = sorted(
            ((cnt / n) * math.log(1.0 + avg / total[w]), w) for w, cnt in c.items() if cnt >= 2 or n < 50
        )
        out[key] = [w for _, w in sorted(scored, key=lambda t: (-t[0], t[1]))[:n_keywords]]
    return out
