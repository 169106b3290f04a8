"""Per-stage CPU cost of the anonymizer pattern layer (``use_spacy=False``), one command.

``.venv/bin/python bench/anonymizer_profile.py`` prints, for the bench's ~150-character speed narratives,
the CPU microseconds per narrative spent in each recognizer (gate + analyze), in the shared pre-scan, in the
allow rules + overlap resolution, and in result building (operators, tokens, residual scan), plus the total
docs per CPU-second of ``engine.anonymize`` (one text per call) and of ``engine.anonymize_many`` (the whole
list in one call: recognizer by recognizer over chunks of texts). ``--cprofile`` adds the top functions of a
cProfile run.

``--baseline DIR`` (a folder holding an older ``anonymizer/``, e.g. ``git archive HEAD anonymizer | tar -x -C
/tmp/anon-base``) profiles that version in the same process too and prints both columns and their difference,
the two measured in alternating rounds so that a changing machine load hits both alike.
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
from bench.anonymizer import load_baseline, speed_docs


def per_recognizer(engine, docs: list[str], rounds: int, package=anonymizer) -> list[tuple[str, float, int]]:
    """(name, best-of-rounds CPU µs per narrative, texts where the gate let it run) for every stage.

    ``package`` is the anonymizer package the engine comes from (its own pre-scan and language detection).
    """
    detect_language, scripts = package.nlp.detect_language, package.nlp.scripts
    AnalysisContext = package.recognizers.base.AnalysisContext
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


def total(engine, docs: list[str], rounds: int, batch: bool = False) -> float:
    """Best-of-rounds docs per CPU-second of ``engine.anonymize`` (``batch``: ``engine.anonymize_many``)."""
    out = 0.0
    for _ in range(rounds):
        t0 = time.process_time()
        if batch:
            engine.anonymize_many(docs)
        else:
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


def side_by_side(engine, baseline, docs: list[str], rounds: int) -> None:
    """Per-stage CPU µs of the baseline package and the current one, rounds alternating between them."""
    base_engine = baseline.AnonymizerEngine(b"profile-key", use_spacy=False)
    base_engine.anonymize(docs[0])
    sides = {"baseline": (base_engine, baseline), "current": (engine, anonymizer)}
    rows: dict[str, dict[str, float]] = {}
    for _ in range(rounds):
        for side, (eng, package) in sides.items():
            for name, us, _ran in per_recognizer(eng, docs, 1, package):
                cell = rows.setdefault(name, {})
                cell[side] = min(cell.get(side, us), us)
            for name, us in (
                ("engine.analyze (all, resolved)", analyze_only(eng, docs, 1)),
                ("engine.anonymize", 1e6 / total(eng, docs, 1)),
                ("engine.anonymize_many", 1e6 / total(eng, docs, 1, batch=True)),
            ):
                cell = rows.setdefault(name, {})
                cell[side] = min(cell.get(side, us), us)
    print(f"{'stage (CPU µs/doc)':<32}{'baseline':>10}{'current':>10}{'saved':>8}")
    for name, cell in sorted(rows.items(), key=lambda kv: -kv[1].get("baseline", 0.0)):
        base, cur = cell.get("baseline", 0.0), cell.get("current", 0.0)
        print(f"{name:<32}{base:>10.1f}{cur:>10.1f}{base - cur:>+8.1f}")
    for name in ("engine.anonymize", "engine.anonymize_many"):
        base, cur = rows[name]["baseline"], rows[name]["current"]
        print(f"{name}: {1e6 / base:,.0f} -> {1e6 / cur:,.0f} docs/CPU-s, speed-up {base / cur:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=3000, help="synthetic samples joined into narratives")
    ap.add_argument("--seed", type=int, default=20261125, help="bench uses its --seed + 1")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cprofile", action="store_true", help="also print the top 30 functions by own time")
    ap.add_argument(
        "--baseline", type=Path, help="folder holding an older anonymizer/ to profile side by side"
    )
    args = ap.parse_args()

    docs = speed_docs(generate(args.n, seed=args.seed))
    engine = anonymizer.AnonymizerEngine(b"profile-key", use_spacy=False)
    engine.anonymize(docs[0])
    avg = sum(map(len, docs)) / len(docs)
    print(f"# {len(docs)} narratives, {avg:.0f} characters on average; load average {os.getloadavg()[0]:.2f}")
    if args.baseline is not None:
        side_by_side(engine, load_baseline(args.baseline), docs, args.rounds)
        return
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
    many_s = total(engine, docs, args.rounds, batch=True)
    print(f"{'engine.anonymize_many':<32}{1e6 / many_s:>11.1f}   = {many_s:,.0f} docs/CPU-s")
    if args.cprofile:
        prof = cProfile.Profile()
        prof.enable()
        for t in docs:
            engine.anonymize(t)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
