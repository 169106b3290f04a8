"""Typed, numbered placeholders and plain redaction."""

from __future__ import annotations

from anonymizer.operators.base import Operator, OperatorContext, typed_placeholder


class Placeholder(Operator):
    """``[PERSON_1]``: the same value within one case always gets the same number."""

    NAME = "placeholder"

    def operate(self, ctx: OperatorContext) -> str:
        """Typed numbered placeholder."""
        return typed_placeholder(ctx)


class Redact(Operator):
    """``[REDACTED]`` (or a given label) without type or number."""

    NAME = "redact"

    def __init__(self, label: str = "REDACTED") -> None:
        self.label = label

    def operate(self, ctx: OperatorContext) -> str:
        """Fixed label."""
        return f"[{self.label}]"
