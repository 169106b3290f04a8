"""The app's one anonymizer engine and keyed-token helpers built on the hub's token key."""

from __future__ import annotations

import hashlib
import hmac
import json

from flask import current_app

import anonymizer

#: Finding fields the hub stores: positions in the anonymized text only (DESIGN.md), never the
#: original offsets, which would leak the length and place of the removed values.
STORED_FINDING_FIELDS = (
    "entity_type",
    "out_start",
    "out_end",
    "score",
    "recognizer",
    "placeholder",
    "token",
    "indicator_kind",
    "key_id",
)


def engine() -> anonymizer.AnonymizerEngine:
    """The app's engine, built on first use and shared by every request thread."""
    ext = current_app.extensions
    eng = ext.get("riskhub.anonymizer")
    if eng is None:
        eng = anonymizer.AnonymizerEngine(
            current_app.config["TOKEN_KEY"],
            current_app.config["TOKEN_KEY_ID"],
            use_spacy=current_app.config["ANONYMIZER_SPACY"],
        )
        ext["riskhub.anonymizer"] = eng
    return eng


def stored_findings(findings) -> list[dict]:
    """Findings as stored with a case."""
    return [{f: getattr(item, f) for f in STORED_FINDING_FIELDS} for item in findings]


def indicator_token(kind: str, value: str) -> tuple[str, str]:
    """``(token, key_id)`` of a raw indicator value; raises :class:`anonymizer.InvalidIndicator`."""
    canonical = anonymizer.canonicalize_indicator(kind, value)
    return (
        anonymizer.indicator_token(current_app.config["TOKEN_KEY"], kind, canonical),
        current_app.config["TOKEN_KEY_ID"],
    )


def keyed_digest(data) -> str:
    """HMAC-SHA256 with the token key over canonical JSON: compares submissions without storing them."""
    payload = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hmac.new(
        current_app.config["TOKEN_KEY"], b"content:" + payload.encode(), hashlib.sha256
    ).hexdigest()


def preview(narrative: str, language: str = "auto") -> dict:
    """What would be stored for *narrative*: the anonymized text, findings and residual warnings."""
    result = engine().anonymize(narrative, language=language)
    return {
        "narrative": result.text,
        "language": result.language,
        "findings": stored_findings(result.findings),
        "residual_warnings": [w.to_dict() for w in result.residual],
        "anonymizer_version": anonymizer.__version__,
    }
