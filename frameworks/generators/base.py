"""What every section generator reads: the answers, the requirements, and the shared
computations (staffing plan, platform scoring) done once per generation.

Pure: plain data in, plain dicts out. Elements are JSON-ready dicts so a framework can be
frozen into a proposal version as it is; no dataclass, Decimal or date leaves a generator.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from discovery.bank import BANK
from frameworks.scoring import (
    INTEGRATION_LABELS,
    ScoringResult,
    capabilities_from_requirements,
    score_platforms,
)
from frameworks.staffing import (
    ChannelPlan,
    Measured,
    StaffingPlan,
    StaffingPolicy,
    inputs_from_answers,
)
from frameworks.staffing import (
    plan as staffing_plan,
)

NONE_VALUES = frozenset({"none", ""})
# A channel family named by what the client uses of it: "WhatsApp", not "Messaging apps
# and SMS" for a client without SMS.
CHANNEL_DETAIL = {
    "messaging": ("context.messaging_apps", "{names}"),
    "community": ("context.community_platforms", "Community ({names})"),
    "app_reviews": ("context.app_stores", "App-store reviews ({names})"),
}


@dataclass(frozen=True, slots=True)
class RequirementInput:
    """One requirement as the framework reads it: persisted (consultant edits included) or
    straight from the engine."""

    code: str
    title: str
    kind: str
    category: str
    priority: str
    question_ids: tuple[str, ...] = ()
    # What it constrains (requirements_app.attributes): read by the scoring and the
    # generators as hard constraints when the priority is Must.
    attributes: Mapping[str, Any] = field(default_factory=dict)


def plain(value: Any) -> Any:
    """A value as JSON can carry it: Decimal to int/float, dates to ISO text, inf to None."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is dict:
        return {str(k): plain(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [plain(v) for v in value]
    if isinstance(value, float):
        return None if math.isinf(value) or math.isnan(value) else value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [plain(v) for v in items]
    raise TypeError(f"not JSON-ready: {type(value).__name__}")


def number_text(value: float, decimals: int = 1) -> str:
    """1200 → "1,200"; 1.3 → "1.3"; 2.0 → "2"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text


def hours_text(hours: float) -> str:
    """Hours as a person says them: 0.1 → "6 min", 2 → "2 h", 36 → "36 h"."""
    if hours < 1:
        return f"{round(hours * 60):g} min"
    return f"{number_text(hours)} h"


def join(items: Iterable[str], last: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def quoted(text: str) -> str:
    return f"“{text.strip()}”"


def _team_size(answers: Mapping[str, Any]) -> int:
    value = answers.get("context.team_size")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return 0
    try:
        return max(0, math.ceil(float(value)))
    except ValueError:
        return 0


class Reads:
    """The answers and requirements one piece of generation read."""

    __slots__ = ("answers", "emitted", "requirements")

    def __init__(self) -> None:
        self.answers: set[str] = set()
        self.requirements: set[str] = set()
        self.emitted = False

    def add(self, other: Reads) -> None:
        self.answers |= other.answers
        self.requirements |= other.requirements

    def copy(self) -> Reads:
        reads = Reads()
        reads.add(self)
        return reads


class Recorder:
    """A stack of open reading scopes: the generation's, one per section, then the
    generators' own: one per element, and around a group of elements the reads they share.
    Every read lands in the innermost scope; an element takes what the generators' open
    scopes read (its own and the shared ones around it). One element per scope, so no
    element inherits a sibling's reads."""

    def __init__(self) -> None:
        self.stack: list[Reads] = [Reads()]

    def answer(self, qid: str) -> None:
        self.stack[-1].answers.add(qid)

    def requirements(self, codes: Iterable[str]) -> None:
        self.stack[-1].requirements.update(codes)

    def replay(self, reads: Reads) -> None:
        self.stack[-1].add(reads)

    @contextmanager
    def scope(self) -> Iterator[Reads]:
        reads = Reads()
        self.stack.append(reads)
        try:
            yield reads
        finally:
            # What a scope read is its element's alone: a check that built no element (a
            # risk that does not apply) leaves nothing behind for its siblings.
            self.stack.pop()

    def take(self) -> Reads:
        """What an element built in the innermost scope read: every open scope's reads."""
        innermost = self.stack[-1]
        if len(self.stack) < 3:
            raise TraceError("build each element in a ctx.reading() scope of its own")
        if innermost.emitted:
            raise TraceError("one element per ctx.reading() scope")
        taken = Reads()
        # Not the generation's scope or the section's: what a section reads for its intro
        # or to decide which elements to build is no element's input.
        for reads in self.stack[2:]:
            taken.add(reads)
        innermost.emitted = True
        return taken


class TraceError(RuntimeError):
    """A generator built an element where its reads cannot be told from another's."""


class RecordingAnswers(Mapping[str, Any]):
    """The effective answers, read-only, recording every question looked up: plain functions
    handed `ctx.answers` (the staffing demands) are traced like the generators."""

    def __init__(self, answers: Mapping[str, Any], recorder: Recorder) -> None:
        self._answers = answers
        self._recorder = recorder

    def __getitem__(self, qid: str) -> Any:
        self._recorder.answer(qid)
        return self._answers[qid]

    def get(self, qid: str, default: Any = None) -> Any:
        self._recorder.answer(qid)
        return self._answers.get(qid, default)

    def __contains__(self, qid: object) -> bool:
        if isinstance(qid, str):
            self._recorder.answer(qid)
        return qid in self._answers

    def __iter__(self) -> Iterator[str]:
        for qid in self._answers:
            self._recorder.answer(qid)
            yield qid

    def __len__(self) -> int:
        return len(self._answers)


def scoped(fn: Any) -> Any:
    """Run a one-element builder `fn(ctx, ...)` in a reading scope of its own."""

    @functools.wraps(fn)
    def wrapper(ctx: Context, *args: Any, **kwargs: Any) -> Any:
        with ctx.reading():
            return fn(ctx, *args, **kwargs)

    return wrapper


def _recorded(recorder: Recorder, compute: Any) -> tuple[Any, Reads]:
    with recorder.scope() as reads:
        value = compute()
    return value, reads


@dataclass
class Context:
    recorder: Recorder
    _answers: dict[str, Any]  # effective answers only
    requirements: tuple[RequirementInput, ...]
    _plan: StaffingPlan
    _plan_reads: Reads
    _scoring: ScoringResult
    _scoring_reads: Reads
    _order: dict[str, int] = field(default_factory=dict)
    _by_category: dict[str, list[int]] = field(default_factory=dict)
    _by_question: dict[str, list[int]] = field(default_factory=dict)
    # Values several generators derive from the answers (the integrations), once each, with
    # what computing them read.
    _cache: dict[str, tuple[Any, Reads]] = field(default_factory=dict)

    # What the consultant chose from an imported ticket history, and the import itself.
    evidence: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        answers: Mapping[str, Any],
        requirements: Sequence[RequirementInput],
        evidence: Mapping[str, Any] | None = None,
    ) -> Context:
        effective = BANK.effective_answers(answers)
        reqs = tuple(requirements)
        evidence = dict(evidence or {})
        measured = measured_from(evidence)
        recorder = Recorder()
        recording = RecordingAnswers(effective, recorder)
        # The one staffing plan of this generation: every section reads it from here.
        plan, plan_reads = _recorded(
            recorder, lambda: staffing_plan(inputs_from_answers(recording, measured))
        )

        def score() -> ScoringResult:
            # Everyone on the team works tickets in the tool, whatever the model says it needs.
            agents = max(plan.headcount, _team_size(recording)) or None
            codes = [r.code for r in reqs]
            recorder.requirements(c for c in codes if capabilities_from_requirements([c]))
            result = score_platforms(recording, reqs, agents=agents)
            # The requirements read as constraints (hosting, residency, compliance, …).
            recorder.requirements(result.requirement_codes)
            return result

        scoring, scoring_reads = _recorded(recorder, score)
        scoring_reads.add(plan_reads)
        by_category: dict[str, list[int]] = {}
        by_question: dict[str, list[int]] = {}
        for i, r in enumerate(reqs):
            by_category.setdefault(r.category, []).append(i)
            for qid in dict.fromkeys(r.question_ids):
                by_question.setdefault(qid, []).append(i)
        return cls(
            recorder=recorder,
            _answers=effective,
            requirements=reqs,
            _plan=plan,
            _plan_reads=plan_reads,
            _scoring=scoring,
            _scoring_reads=scoring_reads,
            _order={r.code: i for i, r in enumerate(reqs)},
            _by_category=by_category,
            _by_question=by_question,
            evidence=evidence,
        )

    # --- recording ----------------------------------------------------------------------------

    def reading(self) -> AbstractContextManager[Reads]:
        """A scope of its own for one element (or a loop body building one)."""
        return self.recorder.scope()

    def replay(self, reads: Reads) -> None:
        """Count what was read earlier, apart (in a scope of its own), as read here."""
        self.recorder.replay(reads)

    def cached(self, key: str, compute: Any) -> Any:
        """`compute()` once per generation; every use replays what computing it read."""
        entry = self._cache.get(key)
        if entry is None:
            entry = self._cache[key] = _recorded(self.recorder, compute)
        self.recorder.replay(entry[1])
        return entry[0]

    @property
    def answers(self) -> Mapping[str, Any]:
        return RecordingAnswers(self._answers, self.recorder)

    @property
    def plan(self) -> StaffingPlan:
        self.recorder.replay(self._plan_reads)
        return self._plan

    @property
    def scoring(self) -> ScoringResult:
        self.recorder.replay(self._scoring_reads)
        return self._scoring

    def channel_reads(self, channel: str | None) -> Reads:
        """What one channel's staffing figures read: its own answers and the shared
        coverage and policy ones, not the other channels'. With None, the shared ones."""
        key = f"channel_reads.{channel}"
        entry = self._cache.get(key)
        if entry is None:
            probe = Recorder()
            # With no channel the inputs read only the shared answers (coverage, shrinkage,
            # contract hours, peaks); with one, that channel's own as well.
            channels = [channel] if channel else []
            inputs_from_answers(
                RecordingAnswers({**self._answers, "context.channels": channels}, probe)
            )
            entry = self._cache[key] = (None, probe.stack[0])
        return entry[1]

    @property
    def policy(self) -> StaffingPolicy:
        """The staffing policy (shrinkage, occupancy, hours), citing only what it read."""
        self.recorder.replay(self.channel_reads(None))
        return self._plan.policy

    def channel_plan(self, channel: str) -> ChannelPlan | None:
        self.recorder.replay(self.channel_reads(channel))
        return self._plan.channel(channel)

    # --- answers ------------------------------------------------------------------------------

    def get(self, qid: str, default: Any = None) -> Any:
        self.recorder.answer(qid)
        return self._answers.get(qid, default)

    def has(self, qid: str) -> bool:
        self.recorder.answer(qid)
        return qid in self._answers

    def values(self, qid: str) -> list[str]:
        """A multi-choice (or single) answer as a list, without "none"."""
        value = self.get(qid)
        if value is None:
            return []
        items = [value] if isinstance(value, str) else list(value)
        return [str(v) for v in items if str(v) not in NONE_VALUES]

    def num(self, qid: str) -> float | None:
        value = self.get(qid)
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, dict):  # a quantity ("30 min"), in the question's own unit
            question = BANK.questions.get(qid)
            return question.number(value) if question is not None else None
        try:
            return float(value)
        except (TypeError, ValueError):
            return None

    def text(self, qid: str) -> str:
        """The answer as the question bank displays it ("" when unanswered)."""
        value = self.get(qid)
        if value is None:
            return ""
        return BANK.questions[qid].display(value)

    def label(self, qid: str, value: str) -> str:
        """The bank's label of a choice; a channel family is named by what the client
        uses of it (which reads that answer)."""
        if qid == "context.channels" and value in CHANNEL_DETAIL:
            detail_qid, template = CHANNEL_DETAIL[value]
            names = [n for n in self.labels(detail_qid) if n != "Other"]
            if names:
                return template.format(names=join(names))
        return BANK.questions[qid].choice_label(value)

    def labels(self, qid: str) -> list[str]:
        return [self.label(qid, v) for v in self.values(qid)]

    def answered(self, qids: Iterable[str]) -> list[str]:
        """The ids among `qids` that carry an effective answer, in bank order, once each."""
        order = BANK.order
        seen = {q for q in qids if q in self._answers}
        return sorted(seen, key=lambda q: order.get(q, len(order)))

    # --- requirements -------------------------------------------------------------------------

    def reqs(
        self,
        *,
        codes: Iterable[str] = (),
        questions: Iterable[str] = (),
        categories: Iterable[str] = (),
        exclude: Iterable[str] = (),
    ) -> list[str]:
        """Codes of the project's requirements that match, in the project's order; the
        element being built reads them. Codes in `exclude` never match (another element
        answers them).

        `codes` match exactly, or as a prefix when they end with "-" ("FR-CHN-"). With
        `questions`, a requirement matches when it read one of them, narrowed to `categories`
        when both are given; `categories` alone match every requirement in them.
        """
        found: set[int] = set()
        for c in codes:
            if c.endswith("-"):
                found.update(i for code, i in self._order.items() if code.startswith(c))
            elif (index := self._order.get(c)) is not None:
                found.add(index)
        wanted = frozenset(categories)
        matched: set[int] = set()
        questions = tuple(questions)
        if questions:
            for q in questions:
                matched.update(self._by_question.get(q, ()))
            if wanted:
                matched = {i for i in matched if self.requirements[i].category in wanted}
        else:
            for category in wanted:
                matched.update(self._by_category.get(category, ()))
        found |= matched
        skip = frozenset(exclude)
        result = [self.requirements[i].code for i in sorted(found)]
        result = [c for c in result if c not in skip]
        self.recorder.requirements(result)
        return result

    def related(self, *, categories: Iterable[str] = (), codes: Iterable[str] = ()) -> list[str]:
        """Requirements (in `categories`, if given) that read an answer the element being
        built has read so far in its own scope, the requirements about what it is about;
        with `codes`, those too."""
        read = sorted(self.recorder.stack[-1].answers)
        if not read:
            return self.reqs(codes=codes)
        return self.reqs(codes=codes, questions=read, categories=categories)

    def requirement(self, code: str) -> RequirementInput | None:
        index = self._order.get(code)
        if index is None:
            return None
        self.recorder.requirements((code,))
        return self.requirements[index]

    def satisfies(self, codes: Iterable[str]) -> list[dict[str, str]]:
        """Requirement codes with their (possibly edited) titles and priorities, for tables."""
        rows = []
        for code in codes:
            r = self.requirement(code)
            if r is not None:
                rows.append({"code": r.code, "title": r.title, "priority": r.priority})
        return rows

    # --- integrations -------------------------------------------------------------------------

    def integration_label(self, key: str) -> str:
        if key == "billing" and self.get("integrations.billing_system"):
            return str(self.get("integrations.billing_system"))
        if key == "telephony" and self.get("context.phone_system"):
            return f"Telephony ({self.get('context.phone_system')})"
        return INTEGRATION_LABELS.get(key, key.replace("_", " "))


