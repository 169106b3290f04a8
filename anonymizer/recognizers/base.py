"""Recognizer base classes, after Presidio's ``EntityRecognizer`` / ``PatternRecognizer``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

#: Characters that glue to a value: a digit run ends where these stop (``\b`` does not work next to CJK).
ALNUM_LEFT = r"(?<![0-9A-Za-z])"
ALNUM_RIGHT = r"(?![0-9a-z]|[A-Z](?![a-z]))"
DIGIT_LEFT = r"(?<![0-9])"
DIGIT_RIGHT = r"(?![0-9])"


@dataclass(frozen=True, slots=True)
class Pattern:
    """A named regular expression with a base score; a group named ``v`` narrows the span."""

    name: str
    regex: str
    score: float
    flags: int = 0
    compiled: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex, self.flags))


@dataclass(slots=True)
class RecognizerResult:
    """A candidate span found by a recognizer (internal; ``value`` never leaves the engine)."""

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str
    value: str = field(repr=False, default="")
    canonical: str | None = field(repr=False, default=None)
    meta: dict[str, Any] = field(repr=False, default_factory=dict)


@dataclass(slots=True)
class AnalysisContext:
    """Per-call data shared by recognizers: the text, its language and the spaCy doc if any."""

    text: str
    language: str
    doc: Any = None
    lower: str = ""
    has_cjk: bool = False
    has_latin: bool = False
    max_digits: int = -1

    def __post_init__(self) -> None:
        if not self.lower:
            self.lower = self.text.lower()
        if self.max_digits < 0:
            best = 0
            for m in _DIGIT_RUN.finditer(self.text):
                g = m.group()
                n = len(g) - g.count(" ") - g.count("-")
                if n > best:
                    best = n
            self.max_digits = best


#: digits with single space / dash separators: "6222 0212 3456" counts 12
_DIGIT_RUN = re.compile(r"\d(?:[ \-]?\d)*")


class EntityRecognizer:
    """Base class: finds one entity type in a text.

    Subclasses set ``ENTITY`` and ``SUPPORTED_LANGUAGES`` (``"zh"``, ``"en"``; both by default) and
    implement :meth:`analyze`. Recognizers hold no per-call state, so one instance serves all threads.
    """

    ENTITY: ClassVar[str] = ""
    SUPPORTED_LANGUAGES: ClassVar[tuple[str, ...]] = ("zh", "en")
    COUNTRY_CODE: ClassVar[str | None] = None
    #: Needs CJK ("zh") or Latin ("en") characters in the text to be worth running.
    NEEDS_SCRIPT: ClassVar[str | None] = None

    @property
    def name(self) -> str:
        """The recognizer name recorded in findings."""
        return type(self).__name__

    def applies(self, ctx: AnalysisContext) -> bool:
        """Cheap gate: False when the text cannot contain this entity (skips :meth:`analyze`)."""
        return True

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Return the candidate spans of ``ENTITY`` in ``ctx.text``."""
        raise NotImplementedError


class PatternRecognizer(EntityRecognizer):
    """Regex patterns + context words + check digits.

    ``PATTERNS`` give base scores; a ``CONTEXT`` word within ``CONTEXT_WINDOW`` characters before the
    match (or ``CONTEXT_AFTER`` after it) adds ``CONTEXT_BOOST``. :meth:`validate_result` returns True
    (a check digit holds: score raised to at least ``VALID_SCORE``), False (drop) or None (keep as is);
    :meth:`invalidate_result` returns True to drop a match that is known not to be this entity.
    """

    PATTERNS: ClassVar[list[Pattern]] = []
    CONTEXT: ClassVar[list[str]] = []
    CONTEXT_WINDOW: ClassVar[int] = 16
    CONTEXT_AFTER: ClassVar[int] = 0
    CONTEXT_BOOST: ClassVar[float] = 0.35
    VALID_SCORE: ClassVar[float] = 0.9
    MIN_SCORE: ClassVar[float] = 0.5

    def __init__(self) -> None:
        self._context = [c.lower() for c in self.CONTEXT]

    def has_context(self, ctx: AnalysisContext, start: int, end: int) -> bool:
        """True when a context word occurs just before (or after) the span."""
        if not self._context:
            return False
        before = ctx.lower[max(0, start - self.CONTEXT_WINDOW) : start]
        after = ctx.lower[end : end + self.CONTEXT_AFTER] if self.CONTEXT_AFTER else ""
        return any(c in before or (after and c in after) for c in self._context)

    def validate_result(self, value: str) -> bool | None:
        """Check digits / checksums of the matched value; None when there is nothing to check."""
        return None

    def invalidate_result(self, value: str) -> bool:
        """True when the value is known not to be this entity."""
        return False

    def canonical(self, value: str) -> str | None:
        """Canonical form used for numbering and tokens; None to use the value itself."""
        return None

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Run every pattern, validate, score with context, keep those at ``MIN_SCORE`` or above."""
        out: list[RecognizerResult] = []
        seen: set[tuple[int, int]] = set()
        text = ctx.text
        for pattern in self.PATTERNS:
            for m in pattern.compiled.finditer(text):
                if "v" in pattern.compiled.groupindex and m.group("v") is not None:
                    start, end = m.span("v")
                else:
                    start, end = m.span()
                if (start, end) in seen or start == end:
                    continue
                value = text[start:end]
                if self.invalidate_result(value):
                    continue
                valid = self.validate_result(value)
                if valid is False:
                    continue
                score = pattern.score
                if valid:
                    score = max(score, self.VALID_SCORE)
                if self.has_context(ctx, start, end):
                    score = min(1.0, score + self.CONTEXT_BOOST)
                if score < self.MIN_SCORE:
                    continue
                seen.add((start, end))
                out.append(
                    RecognizerResult(
                        self.ENTITY,
                        start,
                        end,
                        round(score, 3),
                        self.name,
                        value,
                        self.canonical(value),
                        {"pattern": pattern.name},
                    )
                )
        return out
