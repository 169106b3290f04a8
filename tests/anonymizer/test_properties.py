"""Property-based tests: anonymizing never raises, spans are valid, detected values never survive."""

from __future__ import annotations

import inspect
import re
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.cn import ric

import anonymizer
from anonymizer import indicators, mask_spans

from .conftest import TEST_KEY

ENGINE = anonymizer.AnonymizerEngine(TEST_KEY, use_spacy=True)
PATTERN_ENGINE = anonymizer.AnonymizerEngine(TEST_KEY, use_spacy=False)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ALPHABET = st.sampled_from(
    list(string.ascii_letters + string.digits + " .,:;@+-()/#_\n")
    + list("持卡人王李张刘先生女士手机号码身份证银行卡账户地址省市区路号室，。：（）·【】某元订单")
    + ["\u0000", "\u200b", "😀", "é", "ß", "\U0001f4f1"]
)
TEXT = st.text(ALPHABET, max_size=200)


def check_result(text: str, res: anonymizer.AnonymizerResult) -> None:
    """Spans are valid and ordered; text outside the findings is copied unchanged."""
    prev_end, prev_out = 0, 0
    rebuilt = []
    for f in res.findings:
        assert 0 <= prev_end <= f.start < f.end <= len(text)
        assert prev_out <= f.out_start < f.out_end <= len(res.text)
        assert res.text[f.out_start : f.out_end] == f.placeholder
        assert f.out_start - prev_out == f.start - prev_end  # the gap is copied as is
        rebuilt.append(text[prev_end : f.start])
        rebuilt.append(f.placeholder)
        prev_end, prev_out = f.end, f.out_end
        assert 0.0 <= f.score <= 1.0
    rebuilt.append(text[prev_end:])
    assert "".join(rebuilt) == res.text
    for w in res.residual:
        assert 0 <= w.out_start < w.out_end <= len(res.text)


@SETTINGS
@given(TEXT)
def test_anonymize_never_raises_and_spans_are_valid(text):
    for eng in (ENGINE, PATTERN_ENGINE):
        check_result(text, eng.anonymize(text))


@SETTINGS
@given(st.lists(TEXT, max_size=5))
def test_batch_equals_single(texts):
    assert [r.to_dict() for r in ENGINE.anonymize_many(texts)] == [
        ENGINE.anonymize(t).to_dict() for t in texts
    ]


@st.composite
def cn_id(draw):
    body = (
        draw(st.sampled_from(["110105", "330106", "440305"]))
        + draw(
            st.dates(
                min_value=__import__("datetime").date(1950, 1, 1),
                max_value=__import__("datetime").date(2005, 12, 31),
            )
        ).strftime("%Y%m%d")
        + draw(st.from_regex(r"\A[0-9]{3}\Z"))
    )
    return body + ric.calc_check_digit(body + "0")


@st.composite
def card(draw):
    body = draw(st.sampled_from(["622848", "621700", "4", "51", "5425"]))
    n = draw(st.sampled_from([16, 19])) - len(body) - 1
    body += draw(st.from_regex(rf"\A[0-9]{{{n}}}\Z"))
    return body + luhn.calc_check_digit(body)


PII = st.one_of(
    st.from_regex(r"\A1[3-9][0-9]{9}\Z").map(lambda s: ("PHONE", s)),
    cn_id().map(lambda s: ("CN_ID", s)),
    card().map(lambda s: ("BANK_CARD", s)),
    st.from_regex(r"\A[a-z][a-z0-9._+]{0,15}[a-z0-9]@[a-z0-9]{2,10}\.(com|cn|net|org)\Z").map(
        lambda s: ("EMAIL", s)
    ),
)
FILLER = st.sampled_from(
    ["持卡人称", "，", "。", " ", "嫌疑人使用", "Call ", " then ", "的卡", "来电", "邮箱 ", "账户被盗刷"]
)


@SETTINGS
@given(st.lists(st.tuples(FILLER, PII), min_size=1, max_size=4), FILLER)
def test_detected_values_never_survive(parts, tail):
    text = "".join(f + v for f, (_, v) in parts) + tail
    for eng in (ENGINE, PATTERN_ENGINE):
        res = eng.anonymize(text)
        check_result(text, res)
        for f in res.findings:
            value = text[f.start : f.end]
            if len(value) >= 6:
                assert value not in res.text
        for entity, value in [p for _, p in parts]:
            assert value not in res.text, (entity, res.to_dict())


@SETTINGS
@given(TEXT, st.lists(st.tuples(st.integers(0, 250), st.integers(0, 40)), max_size=4))
def test_mask_spans_never_unmasks(text, raw_spans):
    res = PATTERN_ENGINE.anonymize(text)
    n = len(res.text)
    spans = [(min(s, n), min(s + k, n)) for s, k in raw_spans]
    new_text, findings = mask_spans(res.text, res.findings, spans)
    for f in findings:
        assert 0 <= f.out_start <= f.out_end <= len(new_text)
        piece = new_text[f.out_start : f.out_end]
        assert piece == f.placeholder or piece == "[REDACTED]"
    # every character that was a placeholder before is still hidden (no original text comes back)
    for f in res.findings:
        assert text[f.start : f.end] not in new_text or len(text[f.start : f.end]) < 6


#: every message canonicalize_indicator can raise for a string value, read from the module itself
FIXED_MESSAGES = {
    f"not a valid {kind} indicator: {reason}"
    for kind, reason in re.findall(r'_fail\("(\w+)", "([^"]+)"\)', inspect.getsource(indicators))
}


@SETTINGS
@given(st.sampled_from(list(anonymizer.INDICATOR_KINDS)), st.text(max_size=60))
def test_canonicalize_raises_only_invalid_indicator_without_the_value(kind, value):
    try:
        canonical = anonymizer.canonicalize_indicator(kind, value)
    except anonymizer.InvalidIndicator as exc:
        # the message is one of the fixed, value-free messages (a value may still happen to be a word of
        # one, like "add" in "not an e-mail address": that is not a leak)
        assert str(exc) in FIXED_MESSAGES
    else:
        assert isinstance(canonical, str) and canonical
        assert anonymizer.canonicalize_indicator(kind, canonical) == canonical  # idempotent
