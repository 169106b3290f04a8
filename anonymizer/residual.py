"""Residual check: a second, independent and looser scan over the anonymized text.

It shares no code with the recognizers on purpose: anything that still looks like personal data (long
digit runs, ``@``, name shapes next to role cues, ID-like runs with X) is reported so that the hub can
send the case to moderation instead of approving it automatically. It never changes the text.
"""

from __future__ import annotations

import re

from anonymizer.result import ResidualWarning

_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,40}\]")
# the look-behind follows the first digit so that the pattern starts with \d (a fast first-character scan)
_DIGIT_RUN = re.compile(r"\d(?<![0-9*]\d)(?:[\s\-.]?\d){6,}(?![0-9])")
_HOTLINE = re.compile(
    r"1?[\s\-.]?8(?:00|88|77|66|55|44|33)[\s\-.]?\d{3}[\s\-.]?\d{4}|[48]00[\s\-]?\d{3}[\s\-]?\d{4}"
)
_LONG_DIGITS = re.compile(r"\d{4}")
_LATIN = re.compile(r"[A-Z]")
_ID_X = re.compile(r"(?<![0-9A-Za-z])\d{17}[Xx](?![0-9A-Za-z])")
#: a dotted quad (an IPv4 address, or a version after a word other than "version" / 版本)
_QUAD = re.compile(r"(?<![0-9.])\d{1,3}(?:\.\d{1,3}){3}(?![0-9]|\.\d)")
_VERSION_WORD = re.compile(r"(?:(?<![a-z])(?:version|ver\.?|v)|版本号?)[\s:：(（#]{0,3}$")
_AT = re.compile(r"[A-Za-z0-9._%+\-]@|@[A-Za-z0-9\-]+\.[A-Za-z]")
_REFERENCE = re.compile(
    r"(?=[订流交商终批凭授案工报单编运发合保]|(?i:[otrcmib]))"  # first characters of the words below
    r"(?:订单|流水|交易|商户|终端|批次|凭证|授权|案件|案号|工单|报案|单号|编号|运单|发票|合同|保单|MCC|BIN|MID|TID|"
    r"(?i:order|txn|transaction|ref|case|merchant|terminal|ticket|invoice|tracking|batch))[^\n]{0,12}$"
)
# no look-ahead on the first characters here: a plain alternation of words gives the scan its own (faster)
# first-character set, a look-ahead hides it
_ROLE_ZH = re.compile(
    r"(?:持卡人|受害人|被害人|嫌疑人|客户|用户|户名|收款人|付款人|联系人|开户人|姓名|名叫|叫做|法人|店主|商户负责人)"
    r"[：:\s是为]{0,2}(?P<v>[\u4e00-\u9fff]{2,4})"
)
_HONORIFIC_ZH = re.compile(r"先生|女士|小姐|老板|经理|阿姨")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ROLE_EN = re.compile(
    r"(?=[MDPcvshpn])"  # first characters of the cues below
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?|\b(?:cardholder|victim|suspect|customer|holder|payee|name(?:d)?|"
    r"called))\s+(?P<v>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
_NOT_NAMES_ZH = set("某一该其此这那本")
# the 100 most common surnames, kept here on purpose: this scan must not depend on the recognizers' lists
_SURNAMES_ZH = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭"
    "陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧欧上司诸"
)
_STOP_ZH = set("称说在于向的被等和与及也已曾将从到给对是为了通")
_ZH_NON_NAME_WORDS = (
    "银行",
    "公司",
    "商户",
    "平台",
    "客服",
    "账户",
    "信息",
    "资金",
    "反映",
    "表示",
    "称",
    "在",
    "通过",
)
_EN_NON_NAMES = {"The", "This", "That", "Service", "Support", "Bank", "Account", "Card", "Team", "Center"}


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def residual_scan(text: str) -> list[ResidualWarning]:
    """Return warnings for what still looks like personal data in an anonymized text."""
    placeholders = [m.span() for m in _PLACEHOLDER.finditer(text)] if "[" in text else []
    out: list[ResidualWarning] = []
    has_cjk = _CJK.search(text) is not None
    long_digits = _LONG_DIGITS.search(text) is not None  # digit runs and ID shapes need four digits in a row
    for m in _DIGIT_RUN.finditer(text) if long_digits else ():
        digits = sum(c.isdigit() for c in m.group())
        if digits < 11 or _inside(placeholders, *m.span()):
            continue
        if _REFERENCE.search(text[max(0, m.start() - 24) : m.start()]):
            continue
        # a toll-free hotline stays, but "18005551234" as one run may be a CN mobile (180 / 188 …): flagged
        if _HOTLINE.fullmatch(m.group()) and not (digits == 11 and m.group().isdigit()):
            continue
        out.append(ResidualWarning("digit_run", m.start(), m.end(), 0.6, f"a run of {digits} digits remains"))
    for m in _ID_X.finditer(text) if long_digits and ("X" in text or "x" in text) else ():
        if not _inside(placeholders, *m.span()):
            out.append(ResidualWarning("id_shape", m.start(), m.end(), 0.8, "an ID-number shape remains"))
    for m in _QUAD.finditer(text) if "." in text else ():
        if (
            max(map(int, m.group().split("."))) <= 255
            and not _inside(placeholders, *m.span())
            and not _VERSION_WORD.search(text[max(0, m.start() - 12) : m.start()].lower())
        ):
            out.append(ResidualWarning("ip_shape", m.start(), m.end(), 0.5, "an IPv4-like address remains"))
    for m in _AT.finditer(text) if "@" in text else ():
        if not _inside(placeholders, *m.span()):
            out.append(ResidualWarning("at_sign", m.start(), m.end(), 0.5, "an e-mail-like '@' remains"))
    for m in _HONORIFIC_ZH.finditer(text) if has_cjk else ():
        start = m.start()
        k = start
        while k > 0 and start - k < 2 and "\u4e00" <= text[k - 1] <= "\u9fff":
            k -= 1
        v = text[k:start]
        if not v or v[0] in _NOT_NAMES_ZH or any(w in v for w in _ZH_NON_NAME_WORDS) or v[-1] in _STOP_ZH:
            continue
        if v[-1] in _SURNAMES_ZH:
            k, v = start - 1, v[-1]
        elif v[0] not in _SURNAMES_ZH:
            continue
        out.append(
            ResidualWarning("name_before_honorific", k, start, 0.4, "a name shape next to a role cue remains")
        )
    for rx, kind in ((_ROLE_ZH, "name_after_role"),) if has_cjk else ():
        for m in rx.finditer(text):
            v = m.group("v")
            start, end = m.span("v")
            cut = next((i for i, ch in enumerate(v) if ch in _STOP_ZH), len(v))
            if kind == "name_after_role":
                v, end = v[:cut], start + cut
                if len(v) < 2 or v[0] not in _SURNAMES_ZH:
                    continue
            if (
                v[0] in _NOT_NAMES_ZH
                or any(w in v for w in _ZH_NON_NAME_WORDS)
                or _inside(placeholders, start, end)
            ):
                continue
            out.append(ResidualWarning(kind, start, end, 0.4, "a name shape next to a role cue remains"))
    for m in _ROLE_EN.finditer(text) if _LATIN.search(text) else ():
        start, end = m.span("v")
        if m.group("v").split()[0] in _EN_NON_NAMES or _inside(placeholders, start, end):
            continue
        out.append(
            ResidualWarning("name_after_role", start, end, 0.4, "a name shape next to a role cue remains")
        )
    out.sort(key=lambda w: (w.out_start, w.out_end, w.kind))
    return out