def measured_from(evidence: Mapping[str, Any]) -> dict[str, Measured]:
    """The staffing plan's measured inputs from the evidence the framework was given: per
    channel, the monthly volume and the arrival curve the consultant chose to use."""
    out: dict[str, Measured] = {}
    for channel, chosen in (evidence.get("channels") or {}).items():
        volume = chosen.get("monthly_volume") if chosen.get("use_volume") else None
        shares = chosen.get("weekly_shares") if chosen.get("use_curve") else None
        if volume is None and shares is None:
            continue
        out[str(channel)] = Measured(
            channel=str(channel),
            source=str(evidence.get("source") or "measured from an imported ticket history"),
            import_id=evidence.get("import_id"),
            monthly_volume=float(volume) if volume is not None else None,
            weekly_shares=tuple(float(s) for s in shares) if shares is not None else None,
        )
    return out


def element(
    ctx: Context,
    id: str,
    kind: str,
    title: str,
    text: str,
    *,
    data: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One framework element with its trace: the requirements and the answered questions
    that building it read, as the context recorded them (never a hand-written list)."""
    reads = ctx.recorder.take()
    codes = sorted((c for c in reads.requirements if c in ctx._order), key=ctx._order.__getitem__)
    return {
        "id": id,
        "kind": kind,
        "title": title,
        "text": text,
        "data": plain(dict(data or {})),
        "trace": {"requirements": codes, "answers": ctx.answered(reads.answers)},
    }


def section(
    key: str, title: str, intro: str, elements: list[dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    return {"key": key, "title": title, "intro": intro, "elements": elements, **plain(extra)}
