"""The synthetic corpus generator and the engine's figures on a small sample of it."""

from __future__ import annotations

from anonymizer.corpus import EN_TEMPLATES, ZH_TEMPLATES, generate
from anonymizer.evaluation import evaluate

PATTERN_TYPES = {"CN_ID", "BANK_CARD", "PHONE", "EMAIL", "IP_ADDRESS", "IBAN", "CRYPTO_WALLET", "URL", "USCC"}


def test_at_least_30_templates_per_language():
    assert len(ZH_TEMPLATES) >= 30 and len(EN_TEMPLATES) >= 30
    assert len(set(ZH_TEMPLATES)) == len(ZH_TEMPLATES)


def test_generator_is_deterministic_and_spans_are_consistent():
    a, b = generate(60, seed=7), generate(60, seed=7)
    assert [s.text for s in a] == [s.text for s in b]
    assert [s.text for s in generate(60, seed=8)] != [s.text for s in a]
    for s in a:
        for start, end, _ in s.spans + s.negatives:
            assert 0 <= start < end <= len(s.text)
        spans = sorted(s.spans + s.negatives)
        assert all(x[1] <= y[0] for x, y in zip(spans, spans[1:], strict=False))


def test_engine_on_a_fresh_sample(engine):
    samples = generate(300, seed=424242)
    for lang in ("zh", "en"):
        scores = evaluate(engine, [s for s in samples if s.language == lang])
        for t in scores.types():
            if t in PATTERN_TYPES:
                assert scores.recall(t) >= 0.97, (lang, t)
                assert scores.precision(t) >= 0.95, (lang, t)
        assert scores.recall("PERSON") >= 0.9 and scores.precision("PERSON") >= 0.9
        assert scores.recall("ADDRESS") >= 0.9
        assert scores.destroyed_share <= 0.01
        assert scores.negatives_hit == 0
