"""Span-level evaluation helpers and loaders for the public evaluation sets (used by bench and tests).

Loaders read ``../shared/data/<set>/`` in place; nothing is copied into the repository.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from anonymizer.corpus import Sample

PRESIDIO_SYNTH_TYPES = {
    "PERSON": "PERSON", "STREET_ADDRESS": "ADDRESS", "CREDIT_CARD": "BANK_CARD", "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL", "IBAN_CODE": "IBAN", "IP_ADDRESS": "IP_ADDRESS",
}  # fmt: skip
CN_PII_BENCH_TYPES = {
    "zh_person_name": "PERSON", "zh_phone": "PHONE", "zh_address": "ADDRESS", "email": "EMAIL",
    "ip_address": "IP_ADDRESS", "id_card": "CN_ID", "zh_id_card": "CN_ID",
}  # fmt: skip


@dataclass
class Scores:
    """Counts per entity type plus the non-PII character tally."""

    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    non_pii_chars: int = 0
    non_pii_destroyed: int = 0
    negatives: int = 0
    negatives_hit: int = 0

    def recall(self, t: str) -> float:
        """Recall of one type (1.0 when there was nothing to find)."""
        d = self.tp[t] + self.fn[t]
        return self.tp[t] / d if d else 1.0

    def precision(self, t: str) -> float:
        """Precision of one type (1.0 when nothing was predicted)."""
        d = self.tp[t] + self.fp[t]
        return self.tp[t] / d if d else 1.0

    def types(self) -> list[str]:
        """Every type seen as gold or predicted."""
        return sorted(set(self.tp) | set(self.fn) | set(self.fp))

    @property
    def destroyed_share(self) -> float:
        """Share of non-PII characters that ended inside a replaced span."""
        return self.non_pii_destroyed / self.non_pii_chars if self.non_pii_chars else 0.0


def score_sample(
    scores: Scores,
    text: str,
    gold: list[tuple[int, int, str]],
    pred: list[tuple[int, int, str]],
    ignore: list[tuple[int, int]] = (),
    negatives: list[tuple[int, int, str]] = (),
    types: set[str] | None = None,
) -> None:
    """Add one sample: a gold span is found when a same-type prediction covers >= 80% of it;
    a prediction is correct when it overlaps a same-type gold span. ``ignore`` spans (gold types we do
    not evaluate) count neither as PII nor as non-PII."""
    for gs, ge, gt in gold:
        if types is not None and gt not in types:
            continue
        covered = sum(max(0, min(ge, pe) - max(gs, ps)) for ps, pe, pt in pred if pt == gt)
        if covered >= 0.8 * (ge - gs):
            scores.tp[gt] += 1
        else:
            scores.fn[gt] += 1
    for ps, pe, pt in pred:
        if types is not None and pt not in types:
            continue
        hit = any(pt == gt and ps < ge and gs < pe for gs, ge, gt in gold)
        in_ignored = any(ps < ie and is_ < pe for is_, ie in ignore)
        if not hit and not in_ignored:
            scores.fp[pt] += 1
    mask = [0] * len(text)  # 0 non-PII, 1 PII, 2 ignored
    for gs, ge, _ in gold:
        for k in range(gs, ge):
            mask[k] = 1
    for is_, ie in ignore:
        for k in range(is_, ie):
            if mask[k] == 0:
                mask[k] = 2
    replaced = [False] * len(text)
    for ps, pe, pt in pred:
        if types is not None and pt not in types:
            continue
        for k in range(ps, pe):
            replaced[k] = True
    for k, m in enumerate(mask):
        if m == 0 and not text[k].isspace():
            scores.non_pii_chars += 1
            if replaced[k]:
                scores.non_pii_destroyed += 1
    for ns, ne, _ in negatives:
        scores.negatives += 1
        if any(replaced[ns:ne]):
            scores.negatives_hit += 1


def evaluate(engine, samples: list[Sample], types: set[str] | None = None, batch: bool = True) -> Scores:
    """Run the engine over samples and score the findings."""
    scores = Scores()
    results = (
        engine.anonymize_many([s.text for s in samples])
        if batch
        else [engine.anonymize(s.text) for s in samples]
    )
    for s, res in zip(samples, results, strict=True):
        pred = [(f.start, f.end, f.entity_type) for f in res.findings]
        score_sample(scores, s.text, s.spans, pred, getattr(s, "ignore", []), s.negatives, types)
    return scores


# -- loaders -------------------------------------------------------------------------------------------
class IgnoringSample(Sample):
    """A sample with spans of gold types outside our scope (not PII, not non-PII)."""

    def __init__(self, text: str, language: str, spans, ignore) -> None:
        super().__init__(text, language, spans, [])
        self.ignore = ignore


def load_presidio_synth(root: Path) -> list[Sample]:
    """presidio-research synth_dataset_v2.json (English)."""
    data = json.loads((root / "pii-presidio-research-synth" / "synth_dataset_v2.json").read_text("utf-8"))
    out = []
    for rec in data:
        spans, ignore = [], []
        for sp in rec["spans"]:
            t = PRESIDIO_SYNTH_TYPES.get(sp["entity_type"])
            (spans.append((sp["start_position"], sp["end_position"], t)) if t
             else ignore.append((sp["start_position"], sp["end_position"])))  # fmt: skip
        out.append(IgnoringSample(rec["full_text"], "en", spans, ignore))
    return out


def load_cn_pii_bench(root: Path) -> list[Sample]:
    """cn-pii-bench adversarial cases (byte offsets converted to characters)."""
    out = []
    for line in (root / "pii-zh-cn-pii-bench" / "cases_adversarial.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        raw = rec["text"].encode("utf-8")
        spans, ignore = [], []
        for e in rec.get("expect", []):
            s = len(raw[: e["start"]].decode("utf-8"))
            en = len(raw[: e["end"]].decode("utf-8"))
            t = CN_PII_BENCH_TYPES.get(e["type"])
            (spans.append((s, en, t)) if t else ignore.append((s, en)))
        for e in rec.get("expect_miss", []) or []:
            if "start" in e:
                ignore.append((len(raw[: e["start"]].decode("utf-8")), len(raw[: e["end"]].decode("utf-8"))))
        out.append(IgnoringSample(rec["text"], "zh", spans, ignore))
    return out


#: a CLUENER ``address`` with street-level detail (a number with a unit, or a road / village / estate
#: below an administrative level); the others are countries, cities, venues and bare road names
CLUENER_STREET_LEVEL = re.compile(
    r"[0-9一二三四五六七八九十]+\s?(?:号|栋|幢|单元|室|层|楼|座|组)"
    r"|[省市区县镇乡旗].*?(?:[路街巷弄村]|胡同|大道|社区|小区|公寓|大厦|花园)"
)


def load_cluener(root: Path, split: str = "dev", *, street_level_only: bool = False) -> list[Sample]:
    """CLUENER2020: ``name`` -> PERSON, ``address`` -> ADDRESS; other labels ignored.

    With ``street_level_only`` an ``address`` counts only with street-level detail
    (:data:`CLUENER_STREET_LEVEL`); the other address spans are ignored (neither PII nor non-PII): the
    product keeps regions and place names as evidence and generalises addresses to province + city.
    """
    text = (root / "zh-ner-cluener2020" / f"{split}.json").read_text("utf-8")
    dec = json.JSONDecoder()
    pos, out = 0, []
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        rec, pos = dec.raw_decode(text, pos)
        spans, ignore = [], []
        for label, ents in rec.get("label", {}).items():
            for _, offsets in ents.items():
                for s, e in offsets:
                    t = {"name": "PERSON", "address": "ADDRESS"}.get(label)
                    if (
                        t == "ADDRESS"
                        and street_level_only
                        and not CLUENER_STREET_LEVEL.search(rec["text"][s : e + 1])
                    ):
                        t = None
                    (spans.append((s, e + 1, t)) if t else ignore.append((s, e + 1)))
        out.append(IgnoringSample(rec["text"], "zh", spans, ignore))
    return out


def load_weibo(root: Path, split: str = "test") -> list[Sample]:
    """Weibo NER: PER.NAM -> PERSON; other tags ignored."""
    out = []
    chars: list[str] = []
    tags: list[str] = []
    path = root / "zh-ner-weibo" / f"weiboNER_2nd_conll.{split}.txt"
    for line in [*path.read_text("utf-8").splitlines(), ""]:
        if line.strip():
            parts = line.split("\t") if "\t" in line else line.split()
            tok = parts[0]
            chars.append(tok[:-1] if len(tok) > 1 and tok[-1].isdigit() else tok)
            tags.append(parts[-1] if len(parts) > 1 else "O")
            continue
        if chars:
            spans, ignore = [], []
            k = 0
            while k < len(tags):
                if tags[k].startswith("B-"):
                    label = tags[k][2:]
                    e = k + 1
                    while e < len(tags) and tags[e] == "I-" + label:
                        e += 1
                    (spans.append((k, e, "PERSON")) if label == "PER.NAM" else ignore.append((k, e)))
                    k = e
                else:
                    k += 1
            out.append(IgnoringSample("".join(chars), "zh", spans, ignore))
        chars, tags = [], []
    return out
