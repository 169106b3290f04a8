# ruff: noqa: E501
"""English and international street addresses: street lines in US and European formats, units, city / state /
postcode lines, multi-line blocks, corners and post-office boxes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from anonymizer.data.en_gazetteer import COMMON_WORDS, COUNTRIES, STREET_WORDS
from anonymizer.data.en_lists import STREET_SUFFIXES
from anonymizer.entities import ADDRESS
from anonymizer.recognizers.base import (
    AnalysisContext,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
    anchored_finditer,
    contains_any,
    digit_starts,
)

_ABBREV = (
    "St",
    "Ave",
    "Av",
    "Rd",
    "Blvd",
    "Ln",
    "Dr",
    "Ct",
    "Pl",
    "Hwy",
    "Pkwy",
    "Sq",
    "Ter",
    "Terr",
    "Cir",
    "Trl",
    "Way",
    "Aly",
    "Expy",
    "Fwy",
    "Plz",
    "Pt",
    "Xing",
    "Cres",
    "Close",
    "Row",
    "Walk",
    "Mews",
    "Gardens",
    "Grove",
)
_SUFFIX = "(?:" + "|".join(sorted(set(STREET_SUFFIXES) | set(_ABBREV), key=len, reverse=True)) + r")\.?"
_WORD = r"[A-Z][A-Za-z'\-]*"
_STREET = (
    r"(?=\d)(?<![\w.])\d{1,6}[A-Za-z]?(?:-\d{1,4})?\s+(?:(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
    r"(?:(?:" + _WORD + r"|\d{1,3}(?:st|nd|rd|th))\s+){1,4}" + _SUFFIX + r"(?![A-Za-z])"
    r"(?:\s+(?:[NSEW]|NE|NW|SE|SW)\b\.?)?"
)
_UNIT = (
    r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Floor|Fl|Room|Rm|Bldg|Building)\b\.?\s*#?\s*"
    r"(?=[A-Za-z0-9\-]*\d)[A-Za-z0-9\-]{1,6}|,?\s+#\s*\d{1,6})?"
)
_CITY_LINE = (
    r"(?:(?:,\s*|\s*\n\s*|\s+)(?:"
    + _WORD
    + r"\s){0,2}"
    + _WORD
    + r",?\s+(?:[A-Z]{2}|"
    + _WORD
    + r")\s+\d{5}(?:-\d{4})?"
    r"(?!\d))?"
)
_MILITARY = (
    r"(?:(?:PSC|Unit)\s+\d{4},?\s+Box\s+\d{4}|(?:USNS|USNV|USS|USCGC)\s+" + _WORD + r")"
    r"(?:\s*\n\s*|,?\s+)(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}"
)
_AFTER_CUE = (
    r"(?=[aAlLrRhHbBsS])(?i:(?:home |billing |shipping |mailing |postal |new )?address(?: is|:)|"
    r"lives at|living at|resides at|located at|live at|reside at)[ \t:]*"
    r"(?P<v>(?=[^\n]{0,40}\d)[A-Z0-9À-Þ](?:[^\n;!?.(]|\.(?=[ ]?\d|\S)|\n(?![\n]|[ \t]*[A-Z][A-Za-z ]{1,20}:))"
    + "{4,90}"
    + r"?(?=\.?\s*(?:$|\n\n)|[;!?(]|\.\s|,\s*[a-z]"
    + r"|\s(?:and|with|for|but|who|which|was|is|lost|on|since|from|to)\s))"
)
_PO_BOX = r"(?i:P\.?\s?O\.?\s+Box)\s+\d{1,6}" + _CITY_LINE


# -- address blocks in any Latin / Greek script format -------------------------------------------------
_L = r"A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ\u0370-\u03ff\u0400-\u04ff"  # letters: Latin, Greek, Cyrillic
_UNIT_WORD = (
    r"(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|Building|Box|Studio|Piso|Apartamento|"
    r"Appartamento|Piano|Interno|Int|Escalera|Esc|Puerta|Pta|Wohnung|Whg|Etage|Stock|Bus|Boîte|Lgh|Leil)"
)
_HOUSE_NO = r"\d{1,5}[A-Za-z]?(?:[/\-]\d{1,4}[A-Za-z]?)?"
_UPPER = r"[A-ZÀ-Þ\u0370-\u03ff\u0400-\u042f]"
#: Lower-case words inside street names: "Rue de la Gare", "Jiřího z Poděbrad", "Ostrov nad Ohří".
_PARTICLE = r"(?:de|del|della|delle|degli|di|da|do|dos|das|du|des|la|le|les|van|von|der|den|y|e|z|u|nad|pod|am|an|im)\b"
#: A street line that begins with a house number: ``2224 Trenerys gate 232``, ``9383 ul. Chrzanowska 61 St.``,
#: ``3378 217 Lovers Lane``; the street words are checked in :func:`_street_ok`.
_NUM_STREET = re.compile(
    rf"(?<![\w.\-/])\d{{1,6}}[A-Za-z]?(?:/\d{{1,5}}[A-Za-z]?)?(?:[ \t]+\d{{1,5}}[A-Za-z]?)?[ \t]+"
    rf"(?P<name>(?:[{_L}]{{1,5}}\.[ \t]*)?[A-ZÀ-Þ\u0370-\u03ff\u0400-\u042f][{_L}'’.\-]*"
    rf"(?:[ \t]+(?!{_UNIT_WORD}\b)(?:{_UPPER}[{_L}'’.\-]*|{_PARTICLE}|[{_L}][{_L}'’.\-]*(?=[ \t]+\d))){{0,4}})"
    rf"(?P<num>[ \t]+\d{{1,5}}[A-Za-z]?\b\.?)?"
)
#: A street named first, its number after: ``Friedhofstrasse 33``, ``Rue de Tanger 29``, ``ul. Cicha 86``.
_NAMED_STREET = re.compile(
    rf"(?<![\w.])(?P<name>[{_L}][{_L}'’.\-]*(?:[ \t]+[{_L}][{_L}'’.\-]*){{0,4}}?),?[ \t]+{_HOUSE_NO}(?![\w/\-])\.?"
)
#: A number, a comma, then the street: ``8, avenue Bonnin``, ``7, boulevard Suzanne Potier`` (French style).
_NUM_COMMA_STREET = re.compile(
    rf"(?<![\w.])\d{{1,4}}(?:[ \t]?(?:bis|ter|[A-Za-z]))?,[ \t]+(?P<name>[{_L}]+\.?(?:[ \t]+[{_L}'’\-]+){{0,4}}?)"
    rf"(?=[ \t]*(?:,|\n|$|[.;?!)](?:\s|$)))"
)
#: A British flat / studio line before the street: ``Studio 66\nHeather Views``, ``Flat 63, Sharon Ford``.
_FLAT_STREET = re.compile(
    rf"\b(?:Studio|Flat|Apartment|Unit|Level)[ \t]+\d{{1,4}}[A-Za-z]?(?:,[ \t]*|[ \t]*\n[ \t]*|[ \t]+(?=\d))"
    rf"(?:\d{{1,5}}[A-Za-z]?(?:/\d{{1,5}})?[ \t]+)?(?P<name>{_UPPER}[{_L}'’\-]*(?:[ \t]+{_UPPER}[{_L}'’\-]*){{0,3}})"
)
#: A street named by its type word first, without a number, then a postcode line: ``rue de Mallet\n03971 Robertnec``.
_TYPE_LED_STREET = re.compile(
    rf"(?<![\w.])(?P<name>(?i:rue|avenue|boulevard|chemin|impasse|allée|place|quai|route|calle|camino|avenida|paseo|"
    rf"via|viale|piazza|rua|travessa|largo)[ \t]+[{_L}'’\-]+(?:[ \t]+[{_L}'’\-]+){{0,4}}?)(?=,|[ \t]*\n)"
)
_PO_BOX_BLOCK = re.compile(r"(?i:\bP\.?[ \t]?O\.?[ \t]+Box)[ \t]+\d{1,6}")
_COMPOUND_STREET = re.compile(
    r"^[a-zà-þ].{2,}(?:strasse|straße|str\.|gasse|weg|vej|vejen|gade|gata|gatan|vägen|väg|katu|tie|kuja|straat|laan|plein|"
    r"gracht|allee|platz|ring|steeg|baan|singel|dreef|kade|stræde|veien|vei|torget|polku|utca|útja|sétány|stien|bakken|brekka|braut)$"
)
_SEP = r"(?:[ \t]*,[ \t]*(?:\n[ \t>?]*)?|[ \t]*\n[ \t>?]*(?:,[ \t]*)?)"
_UNIT_SEG = rf"{_UNIT_WORD}\.?[ \t]*#?[ \t]*[A-Za-z0-9\-]{{1,6}}\b"
#: Postcodes: digits (US ZIP+4, 3-6 digits), British (``SA8 3NT``), Canadian (``J2A 7L8``), Dutch (``3285 JV``).
_ZIP = (
    r"(?:\d{4}[ ]?[A-Z]{2}(?![\w])|\d{3,6}(?:[ \-]\d{2,4})?(?![\d\-])|[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}(?![\w])"
    r"|[A-Z]\d[A-Z][ ]?\d[A-Z]\d(?![\w]))"
)
#: A city word: letters (an abbreviation may end in '.': "St. Albans", "Ft. Worth").
_CITY_WORD = rf"(?:[{_L}]{{1,3}}\.|[{_L}'’()\-]+)"
_CITY = (
    rf"(?:{_UPPER}|\()(?:[{_L}]{{0,2}}\.|[{_L}'’()\-]*)"
    rf"(?:[ \t]+(?:(?=[{_UPPER[1:-1]}(']){_CITY_WORD}|{_PARTICLE}|sur|on|upon|en)){{0,4}}"
)
#: What may follow the last piece of an address: the end, punctuation, or the sentence going on in lower case.
_AFTER = r"(?=[ \t]*(?:$|[\n,.;?!)])|[ \t]+[a-z])"
_CAPS_CITY = (
    r"[A-ZÀ-Þ\u0391-\u03a9][A-ZÀ-Þ\u0391-\u03a9'’.\-]{2,}(?:[ \t]+[A-ZÀ-Þ\u0391-\u03a9'’.\-]{2,}){0,2}"
)
#: One more piece of an address after its street line, on the same line or the next.
_TAIL = re.compile(
    rf"(?:{_SEP}|[ \t]+)(?P<unit>{_UNIT_SEG})"
    rf"|{_SEP}(?P<city>{_ZIP},?[ \t]+{_CITY}|(?:{_CITY})(?:,?[ \t]+(?:[A-Z]{{2,3}},?[ \t]+)?{_ZIP})?"
    rf"|[A-Z]{{2,3}}(?:,?[ \t]+{_ZIP})?|{_ZIP}){_AFTER}"
    rf"|[ \t]+(?P<caps>(?:{_CAPS_CITY})(?:[ \t]+{_CITY})?(?:[ \t]+{_ZIP})?){_AFTER}"
)
_CORNER = re.compile(
    rf"(?:[Tt]he[ \t]+)?[Cc]orner[ \t]+of[ \t]+[^\n,;?!]{{2,60}}?[ \t]+and[ \t]+[{_L}0-9][^\n,;?!]{{1,50}}?"
    rf"(?=[ \t]*(?:$|\n|[,;?!)]|\.(?:\s|$)))"
)
_CUE_ON = re.compile(
    rf"(?i:\b(?:lives|live|living|located|is|station is) on)[ \t]+"
    rf"(?P<v>[{_UPPER[1:-1]}0-9](?:[^\n,;?!.]|\.(?=\S)){{2,50}}?[ \t]\d{{1,5}}\b)"
)
_NOT_CITY_START = frozenset(COMMON_WORDS) - {
    "new",
    "grand",
    "north",
    "south",
    "east",
    "west",
    "port",
    "mount",
}


def _street_ok(name: str, has_number: bool, strong: bool = False) -> bool:
    """The words of a street name: a street-type word, or a name and a house number after it."""
    words = name.replace(".", ". ").split()
    if not words or any(w.lower().rstrip(".") in _NOT_STREET for w in words):
        return False  # "21 Mar 2025": a date; "500 Euro 20": an amount
    if any(w.islower() and w in COMMON_WORDS and w not in STREET_WORDS for w in words):
        return False  # "Charles Stravenue lost 61": a sentence goes on after the street
    for w in words:
        low = w.lower()
        if low in STREET_WORDS or low.rstrip(".") in _SUFFIX_WORDS or _COMPOUND_STREET.search(low):
            return True
    if strong:
        return True  # a postcode line follows
    if not has_number:
        return False
    # "Trenerys gate 232"-like: a house number after the name; ordinary English words make it a sentence
    return not any(w.lower().strip(".'’") in COMMON_WORDS for w in words)


_MONTHS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_NOT_STREET = _MONTHS | frozenset(
    [
        "eur",
        "euro",
        "euros",
        "usd",
        "dollar",
        "dollars",
        "yuan",
        "rmb",
        "cny",
        "gbp",
        "pound",
        "pounds",
        "yen",
        "times",
        "items",
        "pcs",
        "pieces",
        "units",
        "gb",
        "mb",
        "kb",
        "minutes",
        "hours",
        "days",
        "weeks",
        "months",
        "years",
        "percent",
    ]
)
_SUFFIX_WORDS = frozenset(w.lower() for w in (*STREET_SUFFIXES, "st", "rd", "ave", "blvd", "ln", "dr", "hwy"))


def _extend(text: str, end: int) -> tuple[int, int]:
    """Follow the unit / city / state / country / postcode pieces after a street line; (end, pieces).

    A last piece that is only a city name after a comma (``221B Baker Street, London``) is left out: the
    street is the personal part, and the city stays readable.
    """
    pieces = 0
    last_bare = None
    while pieces < 5:
        m = _TAIL.match(text, end)
        if m is None:
            break
        city = m.group("city") or m.group("caps")
        if city is not None:
            first = city.split()[0].strip("(),.")
            if (
                first.lower() in _NOT_CITY_START
                and first not in COUNTRIES
                and not (first.isupper() and len(first) <= 3)
            ):
                break
        bare = (
            m.group("city") is not None
            and "\n" not in text[end : m.start("city")]
            and not any(c.isdigit() for c in city)
            and city not in COUNTRIES
            and not city.isupper()
        )
        last_bare = end if bare else None
        end = m.end()
        pieces += 1
    if last_bare is not None:
        return last_bare, pieces - 1
    return end, pieces


_COMPOUND_ENDINGS = tuple(
    [
        "strasse",
        "straße",
        "str.",
        "gasse",
        "weg",
        "vej",
        "vejen",
        "gade",
        "gata",
        "gatan",
        "vägen",
        "väg",
        "katu",
        "tie",
        "kuja",
        "straat",
        "laan",
        "plein",
        "gracht",
        "allee",
        "platz",
        "ring",
        "steeg",
        "baan",
        "singel",
        "dreef",
        "kade",
        "stræde",
        "veien",
        "vei",
        "torget",
        "polku",
        "utca",
        "útja",
        "sétány",
        "stien",
        "bakken",
        "brekka",
        "braut",
    ]
)
#: A full stop between two sentences: "... console. Press 0" is not one address.
_SENTENCE_BREAK = re.compile(r"([A-Za-z]{4,})\.[ \t]+[A-Z]")


def _sentence_break(text: str, start: int, end: int) -> bool:
    """A word of 4+ letters, a full stop and a capital inside the span, the word no abbreviation ("Avda.")."""
    for m in _SENTENCE_BREAK.finditer(text, start, end):
        if m.group(1).lower() + "." not in STREET_WORDS:
            return True
    return False


#: The cues of "after_address_cue" that end in " at" ("lives at", "living at", "located at", "reside at"):
#: the letter before " at" is one of these (an "ſ" folds to "s" under ``(?i)`` and is gated on by itself).
_AT_CUE_ENDINGS = ("s at", "g at", "d at", "e at")


_ENDS_WITH_ZIP = re.compile(r"\d{5}(?:-\d{4})?$")
_TYPE_WORDS = ("rue", "avenue", "boulevard", "chemin", "impasse", "allée", "place", "quai", "route", "calle", "camino",
               "avenida", "paseo", "via", "piazza", "rua", "travessa", "largo")  # fmt: skip
_TYPE_WORD = re.compile(r"\b(?:" + "|".join(_TYPE_WORDS) + r")\b")
_ON_CUE_HINT = re.compile(r"(?:live|living|located|is) on ")


class EnAddressRecognizer(PatternRecognizer):
    """Street addresses: ``1037 Jessica Landing, Kevinton, GU 19361``, ``PSC 1234, Box 5678 APO AE 12345``.

    A street line (number, name words, a street suffix), an optional unit, an optional city / state / ZIP.
    """

    ENTITY = ADDRESS
    NEEDS_SCRIPT = "en"
    PATTERNS = [
        Pattern("street_line_zip", _STREET + _UNIT + _CITY_LINE[:-1], 0.95),  # with a mandatory city/ZIP line
        Pattern("street_line", _STREET + _UNIT + _CITY_LINE, 0.8),
        Pattern("military", _MILITARY, 0.85),
        Pattern("po_box", _PO_BOX, 0.7),
        # any street format (European "Street 12", "Rua do Arenque 1634") right after an address cue
        Pattern("after_address_cue", _AFTER_CUE, 0.85),
    ]
    CONTEXT = ["address", "lives", "live", "living", "resides", "located", "ship", "deliver", "mail", "at"]
    CONTEXT_BOOST = 0.1

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: a digit (house numbers, postcodes) or a street corner."""
        return ctx.max_digits >= 1 or "corner of" in ctx.lower

    def active_patterns(self, ctx: AnalysisContext) -> list[Pattern]:
        """Military addresses need APO / FPO / DPO, a PO box "box", the cue pattern one of its cues."""
        text, lower = ctx.text, ctx.lower
        out = self.PATTERNS[1:2]  # "street_line" reads the city / ZIP line too: one scan, scored in analyze
        if "PO" in text:
            out = [*out, self.PATTERNS[2]]
        if "box" in lower:
            out = [*out, self.PATTERNS[3]]
        if "address" in lower or (" at" in lower and contains_any(lower, _AT_CUE_ENDINGS)) or "ſ" in lower:
            out = [*out, self.PATTERNS[4]]
        return out

    def iter_matches(self, pattern: Pattern, ctx: AnalysisContext) -> Iterator[re.Match]:
        """Street lines begin with a house number: try them only where a number begins."""
        if pattern.name.startswith("street_line"):
            return anchored_finditer(pattern.compiled, ctx.text, digit_starts(ctx))
        return super().iter_matches(pattern, ctx)

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """The patterns above, then address blocks in any format (a longer block replaces what it covers)."""
        found = super().analyze(ctx)
        for r in found:  # a street line with its city / ZIP line scores as "street_line_zip"
            if r.meta.get("pattern") == "street_line" and _ENDS_WITH_ZIP.search(r.value):
                r.score = round(min(1.0, r.score + 0.15), 3)
                r.meta["pattern"] = "street_line_zip"
        blocks = self._blocks(ctx)
        if not blocks:
            return found
        kept = [r for r in found if not any(b.start <= r.start and r.end <= b.end for b in blocks)]
        for b in blocks:
            inner = [r.score for r in found if b.start <= r.start and r.end <= b.end]
            if inner:
                b.score = max(b.score, *inner)
            if not any(
                r.start < b.end and b.start < r.end and r.end - r.start >= b.end - b.start for r in kept
            ):
                kept.append(b)
        return kept

    def _blocks(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        text = ctx.text
        out: list[RecognizerResult | None] = []
        last = -1
        for m in anchored_finditer(_NUM_STREET, text, digit_starts(ctx)):
            if m.start() < last:
                continue
            has_num = m.group("num") is not None
            name = m.group("name")
            if any(w.lower().rstrip(".") in _NOT_STREET for w in name.split()):
                continue
            nxt = text[m.end() : m.end() + 1]
            if not (nxt in (",", "\n") or _street_ok(name, True)):
                continue  # neither a street by its words nor followed by more address lines: skip the tail scan
            end, pieces = _extend(text, m.end())
            strong = pieces >= 1 and any(c.isdigit() for c in text[m.end() : end])
            if not _street_ok(m.group("name"), has_num or pieces > 0, strong):
                continue
            score = 0.7 + 0.1 * min(pieces, 2)
            out.append(self._result(text, m.start(), end, score, "street_block"))
            last = end
        if "orner" in text:
            for m in _CORNER.finditer(text):
                out.append(self._result(text, m.start(), m.end(), 0.85, "street_corner", check=False))
        for m in self._named_streets(ctx):
            words = m.group("name").split()
            # the street-type word must be in the name: "Friedhofstrasse 33", "Rue de Tanger 29"
            k = next(
                (
                    i
                    for i, w in enumerate(words)
                    if w.lower() in STREET_WORDS or (w[0].isupper() and _COMPOUND_STREET.search(w.lower()))
                ),
                None,
            )
            if k is None or any(o is not None and o.start <= m.start() < o.end for o in out):
                continue
            b = k  # the words before the street word that belong to it: "Villacher Strasse", "C. Beerninckstraat"
            while (
                b > 0 and words[b - 1][:1].isupper() and words[b - 1].lower().rstrip(".") not in COMMON_WORDS
            ):
                b -= 1
            name = m.group("name")
            pos = 0
            for w in words[:b]:
                pos = name.index(w, pos) + len(w)
            start = m.start("name") + name.index(words[b], pos)
            end, pieces = _extend(text, m.end())
            out.append(self._result(text, start, end, 0.7 + 0.1 * min(pieces, 2), "named_street"))
        if "," in text:
            for m in anchored_finditer(_NUM_COMMA_STREET, text, digit_starts(ctx)):
                if m.group("name").split()[0].lower().rstrip(".") in STREET_WORDS:
                    end, pieces = _extend(text, m.end())
                    score = 0.75 + 0.1 * min(pieces, 2)
                    out.append(self._result(text, m.start(), end, score, "number_comma_street"))
        if "Studio" in text or "Flat" in text or "Apartment" in text or "Unit" in text:
            for m in _FLAT_STREET.finditer(text):
                if _street_ok(m.group("name"), False):
                    end, pieces = _extend(text, m.end())
                    out.append(self._result(text, m.start(), end, 0.8 + 0.05 * min(pieces, 2), "flat_street"))
        lower = ctx.lower
        # a postcode at a line start or after a comma, a street type word before it (a substring first)
        type_led = contains_any(lower, _TYPE_WORDS) and any(
            p >= 2
            and (text[p - 1] == "\n" or text[p - 2 : p] == ", ")
            and _TYPE_WORD.search(lower, max(0, p - 60), p) is not None
            for p in digit_starts(ctx)
        )
        for m in _TYPE_LED_STREET.finditer(text) if type_led else ():
            if any(o is not None and o.start <= m.start() < o.end for o in out):
                continue
            end, pieces = _extend(text, m.end())
            if pieces and any(c.isdigit() for c in text[m.end() : end]):
                out.append(self._result(text, m.start(), end, 0.8, "type_led_street"))
        if "box" in ctx.lower:
            for m in _PO_BOX_BLOCK.finditer(text):
                end, pieces = _extend(text, m.end())
                if pieces:
                    out.append(self._result(text, m.start(), end, 0.85, "po_box_block"))
        if " on " in text and _ON_CUE_HINT.search(ctx.lower):
            for m in _CUE_ON.finditer(text):
                s, e = m.span("v")
                if not any(o is not None and o.start <= s < o.end for o in out):
                    out.append(self._result(text, s, e, 0.8, "after_on_cue"))
        found = sorted((r for r in out if r is not None), key=lambda r: (r.start, -r.end))
        kept: list[RecognizerResult] = []
        for r in found:  # a block inside a longer block is dropped
            if kept and r.end <= kept[-1].end:
                continue
            kept.append(r)
        return kept

    @staticmethod
    def _named_streets(ctx: AnalysisContext) -> Iterator[re.Match]:
        """``_NAMED_STREET`` matches, searched only before house numbers that follow a street-type word."""
        text, lower = ctx.text, ctx.lower
        done = -1
        for p in digit_starts(ctx):
            if p < 3 or p <= done or text[p - 1] not in " \t":
                continue
            q = p - 3 if text[p - 2] == "," else p - 2
            if not text[q].isalpha():
                continue
            lo = max(0, p - 60)
            words = lower[lo:p].replace(",", " ").split()[-5:]
            if not any(w in STREET_WORDS or w.endswith(_COMPOUND_ENDINGS) for w in words):
                continue
            for m in _NAMED_STREET.finditer(text, lo, min(len(text), p + 12)):
                if m.end() > p and m.start() > done:
                    done = m.end()
                    yield m

    def _result(
        self, text: str, start: int, end: int, score: float, pattern: str, check: bool = True
    ) -> RecognizerResult | None:
        if (
            end - start > 1
            and text[end - 1] == "."
            and text[end - 2].isalpha()
            and text[end - 3 : end - 1].isalpha()
        ):
            end -= 1  # the sentence's full stop, not an abbreviation ("St.")
        if check and (self.invalidate_result(text[start:end]) or _sentence_break(text, start, end)):
            return None
        return RecognizerResult(
            self.ENTITY, start, end, round(score, 3), self.name, text[start:end], None, {"pattern": pattern}
        )

    def invalidate_result(self, value: str) -> bool:
        """``5 Way`` / ``10 Dr`` alone and amounts like ``100 Point`` are not streets; a value after an
        address cue needs a digit and a capitalised word."""
        words = value.split()
        if not re.search(r"\d", value) or not re.search(r"[A-ZÀ-Þ][a-zß-ÿ]", value):
            return True
        return len(words) < 2 or (len(words) < 3 and not re.search(r"\n", value) and not value[0].isalpha())
