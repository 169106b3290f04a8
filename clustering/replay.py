"""Replay JSON Lines cases week by week through :meth:`PatternTracker.run_period` (``riskhub cluster``)."""

from __future__ import annotations

import json
import sys
from collections import OrderedDict

from .tracking import PatternTracker, TrackingConfig, iso_week

__all__ = ["read_cases", "replay_jsonl"]

NO_TIMESTAMP = "ALL"


def read_cases(in_stream, errors=None) -> list[dict]:
    """Parse JSON Lines cases; report bad lines (line number and reason only) to ``errors``.

    A line is bad when it is not a JSON object, lacks a string or integer ``id``, has a non-string
    ``text``, repeats an earlier ``id`` or has an unreadable ``submitted_at``.
    """
    errors = errors if errors is not None else sys.stderr
    cases, seen = [], set()
    for lineno, line in enumerate(in_stream, start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            print(f"line {lineno}: skipped, not valid JSON", file=errors)
            continue
        if not isinstance(case, dict):
            print(f"line {lineno}: skipped, not a JSON object", file=errors)
            continue
        cid = case.get("id")
        if cid is None or isinstance(cid, bool) or not isinstance(cid, (str, int)):
            print(f"line {lineno}: skipped, missing or invalid 'id'", file=errors)
            continue
        if not isinstance(case.get("text", ""), str):
            print(f"line {lineno}: skipped, 'text' must be a string", file=errors)
            continue
        if cid in seen:
            print(f"line {lineno}: skipped, duplicate id", file=errors)
            continue
        if case.get("submitted_at") is not None and iso_week(case["submitted_at"]) is None:
            print(f"line {lineno}: skipped, unreadable 'submitted_at'", file=errors)
            continue
        case.setdefault("text", "")
        seen.add(cid)
        cases.append(case)
    return cases


def group_by_week(cases: list[dict]) -> OrderedDict:
    """``{iso_week: [case, ...]}`` in week order; cases without ``submitted_at`` join the last week
    (or the single period ``"ALL"`` when no case has one)."""
    weeks: dict[str, list] = {}
    undated = []
    for case in cases:
        week = iso_week(case["submitted_at"]) if case.get("submitted_at") is not None else None
        if week is None:
            undated.append(case)
        else:
            weeks.setdefault(week, []).append(case)
    ordered = OrderedDict(sorted(weeks.items()))
    if undated:
        if ordered:
            ordered[next(reversed(ordered))].extend(undated)
        else:
            ordered[NO_TIMESTAMP] = undated
    return ordered


def replay_jsonl(
    in_stream,
    out_stream,
    patterns_out=None,
    config: TrackingConfig | None = None,
    errors=None,
    random_state: int = 0,
) -> None:
    """Read JSON Lines cases, replay them week by week, write ``{"id", "pattern"}`` per case.

    :param in_stream: text stream of JSON Lines cases (``id``, ``text``, optional ``submitted_at`` and
        structured fields).
    :param out_stream: receives one ``{"id": …, "pattern": "P0003" | null}`` line per valid case, in
        input order; the pattern is the one assigned in the case's own week.
    :param patterns_out: optional stream for one line per pattern: ``pattern``, ``label``,
        ``keywords``, ``status`` (last), ``first_period``, ``sizes`` by ISO week.
    :param config: :class:`TrackingConfig` (defaults when ``None``).
    :param errors: stream for bad-line reports (``sys.stderr`` by default).
    """
    cases = read_cases(in_stream, errors=errors)
    tracker = PatternTracker(config=config, random_state=random_state)
    assigned: dict = {}
    for period, batch in group_by_week(cases).items():
        result = tracker.run_period(batch, period)
        assigned.update(result.assignments)
    for case in cases:
        out_stream.write(
            json.dumps({"id": case["id"], "pattern": assigned.get(case["id"])}, ensure_ascii=False) + "\n"
        )
    if patterns_out is not None:
        for pid in sorted(tracker.patterns):
            p = tracker.patterns[pid]
            record = {
                "pattern": pid,
                "label": p["label"],
                "keywords": p["keywords"],
                "status": p["status"],
                "first_period": p["first_period"],
                "sizes": {q: v for q, v in sorted(p["sizes"].items())},
            }
            patterns_out.write(json.dumps(record, ensure_ascii=False) + "\n")
