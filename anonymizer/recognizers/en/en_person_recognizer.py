"""English person names: titles, role cues, first/last-name gazetteers, read over spaCy tokens."""

from __future__ import annotations

import re
from typing import Any

from anonymizer.data import en_gazetteer as _gaz
from anonymizer.data import en_lists as _us
from anonymizer.entities import PERSON
from anonymizer.recognizers.base import AnalysisContext, EntityRecognizer, RecognizerResult

_TITLES = {
    "detective",
    "sergeant",
    "inspector",
    "captain",
    "judge",
    "constable",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "sir",
    "madam",
    "madame",
    "mister",
    "officer",
    "agent",
}
_CUES = {
    "cardholder",
    "customer",
    "victim",
    "suspect",
    "client",
    "holder",
    "named",
    "called",
    "payee",
    "beneficiary",
    "caller",
    "applicant",
    "borrower",
    "employee",
    "manager",
    "owner",
    "fraudster",
    "scammer",
    "impostor",
    "recipient",
    "sender",
    "name",
    "signed",
    "contact",
    "account-holder",
    "member",
    "user",
    "partner",
    "husband",
    "wife",
    "son",
    "daughter",
    "father",
    "mother",
    "friend",
    "colleague",
    "cashier",
    "teller",
    "courier",
    "landlord",
    "tenant",
    "driver",
    "seller",
    "buyer",
    "accomplice",
    "mule",
    "says",
    "said",
    "told",
    "asked",
    "thanked",
    "met",
    "kid",
    "starring",
    "featuring",
    "including",
    "by",
    "to",
    "from",
    "with",
    "and",
    "for",
}
_STRONG_CUES = _CUES - {"by", "to", "from", "with", "and", "for", "member", "user", "contact", "name"}
_VERBS = {
    "were",
    "said",
    "says",
    "reported",
    "called",
    "claimed",
    "told",
    "received",
    "paid",
    "sent",
    "transferred",
    "lost",
    "noticed",
    "was",
    "is",
    "has",
    "had",
    "asked",
    "opened",
    "used",
    "made",
    "withdrew",
    "contacted",
    "confirmed",
    "complained",
    "disputed",
    "stated",
    "explained",
    "realized",
    "found",
    "got",
    "gave",
    "wired",
    "bought",
    "tried",
    "'s",
    "’s",
    "who",
    "then",
    "later",
    "also",
    "never",
    "did",
    "does",
    "will",
    "would",
    "can",
    "could",
}
_STOP = {
    "I",
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "You",
    "His",
    "Her",
    "Bank",
    "Card",
    "Visa",
    "Mastercard",
    "Amex",
    "UnionPay",
    "Paypal",
    "PayPal",
    "Alipay",
    "WeChat",
    "Apple",
    "Google",
    "Amazon",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Street",
    "Avenue",
    "Road",
    "Please",
    "Dear",
    "Hello",
    "Hi",
    "Thanks",
    "Thank",
    "Customer",
    "Service",
    "Support",
    "Team",
    "Department",
    "Police",
    "Court",
    "Account",
    "Fraud",
    "Security",
    "Center",
    "Centre",
    "Office",
    "Inc",
    "Ltd",
    "LLC",
    "Corp",
    "Company",
    "Group",
    "Hotel",
    "Airport",
    "University",
    "School",
    "Hospital",
    "Store",
    "Shop",
    "Online",
    "Mobile",
    "App",
    "Internet",
    "Email",
    "Phone",
    "SMS",
    "ATM",
    "POS",
    "ID",
    "OTP",
    "PIN",
    "CVV",
    "USD",
    "CNY",
    "RMB",
    "EUR",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Miss",
    "Prof",
    "Sir",
    "On",
    "In",
    "At",
    "After",
    "Before",
    "When",
    "Then",
    "If",
    "But",
    "And",
    "Or",
    "Our",
    "My",
    "Your",
    "Their",
    "Its",
    "From",
    "To",
    "For",
    "With",
    "Case",
    "Report",
    "Victim",
    "Suspect",
    "Cardholder",
    "Merchant",
    "China",
    "Chinese",
    "American",
    "English",
    "Beijing",
    "Shanghai",
    "Hong",
    "Kong",
    "New",
    "York",
    "London",
    "California",
    "Texas",
    "Florida",
    "USA",
    "US",
    "UK",
    "EU",
    "North",
    "South",
    "East",
    "West",
    "Fargo",
    "Chase",
    "Wells",
    "Officer",
    "Agent",
    "Detective",
    "Sergeant",
    "Inspector",
    "Captain",
    "Judge",
    "Western",
    "Union",
    "Money",
    "Gram",
    "Express",
    "Pay",
    "Cash",
    "Wallet",
    "Market",
    "Lane",
    "Station",
    "Tax",
    "Customs",
    "Citi",
    "Citibank",
    "HSBC",
    "Barclays",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Prince",
    "Princess",
    "Queen",
    "King",
    "Duke",
    "Duchess",
    "Royal",
    "Lord",
    "Saint",
    "Santa",
    "San",
}
#: Given / family names of every Latin-script Faker locale (``python -m anonymizer.build_en``) and en_US.
FIRST_NAMES = _us.FIRST_NAMES | _gaz.FIRST_NAMES
LAST_NAMES = _us.LAST_NAMES | _gaz.LAST_NAMES
#: Places, brands and merchants that the name lists also hold: a name only with more evidence.
_PLACES_BRANDS = frozenset(
    {"Paris", "London", "Dallas", "Sydney", "Berlin", "Madrid", "Rome", "Vienna", "Moscow", "Dublin",
     "Lima", "Austin", "Houston", "Phoenix", "Denver", "Boston", "Orlando", "Atlanta", "Memphis", "Nashville",
     "Tampa",
     "Jordan", "Kent", "Lincoln", "Washington", "Hamilton", "Victoria", "Florence", "Santander", "Hilton",
     "Hyatt", "Marriott", "Ford", "Macy", "Lowe", "Prada", "Gucci", "Armani", "Versace", "Chanel", "Hermes",
     "Tiffany", "Mercedes", "Delta", "Solana", "Cardiff", "Chelsea", "Sofia", "Adelaide", "Wellington",
     "Charlotte", "Regina", "Troy", "Mecca", "Bristol", "Carlton", "Sheraton", "Porsche", "Ferrari",
     "Lamborghini", "Dior", "Cartier", "Rolex", "Tesla", "Nokia", "Toyota", "Honda", "Tesco", "Asda",
     "Lidl", "Aldi", "Boots", "Argos", "Costco", "Walmart", "Target", "Kroger", "Safeway", "Revolut",
     "Monzo", "Lloyds", "Halifax", "Natwest", "Barclays", "Stripe", "Square", "Venmo", "Zelle",
     "Klarna", "Skrill", "Binance", "Coinbase", "Tether", "Ethereum", "Bitcoin", "Telegram", "Signal"}
)  # fmt: skip
#: Street-type words of many languages: a run that starts with one (``Via``, ``Rua``) is a street.
_STREET_WORDS = _gaz.STREET_WORDS
_STREET_SUFFIXES = frozenset(w.lower() for w in _us.STREET_SUFFIXES) | _STREET_WORDS
_COMMON = _gaz.COMMON_WORDS
_COUNTRIES = _gaz.COUNTRIES
#: Name particles that stay inside a run: ``Willemine ten Pas``, ``Juan de la Cruz``.
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "dos", "das", "ten", "ter", "la",
     "le", "bin", "binti", "al", "el", "zu", "af", "y"}
)  # fmt: skip
_LIST_SEPARATORS = frozenset({",", "and", "&", "or"})
#: Words after a family name that make it a company: ``Gibson LLC``, ``Mitchell and Sons``.
_COMPANY_SUFFIXES = frozenset(
    {"Inc", "Ltd", "LLC", "PLC", "Plc", "plc", "Group", "Corp", "Corporation", "Co", "Company", "Holdings",
     "GmbH", "AG", "SA", "SRL", "BV", "NV", "Limited", "LLP", "LP", "Partners", "Sons", "Associates", "Bank",
     "Brothers", "Bros", "Industries", "Enterprises", "Ventures", "Capital", "Consulting", "Solutions",
     "Services"}
)  # fmt: skip


