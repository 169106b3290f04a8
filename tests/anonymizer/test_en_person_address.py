"""English PERSON and ADDRESS: one parametrized table per rule class, positives and negatives.

Names and addresses are synthetic (Faker-style values written for these tests).
"""

from __future__ import annotations

import pytest

from anonymizer.recognizers.en.en_address_recognizer import EnAddressRecognizer
from anonymizer.recognizers.en.en_person_recognizer import (
    EnPersonRecognizer,
    find_names,
    is_first,
    is_last,
    tokens_from_text,
)

from .assertions import assert_spans, engine_values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # names of many locales, without a title or a cue
        ("Mikko Virtanen reported the card lost", ["Mikko Virtanen"]),
        ("The transfer was approved by Agnieszka Kowalczyk on Friday", ["Agnieszka Kowalczyk"]),
        ("Have you met Przemek Kucharski before?", ["Przemek Kucharski"]),
        # a single unambiguous given name
        ("Katrine called the bank twice", ["Katrine"]),
        ("Leif, can you confirm the amount?", ["Leif"]),
        # bare and dotted middle initials, name particles, hyphenated given names
        ("Transfer approved by Oskar M Lindholm yesterday", ["Oskar M Lindholm"]),
        ("Keira E. Forster from the branch called", ["Keira E. Forster"]),
        ("The account of Willem van Dijk was frozen", ["Willem van Dijk"]),
        # ALL-CAPS and lower-case names need every word to be an unambiguous name
        ("BENEFICIARY: JOHANNA LINDQVIST", ["JOHANNA LINDQVIST"]),
        ("please call back agnieszka kowalczyk tomorrow", ["agnieszka kowalczyk"]),
        ("my name is ingrid", ["ingrid"]),
        # "name?" / "name:" cues
        ("What's your last name? Halvorsen", ["Halvorsen"]),
        # a list of names
        ("Witnesses were Sigrid, Tomasz, Aurelio and Bente.", ["Sigrid", "Tomasz", "Aurelio", "Bente"]),
        # self-introductions and role cues before a name outside the gazetteers
        ("Sometimes people call me Dragoslav", ["Dragoslav"]),
        ("Hello, this is Marisol from the card centre", ["Marisol"]),
        ("I would like to add my kid Tadzio to the account", ["Tadzio"]),
        # family-name-first names in capitals
        ("Victim ZHANG Ming advised she was contacted", ["ZHANG Ming"]),
        # a chat speaker in lower case
        ("[10:47] Mum: oh no!\nteresa: can u send 400 USDT", ["teresa"]),
        # a speaker line
        ("Caller: hello\nMarianne: I did not make that payment", ["Marianne"]),
    ],
)
def test_en_person_positives(text, values):
    assert_spans(EnPersonRecognizer(), text, *values)


@pytest.mark.parametrize(
    "text",
    [
        # companies made of family names
        "Merchant: Gibson LLC",
        "paid to Porter-Manning yesterday",
        "Employer: Ray, Adams and Fernandez",
        "listed as directors of Mitchell and Sons",
        "Chargeback filed against Holloway Group",
        # month abbreviations, brands, places, countries
        "on Mar 17, 2024 the card was used",
        "She used Apple Pay in Paris",
        "A Visa Gold card issued by Santander",
        "The cards were shipped to France last year",
        # ordinary words that are also names, in lower case or ALL CAPS
        "we will mark the case and rose early",
        "PLEASE CALL THE BANK",
        "The Princess Royal arrived this morning",
        # street names
        "Via Nuova was closed",
        # self-introductions of organisations
        "Hello, this is Visa support",
        # words that only one locale's name list holds need a second piece of evidence
        "Valid 12hrs only",
        "Purity of friendship between two",
    ],
)
def test_en_person_negatives(text):
    assert_spans(EnPersonRecognizer(), text)


@pytest.mark.parametrize(
    ("token", "first", "last"),
    [
        ("Katrine", True, False),
        ("Virtanen", False, True),
        ("Will", False, False),  # an ordinary word
        ("Paris", False, False),  # a place
        ("France", False, False),  # a country
    ],
)
def test_gazetteer_membership(token, first, last):
    assert is_first(token) is first
    assert is_last(token) is last


