"""Default operator per entity type, and how a caller overrides it."""

from __future__ import annotations

from collections.abc import Mapping

from anonymizer.entities import ADDRESS, ALL_ENTITIES, BANK_CARD
from anonymizer.operators.base import Operator
from anonymizer.operators.generalize import GeneralizeAddress
from anonymizer.operators.mask import MaskCardToBin
from anonymizer.operators.placeholder import Placeholder, Redact

_BY_NAME: dict[str, type[Operator]] = {
    "placeholder": Placeholder,
    "redact": Redact,
    "mask_bin": MaskCardToBin,
    "generalize": GeneralizeAddress,
}

#: Defaults: cards keep their BIN, addresses keep province and city, everything else a placeholder.
DEFAULT_OPERATORS: dict[str, str] = {e: "placeholder" for e in ALL_ENTITIES} | {
    BANK_CARD: "mask_bin",
    ADDRESS: "generalize",
}


def build_operators(overrides: Mapping[str, str | Operator] | None = None) -> dict[str, Operator]:
    """Operator instances per entity type; ``overrides`` maps an entity to a name or an instance.

    :raises ValueError: for an unknown entity type or operator name.
    """
    names: dict[str, str | Operator] = dict(DEFAULT_OPERATORS)
    for entity, op in (overrides or {}).items():
        if entity not in names:
            raise ValueError(f"unknown entity type {entity!r}")
        names[entity] = op
    out: dict[str, Operator] = {}
    for entity, op in names.items():
        if isinstance(op, Operator):
            out[entity] = op
        elif op in _BY_NAME:
            out[entity] = _BY_NAME[op]()
        else:
            raise ValueError(f"unknown operator {op!r} for {entity}")
    return out
