"""Benchmark of the anonymizer: recall / precision per entity, non-PII destroyed, docs per second.

Run: .venv/bin/python bench/anonymizer.py [--n 2000] [--seed 20261124] [--data ../shared/data]

Side by side with an older version of the package (same corpus, same process, interleaved batches):
    git archive OLD_COMMIT anonymizer | tar -x -C /tmp/anon-base
    .venv/bin/python bench/anonymizer.py --baseline /tmp/anon-base --skip-shared

Accuracy only, on the project's synthetic corpus and on the independently written held-out corpus
(bench/heldout_corpus.py; its own seed, see --heldout-seed):
    .venv/bin/python bench/anonymizer.py --heldout-only
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import anonymizer
from anonymizer import checks
from anonymizer.corpus import generate
from anonymizer.evaluation import (
    Scores,
    evaluate,
    load_cluener,
    load_cn_pii_bench,
    load_presidio_synth,
    load_weibo,
    score_sample,
)
from bench import presidio_side
from bench.heldout_corpus import generate as generate_heldout

PATTERN_TYPES = {
    "CN_ID", "PASSPORT", "USCC", "BANK_CARD", "BANK_ACCOUNT", "PHONE", "EMAIL", "IP_ADDRESS", "IBAN",
    "LICENSE_PLATE", "SOCIAL_ACCOUNT", "DEVICE_ID", "CRYPTO_WALLET", "URL", "DATE_OF_BIRTH",
}  # fmt: skip


def print_scores(title: str, s: Scores) -> None:
    print(f"\n## {title}")
    print(f"{'entity':<16}{'gold':>6}{'recall':>9}{'pred':>6}{'precision':>11}  target")
    for t in s.types():
        gold = s.tp[t] + s.fn[t]
        pred = s.tp[t] + s.fp[t]
        target = "R>=0.995 P>=0.99" if t in PATTERN_TYPES else "R>=0.95 P>=0.90"
        print(f"{t:<16}{gold:>6}{s.recall(t):>9.4f}{pred:>6}{s.precision(t):>11.4f}  {target}")
    print(
        f"non-PII characters destroyed: {s.destroyed_share:.4%} "
        f"({s.non_pii_destroyed}/{s.non_pii_chars}); target <= 0.5%"
    )
    if s.negatives:
        print(f"hard negatives touched: {s.negatives_hit}/{s.negatives}")


def below_target(lang: str, s: Scores) -> list[tuple[float, str]]:
    """Cells under the issue's targets as ``(shortfall, description)``."""
    cells = []
    for t in s.types():
        r_min, p_min = (0.995, 0.99) if t in PATTERN_TYPES else (0.95, 0.90)
        if s.tp[t] + s.fn[t] and s.recall(t) < r_min:
            cells.append((r_min - s.recall(t), f"{lang} {t} recall {s.recall(t):.4f}"))
        if s.tp[t] + s.fp[t] and s.precision(t) < p_min:
            cells.append((p_min - s.precision(t), f"{lang} {t} precision {s.precision(t):.4f}"))
    if s.destroyed_share > 0.005:
        cells.append((s.destroyed_share - 0.005, f"{lang} non-PII destroyed {s.destroyed_share:.2%}"))
    return cells


