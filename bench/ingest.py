"""Bulk ingestion through the HTTP API: cases per second on SQLite and PostgreSQL.

    .venv/bin/python bench/ingest.py [--cases 10000] [--batch 1000] [--postgres URL]

A real server (werkzeug, threaded) on 127.0.0.1 receives the uploads; the cases are the project's mixed
zh / en synthetic narratives with personal data (``hub.demo.generate_cases``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def fresh_postgres(url: str) -> str:
    """A new, empty ``riskhub_bench`` database on the server of *url*."""
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    admin = sa.create_engine(parsed, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text("DROP DATABASE IF EXISTS riskhub_bench WITH (FORCE)"))
        conn.execute(sa.text("CREATE DATABASE riskhub_bench"))
    admin.dispose()
    return parsed.set(database="riskhub_bench").render_as_string(hide_password=False)


def run(url: str, cases: list[dict], batch: int, label: str, spacy: bool = True) -> dict:
    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from hub import create_app
    from hub.extensions import db
    from hub.services import members

    app = create_app(
        {"DATABASE_URL": url, "TOKEN_KEY": os.urandom(32), "SECRET_KEY": "bench", "ANONYMIZER_SPACY": spacy}
    )
    with app.app_context():
        upgrade()
        member = members.create_member(f"bench-{time.time_ns()}")
        secret = members.issue_key(member, "member").secret
        db.session.commit()
        from hub.services.anonymization import engine

        engine().anonymize("warm up 13812345678")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    endpoint = f"http://127.0.0.1:{server.server_port}/api/v1/cases/bulk"
    created = 0
    start = time.perf_counter()
    for offset in range(0, len(cases), batch):
        body = json.dumps(cases[offset : offset + batch], ensure_ascii=False).encode()
        request = urllib.request.Request(
            endpoint,
            data=body,
            method="POST",
            headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=600) as response:
            created += json.load(response)["created"]
    elapsed = time.perf_counter() - start
    server.shutdown()
    assert created == len(cases), f"only {created} of {len(cases)} created"
    rate = created / elapsed
    print(f"{label:<11} {created} cases in {elapsed:6.1f} s  ->  {rate:7.0f} cases/s (batch {batch})")
    return {"backend": label, "cases": created, "seconds": round(elapsed, 2), "cases_per_s": round(rate)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument(
        "--pattern-layer",
        action="store_true",
        help="anonymize with the pattern layer only (RISKHUB_ANONYMIZER_SPACY=false)",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("RISKHUB_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
        help="PostgreSQL server URL ('' to skip); the bench uses a fresh database riskhub_bench on it",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RISKHUB_INSTANCE_PATH"] = tmp
        from hub.demo import generate_cases

        cases = generate_cases(args.cases, seed=7)
        chars = sum(len(c["narrative"]) for c in cases) / len(cases)
        print(f"machine: {os.cpu_count()} cores, {_cpu()}; python {platform.python_version()}")
        print(f"corpus: {len(cases)} synthetic zh/en cases, mean narrative {chars:.0f} characters")
        spacy = not args.pattern_layer
        print(f"anonymizer: {'full pipeline (spaCy + recognizers)' if spacy else 'pattern layer only'}")
        run(f"sqlite:///{tmp}/bench.sqlite3", cases, args.batch, "sqlite", spacy)
        if args.postgres:
            run(fresh_postgres(args.postgres), cases, args.batch, "postgresql", spacy)


if __name__ == "__main__":
    main()
