"""Only what the client has: no element speaks of a channel, a system, an audience or a
language this client does not have. The words and when they fit are data (`rules.yaml`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from discovery.bank import BANK
from discovery.vocab import languages as vocab
from frameworks.catalogue import PLATFORMS
from frameworks.check.data import Term
from frameworks.check.inputs import CheckInput, Item
from frameworks.check.model import Hit
from frameworks.check.registry import rule


@cache
def _product_names() -> re.Pattern[str]:
    names = sorted({p.name for p in PLATFORMS}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names))


def _ours(ci: CheckInput, item: Item, text: str) -> str:
    """The words that are ours: without the client's quoted words, product names, and the
    vendor facts quoted with their source (they describe the product, not the client)."""
    # The sourced vendor facts go first: they name the product, so once its name has been
    # replaced they would no longer be found ("native Zammad integration (…; phone
    # through CTI)" read as the proposal speaking of phones).
    text = ci.without_client_quotes(text)
    for ref in item.sources:
        if ref.text and len(ref.text) > 3:
            text = text.replace(ref.text, "")
    return _product_names().sub("the product", text)


def _texts(ci: CheckInput, item: Item) -> list[str]:
    """The item's words that are ours, computed once per check."""
    cached = ci.memo.get(("scope", item.element_id))
    if cached is not None:
        return cached
    texts = [_ours(ci, item, text) for _field, text in ci.prose(item)]
    for path, value in item.values:
        # Product facts and benchmarks describe the market; requirement titles are the
        # requirements' own words, checked with the requirements.
        if " " in value and not path.startswith(("facts.", "benchmarks.", "satisfies.")):
            texts.append(_ours(ci, item, value))
    joined = ["\n".join(texts)] if texts else []
    ci.memo[("scope", item.element_id)] = joined
    return joined


def _scoped(ci: CheckInput) -> Iterator[Item]:
    for item in ci.items:
        if item.kind not in ci.data.scope_exempt_kinds:
            yield item


def _allowed(ci: CheckInput, term: Term) -> bool:
    if term.allowed_when is not None and ci.holds(term.allowed_when):
        return True
    return bool(term.allowed_requirements) and ci.has_requirement(term.allowed_requirements)


def _scan(ci: CheckInput, terms: tuple[Term, ...]) -> Iterator[tuple[Item, Term, str]]:
    absent = [t for t in terms if not _allowed(ci, t)]
    if not absent:
        return
    # One pass per item: every absent term's patterns as one named alternation.
    pattern = re.compile(
        "|".join(f"(?P<t{index}>{t.combined.pattern})" for index, t in enumerate(absent))
    )
    for item in _scoped(ci):
        found: dict[int, str] = {}
        for text in _texts(ci, item):
            for match in pattern.finditer(text):
                index = int(str(match.lastgroup)[1:])
                found.setdefault(index, match.group(0))
        for index in sorted(found):
            yield item, absent[index], found[index]


@rule("scope.channel")
def channel(ci: CheckInput) -> Iterator[Hit]:
    for item, term, word in _scan(ci, ci.data.channel_terms):
        yield Hit(item.section, item.element_id, word, term.label)


@rule("scope.system")
def system(ci: CheckInput) -> Iterator[Hit]:
    for item, term, word in _scan(ci, ci.data.system_terms):
        yield Hit(item.section, item.element_id, word, term.label)


def _audience_words(ci: CheckInput) -> str:
    value = ci.answers.get("audience.type")
    return BANK.questions["audience.type"].display(value).lower() if value else "its users"


@rule("scope.audience")
def audience(ci: CheckInput) -> Iterator[Hit]:
    served = _audience_words(ci)
    for item, term, word in _scan(ci, ci.data.audience_terms):
        yield Hit(item.section, item.element_id, word, term.label, (("audience", served),))


def _language_name(ci: CheckInput, code: str) -> str:
    if code in ci.data.language_labels:
        return ci.data.language_labels[code]
    return vocab.english_name(code) if vocab.is_known(code) else code


@rule("scope.language")
def language(ci: CheckInput) -> Iterator[Hit]:
    chosen = set(ci.values("audience.languages"))
    # By name, not code: two codes can name one language (ISO 639-1 "tl" and 639-3 "fil"
    # are both Filipino), and a chosen one's name is the client's.
    chosen_names = {_language_name(ci, value) for value in chosen}
    absent = [
        label
        for value, label in ci.data.language_labels.items()
        if value not in chosen and label not in chosen_names
    ]
    if not absent or not chosen:
        return
    pattern = re.compile(r"\b(" + "|".join(re.escape(label) for label in absent) + r")\b")
    for item in _scoped(ci):
        found = dict.fromkeys(m.group(1) for t in _texts(ci, item) for m in pattern.finditer(t))
        for label in found:
            yield Hit(item.section, item.element_id, label)
