from bulletins import actions
from bulletins.labels import CHANNEL_LABELS, MCC_GROUP_LABELS, STATUS_LABELS

TAXONOMY = [
    "card_cash_out",
    "merchant_collusion",
    "mule_account",
    "card_not_present",
    "account_takeover",
    "identity_fraud",
    "phishing",
    "impersonation_service",
    "impersonation_authority",
    "investment_scam",
    "loan_scam",
    "task_scam",
    "romance_scam",
    "refund_scam",
    "other",
]


def test_every_taxonomy_code_has_labels_and_actions_in_both_languages():
    assert set(actions.RECOMMENDED_ACTIONS) == set(TAXONOMY)
    assert set(actions.FRAUD_TYPE_LABELS) == set(TAXONOMY)
    for code, entry in actions.RECOMMENDED_ACTIONS.items():
        assert entry["zh"] and entry["en"], code
        assert len(entry["zh"]) == len(entry["en"]), code
        assert all(line.strip() for line in entry["zh"] + entry["en"]), code
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in line) for line in entry["zh"]), code


def test_design_labels_are_kept():
    assert actions.FRAUD_TYPE_LABELS["card_cash_out"] == {"zh": "信用卡套现", "en": "card cash-out"}
    assert actions.FRAUD_TYPE_LABELS["romance_scam"]["zh"] == "婚恋交友·杀猪盘"


def test_unknown_fraud_type_falls_back_to_other():
    assert actions.actions_for("no_such_code") == actions.actions_for("other")
    assert actions.fraud_type_label("no_such_code") is None


def test_actions_for_returns_a_copy():
    got = actions.actions_for("phishing")
    got["zh"].append("x")
    assert "x" not in actions.RECOMMENDED_ACTIONS["phishing"]["zh"]


def test_label_tables_are_bilingual():
    for table in (CHANNEL_LABELS, MCC_GROUP_LABELS, STATUS_LABELS):
        for code, label in table.items():
            assert set(label) == {"zh", "en"}, code
