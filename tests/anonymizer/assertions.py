"""Shared assertion helpers for recognizer tables (after Presidio's ``tests/assertions.py``)."""

from __future__ import annotations

from anonymizer.nlp import detect_language, scripts
from anonymizer.recognizers.base import AnalysisContext, EntityRecognizer


def run_recognizer(recognizer: EntityRecognizer, text: str, threshold: float = 0.5) -> list[tuple[int, int]]:
    """Spans a recognizer keeps on its own (gate + analyze + score threshold), sorted."""
    has_cjk, has_latin = scripts(text)
    ctx = AnalysisContext(text, detect_language(text), None, text.lower(), has_cjk, has_latin)
    if not recognizer.applies(ctx):
        return []
    return sorted({(r.start, r.end) for r in recognizer.analyze(ctx) if r.score >= threshold})


def spans_of(text: str, *values: str) -> list[tuple[int, int]]:
    """Character spans of each value (first occurrence after the previous one)."""
    out, pos = [], 0
    for v in values:
        i = text.index(v, pos)
        out.append((i, i + len(v)))
        pos = i + len(v)
    return sorted(out)


def assert_spans(recognizer: EntityRecognizer, text: str, *values: str) -> None:
    """The recognizer finds exactly ``values`` in ``text`` (no value: finds nothing)."""
    got = run_recognizer(recognizer, text)
    want = spans_of(text, *values)
    assert got == want, f"{type(recognizer).__name__}: got {[text[s:e] for s, e in got]}, want {list(values)}"


def engine_values(engine, text: str, entity: str) -> list[str]:
    """Original values the engine replaced for one entity type (test-only: the engine never exposes them)."""
    return [text[f.start : f.end] for f in engine.anonymize(text).findings if f.entity_type == entity]
