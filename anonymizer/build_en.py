"""Build ``anonymizer/data/en_gazetteer.py``: multi-locale name and street-word gazetteers.

Run: ``.venv/bin/python -m anonymizer.build_en`` (deterministic: sorted output, no randomness).

Sources, all redistributable and installed with the project's own dependencies:

- first / last names: Faker's person providers of every locale, Latin-script tokens only (MIT; the lists
  come from public census / registry frequency lists of each country);
- common English words (names that are also ordinary words need more evidence): Faker's ``en_US`` lorem
  word list and job titles, scikit-learn's and spaCy's English stop words, plus the short list below;
- street-type words of many languages: Faker's address providers (street suffixes / prefixes) plus the
  short list below; country names: Faker's ``en_US`` country list.

No evaluation data set is read.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from anonymizer.data import source_versions

#: the packages the gazetteer is built from (recorded in the generated module)
SOURCES = ("faker", "scikit-learn", "spacy")

OUT = Path(__file__).resolve().parent / "data" / "en_gazetteer.py"

_LATIN_TOKEN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’\-]*$")
_LATIN_WORD = re.compile(r"^[a-zà-öø-ɏḀ-ỿ]+\.?$")

#: Ordinary English words seen in fraud narratives that Faker also lists as given or family names.
_EXTRA_COMMON = [
    "account",
    "accounts",
    "ach",
    "agent",
    "alert",
    "amount",
    "app",
    "apple",
    "approved",
    "atm",
    "august",
    "auth",
    "balance",
    "bank",
    "banking",
    "bill",
    "billing",
    "black",
    "blocked",
    "bond",
    "bonus",
    "brown",
    "card",
    "cards",
    "case",
    "cash",
    "charge",
    "chargeback",
    "charity",
    "chase",
    "check",
    "cheque",
    "christmas",
    "claim",
    "clearing",
    "code",
    "credit",
    "crypto",
    "customer",
    "debit",
    "deposit",
    "desk",
    "device",
    "dispute",
    "early",
    "easter",
    "email",
    "fee",
    "fraud",
    "frost",
    "gift",
    "gold",
    "grant",
    "green",
    "help",
    "hold",
    "hope",
    "inbox",
    "joy",
    "just",
    "king",
    "lake",
    "large",
    "law",
    "lead",
    "link",
    "loan",
    "long",
    "love",
    "lucky",
    "major",
    "march",
    "mark",
    "may",
    "merchant",
    "mint",
    "money",
    "network",
    "new",
    "night",
    "noble",
    "note",
    "online",
    "order",
    "page",
    "paid",
    "park",
    "pay",
    "payment",
    "phone",
    "pin",
    "platinum",
    "point",
    "post",
    "price",
    "prime",
    "rich",
    "rose",
    "royal",
    "safe",
    "sale",
    "scam",
    "security",
    "service",
    "share",
    "silver",
    "small",
    "smart",
    "spring",
    "star",
    "stone",
    "story",
    "summer",
    "support",
    "swift",
    "teller",
    "terminal",
    "ticket",
    "top",
    "transfer",
    "true",
    "trust",
    "union",
    "victim",
    "visa",
    "wallet",
    "ward",
    "white",
    "will",
    "winter",
    "wise",
    "young",
]

#: Street-type words of many languages (a separate word or a compound ending, lower case).
_EXTRA_STREET = [
    "cuesta",
    "vial",
    "glorieta",
    "ronda",
    "rotonda",
    "contrada",
    "lungomare",
    "salita",
    "strada",
    "stradella",
    "baan",
    "singel",
    "allee",
    "allée",
    "alley",
    "alameda",
    "aleja",
    "aleea",
    "avenida",
    "avenue",
    "avinguda",
    "bulevar",
    "bulevardi",
    "boulevard",
    "calle",
    "callejón",
    "camino",
    "carrer",
    "carrera",
    "cesta",
    "chaussee",
    "chaussée",
    "chemin",
    "corso",
    "cours",
    "dreef",
    "gade",
    "gasse",
    "gata",
    "gatan",
    "gate",
    "gracht",
    "impasse",
    "kade",
    "katu",
    "kuja",
    "laan",
    "lane",
    "largo",
    "passage",
    "paseo",
    "piazza",
    "plac",
    "plads",
    "platz",
    "plaza",
    "plein",
    "polku",
    "praça",
    "quai",
    "ring",
    "road",
    "rua",
    "rue",
    "sokak",
    "sokağı",
    "steeg",
    "stig",
    "strada",
    "strasse",
    "straat",
    "straße",
    "stræde",
    "street",
    "trg",
    "tér",
    "tie",
    "torget",
    "travessa",
    "trg",
    "ulica",
    "ulice",
    "ul",
    "út",
    "utca",
    "vägen",
    "väg",
    "vej",
    "vei",
    "veien",
    "via",
    "viale",
    "vicolo",
    "weg",
]


def _latin_tokens(values) -> set[str]:
    out = set()
    for value in values:
        if not isinstance(value, str):
            continue
        for tok in value.split():
            if _LATIN_TOKEN.match(tok) and tok[0].isupper() and len(tok) >= 2:
                out.add(tok)
    return out


def _locales() -> list[str]:
    from faker.config import AVAILABLE_LOCALES

    return sorted(AVAILABLE_LOCALES)


def _provider(kind: str, locale: str):
    try:
        return importlib.import_module(f"faker.providers.{kind}.{locale}").Provider
    except ImportError:
        return None


def names() -> tuple[set[str], set[str], set[str]]:
    """(first names, last names, given names listed by two locales or more), Latin-script tokens."""
    first: set[str] = set()
    last: set[str] = set()
    seen: dict[str, int] = {}
    for loc in _locales():
        prov = _provider("person", loc)
        if prov is None:
            continue
        firsts: set[str] = set()
        for attr in sorted(vars(prov)):
            if attr.startswith("_") or not (
                "first_name" in attr or "last_name" in attr or "romanized" in attr
            ):
                continue
            value = getattr(prov, attr)
            if callable(value) or not isinstance(value, tuple | list | dict | set | frozenset):
                continue
            tokens = _latin_tokens(value)
            if "first" in attr:
                first |= tokens
                firsts |= tokens
            else:
                last |= tokens
        for name in firsts:
            seen[name] = seen.get(name, 0) + 1
    return first, last, {name for name, count in seen.items() if count >= 2}


def common_words() -> set[str]:
    """Lower-case ordinary English words."""
    from faker.providers.company.en_US import Provider as Company
    from faker.providers.job.en_US import Provider as Jobs
    from faker.providers.lorem.en_US import Provider as Lorem
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    from spacy.lang.en.stop_words import STOP_WORDS

    out = {w.lower() for w in Lorem.word_list}
    for words in Lorem.parts_of_speech.values():
        out |= {w.lower() for w in words}
    for group in (*Company.catch_phrase_words, *Company.bsWords):
        out |= {w.lower() for w in group}
    for job in Jobs.jobs:
        out |= {w.lower() for w in re.findall(r"[A-Za-z]+", job) if len(w) > 2}
    out |= {w.lower() for w in ENGLISH_STOP_WORDS} | {w.lower() for w in STOP_WORDS}
    out |= set(_EXTRA_COMMON)
    return {w for w in out if w.isalpha()}


def street_words(people: set[str]) -> set[str]:
    """Lower-case street-type words of every Latin-script Faker locale plus the list above.

    Long prefix lists (Finnish genitives, Malaysian road names) and words that are also names are left out.
    """
    out = set(_EXTRA_STREET)
    people_lower = {p.lower() for p in people}
    for loc in _locales():
        prov = _provider("address", loc)
        if prov is None:
            continue
        for attr in ("street_suffixes", "street_prefixes", "street_suffixes_long", "street_suffixes_short",
                     "street_prefixes_long", "street_prefixes_short", "street_titles"):  # fmt: skip
            value = getattr(prov, attr, None)
            if not isinstance(value, tuple | list | dict) or len(value) > 120:
                continue
            for v in value:
                if isinstance(v, str):
                    w = v.strip().lower()
                    if _LATIN_WORD.match(w) and len(w.rstrip(".")) >= 2 and w not in people_lower:
                        out.add(w)
    return out


def countries() -> set[str]:
    """English country names (Faker ``en_US``), single- and multi-word."""
    from faker.providers.address.en_US import Provider as Addr

    return {c for c in Addr.countries if re.fullmatch(r"[A-Za-z .,'()\-]+", c)}


def _frozenset_src(name: str, doc: str, values: set[str]) -> str:
    words = sorted(values)
    lines = []
    line = ""
    for w in words:
        if len(line) + len(w) + 1 > 100:
            lines.append(line)
            line = ""
        line = f"{line} {w}" if line else w
    if line:
        lines.append(line)
    body = "\n".join(lines)
    return f'#: {doc}\n{name}: frozenset[str] = frozenset(\n    """\n{body}\n"""\n    .split()\n)\n'


def build() -> str:
    """The module source (deterministic)."""
    first, last, shared = names()
    common = common_words()
    street = street_words(first | last)
    country = countries()
    multi = {c for c in country if " " in c}
    parts = [
        "# ruff: noqa\n"
        '"""Generated by ``python -m anonymizer.build_en`` from Faker (MIT), scikit-learn and spaCy word\n'
        'lists. Do not edit by hand: change ``anonymizer/build_en.py`` and rebuild."""\n',
        "# fmt: off",
        "#: versions of the packages this gazetteer was built from\n"
        f"SOURCE_VERSIONS = {source_versions(*SOURCES)!r}",
        _frozenset_src("FIRST_NAMES", "Given names of every Faker locale (Latin script).", first),
        _frozenset_src(
            "SHARED_FIRST_NAMES",
            "Given names that two Faker locales or more list (a single-locale name can be a word elsewhere).",
            shared,
        ),
        _frozenset_src("LAST_NAMES", "Family names of every Faker locale (Latin script).", last),
        _frozenset_src("COMMON_WORDS", "Ordinary English words, lower case.", common),
        _frozenset_src("STREET_WORDS", "Street-type words of many languages, lower case.", street),
        _frozenset_src("COUNTRIES", "One-word English country names.", country - multi),
        "#: Multi-word English country names.\nCOUNTRIES_MULTI: tuple[str, ...] = (\n"
        + "".join(f"    {c!r},\n" for c in sorted(multi))
        + ")",
        "# fmt: on\n",
    ]
    return "\n".join(parts)


def main() -> None:
    """Write the gazetteer module."""
    src = build()
    OUT.write_text(src, "utf-8")
    print(f"wrote {OUT} ({len(src):,} characters)")


if __name__ == "__main__":
    main()
