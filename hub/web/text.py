"""Turning stored text and figures into what a template shows (escaping stays with Jinja)."""

from __future__ import annotations

import base64
import csv
import io
from dataclasses import dataclass


@dataclass
class Segment:
    """A run of text, marked (``kind``: ``placeholder`` / ``residual``) or plain (``kind`` ``None``)."""

    text: str
    start: int
    kind: str | None = None
    label: str | None = None
    message: str | None = None


def segments(text: str, marks: list[dict]) -> list[Segment]:
    """Cut *text* into plain and marked runs; of overlapping marks the earlier (then longer) one wins."""
    out: list[Segment] = []
    pos = 0
    for mark in sorted(marks, key=lambda m: (int(m["start"]), -int(m["end"]))):
        start, end = max(int(mark["start"]), 0), min(int(mark["end"]), len(text))
        if start < pos or end <= start:
            continue
        if start > pos:
            out.append(Segment(text[pos:start], pos))
        out.append(Segment(text[start:end], start, mark.get("kind"), mark.get("label"), mark.get("message")))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:], pos))
    return out


def placeholder_marks(findings: list[dict]) -> list[dict]:
    """Stored findings as marks of the placeholders they left in the anonymized text."""
    return [
        {"kind": "placeholder", "start": f["out_start"], "end": f["out_end"], "label": f.get("entity_type")}
        for f in findings or []
    ]


def flat_errors(errors) -> str:
    """``{"field": ["msg"], "nested": {"0": {...}}}`` as ``field: msg; nested.0.value: msg``."""
    parts: list[str] = []

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list | tuple):
            for inner in value:
                walk(prefix, inner)
        else:
            parts.append(f"{prefix}: {value}" if prefix else str(value))

    walk("", errors or {})
    return "; ".join(parts)


def csv_data_uri(header: list[str], rows: list[list]) -> str:
    """A ``data:`` URI of a UTF-8 CSV (with BOM, so spreadsheet programs read Chinese right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    payload = ("\ufeff" + buffer.getvalue()).encode()
    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(payload).decode()


def trend_svg_points(values: list[int], width: int = 560, height: int = 160, pad: int = 24) -> list[dict]:
    """Coordinates of a small bar chart: one bar per value, scaled to the largest."""
    if not values:
        return []
    top = max(values) or 1
    step = (width - 2 * pad) / len(values)
    bars = []
    for index, value in enumerate(values):
        h = (height - 2 * pad) * value / top
        bars.append(
            {
                "x": round(pad + index * step + step * 0.15, 1),
                "y": round(height - pad - h, 1),
                "w": round(step * 0.7, 1),
                "h": round(h, 1),
                "cx": round(pad + index * step + step / 2, 1),
                "value": value,
            }
        )
    return bars
