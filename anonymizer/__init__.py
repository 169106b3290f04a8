"""RiskHub anonymizer: find personal data in zh / en fraud narratives and replace it.

>>> import anonymizer
>>> engine = anonymizer.AnonymizerEngine(b"secret", use_spacy=False)
>>> engine.anonymize("客户手机13812345678").text
'客户手机[PHONE_1]'
"""

from anonymizer import jsonl
from anonymizer.engine import AnonymizerEngine
from anonymizer.indicators import INDICATOR_KINDS, InvalidIndicator, canonicalize_indicator, indicator_token
from anonymizer.masking import mask_spans
from anonymizer.result import AnonymizerResult, Finding, ResidualWarning
from anonymizer.version import __version__

__all__ = [
    "INDICATOR_KINDS",
    "AnonymizerEngine",
    "AnonymizerResult",
    "Finding",
    "InvalidIndicator",
    "ResidualWarning",
    "__version__",
    "canonicalize_indicator",
    "indicator_token",
    "jsonl",
    "mask_spans",
]
