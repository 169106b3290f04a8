"""Per-stage CPU cost of the anonymizer pattern layer (``use_spacy=False``), one command.

``.venv/bin/python bench/anonymizer_profile.py`` prints, for the bench's ~150-character speed narratives,
the CPU microseconds per narrative spent in each recognizer (gate + analyze), in the shared pre-scan, in the
allow rules + overlap resolution, and in result building (operators, tokens, residual scan), plus the total
docs per CPU-second of ``engine.anonymize``. ``--cprofile`` adds the top functions of a cProfile run.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import anonymizer
from anonymizer.corpus import generate
from anonymizer.nlp import detect_language, scripts
from anonymizer.recognizers.base import AnalysisContext
from bench.anonymizer import speed_docs


def per_recognizer(engine, docs: list[str], rounds: int) -> list[tuple[str, float, int]]:
    """(name, best-of-rounds CPU µs per narrative, texts where the gate let it run) for every stage."""
    recs = engine.registry.recognizers
    best: dict[str, float] = {}
    ran: dict[str, int] = {}
    for _ in range(rounds):
        cost: dict[str, float] = {}
        ran = {}
        clock = time.process_time
        for text in docs:
            lang = detect_language(text)
            t0 = clock()
            has_cjk, has_latin = scripts(text)
            ctx = AnalysisContext(text=text, language=lang, has_cjk=has_cjk, has_latin=has_latin)
            t1 = clock()
            cost["(pre-scan)"] = cost.get("(pre-scan)", 0.0) + t1 - t0
            selected = engine.registry.get(has_cjk=has_cjk, has_latin=has_latin, entities=engine.entities)
            for rec in recs:
                if rec not in selected:
                    continue
                t0 = clock()
                if rec.applies(ctx):
                    rec.analyze(ctx)
                    ran[rec.name] = ran.get(rec.name, 0) + 1
                cost[rec.name] = cost.get(rec.name, 0.0) + clock() - t0
        for k, v in cost.items():
            best[k] = min(best.get(k, v), v)
    n = len(docs)
    return sorted(((k, v / n * 1e6, ran.get(k, n)) for k, v in best.items()), key=lambda r: -r[1])


def total(engine, docs: list[str], rounds: int) -> float:
    """Best-of-rounds docs per CPU-second of ``engine.anonymize``."""
    out = 0.0
    for _ in range(rounds):
        t0 = time.process_time()
        for t in docs:
            engine.anonymize(t)
        out = max(out, len(docs) / (time.process_time() - t0))
    return out


def analyze_only(engine, docs: list[str], rounds: int) -> float:
    """Best-of-rounds CPU µs per narrative of ``engine.analyze`` (recognizers + allow rules + overlaps)."""
    out = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for t in docs:
            engine.analyze(t)
        out = min(out, (time.process_time() - t0) / len(docs) * 1e6)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=3000, help="synthetic samples joined into narratives")
    ap.add_argument("--seed", type=int, default=20261125, help="bench uses its --seed + 1")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cprofile", action="store_true", help="also print the top 30 functions by own time")
    args = ap.parse_args()

    docs = speed_docs(generate(args.n, seed=args.seed))
    engine = anonymizer.AnonymizerEngine(b"profile-key", use_spacy=False)
    engine.anonymize(docs[0])
    avg = sum(map(len, docs)) / len(docs)
    print(f"# {len(docs)} narratives, {avg:.0f} characters on average; load average {os.getloadavg()[0]:.2f}")
    rows = per_recognizer(engine, docs, args.rounds)
    analyze_us = analyze_only(engine, docs, args.rounds)
    docs_s = total(engine, docs, args.rounds)
    print(f"{'stage':<32}{'CPU µs/doc':>11}{'ran on':>9}")
    for name, us, n_ran in rows:
        print(f"{name:<32}{us:>11.1f}{n_ran:>9}")
    rec_sum = sum(us for _, us, _ in rows)
    print(f"{'sum of the above':<32}{rec_sum:>11.1f}")
    print(f"{'engine.analyze (all, resolved)':<32}{analyze_us:>11.1f}")
    print(f"{'engine.anonymize':<32}{1e6 / docs_s:>11.1f}   = {docs_s:,.0f} docs/CPU-s (target 5,000)")
    if args.cprofile:
        prof = cProfile.Profile()
        prof.enable()
        for t in docs:
            engine.anonymize(t)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
