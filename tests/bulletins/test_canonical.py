import hashlib
import json
import math

import pytest

import bulletins

from .factories import make_period_data


def test_render_json_is_canonical(content):
    raw = bulletins.render_json(content)
    assert (
        raw == json.dumps(json.loads(raw), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    )
    assert "风险预警报告".encode() in raw  # UTF-8, not \\u escapes
    assert bulletins.digest(raw) == hashlib.sha256(raw).hexdigest()


def test_render_json_refuses_nan(fresh):
    fresh["headline"]["cases"]["value"] = math.nan
    with pytest.raises(ValueError):
        bulletins.render_json(fresh)


def chain(n=3):
    raws, previous = [], None
    for i, period in enumerate(["2026-W45", "2026-W46", "2026-W47"][:n]):
        content = bulletins.build_content(make_period_data(period, seed=i, previous_digest=previous))
        raw = bulletins.render_json(content)
        raws.append(raw)
        previous = bulletins.digest(raw)
    return raws


def test_verify_chain_accepts_a_good_chain():
    assert bulletins.verify_chain(chain()) == []


def test_verify_chain_finds_tampering_and_broken_links():
    raws = chain()
    tampered = json.loads(raws[1])
    tampered["headline"]["cases"]["value"] += 1
    raws_tampered = [raws[0], bulletins.render_json(tampered), raws[2]]
    problems = bulletins.verify_chain(raws_tampered)
    assert len(problems) == 1 and "#2" in problems[0]
    assert len(bulletins.verify_chain([raws[0], raws[2]])) == 1
    assert "canonical" in bulletins.verify_chain([raws[0] + b" "])[0]
    assert bulletins.verify_chain([b"not json"])[0].startswith("bulletin #0")
