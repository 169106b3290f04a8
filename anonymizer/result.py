"""What the engine returns: findings, residual warnings and the anonymized text.

None of these objects holds a raw personal value: a finding records where a value was and what replaced
it, so they are safe to store, serialise and log.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data that was found and replaced.

    ``start``/``end`` are offsets in the original text, ``out_start``/``out_end`` in the anonymized text.
    """

    entity_type: str
    start: int
    end: int
    out_start: int
    out_end: int
    score: float
    recognizer: str
    placeholder: str
    token: str | None = None
    indicator_kind: str | None = None
    key_id: str | None = None

    def to_dict(self) -> dict:
        """JSON-able dict of this finding."""
        return asdict(self)

    def shifted(self, out_start: int, out_end: int) -> Finding:
        """Copy with new output offsets."""
        return replace(self, out_start=out_start, out_end=out_end)


@dataclass(frozen=True, slots=True)
class ResidualWarning:
    """Something in the anonymized text that still looks like personal data (for moderation)."""

    kind: str
    out_start: int
    out_end: int
    score: float
    message: str

    def to_dict(self) -> dict:
        """JSON-able dict of this warning."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class AnonymizerResult:
    """The anonymized text with its findings and residual warnings."""

    text: str
    language: str
    findings: list[Finding] = field(default_factory=list)
    residual: list[ResidualWarning] = field(default_factory=list)
    version: str = ""

    def to_dict(self) -> dict:
        """JSON-able dict ``{text, language, findings, residual, version}`` (no raw values)."""
        return {
            "text": self.text,
            "language": self.language,
            "findings": [f.to_dict() for f in self.findings],
            "residual": [r.to_dict() for r in self.residual],
            "version": self.version,
        }

    def __repr__(self) -> str:  # the text may be logged by accident; keep the repr to counts
        return (
            f"AnonymizerResult(language={self.language!r}, chars={len(self.text)}, "
            f"findings={len(self.findings)}, residual={len(self.residual)})"
        )
