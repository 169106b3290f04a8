"""Chinese person names: surname + given name, scored by character statistics, words and context."""

from __future__ import annotations

import re

from anonymizer.data.zh_lists import (
    AFTER_NAME,
    COMMON_SURNAMES,
    COMPOUND_SURNAMES,
    GIVEN_CHARS,
    HONORIFICS,
    ROLE_CUES,
    SURNAMES,
    TIBETAN_NAME_PARTS,
    TITLES_AFTER,
)
from anonymizer.data.zh_names import END_LLR, MID_LLR, SURNAME_LLR, SURNAME_TRAD_LLR, TRANSLIT_CHARS
from anonymizer.data.zh_words import ORDINARY_WORDS, WORD_BIGRAMS, WORDS_2
from anonymizer.entities import PERSON
from anonymizer.recognizers.base import AnalysisContext, EntityRecognizer, RecognizerResult


def _levels(table: dict[float, str]) -> dict[str, float]:
    return {ch: score for score, chars in table.items() for ch in chars}


_TRANSLIT_CHARS = frozenset(TRANSLIT_CHARS)
_SUR = _levels(SURNAME_LLR) | _levels(SURNAME_TRAD_LLR)
_ALL_SURNAMES = frozenset(SURNAMES) | frozenset(_levels(SURNAME_TRAD_LLR))
_MID = _levels(MID_LLR)
_END = _levels(END_LLR)
# modern given-name characters the older statistics miss (萱, 梓, 涵): our hand-made list is a floor
for _ch in GIVEN_CHARS:
    _MID[_ch] = max(_MID.get(_ch, -4.0), 1.0)
    _END[_ch] = max(_END.get(_ch, -4.0), 1.0)
_FLOOR = -4.0
#: ordinary words a name must not be, start with, or cut (jieba's frequent words + our own list)
_WORDS2 = WORDS_2
_WORDS = ORDINARY_WORDS

_ROLE_TAIL = re.compile(
    "(?:"
    + "|".join(sorted(ROLE_CUES, key=len, reverse=True))
    + r")[\s:：是为叫]{0,2}$|[\u4e00-\u9fff](?:人|者|员|方)\s?[:：]\s?$"
)
_ROLE_ANY = re.compile("|".join(sorted(ROLE_CUES, key=len, reverse=True)))
_COMPOUND = frozenset(COMPOUND_SURNAMES)
_COMPOUND_FIRST = frozenset(c[0] for c in COMPOUND_SURNAMES)
_DOTS = "·•．・"
_TRANSLIT = re.compile(
    rf"[\u4e00-\u9fff]{{2,6}}[{_DOTS}][\u4e00-\u9fff]{{2,8}}(?:[{_DOTS}][\u4e00-\u9fff]{{2,8}})?"
)
#: characters before a name that do not belong to it: prepositions and conjunctions
_WEAK_LEFT = frozenset("与和及、给向被让叫找联系同跟对把由将为请是在据经")
#: never part of a given name (function characters, pronouns, numerals of measure)
_NOT_GIVEN = frozenset(
    "的了是在于与及和或被把从向对给到将称说后前时也就并而但因所以其他她它我你们这那有没不很某等已曾又都"
    "个年月日号元万亿次位名家人"
)
#: function characters that end a transliterated name (不 and 都 are not: 阿不都热合曼)
_TRANSLIT_STOP = _NOT_GIVEN - frozenset("不都")
_AFTER = frozenset(AFTER_NAME)
_AFTER_FIRST = frozenset(w[0] for w in AFTER_NAME)
_HONOR = frozenset(HONORIFICS)
_TITLES = frozenset(TITLES_AFTER)
#: first characters of honorifics and titles (a cheap gate before the slices)
_TITLE_FIRST = frozenset(w[0] for w in HONORIFICS + TITLES_AFTER)
_POLITE = frozenset(("先生", "女士", "小姐"))
_LIST_AFTER = frozenset("、,，")
#: a name does not run into a place suffix: 王庄村, 吉祥里
_PLACE_AFTER = frozenset("村镇乡县市区省路街巷里庄屯弄")
_ROLE_LAST = frozenset(c[-1] for c in ROLE_CUES) | frozenset(" :：是为叫\t\u3000")
#: compound surnames that are also ordinary words (东方, 百里, 第五): weaker evidence
_COMPOUND_WORDS = frozenset(c for c in COMPOUND_SURNAMES if c in _WORDS)
#: what follows a company's short name: 凌云科技有限公司, 浦发银行
_COMPANY_AFTER = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:有限公司|有限责任公司|股份公司|公司|集团|银行|商行|工作室|事务所|门市部|分行|支行)"
)
_COMPANY_WORD = re.compile("公司|集团|银行|商行|工作室|事务所|门市部|分行|支行")
_TIBETAN_PARTS = sorted({p for p in TIBETAN_NAME_PARTS if len(p) == 2})
_TIBETAN_ALT = "|".join(_TIBETAN_PARTS)
#: one to three Tibetan name elements; the match starts with a plain two-character class and checks the
#: element with a look-behind, which keeps the scan fast
_TIBETAN = re.compile(
    "["
    + "".join(sorted({p[0] for p in _TIBETAN_PARTS}))
    + "]["
    + "".join(sorted({p[1] for p in _TIBETAN_PARTS}))
    + f"](?<={_TIBETAN_ALT})(?:{_TIBETAN_ALT}){{0,2}}"
)
#: a surname character (compound surnames are recognised from their first character) followed by a
#: character that can start a given name or an honorific; one character class, so the scan stays fast
_CANDIDATE = re.compile(
    "["
    + "".join(sorted(_ALL_SURNAMES | {s[0] for s in COMPOUND_SURNAMES}))
    + "](?=["
    + "".join(sorted({c for c, v in _MID.items() if v > -1.0} | {c for c, v in _END.items() if v > -1.0}))
    + "".join(sorted({h[0] for h in HONORIFICS} | {s[1] for s in COMPOUND_SURNAMES}))
    + "])"
)

