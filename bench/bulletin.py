"""Benchmark: build and render a weekly bulletin from 100k approved cases, then e-mail 1,000 members.

Targets (issue 6): build + render (aggregate, content, JSON, charts, HTML and PDF in zh and en) of a
week of 100k approved cases in <= 30 s; delivery to 1,000 recipients over a local SMTP server
(aiosmtpd on loopback, one connection reused, PDF attached) in <= 60 s.

Run: ``.venv/bin/python bench/bulletin.py`` (``--help`` for options). Cases are synthetic (Faker
zh_CN pools, fixed seed); no research data set is read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bulletins
from bulletins import periods
from bulletins.actions import FRAUD_TYPES
from bulletins.delivery import SmtpSender, build_email

CHANNELS = ["pos", "online", "mobile_app", "qr_code", "atm", "transfer", "third_party"]
MCCS = [
    "5094",
    "5944",
    "5411",
    "5999",
    "5732",
    "5816",
    "6011",
    "6051",
    "4829",
    "7995",
    "5045",
    "7011",
    "5812",
]
KINDS = ["PHONE", "CARD", "ACCOUNT", "DEVICE", "EMAIL"]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def make_cases(
    period: str, n_current: int, n_history: int, members: int, n_patterns: int, seed: int
) -> list[dict]:
    """Synthetic approved cases: ``n_current`` in ``period``, ``n_history`` in each of the 4 weeks before."""
    from faker import Faker

    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    cities = sorted({fake.city() for _ in range(200)})[:60]
    member_ids = [f"M-{i:04d}" for i in range(members)]
    member_weights = [1.0 / (i + 1) ** 0.6 for i in range(members)]
    fraud_weights = [8, 3, 5, 6, 4, 2, 3, 4, 3, 4, 3, 5, 2, 2, 1][: len(FRAUD_TYPES)]
    tokens = [(rng.choice(KINDS), f"tk_{rng.getrandbits(64):016x}") for _ in range(20_000)]
    hot_tokens = tokens[:300]
    zone = periods.get_zone("Asia/Shanghai")
    cases: list[dict] = []
    window = [*periods.previous_periods(period, 4), period]
    for p, count in zip(window, [n_history] * 4 + [n_current], strict=True):
        start, _ = periods.period_window(p, "Asia/Shanghai")
        t0 = start.timestamp()
        member_pick = rng.choices(member_ids, member_weights, k=count)
        fraud_pick = rng.choices(FRAUD_TYPES, fraud_weights, k=count)
        for i in range(count):
            ts = t0 + rng.random() * 7 * 86400
            n_ind = rng.choice((0, 1, 1, 2))
            indicators = [rng.choice(hot_tokens if rng.random() < 0.3 else tokens) for _ in range(n_ind)]
            cases.append(
                {
                    "member": member_pick[i],
                    "submitted_at": dt.datetime.fromtimestamp(ts, zone),
                    "fraud_type": fraud_pick[i],
                    "channel": rng.choice(CHANNELS),
                    "region": rng.choice(cities),
                    "mcc": rng.choice(MCCS),
                    "amount": round(rng.lognormvariate(8.5, 1.2), 2),
                    "pattern_id": f"P-{rng.randrange(n_patterns):03d}" if rng.random() < 0.6 else None,
                    "indicators": [{"kind": k, "token": t} for k, t in indicators],
                }
            )
    return cases


def make_patterns(n: int, seed: int) -> list[dict]:
    from faker import Faker

    rng = random.Random(seed + 1)
    fake = Faker("zh_CN")
    fake.seed_instance(seed + 1)
    statuses = ["NEW", "GROWING", "STABLE", "FADING"]
    return [
        {
            "pattern_id": f"P-{i:03d}",
            "status": statuses[i % 4] if i < 12 else rng.choice(["STABLE", "FADING"]),
            "label": f"{fake.word()}{rng.choice(['POS套现', '冒充客服退款', '跑分账户', '刷单返利'])}",
            "keywords": [fake.word() for _ in range(6)],
            "excerpt": "客户[PERSON]反映在[ADDRESS]附近商户连续刷卡，" + fake.sentence(nb_words=20),
            "fraud_type": FRAUD_TYPES[i % len(FRAUD_TYPES)],
            "feedback": {"seen": rng.randint(0, 9), "not_relevant": rng.randint(0, 3)},
        }
        for i in range(n)
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Counter:
    """aiosmtpd handler that counts messages and bytes per recipient."""

    def __init__(self):
        self.per_recipient: dict[str, int] = {}
        self.bytes = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.per_recipient[rcpt] = self.per_recipient.get(rcpt, 0) + 1
            self.bytes += len(envelope.original_content or envelope.content)
        return "250 OK"


def smtp_server_process(conn) -> None:
    """Run aiosmtpd on loopback in its own process (as a real mail server would be); report counts."""
    from aiosmtpd.controller import Controller

    handler = Counter()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), data_size_limit=0)
    controller.start()
    conn.send(controller.port)
    conn.recv()  # "stop"
    controller.stop()
    conn.send((handler.per_recipient, handler.bytes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--period", default="2026-W47")
    parser.add_argument(
        "--cases", type=int, default=100_000, help="approved cases in the week (default 100000)"
    )
    parser.add_argument(
        "--history-cases", type=int, default=20_000, help="cases in each of the 4 weeks before"
    )
    parser.add_argument("--members", type=int, default=80, help="reporting member institutions")
    parser.add_argument("--patterns", type=int, default=40)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--recipients", type=int, default=1000, help="e-mail recipients (0: skip delivery)")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--out", type=Path, help="write the JSON, HTML and PDF renderings here")
    args = parser.parse_args(argv)

    print(
        f"machine: {os_cpu()} | python {platform.python_version()} | "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    )
    t = time.perf_counter()
    cases = make_cases(args.period, args.cases, args.history_cases, args.members, args.patterns, args.seed)
    patterns = make_patterns(args.patterns, args.seed)
    print(
        f"generated {len(cases):,} synthetic cases ({args.cases:,} in {args.period}) "
        f"in {time.perf_counter() - t:.1f} s"
    )

    steps: list[tuple[str, float]] = []

    def timed(name, fn):
        start = time.perf_counter()
        result = fn()
        steps.append((name, time.perf_counter() - start))
        return result

    start_all = time.perf_counter()
    data = timed(
        "aggregate",
        lambda: bulletins.aggregate(
            cases, period=args.period, k=args.k, generated_at="2026-11-23T08:00:00+08:00", patterns=patterns
        ),
    )
    content = timed("build_content", lambda: bulletins.build_content(data))
    raw = timed("render_json", lambda: bulletins.render_json(content))
    digest = bulletins.digest(raw)
    renderings = {}
    for lang in ("zh", "en"):
        charts = timed(f"charts {lang}", lambda lang=lang: bulletins.render_charts(content, lang))
        html = timed(
            f"html {lang}",
            lambda lang=lang, charts=charts: bulletins.render_html(content, lang, charts=charts),
        )
        pdf = timed(f"pdf {lang}", lambda lang=lang: bulletins.render_pdf(content, lang))
        renderings[lang] = (html, pdf)
    total_render = time.perf_counter() - start_all
    for name, seconds in steps:
        print(f"  {name:<14} {seconds:7.2f} s")
    print(
        f"BUILD+RENDER {total_render:.2f} s (target <= 30 s) {'PASS' if total_render <= 30 else 'FAIL'} | "
        f"json {len(raw) / 1024:.0f} KiB, digest {digest[:16]}…, "
        f"html zh {len(renderings['zh'][0]) / 1024:.0f} KiB, "
        f"pdf zh {len(renderings['zh'][1]) / 1024:.0f} KiB / en {len(renderings['en'][1]) / 1024:.0f} KiB, "
        f"patterns described {content['patterns_summary']['described']}/"
        f"{content['patterns_summary']['total']}, "
        f"indicators listed {content['indicators_summary']['listed']}"
    )
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / f"bulletin-{args.period}.json").write_bytes(raw)
        for lang, (html, pdf) in renderings.items():
            (args.out / f"bulletin-{args.period}-{lang}.html").write_text(html, "utf-8")
            (args.out / f"bulletin-{args.period}-{lang}.pdf").write_bytes(pdf)

    if args.recipients <= 0:
        return 0 if total_render <= 30 else 1
    import multiprocessing

    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=smtp_server_process, args=(child,), daemon=True)
    server.start()
    port = parent.recv()
    recipients = [
        (f"risk{i:04d}@member{i:04d}.test", "en" if i % 3 == 0 else "zh") for i in range(args.recipients)
    ]
    try:
        start = time.perf_counter()
        with SmtpSender("127.0.0.1", port, timeout=30) as sender:
            for i, (address, lang) in enumerate(recipients):
                html, pdf = renderings[lang]
                message = build_email(
                    content,
                    lang,
                    address,
                    "RiskHub <bulletins@riskhub.test>",
                    html,
                    pdf,
                    message_id=f"bench-{args.period}-{i}",
                    digest=digest,
                )
                sender.send(message)
        deliver = time.perf_counter() - start
    finally:
        parent.send("stop")
        per_recipient, received_bytes = parent.recv()
        server.join(10)
    exactly_once = len(per_recipient) == len(recipients) and set(per_recipient.values()) == {1}
    print(
        f"DELIVER {len(recipients)} e-mails {deliver:.2f} s (target <= 60 s) "
        f"{'PASS' if deliver <= 60 else 'FAIL'} | {len(recipients) / deliver:.0f} msg/s, "
        f"{received_bytes / 2**20:.0f} MiB over SMTP, exactly one per recipient: {exactly_once}"
    )
    return 0 if total_render <= 30 and deliver <= 60 and exactly_once else 1


def os_cpu() -> str:
    import os

    return f"{os.cpu_count()} CPU(s), {cpu_model()}"


if __name__ == "__main__":
    raise SystemExit(main())
