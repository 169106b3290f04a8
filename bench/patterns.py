"""Benchmark of the clustering library: quality, tracking and scale.

    .venv/bin/python bench/patterns.py                  # static quality on zh + en (default)
    .venv/bin/python bench/patterns.py --stream         # 12-week replay, each fraud type withheld in turn
    .venv/bin/python bench/patterns.py --no-static --stream --stream-dataset en --seed 1 --jobs 2
    .venv/bin/python bench/patterns.py --no-static --stream --growth-fdr 0   # growth tests without the FDR
    .venv/bin/python bench/patterns.py --scale 100000 --refit 1000000

The labelled data sets are read from ../shared/data (research use only, never copied into the repo).
Scale runs use synthetic texts generated here.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import clustering  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
csv.field_size_limit(10**8)


# ------------------------------------------------------------------ data
def load_zh(data_root: Path) -> tuple[list[str], list[int]]:
    """The 7 fraud types of zh-telecom-fraud-texts (tft8, labels 1–7)."""
    texts, labels = [], []
    for path in sorted(glob.glob(str(data_root / "zh-telecom-fraud-texts" / "tft8" / "label*-new1030.csv"))):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                texts.append(row["content"])
                labels.append(int(row["label"]))
    return texts, labels


def load_en(data_root: Path) -> tuple[list[str], list[str]]:
    """The 8 scenario types of the single- and multi-agent English dialogues."""
    texts, labels = [], []
    base = data_root / "en-scam-dialogues-bothbosu"
    for name in (
        "single-agent-scam-dialogue_all.csv",
        "multi_agent_conversation_train.csv",
        "multi_agent_conversation_test.csv",
    ):
        with open(base / name, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                texts.append(row["dialogue"])
                labels.append(row["type"])
    return texts, labels


# ------------------------------------------------------------------ static quality
def static_quality(texts, labels, seeds=(0, 1)) -> dict:
    """Fit one period on all texts (k not given); NMI/ARI on assigned cases and on all cases."""
    y = np.asarray(labels)
    cases = [{"id": i, "text": t} for i, t in enumerate(texts)]
    runs = []
    for seed in seeds:
        start, cpu = time.perf_counter(), time.process_time()
        result = clustering.PatternTracker(random_state=seed).run_period(cases, "2026-W01")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        pred = np.array(
            [
                -1 if result.assignments[i] is None else int(result.assignments[i][1:])
                for i in range(len(cases))
            ]
        )
        mask = pred >= 0
        runs.append(
            {
                "seed": seed,
                "seconds": round(seconds, 1),
                "cpu_seconds": round(cpu, 1),
                "patterns": len(result.patterns),
                "unassigned": round(float(1 - mask.mean()), 4),
                "nmi_assigned": round(float(normalized_mutual_info_score(y[mask], pred[mask])), 4),
                "ari_assigned": round(float(adjusted_rand_score(y[mask], pred[mask])), 4),
                "nmi_all": round(float(normalized_mutual_info_score(y, pred)), 4),
                "ari_all": round(float(adjusted_rand_score(y, pred)), 4),
                "pred": pred,
            }
        )
    a, b = runs[0]["pred"], runs[1]["pred"]
    both = (a >= 0) & (b >= 0)
    out = {
        "n": len(texts),
        "classes": len(set(labels)),
        "runs": [{k: v for k, v in r.items() if k != "pred"} for r in runs],
    }
    out["seed_ari_all"] = round(float(adjusted_rand_score(a, b)), 4)
    out["seed_ari_assigned_both"] = round(float(adjusted_rand_score(a[both], b[both])), 4)
    return out


# ------------------------------------------------------------------ stream replay
def build_stream(labels, withheld, grower, rng, weeks=12, start_week=6, growth_week=9):
    """Per week, the indices of the cases submitted that week."""
    by_type = defaultdict(list)
    for i, lab in enumerate(labels):
        by_type[lab].append(i)
    stream = [[] for _ in range(weeks)]
    for lab, idx in by_type.items():
        idx = list(rng.permutation(idx))
        active = list(range(start_week - 1, weeks)) if lab == withheld else list(range(weeks))
        weights = np.array([3.0 if (lab == grower and w == growth_week - 1) else 1.0 for w in active])
        counts = np.floor(weights / weights.sum() * len(idx)).astype(int)
        pos = 0
        for w, c in zip(active, counts, strict=True):
            stream[w].extend(idx[pos : pos + c])
            pos += c
    return [sorted(w) for w in stream]


def replay_stream(
    texts, labels, withheld, grower, seed, weeks=12, start_week=6, growth_week=9, config=None
) -> dict:
    rng = np.random.RandomState(seed)
    stream = build_stream(labels, withheld, grower, rng, weeks, start_week, growth_week)
    tracker = clustering.PatternTracker(config, random_state=seed)
    first_seen: dict = {}
    prev_dominant: dict = {}
    out = {"detected": False, "new_flags": 0, "new_true": 0, "false_rate": [], "growth_hit": None}
    out["growing_flags"] = []
    kept, kept_total, growing_false, growing_unexplained, overlap = 0, 0, 0, 0, 0.0
    prev_share: dict = {}
    prev_comp: dict = {}
    for w, idx in enumerate(stream):
        period = f"2026-W{w + 1:02d}"
        res = tracker.run_period([{"id": int(i), "text": texts[i]} for i in idx], period)
        members = defaultdict(list)
        for i in idx:
            pid = res.assignments[int(i)]
            if pid is not None:
                members[pid].append(labels[i])
        comp = {pid: Counter(v) for pid, v in members.items()}
        majority = {pid: c.most_common(1)[0][0] for pid, c in comp.items()}
        status = {p.pattern_id: p.status for p in res.patterns}
        types_now = {labels[i] for i in idx}
        newly = {t for t in types_now if t not in first_seen}
        for t in newly:
            first_seen[t] = w
        # the type whose volume surges this week: the withheld one on release, the grower when tripled
        surging = withheld if w == start_week - 1 else grower if w == growth_week - 1 else None
        if w > 0:
            false_w = 0
            for p in res.patterns:
                pid, st = p.pattern_id, p.status
                if st != "NEW":
                    if st == "GROWING" and not (w == growth_week - 1 and majority.get(pid) == grower):
                        growing_false += 1
                        # explained: the surging type brings at least half of the pattern's increase
                        rise = p.size - sum(prev_comp.get(pid, Counter()).values())
                        gain = comp.get(pid, Counter())[surging] - prev_comp.get(pid, Counter())[surging]
                        explained = surging is not None and rise > 0 and gain >= 0.5 * rise
                        growing_unexplained += not explained
                        out["growing_flags"].append(
                            {
                                "week": w + 1,
                                "majority": majority.get(pid),
                                "size": p.size,
                                "baseline": round(p.baseline or 0, 1),
                                "ratio": round(p.growth_ratio or 0, 2),
                                "p": float(f"{p.p_value:.2g}") if p.p_value is not None else None,
                                "explained": explained,
                            }
                        )
                    continue
                out["new_flags"] += 1
                if majority.get(pid) in newly:
                    out["new_true"] += 1
                    if majority.get(pid) == withheld and w == start_week - 1:
                        out["detected"] = True
                else:
                    false_w += 1
            out["false_rate"].append(false_w * 10_000 / max(len(idx), 1))
        prev_comp = comp
        dominant, id_share = {}, {}
        for t in types_now:
            pids = Counter(res.assignments[int(i)] for i in idx if labels[i] == t and res.assignments[int(i)])
            if pids:
                dominant[t] = pids.most_common(1)[0][0]
                id_share[t] = {pid: c / sum(pids.values()) for pid, c in pids.items()}
        for t, pid in dominant.items():
            if t in prev_dominant:
                kept_total += 1
                kept += prev_dominant[t] == pid
                # overlap of the type's id shares with last week's (1 = the same ids in the same shares)
                overlap += sum(min(v, prev_share[t].get(q, 0.0)) for q, v in id_share[t].items())
        prev_dominant, prev_share = dominant, id_share
        if w == growth_week - 1 and grower in dominant:
            out["growth_hit"] = status.get(dominant[grower]) == "GROWING"
    out["kept"], out["kept_total"], out["growing_false"] = kept, kept_total, growing_false
    out["id_overlap"] = round(overlap, 2)
    out["growing_unexplained"] = growing_unexplained
    out["weekly_cases"] = int(np.mean([len(s) for s in stream]))
    return out


def _one_stream(texts, labels, withheld, grower, seed, config=None) -> dict:
    start = time.perf_counter()
    r = replay_stream(texts, labels, withheld, grower, seed, config=config)
    r.update(withheld=withheld, grower=grower, seconds=round(time.perf_counter() - start, 1))
    print(json.dumps({k: v for k, v in r.items() if k != "false_rate"}, ensure_ascii=False), flush=True)
    return r


def stream_quality(texts, labels, seed=0, types=None, jobs=1, config=None) -> dict:
    kinds = sorted(set(labels))
    todo = [
        (withheld, kinds[(kinds.index(withheld) + 3) % len(kinds)], seed + kinds.index(withheld))
        for withheld in (types or kinds)
    ]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            args = [(texts, labels, *t, config) for t in todo]
            rows = list(pool.map(_one_stream, *zip(*args, strict=True)))
    else:
        rows = [_one_stream(texts, labels, *t, config) for t in todo]
    flags = sum(r["new_flags"] for r in rows)
    pairs = sum(r["kept_total"] for r in rows)
    return {
        "streams": len(rows),
        "detection_recall": round(np.mean([r["detected"] for r in rows]), 3),
        "new_precision": round(sum(r["new_true"] for r in rows) / flags, 3) if flags else None,
        "false_new_per_10k_per_week": round(float(np.mean([x for r in rows for x in r["false_rate"]])), 3),
        "growth_recall": round(np.mean([bool(r["growth_hit"]) for r in rows]), 3),
        "id_kept_share": round(sum(r["kept"] for r in rows) / max(sum(r["kept_total"] for r in rows), 1), 3),
        "id_overlap": round(sum(r["id_overlap"] for r in rows) / max(pairs, 1), 3),
        "false_growing_flags": sum(r["growing_false"] for r in rows),
        "false_growing_unexplained": sum(r["growing_unexplained"] for r in rows),
        "stream_weeks": sum(len(r["false_rate"]) for r in rows),
        "weekly_cases": int(np.mean([r["weekly_cases"] for r in rows])),
    }


# ------------------------------------------------------------------ scale
_TEMPLATES = [
    "您好，我是{city}公安局的{name}警官，您的{bank}卡涉嫌{crime}案件，请下载{app}配合资金清查，把钱转到安全账户{n}元。",
    "【{app}】兼职刷单，日赚{n}元，加QQ群{n2}领取任务，先垫付{n3}元完成{k}单后返还本金和佣金。",
    "亲爱的用户，您在{shop}购买的{item}有质量问题，{name}客服为您办理{n}元理赔退款，请提供{bank}卡号和验证码。",
    "{name}老板让你先给{company}转{n}元货款，他在开会不方便接电话，这是新的微信号。",
    "无抵押低息贷款，最高可贷{n}万元，{app}当天放款，需先交{n3}元解冻金和保证金激活额度。",
    "你好，我在{app}上认识你，想和你交个朋友，带你投资{item}平台稳赚不赔，今天收益{n}元。",
    "出售{game}游戏账号和装备，价格{n}元，请到{app}交易平台付款，账户被冻结需缴纳{n3}元解冻费。",
    "持卡人{name}在{city}的{shop}商户多次刷卡套现{n}元，MCC {mcc}，POS机由{company}提供。",
    "Hello, this is {name_en} from {company_en} support. Your account shows a refund of {n} dollars, "
    "please confirm your card number.",
    "Congratulations! You won a {item_en} gift card worth {n} dollars. "
    "Call {n2} now and pay a {n3} dollar processing fee.",
]


def synthetic_cases(n: int, seed: int = 0) -> list[dict]:
    """``n`` synthetic cases from templates and Faker pools (zh_CN / en_US)."""
    from faker import Faker

    rng = np.random.RandomState(seed)
    fz, fe = Faker("zh_CN"), Faker("en_US")
    Faker.seed(seed)
    pool = {
        "city": [fz.city_name() for _ in range(300)],
        "name": [fz.name() for _ in range(500)],
        "bank": ["招商", "工商", "建设", "农业", "中国", "交通", "浦发", "中信"],
        "crime": ["洗钱", "诈骗", "非法集资", "走私", "贩毒"],
        "app": ["Zoom", "美ONE", "口口", "钉钉", "闲鱼", "抖音", "快手", "易借", "速贷", "聚财"],
        "shop": ["淘宝", "京东", "拼多多", "唯品会", "苏宁"],
        "item": ["衣服", "手机", "化妆品", "基金", "黄金", "数字货币", "外汇"],
        "company": [fz.company() for _ in range(300)],
        "game": ["王者荣耀", "和平精英", "原神", "梦幻西游"],
        "name_en": [fe.name() for _ in range(500)],
        "company_en": [fe.company() for _ in range(300)],
        "item_en": ["Walmart", "Amazon", "Apple", "Target", "Visa"],
        "mcc": ["5411", "5311", "5812", "6011", "7995"],
    }
    out = []
    t_idx = rng.randint(0, len(_TEMPLATES), size=n)
    for i in range(n):
        fill = {k: v[rng.randint(len(v))] for k, v in pool.items()}
        fill.update(
            n=rng.randint(100, 99999),
            n2=rng.randint(10**7, 10**9),
            n3=rng.randint(10, 5000),
            k=rng.randint(3, 30),
        )
        out.append(
            {
                "id": i,
                "text": _TEMPLATES[t_idx[i]].format(**fill),
                "member": f"M{rng.randint(40)}",
                "amount": float(fill["n"]),
            }
        )
    return out


def scale_run(n: int, warm: int) -> dict:
    """Time one run_period over ``n`` synthetic cases (after a warm-up period of ``warm`` cases)."""
    cases = synthetic_cases(n + warm)
    tracker = clustering.PatternTracker(clustering.TrackingConfig(n_jobs=2), random_state=0)
    if warm:
        tracker.run_period(cases[:warm], "2026-W01")
    start, cpu = time.perf_counter(), time.process_time()
    res = tracker.run_period(cases[warm:], "2026-W02")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "cases": n,
        "warm_cases": warm,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(peak_mb),
        "patterns": len(res.patterns),
        "unassigned": round(res.unassigned_share, 4),
    }


def scale_in_subprocess(n: int, warm: int) -> dict:
    cmd = [sys.executable, __file__, "--_scale-child", str(n), str(warm)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"cases": n, "error": proc.stderr.strip().splitlines()[-1:] if proc.stderr else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ main
def machine() -> dict:
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            model = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), "")
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding the shared data sets")
    parser.add_argument("--no-static", action="store_true", help="skip the static NMI/ARI figures")
    parser.add_argument("--stream", action="store_true", help="run the 12-week withheld-type replay")
    parser.add_argument("--stream-dataset", choices=["zh", "en"], default="zh")
    parser.add_argument("--stream-types", type=int, default=0, help="replay only the first N withheld types")
    parser.add_argument("--stream-only", type=int, nargs="+", default=None, help="replay only these types")
    parser.add_argument("--jobs", type=int, default=1, help="replay this many streams in parallel processes")
    parser.add_argument("--seed", type=int, default=0, help="base seed of the replay streams")
    parser.add_argument(
        "--growth-fdr", type=float, default=None, help="TrackingConfig.growth_fdr for the replay (0 = off)"
    )
    parser.add_argument("--scale", type=int, default=0, help="weekly run over N synthetic cases")
    parser.add_argument("--refit", type=int, default=0, help="full refit over N synthetic cases")
    parser.add_argument("--_scale-child", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._scale_child:
        print(json.dumps(scale_run(*args._scale_child)))
        return 0
    print(json.dumps({"machine": machine()}))
    if not args.no_static:
        for name, loader in (("zh-telecom-fraud-texts", load_zh), ("en-scam-dialogues", load_en)):
            try:
                texts, labels = loader(args.data)
            except OSError as exc:
                print(json.dumps({"dataset": name, "skipped": f"data not found ({type(exc).__name__})"}))
                continue
            print(json.dumps({"dataset": name, **static_quality(texts, labels)}), flush=True)
    if args.stream:
        loader = load_zh if args.stream_dataset == "zh" else load_en
        texts, labels = loader(args.data)
        kinds = sorted(set(labels))
        types = kinds[: args.stream_types] if args.stream_types else None
        if args.stream_only:
            types = [t for t in kinds if t in set(args.stream_only)]
        config = None if args.growth_fdr is None else clustering.TrackingConfig(growth_fdr=args.growth_fdr)
        fdr = (config or clustering.TrackingConfig()).growth_fdr
        quality = stream_quality(texts, labels, seed=args.seed, types=types, jobs=args.jobs, config=config)
        print(
            json.dumps({"stream": args.stream_dataset, "seed": args.seed, "growth_fdr": fdr, **quality}),
            flush=True,
        )
    if args.scale:
        print(json.dumps({"weekly_run": scale_in_subprocess(args.scale, warm=20_000)}), flush=True)
    if args.refit:
        print(json.dumps({"full_refit": scale_in_subprocess(args.refit, warm=0)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
