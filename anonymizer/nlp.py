"""The spaCy side: blank per-language pipelines plus our own rule components.

No model is downloaded: ``spacy.blank("zh")`` (character segmentation, fast and dictionary-free) and
``spacy.blank("en")``, each with the ``riskhub_name_cues`` component that marks person candidates in
``doc.spans["riskhub_person"]`` from token shapes, titles and role cues.
"""

from __future__ import annotations

import re
from typing import Any

_SCRIPT_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SCRIPT_LATIN = re.compile(r"[A-Za-z]")
_LATIN_WORD = re.compile(
    r"[A-Za-z]?[a-z]+"
)  # words with lower-case letters; codes like MCC, IMEI do not count
_SKIP_FOR_LANG = re.compile(r"[\w.+\-]+@[\w.\-]+|(?:https?://|www\.)\S+")


def detect_language(text: str) -> str:
    """``zh``, ``en`` or ``mixed`` from the share of CJK characters and Latin words.

    E-mails, URLs and upper-case codes do not count as English words.
    """
    if _SCRIPT_CJK.search(text) is None:
        return "en"  # no CJK character: English whatever the word count (the Latin words are not needed)
    n_cjk = len(_SCRIPT_CJK.findall(text))
    stripped = _SKIP_FOR_LANG.sub(" ", text) if ("@" in text or "://" in text or "www." in text) else text
    n_words = len(_LATIN_WORD.findall(stripped))
    if n_words == 0:
        return "zh"
    share = n_cjk / (n_cjk + 2.5 * n_words)  # a Latin word weighs about 2.5 CJK characters
    if share >= 0.8:
        return "zh"
    if share <= 0.2:
        return "en"
    return "mixed"


def has_cjk(text: str) -> bool:
    """True when the text holds a CJK ideograph."""
    return _SCRIPT_CJK.search(text) is not None


def scripts(text: str) -> tuple[bool, bool]:
    """(has CJK, has Latin letters)."""
    return bool(_SCRIPT_CJK.search(text)), bool(_SCRIPT_LATIN.search(text))


def build_pipelines() -> dict[str, Any]:
    """Blank zh and en pipelines with the name-cue component added."""
    import spacy

    from anonymizer.recognizers.en.en_person_recognizer import register_spacy_component

    register_spacy_component()
    pipes = {}
    for lang in ("zh", "en"):
        nlp = spacy.blank(lang)
        if lang == "en":
            nlp.add_pipe("riskhub_en_names")
        pipes[lang] = nlp
    return pipes
