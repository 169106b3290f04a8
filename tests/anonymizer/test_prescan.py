"""The shared pre-scan: windowed / anchored pattern scans give exactly what a whole-text scan gives."""

from __future__ import annotations

import hmac
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import luhn

from anonymizer.checks import luhn_ok
from anonymizer.indicators import indicator_token
from anonymizer.recognizers.base import AnalysisContext, PatternRecognizer, anchored_finditer, digit_starts
from anonymizer.recognizers.registry import default_recognizers

from .conftest import TEST_KEY

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# digit-heavy text: runs, separators, cues and extensions the windowed recognizers read around numbers
PIECES = st.sampled_from(
    [
        *"0123456789", *"0123456789", " ", "-", ".", "(", ")", "+", "＋", "x", "X", "\t", "\n",
        "转", "卡号", "账号", "户号为", "account no. ", "to ", "手机", "电话", "call me at ", "phone: ",
        "ext. ", "6222021234567890123", "110101199003074477", "13812345678", "0571-88888888",
        "+86 (571) 8888-8888", "(415) 555-0132", "+44 20 7946 0958", "00 33 1 23 45 67 89", "St", "Main",
        "12 Main Street", " Apt 4", "王", "Ab", "İ", "١٢٣",
    ]
)  # fmt: skip
TEXT = st.lists(PIECES, max_size=40).map("".join)
WINDOWED = [r for r in default_recognizers() if isinstance(r, PatternRecognizer)]


def _ctx(text: str) -> AnalysisContext:
    return AnalysisContext(text=text, language="zh", has_cjk=True, has_latin=True)


def _key(results) -> list[tuple]:
    return [(r.entity_type, r.start, r.end, r.score, r.value, r.canonical) for r in results]


class _WholeText:
    """Turns the pre-scan off for one recognizer instance: every pattern over the whole text."""

    def __init__(self, rec: PatternRecognizer) -> None:
        self.rec = rec

    def __enter__(self) -> PatternRecognizer:
        rec = self.rec
        rec.scan_spans = lambda ctx: [(0, len(ctx.text))]  # type: ignore[method-assign]
        rec.iter_matches = lambda p, ctx: p.compiled.finditer(ctx.text)  # type: ignore[method-assign]
        rec.active_patterns = lambda ctx: rec.PATTERNS  # type: ignore[method-assign]
        if hasattr(rec, "_spans"):  # PhoneRecognizer: per-pattern windows
            rec._spans = lambda ctx, name: [(0, len(ctx.text))]
        return rec

    def __exit__(self, *exc: object) -> None:
        for name in ("scan_spans", "iter_matches", "active_patterns", "_spans"):
            self.rec.__dict__.pop(name, None)


@pytest.mark.parametrize("rec", WINDOWED, ids=lambda r: r.name)
@SETTINGS
@given(text=TEXT)
def test_windowed_scan_equals_whole_text_scan(rec: PatternRecognizer, text: str) -> None:
    fast = _key(rec.analyze(_ctx(text))) if rec.applies(_ctx(text)) else []
    with _WholeText(rec) as slow_rec:
        slow = _key(slow_rec.analyze(_ctx(text))) if rec.applies(_ctx(text)) else []
    assert fast == slow


@SETTINGS
@given(text=TEXT)
def test_anchored_finditer_equals_finditer(text: str) -> None:
    rx = re.compile(r"(?=\d)(?<![\w.])\d{1,6}[A-Za-z]?(?:-\d{1,4})?\s+[A-Z][a-z]+(?:\s+St)?")
    ctx = _ctx(text)
    got = [m.span() for m in anchored_finditer(rx, text, digit_starts(ctx))]
    assert got == [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("", []),
        ("卡号6222 0212-3456 7890", [(2, 21, 16)]),
        ("a1b22c", [(1, 2, 1), (3, 5, 2)]),
        ("12  34", [(0, 2, 2), (4, 6, 2)]),  # two spaces break a run
    ],
)
def test_digit_runs(text: str, runs: list[tuple[int, int, int]]) -> None:
    ctx = _ctx(text)
    assert ctx.runs == runs
    assert ctx.max_digits == max((n for *_, n in runs), default=0)


def test_windows_merge_and_clip() -> None:
    ctx = _ctx("1234567 abc 7654321" + "x" * 40 + "12345678")
    assert ctx.windows(7, 2, 3) == [(0, 22), (57, 67)]
    assert ctx.windows(8, 0, 0) == [(59, 67)]
    assert ctx.windows(9, 0, 0) == []


@given(st.text(st.sampled_from("0123456789٠١٢٣"), min_size=1, max_size=24))
def test_fast_luhn_agrees_with_stdnum(digits: str) -> None:
    assert luhn_ok(digits) == luhn.is_valid(digits)


def test_engine_tokens_equal_indicator_token(pattern_engine) -> None:
    res = pattern_engine.anonymize("手机13812345678，卡号4111 1111 1111 1111")
    tokens = {f.indicator_kind: f.token for f in res.findings}
    assert hmac.compare_digest(tokens["phone"], indicator_token(TEST_KEY, "phone", "+8613812345678"))
    assert hmac.compare_digest(tokens["card"], indicator_token(TEST_KEY, "card", "4111111111111111"))
