"""Microsoft Presidio, run side by side with our anonymizer on the same samples (bench only).

Used by ``bench/anonymizer.py`` when ``presidio_analyzer`` is importable in the benchmark's environment;
it is not a project dependency. Presidio needs a spaCy pipeline: an installed English model package
(``en_core_web_lg`` / ``md`` / ``sm``, in that order) when one is there, otherwise a blank English
pipeline saved to a temporary folder, so nothing is downloaded — without a model Presidio's PERSON and
LOCATION recognizers (spaCy NER) find nothing, and the report says which pipeline ran.

Presidio's entity names are mapped to ours where one corresponds; its other types (DATE_TIME,
US_DRIVER_LICENSE, NRP …) keep their names, so what they replace counts as predictions of a type we do
not score and as destroyed non-PII characters, exactly as they would destroy evidence in a case.

A separate environment (its dependency pins differ from ours)::

    python3 -m venv /tmp/pvenv && /tmp/pvenv/bin/pip install presidio-analyzer -e .
    /tmp/pvenv/bin/python bench/anonymizer.py --skip-shared
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass

PRESIDIO_TO_OURS = {
    "PERSON": "PERSON",
    "LOCATION": "ADDRESS",
    "CREDIT_CARD": "BANK_CARD",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "IP_ADDRESS": "IP_ADDRESS",
    "IBAN_CODE": "IBAN",
    "URL": "URL",
    "CRYPTO": "CRYPTO_WALLET",
    "US_BANK_NUMBER": "BANK_ACCOUNT",
    "US_PASSPORT": "PASSPORT",
}


@dataclass(frozen=True)
class _Finding:
    entity_type: str
    start: int
    end: int


@dataclass(frozen=True)
class _Result:
    findings: list[_Finding]


def available() -> bool:
    try:
        import presidio_analyzer  # noqa: F401
    except ImportError:
        return False
    return True


class PresidioAdapter:
    """``anonymize`` / ``anonymize_many`` with Presidio's analyzer, shaped like our engine's results."""

    def __init__(self, score_threshold: float = 0.0) -> None:
        """``score_threshold`` 0 is Presidio's own default (its phone and card results score 0.4 without
        the context words a spaCy model's lemmas would add)."""
        import spacy
        import tldextract

        # Presidio's URL / e-mail checks call tldextract, which fetches the public suffix list from the
        # web unless told to use the snapshot it ships: nothing is downloaded in a benchmark.
        tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        model = next(
            (m for m in ("en_core_web_lg", "en_core_web_md", "en_core_web_sm") if spacy.util.is_package(m)),
            None,
        )
        if model is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="presidio-blank-en-")
            spacy.blank("en").to_disk(self._tmp.name)
            model = self._tmp.name
            self.pipeline = "blank English spaCy pipeline (no NER model installed)"
        else:
            self.pipeline = model
        provider = NlpEngineProvider(
            nlp_configuration={
                "nlp_engine_name": "spacy",
                "models": [{"lang_code": "en", "model_name": model}],
            }
        )
        self.analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
        self.score_threshold = score_threshold

    def anonymize(self, text: str) -> _Result:
        found = self.analyzer.analyze(text=text, language="en", score_threshold=self.score_threshold)
        spans = _drop_overlaps(sorted(found, key=lambda r: (-r.score, r.start - r.end)))
        return _Result(
            [_Finding(PRESIDIO_TO_OURS.get(r.entity_type, r.entity_type), r.start, r.end) for r in spans]
        )

    def anonymize_many(self, texts: list[str]) -> list[_Result]:
        return [self.anonymize(t) for t in texts]


def _drop_overlaps(results):
    """What Presidio's anonymizer does with overlapping results: the higher score wins."""
    taken = []
    for r in results:
        if all(r.end <= t.start or t.end <= r.start for t in taken):
            taken.append(r)
    return sorted(taken, key=lambda r: r.start)
