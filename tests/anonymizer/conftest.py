"""Shared fixtures for the anonymizer tests (one engine per session: construction loads tables)."""

from __future__ import annotations

import pytest

import anonymizer

TEST_KEY = b"test-token-key-not-a-secret"


@pytest.fixture(scope="session")
def engine() -> anonymizer.AnonymizerEngine:
    """Full pipeline (spaCy on)."""
    return anonymizer.AnonymizerEngine(TEST_KEY, key_id="test", use_spacy=True)


@pytest.fixture(scope="session")
def pattern_engine() -> anonymizer.AnonymizerEngine:
    """Pattern layer only."""
    return anonymizer.AnonymizerEngine(TEST_KEY, key_id="test", use_spacy=False)
