"""The shared pre-scan: windowed / anchored pattern scans give exactly what a whole-text scan gives."""

from __future__ import annotations

import hmac
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import luhn

from anonymizer import preservation, residual
from anonymizer.checks import luhn_ok
from anonymizer.indicators import canonicalize_indicator, indicator_token
from anonymizer.recognizers.base import AnalysisContext, PatternRecognizer, anchored_finditer, digit_starts
from anonymizer.recognizers.generic import iban_recognizer
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
        "12 Main Street", " Apt 4", "王", "Ab", "İ", "١٢٣", " office", "-Fax", "card ", "cc ", "registered ",
        "answering at ", "501812345673", "gb82west12345698765432", "ſ", "K",
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


# -- cheaper forms of the same scans: each must give exactly what the plain form gives ------------------
REF_PIECES = st.sampled_from(
    [
        *"0123456789", " ", "-", ":", "#", ".", "\n", "为", "是", " is", "订单号", "商户号", "交易", "流水",
        "order", "Order No.", "txn", "ref", "Ref.", "case #", "merchant id", "BIN", "MCC", "ordering",
        "preorder", "a", "Z", "é", "Mr", "Dr.", "called", "cardholder", "named", "Smith", "John", "*", "X",
    ]
)  # fmt: skip
REF_TEXT = st.lists(REF_PIECES, max_size=30).map("".join)


def _after_reference_keyword_plain(text: str, start: int) -> bool:
    """The plain suffix scan the keyword table replaced: every suffix length of the window in turn."""
    k, n = start, 0
    while k > 0 and n <= 12 and text[k - 1] in preservation._VALUE_CHARS:
        k, n = k - 1, n + 1
    if n > 12:
        return False
    window = text[max(0, k - preservation._REF_MAX - 6) : k].rstrip(preservation._SEP_CHARS)
    for _ in range(2):
        for word in ("为", "是", " is"):
            if window.endswith(word):
                window = window[: -len(word)].rstrip(preservation._SEP_CHARS)
    if not window:
        return False
    last = window[-1]
    if "\u4e00" <= last <= "\u9fff":
        return any(window.endswith(w) for w in preservation._REF_WORDS_ZH if w[-1] == last)
    low = " ".join(window.lower().split())
    for size in range(2, min(preservation._REF_MAX, len(low)) + 1):
        if low[-size:] in preservation._REF_WORDS_EN and (size == len(low) or not low[-size - 1].isalpha()):
            return True
    return False


@SETTINGS
@given(text=REF_TEXT)
def test_reference_keyword_table_equals_suffix_scan(text: str) -> None:
    for start in range(len(text) + 1):
        assert preservation._after_reference_keyword(text, start) == _after_reference_keyword_plain(
            text, start
        )


#: the residual scan's patterns as first written; the module's versions are reordered / gated for speed
RESIDUAL_PLAIN = {
    "_DIGIT_RUN": r"(?<![0-9*])\d(?:[\s\-.]?\d){6,}(?![0-9])",
    "_REFERENCE": r"(?:订单|流水|交易|商户|终端|批次|凭证|授权|案件|案号|工单|报案|单号|编号|运单|发票|合同|保单|MCC|BIN|MID|TID|"
    r"(?i:order|txn|transaction|ref|case|merchant|terminal|ticket|invoice|tracking|batch))[^\n]{0,12}$",
    "_ROLE_EN": r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?|\b(?:cardholder|victim|suspect|customer|holder|payee|name(?:d)?|"
    r"called))\s+(?P<v>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)",
}


@pytest.mark.parametrize("name", sorted(RESIDUAL_PLAIN))
@SETTINGS
@given(text=REF_TEXT)
def test_residual_patterns_equal_their_plain_form(name: str, text: str) -> None:
    fast, plain = getattr(residual, name), re.compile(RESIDUAL_PLAIN[name])
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    tail = text[-24:]
    assert bool(fast.search(tail)) == bool(plain.search(tail))


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("GB82 WEST 1234", [0]),
        ("iban gb82west12345698765432", [5]),
        ("xGB82 Gb82 gB82 AB1", []),  # glued to a word, mixed case, one digit
        ("DE89 FR76", [0, 5]),
    ],
)
def test_iban_start_positions(text: str, starts: list[int]) -> None:
    assert [m.start() - 2 for m in iban_recognizer._START.finditer(text)] == starts


def test_memo_is_per_context() -> None:
    a, b = _ctx("GB82 WEST 1234 5698 7654 32"), _ctx("no iban here")
    rec = iban_recognizer.IbanRecognizer()
    assert rec.applies(a) and not rec.applies(b)
    assert a.memo and not b.memo.get("iban_starts")


