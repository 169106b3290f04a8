"""Weekly pattern tracking: stable ids, sizes, lifecycle (NEW / GROWING / STABLE / FADING).

:class:`PatternTracker.run_period` is the one entry point the weekly scheduler, the on-demand refresh
and the CLI replay all call. It keeps its whole state as plain JSON-serialisable data
(:meth:`PatternTracker.to_state`) so the hub can store it and resume exactly.
"""

from __future__ import annotations

import copy
import math
import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import linkage
from scipy.stats import betabinom, nbinom, poisson
from sklearn.base import clone
from sklearn.cluster import KMeans
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from .estimators import SpectralPatternClustering
from .features import CaseFeaturizer, case_text
from .labels import ctfidf_keywords
from .pipeline import make_pattern_pipeline
from .text import amount_band, detect_language

__all__ = ["PatternSummary", "PatternTracker", "PeriodResult", "TrackingConfig"]

STATE_VERSION = 1
STATUSES = ("NEW", "GROWING", "STABLE", "FADING")
# what a remembered case keeps: no id, no member, no submission time
_MEMORY_FIELDS = ("text", "fraud_type", "channel", "mcc", "amount", "currency", "region", "indicator_tokens")


@dataclass
class TrackingConfig:
    """Every threshold of clustering, matching and lifecycle (all documented in docs/clustering.md)."""

    # features and clustering
    n_bits: int = 20
    max_df: float = 0.5
    structured_weight: float = 0.35
    n_components: int = 50
    n_neighbors: int = 15
    max_clusters: int = 30
    max_fit_samples: int = 20_000
    min_agreement: float = 0.5
    # matching to known patterns
    max_reference: int = 5_000
    n_jobs: int | None = None
    novelty_similarity: float = 0.5
    novelty_ratio: float = 0.25
    split_neighbor_share: float = 0.2
    split_cohesion: float = 0.6
    novelty_quantile: float = 0.05
    variant_spread: bool = True
    spread_alpha: float = 0.01
    memory_per_pattern: int = 150
    min_pattern_size: int = 10
    signature_terms: int = 500
    centroid_memory: float = 0.5
    # lifecycle
    baseline_periods: int = 4
    growth_alpha: float = 0.01
    growth_fdr: float = 0.2
    growth_min_count: int = 10
    growth_min_ratio: float = 1.5
    growth_family_size: int = 100
    growth_max_families: int = 50
    growth_family_ratio: float = 1.5
    growth_family_min_memory: int = 10
    growth_family_share: float = 0.25
    overdispersion: float = 0.1
    learn_overdispersion: bool = True
    min_overdispersion: float = 0.05
    fading_ratio: float = 0.5
    fading_min_baseline: float = 5.0
    retire_after: int = 8
    # labels
    n_keywords: int = 8
    n_excerpts: int = 3
    excerpt_chars: int = 160
    keyword_sample: int = 300

    def __post_init__(self):
        if not 0 < self.max_df <= 1:
            raise ValueError("max_df must be in (0, 1].")
        if not 0 <= self.novelty_similarity <= 1 or not 0 <= self.novelty_ratio <= 1:
            raise ValueError("novelty_similarity and novelty_ratio must be in [0, 1].")
        if not 0 <= self.split_neighbor_share <= 1 or not 0 <= self.split_cohesion <= 1:
            raise ValueError("split_neighbor_share and split_cohesion must be in [0, 1].")
        if not 0 <= self.novelty_quantile < 1:
            raise ValueError("novelty_quantile must be in [0, 1).")
        if not 0 <= self.spread_alpha < 1:
            raise ValueError("spread_alpha must be in [0, 1) (0: the majority rule alone).")
        if not 0 <= self.growth_family_share <= 1 or self.growth_family_size < 0:
            raise ValueError("growth_family_share must be in [0, 1] and growth_family_size >= 0.")
        if not 0 <= self.growth_fdr < 1:
            raise ValueError("growth_fdr must be in [0, 1) (0 turns the FDR control off).")
        if self.overdispersion < 0 or self.min_overdispersion < 0:
            raise ValueError("overdispersion and min_overdispersion must be >= 0.")
        if not 0 <= self.centroid_memory < 1:
            raise ValueError("centroid_memory must be in [0, 1).")
        if self.min_pattern_size < 1 or self.baseline_periods < 1 or self.n_components < 1:
            raise ValueError("min_pattern_size, baseline_periods and n_components must be positive.")

    def to_dict(self) -> dict:
        """Plain dict of the settings."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping) -> TrackingConfig:
        """Build from a dict, ignoring unknown keys."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class PatternSummary:
    """One pattern as seen in one period (aggregates only: no case ids, no member names)."""

    pattern_id: str
    status: str
    label: str
    keywords: list
    language: str
    first_period: str
    size: int
    sizes: dict
    members: int
    amount_total: float
    amount_band: str
    fraud_type: str | None
    channel: str | None
    mcc: str | None
    excerpts: list
    baseline: float | None
    growth_ratio: float | None
    p_value: float | None
    similarity_to_known: float | None = None

    def to_dict(self) -> dict:
        """Plain, JSON-serialisable dict."""
        return asdict(self)


@dataclass
class PeriodResult:
    """What :meth:`PatternTracker.run_period` returns."""

    period: str
    assignments: dict
    patterns: list = field(default_factory=list)

    @property
    def unassigned_share(self) -> float:
        """Share of this period's cases that joined no pattern."""
        if not self.assignments:
            return 0.0
        return sum(v is None for v in self.assignments.values()) / len(self.assignments)

    def to_dict(self) -> dict:
        """Plain, JSON-serialisable dict."""
        return {
            "period": self.period,
            "assignments": {str(k): v for k, v in self.assignments.items()},
            "patterns": [p.to_dict() for p in self.patterns],
        }