# weights of the evidence (log-odds scale, the statistics' own unit)
_THRESHOLD = 3.0
_ROLE = 6.0
_HONORIFIC = 4.0
_AFTER_WORD = 1.5
_LEFT_CLEAN = 1.0
_RIGHT_CLEAN = 1.0
_LIST = 1.5
_WORD_PENALTY = 4.0
_CUT_PENALTY = 2.5
_PRIOR = -5.0  # names are rare among all surname-character positions
_THREE_CHARS = 1.5  # most Chinese names have two given-name characters
_UNSEGMENTED = 1.0  # no ordinary word explains the characters: out of vocabulary, like names
_FRAMED = 1.5
_RIGHT_WORD = 0.5
_SPEAKER = 2.0
_ISOLATED = 1.5
_FORM_VALUE = 1.0
_DETAILS = 1.0
_LABEL_END = frozenset("：:")
#: the most the right context and the segmentation can add (after a CJK character / after anything else)
_MAX_RIGHT_CJK = max(_RIGHT_CLEAN + 0.5 + _DETAILS, _HONORIFIC, _AFTER_WORD + _FRAMED) + _UNSEGMENTED
_MAX_RIGHT = (
    max(
        _RIGHT_CLEAN + 0.5 + _ISOLATED + _FORM_VALUE + max(_DETAILS, _SPEAKER),
        _HONORIFIC,
        _AFTER_WORD + _FRAMED,
    )
    + _UNSEGMENTED
)
_COMMON_FLOOR = 1.0
_STRONG_SURNAME = 2.0  # a surname character that is rarely anything else (王, 李, 张 ...)


def _crosses(text: str, k: int) -> bool:
    """True when an ordinary word of 2-4 characters holds both ``text[k - 1]`` and ``text[k]``."""
    pair = text[k - 1 : k + 1]
    if pair not in WORD_BIGRAMS:
        return False
    w = _WORDS
    return (
        pair in w
        or text[k - 1 : k + 2] in w
        or text[k - 2 : k + 1] in w
        or text[k - 1 : k + 3] in w
        or text[k - 2 : k + 2] in w
        or text[k - 3 : k + 1] in w
    )


