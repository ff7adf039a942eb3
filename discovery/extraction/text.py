"""Text preparation for the extractor: pasted HTML neutralized, sentences and tokens found,
all without moving a character, so every offset points into the text as the client typed it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Tags, comments and the content of <script>/<style> become spaces of the same length: the
# words around them are still read, and a span still points into the original text.
_HTML_RE = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|</?[a-zA-Z][^<>]*>",
    re.IGNORECASE | re.DOTALL,
)
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def neutralize_html(text: str) -> str:
    """`text` with markup replaced by spaces (same length, same offsets)."""
    if "<" not in text and "&" not in text:
        return text
    text = _HTML_RE.sub(lambda m: " " * len(m.group(0)), text)
    return _ENTITY_RE.sub(lambda m: " " * len(m.group(0)), text)


# A sentence ends at . ! ? ; or a line break, followed by space (or the end), except after
# the abbreviations below and inside numbers ("2.5", "09.00").
# A line break ends a sentence unless the next line goes on in lower case (text wrapped by
# hand or pasted from an email: "24 hours on\nweekdays"); a blank line always does.
_END_RE = re.compile(r"[.!?;]+(?=\s|$)|\n[ \t]*\n\s*|\n+(?![ \t]*[a-z])|(?<=\s)[-•*]\s")
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "approx",
        "vs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "inc",
        "ltd",
        "co",
        "no",
        "nr",
        "min",
        "max",
        "incl",
        "excl",
        "ca",
        "cf",
        "dept",
        "est",
    ]
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END_RE.finditer(text):
        end = match.end()
        if match.group(0).startswith("."):
            word = re.search(r"([\w.]+)$", text[start : match.start()])
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class Token(NamedTuple):
    start: int
    end: int
    raw: str  # as typed
    norm: str  # folded: lower case, no accents, no possessive

    @property
    def capitalized(self) -> bool:
        return self.raw[:1].isupper()


# Words (letters and digits, inner apostrophes and dots kept: "don't", "monday.com",
# "node.js"), or a single symbol that can be part of a name ("&", "+", "/").
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*|[&+/%×$€£#@]")


@lru_cache(maxsize=4096)
def fold(word: str) -> str:
    """Lower case without diacritics ("Español" → "espanol"); other scripts unchanged."""
    lowered = word.casefold().replace("’", "'")
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def tokens(text: str) -> list[Token]:
    out = []
    for match in _TOKEN_RE.finditer(text):
        raw = match.group(0)
        norm = fold(raw)
        if norm.endswith("'s") and len(norm) > 3:
            norm = norm[:-2]
        out.append(Token(match.start(), match.end(), raw, norm))
    return out