def _signature(vec: np.ndarray, n_terms: int) -> tuple[np.ndarray, np.ndarray]:
    """Top ``n_terms`` weights of a dense centroid, re-normalised: ``(indices, values)``."""
    vec = np.asarray(vec, dtype=np.float64).ravel()
    nz = np.flatnonzero(vec > 0)
    if len(nz) > n_terms:
        nz = nz[np.argpartition(vec[nz], -n_terms)[-n_terms:]]
    nz = np.sort(nz)
    vals = vec[nz]
    norm = np.linalg.norm(vals)
    return nz, (vals / norm if norm > 0 else vals)


def _mode(values) -> str | None:
    values = [str(v) for v in values if v is not None and str(v).strip()]
    if not values:
        return None
    counts = Counter(values)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _amount(case) -> float | None:
    value = case.get("amount") if isinstance(case, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def iso_week(value) -> str | None:
    """ISO week ``"2026-W47"`` of a datetime, date or ISO-8601 string; ``None`` if it cannot be read."""
    if isinstance(value, str):
        text = value.strip().replace("Z", "+00:00")
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            return None
    if isinstance(value, (datetime, date)):
        year, week, _ = value.isocalendar()
        return f"{year}-W{week:02d}"
    return None


class PatternTracker:
    """Cluster each period's cases into attack patterns with ids that stay stable across periods.

    Per period: (1) update the document frequencies and featurize; (2) cluster the period's cases
    (:func:`~clustering.pipeline.make_pattern_pipeline`, the number of clusters chosen by the
    eigengap) together with a memory of recent cases of every known pattern; (3) a cluster holding
    its fair share of remembered cases is a known pattern: each new case takes the pattern of its
    nearest remembered cases in that cluster; a cluster (almost) without remembered cases is either a
    variant of a known pattern (centroid cosine to the pattern's signature, in the stable hashed
    TF-IDF space, at least ``novelty_similarity``, and its cases within the spread of the pattern's
    remembered cases) or, at least ``min_pattern_size`` strong, a NEW pattern; inside a known
    cluster, a cohesive group of new cases without remembered neighbours that is far from every
    signature is split off as NEW (the novelty split); (4) update signatures,
    sizes, lifecycle (the growth test also runs on *families*: a fine k-means partition of the
    period's cases and the memory across pattern boundaries), labels and the memory.

    :param config: thresholds, see :class:`TrackingConfig`.
    :param random_state: integer seed; each period derives its own seed from it and the period index.
    :param clusterer: optional estimator with ``fit`` and ``labels_`` used in place of
        :class:`~clustering.estimators.SpectralPatternClustering` (not stored in the state).
    """

    def __init__(self, config: TrackingConfig | None = None, random_state: int = 0, clusterer=None):
        self.config = config or TrackingConfig()
        self.random_state = int(random_state)
        self.clusterer = clusterer
        self.featurizer = CaseFeaturizer(
            n_bits=self.config.n_bits,
            max_df=self.config.max_df,
            structured_weight=self.config.structured_weight,
            n_jobs=self.config.n_jobs,
        )
        self.periods: list[str] = []
        self.patterns: dict[str, dict] = {}
        self.next_id = 1
        self.memory: list[dict] = []
        self._before: dict | None = None
        self._overdispersion = self.config.overdispersion

    # ---------------------------------------------------------------- state
    def to_state(self) -> dict:
        """JSON-serialisable full state (``json.dumps`` works); see :meth:`from_state`."""
        return self._state(include_before=True)

    def _state(self, include_before: bool) -> dict:
        state = {
            "version": STATE_VERSION,
            "config": self.config.to_dict(),
            "random_state": self.random_state,
            "featurizer": self.featurizer.to_state(),
            "periods": list(self.periods),
            "patterns": copy.deepcopy(self.patterns),
            "next_id": self.next_id,
            "memory": copy.deepcopy(self.memory),
        }
        if include_before:
            state["before_last_period"] = copy.deepcopy(self._before)
        return state

    @classmethod
    def from_state(cls, state: dict, clusterer=None) -> PatternTracker:
        """Resume a tracker saved with :meth:`to_state`."""
        if not isinstance(state, Mapping) or state.get("version") != STATE_VERSION:
            raise ValueError("unsupported tracker state (missing or unknown version).")
        self = cls(
            TrackingConfig.from_dict(state["config"]), random_state=state["random_state"], clusterer=clusterer
        )
        self.featurizer = CaseFeaturizer.from_state(state["featurizer"])
        self.periods = list(state["periods"])
        self.patterns = copy.deepcopy(state["patterns"])
        self.next_id = int(state["next_id"])
        self.memory = copy.deepcopy(state.get("memory", []))
        self._before = copy.deepcopy(state.get("before_last_period"))
        return self

    def _restore(self, state: dict) -> None:
        other = PatternTracker.from_state(state, clusterer=self.clusterer)
        self.featurizer, self.periods, self.patterns = other.featurizer, other.periods, other.patterns
        self.next_id, self.memory, self._before = other.next_id, other.memory, None

    # ---------------------------------------------------------------- main entry
    def run_period(self, cases: list, period: str) -> PeriodResult:
        """Cluster ``period``'s cases, match them to known patterns and update the lifecycle.

        Calling it again for the most recent period (an on-demand refresh) first rolls the tracker
        back to the state before that period, so a refresh never counts cases twice.

        :param cases: dicts with at least ``id`` and ``text`` (see the package docstring).
        :param period: ISO week such as ``"2026-W47"`` (any string that sorts after the last one).
        :return: :class:`PeriodResult`.
        """
        if not isinstance(period, str) or not period:
            raise ValueError("period must be a non-empty string such as '2026-W47'.")
        cases = self._validate(cases)
        if self.periods and period == self.periods[-1]:
            if self._before is None:
                raise ValueError("cannot re-run the last period: no snapshot before it is stored.")
            self._restore(self._before)
        elif self.periods and period < self.periods[-1]:
            raise ValueError("periods must be run in increasing order.")
        self._before = self._state(include_before=False)
        period_index = len(self.periods)
        self.periods.append(period)
        self._overdispersion = self._learned_overdispersion()
        seed = (self.random_state * 1_000_003 + period_index) % (2**31 - 1)
        cfg = self.config
        n = len(cases)
        assign = np.full(n, -1, dtype=np.int64)  # index into pid list
        pids: list[str] = []
        new_ids: set[str] = set()
        novelty_sim: dict[str, float] = {}
        family_tests: list[tuple[float, float, tuple]] = []
        X = self.featurizer.partial_fit_transform(cases) if n else None
        known = [pid for pid, p in self.patterns.items() if not p.get("retired")]
        memory = [m for m in self.memory if m["pattern"] in set(known)]
        pid_index: dict[str, int] = {}

        def slot(pid: str) -> int:
            if pid not in pid_index:
                pid_index[pid] = len(pids)
                pids.append(pid)
            return pid_index[pid]

        n_mem = len(memory)
        # small periods: one BLAS / OpenMP thread (more threads on a busy 2-core machine: 3-10x slower)
        blas = threadpool_limits(limits=1 if n + n_mem < 5_000 else None)
        if n and n + n_mem >= max(cfg.min_pattern_size, 3):
            X_all = (
                sp.vstack([X, self.featurizer.transform([m["case"] for m in memory])]).tocsr() if n_mem else X
            )
            labels, Z = self._cluster(X_all, seed, keep=np.arange(n, n + n_mem))
            mem_pid = np.array([m["pattern"] for m in memory], dtype=object)
            mem_share = n_mem / (n + n_mem)
            sig = self._signature_matrix(known) if known else None
            for c in [c for c in np.unique(labels) if c >= 0]:
                rows = np.flatnonzero(labels == c)
                cur, mem = rows[rows < n], rows[rows >= n] - n
                if len(cur) == 0:
                    continue
                if n_mem and len(mem) >= 3 and len(mem) / len(rows) >= cfg.novelty_ratio * mem_share:
                    # novelty inside a known cluster: new cases without remembered neighbours that hang
                    # together may be a new scheme hidden next to a similar known pattern
                    fresh = self._novel_subset(cur, mem + n, Z)
                    if len(fresh):
                        centroid = normalize(np.asarray(X[fresh].mean(axis=0)))
                        csim = np.asarray((sp.csr_matrix(centroid) @ sig.T).todense()).ravel()
                        close = float(csim.max()) >= cfg.novelty_similarity
                        if close and cfg.variant_spread:  # a variant must also sit within the spread
                            near_pid = known[int(csim.argmax())]
                            close = self._within_spread(fresh, np.flatnonzero(mem_pid == near_pid) + n, Z)
                        if not close:
                            pid = self._new_pattern(period)
                            new_ids.add(pid)
                            novelty_sim[pid] = float(csim.max())
                            assign[fresh] = slot(pid)
                            cur = np.setdiff1d(cur, fresh)
                            if len(cur) == 0:
                                continue
                    # a cluster of known cases: each new case takes the pattern of its nearest remembered
                    # cases of the same cluster (so a cluster that merged two patterns is split again)
                    owners = mem_pid[mem]
                    if len(set(owners)) == 1:
                        assign[cur] = slot(owners[0])
                    else:
                        k = min(cfg.n_neighbors, len(mem))
                        sims = Z[cur] @ Z[mem + n].T
                        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
                        for i, nb in zip(cur, top, strict=True):
                            assign[i] = slot(Counter(owners[nb]).most_common(1)[0][0])
                    continue
                centroid = normalize(np.asarray(X[cur].mean(axis=0)))
                best_sim, best_pid = 0.0, None
                if known:
                    csim = np.asarray((sp.csr_matrix(centroid) @ sig.T).todense()).ravel()
                    best_sim, best_pid = float(csim.max()), known[int(csim.argmax())]
                variant = best_pid is not None and best_sim >= cfg.novelty_similarity
                if variant and cfg.variant_spread:
                    variant = self._within_spread(cur, np.flatnonzero(mem_pid == best_pid) + n, Z)
                if variant:
                    assign[cur] = slot(best_pid)  # a variant of a known pattern
                elif len(cur) >= cfg.min_pattern_size:
                    pid = self._new_pattern(period)
                    new_ids.add(pid)
                    novelty_sim[pid] = best_sim
                    assign[cur] = slot(pid)

            family_tests = self._growth_families(assign, pids, new_ids, mem_pid, n, Z, seed)
        blas.restore_original_limits()
        # update pattern records
        by_slot: dict[int, np.ndarray] = {s: np.flatnonzero(assign == s) for s in range(len(pids))}
        for s, rows in by_slot.items():
            pid = pids[s]
            self._absorb(pid, X[rows], [cases[i] for i in rows], period, pid in new_ids)
        active = [pid for pid, p in self.patterns.items() if not p.get("retired")]
        for pid in active:
            self.patterns[pid]["sizes"].setdefault(period, 0)
        # the period's growth tests (every pattern with a baseline, every family) are judged together
        pattern_tests = {pid: self._pattern_test(pid) for pid in active if pid not in new_ids}
        tests = [t for t in pattern_tests.values() if t is not None] + family_tests
        cut = self._growth_cut(tests)
        family_growth: dict[str, tuple[float, float]] = {}
        for p_value, ratio, carriers in family_tests:
            if self._significant(p_value, cut):
                for pid in carriers:
                    if pid not in family_growth or p_value < family_growth[pid][1]:
                        family_growth[pid] = (ratio, p_value)
        for pid in active:
            self._lifecycle(pid, period, pid in new_ids, pattern_tests.get(pid), family_growth.get(pid), cut)
        self._relabel(pids, {pids[s]: rows for s, rows in by_slot.items()}, cases, X)
        self._remember(pids, by_slot, cases, period, seed)

        assignments = {}
        for i, case in enumerate(cases):
            assignments[case["id"]] = pids[assign[i]] if assign[i] >= 0 else None
        summaries = [
            self._summary(pid, period, novelty_sim.get(pid))
            for pid in sorted(self.patterns)
            if not self.patterns[pid].get("retired") and self._visible(pid, period)
        ]
        return PeriodResult(period=period, assignments=assignments, patterns=summaries)

    # ---------------------------------------------------------------- steps
    @staticmethod
    def _validate(cases) -> list:
        if not isinstance(cases, (list, tuple)):
            raise TypeError("cases must be a list of dicts.")
        seen = set()
        for i, case in enumerate(cases):
            if not isinstance(case, Mapping):
                raise TypeError(f"case #{i} is not a dict.")
            cid = case.get("id")
            if cid is None or isinstance(cid, bool) or not isinstance(cid, (str, int)):
                raise ValueError(f"case #{i} has no usable id (str or int required).")
            if not isinstance(case.get("text", ""), str):
                raise ValueError(f"case #{i}: text must be a string.")
            if cid in seen:
                raise ValueError(f"case #{i}: duplicate id.")
            seen.add(cid)
        return list(cases)

    def _novel_subset(self, cur: np.ndarray, mem: np.ndarray, Z: np.ndarray) -> np.ndarray:
        """Current rows of a known cluster that look like a new scheme (rule in docs/clustering.md).

        Let *near(i)* be the mean similarity (LSA space) of a case to its ``n_neighbors`` nearest
        remembered cases of the cluster. A current case is a *candidate* when (relative novelty)
        the share of remembered cases among its nearest neighbours in the cluster is below
        ``split_neighbor_share`` times the cluster's share of remembered cases, or (distance
        novelty) its *near* is below a floor learned from the remembered cases themselves: the
        ``novelty_quantile`` quantile of *near* of each remembered case among the others. The
        candidates are reduced to their core, repeatedly until stable: the candidates at least
        ``min_agreement`` of whose nearest neighbours are candidates. The core is returned when it
        holds at least ``min_pattern_size`` cases and is cohesive (on average at least
        ``split_cohesion`` of their neighbours are in the core), else an empty array.
        """
        cfg = self.config
        empty = np.empty(0, dtype=np.int64)
        rows = np.concatenate([cur, mem])
        if cfg.split_neighbor_share <= 0 or len(cur) < cfg.min_pattern_size or len(mem) < 2:
            return empty
        n_cur = len(cur)
        k = min(cfg.n_neighbors, len(rows) - 1)
        k_mem = min(cfg.n_neighbors, len(mem) - 1)
        Zc = Z[rows]
        is_mem = np.zeros(len(rows), dtype=bool)
        is_mem[n_cur:] = True
        nbrs = np.empty((n_cur, k), dtype=np.int64)
        near = np.zeros(len(rows))
        # 1,000 rows at a time (bounded memory at 100k cases); *near* only for the distance floor
        stop_at = len(rows) if cfg.novelty_quantile > 0 else n_cur
        for start in range(0, stop_at, 1_000):
            stop = min(start + 1_000, stop_at)
            sims = Zc[start:stop] @ Zc.T
            sims[np.arange(stop - start), np.arange(start, stop)] = -np.inf
            if start < n_cur:
                top = min(stop, n_cur) - start
                nbrs[start : start + top] = np.argpartition(-sims[:top], k - 1, axis=1)[:, :k]
            if cfg.novelty_quantile > 0:
                near[start:stop] = -np.partition(-sims[:, n_cur:], k_mem - 1, axis=1)[:, :k_mem].mean(axis=1)
        mem_share = len(mem) / len(rows)
        flag = np.zeros(len(rows), dtype=bool)
        flag[:n_cur] = is_mem[nbrs].mean(axis=1) < cfg.split_neighbor_share * mem_share
        if cfg.novelty_quantile > 0:
            flag[:n_cur] |= near[:n_cur] < np.quantile(near[n_cur:], cfg.novelty_quantile)
        while True:  # the core: candidates whose neighbourhood is mostly candidates
            core = flag[:n_cur] & (flag[nbrs].mean(axis=1) >= cfg.min_agreement)
            if (core == flag[:n_cur]).all():
                break
            flag[:n_cur] = core
        if core.sum() < cfg.min_pattern_size or flag[nbrs[core]].mean() < cfg.split_cohesion:
            return empty
        return cur[core]

    def _within_spread(self, cur: np.ndarray, mem: np.ndarray, Z: np.ndarray) -> bool:
        """Whether a fresh cluster (or a core split off a known cluster) sits within a pattern's spread.

        *near(i)* is the mean similarity (LSA space) of a case to its ``n_neighbors`` nearest
        remembered cases of the pattern; the pattern's floor is the ``novelty_quantile`` quantile of
        *near* of each of its m remembered cases among the others (leave-one-out), the distance floor
        of the novelty split. The cases are outside the spread when at least ``min_agreement`` of them
        fall below the floor, or when more of them fall below it than chance allows: cases drawn from
        the pattern's own spread fall below an empirical quantile of rank a = q (m - 1) + 1 with a
        Beta(a, m + 1 - a) chance, so their count is beta-binomial, and a count whose upper tail is
        below ``spread_alpha`` is outside (``spread_alpha = 0``: the majority rule alone). With fewer
        than 3 remembered cases, or ``novelty_quantile = 0``, there is no floor: within.
        """
        cfg = self.config
        if len(mem) < 3 or cfg.novelty_quantile <= 0:
            return True
        Zm = Z[mem]
        k = min(cfg.n_neighbors, len(mem) - 1)
        own = Zm @ Zm.T
        np.fill_diagonal(own, -np.inf)
        floor = np.quantile(-np.partition(-own, k - 1, axis=1)[:, :k].mean(axis=1), cfg.novelty_quantile)
        below = 0
        for start in range(0, len(cur), 1_000):
            sims = Z[cur[start : start + 1_000]] @ Zm.T
            below += int((-np.partition(-sims, k - 1, axis=1)[:, :k].mean(axis=1) < floor).sum())
        if below >= cfg.min_agreement * len(cur):
            return False
        if cfg.spread_alpha <= 0:
            return True
        # the count below the floor of cases drawn from the pattern's spread is beta-binomial
        a = cfg.novelty_quantile * (len(mem) - 1) + 1
        return float(betabinom.sf(below - 1, len(cur), a, len(mem) + 1 - a)) >= cfg.spread_alpha

    def _baseline(self, pid: str) -> tuple[float | None, list[int]]:
        """Mean size of ``pid`` over its last ``baseline_periods`` earlier periods, and those sizes."""
        p = self.patterns[pid]
        prior = [q for q in self.periods[:-1] if q >= p["first_period"]][-self.config.baseline_periods :]
        sizes = [int(p["sizes"].get(q, 0)) for q in prior]
        return (sum(sizes) / len(sizes) if sizes else None), sizes

    def _predictive_variance(self, pid: str) -> float:
        """Variance of the pattern's next size: the larger of its own week-to-week variance and the
        model's ``mu + phi * mu**2`` (phi: :meth:`_learned_overdispersion`), times ``1 + 1/k`` for a
        baseline of ``k`` periods."""
        baseline, history = self._baseline(pid)
        if baseline is None:
            return 0.0
        mu = max(baseline, 1.0)
        spread = statistics.variance(history) if len(history) >= 2 else 0.0
        return max(spread, mu + self._overdispersion * mu * mu) * (1 + 1 / len(history))

    def _learned_overdispersion(self) -> float:
        """The overdispersion of the model variance ``mu + phi * mu**2``.

        With ``learn_overdispersion``, phi is learned from the known patterns' own week-to-week
        sizes: the median, over the active patterns with at least 3 baseline periods, of the
        method-of-moments estimate ``max(0, (s**2 - m) / m**2)`` (``m``, ``s**2``: mean and sample
        variance of the baseline sizes), and at least ``min_overdispersion``. Until 3 patterns have
        such a history (and when not learning), it is the configured ``overdispersion``.
        """
        phi = self.config.overdispersion
        if self.config.learn_overdispersion:
            estimates = []
            for pid, p in self.patterns.items():
                if p.get("retired"):
                    continue
                m, sizes = self._baseline(pid)
                if len(sizes) >= 3 and m and m > 0:
                    estimates.append(max(0.0, (statistics.variance(sizes) - m) / (m * m)))
            if len(estimates) >= 3:
                phi = max(float(statistics.median(estimates)), self.config.min_overdispersion)
        return phi

    def _upper_tail(self, count: int, mu: float, variance: float) -> float:
        """P(X >= count) for a negative binomial with mean ``mu`` and the larger of ``variance`` and
        the model variance ``mu + phi * mu**2`` (Poisson when both equal ``mu``)."""
        variance = max(variance, mu + self._overdispersion * mu * mu)
        if count <= 0:
            return 1.0
        if variance <= mu * (1 + 1e-9):
            return float(poisson.sf(count - 1, mu))
        r = mu * mu / (variance - mu)
        return float(nbinom.sf(count - 1, r, r / (r + mu)))

    def _growth_families(self, assign, pids, new_ids, mem_pid, n: int, Z: np.ndarray, seed: int) -> list:
        """The growth tests of the *families* of cases: ``[(p-value, growth ratio, carriers)]``.

        Families are a fine k-means partition (LSA space) of this period's cases and the memory,
        across pattern boundaries, about ``growth_family_size`` rows each, so that a scheme spread
        over several patterns (or hidden inside one) is one family. Each remembered case of pattern
        ``p`` stands for ``baseline(p) / memory(p)`` cases a period, so a family's expected count is
        the sum of its remembered cases' weights, with the sampling variance of that sum. A family
        grows when its count of current cases of known patterns is at least
        ``max(growth_min_count, growth_family_ratio * expected)`` and the negative-binomial upper
        tail (variance: the model's plus the estimate's) is significant (:meth:`_significant`). A
        known pattern carries that growth when it holds at least ``growth_min_count`` of the family's
        current cases and at least ``growth_family_share`` of its excess over the expected count.
        Every family with at least ``growth_family_min_memory`` remembered cases is a test and is
        returned (its p-value counts in the period's FDR control); ``carriers`` is empty when the
        family's count is below the bar.
        """
        cfg = self.config
        out: list[tuple[float, float, tuple]] = []
        n_mem = len(mem_pid)
        if cfg.growth_family_size <= 0 or n_mem == 0 or n == 0:
            return out
        mem_pids = sorted(set(mem_pid.tolist()))
        j_of = {pid: j for j, pid in enumerate(mem_pids)}
        mem_j = np.array([j_of[pid] for pid in mem_pid.tolist()], dtype=np.int64)
        base = np.array([self._baseline(pid)[0] or 0.0 for pid in mem_pids])
        # week-to-week variance beyond Poisson of each remembered pattern's size
        extra = np.array(
            [max(self._predictive_variance(pid) - b, 0.0) for pid, b in zip(mem_pids, base, strict=True)]
        )
        w_mem = (base / np.bincount(mem_j, minlength=len(mem_pids)))[mem_j]
        if not w_mem.any():
            return out
        total = n + n_mem
        k = int(min(cfg.growth_max_families, max(2, round(total / cfg.growth_family_size))))
        if total <= k:
            return out
        rng = np.random.RandomState(seed)
        fit = np.arange(total)
        if total > cfg.max_fit_samples:
            fit = np.sort(rng.choice(total, cfg.max_fit_samples, replace=False))
        km = KMeans(n_clusters=k, n_init=3, random_state=seed).fit(Z[fit])
        fam = km.predict(Z[:total])
        fam_cur, fam_mem = fam[:n], fam[n:total]
        known_slot = np.array([pid not in new_ids for pid in pids] + [False])
        cur_known = known_slot[np.where(assign >= 0, assign, len(pids))]
        est_var = np.bincount(fam_mem, weights=w_mem**2, minlength=k)
        support = np.bincount(fam_mem, minlength=k)
        observed = np.zeros((len(pids), k))  # current cases of each known pattern per family
        np.add.at(observed, (assign[cur_known], fam_cur[cur_known]), 1.0)
        expected = np.zeros((len(mem_pids), k))  # expected cases of each remembered pattern per family
        np.add.at(expected, (mem_j, fam_mem), w_mem)
        slot_j = np.array([j_of.get(pid, -1) for pid in pids], dtype=np.int64)
        # families nest: the Ward tree of the k-means centres; every node but the root is tested
        nodes = [[g] for g in range(k)]
        for a, b, *_ in linkage(km.cluster_centers_, method="ward")[:-1]:
            nodes.append(nodes[int(a)] + nodes[int(b)])
        for node in nodes:
            if support[node].sum() < cfg.growth_family_min_memory:
                continue
            e_j = expected[:, node].sum(axis=1)
            mu = max(float(e_j.sum()), 1.0)
            o_p = observed[:, node].sum(axis=1)
            total_o = float(o_p.sum())
            # each pattern's share of the family varies with the pattern; plus the estimate's variance
            share = np.divide(e_j, base, out=np.zeros_like(e_j), where=base > 0)
            variance = float((e_j + share**2 * extra).sum()) + float(est_var[node].sum())
            p_value = self._upper_tail(int(total_o), mu, variance)
            carriers: tuple = ()
            if total_o >= max(cfg.growth_min_count, cfg.growth_family_ratio * mu):
                excess = total_o - float(e_j.sum())
                e_p = np.where(slot_j >= 0, e_j[slot_j], 0.0)
                carries = (o_p >= cfg.growth_min_count) & (o_p - e_p >= cfg.growth_family_share * excess)
                carriers = tuple(pids[slot] for slot in np.flatnonzero(carries))
            out.append((p_value, total_o / mu, carriers))
        return out

    def _signature_matrix(self, pids: list[str]) -> sp.csr_matrix:
        rows, cols, vals = [], [], []
        for r, pid in enumerate(pids):
            p = self.patterns[pid]
            rows.extend([r] * len(p["sig_idx"]))
            cols.extend(p["sig_idx"])
            vals.extend(p["sig_val"])
        return sp.csr_matrix((vals, (rows, cols)), shape=(len(pids), self.featurizer.n_features_out_))

    def _cluster(self, X: sp.csr_matrix, seed: int, keep=None) -> tuple[np.ndarray, np.ndarray]:
        """Labels for the rows of ``X`` (-1 = unassigned).

        The pipeline is fitted on at most ``max_fit_samples`` rows; a fitted row whose
        ``n_neighbors`` nearest neighbours (LSA space) mostly carry another label is unassigned.
        Rows beyond the sample take the majority label of their nearest neighbours among at most
        ``max_reference`` fitted rows, and stay unassigned below ``min_agreement``.
        """
        cfg = self.config
        n = X.shape[0]
        rng = np.random.RandomState(seed)
        fit_rows = (
            np.sort(rng.choice(n, cfg.max_fit_samples, replace=False)) if n > cfg.max_fit_samples else None
        )
        Xf = X[fit_rows] if fit_rows is not None else X
        n_active = int((np.diff(sp.csc_matrix(Xf).indptr) > 1).sum())
        n_comp = max(1, min(cfg.n_components, Xf.shape[0] - 1, n_active - 1))
        if n_comp < 2 or Xf.shape[0] < 4:
            return np.zeros(n, dtype=np.int64), np.ones((n, 1), dtype=np.float32)
        if self.clusterer is None:
            clusterer = SpectralPatternClustering(
                n_neighbors=cfg.n_neighbors,
                min_clusters=2,
                max_clusters=cfg.max_clusters,
                regularization=0.01,
                random_state=seed,
            )
        else:
            clusterer = clone(self.clusterer)
            if "random_state" in clusterer.get_params():
                clusterer.set_params(random_state=seed)
        pipe = make_pattern_pipeline(
            clusterer=clusterer, featurizer="passthrough", n_components=n_comp, random_state=seed
        )
        pipe.fit(Xf)
        labels = np.asarray(pipe[-1].labels_, dtype=np.int64).copy()
        Z = pipe[:-1].transform(Xf)
        k = min(cfg.n_neighbors, Xf.shape[0] - 1)
        if cfg.min_agreement > 0 and k >= 2:
            nbrs = NearestNeighbors(n_neighbors=k + 1).fit(Z).kneighbors(Z, return_distance=False)[:, 1:]
            agree = (labels[nbrs] == labels[:, None]).mean(axis=1)
            labels[agree < cfg.min_agreement] = -1
        if fit_rows is None:
            return labels, Z.astype(np.float32)
        full = np.full(n, -1, dtype=np.int64)
        full[fit_rows] = labels
        Z_all = np.zeros((n, Z.shape[1]), dtype=np.float32)
        Z_all[fit_rows] = Z
        ref = np.flatnonzero(labels >= 0)
        if len(ref) == 0:
            return full, Z_all
        if len(ref) > cfg.max_reference:
            ref = np.sort(rng.choice(ref, cfg.max_reference, replace=False))
        Zref, ref_labels = np.ascontiguousarray(Z[ref].T), labels[ref]
        n_labels = int(labels.max()) + 1
        k = min(cfg.n_neighbors, len(ref))
        rest = np.setdiff1d(np.arange(n), fit_rows)
        for start in range(0, len(rest), 2_000):  # 2,000 x 5,000 similarities at a time: ~80 MB
            chunk = rest[start : start + 2_000]
            Zc = pipe[:-1].transform(X[chunk])
            Z_all[chunk] = Zc
            sims = Zc @ Zref
            top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            votes = np.zeros((len(chunk), n_labels))
            np.add.at(votes, (np.repeat(np.arange(len(chunk)), k), ref_labels[top].ravel()), 1.0)
            best = votes.argmax(axis=1)
            ok = votes[np.arange(len(chunk)), best] / k >= cfg.min_agreement
            full[chunk[ok]] = best[ok]
        return full, Z_all

    def _remember(self, pids: list, by_slot: dict, cases: list, period: str, seed: int) -> None:
        """Keep up to ``memory_per_pattern`` recent cases per pattern (anonymized text and fields only)."""
        cfg = self.config
        rng = np.random.RandomState(seed)
        fresh: dict[str, list] = {}
        for s, rows in by_slot.items():
            take = (
                rows
                if len(rows) <= cfg.memory_per_pattern
                else rng.choice(rows, cfg.memory_per_pattern, replace=False)
            )
            fresh[pids[s]] = [
                {
                    "pattern": pids[s],
                    "period": period,
                    "case": {k: cases[i][k] for k in _MEMORY_FIELDS if k in cases[i]},
                }
                for i in sorted(take)
            ]
        kept: dict[str, list] = {}
        for m in self.memory:
            p = self.patterns.get(m["pattern"])
            if p is not None and not p.get("retired"):
                kept.setdefault(m["pattern"], []).append(m)
        memory = []
        for pid in sorted(set(kept) | set(fresh)):
            rows = fresh.get(pid, []) + kept.get(pid, [])
            memory.extend(rows[: cfg.memory_per_pattern])
        self.memory = memory

    def _new_pattern(self, period: str) -> str:
        pid = f"P{self.next_id:04d}"
        self.next_id += 1
        self.patterns[pid] = {
            "first_period": period,
            "sizes": {},
            "members": {},
            "amounts": {},
            "sig_idx": [],
            "sig_val": [],
            "status": "NEW",
            "label": "",
            "keywords": [],
            "language": "zh",
            "fraud_type": None,
            "channel": None,
            "mcc": None,
            "amount_band": "unknown",
            "excerpts": [],
            "baseline": None,
            "growth_ratio": None,
            "p_value": None,
            "last_seen": period,
        }
        return pid

    def _absorb(self, pid: str, rows: sp.csr_matrix, cases: list, period: str, is_new: bool) -> None:
        cfg = self.config
        p = self.patterns[pid]
        mean = np.asarray(rows.mean(axis=0)).ravel()
        mean /= np.linalg.norm(mean) or 1.0
        if p["sig_idx"] and not is_new:
            old = np.zeros_like(mean)
            old[np.asarray(p["sig_idx"], dtype=np.int64)] = p["sig_val"]
            mean = cfg.centroid_memory * old + (1 - cfg.centroid_memory) * mean
        idx, val = _signature(mean, cfg.signature_terms)
        p["sig_idx"], p["sig_val"] = idx.tolist(), val.tolist()
        p["sizes"][period] = len(cases)
        p["members"][period] = len({str(c["member"]) for c in cases if c.get("member") is not None})
        amounts = [a for a in (_amount(c) for c in cases) if a is not None]
        p["amounts"][period] = float(sum(amounts))
        p["amount_band"] = (
            amount_band(statistics.median(amounts), _mode(c.get("currency") for c in cases))
            if amounts
            else "unknown"
        )
        p["fraud_type"] = _mode(c.get("fraud_type") for c in cases)
        p["channel"] = _mode(c.get("channel") for c in cases)
        p["mcc"] = _mode(c.get("mcc") for c in cases)
        p["last_seen"] = period

    def _pattern_test(self, pid: str) -> tuple[float, float, tuple] | None:
        """The whole-pattern growth test of the current period: ``(p-value, growth ratio, carriers)``.

        ``carriers`` is ``(pid,)`` when the size clears ``growth_min_count`` and ``growth_min_ratio``
        times the baseline, else empty; ``None`` when the pattern has no baseline yet.
        """
        cfg = self.config
        p = self.patterns[pid]
        baseline, _ = self._baseline(pid)
        if baseline is None:
            return None
        size = p["sizes"].get(self.periods[-1], 0)
        mu = max(baseline, 1.0)
        p_value = self._upper_tail(size, mu, self._predictive_variance(pid))
        big = size >= cfg.growth_min_count and size >= cfg.growth_min_ratio * mu
        return p_value, size / mu, ((pid,) if big else ())

    def _growth_cut(self, tests: list) -> float:
        """The largest p-value that can pass this period's growth tests (``inf``: no FDR control).

        With ``growth_fdr = q > 0`` the Benjamini-Hochberg step-up procedure runs over the p-values
        of all the period's tests (:meth:`_pattern_test` of every pattern with a baseline, and every
        family of :meth:`_growth_families`): with ``p(1) <= ... <= p(m)``, the cut is the largest
        ``p(i) <= i * q / m``, or ``-1`` when there is none. A test passes when its p-value is below
        ``growth_alpha`` and at most the cut (:meth:`_significant`).
        """
        q = self.config.growth_fdr
        if q <= 0 or not tests:
            return math.inf
        p_values = np.sort(np.array([t[0] for t in tests], dtype=np.float64))
        m = len(p_values)
        passing = np.flatnonzero(p_values <= q * np.arange(1, m + 1) / m)
        return float(p_values[passing[-1]]) if len(passing) else -1.0

    def _significant(self, p_value: float, cut: float) -> bool:
        """A growth test passes: its p-value is below ``growth_alpha`` and at most the FDR cut."""
        return p_value < self.config.growth_alpha and p_value <= cut

    def _lifecycle(self, pid: str, period: str, is_new: bool, test=None, family=None, cut=math.inf) -> None:
        """Set NEW / GROWING / STABLE / FADING for ``period`` (rules in docs/clustering.md).

        :param test: the pattern's own growth test (:meth:`_pattern_test`), ``None`` without baseline.
        :param family: ``(growth ratio, p-value)`` when the pattern carries a growing family
            (:meth:`_growth_families`), else ``None``.
        :param cut: the period's FDR cut (:meth:`_growth_cut`).
        """
        cfg = self.config
        p = self.patterns[pid]
        size = p["sizes"].get(period, 0)
        baseline, _ = self._baseline(pid)
        p["baseline"], p["growth_ratio"], p["p_value"] = baseline, None, None
        if is_new:
            p["status"] = "NEW"
            return
        if baseline is None or test is None:
            p["status"] = "STABLE"
            return
        p_value, ratio, carriers = test
        p["growth_ratio"], p["p_value"] = ratio, p_value
        grows = bool(carriers) and self._significant(p_value, cut)
        if not grows and family is not None:
            grows = True
            p["growth_ratio"], p["p_value"] = family
        if grows:
            p["status"] = "GROWING"
        elif baseline >= cfg.fading_min_baseline and size <= cfg.fading_ratio * baseline:
            p["status"] = "FADING"
        else:
            p["status"] = "STABLE"
        idle = [q for q in self.periods if q > p["last_seen"]]
        if size == 0 and len(idle) >= cfg.retire_after:
            p["retired"] = True

    def _relabel(self, pids: list, rows_by_pid: dict, cases: list, X) -> None:
        cfg = self.config
        groups, langs, reps = {}, {}, {}
        for pid in pids:
            rows = rows_by_pid.get(pid)
            if rows is None or len(rows) == 0:
                continue
            p = self.patterns[pid]
            sig = np.zeros(X.shape[1])
            sig[np.asarray(p["sig_idx"], dtype=np.int64)] = p["sig_val"]
            score = np.asarray(X[rows] @ sig).ravel()
            order = rows[np.argsort(-score, kind="stable")]
            texts = [case_text(cases[i]) for i in order[: cfg.keyword_sample]]
            lang = _mode(detect_language(t) for t in texts[:50]) or "en"
            groups[pid], langs[pid] = texts, lang
            reps[pid] = texts
        keywords = ctfidf_keywords(groups, langs, cfg.n_keywords)
        for pid, texts in reps.items():
            p = self.patterns[pid]
            p["keywords"] = keywords.get(pid, [])
            p["language"] = langs[pid]
            excerpts, seen = [], set()
            for t in texts:
                short = " ".join(t.split())
                short = short if len(short) <= cfg.excerpt_chars else short[: cfg.excerpt_chars - 1] + "…"
                if short and short not in seen:
                    seen.add(short)
                    excerpts.append(short)
                if len(excerpts) == cfg.n_excerpts:
                    break
            p["excerpts"] = excerpts
            sep = "、" if langs[pid] == "zh" else ", "
            label = sep.join(p["keywords"][:3]) or pid
            if p["fraud_type"]:
                label = f"{label} ({p['fraud_type']})"
            p["label"] = label

    def _visible(self, pid: str, period: str) -> bool:
        p = self.patterns[pid]
        return p["sizes"].get(period, 0) > 0 or p["status"] == "FADING" or p["first_period"] == period

    def _summary(self, pid: str, period: str, novelty: float | None) -> PatternSummary:
        p = self.patterns[pid]
        return PatternSummary(
            pattern_id=pid,
            status=p["status"],
            label=p["label"],
            keywords=list(p["keywords"]),
            language=p["language"],
            first_period=p["first_period"],
            size=int(p["sizes"].get(period, 0)),
            sizes={q: int(v) for q, v in sorted(p["sizes"].items())},
            members=int(p["members"].get(period, 0)),
            amount_total=float(p["amounts"].get(period, 0.0)),
            amount_band=p["amount_band"],
            fraud_type=p["fraud_type"],
            channel=p["channel"],
            mcc=p["mcc"],
            excerpts=list(p["excerpts"]),
            baseline=p["baseline"],
            growth_ratio=p["growth_ratio"],
            p_value=p["p_value"],
            similarity_to_known=novelty,
        )