@given(st.text(st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz"), min_size=15, max_size=34))
def test_mod97_prefilter_is_implied_by_stdnum(value: str) -> None:
    from stdnum.iso7064 import mod_97_10

    assert iban_recognizer._mod97_ok(value) == mod_97_10.is_valid((value[4:] + value[:4]).upper())


@pytest.mark.parametrize(
    "address",
    [
        "TF7nvd12kijsKHXPriBqiYGy2KAwLMR7eU",
        "1QHcPTmBgefshuXn6hHGxQG5xDHVFZyAU5",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ",
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x52908400098527886e0f7030069857d2e4169ee7",
        "0X52908400098527886E0F7030069857D2E4169EE7",
    ],
)
def test_wallet_canonical_is_a_fixed_point(address: str) -> None:
    # the engine reuses the recognizer's canonical form as the token's canonical form for wallets
    canonical = canonicalize_indicator("wallet", address)
    assert canonicalize_indicator("wallet", canonical) == canonical


# street lines: numbers glued to words / dots / slashes / dashes, cues of the "after_address_cue" pattern
ADDRESS_PIECES = st.sampled_from(
    [
        *"0123456789", *"0123456789", " ", " ", "\t", "\n", ",", ".", "-", "/", "_", "a", "Z", "é", "١",
        "²", "ſ", "İ", "12 Main Street", "7, rue Bonnin", "3/4 Elm Road", "55 Oak Ave", " Apt 4", "Springfield, IL 62704",
        "lives at ", "LIVES AT ", "liveſ at ", "Lİving at ", "located at ", "reside at ", "address: ",
        "Address is ", "billing addreſſ: ", " at ", "that ", "PO Box 12", "Studio 4\n",
    ]
)  # fmt: skip
ADDRESS_TEXT = st.lists(ADDRESS_PIECES, max_size=30).map("".join)


@SETTINGS
@given(text=ADDRESS_TEXT)
def test_address_cue_gate_never_drops_a_match(text: str) -> None:
    from anonymizer.recognizers.en.en_address_recognizer import EnAddressRecognizer

    rec = EnAddressRecognizer()
    cue = EnAddressRecognizer.PATTERNS[4]
    if cue.compiled.search(text) is not None:
        assert cue in rec.active_patterns(_ctx(text))


@pytest.mark.parametrize(
    ("haystack", "words", "expected"),
    [
        ("call me at 555", ("phone", "call"), True),
        ("转账到账户", ("账",), True),
        ("", ("a",), False),
        ("anything", (), False),
        ("phonetic", ("phone",), True),
        ("ph one", ("phone", "tel"), False),
    ],
)
def test_contains_any_equals_any(haystack: str, words: tuple[str, ...], expected: bool) -> None:
    from anonymizer.recognizers.base import contains_any

    assert contains_any(haystack, words) is expected
    assert contains_any(haystack, words) == any(w in haystack for w in words)


DATE_PIECES = st.sampled_from(
    [*"0123456789", *"0123456789", "19", "20", "2024", "1999", " ", ".", "-", "/", ":", "：", "年", "月", "日", "号",
     "٣", "a", "12:30", "2024-03-05", "3月5日", "1/2/99", "2023年4月"]
)  # fmt: skip


@SETTINGS
@given(text=st.lists(DATE_PIECES, max_size=30).map("".join), data=st.data())
def test_date_time_substring_gate_never_drops_a_match(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    for rx in (preservation._DATE, preservation._TIME):
        if not preservation._may_match(rx, text[lo:hi]):
            assert next(rx.finditer(text, lo, hi), None) is None


@pytest.mark.parametrize(
    ("text", "start", "end", "blocked"),
    [
        ("paid on 2024-03-05 by card", 8, 18, True),
        ("at 12:30 the call came", 3, 8, True),
        ("call 415-555-0132 now", 5, 17, False),
        ("2023年4月 the account 6222021234567890", 23, 39, False),
        ("于3月5日 13812345678", 7, 18, False),
    ],
)
def test_is_blocked_date_and_time(text: str, start: int, end: int, blocked: bool) -> None:
    assert preservation.is_blocked(text, "PHONE", start, end) is blocked


NANP_PIECES = st.sampled_from([*"0123456789", *"23456789", " ", "-", ".", "+", "٣", "x", "\n", "4155550132"])


@SETTINGS
@given(text=st.lists(NANP_PIECES, max_size=40).map("".join))
def test_bare_nanp_gate_never_drops_a_match(text: str) -> None:
    from anonymizer.recognizers.generic import phone_recognizer

    bare = phone_recognizer.PhoneRecognizer.PATTERNS[2]
    if bare.compiled.search(text) is not None:
        assert phone_recognizer._has_ten_digit_block(_ctx(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call 4155550132 now", True),
        ("٣4155550132", True),  # a non-ASCII digit may stand right before the number
        ("card 4111 1111 1111 1111", False),
        ("mobile 13812345678", False),
        ("+86 138 1234 5678", False),
        ("acct 6222021234567890123", False),
        ("", False),
    ],
)
def test_ten_digit_block(text: str, expected: bool) -> None:
    from anonymizer.recognizers.generic import phone_recognizer

    assert phone_recognizer._has_ten_digit_block(_ctx(text)) is expected