def _translit_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim a dotted name (迈伦·斯科尔斯) to its transliteration characters; None when it is not one.

    The outer ends lose characters that transliterations do not use (在阿里·萨米扬球场 -> 阿里·萨米扬);
    what is left must be transliteration characters but one, and not a chain of ordinary words
    (金融街·金色漫香林, 远洋·万和公馆 are property names).
    """
    dot = start + len(re.split(f"[{_DOTS}]", text[start:end], maxsplit=1)[0])
    cue_end = max((c.end() for c in _ROLE_ANY.finditer(text, max(0, start - 4), dot)), default=-1)
    if cue_end > start and dot - cue_end >= 2:
        start = cue_end  # 自称买买提·艾力: the name starts after the cue
    for k in range(dot - 1, start - 1, -1):
        if text[k] in _TRANSLIT_STOP:
            start = k + 1  # 对接人买买提: a function character ends what comes before the name
            break
    for k in range(dot + 2, end):
        if (
            text[k] in _TRANSLIT_STOP
            or text[k : k + 2] in _AFTER
            or (k > dot + 3 and text[k : k + 2] in _WORDS2)
        ):
            end = k  # 艾力的男子, 阿凡提确认, 阿里木常用: a function character, a verb or a word ends it
            break
    while start < end and (text[start] not in _TRANSLIT_CHARS or text[start] in _TRANSLIT_STOP):
        start += 1
    while end > start and text[end - 1] not in _TRANSLIT_CHARS:
        end -= 1
    for w in AFTER_NAME:  # 斯科尔斯表示: a two-character verb glued to the end
        if len(w) == 2 and text.endswith(w, start, end) and end - 2 - start >= 2:
            end -= 2
            break
    value = text[start:end]
    parts = re.split(f"[{_DOTS}]", value)
    if len(parts) < 2 or min(len(p) for p in parts) < 2:
        return None
    odd = sum(1 for ch in value if ch not in _TRANSLIT_CHARS and ch not in _DOTS)
    words = _ordinary_words(value)
    if odd > max(1, len(value) // 3) or words >= 3 or (words == 2 and odd):
        return None
    return (start, end)


def _after_word(text: str, end: int) -> bool:
    """A word that typically follows a name starts at ``end`` (称, 提供, 表示 ...)."""
    return text[end : end + 1] in _AFTER or text[end : end + 2] in _AFTER or text[end : end + 3] in _AFTER


def _tibetan_score(text: str, start: int, end: int) -> float:
    """Tibetan names have no surname: two elements (扎西次仁) are a name, one needs context (卓玛称)."""
    prev = text[start - 1] if start else ""
    nxt = text[end] if end < len(text) else ""
    role = _has_role(text, start)
    inside = ("\u4e00" <= prev <= "\u9fff" and prev not in _WEAK_LEFT) or (
        "\u4e00" <= nxt <= "\u9fff" and text[end - 1 : end + 1] in _WORDS
    )
    if inside and not role:
        return 0.0  # inside a longer word
    score = _THRESHOLD - 1.0 + (end - start) // 2
    if not nxt or not "\u4e00" <= nxt <= "\u9fff" or nxt in _AFTER or text[end : end + 2] in _AFTER:
        score += 1.0
    if role:
        score += _ROLE
    return score


def _ordinary_words(s: str) -> int:
    """How many ordinary two-character words a left-to-right scan finds in ``s``."""
    count, k = 0, 0
    while k < len(s) - 1:
        if s[k : k + 2] in _WORDS2:
            count += 1
            k += 2
        else:
            k += 1
    return count


def _has_role(text: str, i: int) -> bool:
    """A role cue (持卡人, 记者 ...) right before position ``i``."""
    if i == 0 or text[i - 1] not in _ROLE_LAST:
        return False
    return _ROLE_TAIL.search(text, max(0, i - 8), i) is not None


class CnPersonRecognizer(EntityRecognizer):
    """``持卡人王小明``, ``张伟接到电话后``, ``李女士``, ``欧阳娜娜``, ``黃麗娟``, ``买买提·艾力``.

    A candidate is a surname (single, compound or in traditional characters) followed by one or two
    given-name characters. Its score adds, on one log-odds scale:

    * how often the surname character starts a name and the given-name characters end one, against their
      frequency in running text (tables built by ``python -m anonymizer.build_zh`` from jieba's and
      Faker's MIT data), with a prior for two given-name characters;
    * the context: a role cue before (持卡人, 受害人, 记者, a ``X人：`` label), a title or honorific
      after (先生, 书记, 教授), a word typical after a name (称, 于, 表示, 接到), clean boundaries
      (punctuation, list separators, a field of a form, a chat speaker at the start of a line);
    * penalties when the candidate is an ordinary word (成立, 时尚), cuts one (非常满意 -> 常满, 俄罗斯),
      runs into a place suffix (王庄村) or is a company's short name (凌云科技有限公司).

    Surname + honorific alone (王先生) marks the surname. Dotted transliterations are trimmed to their
    transliteration characters; Tibetan names (no surname) come from a list of name elements. Overlapping
    candidates keep the best.
    """

    ENTITY = PERSON
    COUNTRY_CODE = "cn"
    NEEDS_SCRIPT = "zh"

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Score every surname position, then keep the best of overlapping candidates."""
        text = ctx.text
        found: list[tuple[float, int, int]] = []
        translit: list[tuple[int, int]] = []
        if "·" in text or "•" in text or "．" in text or "・" in text:
            for m in _TRANSLIT.finditer(text):
                span = _translit_span(text, m.start(), m.end())
                if span is not None:
                    translit.append(span)
                    found.append((_THRESHOLD + 3.0, *span))
        for m in _TIBETAN.finditer(text):
            score = _tibetan_score(text, m.start(), m.end())
            if score >= _THRESHOLD:
                found.append((score, m.start(), m.end()))
        score_at = _score_at
        compound = _COMPOUND
        compound_first = _COMPOUND_FIRST
        surnames = _ALL_SURNAMES
        n = len(text)
        for m in _CANDIDATE.finditer(text):
            i = m.start()
            if translit and any(s <= i < e for s, e in translit):
                continue
            c = text[i]
            if c in compound_first and text[i : i + 2] in compound and i + 2 < n:
                j = i + 2
            elif c in surnames:
                j = i + 1
            else:
                continue  # 西, 第: only the first character of a compound surname
            best = score_at(text, i, j)
            if best is not None:
                found.append(best)
        if not found:
            return []
        found.sort(key=lambda f: (-f[0], f[1]))
        taken: list[tuple[int, int]] = []
        out: list[RecognizerResult] = []
        company = _COMPANY_WORD.search(text) is not None
        name = self.name
        for score, start, end in found:
            if taken and any(s < end and start < e for s, e in taken):
                continue
            if company and _COMPANY_AFTER.match(text, end) and not _after_word(text, end):
                continue  # 凌云科技有限公司: a company's short name
            taken.append((start, end))
            conf = min(0.95, 0.55 + 0.05 * (score - _THRESHOLD))
            out.append(RecognizerResult(PERSON, start, end, round(conf, 3), name, text[start:end]))
        out.sort(key=lambda r: r.start)
        return out


def _score_at(  # constants bound as defaults: fewer global look-ups on the hot path
    text: str,
    i: int,
    j: int,
    words: frozenset[str] = _WORDS,
    end_llr: dict[str, float] = _END,
    mid_llr: dict[str, float] = _MID,
    honor: frozenset[str] = _HONOR,
    titles: frozenset[str] = _TITLES,
    after: frozenset[str] = _AFTER,
    weak_left: frozenset[str] = _WEAK_LEFT,
    not_given: frozenset[str] = _NOT_GIVEN,
    place_after: frozenset[str] = _PLACE_AFTER,
    title_first: frozenset[str] = _TITLE_FIRST,
    after_first: frozenset[str] = _AFTER_FIRST,
    crosses=_crosses,
    sur_llr: dict[str, float] = _SUR,
    common: frozenset[str] = COMMON_SURNAMES,
    surnames: frozenset[str] = SURNAMES,
) -> tuple[float, int, int] | None:
    """The best (score, start, end) of the names starting at ``i`` whose surname ends at ``j``."""
    n = len(text)
    c1 = text[j]
    surname = text[i:j]
    prev = text[i - 1] if i > 0 else ""
    prev_cjk = "\u4e00" <= prev <= "\u9fff" if prev else False
    # a preposition before the surname is a clean boundary, unless the two form a word (由于, 对于)
    left_clean = not prev_cjk or (prev in weak_left and text[i - 1 : i + 1] not in words)
    # surname + honorific: 王先生 -> the surname only
    if c1 in title_first and (c1 in honor or text[j : j + 2] in honor):
        # the surname character ends a word (感谢, 非常): not a name start unless a role cue says so
        if prev_cjk and not left_clean and crosses(text, i) and not _has_role(text, i):
            return None
        if left_clean or (surname in common and text[j : j + 2] in _POLITE) or _has_role(text, i):
            return (_THRESHOLD + 2.0, i, j)
        return None
    if j == i + 1 and surname in weak_left and c1 in surnames and not _has_role(text, i):
        return None  # 和李四, 由程浩: the preposition is not a surname here
    if prev == "@":
        return None  # @handle: a user name, not a person's name
    if j - i == 2:  # compound surnames are names almost always, unless also an ordinary word
        sur = 3.0 if surname in _COMPOUND_WORDS else 4.5
    else:
        sur = sur_llr.get(surname, 0.0)
    if sur < _COMMON_FLOOR and surname in common:
        sur = _COMMON_FLOOR  # its word uses (过程, 工程) are checked below, not counted twice
    base = _PRIOR + sur
    if left_clean:
        base += _LEFT_CLEAN + (_LIST if prev == "、" else 0.0)
    # upper bound of what the context can add: most candidates stop here, before the right context
    c2 = text[j + 1] if j + 1 < n else ""
    name_best = end_llr.get(c1, _FLOOR)
    if c2:
        name_best = max(name_best, mid_llr.get(c1, _FLOOR) + end_llr.get(c2, _FLOOR) + _THREE_CHARS)
    starts_word = text[i : j + 1] in words  # 时间, 金额, 关于: penalised whatever the length
    bound = base + name_best + (_MAX_RIGHT_CJK if prev_cjk else _MAX_RIGHT)
    if starts_word:
        bound -= _WORD_PENALTY + _UNSEGMENTED
    if bound < _THRESHOLD and (not prev or prev not in _ROLE_LAST):
        return None
    # the surname character ends a word (感谢, 非常): not a name start unless a role cue says so
    left_cut = prev_cjk and not left_clean and crosses(text, i)
    if left_cut:
        base -= _CUT_PENALTY
    best: tuple[float, int, int] | None = None
    best_is_word = False
    for end in (j + 1, j + 2):
        if end > n:
            break
        last = text[end - 1]
        if not "\u4e00" <= last <= "\u9fff" or last in not_given:
            break
        if end == j + 1:
            score = base + end_llr.get(c1, _FLOOR)
        else:
            score = base + mid_llr.get(c1, _FLOOR) + end_llr.get(last, _FLOOR) + _THREE_CHARS
        clean = not left_cut
        word = False
        if starts_word or text[i:end] in words or text[i : i + 3] in words or text[i : i + 4] in words:
            score -= _WORD_PENALTY
            clean = False
            word = True
        elif end == j + 2 and last in place_after:
            score -= _WORD_PENALTY  # 王庄村, 李家庄: a place name
            clean = False
        elif end == j + 2 and sur < _STRONG_SURNAME and text[j:end] in words:
            score -= _WORD_PENALTY  # 和朋友, 于凌晨: a function character before an ordinary word
            clean = False
        nxt = text[end] if end < n else ""
        if not nxt or not "\u4e00" <= nxt <= "\u9fff":
            score += _RIGHT_CLEAN + (0.5 if nxt in _LIST_AFTER else 0.0)
            if not prev_cjk:
                score += _ISOLATED  # 电话 司徒欢　159...: a token of its own in a list or form
                if prev in _LABEL_END or (prev in " \u3000" and text[i - 2 : i - 1] in _LABEL_END):
                    score += _FORM_VALUE  # 名单： 钟畅　...: the value of a form field
            if nxt == "（" or nxt == "(":
                score += _DETAILS  # 荆俊（微信...）, 张三（男，1980年生）: details follow a name
            if (nxt == "：" or nxt == ":") and (not prev or prev == "\n"):
                score += _SPEAKER  # 张伟：在吗？ - a speaker or form label at the start of a line
        elif nxt in title_first and (
            nxt in honor
            or text[end : end + 2] in honor
            or text[end : end + 2] in titles
            or text[end : end + 3] in titles
        ):
            score += _HONORIFIC
        elif nxt in place_after:
            score -= _WORD_PENALTY  # 王庄村, 吉祥里: a place name
            clean = False
        elif nxt in after_first and (
            nxt in after or text[end : end + 2] in after or text[end : end + 3] in after
        ):
            score += _AFTER_WORD + (_FRAMED if left_clean else 0.0)
        elif text[end : end + 2] in words:
            score += _RIGHT_WORD  # a word starts right after: 王强|强调
        elif crosses(text, end):
            score -= _CUT_PENALTY  # the last character starts a word: 王强强|调
            clean = False
        if clean:
            score += _UNSEGMENTED
        if best is None or score > best[0]:
            best = (score, i, end)
            best_is_word = word
    if best is None:
        return None
    # a role cue says a name follows, but not that an ordinary word is one (我是公安局的)
    if best[0] < _THRESHOLD <= best[0] + _ROLE and not best_is_word and _has_role(text, i):
        best = (best[0] + _ROLE, best[1], best[2])
    return best if best[0] >= _THRESHOLD else None
