"""The weekly run end to end in the hub: cluster, publish and deliver a week of approved cases.

    .venv/bin/python bench/publish.py [--cases 100000] [--members 1000] [--skip-clustering]

Builds a SQLite hub in a temporary folder with ``--members`` members (each with an e-mail address) and
``--cases`` approved cases in one ISO week (anonymized narratives of the project's synthetic generator,
reused), then times, through the hub's own services:

* ``patterns.run_period``   — the weekly clustering of that week (issue 4: ≤ 120 s for 100k);
* ``bulletins.publish``     — assemble from the database, build, render JSON + HTML + PDF in zh and en
                              (issue 6: ≤ 30 s for a week of 100k);
* ``deliveries.deliver_due`` — one e-mail per member to a real aiosmtpd server on 127.0.0.1
                              (issue 6: ≤ 60 s for 1,000 members).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--skip-clustering", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RISKHUB_INSTANCE_PATH"] = tmp
        run(tmp, args)


def run(tmp: str, args) -> None:
    from flask_migrate import upgrade

    from hub import create_app
    from hub.demo import generate_cases
    from hub.extensions import db
    from hub.models import Case, IndicatorSighting, Member, new_case_id
    from hub.services import bulletins, deliveries, patterns
    from hub.services.anonymization import engine, stored_findings
    from tests.servers import SmtpServer

    app = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "TOKEN_KEY": os.urandom(32), "SECRET_KEY": "bench"}
    )
    monday = datetime(2026, 11, 9)  # 2026-W46 starts Monday 00:00 Shanghai = Sunday 16:00 UTC
    rng = random.Random(1)
    with app.app_context():
        upgrade()
        t = time.perf_counter()
        db.session.execute(
            db.insert(Member),
            [
                {
                    "name": f"Member {i:04d}",
                    "code": f"M-{i:06d}",
                    "contact_email": f"risk{i}@bank{i}.example",
                    "language": "zh" if i % 3 else "en",
                    "status": "active",
                    "webhook_secret_version": 0,
                    "email_enabled": True,
                }
                for i in range(args.members)
            ],
        )
        member_ids = db.session.execute(db.select(Member.id)).scalars().all()
        base = generate_cases(2_000, seed=3)
        anonymized = engine().anonymize_many([row["narrative"] for row in base])
        cases, sightings = [], []
        for i in range(args.cases):
            row, result = base[i % len(base)], anonymized[i % len(base)]
            case_id = new_case_id()
            submitted = monday - timedelta(hours=8) + timedelta(seconds=rng.uniform(0, 7 * 86400 - 1))
            cases.append(
                {
                    "id": case_id,
                    "member_id": rng.choice(member_ids),
                    "external_ref": f"B-{i}",
                    "content_digest": case_id,
                    "occurred_at": submitted - timedelta(hours=5),
                    "submitted_at": submitted,
                    "fraud_type": row["fraud_type"],
                    "channel": row["channel"],
                    "mcc": row.get("mcc"),
                    "amount": row["amount"],
                    "currency": "CNY",
                    "region": row["region"][:20],
                    "narrative": result.text,
                    "language": result.language,
                    "findings": stored_findings(result.findings),
                    "residual": [],
                    "anonymizer_version": "bench",
                    "status": "approved",
                    "redactions": 0,
                }
            )
            for finding in result.findings:
                if finding.token and rng.random() < 0.5:
                    sightings.append(
                        {
                            "case_id": case_id,
                            "kind": finding.indicator_kind,
                            "token": finding.token,
                            "key_id": finding.key_id,
                            "source": "narrative",
                        }
                    )
            if len(cases) == 20_000:
                db.session.execute(db.insert(Case), cases)
                cases = []
        if cases:
            db.session.execute(db.insert(Case), cases)
        seen = set()
        unique = [
            s
            for s in sightings
            if (s["case_id"], s["kind"], s["token"]) not in seen
            and not seen.add((s["case_id"], s["kind"], s["token"]))
        ]
        db.session.execute(db.insert(IndicatorSighting), unique)
        db.session.commit()
        print(
            f"setup: {args.members} members, {args.cases} approved cases in 2026-W46, "
            f"{len(unique)} sightings ({time.perf_counter() - t:.0f} s)"
        )
        now = datetime(2026, 11, 16, 1, 0, tzinfo=UTC)
        if not args.skip_clustering:
            t = time.perf_counter()
            run_ = patterns.run_period("2026-W46")
            db.session.commit()
            print(
                f"weekly clustering: {run_.cases} cases -> {run_.patterns} patterns in "
                f"{time.perf_counter() - t:.1f} s  (target <= 120 s)"
            )
        t = time.perf_counter()
        bulletin, _ = bulletins.publish("2026-W46", now)
        db.session.commit()
        print(
            f"publish (assemble + build + JSON/HTML/PDF zh+en): {time.perf_counter() - t:.1f} s  "
            f"(target <= 30 s); PDF zh {len(bulletin.pdf_zh) // 1024} KiB"
        )
        with SmtpServer(parse=False) as smtp:
            app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port)
            t = time.perf_counter()
            result = deliveries.deliver_due(limit=10**9)
            elapsed = time.perf_counter() - t
            received = len(smtp.handler.messages)
        print(
            f"deliver: {result.sent} e-mails sent ({received} received by aiosmtpd), {result.failed} failed "
            f"in {elapsed:.1f} s  (target <= 60 s for 1,000 members)"
        )


if __name__ == "__main__":
    main()
