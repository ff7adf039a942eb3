"""Shapes of the proposal check: rules, the hits a rule function yields, and findings."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .inputs import CheckInput


class Severity(StrEnum):
    BLOCKING = "blocking"
    ADVISORY = "advisory"


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule function found: where, the words that show it, and details for the
    rule's explanation."""

    section: str
    element_id: str
    evidence: str
    detail: str = ""
    params: tuple[tuple[str, str], ...] = ()


RuleFunction = Callable[["CheckInput"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    explanation: str
    fix: str
    run: RuleFunction

    def finding(self, hit: Hit, element_title: str, defaults: dict[str, str]) -> Finding:
        params = {**defaults, "evidence": hit.evidence, "detail": hit.detail, **dict(hit.params)}
        params.setdefault("element", element_title)
        return Finding(
            rule=self.id,
            severity=self.severity,
            title=self.title,
            section=hit.section,
            element_id=hit.element_id,
            element_title=element_title,
            evidence=hit.evidence,
            explanation=self.explanation.format_map(_Safe(params)),
            fix=self.fix.format_map(_Safe(params)),
        )


class _Safe(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    title: str
    section: str
    element_id: str
    element_title: str
    evidence: str
    explanation: str
    fix: str

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING

    @property
    def key(self) -> str:
        """Stable across regenerations of the same content: the rule, the element and the
        words that show it. An override names this key."""
        digest = hashlib.sha256(self.evidence.encode()).hexdigest()[:10]
        return f"{self.rule}:{self.element_id}:{digest}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "rule": self.rule,
            "severity": str(self.severity),
            "title": self.title,
            "section": self.section,
            "element_id": self.element_id,
            "element_title": self.element_title,
            "evidence": self.evidence,
            "explanation": self.explanation,
            "fix": self.fix,
        }


@dataclass(frozen=True)
class CheckResult:
    version: str
    findings: tuple[Finding, ...] = field(default=())

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def advisory(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocking]

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "blocking": len(self.blocking),
            "advisory": len(self.advisory),
            "findings": [f.as_dict() for f in self.findings],
        }
