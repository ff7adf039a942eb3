"""What the rules read: the framework's elements as plain strings and sources, the effective
answers, the requirements, and the vocabularies of `rules.yaml`, prepared once per check."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from html import unescape
from typing import Any

from discovery import conditions
from discovery.bank import BANK, QType

from .data import CheckData

# A money amount as generators print it: "$1,920", "$0", "US$ 19.50", "€40", "3 USD".
AMOUNT = re.compile(
    r"(?:US\$|\$|€|£)\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|K|million|bn)\b)?"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:USD|EUR|GBP)\b"
)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_QUOTED = re.compile(r"“([^”]*)”")
_SVG_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def amount_value(text: str) -> float | None:
    match = _NUMBER.search(text)
    if match is None:
        return None
    try:
        return float(match.group().replace(",", ""))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One "source" a client reads, with what it backs."""

    path: str  # where in the element's data, e.g. "licence" or "benchmarks.0"
    source: str
    checked: str | None
    verified: bool
    text: str = ""
    published: int | None = None


@dataclass
class Item:
    """One element (or a section's introduction or diagram) as the rules see it."""

    section: str
    element_id: str
    title: str
    kind: str
    prose: list[tuple[str, str]]  # (field, text): what the client reads as sentences
    values: list[tuple[str, str]]  # (data path, text): strings the templates print
    sources: list[SourceRef]
    trace_answers: tuple[str, ...] = ()
    trace_requirements: tuple[str, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)

    def strings(self) -> Iterator[tuple[str, str]]:
        yield from self.prose
        yield from self.values


@dataclass(frozen=True, slots=True)
class RequirementView:
    code: str
    title: str
    priority: str
    category: str


def _requirement(r: Any) -> RequirementView:
    get = r.get if isinstance(r, Mapping) else lambda k, d="": getattr(r, k, d)
    return RequirementView(
        code=str(get("code", "")),
        title=str(get("title", "")),
        priority=str(get("priority", "")),
        category=str(get("category", "")),
    )


def _walk(
    value: Any, path: str, internal: frozenset[str]
) -> Iterator[tuple[str, str, Mapping[str, Any] | None]]:
    """(path, string, the mapping holding it) for every string the templates may print."""
    kind = type(value)
    if kind is int or kind is float or kind is bool or value is None:
        return
    if kind is str:
        yield path, value, None
    elif isinstance(value, Mapping):
        for key, child in value.items():
            if key in internal:
                continue
            child_path = f"{path}.{key}" if path else str(key)
            if isinstance(child, str):
                yield child_path, child, value
            else:
                yield from _walk(child, child_path, internal)
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from _walk(child, f"{path}.{index}" if path else str(index), internal)


def _sources(data: Mapping[str, Any]) -> list[SourceRef]:
    found: list[SourceRef] = []

    def visit(value: Any, path: str) -> None:
        kind = type(value)
        if kind is str or kind is int or kind is float or kind is bool or value is None:
            return
        if isinstance(value, Mapping):
            for key, child in value.items():
                child_path = f"{path}.{key}" if path else str(key)
                if key == "source" and isinstance(child, str) and child.strip():
                    published = value.get("published")
                    found.append(
                        SourceRef(
                            path=path,
                            source=child,
                            checked=str(value["checked"]) if value.get("checked") else None,
                            verified=value.get("verified") is not False,
                            text=str(value.get("text") or ""),
                            published=int(published) if isinstance(published, int) else None,
                        )
                    )
                elif key.endswith("_source") and isinstance(child, str) and child.strip():
                    stem = key.removesuffix("_source")
                    checked = value.get(f"{stem}_checked") or value.get("checked")
                    found.append(
                        SourceRef(
                            path=child_path,
                            source=child,
                            checked=str(checked) if checked else None,
                            verified=True,
                        )
                    )
                else:
                    visit(child, child_path)
        elif isinstance(value, list | tuple):
            for index, child in enumerate(value):
                visit(child, f"{path}.{index}" if path else str(index))

    visit(data, "")
    return found


def _is_source_path(path: str) -> bool:
    last = path.rsplit(".", 1)[-1]
    return last == "source" or last.endswith("_source")


def _svg_text(svg: str) -> str:
    return " · ".join(unescape(_TAGS.sub("", m.group(1))).strip() for m in _SVG_TEXT.finditer(svg))


