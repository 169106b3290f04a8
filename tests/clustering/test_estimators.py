import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score
from sklearn.utils.estimator_checks import parametrize_with_checks

from clustering import (
    ActiveColumns,
    CaseFeaturizer,
    IncrementalTfidf,
    SpectralPatternClustering,
    make_pattern_pipeline,
)


@parametrize_with_checks([IncrementalTfidf(), SpectralPatternClustering(random_state=0), ActiveColumns()])
def test_sklearn_compatible(estimator, check):
    check(estimator)


@pytest.mark.parametrize("k", [2, 3, 5, 8])
def test_spectral_finds_number_of_blobs_itself(k):
    X, y = make_blobs(n_samples=60 * k, n_features=20, centers=k, center_box=(-10, 10), random_state=k)
    model = SpectralPatternClustering(n_neighbors=10, random_state=0).fit(X)
    assert model.n_clusters_ == k
    assert adjusted_rand_score(y, model.labels_) > 0.95
    assert model.cluster_centers_.shape == (k, 20)


def test_spectral_is_deterministic_for_a_seed_and_predicts_its_training_clusters():
    X, _ = make_blobs(n_samples=600, n_features=20, centers=4, random_state=1)
    a = SpectralPatternClustering(random_state=3).fit(X)
    b = SpectralPatternClustering(random_state=3).fit(X)
    np.testing.assert_array_equal(a.labels_, b.labels_)
    assert adjusted_rand_score(a.labels_, a.predict(X)) > 0.95


def test_spectral_rejects_single_sample():
    with pytest.raises(ValueError, match="n_samples"):
        SpectralPatternClustering().fit(np.zeros((1, 3)))


def test_spectral_survives_duplicate_islands():
    # 30 identical rows form their own kNN component; the regularised graph still gives 3 groups
    X, _ = make_blobs(n_samples=300, n_features=20, centers=2, random_state=0)
    X = np.vstack([X, np.full((30, 20), 50.0)])
    model = SpectralPatternClustering(n_neighbors=10, random_state=0).fit(X)
    assert len(set(model.labels_[-30:])) == 1
    assert model.n_clusters_ == 3


def test_incremental_tfidf_partial_fit_equals_fit_on_all():
    rng = np.random.RandomState(0)
    A = sp.random(40, 30, density=0.2, random_state=rng, format="csr") * 5
    B = sp.random(25, 30, density=0.2, random_state=rng, format="csr") * 5
    inc = IncrementalTfidf(min_df=2, max_df=0.5).partial_fit(A).partial_fit(B)
    full = IncrementalTfidf(min_df=2, max_df=0.5).fit(sp.vstack([A, B]))
    np.testing.assert_allclose(inc.idf_, full.idf_)
    np.testing.assert_allclose(inc.transform(B).toarray(), full.transform(B).toarray())


def test_incremental_tfidf_cuts_rare_and_generic_columns():
    X = sp.csr_matrix(np.array([[1, 1, 0], [1, 0, 1], [1, 0, 0], [1, 0, 1]], dtype=float))
    idf = IncrementalTfidf(min_df=2, max_df=0.9).fit(X).idf_
    assert idf[0] == 0  # in every row: generic
    assert idf[1] == 0  # in one row: rare
    assert idf[2] > 0
    rows = IncrementalTfidf().fit(X).transform(X).toarray()
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0)


def test_active_columns_min_count():
    X = sp.csr_matrix(np.array([[1, 0, 2, 0], [1, 0, 0, 0], [0, 0, 3, 1]], dtype=float))
    assert ActiveColumns().fit(X).columns_.tolist() == [0, 2, 3]
    assert ActiveColumns(min_count=2).fit(X).columns_.tolist() == [0, 2]


def test_pipeline_clusterer_is_swappable():
    texts = ["兼职刷单返利佣金任务"] * 20 + ["公安局洗钱安全账户调查"] * 20 + ["游戏账号装备交易平台"] * 20
    texts = [t + str(i) for i, t in enumerate(texts)]
    pipe = make_pattern_pipeline(
        clusterer=KMeans(3, n_init=3, random_state=0),
        featurizer=CaseFeaturizer(max_df=1.0),
        n_components=5,
        random_state=0,
    )
    pipe.fit(texts)
    labels = pipe.named_steps["cluster"].labels_
    assert adjusted_rand_score([0] * 20 + [1] * 20 + [2] * 20, labels) == 1.0
    default = make_pattern_pipeline(
        featurizer=CaseFeaturizer(max_df=1.0), n_components=5, random_state=0
    ).fit(texts)
    assert default.named_steps["cluster"].n_clusters_ == 3
