"""Recognizer base classes, after Presidio's ``EntityRecognizer`` / ``PatternRecognizer``."""

from __future__ import annotations

import re
from collections.abc import Iterator
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
    #: the pattern has a group ``v`` that narrows the span (computed once, read per match)
    narrow: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex, self.flags))
        object.__setattr__(self, "narrow", "v" in self.compiled.groupindex)


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
    """Per-call data shared by recognizers: the text, its language and the spaCy doc if any.

    ``__post_init__`` runs the one shared pre-scan: the digit runs of the text (digits joined by single
    spaces or dashes) with their digit counts. Recognizers gate on ``max_digits`` and scan only the
    windows around long-enough runs (:meth:`windows`) instead of the whole text.
    """

    text: str
    language: str
    doc: Any = None
    lower: str = ""
    has_cjk: bool = False
    has_latin: bool = False
    max_digits: int = -1
    runs: list[tuple[int, int, int]] = field(default_factory=list)
    _windows: dict[tuple[int, int, int], list[tuple[int, int]]] = field(default_factory=dict)
    _starts: list[int] | None = None
    #: per-text values a recognizer computes once and reads again (gate, then scan); keys are namespaced
    #: by the recognizer (``"iban_starts"``); never holds anything across texts
    memo: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.lower:
            self.lower = self.text.lower()
        if self.max_digits < 0:
            best = 0
            runs = self.runs
            for m in _DIGIT_RUN.finditer(self.text):
                start, end = m.span()
                n = end - start
                if n > 1:
                    g = m.group()
                    if not g.isdigit():
                        n = len(_NON_DIGIT.sub("", g))
                runs.append((start, end, n))
                if n > best:
                    best = n
            self.max_digits = best

    def windows(self, min_digits: int, left: int, right: int) -> list[tuple[int, int]]:
        """Merged ``(pos, endpos)`` windows around the digit runs with at least ``min_digits`` digits.

        ``left`` / ``right`` are the characters a match may reach before / after the run (look-behinds
        read before ``pos`` anyway; ``right`` must cover look-aheads).
        """
        key = (min_digits, left, right)
        found = self._windows.get(key)
        if found is not None:
            return found
        out: list[tuple[int, int]] = []
        if min_digits > self.max_digits:
            self._windows[key] = out
            return out
        size = len(self.text)
        last = -1  # end of the last window
        for start, end, n in self.runs:
            if n < min_digits:
                continue
            lo = start - left if start > left else 0
            hi = end + right if end + right < size else size
            if lo <= last:
                out[-1] = (out[-1][0], hi)
            else:
                out.append((lo, hi))
            last = hi
        self._windows[key] = out
        return out


