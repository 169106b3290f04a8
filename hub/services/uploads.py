"""Reading bulk uploads (JSON array, JSON Lines, CSV) into rows of plain dicts.

A file-level problem (not decodable, not JSON, no header, too many rows) is answered as a whole; a
row-level problem is reported for that row by :func:`hub.services.cases.submit_many`.
"""

from __future__ import annotations

import csv
import io
import json

from hub.services.errors import PayloadTooLarge, ServiceError

FORMATS = ("json", "jsonl", "csv")
_CSV_FIELDS = (
    "external_ref",
    "occurred_at",
    "fraud_type",
    "channel",
    "mcc",
    "amount",
    "currency",
    "region",
    "narrative",
    "indicators",
)


class BadUpload(ServiceError):
    code = 400


def detect_format(content_type: str | None, filename: str | None = None) -> str | None:
    """The upload format from a file name or a media type, or ``None``."""
    name = (filename or "").lower()
    for ext, fmt in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "json"), (".csv", "csv")):
        if name.endswith(ext):
            return fmt
    media = (content_type or "").split(";")[0].strip().lower()
    return {
        "application/json": "json",
        "application/x-ndjson": "jsonl",
        "application/jsonl": "jsonl",
        "application/x-jsonlines": "jsonl",
        "text/csv": "csv",
    }.get(media)


def decode(data: bytes, encoding: str = "utf-8") -> str:
    try:
        return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError:
        raise BadUpload(
            f"the upload is not valid {encoding}; send UTF-8 or say encoding=gb18030",
            {"file": ["bad encoding"]},
        ) from None


def parse_rows(data: bytes, fmt: str, max_rows: int, encoding: str = "utf-8") -> list[dict | object]:
    """Rows of the upload, in order. A row that is not a JSON object is kept as is (reported per row)."""
    if fmt not in FORMATS:
        raise BadUpload(
            "unsupported upload format; use JSON, JSON Lines or CSV", {"file": ["unknown format"]}
        )
    text = decode(data, encoding)
    if not text.strip():
        raise BadUpload("the upload is empty", {"file": ["empty"]})
    if fmt == "json":
        try:
            rows = json.loads(text)
        except ValueError as exc:
            raise BadUpload(
                "the upload is not valid JSON",
                {"file": [f"invalid JSON at line {getattr(exc, 'lineno', '?')}"]},
            ) from None
        if not isinstance(rows, list):
            raise BadUpload("a JSON upload must be an array of cases", {"file": ["not an array"]})
    elif fmt == "jsonl":
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except ValueError:
                rows.append(_BadLine(number))
            _check_size(len(rows), max_rows)
    else:
        rows = _parse_csv(text, max_rows)
    _check_size(len(rows), max_rows)
    return rows


class _BadLine:
    """A JSON Lines line that is not JSON: reported as that row's error."""

    def __init__(self, line: int):
        self.line = line


def _check_size(count: int, max_rows: int) -> None:
    if count > max_rows:
        raise PayloadTooLarge(f"an upload may hold at most {max_rows} rows", {"file": ["too many rows"]})


def _parse_csv(text: str, max_rows: int) -> list[dict]:
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = reader.fieldnames
        if not header:
            raise BadUpload("the CSV upload has no header row", {"file": ["no header"]})
        header = [h.strip() for h in header]
        unknown = sorted(set(header) - set(_CSV_FIELDS))
        if unknown:
            raise BadUpload(
                "the CSV header has unknown columns",
                {"file": [f"unknown column: {name[:40]}" for name in unknown[:10]]},
            )
        reader.fieldnames = header
        rows = []
        for record in reader:
            if None in record:  # more cells than header columns
                rows.append(_BadLine(reader.line_num))
            else:
                rows.append({k: v for k, v in record.items() if v not in (None, "")})
            _check_size(len(rows), max_rows)
    except csv.Error:
        raise BadUpload("the upload is not valid CSV", {"file": ["malformed CSV"]}) from None
    for row in rows:
        if isinstance(row, dict) and "indicators" in row:
            row["indicators"] = _csv_indicators(row["indicators"])
    return rows


def _csv_indicators(cell: str):
    """CSV indicator cell: a JSON array, or ``type:value`` items separated by ``;``."""
    cell = cell.strip()
    if cell.startswith("["):
        try:
            return json.loads(cell)
        except ValueError:
            return cell  # reported by the schema as not a list
    items = []
    for part in cell.split(";"):
        if part.strip():
            kind, sep, value = part.partition(":")
            items.append({"type": kind.strip(), "value": value.strip()} if sep else part)
    return items


class UnsupportedUpload(ServiceError):
    code = 415
