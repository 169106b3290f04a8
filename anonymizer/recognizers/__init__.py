"""Recognizers: one per entity and country, Presidio style."""

from anonymizer.recognizers.base import (
    AnalysisContext,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from anonymizer.recognizers.registry import RecognizerRegistry, default_recognizers

__all__ = [
    "AnalysisContext",
    "EntityRecognizer",
    "Pattern",
    "PatternRecognizer",
    "RecognizerRegistry",
    "RecognizerResult",
    "default_recognizers",
]
