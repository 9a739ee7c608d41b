"""Marking query terms in titles and excerpts without trusting the text: every piece of text is
escaped on its own and only our own <mark> tags are added between the escaped pieces."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        start = lowered.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = lowered.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with every occurrence of a term wrapped in <mark>."""
    out: list[str] = []
    position = 0
    for start, end in _match_spans(text, terms):
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - built from escaped pieces only


def excerpt(text: str, terms: list[str], *, before: int = 50, length: int = 160) -> SafeString:
    """About `length` characters of `text` around the first match, highlighted."""
    spans = _match_spans(text, terms)
    first = spans[0][0] if spans else 0
    start = max(0, first - before)
    if start:
        space = text.rfind(" ", start - 15, start)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.find(" ", end, end + 15)
        end = space if space != -1 else end
    body = highlight(text[start:end], terms)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 - body is escaped, affixes are ours
