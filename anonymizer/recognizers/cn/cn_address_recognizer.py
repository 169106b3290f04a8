"""Chinese street addresses: a chain of 省/市/区/县/镇/乡/村/路/街/巷/号/弄/栋/单元/室 components."""

from __future__ import annotations

import bisect
import re

from anonymizer.data.zh_lists import ADDRESS_CUES, PROVINCES
from anonymizer.data.zh_words import WORDS_2 as _WORDS
from anonymizer.entities import ADDRESS
from anonymizer.recognizers.base import AnalysisContext, EntityRecognizer, RecognizerResult

# ideographs minus function characters that never sit inside a place name
_STOP = "的了在于是与及被把从向对给到将称说后前时也就并而或但因所以其他她它我你们这那有没不很"
_C = rf"[\u4e00-\u9fff--[{_STOP}]]" if False else rf"[^\W\d_a-zA-Z{_STOP}]"
_NUM = r"(?:\d{1,5}|[一二三四五六七八九十百零〇两]{1,4})"
_ALNUM = r"[A-Za-z0-9一二三四五六七八九十]"

# (level, regex) - levels must not go down along a chain (admin < road < number < building < unit)
_COMPONENTS: list[tuple[int, re.Pattern]] = [
    (
        1,
        re.compile(
            rf"{_C}{{1,6}}?(?:自治州|自治县|地区|新区|开发区|工业园区|园区|高新区|盟|市|区|县|旗)(?!{_C}?[路街道巷])"
        ),
    ),
    (1, re.compile(rf"{_C}{{1,6}}?(?:街道|镇|乡)")),
    (2, re.compile(rf"{_C}{{1,7}}?(?:社区|村|屯)")),
    (
        2,
        re.compile(
            rf"{_C}(?:(?:{_C}|[0-9]){{0,8}}?(?:大道|大街|路|街|巷|胡同|弄|里)|(?:{_C}|[0-9]){{1,8}}?道)"
            rf"(?:[东西南北中]段|{_ALNUM}{{1,2}}段)?"
        ),
    ),
    (3, re.compile(rf"{_NUM}(?:-{_NUM})?\s?(?:号院|号|弄|巷)(?:之\d{{1,3}})?(?![楼院])")),
    (
        4,
        re.compile(
            rf"(?:{_C}|[A-Za-z])(?:{_C}|[A-Za-z0-9]){{0,10}}?(?:小区|花园|公寓|大厦|广场|家园|新村|苑|园|城|中心|府|庭|"
            rf"阁|院|大楼|商厦|写字楼|公馆|山庄|雅居|综合楼|办公楼|教学楼|宿舍楼|[东西南北]塔)"
        ),
    ),
    # a building without a suffix, right before its floor / unit / room: 民建中央239室, 华星3楼
    (
        4,
        re.compile(
            rf"(?:{_C}|[A-Za-z]){{2,8}}?(?=[A-Za-z]?\d{{1,5}}(?:室|房|户)|{_ALNUM}{{1,3}}(?:单元|层|楼|号楼|栋|幢|座))"
        ),
    ),
    # 3栋, B座, 二期; but 一座 / 十三栋 with a Chinese numeral are counts ("a building"), not numbers
    (
        5,
        re.compile(
            r"(?:[A-Za-z0-9]{1,4}\s?(?:号楼|栋|幢|座|号院|期|区)|[一二三四五六七八九十]{1,3}(?:号楼|号院|期|区))"
        ),
    ),
    (5, re.compile(rf"{_ALNUM}{{1,3}}(?:单元|组|队)")),
    (5, re.compile(rf"{_ALNUM}{{1,3}}(?:层|楼)(?![\u4e00-\u9fff]{{0,1}}[下上])")),
    (5, re.compile(r"[A-Za-z]?\d{1,5}(?:[、,，]\d{1,5})*(?:室|房|户|号)")),
]
#: a bare room number closing a chain after a building / unit / floor: 六单元301, B座2501
_ROOM = re.compile(r"[-－]?[A-Za-z]?\d{2,5}(?![\d.])")
_PROVINCE = re.compile(
    "(?=["
    + "".join(sorted({p[0] for p in PROVINCES}))
    + "])(?:"
    + "|".join(sorted(PROVINCES, key=len, reverse=True))
    + ")"
)
_CUE = re.compile(
    "(?=["
    + "".join(sorted({c[0] for c in ADDRESS_CUES}))
    + "])(?:"
    + "|".join(sorted(ADDRESS_CUES, key=len, reverse=True))
    + r")(?:[\s:：]|[为是在])*"
)
_GATE = re.compile(r"[路街巷弄号號村栋幢室楼樓座道园苑城厦场]")
#: where a chain may start without a province or cue: after a non-CJK character or a function character
_BOUNDARY = re.compile(r"(?:^|[^\u4e00-\u9fff]|(?<=[的在于到往从是为至和与及住]))(?=[\u4e00-\u9fff])")
#: buildings that are institutions or public places, not homes: alone below a city they are no address
_INSTITUTION = re.compile(r"(?:中心|院|广场|大楼|综合楼|办公楼|教学楼)$")
_POSTCODE = re.compile(r"\s?\d{6}(?!\d)")
#: a postal code written before the address (Taiwan style: 20678 員林市新生路...)
_POSTCODE_BEFORE = re.compile(r"(?<![\d\-+.])\d{3,6}[ \u3000]?$")
#: traditional forms of the address characters, folded before matching (same length: offsets hold)
_FOLD = str.maketrans("號樓區縣鎮鄉層單園廈廣場門", "号楼区县镇乡层单园厦广场门")
_TRADITIONAL = re.compile("[號樓區縣鎮鄉層單園廈廣場門]")


