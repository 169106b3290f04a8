"""The one factory that builds the clustering pipeline."""

from __future__ import annotations

from sklearn.decomposition import TruncatedSVD
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import Normalizer

from .estimators import ActiveColumns, SpectralPatternClustering
from .features import CaseFeaturizer

__all__ = ["make_pattern_pipeline"]


def make_pattern_pipeline(clusterer=None, featurizer=None, n_components=50, random_state=None) -> Pipeline:
    """Build ``features → active columns → TruncatedSVD → Normalizer → clusterer``.

    :param clusterer: any estimator with ``fit`` and ``labels_`` (default
        :class:`SpectralPatternClustering`, which picks the number of patterns itself).
    :param featurizer: the first step; default :class:`CaseFeaturizer`, ``"passthrough"`` when the
        caller already has TF-IDF rows.
    :param n_components: dimensions kept by the SVD (LSA).
    :param random_state: passed to the SVD and to the default clusterer.
    """
    if clusterer is None:
        clusterer = SpectralPatternClustering(random_state=random_state)
    if featurizer is None:
        featurizer = CaseFeaturizer()
    return Pipeline(
        [
            ("features", featurizer),
            ("active", ActiveColumns(min_count=2)),
            ("svd", TruncatedSVD(n_components=n_components, random_state=random_state)),
            ("normalize", Normalizer(copy=False)),
            ("cluster", clusterer),
        ]
    )
