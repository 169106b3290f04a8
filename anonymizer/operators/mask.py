"""Card numbers masked to their BIN: ``622848**********``."""

from __future__ import annotations

import re

from anonymizer.operators.base import Operator, OperatorContext

_NON_DIGIT = re.compile(r"\D")


class MaskCardToBin(Operator):
    """Keep the first ``keep`` digits (the BIN), star the rest; separators are dropped."""

    NAME = "mask_bin"

    def __init__(self, keep: int = 6, char: str = "*") -> None:
        self.keep = keep
        self.char = char

    def operate(self, ctx: OperatorContext) -> str:
        """BIN followed by one mask character per remaining digit."""
        digits = ctx.canonical or _NON_DIGIT.sub("", ctx.value)
        return digits[: self.keep] + self.char * max(0, len(digits) - self.keep)