@dataclass
class CheckInput:
    framework: Mapping[str, Any]
    answers: dict[str, Any]  # effective answers
    requirements: tuple[RequirementView, ...]
    today: date
    data: CheckData
    unconfirmed: frozenset[str] = frozenset()
    # What rules compute once per check and share (keyed by rule family and element).
    memo: dict[Any, Any] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        framework: Mapping[str, Any],
        answers: Mapping[str, Any],
        requirements: Iterable[Any],
        *,
        today: date,
        data: CheckData,
        unconfirmed: Iterable[str] = (),
    ) -> CheckInput:
        return cls(
            framework=framework,
            answers=BANK.effective_answers(answers),
            requirements=tuple(_requirement(r) for r in requirements),
            today=today,
            data=data,
            unconfirmed=frozenset(unconfirmed),
        )

    # --- the framework as items --------------------------------------------------------------

    @cached_property
    def items(self) -> list[Item]:
        internal = self.data.internal_keys
        out: list[Item] = []
        for section in self.framework.get("sections", []):
            key = str(section.get("key", ""))
            intro = str(section.get("intro") or "")
            out.append(
                Item(
                    section=key,
                    element_id=f"{key}.intro",
                    title=str(section.get("title") or key),
                    kind="intro",
                    prose=[("title", str(section.get("title") or "")), ("intro", intro)],
                    values=[],
                    sources=[],
                )
            )
            if section.get("diagram_svg"):
                out.append(
                    Item(
                        section=key,
                        element_id=f"{key}.diagram",
                        title=f"{section.get('title') or key}: diagram",
                        kind="diagram",
                        prose=[],
                        values=[("diagram", _svg_text(str(section["diagram_svg"])))],
                        sources=[],
                    )
                )
            for element in section.get("elements", []):
                data = element.get("data") or {}
                trace = element.get("trace") or {}
                out.append(
                    Item(
                        section=key,
                        element_id=str(element.get("id", "")),
                        title=str(element.get("title") or ""),
                        kind=str(element.get("kind") or ""),
                        prose=[
                            ("title", str(element.get("title") or "")),
                            ("text", str(element.get("text") or "")),
                        ],
                        values=[
                            (p, s)
                            for p, s, _m in _walk(data, "", internal)
                            if not _is_source_path(p)
                        ],
                        sources=_sources(data),
                        trace_answers=tuple(trace.get("answers") or ()),
                        trace_requirements=tuple(trace.get("requirements") or ()),
                        data=data,
                    )
                )
        return out

    @cached_property
    def _clean_prose(self) -> dict[int, list[tuple[str, str]]]:
        return {
            id(item): [(f, self.without_client_quotes(t)) for f, t in item.prose if t]
            for item in self.items
        }

    def prose(self, item: Item) -> list[tuple[str, str]]:
        """The item's sentences without the client's quoted words, computed once."""
        return self._clean_prose[id(item)]

    def elements(self, *kinds: str) -> list[Item]:
        return [i for i in self.items if i.kind in kinds]

    def element(self, element_id: str) -> Item | None:
        return next((i for i in self.items if i.element_id == element_id), None)

    # --- answers -----------------------------------------------------------------------------

    def values(self, qid: str) -> list[str]:
        value = self.answers.get(qid)
        if value is None:
            return []
        items = [value] if isinstance(value, str) else list(value)
        return [str(v) for v in items if str(v) not in ("none", "")]

    def num(self, qid: str) -> float | None:
        value = self.answers.get(qid)
        if value is None or isinstance(value, bool):
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            return None

    def holds(self, condition: Mapping[str, Any] | None) -> bool:
        return conditions.evaluate(condition, self.answers)

    def has_requirement(self, codes: Sequence[str]) -> bool:
        for r in self.requirements:
            for c in codes:
                if (c.endswith("-") and r.code.startswith(c)) or r.code == c:
                    return True
        return False

    @cached_property
    def free_texts(self) -> list[str]:
        """What the client typed (text answers), longest first."""
        texts = [
            str(v).strip()
            for qid, v in self.answers.items()
            if qid in BANK.questions
            and BANK.questions[qid].type in (QType.TEXT, QType.TEXTAREA)
            and str(v).strip()
        ]
        # And the words typed into rows (a spike's cause, a partner's scope…).
        for qid, v in self.answers.items():
            if qid in BANK.questions and BANK.questions[qid].type is QType.RECORDS:
                for row in v if isinstance(v, list) else []:
                    if isinstance(row, dict):
                        texts.extend(
                            c.strip() for c in row.values() if isinstance(c, str) and c.strip()
                        )
        return sorted(set(texts), key=len, reverse=True)

    def without_client_quotes(self, text: str) -> str:
        """The text with the client's own words, quoted, taken out: they are the client's,
        and no rule about our wording applies to them."""
        if "“" not in text:
            return text

        def strip(match: re.Match[str]) -> str:
            inner = match.group(1).strip()
            if any(inner and (inner in t or t in inner) for t in self.free_texts):
                # A plain word: an ellipsis here would read to text.cut as a cut sentence.
                return "“Quoted”"
            return match.group(0)

        return _QUOTED.sub(strip, text)

    def client_figures(self, item: Item) -> set[float]:
        """Numbers the client gave in the answers this element read: their own figures
        need no source."""
        figures: set[float] = set()
        for qid in item.trace_answers:
            value = self.answers.get(qid)
            if value is None:
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                figures.add(float(value))
            question = BANK.questions.get(qid)
            shown = question.display(value) if question else str(value)
            for match in _NUMBER.finditer(shown):
                with contextlib.suppress(ValueError):
                    figures.add(float(match.group().replace(",", "")))
        return figures
