"""Only what the client has: no element speaks of a channel, a system, an audience or a
language this client does not have. The words and when they fit are data (`rules.yaml`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from discovery.bank import BANK
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
    text = _product_names().sub("the product", ci.without_client_quotes(text))
    for ref in item.sources:
        if ref.text and len(ref.text) > 3:
            text = text.replace(ref.text, "")
    return text


def _texts(ci: CheckInput, item: Item) -> Iterator[str]:
    for _field, text in item.prose:
        if text:
            yield _ours(ci, item, text)
    for path, value in item.values:
        # Product facts and benchmarks describe the market; requirement titles are the
        # requirements' own words, checked with the requirements.
        if " " in value and not path.startswith(("facts.", "benchmarks.", "satisfies.")):
            yield _ours(ci, item, value)


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
    for item in _scoped(ci):
        for term in absent:
            for text in _texts(ci, item):
                word = term.search(text)
                if word:
                    yield item, term, word
                    break


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


@rule("scope.language")
def language(ci: CheckInput) -> Iterator[Hit]:
    chosen = set(ci.values("audience.languages"))
    absent = {
        label: re.compile(rf"\b{re.escape(label)}\b")
        for value, label in ci.data.language_labels.items()
        if value not in chosen
    }
    if not absent or not chosen:
        return
    for item in _scoped(ci):
        for label, pattern in absent.items():
            if any(pattern.search(t) for t in _texts(ci, item)):
                yield Hit(item.section, item.element_id, label)
