"""The published JSON Schemas: bulletin content (output) and period data (input)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from .errors import ContentError


def _load(name: str) -> dict:
    return json.loads(resources.files(__package__).joinpath("schema", name).read_text("utf-8"))


CONTENT_SCHEMA: dict = _load("bulletin.schema.json")
"""JSON Schema (draft 2020-12) of :func:`bulletins.build_content`'s result, published with the API."""

PERIOD_DATA_SCHEMA: dict = _load("period_data.schema.json")
"""JSON Schema of the period data the hub passes in (see :class:`bulletins.content.PeriodData`)."""


@cache
def _validator(which: str) -> Draft202012Validator:
    schema = CONTENT_SCHEMA if which == "content" else PERIOD_DATA_SCHEMA
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _describe(error: Any) -> str:
    where = "/" + "/".join(str(p) for p in error.absolute_path) if error.absolute_path else "<root>"
    rule = error.validator
    if rule == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        return f"{where}: missing required field(s) {', '.join(missing)}"
    if rule == "type":
        return f"{where}: must be of type {error.validator_value}"
    if rule in ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern"):
        return f"{where}: violates {rule} {error.validator_value}"
    if rule == "enum":
        return f"{where}: not one of the allowed values"
    return f"{where}: violates {rule}"


def validate_against(schema: dict, instance: Any) -> None:
    """Validate ``instance`` against one of this module's schemas.

    :raises ContentError: naming each failing place and rule (never the value found there).
    """
    which = "content" if schema is CONTENT_SCHEMA else "period_data"
    errors = sorted(_validator(which).iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise ContentError([_describe(e) for e in errors])


def validate_content(content: Any) -> None:
    """Check that ``content`` validates against :data:`CONTENT_SCHEMA`.

    :raises ContentError: if it does not.
    """
    validate_against(CONTENT_SCHEMA, content)