def heldout(engine, n: int, seed: int) -> None:
    """The independently written corpus (bench/heldout_corpus.py): tables per language, worst cells."""
    samples = generate_heldout(n, seed=seed)
    cells: list[tuple[float, str]] = []
    for lang in ("zh", "en"):
        sub = [s for s in samples if s.language == lang]
        scores = Scores()
        touched: dict[str, list[int]] = {}
        for s, res in zip(sub, engine.anonymize_many([s.text for s in sub]), strict=True):
            pred = [(f.start, f.end, f.entity_type) for f in res.findings]
            score_sample(scores, s.text, s.spans, pred, [], s.negatives)
            for ns, ne, label in s.negatives:
                hit = any(ps < ne and ns < pe for ps, pe, _ in pred)
                counts = touched.setdefault(label, [0, 0])
                counts[0] += int(hit)
                counts[1] += 1
        print_scores(f"held-out {lang} (n={len(sub)}, seed={seed})", scores)
        print(
            "hard negatives touched by label: "
            + ", ".join(f"{k} {h}/{t}" for k, (h, t) in sorted(touched.items()))
        )
        cells += below_target(lang, scores)
        if scores.negatives_hit:
            cells.append(
                (
                    scores.negatives_hit / scores.negatives,
                    f"{lang} hard negatives touched {scores.negatives_hit}",
                )
            )
    cells.sort(reverse=True)
    print("\nheld-out: worst cells: " + ("; ".join(c for _, c in cells) if cells else "none below target"))


def side_by_side_presidio(samples, args, docs: list[str]) -> None:
    """Presidio on the same synthetic and held-out samples and the same speed documents."""
    adapter = presidio_side.PresidioAdapter()
    print(f"\n## Microsoft Presidio side by side ({adapter.pipeline}; types mapped to ours)")
    heldout_samples = generate_heldout(args.heldout_n, seed=args.heldout_seed)
    for title, corpus in (("synthetic", samples), ("held-out", heldout_samples)):
        for lang in ("zh", "en"):
            sub = [s for s in corpus if s.language == lang]
            print_scores(f"presidio, {title} {lang} (n={len(sub)})", evaluate(adapter, sub, batch=False))
    wall, cpu = speed(adapter, docs[:300], batch=False)
    print(f"presidio speed (300 of the speed docs): {wall:,.0f} docs/s wall {cpu:,.0f} docs/CPU-s")


