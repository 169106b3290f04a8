"""Build ``anonymizer/data/zh_names.py``: character statistics for Chinese person names.

Run: ``python -m anonymizer.build_zh`` (deterministic; reads only installed MIT-licensed packages).

Sources:

* jieba (MIT): the part-of-speech HMM's emission tables give, per character, the log-probability of
  the character at the beginning (``B``), middle (``M``) and end (``E``) of a person name (tag ``nr``);
  the dictionary ``dict.txt`` gives word frequencies, i.e. the background frequency of every character
  and the list of ordinary words (any tag but the name tags) that a name candidate must not be or cut.
* Faker ``zh_CN`` person provider (MIT): its given names, as a floor for common given-name characters.

Output:

* ``SURNAME_LLR`` (``SURNAME_TRAD_LLR`` for the traditional forms), ``MID_LLR``, ``END_LLR``: the
  log-likelihood ratio of a character as surname / first / last given-name character against its
  frequency in running text, clipped to +-4, in half steps, grouped as ``{score: characters}``;
* ``WORDS2`` / ``WORDS3`` / ``WORDS4``: frequent ordinary words of that length, concatenated (a word
  jieba tags as a name counts as ordinary from frequency 50 on, as its name tags are noisy - 明白,
  乌克兰 - except one of the twenty commonest surnames + one character below frequency 500: 王平);
* ``WORD_PAIRS``: the character pairs inside those words;
* ``TRANSLIT_CHARS``: the characters transliterated foreign names are written with (斯, 尔, 迪 ...).
No evaluation corpus is read.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from pathlib import Path

from anonymizer.data import source_versions
from anonymizer.data.zh_lists import SURNAMES

#: the packages the tables are built from (recorded in the generated module)
SOURCES = ("jieba", "faker")

OUT = Path(__file__).resolve().parent / "data" / "zh_names.py"
NAME_TAGS = frozenset({"nr", "nrt", "nrfg"})
#: a word this frequent is an ordinary word even when jieba tags it as a name (明白, 文明, 安静 ...)
NAME_TAG_WORD_FREQ = 50
NAME_TAG_COMMON_FREQ = 500
#: the twenty most common surnames (about half of the population)
TOP_SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
MIN_WORD_FREQ2 = 20
MIN_WORD_FREQ3 = 30
MIN_WORD_FREQ4 = 30
CLIP = 4.0
TRANSLIT_MIN_LOGP = -8.0


def _cjk(s: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in s)


def _jieba_dict() -> list[tuple[str, int, str]]:
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[1].isdigit():
                out.append((parts[0], int(parts[1]), parts[2]))
    return out


def _background(words: list[tuple[str, int, str]]) -> dict[str, float]:
    counts: dict[str, float] = defaultdict(float)
    for w, f, _ in words:
        for ch in w:
            counts[ch] += f
    total = sum(counts.values())
    return {ch: math.log(c / total) for ch, c in counts.items()}


def _llr(emit: dict[str, float], bg: dict[str, float], floor: float) -> dict[str, float]:
    out = {}
    for ch, lp in emit.items():
        if not _cjk(ch):
            continue
        r = lp - bg.get(ch, floor)
        out[ch] = round(max(-CLIP, min(CLIP, r)), 1)
    return out


def _chinese_only(llr: dict[str, float], nr: dict[str, float], nrt: dict[str, float]) -> dict[str, float]:
    """Lower the characters of transliterated foreign names (斯, 尔, 克): jieba's ``nr`` mixes them in.

    A character twice as likely in a transliteration (``nrt``) as in a name (``nr``) loses twice the
    log of that ratio: Chinese given names rarely use it, place names like 阿姆斯特丹 often do.
    """
    out = {}
    for ch, v in llr.items():
        extra = nrt.get(ch, -99.0) - nr.get(ch, -99.0)
        out[ch] = round(max(-CLIP, v - 2 * extra), 1) if extra > 0 else v
    return out


def build() -> str:
    """The source text of ``zh_names.py``."""
    from faker.providers.person.zh_CN import Provider
    from jieba.posseg.prob_emit import P as EMIT

    def chunks(s: str, width: int = 96) -> str:
        return "\n".join(f'    "{s[k : k + width]}"' for k in range(0, len(s), width))

    words = _jieba_dict()
    bg = _background(words)
    floor = min(bg.values())
    surname = _llr(EMIT[("B", "nr")], bg, floor)
    mid = _chinese_only(_llr(EMIT[("M", "nr")], bg, floor), EMIT[("M", "nr")], EMIT[("M", "nrt")])
    end = _chinese_only(_llr(EMIT[("E", "nr")], bg, floor), EMIT[("E", "nr")], EMIT[("E", "nrt")])
    # Faker's given names: their characters are given-name characters whatever the HMM says
    for given in Provider.first_names:
        for k, ch in enumerate(given):
            table = end if k == len(given) - 1 else mid
            table[ch] = max(table.get(ch, -CLIP), 1.0)
    surnames = {ch: surname.get(ch, 0.0) for ch in SURNAMES}
    # traditional forms (陳, 黃, 張): jieba's emission table gives a traditional character exactly the
    # log-probability of its simplified form, next to it; pair them by that value
    by_logp: dict[float, list[str]] = defaultdict(list)
    for ch, lp in EMIT[("B", "nr")].items():
        by_logp[lp].append(ch)
    traditional = {}
    for ch in sorted(SURNAMES):
        lp = EMIT[("B", "nr")].get(ch)
        twins = (
            [
                t
                for t in by_logp.get(lp, [])
                # a traditional form is rare in jieba's (simplified) dictionary: 雪 has 薛's value by chance
                if t != ch and t not in SURNAMES and _cjk(t) and bg.get(t, floor) < bg.get(ch, floor) - 3.0
            ]
            if lp
            else []
        )
        if len(twins) == 1 and twins[0] not in traditional:
            traditional[twins[0]] = surnames[ch]
    translit = sorted(
        {
            ch
            for k in "BMES"
            for ch, lp in EMIT.get((k, "nrt"), {}).items()
            if lp > TRANSLIT_MIN_LOGP and _cjk(ch)
        }
    )
    ordinary: dict[int, set[str]] = {2: set(), 3: set(), 4: set()}
    min_freq = {2: MIN_WORD_FREQ2, 3: MIN_WORD_FREQ3, 4: MIN_WORD_FREQ4}
    for w, f, t in words:
        if len(w) not in ordinary or not _cjk(w) or (t in NAME_TAGS and f < NAME_TAG_WORD_FREQ):
            continue
        if t in NAME_TAGS and len(w) == 2 and w[0] in TOP_SURNAMES and f < NAME_TAG_COMMON_FREQ:
            continue  # 王平, 李娜: one of the most common surnames + one character tagged as a name is a name
        if f >= min_freq[len(w)]:
            ordinary[len(w)].add(w)

    def table(name: str, d: dict[str, float]) -> str:
        """Characters grouped by their half-step score: ``{score: "chars"}`` (compact and fast to load)."""
        levels: dict[float, list[str]] = defaultdict(list)
        for k, v in sorted(d.items()):
            levels[round(v * 2) / 2].append(k)
        lines = [f"{name}: dict[float, str] = {{"]
        for v in sorted(levels):
            lines.append(
                f"    {v}: (\n" + chunks("".join(levels[v]), 88).replace("    ", "        ") + "\n    ),"
            )
        lines.append("}")
        return "\n".join(lines)

    return "\n".join(
        [
            '"""Generated by ``python -m anonymizer.build_zh`` (jieba, Faker zh_CN; MIT); do not edit."""',
            "",
            "# fmt: off",
            "#: versions of the packages these tables were built from",
            f"SOURCE_VERSIONS = {source_versions(*SOURCES)!r}",
            table("SURNAME_LLR", surnames),
            "#: traditional forms of the surnames, scored like their simplified forms",
            table("SURNAME_TRAD_LLR", traditional),
            table("MID_LLR", mid),
            table("END_LLR", end),
            f"#: characters of transliterated foreign names (jieba ``nrt`` above e^{TRANSLIT_MIN_LOGP})",
            "TRANSLIT_CHARS = (\n" + chunks("".join(translit)) + "\n)",
            "#: every pair of adjacent characters inside the words below (a pair outside cuts no word)",
            "WORD_PAIRS = (\n"
            + chunks(
                "".join(sorted({w[k : k + 2] for n in (2, 3, 4) for w in ordinary[n] for k in range(n - 1)}))
            )
            + "\n)",
            *(
                f"#: ordinary {k}-character words (jieba frequency >= {min_freq[k]}), concatenated\n"
                f"WORDS{k} = (\n" + chunks("".join(sorted(ordinary[k]))) + "\n)"
                for k in (2, 3, 4)
            ),
            "# fmt: on",
            "",
        ]
    )


def main() -> None:
    """Write the module."""
    OUT.write_text(build(), "utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
