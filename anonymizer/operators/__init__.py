"""Operators turn a finding into the text written in its place (Presidio's anonymizer operators)."""

from anonymizer.operators.base import Operator, OperatorContext
from anonymizer.operators.config import DEFAULT_OPERATORS, build_operators
from anonymizer.operators.generalize import GeneralizeAddress
from anonymizer.operators.mask import MaskCardToBin
from anonymizer.operators.placeholder import Placeholder, Redact

__all__ = [
    "DEFAULT_OPERATORS",
    "GeneralizeAddress",
    "MaskCardToBin",
    "Operator",
    "OperatorContext",
    "Placeholder",
    "Redact",
    "build_operators",
]
