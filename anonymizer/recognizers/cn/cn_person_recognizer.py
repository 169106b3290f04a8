"""Chinese person names: surname + given-name shape, scored by role cues, honorifics and boundaries."""

from __future__ import annotations

import re

from anonymizer.data.zh_lists import (
    AFTER_NAME,
    COMMON_SURNAMES,
    COMPOUND_SURNAMES,
    GIVEN_CHARS,
    HONORIFICS,
    NON_NAME_WORDS,
    ROLE_CUES,
    SURNAMES,
)
from anonymizer.entities import PERSON
from anonymizer.recognizers.base import AnalysisContext, EntityRecognizer, RecognizerResult

_CJK = re.compile(r"[\u4e00-\u9fff]")
# the look-ahead on the first characters lets the regex engine skip other positions quickly
_SURNAME_START = re.compile(
    "(?=["
    + "".join(sorted(set(SURNAMES) | {s[0] for s in COMPOUND_SURNAMES}))
    + "])(?:"
    + "|".join(sorted(COMPOUND_SURNAMES))
    + "|["
    + "".join(sorted(SURNAMES))
    + "])"
)
_ROLE_TAIL = re.compile("(?:" + "|".join(sorted(ROLE_CUES, key=len, reverse=True)) + r")[\s:：是为叫]{0,2}$")
_TRANSLIT = re.compile(r"[\u4e00-\u9fff]{2,5}[·•．][\u4e00-\u9fff]{2,5}(?:[·•．][\u4e00-\u9fff]{2,5})?")
_WEAK_LEFT = set("与和及、给向被让叫找联系同跟对把由将为请")
_AFTER = frozenset(AFTER_NAME)
_AFTER_LONG = frozenset(w for w in AFTER_NAME if len(w) >= 2)
_HONOR = frozenset(HONORIFICS)


def _starts_with_any(text: str, pos: int, words: frozenset[str]) -> bool:
    return text[pos : pos + 1] in words or text[pos : pos + 2] in words or text[pos : pos + 3] in words


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class CnPersonRecognizer(EntityRecognizer):
    """``持卡人王小明``, ``张伟称``, ``李女士``, ``欧阳娜娜``, ``买买提·艾力``.

    A candidate is a surname (single or compound) followed by one or two given-name characters. It is
    kept only with evidence: a role cue before it (持卡人, 受害人, 客户 ...), an honorific after it
    (先生, 女士 ...), or a clean left boundary together with a typical word after a name (称, 于, 的 ...).
    Surname + honorific alone (王先生) marks the surname.
    """

    ENTITY = PERSON
    COUNTRY_CODE = "cn"
    NEEDS_SCRIPT = "zh"
    MIN_SCORE = 0.5

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Scan every surname position."""
        text = ctx.text
        out: list[RecognizerResult] = []
        taken_until = -1
        translit: list[tuple[int, int]] = []
        has_dot = "·" in text or "•" in text or "．" in text
        for m in _TRANSLIT.finditer(text) if has_dot else ():
            end = m.end()
            for w in AFTER_NAME:
                if (
                    len(w) == 2
                    and text.endswith(w, 0, end)
                    and len(re.split("[·•．]", text[m.start() : end - 2])[-1]) >= 2
                ):
                    end -= 2
                    break
            translit.append((m.start(), end))
            out.append(RecognizerResult(PERSON, m.start(), end, 0.8, self.name, text[m.start() : end]))
        for m in _SURNAME_START.finditer(text):
            i = m.start()
            if i < taken_until or any(s <= i < e for s, e in translit):
                continue
            if (
                text[i] in _WEAK_LEFT
                and m.end() - i == 1
                and text[i + 1 : i + 2] in SURNAMES
                and text[i + 2 : i + 3] in GIVEN_CHARS
                and not _ROLE_TAIL.search(text, max(0, i - 8), i)
            ):
                continue  # 由程浩: 由 is a preposition here, the name starts at 程
            best = self._score_at(text, i, m.end() - i)
            if best is not None:
                start, end, score = best
                out.append(RecognizerResult(PERSON, start, end, round(score, 3), self.name, text[start:end]))
                taken_until = end
        return out

    def _score_at(self, text: str, i: int, s_len: int) -> tuple[int, int, float] | None:
        j = i + s_len
        if (
            j >= len(text)
            or text[j] == "某"
            or (text[j] not in GIVEN_CHARS and not _starts_with_any(text, j, _HONOR))
        ):
            return None
        left = text[max(0, i - 8) : i]
        role = bool(_ROLE_TAIL.search(left))
        prev = text[i - 1] if i > 0 else ""
        boundary = not prev or not _is_cjk(prev) or prev in _WEAK_LEFT
        surname = text[i:j]
        if not role and text[max(0, i - 1) : i + 1] in NON_NAME_WORDS:
            return None  # the surname character ends a word (感谢, 和平 ...)
        # surname + honorific: 王先生 -> the surname only
        if _starts_with_any(text, j, _HONOR):
            if role or boundary:
                return (i, j, 0.75)
            if text[j : j + 2] in ("先生", "女士", "小姐") and surname in COMMON_SURNAMES:
                return (i, j, 0.55)
            return None
        given = 0
        while given < 2 and j + given < len(text) and text[j + given] in GIVEN_CHARS:
            given += 1
        if given == 0:
            return None
        options = []
        for g in range(given, 0, -1):
            end = i + s_len + g
            cand = text[i:end]
            non_name = (
                cand in NON_NAME_WORDS
                or text[i : i + 2] in NON_NAME_WORDS
                or text[i : i + 3] in NON_NAME_WORDS
            )
            if non_name and not role:
                return None
            if g == 2 and text[end - 1 : end + 1] in NON_NAME_WORDS:
                continue
            after = text[end : end + 4]
            nxt = after[:1]
            honor = _starts_with_any(text, end, _HONOR)
            after_ok = not nxt or not _is_cjk(nxt) or _starts_with_any(text, end, _AFTER)
            score = 0.25
            if role:
                score += 0.45
            if honor:
                score += 0.3
            if after_ok:
                score += 0.2
            if boundary and (after_ok or honor):
                score += 0.1
            if surname in COMMON_SURNAMES or s_len == 2:
                score += 0.05
            if g == 2 and _starts_with_any(text, end - 1, _AFTER_LONG):
                score -= 0.1
            strong_after = bool(nxt) and _is_cjk(nxt) and _starts_with_any(text, end, _AFTER)
            if g == 2 and strong_after and not role:
                score += 0.1
            evidence = role or honor or (boundary and after_ok) or (g == 2 and strong_after)
            if not evidence:
                continue
            options.append((score, g, end))
        if not options:
            return None
        score, g, end = max(options, key=lambda o: (o[0], o[1]))
        if score < self.MIN_SCORE:
            return None
        return (i, end, min(1.0, score))
