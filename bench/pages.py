"""Server time of the main web pages with many cases in SQLite (target: ≤ 300 ms per page).

Builds a throw-away SQLite database (migrated with Alembic) holding ``--cases`` cases spread over 12
weeks and 10 members (stored directly as anonymized rows: this measures the pages, not the anonymizer),
their indicator sightings, patterns with weekly figures, a published bulletin and an audit trail; signs
in one person of each role through the form; then requests every main page ``--runs`` times with Flask's
test client (no network: the figure is the server's time) and prints median, p95 and max per page.

    .venv/bin/python bench/pages.py --cases 100000 --runs 20
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TEMPLATES = [
    "持卡人[PERSON_1]在商户分{n}笔刷卡套现{amount}元，资金转入[BANK_CARD_1]，联系电话[PHONE_1]。",
    "受害人[PERSON_1]被拉入刷单返利群，先小额返利后连续转账共{amount}元至账户[BANK_ACCOUNT_1]。",
    "嫌疑人冒充电商平台客服致电[PERSON_1]（[PHONE_1]），诱导其通过屏幕共享转账{amount}元。",
    "Cardholder [PERSON_1] ran {n} POS transactions worth {amount} CNY at a merchant; phone [PHONE_1].",
]
FRAUD = ["card_cash_out", "task_scam", "impersonation_service", "mule_account", "phishing"]
PASSWORD = "bench password 123"


def build(app, n_cases: int, seed: int) -> dict:
    from bulletins.periods import period_of, shift_period
    from hub.extensions import db
    from hub.models import Case, IndicatorSighting, Pattern, PatternPeriod, utcnow
    from hub.services import audit, bulletins, members, users

    rng = random.Random(seed)
    with app.test_request_context():
        member_rows = [members.create_member(f"Bench Bank {i}", None, "zh") for i in range(10)]
        admin_member = members.create_member("Bench Secretariat", None, "zh")
        for member in member_rows[:2]:
            users.create_user(member, f"member{member.id}", PASSWORD, "member")
        users.create_user(member_rows[0], "subscriber1", PASSWORD, "subscriber")
        users.create_user(admin_member, "admin1", PASSWORD, "admin")
        db.session.commit()
        now = utcnow()
        tz = app.config["TIMEZONE"]
        period_now = period_of(now.replace(tzinfo=UTC), tz)
        periods = [shift_period(period_now, -w) for w in range(12)]
        patterns = []
        for index in range(60):
            pid = f"P{index:04d}"
            patterns.append(pid)
            db.session.add(
                Pattern(
                    id=pid,
                    label=f"模式 {index} 分笔刷卡套现",
                    keywords=["套现", "POS"],
                    language="zh",
                    status=rng.choice(["NEW", "GROWING", "STABLE", "FADING"]),
                    first_period=periods[-1],
                    last_period=periods[0],
                    fraud_type=rng.choice(FRAUD),
                    excerpts=["持卡人[PERSON_1]在商户分笔刷卡"],
                )
            )
            for period in periods:
                db.session.add(
                    PatternPeriod(
                        pattern_id=pid,
                        period=period,
                        size=rng.randint(5, 200),
                        members=rng.randint(1, 10),
                        amount_total=Decimal("12345.00"),
                        status="STABLE",
                        stats={},
                    )
                )
        db.session.commit()
        statuses = ["approved"] * 70 + ["pending"] * 20 + ["rejected"] * 8 + ["withdrawn"] * 2
        chunk: list[dict] = []
        sightings: list[dict] = []
        for index in range(n_cases):
            case_id = f"{index:032x}"
            status = rng.choice(statuses)
            submitted = now - timedelta(minutes=rng.randint(1, 12 * 7 * 24 * 60))
            text = rng.choice(TEMPLATES).format(n=rng.randint(2, 9), amount=rng.randint(500, 90000))
            chunk.append(
                {
                    "id": case_id,
                    "member_id": member_rows[index % 10].id,
                    "external_ref": f"B-{index}",
                    "content_digest": case_id * 2,
                    "occurred_at": submitted - timedelta(days=rng.randint(0, 10)),
                    "submitted_at": submitted,
                    "fraud_type": rng.choice(FRAUD),
                    "channel": "pos",
                    "mcc": "5411",
                    "amount": Decimal(rng.randint(500, 90000)),
                    "currency": "CNY",
                    "region": "浙江省杭州市",
                    "narrative": text,
                    "language": "zh",
                    "findings": [
                        {
                            "entity_type": "PERSON",
                            "out_start": 3,
                            "out_end": 13,
                            "score": 0.9,
                            "recognizer": "bench",
                            "placeholder": "[PERSON_1]",
                            "token": None,
                            "indicator_kind": None,
                            "key_id": None,
                        }
                    ],
                    "residual": []
                    if rng.random() > 0.1
                    else [
                        {
                            "kind": "digit_run",
                            "out_start": 0,
                            "out_end": 2,
                            "score": 0.6,
                            "message": "a run of digits remains",
                        }
                    ],
                    "anonymizer_version": "bench",
                    "status": status,
                    "moderation_reason": "叙述不完整" if status == "rejected" else None,
                    "pattern_id": rng.choice(patterns) if status == "approved" else None,
                }
            )
            sightings.append(
                {
                    "case_id": case_id,
                    "kind": "phone",
                    "token": f"t{rng.randint(0, 20000):08d}",
                    "key_id": "kbench",
                    "source": "narrative",
                }
            )
            if len(chunk) == 5000:
                db.session.execute(db.insert(Case), chunk)
                db.session.execute(db.insert(IndicatorSighting), sightings)
                db.session.commit()
                chunk, sightings = [], []
        if chunk:
            db.session.execute(db.insert(Case), chunk)
            db.session.execute(db.insert(IndicatorSighting), sightings)
        audit.record_many([("bench.event", "case", f"{i:032x}", {"n": i}) for i in range(2000)])
        db.session.commit()
        bulletin, _ = bulletins.publish(bulletins.last_complete_period())
        db.session.commit()
        a_case = db.session.execute(
            db.select(Case.id).where(Case.member_id == member_rows[0].id).limit(1)
        ).scalar_one()
        pending = db.session.execute(db.select(Case.id).where(Case.status == "pending").limit(1)).scalar_one()
        return {
            "member_user": f"member{member_rows[0].id}",
            "case": a_case,
            "pending": pending,
            "member_id": member_rows[0].id,
            "period": bulletin.period,
            "pattern": patterns[0],
        }


def signed_in(app, username: str):
    import re

    client = app.test_client()
    token = re.search(
        r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True)
    ).group(1)
    response = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, response.status_code
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--target-ms", type=float, default=300.0)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="riskhub-bench-pages-"))
    os.environ["RISKHUB_INSTANCE_PATH"] = str(folder / "instance")
    from flask_migrate import upgrade

    from hub import create_app

    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "TOKEN_KEY": bytes.fromhex("5a" * 32),
            "SECRET_KEY": "bench",
            "LOG_LEVEL": "WARNING",
        }
    )
    with app.app_context():
        upgrade()
    started = time.perf_counter()
    ids = build(app, args.cases, args.seed)
    print(f"built {args.cases:,} cases in {time.perf_counter() - started:.0f} s ({folder})")

    clients = {
        "member": signed_in(app, ids["member_user"]),
        "subscriber": signed_in(app, "subscriber1"),
        "admin": signed_in(app, "admin1"),
    }
    pages = [
        ("member", "/dashboard"),
        ("member", "/cases"),
        ("member", "/cases?status=rejected"),
        ("member", f"/cases/{ids['case']}"),
        ("member", "/cases/new"),
        ("member", "/cases/bulk"),
        ("member", "/lookup"),
        ("member", "/score"),
        ("member", "/patterns"),
        ("member", f"/patterns/{ids['pattern']}"),
        ("subscriber", "/bulletins"),
        ("subscriber", f"/bulletins/{ids['period']}"),
        ("admin", "/admin/moderation"),
        ("admin", f"/admin/moderation/{ids['pending']}"),
        ("admin", "/admin/members"),
        ("admin", f"/admin/members/{ids['member_id']}"),
        ("admin", "/admin/deliveries"),
        ("admin", "/admin/audit"),
    ]
    worst = 0.0
    print(f"{'page':46} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for role, path in pages:
        client = clients[role]
        assert client.get(path).status_code == 200, path  # warm-up (and a check)
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        worst = max(worst, p95)
        print(f"{role + ' ' + path[:38]:46} {statistics.median(times):10.1f} {p95:8.1f} {times[-1]:8.1f}")
    verdict = "met" if worst <= args.target_ms else "NOT met"
    print(f"worst p95 {worst:.1f} ms; target <= {args.target_ms:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
