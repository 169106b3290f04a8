"""The ordinary-word set shared by the Chinese recognizers, built once from ``zh_names`` (generated)."""

from __future__ import annotations

from anonymizer.data.zh_lists import NON_NAME_WORDS
from anonymizer.data.zh_names import WORD_PAIRS, WORDS2, WORDS3, WORDS4


def _split(joined: str, size: int) -> frozenset[str]:
    return frozenset(joined[k : k + size] for k in range(0, len(joined), size))


#: frequent two-character ordinary words (jieba)
WORDS_2 = _split(WORDS2, 2)
#: frequent ordinary words of two to four characters (jieba) plus our own non-name words
ORDINARY_WORDS = WORDS_2 | _split(WORDS3, 3) | _split(WORDS4, 4) | NON_NAME_WORDS
#: every pair of adjacent characters inside an ordinary word of jieba: a pair outside this set cuts no word
WORD_BIGRAMS = _split(WORD_PAIRS, 2) | frozenset(
    w[k : k + 2] for w in NON_NAME_WORDS for k in range(len(w) - 1)
)