#: Words before a single capitalised word that make it an organisation.
_ORG_CUES = frozenset({"merchant", "employer", "shop", "store", "company", "firm", "of", "via", "brand"})


def _given_only(tok: str) -> bool:
    """A given name that is not also a common family name (en_US lists): "Hannah", not "Glenn"."""
    return tok in _us.FIRST_NAMES and tok not in _us.LAST_NAMES


def _company_after(tokens: list[tuple[str, int, int]], j: int, run: list[str]) -> int:
    """The end index of a company name that the run begins (``Gibson LLC``, ``Snow-Thompson``,
    ``Gibson, Salas and Terry``: family names only, no given name), else 0."""
    n = len(tokens)
    if j >= n:
        return 0
    t = tokens[j][0]
    if t in _COMPANY_SUFFIXES:
        return j + 1
    if len(run) != 1:
        return 0
    if t == "-" and tokens[j][1] == tokens[j - 1][2] and j + 1 < n:
        nxt = tokens[j + 1][0]
        if nxt in LAST_NAMES and not _given_only(nxt) and not _given_only(run[0]):
            return j + 2  # "Snow-Thompson": two family names joined
        return 0
    if _given_only(run[0]):
        return 0
    k, items, closed = j, 1, False
    while k + 1 < n and tokens[k][0] in (",", "and", "&") and items < 4:
        sep = tokens[k][0]
        k2 = k + 2 if sep == "," and tokens[k + 1][0] in ("and", "&") else k + 1
        if k2 >= n or not _is_name_token(tokens[k2][0]) or _given_only(tokens[k2][0]):
            return 0
        items += 1
        closed = sep != "," or k2 == k + 2
        k = k2 + 1
        if closed:
            break
    if closed and items <= 3:
        return k  # "receipts from Collins, Levy and Schneider were signed": a firm, whatever follows
    return 0