def speed(engine, texts: list[str], batch: bool, repeat: int = 1) -> tuple[float, float]:
    """(docs per wall-clock second, docs per CPU second of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        if batch:
            engine.anonymize_many(texts)
        else:
            for t in texts:
                engine.anonymize(t)
    n = repeat * len(texts)
    return n / (time.perf_counter() - wall), n / (time.process_time() - cpu)


def speed_docs(samples, target_len: int = 150) -> list[str]:
    """Join consecutive same-language samples into ~150-character narratives."""
    out, buf = [], {"zh": "", "en": ""}
    for s in samples:
        sep = "" if s.language == "zh" else " "
        buf[s.language] = (buf[s.language] + sep + s.text).strip()
        if len(buf[s.language]) >= target_len - 40:
            out.append(buf[s.language])
            buf[s.language] = ""
    return out


def load_baseline(src: Path):
    """Import ``src/anonymizer`` as the module ``anonymizer_baseline`` (a renamed copy in a temp folder)."""
    tmp = Path(tempfile.mkdtemp(prefix="anon-baseline-"))
    dst = tmp / "anonymizer_baseline"
    shutil.copytree(src / "anonymizer", dst, ignore=shutil.ignore_patterns("__pycache__"))
    rx = re.compile(r"\b(from|import) anonymizer(\.|\b)")
    for py in dst.rglob("*.py"):
        src_text = rx.sub(r"\1 anonymizer_baseline\2", py.read_text("utf-8"))
        # spaCy components are registered by name, once per process: give the baseline's its own name
        src_text = src_text.replace("riskhub_en_names", "riskhub_en_names_baseline")
        py.write_text(src_text, "utf-8")
    sys.path.insert(0, str(tmp))
    return importlib.import_module("anonymizer_baseline")


def side_by_side(baseline, docs: list[str], rounds: int) -> None:
    """Baseline vs current engine on the same docs, batches of 100 interleaved (order alternating)."""
    print(f"\n## side by side with the baseline ({len(docs)} docs x {rounds} rounds, interleaved)")
    for use_spacy, label in ((False, "pattern layer (use_spacy=False)"), (True, "full pipeline, anonymize")):
        engines = {
            "baseline": baseline.AnonymizerEngine(b"bench-key", use_spacy=use_spacy),
            "current": anonymizer.AnonymizerEngine(b"bench-key", use_spacy=use_spacy),
        }
        for eng in engines.values():
            speed(eng, docs[:50], batch=False)  # warm-up
        cpu = dict.fromkeys(engines, 0.0)
        wall = dict.fromkeys(engines, 0.0)
        for r in range(rounds):
            for k in range(0, len(docs), 100):
                order = list(engines) if (r + k // 100) % 2 == 0 else list(engines)[::-1]
                for name in order:
                    w, c = time.perf_counter(), time.process_time()
                    for t in docs[k : k + 100]:
                        engines[name].anonymize(t)
                    cpu[name] += time.process_time() - c
                    wall[name] += time.perf_counter() - w
        n = rounds * len(docs)
        for name in engines:
            print(
                f"{label:<34}{name:<9}{n / wall[name]:>8,.0f} docs/s wall {n / cpu[name]:>8,.0f} docs/CPU-s "
                f"({cpu[name]:.2f} CPU-s, {wall[name]:.2f} s wall)"
            )
        gain_cpu, gain_wall = cpu["baseline"] / cpu["current"], wall["baseline"] / wall["current"]
        print(f"{label:<34}speed-up {gain_cpu:.2f}x CPU, {gain_wall:.2f}x wall")


def presidio_vectors(root: Path, engine) -> None:
    path = root / "pii-presidio-analyzer-vectors" / "presidio_recognizer_test_vectors.jsonl"
    mapping = {
        "CREDIT_CARD": "BANK_CARD", "CRYPTO": "CRYPTO_WALLET", "EMAIL_ADDRESS": "EMAIL", "IBAN_CODE": "IBAN",
        "IP_ADDRESS": "IP_ADDRESS", "URL": "URL", "PHONE_NUMBER": "PHONE", "MAC_ADDRESS": "DEVICE_ID",
    }  # fmt: skip
    agree, total = {}, {}
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        ours = mapping.get(row["entity_type"])
        if ours is None:
            continue
        p = row["params"]
        text = p.get("text", p.get("iban", ""))
        res = engine.anonymize(text)
        found = [f for f in res.findings if f.entity_type == ours]
        expected = p.get("expected_len", 0)
        ok = (len(found) > 0) == (expected > 0)
        total[ours] = total.get(ours, 0) + 1
        agree[ours] = agree.get(ours, 0) + int(ok)
    print("\n## presidio analyzer vectors (detected / not detected agrees with the upstream test)")
    for t in sorted(total):
        print(f"{t:<16}{agree[t]:>5}/{total[t]:<5} {agree[t] / total[t]:.3f}")


def stdnum_vectors(root: Path) -> None:
    path = root / "pii-stdnum-vectors" / "stdnum_test_vectors.jsonl"
    fns = {"cn.ric": lambda v: checks.cn_id_ok(v.replace(" ", "")), "cn.uscc": checks.uscc_ok,
           "luhn": lambda v: checks.luhn_ok(v.replace(" ", "")), "iban": lambda v: checks.iban_ok(v),
           "imei": lambda v: checks.imei_ok(v.replace(" ", "").replace("-", ""))}  # fmt: skip
    agree, total = {}, {}
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        fn = fns.get(row["scheme"])
        if fn is None:
            continue
        total[row["scheme"]] = total.get(row["scheme"], 0) + 1
        agree[row["scheme"]] = agree.get(row["scheme"], 0) + int(
            bool(fn(row["value"])) == row["expected_valid"]
        )
    print("\n## python-stdnum vectors (our check-digit verdict == doctest verdict)")
    for t in sorted(total):
        print(f"{t:<10}{agree[t]:>5}/{total[t]:<5} {agree[t] / total[t]:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=2000, help="synthetic narratives (half zh, half en)")
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--skip-shared", action="store_true", help="only the synthetic corpus")
    ap.add_argument("--baseline", type=Path, help="folder holding an older anonymizer/ to time side by side")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of the side-by-side run")
    ap.add_argument("--heldout-n", type=int, default=2000, help="held-out narratives (half zh, half en)")
    ap.add_argument("--heldout-seed", type=int, default=8675309)
    ap.add_argument(
        "--heldout-only", action="store_true", help="only the accuracy tables (synthetic + held-out)"
    )
    args = ap.parse_args()

    with open("/proc/cpuinfo") as fh:
        cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), "?")
    print(f"# anonymizer {anonymizer.__version__} bench; python {platform.python_version()}; cpu {cpu}")
    t0 = time.perf_counter()
    full = anonymizer.AnonymizerEngine(b"bench-key", use_spacy=True)
    print(f"engine construction: {time.perf_counter() - t0:.2f}s")
    pattern = anonymizer.AnonymizerEngine(b"bench-key", use_spacy=False)
    pattern_only = anonymizer.AnonymizerEngine(b"bench-key", use_spacy=False, entities=sorted(PATTERN_TYPES))
    samples = generate(args.n, seed=args.seed)
    for lang in ("zh", "en"):
        sub = [s for s in samples if s.language == lang]
        print_scores(f"synthetic {lang} (n={len(sub)}, seed={args.seed})", evaluate(full, sub))
    heldout(full, args.heldout_n, args.heldout_seed)
    if args.heldout_only:
        return

    docs = speed_docs(generate(3000, seed=args.seed + 1))
    avg = sum(map(len, docs)) / len(docs)
    speed(full, docs[:50], batch=True)  # warm-up
    print(f"\n## speed ({len(docs)} docs, {avg:.0f} characters on average, one process)")
    print(f"load average before the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    rows = [
        ("full pipeline, anonymize_many", full, True, "target >= 1,000"),
        ("full pipeline, anonymize", full, False, ""),
        ("pattern layer, anonymize_many", pattern, True, "target >= 5,000"),
        ("pattern layer (use_spacy=False)", pattern, False, "target >= 5,000"),
        ("pattern types only, anonymize_many", pattern_only, True, ""),
        ("pattern types only, anonymize", pattern_only, False, ""),
    ]
    for label, eng, batch, target in rows:
        wall, cpu = speed(eng, docs, batch=batch)
        print(f"{label:<34}{wall:>8,.0f} docs/s wall {cpu:>8,.0f} docs/CPU-s  {target}")

    if args.baseline is not None:
        side_by_side(load_baseline(args.baseline), docs, args.rounds)

    if presidio_side.available():
        side_by_side_presidio(samples, args, docs)
    else:
        print(
            "\n(presidio not installed in this environment: no side-by-side run; see bench/presidio_side.py)"
        )

    if args.skip_shared or not args.data.is_dir():
        if not args.skip_shared:
            print(f"\n(shared data not found at {args.data}: skipped)")
        return
    root = args.data
    print_scores("presidio-research synth (en, 1,500)", evaluate(full, load_presidio_synth(root)))
    print_scores("cn-pii-bench adversarial (zh, 28)", evaluate(full, load_cn_pii_bench(root)))
    print_scores(
        "CLUENER2020 dev: name / address only (zh, 1,343)",
        evaluate(full, load_cluener(root), types={"PERSON", "ADDRESS"}),
    )
    print_scores(
        "CLUENER2020 dev: street-level addresses only (bare regions and place names ignored)",
        evaluate(full, load_cluener(root, street_level_only=True), types={"ADDRESS"}),
    )
    print_scores("Weibo NER test: PER.NAM only (zh, 270)", evaluate(full, load_weibo(root), types={"PERSON"}))
    presidio_vectors(root, full)
    stdnum_vectors(root)


if __name__ == "__main__":
    main()
