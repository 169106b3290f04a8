"""Turning anonymized cases into attack patterns: features, clustering, labels, weekly tracking.

Plain data in and out; this package never imports ``hub``. Entry points::

    tracker = clustering.PatternTracker(config=None, random_state=0)
    result = tracker.run_period(cases, "2026-W47")   # PeriodResult(assignments, patterns)
    state = tracker.to_state()                       # JSON-serialisable
    tracker = clustering.PatternTracker.from_state(state)
    clustering.replay.replay_jsonl(in_stream, out_stream, patterns_out=None, config=None)
"""

from . import replay
from .estimators import ActiveColumns, IncrementalTfidf, SpectralPatternClustering
from .features import CaseFeaturizer
from .labels import ctfidf_keywords
from .pipeline import make_pattern_pipeline
from .tracking import PatternSummary, PatternTracker, PeriodResult, TrackingConfig, iso_week

__all__ = [
    "ActiveColumns",
    "CaseFeaturizer",
    "IncrementalTfidf",
    "PatternSummary",
    "PatternTracker",
    "PeriodResult",
    "SpectralPatternClustering",
    "TrackingConfig",
    "ctfidf_keywords",
    "iso_week",
    "make_pattern_pipeline",
    "replay",
]
