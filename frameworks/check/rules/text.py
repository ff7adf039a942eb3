"""Text a client would read as a mistake: placeholders, empty elements, cut titles, broken
punctuation, internal ids, the client's words glued into a sentence, counts that disagree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from frameworks.check.inputs import CheckInput, Item
from frameworks.check.model import Hit
from frameworks.check.registry import rule

# Where a value sits on its own in a sentence: after a colon, a comma, "and", "from"…, and
# before the end, a comma, a bracket or "and"/"or".
_BEFORE = r"(?:^|(?<=[:,;(])\s*|(?<=\band )|(?<=\bor )|(?<=\bfrom )|(?<=\bin )|(?<=\bby )|(?<=\bon )|(?<=\bwith ))"
_AFTER = r"(?=$|[.,;:)]|\s+(?:and|or)\b)"


_ALWAYS_PLACEHOLDER = re.compile(
    r"\(not stated\)|\bnot stated\b|\bTBD\b|\bTODO\b|\bN/A\b|\bNaN\b|\bundefined\b|"
    r"\{[a-z_][a-z0-9_.|]*\}|\bNone\b"
)


@cache
def _placeholder_pattern(placeholders: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a quick test that a placeholder word occurs at all, the precise pattern)."""
    words = sorted(placeholders, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    quick = rf"{alternatives}|{_ALWAYS_PLACEHOLDER.pattern}"
    return re.compile(quick), re.compile(rf"{_BEFORE}({alternatives}){_AFTER}")


def _sentences(ci: CheckInput, item: Item) -> Iterator[tuple[str, str]]:
    yield from ci.prose(item)


@rule("text.placeholder")
def placeholder(ci: CheckInput) -> Iterator[Hit]:
    quick, pattern = _placeholder_pattern(ci.data.placeholders)
    for item in ci.items:
        seen: set[str] = set()
        for _field, text in _sentences(ci, item):
            if not quick.search(text):
                continue
            for match in (*_ALWAYS_PLACEHOLDER.finditer(text), *pattern.finditer(text)):
                word = match.group(0).strip()
                if word and word not in seen:
                    seen.add(word)
                    yield Hit(item.section, item.element_id, word)
        for _path, value in item.values:
            if not quick.search(value):
                continue
            word = value.strip()
            if word in ci.data.placeholders and word not in seen:
                seen.add(word)
                yield Hit(item.section, item.element_id, word)
            elif word not in seen and (found := _ALWAYS_PLACEHOLDER.search(value)):
                seen.add(word)
                yield Hit(item.section, item.element_id, found.group(0))


@rule("text.empty")
def empty(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        if item.kind == "diagram":
            continue
        field = "intro" if item.kind == "intro" else "text"
        text = dict(item.prose).get(field, "")
        if not text.strip():
            yield Hit(item.section, item.element_id, field)


_CUT_TITLE = re.compile(r"(…|\.\.\.)\s*$")
_CUT_TEXT = re.compile(r"\S+\s*(?:…|\.\.\.)\s+[a-z]\S*")


@rule("text.cut")
def cut(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        for field, text in _sentences(ci, item):
            if "…" not in text and "..." not in text:
                continue
            if field == "title":
                if _CUT_TITLE.search(text) or re.search(r"…(?!”)", text):
                    yield Hit(item.section, item.element_id, text)
            elif match := _CUT_TEXT.search(text):
                yield Hit(item.section, item.element_id, match.group(0))


_PUNCTUATION = re.compile(
    r"\(\s*\)|\(\s*[,;:.]|[,;:]\s*\)|(?<![.…])([,;:])\s*[,;:.](?!\.)|"
    r"(?<![.…\w])\.\s*[,;:]|(?<=\w)\.\s+\.(?!\.)|(?<![.…])\.\.(?!\.)|\(\s*\("
)


@rule("text.punctuation")
def punctuation(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        for _field, text in _sentences(ci, item):
            for match in _PUNCTUATION.finditer(text):
                start = max(0, match.start() - 20)
                yield Hit(item.section, item.element_id, text[start : match.end() + 10].strip())
                break


_RAW_ID = re.compile(
    r"\b(?:objective|context|audience|metrics|scale|integrations)\.[a-z_]+[a-z]\b|"
    r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"
)


@rule("text.raw_id")
def raw_id(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        seen: set[str] = set()
        strings = list(_sentences(ci, item))
        # A printed value with a space is a phrase; a lone token is a value the template
        # translates (and the placeholder rule looks at).
        strings += [(p, ci.without_client_quotes(v)) for p, v in item.values if " " in v]
        for _field, text in strings:
            if "_" not in text and "." not in text:
                continue
            for match in _RAW_ID.finditer(text):
                if match.group(0) not in seen:
                    seen.add(match.group(0))
                    yield Hit(item.section, item.element_id, match.group(0))


_SENTENCE_BREAK = re.compile(r"[.!?]\s+")


def _set_apart(text: str, start: int, end: int) -> bool:
    """The client's words stand on their own: in brackets, or after a label's colon up to
    the end of the sentence."""
    before, after = text[:start].rstrip(), text[end:].lstrip()
    if before.endswith("(") and after.startswith(")"):
        return True
    return before.endswith(":") and (not after or after[0] in ".;")


@rule("text.glued")
def glued(ci: CheckInput) -> Iterator[Hit]:
    """A free-text answer long enough to be a sentence, printed mid-sentence as if a name."""
    long_texts = [t for t in ci.free_texts if len(t.split()) >= 6 or _SENTENCE_BREAK.search(t)]
    if not long_texts:
        return
    for item in ci.items:
        for _field, text in _sentences(ci, item):
            found = next(
                (
                    answer
                    for answer in long_texts
                    if (start := text.find(answer)) >= 0
                    and not _set_apart(text, start, start + len(answer))
                ),
                None,
            )
            if found:
                yield Hit(item.section, item.element_id, found)
                break


_NOUNS = (
    r"agents|people|weeks|channels|KPIs|integrations|sites|months|requests|tickets|days|"
    r"hours|platforms|languages|regions|phases|chats|contacts"
)
_GRAMMAR = re.compile(rf"(?<![\d.,×])\b(?:1|one) (?:{_NOUNS})\b|(?<![\d.,×])\b0 (?:{_NOUNS})\b")


@rule("text.grammar")
def grammar(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        for _field, text in _sentences(ci, item):
            match = _GRAMMAR.search(text)
            if match:
                yield Hit(item.section, item.element_id, match.group(0))


_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])\s+)([a-z][a-z]+)\b")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "incl.")


@rule("text.sentence_case")
def sentence_case(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        for field, text in _sentences(ci, item):
            if field == "title":
                continue
            for match in _SENTENCE_START.finditer(text):
                before = text[: match.start()].rstrip()
                if before.endswith(_ABBREVIATIONS):
                    continue
                start = max(0, match.start() - 15)
                yield Hit(item.section, item.element_id, text[start : match.end() + 15].strip())
                break


# Two fragments joined where each brought its own article or preposition ("the the
# client's CRM record", "in in the portal"); the client's own quoted words are not looked at.
_DOUBLED = re.compile(
    r"\b(the|a|an|of|to|and|in|on|for|is|with|by|at|from|or)\s+\1\b", re.IGNORECASE
)


@rule("text.doubled")
def doubled(ci: CheckInput) -> Iterator[Hit]:
    for item in ci.items:
        for _field, text in _sentences(ci, item):
            match = _DOUBLED.search(text)
            if match:
                start = max(0, match.start() - 20)
                yield Hit(item.section, item.element_id, text[start : match.end() + 15].strip())