def _chain(text: str, pos: int) -> tuple[int, int, int] | None:
    """Consume components from ``pos``; return (end, deepest level, number of components)."""
    level = 0
    count = 0
    deepest = 0
    street = False  # a road, village, number, unit or home building (not only 疾控中心, 人民广场)
    n = len(text)
    while pos < n:
        rx = _FROM_LEVEL[level]
        m = rx.match(text, pos)
        if m is None and count and text[pos] == " ":
            m = rx.match(text, pos + 1)
        if m is None or m.end() <= pos:
            break
        lv = _GROUP_LEVEL[m.lastgroup]
        if count == 0 and lv == 2 and m.end() - pos == 2 and text[pos : m.end()] in _WORDS:
            break  # 乡村公路, 取道: an ordinary word, not a village or road name
        if not street and (lv != 4 or not _INSTITUTION.search(text, pos, m.end())):
            street = lv >= 2
        pos = m.end()
        if lv > level:
            level = lv
        if lv > deepest:
            deepest = lv
        count += 1
    if count == 0 or not street:
        return None
    if level == 5:
        m = _ROOM.match(text, pos)
        if m:
            pos = m.end()
    return pos, deepest, count


#: the components allowed at each level of a chain, in the order of ``_COMPONENTS``, as one regex whose
#: group name gives the component (one match call per step instead of one per component)
_FROM_LEVEL = {
    level: re.compile(
        "|".join(f"(?P<c{k}>{rx.pattern})" for k, (lv, rx) in enumerate(_COMPONENTS) if lv >= level)
    )
    for level in range(6)
}
_GROUP_LEVEL = {f"c{k}": lv for k, (lv, _) in enumerate(_COMPONENTS)}
_FIRST = _FROM_LEVEL[0]


class CnAddressRecognizer(EntityRecognizer):
    """``浙江省杭州市西湖区文三路100号``, ``家住朝阳区建国路88号3号楼1单元1203室``, ``XX村3组``.

    A chain starts at a province name, after an address cue (地址, 住在, 位于 ...; a following 为 / 是
    stays out), after a non-CJK boundary or after a function character (的, 在, 到 ...) - so also at a
    city or district without province. A province or cue inside a chain from a weaker start wins. It
    needs a component below district level (road, village, number, unit, or a building that is not an
    institution: 疾控中心 and 人民广场 alone are no home) to count as an address - a bare "杭州市西湖区"
    is a region and stays (the product keeps regions as evidence and generalises addresses to them).
    Traditional characters (號, 樓, 區) are folded first; a leading postal code (20678 員林市...) and a
    trailing one, ``号之6``, road sections (2段) and a bare room number after a unit (六单元301) join.
    """

    ENTITY = ADDRESS
    COUNTRY_CODE = "cn"
    NEEDS_SCRIPT = "zh"

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: a street-level suffix must be present."""
        return _GATE.search(ctx.text) is not None

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Try a chain at every plausible start."""
        original = ctx.text
        text = original.translate(_FOLD) if _TRADITIONAL.search(original) else original
        starts: dict[int, float] = {}
        for m in _PROVINCE.finditer(text):
            starts[m.start()] = max(starts.get(m.start(), 0.0), 0.9)
        for m in _CUE.finditer(text):
            starts.setdefault(m.end(), 0.75)
        suffixes = [m.start() for m in _GATE.finditer(text)]
        for m in _BOUNDARY.finditer(text):
            b = m.end()
            k = bisect.bisect_left(suffixes, b)
            if k < len(suffixes) and suffixes[k] - b <= (24 if b == m.start() + 1 or b == 0 else 16):
                starts.setdefault(b, 0.7)
        out: list[RecognizerResult] = []
        strong = sorted(k for k, v in starts.items() if v >= 0.75)
        covered_until = -1
        for start in sorted(starts):
            if start < covered_until:
                continue
            base = starts[start]
            if base < 0.75:
                first = _FIRST.match(text, start)
                if first is None:
                    continue
                k = bisect.bisect_right(strong, start)
                if k < len(strong) and strong[k] < first.end():
                    continue  # a province / cue start inside the first component is the better start
            pos = start
            p = _PROVINCE.match(text, pos)
            if p:
                pos = p.end()
            res = _chain(text, pos)
            if res is None:
                continue
            end, deepest, count = res
            if base < 0.75:
                k = bisect.bisect_right(strong, start)
                if k < len(strong) and strong[k] < end:
                    continue  # 王府井书店北京市...: a province / cue start inside the chain is better
            if deepest < 2 or (count < 2 and not p):  # one component alone (京东商城, 万科城) is a place name
                continue
            pc = _POSTCODE.match(text, end)
            if pc:
                end = pc.end()
            score = base if count >= 2 or p else base - 0.1
            if base < 0.75 and start and not text[start - 1].isdigit():
                pb = _POSTCODE_BEFORE.search(text, max(0, start - 8), start)
                if pb:
                    start = pb.start()
            out.append(RecognizerResult(ADDRESS, start, end, round(score, 3), self.name, original[start:end]))
            covered_until = end
        return out
