""" "Redact further": mask extra spans of an already anonymized text."""

from __future__ import annotations

from anonymizer.result import Finding


def mask_spans(
    text: str, findings: list[Finding], spans: list[tuple[int, int]], label: str = "REDACTED"
) -> tuple[str, list[Finding]]:
    """Mask ``spans`` (offsets in the anonymized ``text``) with ``[label]``.

    A span that overlaps an existing placeholder grows to swallow all of it (nothing is ever unmasked);
    overlapping or touching spans merge into one mask. Findings keep their type, token and original
    offsets; their ``out_start``/``out_end`` are shifted, and a swallowed finding points at the mask
    that now covers it.

    :returns: the new text and the updated findings (same order as given).
    :raises ValueError: for a span outside the text or with end before start.
    """
    if any(ch in label for ch in "[]\n") or not label:
        raise ValueError("label must be non-empty and contain no brackets or newlines")
    n = len(text)
    cleaned: list[list[int]] = []
    for span in spans:
        try:
            s, e = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            raise ValueError("each span must be a pair of integers") from None
        if not 0 <= s <= e <= n:
            raise ValueError(f"span ({s}, {e}) is outside the text (length {n})")
        if s < e:
            cleaned.append([s, e])
    if not cleaned:
        return text, list(findings)
    # grow spans over the placeholders they touch, merge overlapping ones; repeat until stable
    while True:
        grown = False
        for sp in cleaned:
            for f in findings:
                if f.out_start < sp[1] and sp[0] < f.out_end and (f.out_start < sp[0] or f.out_end > sp[1]):
                    sp[0], sp[1] = min(sp[0], f.out_start), max(sp[1], f.out_end)
                    grown = True
        cleaned.sort()
        merged: list[list[int]] = []
        for sp in cleaned:
            if merged and sp[0] <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], sp[1])
            else:
                merged.append(sp)
        stable = not grown and len(merged) == len(cleaned)
        cleaned = merged
        if stable:
            break
    mask = f"[{label}]"
    parts: list[str] = []
    new_ranges: list[tuple[int, int, int, int]] = []  # old start, old end, new start, new end
    pos = 0
    out_len = 0
    for s, e in cleaned:
        parts.append(text[pos:s])
        out_len += s - pos
        parts.append(mask)
        new_ranges.append((s, e, out_len, out_len + len(mask)))
        out_len += len(mask)
        pos = e
    parts.append(text[pos:])
    new_text = "".join(parts)

    def shift(offset: int) -> int:
        delta = 0
        for s, e, ns, ne in new_ranges:
            if offset >= e:
                delta += (ne - ns) - (e - s)
        return offset + delta

    out: list[Finding] = []
    for f in findings:
        cover = next(((ns, ne) for s, e, ns, ne in new_ranges if s <= f.out_start and f.out_end <= e), None)
        if cover is not None:
            out.append(f.shifted(*cover))
        else:
            out.append(f.shifted(shift(f.out_start), shift(f.out_end)))
    return new_text, out