def test_regex_tokens_keep_lines_apart():
    text = "Decína\n Czech Republic"
    assert [t for t, _, _ in tokens_from_text(text)] == ["Decína", "\n", "Czech", "Republic"]
    assert find_names(tokens_from_text("Hanne Larsen\nOdense")) == [(0, 12, pytest.approx(0.85, abs=0.2))]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # European street-then-number formats, with the postcode line
        ("delivered to Lindenstrasse 14, 80331 München.", ["Lindenstrasse 14, 80331 München"]),
        ("ordered to Karl-Marx-Allee 7/2\n10178 Berlin.", ["Karl-Marx-Allee 7/2\n10178 Berlin"]),
        ("visited at Kerkstraat 12\n1017 GC\nAmsterdam by a man", ["Kerkstraat 12\n1017 GC\nAmsterdam"]),
        ("send it to Calle Mayor 5 Piso 2, Madrid, 28013 and call", ["Calle Mayor 5 Piso 2, Madrid, 28013"]),
        # a house number before a foreign street name, multi-line block with unit and country
        (
            "9921 Kongevej 18\nApt. 402\nOdense\nDenmark 5000",
            ["9921 Kongevej 18\nApt. 402\nOdense\nDenmark 5000"],
        ),
        (
            "> 4410 Aasa 43\n> Suite 120\n> TARTU\n> Estonia 51003",
            ["4410 Aasa 43\n> Suite 120\n> TARTU\n> Estonia 51003"],
        ),
        # French number-comma style and a street named by its type word
        ("delivered to 12, rue des Lilas, 75011 Orléans. Customer", ["12, rue des Lilas, 75011 Orléans"]),
        ("sent to avenue de la Gare\n69002 Lyon; the tracking", ["avenue de la Gare\n69002 Lyon"]),
        # British, Canadian and Australian postcodes
        ("at Flat 4, Carter Mews, Bexley, DA5 1JQ by a man", ["Flat 4, Carter Mews, Bexley, DA5 1JQ"]),
        ("to 88 Maple Crescent\nTrenton, ON K8V 5P4; the phone", ["88 Maple Crescent\nTrenton, ON K8V 5P4"]),
        (
            "address 22 Banksia Reach, Wattle Grove, NSW, 2173 differs",
            ["22 Banksia Reach, Wattle Grove, NSW, 2173"],
        ),
        # a province code on its own line
        (
            "812 Maple Drive\nKingston\n, ON\n Canada K7L 3N6",
            ["812 Maple Drive\nKingston\n, ON\n Canada K7L 3N6"],
        ),
        # a corner, a post-office box with its city line
        ("Meet at the corner of Elm Road and Harbour Street.", ["the corner of Elm Road and Harbour Street"]),
        ("Business address: PO Box 442, Wellington 6011\nIBAN: none", ["PO Box 442, Wellington 6011"]),
    ],
)
def test_en_address_positives(text, values):
    assert_spans(EnAddressRecognizer(), text, *values)


@pytest.mark.parametrize(
    "text",
    [
        "The card was used on 21 Mar 2025 at noon",
        "They're not answering at 78 651 450",
        "Charles lost 61,427 yuan",
        "paid 500 Euro 20 times",
        "Order 12345 shipped in 2 boxes",
        "version 2 build 15",
        "3 Way",
        # a sentence ends inside the candidate
        "Your parcel is on the way. You should receive a Service Msg 2",
        "Win an Arcade Game console. Press 0 to claim",
    ],
)
def test_en_address_negatives(text):
    assert_spans(EnAddressRecognizer(), text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("the corner of Elm Road and Philip Bypass", "the corner of Elm Road and Philip Bypass"),
        ("sent to 1317 Kimberly Way\nApt. 962\nGrand Rapids", "1317 Kimberly Way\nApt. 962\nGrand Rapids"),
    ],
)
def test_street_names_are_addresses_not_people(engine, text, address):
    assert engine_values(engine, text, "PERSON") == []
    assert engine_values(engine, text, "ADDRESS") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "A",
        "ZHANG",
        "ZHANG\n",
        "-",
        "ZHANG -",
        "Anna-",
        ", and",
        "Anna, and",
        "12, rue",
        "corner of",
        "Flat 4,",
    ],
)
def test_edge_inputs_do_not_fail(engine, text):
    assert find_names(tokens_from_text(text)) is not None
    engine.anonymize(text)
    engine.anonymize(text.lower())


def test_generated_gazetteer_is_in_sync():
    """``python -m anonymizer.build_en`` reproduces the shipped ``en_gazetteer.py`` byte for byte."""
    from pathlib import Path

    from anonymizer import build_en
    from anonymizer.data import en_gazetteer, source_versions

    installed = source_versions(*build_en.SOURCES)
    if installed != en_gazetteer.SOURCE_VERSIONS:  # another Faker / spaCy release may list other words
        pytest.skip(f"built from {en_gazetteer.SOURCE_VERSIONS}, installed {installed}")
    assert build_en.build() == Path(build_en.OUT).read_text("utf-8")
