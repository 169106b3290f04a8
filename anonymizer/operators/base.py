"""Operator base class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from anonymizer.entities import ZH_LABELS


@dataclass(frozen=True, slots=True)
class OperatorContext:
    """What an operator may use: the entity, the value, its number within the case, the style."""

    entity_type: str
    value: str
    canonical: str | None
    number: int
    style: str  # "typed" -> [PERSON_1], "zh" -> [姓名1]


def typed_placeholder(ctx: OperatorContext) -> str:
    """``[PERSON_1]`` or, in the ``zh`` style, ``[姓名1]``."""
    if ctx.style == "zh":
        return f"[{ZH_LABELS.get(ctx.entity_type, ctx.entity_type)}{ctx.number}]"
    return f"[{ctx.entity_type}_{ctx.number}]"


class Operator:
    """Turns one found value into its replacement text. Operators are stateless."""

    NAME: ClassVar[str] = "operator"

    def operate(self, ctx: OperatorContext) -> str:
        """Return the text written in place of the value."""
        raise NotImplementedError
