"""No raw personal value reaches the database, a log line or an answer other than the submitter's own."""

from __future__ import annotations

import logging

from tests.hub.factories import case_payload, strip
from tests.hub.helpers import dump_database


def test_no_raw_value_in_any_table_or_log(client, app, member_a, caplog):
    caplog.set_level(logging.DEBUG)
    singles = [case_payload(seed=7000 + i) for i in range(3)]
    bulk = [case_payload(seed=7100 + i) for i in range(5)]
    for payload in singles:
        assert client.post("/api/v1/cases", json=strip(payload), headers=member_a.headers).status_code == 201
    response = client.post("/api/v1/cases/bulk", json=[strip(p) for p in bulk], headers=member_a.headers)
    assert response.get_json()["created"] == 5
    # a failing upload carrying personal data must not leak it either
    bad = case_payload(seed=7200)
    bad["amount"] = "oops"
    client.post("/api/v1/cases", json=strip(bad), headers=member_a.headers)

    everything = dump_database(app)
    assert "持卡人" in everything  # the anonymized narratives are there
    logs = caplog.text
    for payload in singles + bulk + [bad]:
        pii = payload["_pii"]
        for kind in ("phone", "card", "idno", "email"):
            assert pii[kind] not in everything, kind
            assert pii[kind] not in logs, kind
        assert payload["narrative"] not in everything
    assert member_a.secret not in everything and member_a.secret not in logs
    from tests.conftest import TOKEN_KEY

    assert TOKEN_KEY.hex() not in everything and TOKEN_KEY.hex() not in logs
