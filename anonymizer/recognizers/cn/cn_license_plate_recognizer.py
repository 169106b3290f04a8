"""Chinese vehicle licence plates, including new-energy (green) plates."""

from __future__ import annotations

import re

from anonymizer.entities import LICENSE_PLATE
from anonymizer.recognizers.base import ALNUM_RIGHT, AnalysisContext, Pattern, PatternRecognizer

_PROV = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_L = "A-HJ-NP-Z"


_GATE = re.compile(rf"[{_PROV}][{_L}]")


class CnLicensePlateRecognizer(PatternRecognizer):
    """Province character + letter + 5 characters (6 for new-energy plates)."""

    ENTITY = LICENSE_PLATE
    COUNTRY_CODE = "cn"
    NEEDS_SCRIPT = "zh"
    PATTERNS = [
        Pattern(
            "cn_plate_new_energy",
            rf"[{_PROV}][{_L}][·•\- ]?(?:[DF][{_L}0-9]\d{{4}}|\d{{5}}[DF])" + ALNUM_RIGHT,
            0.85,
        ),
        Pattern(
            "cn_plate",
            rf"[{_PROV}][{_L}][·•\- ]?(?=[{_L}0-9]{{0,4}}\d)[{_L}0-9]{{4}}[{_L}0-9挂学警港澳]" + ALNUM_RIGHT,
            0.8,
        ),
    ]
    CONTEXT = ["车牌", "号牌", "车辆", "plate"]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: skip texts that cannot hold this entity."""
        return _GATE.search(ctx.text) is not None
