"""Canonical JSON rendering, digests and the digest chain."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from typing import Any


def render_json(content: dict) -> bytes:
    """Render ``content`` as canonical JSON: sorted keys, no spaces, UTF-8, no NaN or infinity.

    The bytes are what gets published and hashed, so the same content always gives the same bytes.

    :raises ValueError: if ``content`` holds NaN or an infinity.
    """
    return json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def digest(json_bytes: bytes) -> str:
    """Return the SHA-256 hex digest of a bulletin's canonical JSON bytes."""
    return hashlib.sha256(json_bytes).hexdigest()


def verify_chain(bulletins: Iterable[bytes], *, first_previous: str | None = None) -> list[str]:
    """Check a digest chain of published bulletins, given in publication order.

    Each bulletin's ``previous_digest`` must equal the digest of the bulletin before it (the first
    one's must equal ``first_previous``, normally ``None``).

    :returns: the problems found, one message per broken link (empty list: the chain holds).
    """
    problems: list[str] = []
    expected = first_previous
    for index, raw in enumerate(bulletins):
        try:
            content: Any = json.loads(raw)
            claimed = content.get("previous_digest")
            period = content.get("period", {}).get("id", "?")
        except (ValueError, AttributeError):
            problems.append(f"bulletin #{index}: not a bulletin JSON document")
            expected = digest(raw)
            continue
        if not _same(claimed, expected):
            problems.append(
                f"bulletin #{index} ({period}): previous_digest does not match the bulletin before"
            )
        if render_json(content) != raw:
            problems.append(f"bulletin #{index} ({period}): bytes are not canonical JSON")
        expected = digest(raw)
    return problems


def _same(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return hmac.compare_digest(a, b)
