"""Case featurizer: anonymized narrative plus structured fields, in a hashed space that never changes."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted

from .estimators import IncrementalTfidf
from .text import feature_tokens, placeholder_types

__all__ = ["CaseFeaturizer", "case_text", "structured_tokens"]


def case_text(case) -> str:
    """The anonymized narrative of a case given as a dict or a plain string (``""`` when missing)."""
    if isinstance(case, str):
        return case
    if isinstance(case, Mapping):
        text = case.get("text")
        return text if isinstance(text, str) else ""
    return ""


def _clean(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip().lower()
    return value or None


def structured_tokens(case) -> list[str]:
    """Tokens for the structured fields of a case (empty for a plain string).

    ``channel=…``, ``mcc=…`` and its group ``mccgrp=…`` (first two digits), ``amt=…`` (amount in
    half-decade bins on a log scale), ``region=…``, ``type=…`` (declared fraud type), ``ind=…`` for
    each indicator token, and ``ph=…`` for each kind of placeholder in the text.
    """
    tokens: list[str] = []
    if isinstance(case, Mapping):
        for key in ("channel", "region", "fraud_type"):
            value = _clean(case.get(key))
            if value:
                tokens.append(f"{'type' if key == 'fraud_type' else key}={value}")
        mcc = _clean(case.get("mcc"))
        if mcc:
            tokens.append(f"mcc={mcc}")
            tokens.append(f"mccgrp={mcc[:2]}")
        amount = case.get("amount")
        if isinstance(amount, numbers.Real) and not isinstance(amount, bool) and math.isfinite(amount):
            tokens.append(f"amt={int(math.floor(2 * math.log10(max(float(amount), 1.0))))}")
        indicators = case.get("indicator_tokens") or []
        if isinstance(indicators, (list, tuple)):
            tokens.extend(f"ind={t}" for t in indicators if isinstance(t, str) and t)
    tokens.extend(f"ph={t}" for t in sorted(set(placeholder_types(case_text(case)))))
    return tokens


def _identity(tokens):
    return tokens


_CHUNK = 20_000


def _hash_chunk(cases, n_bits, structured_bits):
    """Hashed term counts (float32) of the narrative and of the structured fields of ``cases``."""
    kw = dict(analyzer=_identity, alternate_sign=False, norm=None, dtype=np.float32)
    text = HashingVectorizer(n_features=2**n_bits, **kw).transform(
        [feature_tokens(case_text(c)) for c in cases]
    )
    struct = HashingVectorizer(n_features=2**structured_bits, **kw).transform(
        [structured_tokens(c) for c in cases]
    )
    struct.data[:] = 1.0
    return text, struct


class CaseFeaturizer(TransformerMixin, BaseEstimator):
    """Turn cases (dicts or strings) into L2-normalised sparse TF-IDF rows.

    The narrative goes through :func:`clustering.text.feature_tokens` (CJK character 1–3-grams, English
    words and bigrams, placeholders removed) into a :class:`HashingVectorizer` of ``2**n_bits``
    columns; the structured fields (:func:`structured_tokens`) into a second, smaller hashed block.
    Each block is weighted by an :class:`IncrementalTfidf` whose document frequencies are updated by
    :meth:`partial_fit`, normalised, and the structured block is scaled by ``structured_weight``
    before the whole row is normalised again.

    :param n_bits: log2 of the number of hashed text columns.
    :param min_df: text columns seen in fewer documents are zeroed.
    :param max_df: text columns seen in more than this share of documents are zeroed.
    :param structured_weight: weight of the structured block relative to the narrative.
    :param n_jobs: processes used to hash more than 20,000 cases (joblib convention).
    """

    _parameter_constraints = {
        "n_bits": [Interval(numbers.Integral, 8, 24, closed="both")],
        "min_df": [Interval(numbers.Integral, 1, None, closed="left")],
        "max_df": [Interval(numbers.Real, 0, 1, closed="right")],
        "structured_weight": [Interval(numbers.Real, 0, None, closed="left")],
        "n_jobs": [None, Interval(numbers.Integral, -1, None, closed="left")],
    }

    STRUCTURED_BITS = 16

    def __init__(self, n_bits=20, min_df=2, max_df=0.5, structured_weight=0.35, n_jobs=None):
        self.n_bits = n_bits
        self.min_df = min_df
        self.max_df = max_df
        self.structured_weight = structured_weight
        self.n_jobs = n_jobs

    def _counts(self, cases):
        if isinstance(cases, (str, Mapping)):
            raise TypeError("CaseFeaturizer expects a list of cases, not a single case.")
        cases = list(cases)
        chunks = [cases[i : i + _CHUNK] for i in range(0, len(cases), _CHUNK)] or [[]]
        if self.n_jobs not in (None, 1) and len(chunks) > 1:
            parts = Parallel(n_jobs=self.n_jobs)(
                delayed(_hash_chunk)(c, self.n_bits, self.STRUCTURED_BITS) for c in chunks
            )
        else:
            parts = [_hash_chunk(c, self.n_bits, self.STRUCTURED_BITS) for c in chunks]
        if len(parts) == 1:
            return parts[0]
        text = sp.vstack([p[0] for p in parts], format="csr")
        struct = sp.vstack([p[1] for p in parts], format="csr")
        return text, struct

    def fit(self, X, y=None):
        """Learn document frequencies from the cases ``X`` only."""
        for attr in ("text_idf_", "struct_idf_"):
            if hasattr(self, attr):
                delattr(self, attr)
        return self.partial_fit(X)

    def partial_fit(self, X, y=None):
        """Add the document frequencies of the cases ``X`` to those already learned."""
        text, struct = self._counts(X)
        self._partial_fit_counts(text, struct)
        return self

    def _partial_fit_counts(self, text, struct):
        if not hasattr(self, "text_idf_"):
            self._validate_params()
            self.text_idf_ = IncrementalTfidf(min_df=self.min_df, max_df=self.max_df)
            self.struct_idf_ = IncrementalTfidf(min_df=1, max_df=1.0)
        self.text_idf_.partial_fit(text)
        self.struct_idf_.partial_fit(struct)
        self.n_features_out_ = text.shape[1] + struct.shape[1]

    def _weight_counts(self, text, struct):
        if text.shape[0] == 0:
            return sp.csr_matrix((0, self.n_features_out_), dtype=np.float32)
        blocks = []
        for start in range(0, text.shape[0], _CHUNK):  # block-wise: bounded temporary copies
            t = self.text_idf_.transform(text[start : start + _CHUNK])
            s = self.struct_idf_.transform(struct[start : start + _CHUNK]) * self.structured_weight
            out = sp.hstack([t, s], format="csr")
            norms = np.sqrt(np.asarray(out.multiply(out).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            blocks.append(sp.csr_matrix(sp.diags(1.0 / norms) @ out, dtype=np.float32))
        return blocks[0] if len(blocks) == 1 else sp.vstack(blocks, format="csr")

    def transform(self, X):
        """Weighted, L2-normalised sparse rows for the cases ``X``."""
        check_is_fitted(self, "text_idf_")
        return self._weight_counts(*self._counts(X))

    def partial_fit_transform(self, X):
        """Update the document frequencies with ``X`` and return its rows (one hashing pass)."""
        text, struct = self._counts(X)
        self._partial_fit_counts(text, struct)
        return self._weight_counts(text, struct)

    # ---- state ---------------------------------------------------------------------------------
    def to_state(self) -> dict:
        """JSON-serialisable learned state (document frequencies stored sparsely)."""
        state = {"params": self.get_params()}
        if hasattr(self, "text_idf_"):
            for name in ("text_idf_", "struct_idf_"):
                idf = getattr(self, name)
                nz = np.flatnonzero(idf.df_)
                state[name] = {
                    "n": int(idf.n_samples_seen_),
                    "idx": nz.tolist(),
                    "df": idf.df_[nz].astype(np.int64).tolist(),
                }
        return state

    @classmethod
    def from_state(cls, state: dict) -> CaseFeaturizer:
        """Rebuild a featurizer from :meth:`to_state` output."""
        self = cls(**state["params"])
        if "text_idf_" in state:
            sizes = {"text_idf_": 2**self.n_bits, "struct_idf_": 2**cls.STRUCTURED_BITS}
            for name, size in sizes.items():
                idf = (
                    IncrementalTfidf(min_df=self.min_df, max_df=self.max_df)
                    if name == "text_idf_"
                    else IncrementalTfidf(min_df=1, max_df=1.0)
                )
                df = np.zeros(size)
                df[np.asarray(state[name]["idx"], dtype=np.int64)] = state[name]["df"]
                idf.df_ = df
                idf.n_samples_seen_ = int(state[name]["n"])
                idf.n_features_in_ = size
                setattr(self, name, idf)
            self.n_features_out_ = sizes["text_idf_"] + sizes["struct_idf_"]
        return self

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.input_tags.dict = True
        tags.requires_fit = True
        return tags
