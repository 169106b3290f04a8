"""scikit-learn estimators of the clustering library.

Both follow scikit-learn's developer rules (``__init__`` stores parameters, learned attributes end in
``_``, ``fit`` returns ``self``) and pass ``parametrize_with_checks``.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.sparse as sp
from scipy.linalg import eigh
from scipy.sparse.linalg import LinearOperator, eigsh
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from sklearn.cluster import KMeans
from sklearn.neighbors import kneighbors_graph
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

__all__ = ["ActiveColumns", "IncrementalTfidf", "SpectralPatternClustering"]


class IncrementalTfidf(TransformerMixin, BaseEstimator):
    """TF-IDF weighting whose document frequencies can be updated batch by batch.

    Meant to sit behind a :class:`~sklearn.feature_extraction.text.HashingVectorizer`: the hashed
    space never changes, so new vocabulary gets a column (and an IDF) as soon as it is seen, and
    weights learned on earlier weeks stay comparable with later ones.

    :param sublinear_tf: replace a term count ``tf`` by ``1 + log(tf)``.
    :param min_df: columns seen in fewer documents than this are zeroed (absolute count).
    :param max_df: columns seen in more than this share of documents are zeroed (generic wording).
    :param norm: ``"l2"`` to normalise rows, ``None`` to leave them.
    """

    _parameter_constraints = {
        "sublinear_tf": ["boolean"],
        "min_df": [Interval(numbers.Integral, 1, None, closed="left")],
        "max_df": [Interval(numbers.Real, 0, 1, closed="right")],
        "norm": [StrOptions({"l2"}), None],
    }

    def __init__(self, sublinear_tf=True, min_df=1, max_df=1.0, norm="l2"):
        self.sublinear_tf = sublinear_tf
        self.min_df = min_df
        self.max_df = max_df
        self.norm = norm

    def fit(self, X, y=None):
        """Learn document frequencies from ``X`` alone (forgetting earlier batches)."""
        for attr in ("df_", "n_samples_seen_"):
            if hasattr(self, attr):
                delattr(self, attr)
        return self.partial_fit(X)

    def partial_fit(self, X, y=None):
        """Add the document frequencies of ``X`` to those already learned."""
        first = not hasattr(self, "df_")
        if first:
            self._validate_params()
        X = validate_data(self, X, accept_sparse="csr", reset=first, dtype=[np.float64, np.float32])
        X = sp.csr_matrix(X, copy=True)
        X.eliminate_zeros()
        df = np.bincount(X.indices, minlength=X.shape[1]).astype(np.float64)
        if first:
            self.df_ = df
            self.n_samples_seen_ = X.shape[0]
        else:
            self.df_ = self.df_ + df
            self.n_samples_seen_ += X.shape[0]
        return self

    @property
    def idf_(self):
        """Smoothed inverse document frequency, zero on columns cut by ``min_df`` / ``max_df``."""
        check_is_fitted(self, "df_")
        n = self.n_samples_seen_
        idf = np.log((1.0 + n) / (1.0 + self.df_)) + 1.0
        keep = (self.df_ >= self.min_df) & (self.df_ <= self.max_df * n)
        return np.where(keep, idf, 0.0)

    def transform(self, X):
        """Weight ``X`` by TF-IDF; the output is sparse when ``X`` is."""
        check_is_fitted(self, "df_")
        dense_in = not sp.issparse(X)
        X = validate_data(self, X, accept_sparse="csr", reset=False, dtype=np.float64)
        X = sp.csr_matrix(X, copy=True)
        if self.sublinear_tf:
            X.data = np.sign(X.data) * (1.0 + np.log(np.abs(X.data) + 1e-300))
            X.data[~np.isfinite(X.data)] = 0.0
        X = X @ sp.diags(self.idf_)
        X = sp.csr_matrix(X)
        if self.norm == "l2":
            norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            X = sp.csr_matrix(sp.diags(1.0 / norms) @ X)
        return X.toarray() if dense_in else X

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.requires_fit = True
        return tags


class SpectralPatternClustering(ClusterMixin, BaseEstimator):
    """Spectral clustering of a k-nearest-neighbour graph that chooses the number of clusters itself.

    The graph is the symmetrised kNN connectivity of the rows, regularised as in Amini et al. (2013)
    and Qin & Rohe (2013) by a weak all-to-all edge of weight ``tau`` (so that islands of duplicates
    do not get an eigenvalue of their own). The number of clusters ``k`` is the position of the
    largest gap between consecutive eigenvalues of the normalised Laplacian, searched in
    ``[min_clusters, max_clusters]`` (the smallest ``k`` whose gap reaches ``gap_tolerance`` times the
    largest, so that near-ties do not flip between runs); the rows of the first ``k`` eigenvectors,
    normalised, are then grouped with k-means (Ng, Jordan & Weiss 2001).

    :param n_neighbors: neighbours per point in the graph.
    :param min_clusters: smallest number of clusters considered.
    :param max_clusters: largest number of clusters considered.
    :param regularization: ``tau`` as a share of the mean degree.
    :param gap_tolerance: a gap within this share of the largest one counts as a tie (smaller k wins).
    :param n_init: k-means restarts on the spectral embedding.
    :param random_state: seed or :class:`numpy.random.RandomState` for the eigen-solver and k-means.

    Attributes: ``labels_``, ``n_clusters_``, ``eigenvalues_`` (Laplacian, ascending),
    ``cluster_centers_`` (mean of the input rows of each cluster), ``embedding_``.
    """

    _parameter_constraints = {
        "n_neighbors": [Interval(numbers.Integral, 1, None, closed="left")],
        "min_clusters": [Interval(numbers.Integral, 1, None, closed="left")],
        "max_clusters": [Interval(numbers.Integral, 1, None, closed="left")],
        "regularization": [Interval(numbers.Real, 0, None, closed="left")],
        "gap_tolerance": [Interval(numbers.Real, 0, 1, closed="right")],
        "n_init": [Interval(numbers.Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        n_neighbors=15,
        min_clusters=2,
        max_clusters=30,
        regularization=0.01,
        gap_tolerance=0.8,
        n_init=10,
        random_state=None,
    ):
        self.n_neighbors = n_neighbors
        self.min_clusters = min_clusters
        self.max_clusters = max_clusters
        self.regularization = regularization
        self.gap_tolerance = gap_tolerance
        self.n_init = n_init
        self.random_state = random_state

    def fit(self, X, y=None):
        """Cluster the rows of ``X``; sets ``labels_`` and returns ``self``."""
        self._validate_params()
        X = validate_data(self, X, accept_sparse="csr", dtype=[np.float64, np.float32])
        n = X.shape[0]
        if n < 2:
            raise ValueError(f"SpectralPatternClustering needs n_samples >= 2, got n_samples = {n}.")
        rng = check_random_state(self.random_state)
        kmax = max(1, min(self.max_clusters, n - 1))
        kmin = max(1, min(self.min_clusters, kmax))
        n_neighbors = min(self.n_neighbors, n - 1)
        graph = kneighbors_graph(X, n_neighbors, mode="connectivity", include_self=False)
        graph = graph.maximum(graph.T).tocsr().astype(np.float64)
        degree = np.asarray(graph.sum(axis=1)).ravel()
        tau = self.regularization * degree.mean() + 1e-9
        degree = degree + tau
        d_isqrt = 1.0 / np.sqrt(degree)
        n_eig = min(kmax + 1, n)
        if n <= 500 or n_eig >= n - 1:
            dense = graph.toarray() + tau / n
            affinity = d_isqrt[:, None] * dense * d_isqrt[None, :]
            mu, vecs = eigh(affinity)
            mu, vecs = mu[::-1][:n_eig], vecs[:, ::-1][:, :n_eig]
        else:

            def matvec(v):
                v = np.asarray(v).reshape(n, -1)
                w = d_isqrt[:, None] * v
                out = graph @ w + (tau / n) * w.sum(axis=0, keepdims=True)
                return (d_isqrt[:, None] * out).reshape(v.shape if v.ndim > 1 else (n,))

            op = LinearOperator((n, n), matvec=matvec, matmat=matvec, dtype=np.float64)
            v0 = rng.uniform(-1, 1, n)
            mu, vecs = eigsh(op, k=n_eig, which="LA", v0=v0, tol=1e-6, maxiter=5000)
            order = np.argsort(mu)[::-1]
            mu, vecs = mu[order], vecs[:, order]
        lam = 1.0 - mu
        if kmin >= kmax or len(lam) <= kmin:
            k = kmin
        else:
            gaps = np.diff(lam[kmin - 1 : kmax + 1]) if len(lam) > kmax else np.diff(lam[kmin - 1 :])
            if len(gaps) and gaps.max() > 0:
                # the smallest k whose gap is close to the largest: a near-tie never flips to a large k
                k = kmin + int(np.flatnonzero(gaps >= self.gap_tolerance * gaps.max())[0])
            else:
                k = kmin
        embedding = vecs[:, :k].copy()
        norms = np.linalg.norm(embedding, axis=1)
        norms[norms == 0] = 1.0
        embedding /= norms[:, None]
        if k == 1:
            labels = np.zeros(n, dtype=np.intp)
        else:
            km = KMeans(n_clusters=k, n_init=self.n_init, random_state=rng).fit(embedding)
            labels = km.labels_.astype(np.intp)
        # drop empty ids so labels are 0..k'-1
        _, labels = np.unique(labels, return_inverse=True)
        self.labels_ = labels
        self.n_clusters_ = int(labels.max()) + 1
        self.eigenvalues_ = lam
        self.embedding_ = embedding
        centers = np.zeros((self.n_clusters_, X.shape[1]))
        for c in range(self.n_clusters_):
            centers[c] = np.asarray(X[labels == c].mean(axis=0)).ravel()
        self.cluster_centers_ = centers
        return self

    def predict(self, X):
        """Assign rows of ``X`` to the nearest cluster centre (Euclidean)."""
        check_is_fitted(self, "cluster_centers_")
        X = validate_data(self, X, accept_sparse="csr", reset=False, dtype=[np.float64, np.float32])
        if sp.issparse(X):
            sq = np.asarray(X.multiply(X).sum(axis=1)).ravel()
            cross = np.asarray(X @ self.cluster_centers_.T)
        else:
            sq = (X**2).sum(axis=1)
            cross = X @ self.cluster_centers_.T
        dist = sq[:, None] - 2 * cross + (self.cluster_centers_**2).sum(axis=1)[None, :]
        return np.argmin(dist, axis=1).astype(np.intp)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


class ActiveColumns(TransformerMixin, BaseEstimator):
    """Keep only the columns that are non-zero in at least ``min_count`` training rows.

    A hashed TF-IDF matrix has a million columns of which a batch uses a fraction; dropping the empty
    ones changes no distance, and dropping those used by a single row (which link no two rows) makes
    the SVD an order of magnitude faster.

    :param min_count: rows in which a column must be non-zero to be kept.
    """

    _parameter_constraints = {"min_count": [Interval(numbers.Integral, 1, None, closed="left")]}

    def __init__(self, min_count=1):
        self.min_count = min_count

    def fit(self, X, y=None):
        """Record the columns of ``X`` that are non-zero in at least ``min_count`` rows."""
        self._validate_params()
        X = validate_data(self, X, accept_sparse="csc", dtype=np.float64)
        if sp.issparse(X):
            X = sp.csc_matrix(X)
            X.eliminate_zeros()
            counts = np.diff(X.indptr)
        else:
            counts = np.count_nonzero(X, axis=0)
        self.columns_ = np.flatnonzero(counts >= self.min_count)
        if len(self.columns_) == 0:
            self.columns_ = (
                np.flatnonzero(counts > 0)[:1] if np.any(counts > 0) else np.arange(min(1, X.shape[1]))
            )
        return self

    def transform(self, X):
        """Return ``X`` restricted to the recorded columns."""
        check_is_fitted(self, "columns_")
        X = validate_data(self, X, accept_sparse="csr", reset=False, dtype=np.float64)
        return X[:, self.columns_]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags
