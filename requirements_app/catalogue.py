"""The requirement rule catalogue: loading the YAML in `rules/`, validating it, compiling it.

The catalogue is data (`rules/catalogue.yaml` names the version, the categories and the
rule files in order). A rule reads discovery answers through a condition tree in the shared
`discovery.conditions` format and yields requirements:

    - id: channels.email
      when: {q: context.channels, op: includes, value: email}
      rationale: Email is a channel today, so it must land in the same queue as the rest.
      source: Brief
      then:
        - code: FR-CHN-002            # full definition: the first time a code appears
          title: Email channel
          description: Turn the {context.volume_email} emails a month into tickets…
          kind: functional
          category: channels
          priority: must
          priority_when:              # first match wins
            - {when: {q: context.volume_email, op: at_most, value: 50}, priority: should}
          acceptance: [...]
        - {code: FR-TKT-001, priority: must}   # a reference to a code defined elsewhere

A code may be yielded by several rules; it is defined once (or repeated identically) and
every other mention is a reference. Validation returns problems naming the rule, so the
system check and the tests can show them; `rule_catalogue()` returns the compiled,
validated catalogue and raises `CatalogueInvalid` otherwise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from discovery import conditions
from discovery.bank import BANK, QType, QuestionBank

RULES_DIR = Path(__file__).resolve().parent / "rules"
META_FILE = "catalogue.yaml"

KINDS = ("functional", "non_functional")
KIND_PREFIX = {"functional": "FR", "non_functional": "NFR"}
# Highest first: when several rules yield one code, the highest priority wins.
PRIORITIES = ("must", "should", "could", "wont")
PRIORITY_RANK = {p: rank for rank, p in enumerate(PRIORITIES)}

CODE_RE = re.compile(r"^(FR|NFR)-([A-Z]{2,4})-(\d{3})$")
RULE_ID_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
# {question.id} quotes the answer as the bank displays it; {question.id|bare} drops the unit;
# {question.id|field=value} quotes only the rows of a list-of-rows answer whose field has
# that value ({integrations.systems|class=ehr}); {…|class=ehr:name} only their names.
PLACEHOLDER_RE = re.compile(
    r"\{([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)(?:\|([a-z]+(?:=[a-z0-9_]+(?::[a-z_]+)?)?))?\}"
)
ANY_BRACES_RE = re.compile(r"\{[^{}]*\}")
# [[ … ]] is said only when every placeholder inside it is answered: "Calls[[, handle time
# {context.phone_aht}]]." never prints a "(not stated)". [[A||B]] says A if it can, else B.
OPTIONAL_RE = re.compile(r"\[\[(.*?)\]\]", re.S)
# |bare drops the unit, |lower starts a choice label in lower case mid-sentence.
FILTERS = ("bare", "lower", "named")

RULE_KEYS = {"id", "when", "rationale", "source", "then"}
REF_KEYS = {"code", "priority", "priority_when"}
DEFINITION_KEYS = {
    "title",
    "description",
    "kind",
    "category",
    "rationale",
    "acceptance",
    "attributes",
}
REQUIRED_DEFINITION_KEYS = {"title", "description", "kind", "category", "acceptance"}
CHOICE_OPS = {
    "equals",
    "not_equals",
    "in",
    "includes",
    "includes_any",
    "includes_all",
    "answered_other_than",
}

# System check ids, one per kind of problem (see requirements_app/checks.py).
E_LOAD = "requirements_app.E001"
E_QUESTION = "requirements_app.E002"
E_OPERATOR = "requirements_app.E003"
E_CATEGORY = "requirements_app.E004"
E_KIND_PRIORITY = "requirements_app.E005"
E_DUPLICATE = "requirements_app.E006"
E_PLACEHOLDER = "requirements_app.E007"
E_SHAPE = "requirements_app.E008"


@dataclass(frozen=True, slots=True)
class CatalogueProblem:
    where: str  # "rule channels.email (context.yaml)" or a file name
    message: str
    check_id: str = E_SHAPE

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class CatalogueInvalid(ValueError):
    def __init__(self, problems: Sequence[CatalogueProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in problems[:5]))


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: str
    prefix: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class RequirementSpec:
    """How a requirement reads: templates that may quote answers by question id."""

    code: str
    title: str
    description: str
    kind: str
    category: str
    rationale: str
    acceptance: tuple[str, ...]
    defined_by: str  # the rule holding the definition
    placeholders: tuple[str, ...]  # question ids quoted by the templates, in order
    # What the requirement constrains (requirements_app.attributes): literal values, or
    # "{question.id}" for the answer's value.
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PriorityOverride:
    when: Mapping[str, Any]
    priority: str


@dataclass(frozen=True, slots=True)
class Yield:
    code: str
    priority: str
    overrides: tuple[PriorityOverride, ...]
    reads: tuple[str, ...]  # the rule's condition plus these overrides


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    when: Mapping[str, Any]
    rationale: str
    source: str
    file: str
    yields: tuple[Yield, ...]
    reads: tuple[str, ...]  # question ids the condition reads


@dataclass(frozen=True)
class RuleCatalogue:
    version: str
    categories: tuple[Category, ...]
    rules: tuple[Rule, ...]
    requirements: Mapping[str, RequirementSpec]  # code -> spec, in order of definition
    category_order: Mapping[str, int] = field(default_factory=dict)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.requirements)

    def category(self, category_id: str) -> Category:
        return self.categories[self.category_order[category_id]]

    def questions_read(self) -> set[str]:
        """Every question id any rule's condition, override or template reads."""
        read: set[str] = set()
        for rule in self.rules:
            for yielded in rule.yields:
                read.update(yielded.reads)
        for spec in self.requirements.values():
            read.update(spec.placeholders)
        return read


# --- loading --------------------------------------------------------------------------------


def _yaml_load(text: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506  (a safe loader)


@dataclass
class RawCatalogue:
    """The YAML as read, before validation: meta plus (file, rule dict) pairs in order."""

    meta: dict[str, Any]
    rules: list[tuple[str, Any]]


def load_raw(directory: Path) -> tuple[RawCatalogue | None, list[CatalogueProblem]]:
    meta_path = directory / META_FILE
    try:
        meta = _yaml_load(meta_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        return None, [CatalogueProblem(META_FILE, f"cannot be read: {exc}", E_LOAD)]
    if not isinstance(meta, dict):
        return None, [CatalogueProblem(META_FILE, "must be a mapping", E_LOAD)]
    problems: list[CatalogueProblem] = []
    files = meta.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None, [CatalogueProblem(META_FILE, "'files' must list the rule files", E_LOAD)]
    listed = set(files)
    for path in sorted(directory.glob("*.yaml")):
        if path.name != META_FILE and path.name not in listed:
            # Rules in an unlisted file would silently never fire.
            problems.append(CatalogueProblem(path.name, f"not listed in {META_FILE}", E_LOAD))
    rules: list[tuple[str, Any]] = []
    for name in files:
        try:
            data = _yaml_load((directory / name).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            problems.append(CatalogueProblem(name, f"cannot be read: {exc}", E_LOAD))
            continue
        if not isinstance(data, list):
            problems.append(CatalogueProblem(name, "must be a list of rules", E_LOAD))
            continue
        rules.extend((name, rule) for rule in data)
    return RawCatalogue(meta, rules), problems


# --- validation -----------------------------------------------------------------------------


def _leaves(condition: Any) -> Iterator[Mapping[str, Any]]:
    if not isinstance(condition, Mapping):
        return
    for key in ("all", "any"):
        if key in condition and isinstance(condition[key], list | tuple):
            for child in condition[key]:
                yield from _leaves(child)
            return
    if "not" in condition:
        yield from _leaves(condition["not"])
        return
    yield condition


def _condition_problems(
    condition: Any, where: str, bank: QuestionBank, label: str
) -> list[CatalogueProblem]:
    if not isinstance(condition, Mapping):
        return [CatalogueProblem(where, f"{label} must be a condition mapping", E_SHAPE)]
    problems = []
    for problem in conditions.validate_condition(condition, set(bank.questions)):
        if problem.startswith("unknown question id"):
            check_id = E_QUESTION
        elif problem.startswith("unknown operator"):
            check_id = E_OPERATOR
        else:
            check_id = E_SHAPE
        problems.append(CatalogueProblem(where, f"{label}: {problem}", check_id))
    problems += [
        CatalogueProblem(where, f"{label}: {problem}", E_SHAPE)
        for problem in bank.condition_problems(condition)
    ]
    # A value that is not one of the question's choices never matches: a typo, or YAML
    # turning an unquoted yes/no into a boolean.
    for leaf in _leaves(condition):
        question = bank.questions.get(leaf.get("q", ""))
        if question is None or leaf.get("op") not in CHOICE_OPS:
            continue
        if question.type not in (QType.CHOICE, QType.MULTI):
            continue
        allowed = {c.value for c in question.choices}
        value = leaf.get("value")
        for item in value if isinstance(value, list | tuple) else [value]:
            if item not in allowed:
                problems.append(
                    CatalogueProblem(
                        where,
                        f"{label}: {item!r} is not a choice of {question.id!r}",
                        E_SHAPE,
                    )
                )
    return problems


def _template_problems(text: str, where: str, bank: QuestionBank) -> list[CatalogueProblem]:
    problems = []
    outside = OPTIONAL_RE.sub("", text)
    if "[[" in outside or "]]" in outside:
        problems.append(CatalogueProblem(where, "unbalanced [[ ]] in a template", E_PLACEHOLDER))
    for segment in OPTIONAL_RE.findall(text):
        # Every alternative but the last (the fallback) must quote an answer.
        alternatives = segment.split("||")
        for alternative in alternatives[:-1] if len(alternatives) > 1 else alternatives:
            if not PLACEHOLDER_RE.search(alternative):
                problems.append(
                    CatalogueProblem(
                        where, f"optional segment [[{segment}]] quotes no answer", E_PLACEHOLDER
                    )
                )
    for braces in ANY_BRACES_RE.findall(text):
        match = PLACEHOLDER_RE.fullmatch(braces)
        if match is None:
            problems.append(
                CatalogueProblem(where, f"malformed placeholder {braces}", E_PLACEHOLDER)
            )
            continue
        qid, flt = match.groups()
        if qid not in bank.questions:
            problems.append(
                CatalogueProblem(
                    where, f"placeholder {braces} names unknown question id {qid!r}", E_PLACEHOLDER
                )
            )
        if flt is not None and flt not in FILTERS:
            problem = _row_filter_problem(flt, bank.questions.get(qid))
            if problem:
                problems.append(
                    CatalogueProblem(where, f"placeholder {braces}: {problem}", E_PLACEHOLDER)
                )
    return problems


def _row_filter_problem(flt: str, question: Any) -> str:
    """'' when `flt` is a sound `field=value` row filter of `question`."""
    if "=" not in flt:
        return f"unknown filter {flt!r}"
    if question is None or question.type is not QType.RECORDS:
        return "a row filter needs a list-of-rows question"
    field_id, _, value = flt.partition("=")
    value, _, shown = value.partition(":")
    for name in (field_id, shown) if shown else (field_id,):
        try:
            question.field(name)
        except KeyError:
            return f"{question.id} has no field {name!r}"
    f = question.field(field_id)
    if f.type is QType.CHOICE and value not in {c.value for c in f.choices}:
        return f"{value!r} is not a choice of {question.id}.{field_id}"
    return ""


def _check_priority(value: Any, where: str, label: str) -> list[CatalogueProblem]:
    if value not in PRIORITIES:
        return [
            CatalogueProblem(
                where,
                f"{label}: unknown priority {value!r} (use {', '.join(PRIORITIES)})",
                E_KIND_PRIORITY,
            )
        ]
    return []


def _definition(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {key: entry.get(key) for key in DEFINITION_KEYS if key in entry}


def validate(raw: RawCatalogue, bank: QuestionBank = BANK) -> list[CatalogueProblem]:
    """Every problem with the catalogue, each naming the rule (or file) it is in."""
    problems: list[CatalogueProblem] = []
    meta = raw.meta
    if not isinstance(meta.get("version"), str) or not meta["version"]:
        problems.append(CatalogueProblem(META_FILE, "'version' must be a non-empty string", E_LOAD))
    categories: dict[str, str] = {}
    for entry in meta.get("categories") or []:
        if not isinstance(entry, Mapping) or not {"id", "name", "prefix"} <= set(entry):
            problems.append(
                CatalogueProblem(META_FILE, f"category needs id, name, prefix: {entry!r}")
            )
            continue
        if entry["id"] in categories:
            problems.append(
                CatalogueProblem(META_FILE, f"duplicate category {entry['id']!r}", E_DUPLICATE)
            )
        categories[entry["id"]] = entry["prefix"]
    if not categories:
        problems.append(CatalogueProblem(META_FILE, "'categories' must not be empty", E_LOAD))

    seen_rules: set[str] = set()
    definitions: dict[str, tuple[str, dict[str, Any]]] = {}  # code -> (rule id, definition)
    references: list[tuple[str, str]] = []  # (where, code)
    for file, rule in raw.rules:
        if not isinstance(rule, Mapping):
            problems.append(CatalogueProblem(file, f"a rule must be a mapping, not {rule!r}"))
            continue
        rule_id = rule.get("id")
        where = f"rule {rule_id} ({file})"
        if not isinstance(rule_id, str) or not RULE_ID_RE.match(rule_id):
            problems.append(CatalogueProblem(where, "needs an id like 'layer.name'"))
        elif rule_id in seen_rules:
            problems.append(CatalogueProblem(where, "duplicate rule id", E_DUPLICATE))
        seen_rules.add(str(rule_id))
        unknown = set(rule) - RULE_KEYS
        if unknown:
            problems.append(CatalogueProblem(where, f"unknown keys {sorted(unknown)}"))
        for key in ("when", "rationale", "then"):
            if key not in rule:
                problems.append(CatalogueProblem(where, f"missing {key!r}"))
        if "when" in rule:
            problems += _condition_problems(rule["when"], where, bank, "when")
        yields = rule.get("then")
        if not isinstance(yields, list) or not yields:
            problems.append(CatalogueProblem(where, "'then' must list at least one requirement"))
            continue
        codes_in_rule: set[str] = set()
        for entry in yields:
            if not isinstance(entry, Mapping) or "code" not in entry:
                problems.append(CatalogueProblem(where, f"a requirement needs a code: {entry!r}"))
                continue
            code = entry["code"]
            here = f"{where} {code}"
            if code in codes_in_rule:
                problems.append(CatalogueProblem(where, f"yields {code} twice", E_DUPLICATE))
            codes_in_rule.add(code)
            unknown = set(entry) - REF_KEYS - DEFINITION_KEYS
            if unknown:
                problems.append(CatalogueProblem(here, f"unknown keys {sorted(unknown)}"))
            problems += _check_priority(entry.get("priority"), here, "priority")
            overrides = entry.get("priority_when") or []
            if not isinstance(overrides, list):
                problems.append(CatalogueProblem(here, "'priority_when' must be a list"))
                overrides = []
            for override in overrides:
                if not isinstance(override, Mapping) or set(override) != {"when", "priority"}:
                    problems.append(
                        CatalogueProblem(
                            here, "each 'priority_when' needs exactly when and priority"
                        )
                    )
                    continue
                problems += _condition_problems(override["when"], here, bank, "priority_when")
                problems += _check_priority(override["priority"], here, "priority_when")
            definition = _definition(entry)
            if not definition:
                references.append((here, code))
                continue
            problems += _definition_problems(definition, code, here, categories, bank)
            if code in definitions:
                first_rule, first = definitions[code]
                if first != definition:
                    changed = sorted(
                        k for k in DEFINITION_KEYS if first.get(k) != definition.get(k)
                    )
                    problems.append(
                        CatalogueProblem(
                            where,
                            f"{code} is defined again with a different {', '.join(changed)} "
                            f"(first defined by rule {first_rule}); refer to it by code only",
                            E_DUPLICATE,
                        )
                    )
            else:
                definitions[code] = (str(rule_id), definition)
    for here, code in references:
        if code not in definitions:
            problems.append(
                CatalogueProblem(here, f"refers to {code}, which no rule defines", E_DUPLICATE)
            )
    return problems


def _definition_problems(
    definition: Mapping[str, Any],
    code: Any,
    where: str,
    categories: Mapping[str, str],
    bank: QuestionBank,
) -> list[CatalogueProblem]:
    problems = []
    missing = REQUIRED_DEFINITION_KEYS - set(definition)
    if missing:
        problems.append(CatalogueProblem(where, f"definition lacks {sorted(missing)}"))
    kind = definition.get("kind")
    if "kind" in definition and kind not in KINDS:
        problems.append(
            CatalogueProblem(
                where, f"unknown kind {kind!r} (use {', '.join(KINDS)})", E_KIND_PRIORITY
            )
        )
    category = definition.get("category")
    if not isinstance(category, str):
        category = None
    if "category" in definition and category not in categories:
        problems.append(CatalogueProblem(where, f"unknown category {category!r}", E_CATEGORY))
    match = CODE_RE.match(code) if isinstance(code, str) else None
    if match is None:
        problems.append(CatalogueProblem(where, f"code {code!r} is not like FR-TKT-001"))
    else:
        if kind in KIND_PREFIX and match.group(1) != KIND_PREFIX[kind]:
            problems.append(
                CatalogueProblem(
                    where,
                    f"a {kind} requirement's code starts with {KIND_PREFIX[kind]}-",
                    E_KIND_PRIORITY,
                )
            )
        if (
            category is not None
            and category in categories
            and match.group(2) != categories[category]
        ):
            problems.append(
                CatalogueProblem(
                    where, f"category {category} codes use {categories[category]}", E_CATEGORY
                )
            )
    acceptance = definition.get("acceptance")
    if "acceptance" in definition and (
        not isinstance(acceptance, list)
        or not acceptance
        or not all(isinstance(a, str) for a in acceptance)
    ):
        problems.append(CatalogueProblem(where, "'acceptance' must be a non-empty list of text"))
    for key in ("title", "description", "rationale"):
        if key in definition and not isinstance(definition[key], str):
            problems.append(CatalogueProblem(where, f"{key!r} must be text"))
    for text in _templates(definition):
        problems += _template_problems(text, where, bank)
    if "attributes" in definition:
        from .attributes import template_problems

        problems += [
            CatalogueProblem(where, problem, E_PLACEHOLDER)
            for problem in template_problems(definition["attributes"])
        ]
    return problems


def _attribute_questions(attributes: Mapping[str, Any]) -> list[str]:
    """Question ids an `attributes:` mapping quotes."""
    return [
        m.group(1)
        for value in attributes.values()
        if isinstance(value, str) and (m := PLACEHOLDER_RE.fullmatch(value))
    ]


def _templates(definition: Mapping[str, Any]) -> list[str]:
    texts = [definition.get("title"), definition.get("description")]
    acceptance = definition.get("acceptance")
    if isinstance(acceptance, list):
        texts += acceptance
    return [t for t in texts if isinstance(t, str)]


# --- compiling ------------------------------------------------------------------------------


def _unique(ids: Iterator[str] | list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def compile_catalogue(raw: RawCatalogue) -> RuleCatalogue:
    """Build the catalogue objects from validated raw data."""
    categories = tuple(
        Category(c["id"], c["name"], c["prefix"], c.get("description", ""))
        for c in raw.meta["categories"]
    )
    specs: dict[str, RequirementSpec] = {}
    rules: list[Rule] = []
    for file, entry in raw.rules:
        rule_reads = _unique(conditions.referenced_questions(entry["when"]))
        yields = []
        for item in entry["then"]:
            overrides = tuple(
                PriorityOverride(o["when"], o["priority"]) for o in item.get("priority_when") or []
            )
            reads = _unique(
                [
                    *rule_reads,
                    *(q for o in overrides for q in conditions.referenced_questions(o.when)),
                ]
            )
            yields.append(Yield(item["code"], item["priority"], overrides, reads))
            definition = _definition(item)
            if definition and item["code"] not in specs:
                templates = _templates(definition)
                specs[item["code"]] = RequirementSpec(
                    code=item["code"],
                    title=definition["title"],
                    description=definition["description"].strip(),
                    kind=definition["kind"],
                    category=definition["category"],
                    rationale=(definition.get("rationale") or entry["rationale"]).strip(),
                    acceptance=tuple(definition["acceptance"]),
                    defined_by=entry["id"],
                    placeholders=_unique(
                        [
                            *(m.group(1) for t in templates for m in PLACEHOLDER_RE.finditer(t)),
                            *_attribute_questions(definition.get("attributes") or {}),
                        ]
                    ),
                    attributes=dict(definition.get("attributes") or {}),
                )
        rules.append(
            Rule(
                id=entry["id"],
                when=entry["when"],
                rationale=str(entry["rationale"]).strip(),
                source=str(entry.get("source", "")),
                file=file,
                yields=tuple(yields),
                reads=rule_reads,
            )
        )
    return RuleCatalogue(
        version=raw.meta["version"],
        categories=categories,
        rules=tuple(rules),
        requirements=specs,
        category_order={c.id: i for i, c in enumerate(categories)},
    )


def load_catalogue(directory: Path | None = None, bank: QuestionBank = BANK) -> RuleCatalogue:
    """Load, validate and compile a rule catalogue; raises CatalogueInvalid with every problem."""
    raw, problems = load_raw(directory or RULES_DIR)
    if raw is not None:
        problems += validate(raw, bank)
    if problems or raw is None:
        raise CatalogueInvalid(problems)
    return compile_catalogue(raw)


def catalogue_problems(
    directory: Path | None = None, bank: QuestionBank = BANK
) -> list[CatalogueProblem]:
    """Problems with the catalogue on disk (empty when sound). Not cached: the check runs it."""
    raw, problems = load_raw(directory or RULES_DIR)
    if raw is not None:
        problems += validate(raw, bank)
    return problems


@functools.cache
def rule_catalogue() -> RuleCatalogue:
    """The project's rule catalogue, loaded once per process."""
    return load_catalogue(RULES_DIR)