#: digits with single whitespace / dash separators: "6222 0212 3456" counts 12
_DIGIT_RUN = re.compile(r"\d(?:[\s\-]?\d)*")
_NON_DIGIT = re.compile(r"\D")


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
    #: ``(min_digits, left, right)``: every match of every pattern lies within ``left`` characters before
    #: and ``right`` characters after a digit run of at least ``min_digits`` digits, so only those windows
    #: are scanned (see :meth:`AnalysisContext.windows`); None scans the whole text.
    DIGIT_WINDOW: ClassVar[tuple[int, int, int] | None] = None

    def __init__(self) -> None:
        self._context = [c.lower() for c in self.CONTEXT]
        self._context_rx = (
            re.compile("|".join(re.escape(c) for c in sorted(set(self._context), key=len, reverse=True)))
            if self._context
            else None
        )

    def has_context(self, ctx: AnalysisContext, start: int, end: int) -> bool:
        """True when a context word occurs just before (or after) the span."""
        rx = self._context_rx
        if rx is None:
            return False
        lower = ctx.lower
        if rx.search(lower, max(0, start - self.CONTEXT_WINDOW), start) is not None:
            return True
        return bool(self.CONTEXT_AFTER) and rx.search(lower, end, end + self.CONTEXT_AFTER) is not None

    def active_patterns(self, ctx: AnalysisContext) -> list[Pattern]:
        """The patterns worth running on this text (all by default; a cheap per-pattern gate)."""
        return self.PATTERNS

    def iter_matches(self, pattern: Pattern, ctx: AnalysisContext) -> Iterator[re.Match]:
        """The matches of one pattern, as ``finditer`` over the whole text would give them."""
        return _finditer(pattern.compiled, ctx.text, self.scan_spans(ctx))

    def scan_spans(self, ctx: AnalysisContext) -> list[tuple[int, int]]:
        """The ``(pos, endpos)`` windows the patterns are run over (the whole text by default)."""
        if self.DIGIT_WINDOW is None:
            return [(0, len(ctx.text))]
        return ctx.windows(*self.DIGIT_WINDOW)

    def validate_result(self, value: str) -> bool | None:
        """Check digits / checksums of the matched value; None when there is nothing to check."""
        return None

    def invalidate_result(self, value: str) -> bool:
        """True when the value is known not to be this entity."""
        return False

    def canonical(self, value: str) -> str | None:
        """Canonical form used for numbering and tokens; None to use the value itself."""
        return None

    def check(self, value: str) -> tuple[bool | None, Any]:
        """``(validate_result(value), canonical)``; the canonical form is computed later (only for a kept
        candidate) unless a subclass returns it here because both come from one costly computation."""
        return self.validate_result(value), _LATER

    def analyze(self, ctx: AnalysisContext) -> list[RecognizerResult]:
        """Run every pattern, validate, score with context, keep those at ``MIN_SCORE`` or above."""
        patterns = self.active_patterns(ctx)
        if not patterns:
            return []
        out: list[RecognizerResult] = []
        seen: set[tuple[int, int]] = set()
        text = ctx.text
        # the plain windowed scan is inlined (no generator per pattern); an overridden iter_matches is used
        plain = getattr(self.iter_matches, "__func__", None) is _ITER_MATCHES
        spans = self.scan_spans(ctx) if plain else None
        name = self.name
        entity = self.ENTITY
        for pattern in patterns:
            narrow = pattern.narrow
            if plain:
                compiled = pattern.compiled
                matches = (
                    compiled.finditer(text, *spans[0])
                    if len(spans) == 1
                    else [m for pos, endpos in spans for m in compiled.finditer(text, pos, endpos)]
                )
            else:
                matches = self.iter_matches(pattern, ctx)
            for m in matches:
                if narrow and m.group("v") is not None:
                    start, end = m.span("v")
                else:
                    start, end = m.span()
                if start == end or (start, end) in seen:
                    continue
                value = text[start:end]
                if self.invalidate_result(value):
                    continue
                valid, canonical = self.check(value)
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
                        entity,
                        start,
                        end,
                        round(score, 3),
                        name,
                        value,
                        self.canonical(value) if canonical is _LATER else canonical,
                        {"pattern": pattern.name},
                    )
                )
        return out


_ITER_MATCHES = PatternRecognizer.iter_matches
_LATER = object()  # see PatternRecognizer.check


def _finditer(compiled: re.Pattern, text: str, spans: list[tuple[int, int]]) -> Iterator[re.Match]:
    """``finditer`` over each window in turn (one window = the plain call)."""
    if len(spans) == 1:
        return compiled.finditer(text, *spans[0])
    return (m for pos, endpos in spans for m in compiled.finditer(text, pos, endpos))


def contains_any(haystack: str, words: tuple[str, ...] | list[str] | frozenset[str]) -> bool:
    """``any(w in haystack for w in words)`` without a generator (about twice as fast for a gate)."""
    for w in words:  # noqa: SIM110 - the generator form is what this avoids
        if w in haystack:
            return True
    return False


def digit_starts(ctx: AnalysisContext) -> list[int]:
    """Positions where a number can begin: each digit run's start and every digit after a separator in it."""
    if ctx._starts is not None:
        return ctx._starts
    text = ctx.text
    out = []
    for start, end, n in ctx.runs:
        out.append(start)
        if n != end - start:
            out.extend(i + 1 for i in range(start, end - 1) if not text[i].isdigit())
    ctx._starts = out
    return out


def anchored_finditer(compiled: re.Pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    """``finditer`` for a pattern that can only begin at ``starts`` (ascending): ``match`` at each of them."""
    last = -1
    for p in starts:
        if p < last:
            continue
        m = compiled.match(text, p)
        if m is not None:
            yield m
            last = m.end() if m.end() > p else p + 1


# -- full-width digits ---------------------------------------------------------------------------------

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def ascii_digits_context(ctx: AnalysisContext) -> AnalysisContext | None:
    """A context over the text with full-width digits (０-９) made ASCII (same length, so the same
    offsets), or None when the text holds none; computed once per text (shared by the recognizers)."""
    text = ctx.text
    if text.isascii():
        return None
    found = ctx.memo.get(_WIDE_KEY, _UNSET)
    if found is _UNSET:
        found = None
        if _WIDE_DIGIT.search(text):
            found = AnalysisContext(
                text.translate(_FULL_WIDTH_DIGITS), ctx.language, ctx.doc, "", ctx.has_cjk, ctx.has_latin
            )
        ctx.memo[_WIDE_KEY] = found
    return found


_WIDE_DIGIT = re.compile("[０-９]")
_WIDE_KEY = "base:ascii_digits_context"
_UNSET = object()
