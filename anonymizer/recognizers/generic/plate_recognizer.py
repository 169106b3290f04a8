"""Vehicle licence plates outside China (US, UK, EU shapes), only after a plate or vehicle cue.

Chinese plates (province character first) are :mod:`~anonymizer.recognizers.cn.cn_license_plate_recognizer`.
Without a cue a US / EU plate is just a short mix of capitals and digits (a reference, a model name, a
postcode part), so this recognizer needs one: plate, licence / license plate, registration, reg., VRN,
tag, or a vehicle word (vehicle, car, van, truck ...) right before the value.
"""

from __future__ import annotations

import re

from anonymizer.entities import LICENSE_PLATE
from anonymizer.recognizers.base import (
    AnalysisContext,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
    contains_any,
)

_VEHICLE = (
    r"vehicle|car|van|truck|lorry|motorbike|motorcycle|suv|sedan|saloon|hatchback|"
    r"pickup|pick-up|moped|scooter"
)
_CUE = (
    r"(?:(?:licen[cs]e|number|registration|reg\.?|" + _VEHICLE + r")[\s\-]+plates?(?:\s+(?:number|no\.?|#))?|"
    r"plates?(?:\s+(?:number|no\.?|#))?|registration(?:\s+(?:number|no\.?|mark))?|reg\.?(?:\s+(?:no\.?|number))?|"
    r"vrn|vrm|tag(?:\s+(?:number|no\.?|#))?|" + _VEHICLE + r")"
)
#: between the cue and the plate: ":", "#", "is", "reading", "number", an opening bracket or quote
_SEP = r"(?:\s*(?:[:：#=]|(?i:is|was|reads?|reading|number|no\.|of|bearing|with))){0,2}\s*[(（\"“']?\s*"
#: one to three groups of capitals and digits (how many belong to the plate is decided in ``analyze``)
_VALUE = r"(?P<v>[A-Z0-9]{1,8}(?:[ \-·•][A-Z0-9]{1,4}){0,3})(?![A-Za-z0-9])"

#: gate: a cue word (with its boundary where a shorter word is common: "car " is not "card") and a
#: capital next to a digit somewhere in the text
_GATE_WORDS = (
    "plate", "registration", "reg.", "reg ", "reg:", "vrn", "vrm", "tag ", "tag:", "tag#", "vehicle", "car ",
    "car:", "car(", " van", "truck", "lorry", "motorbike", "motorcycle", "suv", "sedan", "saloon",
    "hatchback",
    "pickup", "pick-up", "moped", "scooter",
)  # fmt: skip
_PLATE_HINT = re.compile(r"[A-Z][ \-·•]?\d|\d[ \-·•]?[A-Z]")
_SEPARATORS = re.compile(r"[ \-·•]")
#: a first group that is a word of the sentence, not part of a plate
_NOT_PLATE_START = frozenset(
    {"NO", "ID", "NUM", "NUMBER", "REF", "VIN", "THE", "A", "AN", "OF", "IS", "ON", "IN"}
)
#: "company registration SC123456" is a company number
_NOT_VEHICLE = re.compile(r"(?i:company|companies|business|corporate|vat|tax|charity|firm)\W+(?:\w+\W+)?$")


class PlateRecognizer(PatternRecognizer):
    """``plate KYN-0398``, ``licence plate 415 NYH``, ``registration AB12 CDE``, ``vehicle 7YPJ797``.

    The value: capitals and digits in up to four groups, 4-8 characters in all, with at least one letter
    and one digit (US vanity plates of letters only are not found).
    """

    ENTITY = LICENSE_PLATE
    NEEDS_SCRIPT = "en"
    PATTERNS = [
        Pattern(
            "plate_cue",
            r"(?<![A-Za-z])(?i:" + _CUE + r")(?![A-Za-z])" + _SEP + _VALUE,
            0.85,
        ),
    ]

    def applies(self, ctx: AnalysisContext) -> bool:
        """Gate: a digit and a cue word."""
        if ctx.max_digits < 1:
            return False
        lower = ctx.lower
        return contains_any(lower, _GATE_WORDS) and _PLATE_HINT.search(ctx.text) is not None

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Keep the longest run of groups that makes a plate (4-8 characters, letters and digits)."""
        out = []
        text = ctx.text
        for m in self.PATTERNS[0].compiled.finditer(text):
            start = m.start("v")
            if _NOT_VEHICLE.search(text, max(0, m.start() - 30), m.start()):
                continue
            groups = _SEPARATORS.split(m.group("v"))
            if groups[0] in _NOT_PLATE_START:
                continue
            best = None
            end = start
            size = 0
            for i, g in enumerate(groups):
                end = text.index(g, end) + len(g)
                size += len(g)
                if size > 8:
                    break
                plate = "".join(groups[: i + 1])
                if size >= 4 and any(c.isdigit() for c in plate) and any(c.isalpha() for c in plate):
                    best = end
            if best is None:
                continue
            value = text[start:best]
            out.append(
                RecognizerResult(
                    self.ENTITY,
                    start,
                    best,
                    0.85,
                    self.name,
                    value,
                    _SEPARATORS.sub("", value),
                    {"pattern": "plate_cue"},
                )
            )
        return out