def _strict(names: frozenset[str]) -> frozenset[str]:
    return frozenset(
        t for t in names if t.lower() not in _COMMON and t not in _PLACES_BRANDS and t not in _COUNTRIES
    )


_STRICT_FIRST = _strict(FIRST_NAMES)
_SHARED_FIRST = _gaz.SHARED_FIRST_NAMES | _us.FIRST_NAMES
_STRICT_LAST = _strict(LAST_NAMES)


def is_first(tok: str) -> bool:
    """A given name of the gazetteers that is not also an ordinary word, a country or a place / brand."""
    return tok in _STRICT_FIRST


def is_last(tok: str) -> bool:
    """A family name of the gazetteers that is not also an ordinary word, a country or a place / brand."""
    return tok in _STRICT_LAST


def _plain_names(names: frozenset[str], case) -> frozenset[str]:
    return frozenset(
        case(t)
        for t in names
        if len(t) >= 3
        and t.lower() not in _COMMON
        and t not in _PLACES_BRANDS
        and t.lower() not in _STREET_SUFFIXES
    )


#: Lower-case and ALL-CAPS forms of the unambiguous names (``patricia desrosiers``, ``JOHN SMITH``).
_LOWER_FIRST = _plain_names(FIRST_NAMES, str.lower)
_LOWER_LAST = _plain_names(LAST_NAMES, str.lower)
_LOWER_ANY = _LOWER_FIRST | _LOWER_LAST
_CAPS_FIRST = _plain_names(FIRST_NAMES, str.upper)
_CAPS_LAST = _plain_names(LAST_NAMES, str.upper)

