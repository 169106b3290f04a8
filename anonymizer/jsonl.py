"""JSON Lines in, JSON Lines out: the library side of the ``riskhub anonymize`` CLI."""

from __future__ import annotations

import json
from typing import IO, Any


def anonymize_stream(in_stream: IO[str], out_stream: IO[str], engine: Any, language: str = "auto") -> int:
    """Anonymize ``{"id": ..., "text": ...}`` records line by line.

    Other keys pass through; ``text`` is replaced by the anonymized text and ``findings`` (and
    ``residual``) are added. A line that cannot be read becomes ``{"line": n, "error": "..."}`` - the
    message never quotes the input. Blank lines are skipped.

    :param in_stream: text stream of JSON Lines.
    :param out_stream: text stream written with one JSON object per line.
    :param engine: an :class:`~anonymizer.engine.AnonymizerEngine`.
    :param language: ``auto``, ``zh`` or ``en`` for every record.
    :returns: the number of lines written (anonymized records and error records).
    """
    written = 0
    for n, line in enumerate(in_stream, start=1):
        if not line.strip():
            continue
        record = _read(line)
        if isinstance(record, str):
            out = {"line": n, "error": record}
        else:
            try:
                res = engine.anonymize(record["text"], language=language)
            except Exception as exc:
                out = {"line": n, "error": f"could not anonymize this record ({type(exc).__name__})"}
            else:
                out = dict(record)
                out["text"] = res.text
                out["findings"] = [f.to_dict() for f in res.findings]
                out["residual"] = [r.to_dict() for r in res.residual]
        out_stream.write(json.dumps(out, ensure_ascii=False) + "\n")
        written += 1
    return written


def _read(line: str) -> dict | str:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return "invalid JSON"
    if not isinstance(record, dict):
        return "a record must be a JSON object"
    if "text" not in record:
        return "missing key 'text'"
    if not isinstance(record["text"], str):
        return "'text' must be a string"
    return record
