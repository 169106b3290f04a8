"""Chinese street addresses: a chain of 省/市/区/县/镇/乡/村/路/街/巷/号/弄/栋/单元/室 components."""

from __future__ import annotations

import bisect
import re

from anonymizer.data.zh_lists import ADDRESS_CUES, PROVINCES
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
    (2, re.compile(rf"{_C}{{1,6}}?(?:社区|村|屯)")),
    (2, re.compile(rf"{_C}(?:{_C}|[0-9]){{0,8}}?(?:大道|大街|路|街|巷|胡同|弄|里|道)(?:[东西南北中]段)?")),
    (3, re.compile(rf"{_NUM}(?:-{_NUM})?\s?(?:号院|号|弄|巷)(?![楼院])")),
    (
        4,
        re.compile(
            rf"(?:{_C}|[A-Za-z])(?:{_C}|[A-Za-z0-9]){{0,10}}?(?:小区|花园|公寓|大厦|广场|家园|新村|苑|园|城|中心|府|庭|阁|大楼|商厦|写字楼|公馆|山庄|雅居)"
        ),
    ),
    (5, re.compile(rf"{_ALNUM}{{1,4}}\s?(?:号楼|栋|幢|座|号院|期|区)")),
    (5, re.compile(rf"{_ALNUM}{{1,3}}(?:单元|组|队)")),
    (5, re.compile(rf"{_ALNUM}{{1,3}}(?:层|楼)(?![\u4e00-\u9fff]{{0,1}}[下上])")),
    (5, re.compile(r"[A-Za-z]?\d{1,5}(?:室|房|户|号)")),
]
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
    + r")[\s:：]{0,2}"
)
_GATE = re.compile(r"[路街巷弄号村栋幢室楼座道园苑城厦场]")
_BOUNDARY = re.compile(r"(?:^|[^\u4e00-\u9fff])(?=[\u4e00-\u9fff])")
_POSTCODE = re.compile(r"\s?\d{6}(?!\d)")


def _chain(text: str, pos: int) -> tuple[int, int, int] | None:
    """Consume components from ``pos``; return (end, deepest level, number of components)."""
    level = 0
    count = 0
    deepest = 0
    while pos < len(text):
        for lv, rx in _COMPONENTS:
            if lv < level and not (lv == 5 and level == 5):
                continue
            m = rx.match(text, pos)
            if m is None and count and text[pos] == " ":
                m = rx.match(text, pos + 1)
            if m and m.end() > pos:
                pos = m.end()
                level = max(level, lv)
                deepest = max(deepest, lv)
                count += 1
                break
        else:
            break
    if count == 0:
        return None
    return pos, deepest, count


def _chain_first_end(text: str, pos: int) -> int | None:
    for _, rx in _COMPONENTS:
        m = rx.match(text, pos)
        if m:
            return m.end()
    return None


class CnAddressRecognizer(EntityRecognizer):
    """``浙江省杭州市西湖区文三路100号``, ``家住朝阳区建国路88号3号楼1单元1203室``, ``XX村3组``.

    A chain starts at a province name, after an address cue (地址, 住在, 位于 ...), or after a non-CJK
    boundary; it needs a component below district level (road, number, village, building, room) to count as
    an address - a bare "杭州市西湖区" is a region and stays.
    """

    ENTITY = ADDRESS
    COUNTRY_CODE = "cn"
    NEEDS_SCRIPT = "zh"

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: a street-level suffix must be present."""
        return _GATE.search(ctx.text) is not None

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Try a chain at every plausible start."""
        text = ctx.text
        starts: dict[int, float] = {}
        for m in _PROVINCE.finditer(text):
            starts[m.start()] = max(starts.get(m.start(), 0.0), 0.9)
        for m in _CUE.finditer(text):
            starts.setdefault(m.end(), 0.75)
        suffixes = [m.start() for m in _GATE.finditer(text)]
        for m in _BOUNDARY.finditer(text):
            k = bisect.bisect_left(suffixes, m.end())
            if k < len(suffixes) and suffixes[k] - m.end() <= 24:
                starts.setdefault(m.end(), 0.7)
        out: list[RecognizerResult] = []
        strong = sorted(k for k, v in starts.items() if v >= 0.75)
        covered_until = -1
        for start in sorted(starts):
            if start < covered_until:
                continue
            base = starts[start]
            if base < 0.75:
                first = _chain_first_end(text, start)
                k = bisect.bisect_right(strong, start)
                if first is not None and k < len(strong) and strong[k] < first:
                    continue  # a province / cue start inside the first component is the better start
            pos = start
            p = _PROVINCE.match(text, pos)
            if p:
                pos = p.end()
            res = _chain(text, pos)
            if res is None:
                continue
            end, deepest, count = res
            if deepest < 2 or (count < 2 and not p):  # one component alone (京东商城, 万科城) is a place name
                continue
            pc = _POSTCODE.match(text, end)
            if pc:
                end = pc.end()
            score = base if count >= 2 or p else base - 0.1
            out.append(RecognizerResult(ADDRESS, start, end, round(score, 3), self.name, text[start:end]))
            covered_until = end
        return out
