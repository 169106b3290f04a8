"""Addresses generalised to province and city: ``浙江省杭州市[ADDRESS_1]``."""

from __future__ import annotations

import re

from anonymizer.operators.base import Operator, OperatorContext, typed_placeholder

_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市", "北京", "上海", "天津", "重庆")
_PROVINCE = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,3}省|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区|"
    r"香港特别行政区|澳门特别行政区|内蒙古|广西|西藏|宁夏|新疆)"
)
_CITY = re.compile(r"^(?:[\u4e00-\u9fff]{2,7}?(?:自治州|地区|盟|市))")


def zh_province_city(address: str) -> str:
    """The leading province / city part of a Chinese address ('' when there is none)."""
    head = ""
    rest = address
    for m in _MUNICIPALITIES:
        if rest.startswith(m):
            return m
    p = _PROVINCE.match(rest)
    if p:
        head = p.group()
        rest = rest[p.end() :]
    c = _CITY.match(rest)
    if c and not re.search(r"[区县镇乡村路街巷号]", c.group()[:-1]):
        head += c.group()
    return head


class GeneralizeAddress(Operator):
    """Keep province and city of a Chinese address, replace the rest by a typed placeholder."""

    NAME = "generalize"

    def operate(self, ctx: OperatorContext) -> str:
        """``浙江省杭州市[ADDRESS_1]``; English addresses become ``[ADDRESS_1]``."""
        return zh_province_city(ctx.value) + typed_placeholder(ctx)