_SUFFIXES = {"MD", "DDS", "DVM", "PhD", "Jr", "Sr", "II", "III", "IV", "Esq", "CPA", "RN"}
_PINYIN_SURNAMES = {
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Luo",
    "Gao",
    "Zheng",
    "Liang",
    "Xie",
    "Song",
    "Tang",
    "Han",
    "Feng",
    "Deng",
    "Cao",
    "Peng",
    "Zeng",
    "Xiao",
    "Tian",
    "Dong",
    "Yuan",
    "Pan",
    "Yu",
    "Jiang",
    "Cai",
    "Du",
    "Ye",
    "Cheng",
    "Su",
    "Wei",
    "Lu",
    "Ding",
    "Ren",
    "Shen",
    "Yao",
    "Cui",
    "Zhong",
    "Tan",
    "Fan",
    "Jin",
    "Shi",
    "Liao",
    "Jia",
    "Xia",
    "Fu",
    "Fang",
    "Bai",
    "Zou",
    "Meng",
    "Xiong",
    "Qin",
    "Qiu",
    "Hou",
    "Long",
    "Lei",
    "Wen",
    "Kong",
    "Wan",
    "Ouyang",
}
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_]+(?:['’\-][^\W\d_]+)+|[^\W\d_]{2,}|[^\W\d_]\.)$")
_TOKEN = re.compile(
    r"[^\W\d_\u3400-\u9fff][^\W\d\u3400-\u9fff'’\-]*(?:['’\-][^\W\d_\u3400-\u9fff]+)*\.?|\d+|\n|[.,:;!?()\u3000-\u303f\uff00-\uffef]"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſ]")
_MID_CUES = {
    "by",
    "with",
    "from",
    "to",
    "dear",
    "hi",
    "hello",
    "user",
    "customer",
    "name",
    "contact",
    "attn",
    "cc",
}


def tokens_from_doc(doc: Any) -> list[tuple[str, int, int]]:
    """(text, start, end) of each spaCy token; a title's trailing '.' stays separate."""
    return [
        (t.text, t.idx, t.idx + len(t.text)) if not t.is_space else ("\n", t.idx, t.idx + len(t.text))
        for t in doc
        if not t.is_space or "\n" in t.text
    ]


def tokens_from_text(text: str) -> list[tuple[str, int, int]]:
    """Regex tokenisation used when spaCy is off."""
    out: list[tuple[str, int, int]] = []
    append = out.append
    for m in _TOKEN.finditer(text):
        tok = m[0]
        start, end = m.span()
        if tok[-1] == "." and end - start > 2:  # every token holds at least one character
            append((tok[:-1], start, end - 1))
            append((".", end - 1, end))
        else:
            append((tok, start, end))
    return out


def find_names(tokens: list[tuple[str, int, int]]) -> list[tuple[int, int, float]]:
    """Score runs of name-like tokens; return (start, end, score) character spans.

    Capitalised runs are scored from titles, role cues, the gazetteers and the words around them;
    ALL-CAPS and lower-case runs count only when every word is an unambiguous gazetteer name; a list of
    single words (``Anna, Derek and Andrew``) is a list of names when most of its words are names.
    """
    out: list[tuple[int, int, float]] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i][0]
        if not tok[0].isupper():
            if tok not in _LOWER_ANY:
                i += 1
                continue
            if tok in _LOWER_FIRST and i + 1 < n:
                hit = _plain_run(tokens, i, _LOWER_FIRST, _LOWER_LAST)
                if hit is not None:
                    out.append(hit[:3])
                    i = hit[3]
                    continue
            if (tok in _LOWER_FIRST or tok in _LOWER_LAST) and _named_before(tokens, i):
                out.append((tokens[i][1], tokens[i][2], 0.6))  # "my name is vitoria"
            elif (
                tok in _LOWER_FIRST
                and i + 1 < n
                and tokens[i + 1][0] == ":"
                and (i == 0 or tokens[i - 1][0] in ("\n", "]"))
            ):
                out.append((tokens[i][1], tokens[i][2], 0.6))  # a chat speaker: "\nteresa: hey it's me"
            i += 1
            continue
        if len(tok) >= 2 and tok.isupper():
            nxt = tokens[i + 1][0] if i + 1 < n else ""
            if (
                tok.title() in _PINYIN_SURNAMES
                and _is_name_token(nxt)
                and nxt not in _STOP
                and nxt.lower() not in _COMMON
            ):
                out.append(
                    (tokens[i][1], tokens[i + 1][2], 0.75)
                )  # "ZHANG Ming": family name first, in capitals
                i += 2
                continue
            hit = _plain_run(tokens, i, _CAPS_FIRST, _CAPS_LAST) if tok in _CAPS_FIRST else None
            i = hit[3] if hit is not None else i + 1
            if hit is not None:
                out.append(hit[:3])
            continue
        if tok.endswith(".") or not _is_name_token(tok):
            i += 1
            continue
        named = tok in LAST_NAMES or tok in FIRST_NAMES
        if (tok in _STOP or (not named and tok.lower() in _COMMON)) and not (
            (tok in FIRST_NAMES and i + 1 < n and tokens[i + 1][0] in LAST_NAMES)
            or (named and _prev_words(tokens, i)[0].lower() in _TITLES)
        ):
            i += 1  # a stop / common word ("The", "Bank"), unless a name pair or a title makes it a name
            continue
        after_title = _prev_words(tokens, i)[0].lower() in _TITLES
        if tok.lower() in _STREET_WORDS and not after_title and tok not in _us.FIRST_NAMES:  # "Via Nuova"
            i += 1
            continue
        j = i
        run: list[str] = []
        while j < n and len(run) < 4:
            t = tokens[j][0]
            if _is_name_token(t):
                if (
                    j > i
                    and (t in _STOP or (t.lower() in _COMMON and t not in LAST_NAMES))
                    and not (t in LAST_NAMES and run[0] in FIRST_NAMES)
                ):
                    break
            elif not (  # a particle or a bare initial inside a name: "Willemine ten Pas", "Ravil G Yefimov"
                run and (t in _PARTICLES or (len(t) == 1 and t.isupper())) and _name_follows(tokens, j + 1)
            ):
                break
            run.append(t)
            j += 1
            if j < n and tokens[j][0] == "." and len(run[-1]) == 1:  # middle initial "J."
                j += 1
        if run and (run[-1].endswith(".") or len(run[-1]) == 1):
            run.pop()
            j -= 1
            if j > i and tokens[j - 1][0] == "." and tokens[j - 1][1] == tokens[j - 2][2]:
                j -= 1
        if not run:
            i += 1
            continue
        company = 0 if after_title else _company_after(tokens, j, run)
        if not company and len(run) == 1 and _prev_words(tokens, i)[0].lower() in _ORG_CUES:
            company = j  # "Merchant: Gibson", "directors of Mayo"
        if company:
            i = company
            continue
        score = _score(tokens, i, j, run)
        if score >= 0.5:
            start, end = tokens[i][1], tokens[j - 1][2]
            k = i - 1
            if k >= 0 and tokens[k][0] == ".":
                k -= 1
            if (
                k >= 0
                and len(run) >= 2
                and tokens[k][0].rstrip(".").lower() in _TITLES
                and tokens[k][0][:1].isupper()
            ):
                start = tokens[k][1]
            m = j
            if (  # a double-barrelled family name split by the tokenizer: "Olsson-Henriksson"
                len(run) >= 2
                and m + 1 < n
                and tokens[m][0] == "-"
                and tokens[m][1] == end
                and tokens[m + 1][1] == tokens[m][2]
                and _is_name_token(tokens[m + 1][0])
            ):
                end = tokens[m + 1][2]
                j = m + 2
                m = j
            if m < n and tokens[m][0] == ",":
                m += 1
            if m < n and tokens[m][0].rstrip(".") in _SUFFIXES:
                end = tokens[m][2]
                if m + 1 < n and tokens[m + 1][0] == "." and tokens[m + 1][1] == end:
                    end = tokens[m + 1][2]
            out.append((start, end, min(1.0, score)))
        i = max(j, i + 1)
    listed = _list_names(tokens, out)
    if listed:
        out.extend(listed)
        out.sort()
    return out


def _named_before(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """``name is`` / ``name:`` / ``call me`` / a title just before token ``i``."""
    prev, sep = _prev_words(tokens, i)
    low = prev.lower()
    if low in _TITLES:
        return True
    if low == "name" and sep in (":", "?"):
        return True
    return (
        i >= 2
        and sep == ""
        and (
            (low == "is" and tokens[i - 2][0].lower() == "name")
            or (low == "me" and tokens[i - 2][0].lower() == "call")
        )
    )


def _name_follows(tokens: list[tuple[str, int, int]], k: int) -> bool:
    """A name word at ``k`` (or after a '.' there)."""
    if k < len(tokens) and tokens[k][0] == ".":
        k += 1
    return k < len(tokens) and _is_name_token(tokens[k][0]) and tokens[k][0] not in _STOP


def _plain_run(
    tokens: list[tuple[str, int, int]], i: int, firsts: frozenset[str], lasts: frozenset[str]
) -> tuple[int, int, float, int] | None:
    """``patricia desrosiers`` / ``JOHN SMITH``: a given name then one or two family names, every word
    an unambiguous gazetteer name of the same case; returns (start, end, score, next index)."""
    n = len(tokens)
    j = i + 1
    if j < n and tokens[j][0] in firsts and j + 1 < n and tokens[j + 1][0] in lasts:
        j += 1  # a second given name: "mary ann smith"
    if j >= n or tokens[j][0] not in lasts:
        return None
    j += 1
    if j < n and tokens[j][0] in lasts and tokens[j][0] not in firsts:
        j += 1
    prev = tokens[i - 1][0] if i > 0 else ""
    if prev[:1].isdigit() or (j < n and tokens[j][0].lower() in _STREET_SUFFIXES):
        return None  # "12 grant street": a street
    return (tokens[i][1], tokens[j - 1][2], 0.6, j)


def _list_names(
    tokens: list[tuple[str, int, int]], found: list[tuple[int, int, float]]
) -> list[tuple[int, int, float]]:
    """Single capitalised words joined by commas / ``and`` where most words are gazetteer names."""
    out: list[tuple[int, int, float]] = []
    taken: set[int] | None = None
    n = len(tokens)
    i = 0
    while i < n - 2:
        if tokens[i + 1][0] not in _LIST_SEPARATORS:
            i += 1
            continue
        tok = tokens[i][0]
        if not (tok[0].isupper() and _is_name_token(tok)) or (i > 0 and _is_name_token(tokens[i - 1][0])):
            i += 1
            continue
        items = [i]
        k = i + 1
        while k < n - 1 and tokens[k][0] in _LIST_SEPARATORS:
            k2 = k + 1
            if tokens[k][0] == "," and tokens[k2][0] in ("and", "or", "&") and k2 + 1 < n:
                k2 += 1
            t2 = tokens[k2][0]
            if not (t2[0].isupper() and _is_name_token(t2)):
                break
            if k2 + 1 < n and _is_name_token(tokens[k2 + 1][0]):
                items = []  # a multi-word item: not a list of single names
                break
            items.append(k2)
            k = k2 + 1
        if len(items) <= 3 and not any(_given_only(tokens[x][0]) for x in items):
            items = []  # "Gibson, Salas and Terry": a company (see _company_after)
        if len(items) >= 2 and items[-1] != items[0]:
            names = sum(1 for x in items if is_first(tokens[x][0]) or is_last(tokens[x][0]))
            if names >= 2 and 2 * names >= len(items):
                for x in items:
                    t = tokens[x][0]
                    if t in _STOP or (t.lower() in _COMMON and t not in FIRST_NAMES and t not in LAST_NAMES):
                        continue
                    if taken is None:
                        taken = {s for s, _, _ in found}
                    if tokens[x][1] not in taken:
                        out.append((tokens[x][1], tokens[x][2], 0.6))
        i = max(k, i + 1)
    return out


def _is_name_token(tok: str) -> bool:
    if not tok or not tok[0].isupper():
        return False
    if tok.isalpha():  # the common case, without the regex: letters only match ``[^\W\d_]{2,}``
        if len(tok) <= 2:
            return len(tok) == 2 and not tok.isupper()
        return tok[1:].islower() or tok.startswith(("Mc", "Mac", "O"))
    if not _NAME_TOKEN.match(tok):
        return False
    body = tok.replace("'", "").replace("’", "").replace("-", "")
    if len(body) <= 2:
        return body[-1] == "." or not body.isupper()  # "Li", "Wu", "J." but not "TV", "UK"
    return body[1:].islower() or body.startswith(("Mc", "Mac", "O"))


def _prev_words(tokens: list[tuple[str, int, int]], i: int) -> tuple[str, str]:
    k = i - 1
    if k >= 0 and tokens[k][0] in (":", ".", ",", "?"):
        sep = tokens[k][0]
        k -= 1
    else:
        sep = ""
    word = tokens[k][0] if k >= 0 else ""
    if word.endswith(".") and len(word) > 1:
        word, sep = word[:-1], "."
    return (word, sep)


#: Surname endings of many languages (Nordic -sson / -sen, Slavic -ova / -ski / -ović, Finnish -nen, Romanian
#: -escu, Greek -poulos, Italian -ucci ...): shape evidence for a family name outside the gazetteers.
_SURNAME_SHAPE = re.compile(
    r"(?:sson|ssen|[a-z]sen|dottir|dóttir|ová|ova|eva|ev|ski|ska|sky|wicz|ović|ovic|vić|vic|nen|escu|poulos|akis|"
    r"oglu|oğlu|ucci|etti|elli|quez|guez|berg|ström|strom|lund|qvist|quist|holm|mann|stein|feld|witz|shvili|"
    r"enko|chuk|czyk|yama|moto|mura|kawa|uchi|zadeh)$"
)
_GREETINGS = frozenset({"hi", "hello", "dear", "hey"})
_GREETING_NOT_NAMES = frozenset(
    {"Sir", "Madam", "Team", "All", "Customer", "Customers", "Support", "Everyone", "There", "Valued",
     "Member", "Members", "Client", "Clients", "User", "Users", "Colleagues", "Friend", "Friends", "Partner",
     "Partners"}
)  # fmt: skip


def _surname_shaped(tok: str) -> bool:
    """A family-name shape: one of the endings above (Carlsson, Navrátilová, Virtanen)."""
    return len(tok) >= 5 and _SURNAME_SHAPE.search(tok) is not None


def _score(tokens: list[tuple[str, int, int]], i: int, j: int, run: list[str]) -> float:
    prev, sep = _prev_words(tokens, i)
    low = prev.lower()
    nxt_tok = tokens[j][0] if j < len(tokens) else ""
    nxt = nxt_tok.lower()
    score = 0.0
    if low in _TITLES and sep in ("", "."):
        score += 0.9
    elif low == "is" and _name_is(tokens, i):
        score += 0.6
    elif low in _STRONG_CUES or (low == "name" and sep in (":", "?")):
        score += 0.5 if len(run) == 1 and _plain_word(run[0]) else 0.45
    elif sep == "" and i >= 2 and _introduces(low, tokens[i - 2][0].lower()):
        score += 0.5  # "call me Csanád", "this is Maria", "I am Tadzio"
    elif low in _MID_CUES and len(run) >= 2:
        score += 0.4
    elif low in _GREETINGS and sep == "" and nxt in (",", "!") and run[0] not in _GREETING_NOT_NAMES:
        score += 0.5  # "Hi Freddy," / "Dear Alma,"
    elif low in _CUES:
        score += 0.1
    first, last = run[0], run[-1]
    strict_first = _first(first)
    in_first = strict_first or first in FIRST_NAMES
    strict_last = _last(last) or last in _PINYIN_SURNAMES
    in_last = strict_last or last in LAST_NAMES
    if not in_last and last not in _STOP and _surname_shaped(last):
        in_last = strict_last = True
        score += 0.1 if len(run) >= 2 else 0.0
    if len(run) == 1:
        if strict_first:
            # an unambiguous given name alone: "Leif, can I ..."; one that a single locale lists may be a
            # word elsewhere ("Valid", "Purity"): it needs one more piece of evidence
            score += 0.5 if first in _SHARED_FIRST else 0.4
        elif strict_last:
            score += 0.3
        elif (in_first or in_last) and first not in _COUNTRIES:
            score += 0.15  # "Rose", "Will", "Paris": a word or a place as often as a name
    else:
        if in_first:
            score += 0.35 if strict_first else 0.25
        if in_last:
            score += 0.25 if strict_last else 0.15
        score += 0.1
        if (strict_first or strict_last) and not (in_first and in_last):
            score += 0.1
        if run[0] in _PINYIN_SURNAMES:
            score += 0.35
    if nxt in _VERBS or nxt in ("'s", "’s") or (nxt in (",", ")") and len(run) >= 2):
        score += 0.15
    if low in ("in", "near", "at", "around", "outside") and len(run) == 1:
        score -= 0.2  # "in Austin, Texas": a place
    if not in_first and not in_last and score < 0.45:
        return 0.0
    if (
        score < 0.9
        and (
            (nxt_tok[:1].isupper() and nxt in _STREET_SUFFIXES)  # "Isaac Lodge Street"
            or (len(run) >= 2 and last.lower() in _STREET_SUFFIXES)  # "Philip Bypass": the address should win
            or (i > 0 and tokens[i - 1][0][:1].isdigit())  # "1317 Kimberly Way"
        )
    ):
        return min(score, 0.0 if nxt_tok[:1].isupper() and nxt in _STREET_SUFFIXES else 0.55)
    return score


def _introduces(prev: str, before: str) -> bool:
    """``call me`` / ``this is`` / ``I am`` / ``I'm`` right before a word: a self-introduction."""
    return (
        (prev == "me" and before == "call")
        or (prev == "is" and before == "this")
        or (prev == "am" and before == "i")
        or (prev in ("'m", "’m") and before == "i")
    )


def _plain_word(tok: str) -> bool:
    """Not an ordinary word, a country, a street word or a stop word: "Przemek" in "Przemek Kucharski"."""
    low = tok.lower()
    return tok not in _STOP and low not in _COMMON and tok not in _COUNTRIES and low not in _STREET_SUFFIXES


def _first(tok: str) -> bool:
    """An unambiguous given name; a hyphenated one when one of its parts is (``Anne-Lotte``)."""
    if is_first(tok):
        return True
    return "-" in tok and any(is_first(p) for p in tok.split("-"))


def _last(tok: str) -> bool:
    """An unambiguous family name; a hyphenated one when one of its parts is (``Smith-Jones``)."""
    if is_last(tok):
        return True
    return "-" in tok and any(is_last(p) for p in tok.split("-"))


def _name_is(tokens: list[tuple[str, int, int]], i: int) -> bool:
    return i >= 2 and tokens[i - 2][0].lower() in ("name", "named")


def register_spacy_component() -> None:
    """Register the ``riskhub_en_names`` spaCy component (idempotent)."""
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("riskhub_names"):
        Doc.set_extension("riskhub_names", default=None)
    if "riskhub_en_names" in Language.factories:
        return

    @Language.component("riskhub_en_names")
    def riskhub_en_names(doc: Doc) -> Doc:
        # spaCy's English tokenizer glues Latin words to CJK characters; mixed texts use regex tokens
        doc._.riskhub_names = None if _CJK.search(doc.text) else find_names(tokens_from_doc(doc))
        return doc


class EnPersonRecognizer(EntityRecognizer):
    """``Mr. John Smith``, ``cardholder Kimberly Marquez``, ``Gregory Wong said``.

    Reads the spans of the spaCy ``riskhub_en_names`` component when present, else regex tokens.
    """

    ENTITY = PERSON
    NEEDS_SCRIPT = "en"

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: a capitalised word; in texts without CJK, any Latin letter (lower-case, ALL-CAPS names)."""
        if ctx.has_cjk:
            return _CAPITALISED.search(ctx.text) is not None
        return ctx.has_latin or _LATIN.search(ctx.text) is not None

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Read the spans the spaCy component found, or find them over regex tokens."""
        names = None
        if ctx.doc is not None and ctx.doc.has_extension("riskhub_names"):
            names = ctx.doc._.riskhub_names
        if names is None:
            names = find_names(tokens_from_text(ctx.text))
        return [RecognizerResult(PERSON, s, e, round(sc, 3), self.name, ctx.text[s:e]) for s, e, sc in names]
