"""English person names: titles, role cues, first/last-name gazetteers, read over spaCy tokens."""

from __future__ import annotations

import re
from typing import Any

from anonymizer.data.en_lists import FIRST_NAMES, LAST_NAMES
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
    "merchant",
    "accomplice",
    "mule",
    "by",
    "to",
    "from",
    "with",
    "and",
    "for",
}
_STRONG_CUES = _CUES - {"by", "to", "from", "with", "and", "for", "member", "user", "contact", "name"}
_VERBS = {
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
}
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
    r"[^\W\d_\u3400-\u9fff][^\W\d\u3400-\u9fff'’\-]*(?:['’\-][^\W\d_\u3400-\u9fff]+)*\.?|\d+|[.,:;!?()\u3000-\u303f\uff00-\uffef]"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
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
    return [(t.text, t.idx, t.idx + len(t.text)) for t in doc]


def tokens_from_text(text: str) -> list[tuple[str, int, int]]:
    """Regex tokenisation used when spaCy is off."""
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok.endswith(".") and len(tok) > 2:
            out.append((tok[:-1], m.start(), m.end() - 1))
            out.append((".", m.end() - 1, m.end()))
        else:
            out.append((tok, m.start(), m.end()))
    return out


def find_names(tokens: list[tuple[str, int, int]]) -> list[tuple[int, int, float]]:
    """Score runs of capitalised tokens; return (start, end, score) character spans."""
    out: list[tuple[int, int, float]] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i][0]
        if not tok[0].isupper() or tok.endswith(".") or not _is_name_token(tok):
            i += 1
            continue
        after_title = _prev_words(tokens, i)[0].lower() in _TITLES
        named = tok in LAST_NAMES or tok in FIRST_NAMES
        if tok in _STOP and not (
            (tok in FIRST_NAMES and i + 1 < n and tokens[i + 1][0] in LAST_NAMES) or (after_title and named)
        ):
            i += 1
            continue
        j = i
        run: list[str] = []
        while (
            j < n
            and len(run) < 4
            and _is_name_token(tokens[j][0])
            and (
                j == i or tokens[j][0] not in _STOP or (tokens[j][0] in LAST_NAMES and run[-1] in FIRST_NAMES)
            )
        ):
            run.append(tokens[j][0])
            j += 1
            if j < n and tokens[j][0] == "." and len(run[-1]) == 1:  # middle initial "J."
                j += 1
        if run and (run[-1].endswith(".") or len(run[-1]) == 1):
            run.pop()
            j -= 1
        if not run:
            i += 1
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
            if m < n and tokens[m][0] == ",":
                m += 1
            if m < n and tokens[m][0].rstrip(".") in _SUFFIXES:
                end = tokens[m][2]
                if m + 1 < n and tokens[m + 1][0] == "." and tokens[m + 1][1] == end:
                    end = tokens[m + 1][2]
            out.append((start, end, min(1.0, score)))
        i = max(j, i + 1)
    return out


def _is_name_token(tok: str) -> bool:
    if not tok[0].isupper() or not _NAME_TOKEN.match(tok):
        return False
    body = tok.replace("'", "").replace("’", "").replace("-", "")
    return len(body) <= 2 or body[1:].islower() or body.startswith(("Mc", "Mac", "O"))


def _prev_words(tokens: list[tuple[str, int, int]], i: int) -> tuple[str, str]:
    k = i - 1
    if k >= 0 and tokens[k][0] in (":", ".", ","):
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
    nxt = tokens[j][0].lower() if j < len(tokens) else ""
    score = 0.0
    if low in _TITLES and sep in ("", "."):
        score += 0.9
    elif low == "is" and _name_is(tokens, i):
        score += 0.6
    elif low in _STRONG_CUES or (low == "name" and sep == ":"):
        score += 0.45
    elif low in _MID_CUES and len(run) >= 2:
        score += 0.4
    elif low in _GREETINGS and sep == "" and nxt in (",", "!") and run[0] not in _GREETING_NOT_NAMES:
        score += 0.5  # "Hi Freddy," / "Dear Alma,"
    elif low in _CUES:
        score += 0.1
    first, last = run[0], run[-1]
    in_first = first in FIRST_NAMES
    in_last = last in LAST_NAMES or last in _PINYIN_SURNAMES
    if not in_last and last not in _STOP and _surname_shaped(last):
        in_last = True
        score += 0.1 if len(run) >= 2 else 0.0
    if in_first:
        score += 0.35
    if len(run) >= 2 and in_last:
        score += 0.25
    if len(run) >= 2:
        score += 0.1
    if len(run) == 1 and in_last and not in_first:
        score += 0.15
    if nxt in _VERBS or nxt in ("'s", "’s") or (nxt in (",", ")") and len(run) >= 2):
        score += 0.15
    if len(run) >= 2 and run[0] in _PINYIN_SURNAMES:
        score += 0.35
    if len(run) >= 2 and (in_first or in_last) and not (in_first and in_last):
        score += 0.1
    if low in ("in", "near", "at", "around", "outside") and len(run) == 1:
        score -= 0.2  # "in Austin, Texas": a place
    if not in_first and not in_last and score < 0.45:
        return 0.0
    return score


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
        """Gate: a capitalised word must be present."""
        return _CAPITALISED.search(ctx.text) is not None

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Read the spans the spaCy component found, or find them over regex tokens."""
        names = None
        if ctx.doc is not None and ctx.doc.has_extension("riskhub_names"):
            names = ctx.doc._.riskhub_names
        if names is None:
            names = find_names(tokens_from_text(ctx.text))
        return [RecognizerResult(PERSON, s, e, round(sc, 3), self.name, ctx.text[s:e]) for s, e, sc in names]
