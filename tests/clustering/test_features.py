import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from clustering import CaseFeaturizer
from clustering.features import structured_tokens
from clustering.text import amount_band, detect_language, feature_tokens, keyword_tokens, placeholder_types


def test_placeholders_are_typed_and_do_not_count_as_narrative():
    a = "请联系[PHONE_1]，[姓名1]说转账到[CARD_2]"
    b = "请联系[PHONE_7]，[姓名3]说转账到[CARD_9]"
    assert placeholder_types(a) == ["PHONE", "姓名", "CARD"]
    assert feature_tokens(a) == feature_tokens(b)
    assert not any("phone" in t or "card" in t for t in feature_tokens(a))
    feat = CaseFeaturizer(min_df=1, max_df=1.0).fit([a, b, "别的内容"])
    np.testing.assert_allclose(feat.transform([a]).toarray(), feat.transform([b]).toarray())


def test_feature_tokens_mix_cjk_ngrams_and_english_words():
    tokens = feature_tokens("刷单返利 refund scam gift")
    assert "刷" in tokens and "刷单" in tokens and "刷单返" in tokens
    assert "refund" in tokens and "refund scam" in tokens
    assert "gift" in tokens and "scam gift" in tokens
    assert "#5" in feature_tokens("转账12345元")


def test_language_and_keywords():
    assert detect_language("您好，我是公安局的警官 [PHONE_1]") == "zh"
    assert detect_language("Hello, this is Amazon support calling about your refund") == "en"
    zh = keyword_tokens("您好，我们需要您配合公安局调查洗钱案件", "zh")
    assert "公安局" in zh and "您好" not in zh and "我们" not in zh
    assert keyword_tokens("Please confirm the refund to your gift card", "en") == [
        "confirm",
        "refund",
        "gift",
        "card",
    ]


def test_amount_band():
    assert amount_band(50) == "<100"
    assert amount_band(5_000, "CNY") == "1k–10k CNY"
    assert amount_band(2_000_000) == "≥1M"
    assert amount_band(None) == "unknown"
    assert amount_band(float("nan")) == "unknown"


def test_structured_tokens():
    case = {
        "text": "见[PHONE_1]",
        "channel": "POS",
        "mcc": "5411",
        "amount": 12_000.0,
        "region": "深圳",
        "fraud_type": "card_cash_out",
        "indicator_tokens": ["tok1", "tok2"],
    }
    toks = structured_tokens(case)
    for expected in [
        "channel=pos",
        "mcc=5411",
        "mccgrp=54",
        "amt=8",
        "region=深圳",
        "type=card_cash_out",
        "ind=tok1",
        "ph=PHONE",
    ]:
        assert expected in toks
    assert structured_tokens({"text": "x", "amount": "lots", "indicator_tokens": "oops"}) == []


def test_shared_indicator_makes_cases_similar():
    base = [{"text": f"案件描述{i}号", "indicator_tokens": [f"t{i}"]} for i in range(20)]
    a = {"text": "完全不同的说法甲", "indicator_tokens": ["shared"]}
    b = {"text": "另一种叙述方式乙", "indicator_tokens": ["shared"]}
    c = {"text": "另一种叙述方式丙", "indicator_tokens": ["other"]}
    feat = CaseFeaturizer(min_df=1, max_df=1.0).fit(base + [a, b, c])
    X = feat.transform([a, b, c])
    sim = (X @ X.T).toarray()
    assert sim[0, 1] > sim[0, 2]


def test_new_vocabulary_gets_weight_after_partial_fit():
    old = ["刷单返利任务佣金", "公安局洗钱调查"] * 5
    new = ["元宇宙数字藏品空投"] * 3
    feat = CaseFeaturizer(min_df=2, max_df=1.0).fit(old)
    assert feat.transform(new).nnz == 0  # unseen: no document frequency yet
    feat.partial_fit(new)
    assert feat.transform(new).nnz > 0
    assert feat.text_idf_.n_samples_seen_ == 13


def test_featurizer_state_round_trip():
    texts = ["刷单返利任务佣金", "公安局洗钱调查", "game account refund scam"] * 4
    feat = CaseFeaturizer(n_bits=16).fit(texts)
    state = json.loads(json.dumps(feat.to_state()))
    again = CaseFeaturizer.from_state(state)
    np.testing.assert_allclose(feat.transform(texts).toarray(), again.transform(texts).toarray())
    assert again.get_params() == feat.get_params()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=8))
def test_featurizer_rows_are_unit_or_empty_for_any_text(texts):
    feat = CaseFeaturizer(n_bits=12, min_df=1, max_df=1.0).fit(texts)
    norms = np.sqrt(np.asarray(feat.transform(texts).multiply(feat.transform(texts)).sum(axis=1)).ravel())
    assert np.all(np.isclose(norms, 1.0) | np.isclose(norms, 0.0))
