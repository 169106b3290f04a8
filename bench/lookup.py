"""Indicator look-up latency: 1,000-value batches against a SQLite hub holding 1M indicator sightings.

Builds a throw-away database (Alembic migrations, then Core bulk inserts of members, cases, patterns and
sightings whose tokens are real keyed tokens of synthetic phone numbers), then sends look-up batches
through the Flask test client (the whole request: auth, schema, canonicalisation, HMAC, queries, audit
event, commit) and prints p50 / p95 / max latency.

    .venv/bin/python bench/lookup.py                      # 1M sightings, 30 batches of 1,000
    .venv/bin/python bench/lookup.py --sightings 100000 --batches 10
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TOKEN_KEY = bytes.fromhex("5a" * 32)


def _phone(i: int) -> str:
    return f"139{i:08d}"


def build(app, members: int, cases: int, sightings: int, pool: int, seed: int) -> None:
    import anonymizer
    from hub.extensions import db
    from hub.models import Case, IndicatorSighting, Member, Pattern

    rng = random.Random(seed)
    key, key_id = app.config["TOKEN_KEY"], app.config["TOKEN_KEY_ID"]
    with app.app_context():
        db.session.execute(
            db.insert(Member),
            [{"name": f"Bench Bank {i}", "code": f"M-B{i:05d}", "language": "zh"} for i in range(members)],
        )
        member_ids = db.session.execute(db.select(Member.id)).scalars().all()
        db.session.execute(
            db.insert(Pattern),
            [
                {
                    "id": f"P-{i:05d}",
                    "label": "bench",
                    "keywords": [],
                    "status": "STABLE",
                    "first_period": "2026-W40",
                    "last_period": "2026-W46",
                    "excerpts": [],
                }
                for i in range(200)
            ],
        )
        db.session.commit()
        t0 = time.perf_counter()
        tokens = [
            anonymizer.indicator_token(key, "phone", anonymizer.canonicalize_indicator("phone", _phone(i)))
            for i in range(pool)
        ]
        print(f"tokens for {pool:,} values: {time.perf_counter() - t0:.1f}s", flush=True)
        base = datetime(2026, 6, 1)
        per_case = max(1, sightings // cases)
        case_rows, sighting_rows = [], []
        made = 0
        t0 = time.perf_counter()
        for n in range(cases):
            case_id = uuid.UUID(int=rng.getrandbits(128)).hex
            occurred = base + timedelta(minutes=rng.randrange(60 * 24 * 170))
            case_rows.append(
                {
                    "id": case_id,
                    "member_id": rng.choice(member_ids),
                    "external_ref": f"B-{n}",
                    "content_digest": "0" * 64,
                    "occurred_at": occurred,
                    "submitted_at": occurred + timedelta(hours=rng.randrange(1, 96)),
                    "fraud_type": "card_cash_out",
                    "narrative": "商户通过POS机分笔刷卡套现。",
                    "language": "zh",
                    "findings": [],
                    "residual": [],
                    "anonymizer_version": "bench",
                    "status": "approved" if rng.random() < 0.9 else "pending",
                    "redactions": 0,
                    "pattern_id": f"P-{rng.randrange(200):05d}" if rng.random() < 0.5 else None,
                }
            )
            for token in {tokens[rng.randrange(pool)] for _ in range(per_case)}:
                if made < sightings:
                    sighting_rows.append(
                        {
                            "case_id": case_id,
                            "kind": "phone",
                            "token": token,
                            "key_id": key_id,
                            "source": "submitted",
                        }
                    )
                    made += 1
            if len(case_rows) >= 20_000:
                db.session.execute(Case.__table__.insert(), case_rows)
                db.session.execute(IndicatorSighting.__table__.insert(), sighting_rows)
                case_rows, sighting_rows = [], []
        if case_rows:
            db.session.execute(Case.__table__.insert(), case_rows)
            db.session.execute(IndicatorSighting.__table__.insert(), sighting_rows)
        db.session.commit()
        # what a clustering run leaves: one week of figures per pattern, with its distinct members
        db.session.execute(
            db.text(
                "INSERT INTO pattern_period (pattern_id, period, size, members, amount_total, status, stats) "
                "SELECT pattern_id, '2026-W46', count(*), count(DISTINCT member_id), 0, 'STABLE', '{}' "
                "FROM \"case\" WHERE pattern_id IS NOT NULL AND status = 'approved' GROUP BY pattern_id"
            )
        )
        db.session.commit()
        db.session.execute(db.text("ANALYZE"))
        db.session.commit()
        print(f"inserted {cases:,} cases and {made:,} sightings: {time.perf_counter() - t0:.1f}s", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sightings", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=0, help="default: sightings / 4")
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument(
        "--pool", type=int, default=0, help="distinct indicator values; default sightings / 2.5"
    )
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--batches", type=int, default=30)
    parser.add_argument(
        "--hit-rate", type=float, default=0.5, help="share of looked-up values that were reported"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", help="folder for the database (default: a temporary one)")
    args = parser.parse_args(argv)
    cases = args.cases or max(1, args.sightings // 4)
    pool = args.pool or max(1, int(args.sightings / 2.5))

    folder = Path(args.keep or tempfile.mkdtemp(prefix="riskhub-bench-lookup-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["RISKHUB_INSTANCE_PATH"] = str(folder / "instance")
    from flask_migrate import upgrade

    from hub import create_app
    from hub.extensions import db
    from hub.services import members

    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    fresh = not (folder / "bench.sqlite3").exists()
    app = create_app(
        {
            "DATABASE_URL": url,
            "TOKEN_KEY": TOKEN_KEY,
            "SECRET_KEY": "bench",
            "LOOKUP_RATE_LIMIT": "100000/minute",
            "LOOKUP_MAX_VALUES": max(1000, args.batch),
            "LOG_LEVEL": "WARNING",
        }
    )
    with app.app_context():
        upgrade()
    if fresh:
        build(app, args.members, cases, args.sightings, pool, args.seed)
    with app.app_context():
        issued = members.issue_key(members.create_member(f"Bench Caller {time.time_ns()}"), "member")
        db.session.commit()
        headers = {"Authorization": f"Bearer {issued.secret}"}
    client = app.test_client()
    rng = random.Random(args.seed + 1)
    latencies, cpu, matched = [], [], 0
    for b in range(args.batches + 1):
        values = []
        for _ in range(args.batch):
            i = rng.randrange(pool) if rng.random() < args.hit_rate else pool + rng.randrange(10**7)
            values.append({"type": "phone", "value": _phone(i)})
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.post("/api/v1/indicators/lookup", json={"values": values}, headers=headers)
        elapsed = (time.perf_counter() - t0) * 1000
        spent = (time.process_time() - c0) * 1000
        assert response.status_code == 200, response.get_data(as_text=True)[:200]
        if b == 0:
            continue  # warm-up (engine, caches)
        latencies.append(elapsed)
        cpu.append(spent)
        matched += sum(1 for r in response.get_json()["results"] if r.get("reported"))
    latencies.sort()
    cpu.sort()

    def p95_of(xs):
        return xs[min(len(xs) - 1, int(round(0.95 * len(xs))) - 1)]

    p95 = p95_of(latencies)
    print(
        f"look-up of {args.batch:,} values against {args.sightings:,} sightings, {args.batches} batches: "
        f"p50 {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms "
        f"(values reported: {matched / (args.batch * args.batches):.0%}; target p95 <= 200 ms)"
    )
    print(
        f"CPU time of this process per batch (less sensitive to other load on the machine): "
        f"p50 {statistics.median(cpu):.0f} ms, p95 {p95_of(cpu):.0f} ms; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
