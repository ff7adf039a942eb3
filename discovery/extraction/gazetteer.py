"""The extractor's gazetteer: the YAML in `data/`, validated and compiled once per process.

Each file is knowledge with its source and the date it was checked (`systems.yaml`,
`obligations.yaml`, `channels.yaml`, `hours.yaml`, `quantities.yaml`, `negation.yaml`,
`places.yaml`, `languages.yaml`). Languages and places are the question bank's
vocabularies (`discovery.vocab`: ISO 639 and ISO 3166 with a few regions), so every
language or place heard is a code the wizard accepts; the YAML adds only what running
text needs beyond them. `gazetteer_problems()`
returns every problem naming the file and the entry, for the system check;
`gazetteer()` returns the compiled, validated gazetteer and raises `GazetteerInvalid`.
"""

from __future__ import annotations

import datetime
import functools
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

import yaml

from discovery.vocab import languages as language_vocab
from discovery.vocab import places as place_vocab

from .text import fold, tokens

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = (
    "systems.yaml",
    "obligations.yaml",
    "channels.yaml",
    "hours.yaml",
    "quantities.yaml",
    "negation.yaml",
    "places.yaml",
    "languages.yaml",
)
VERSION = "2026.12.1"

CATEGORIES = ("system", "obligation", "language", "channel", "hours", "quantity")
OBLIGATION_KINDS = ("privacy", "security", "sector", "records", "accessibility", "residency")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
FUZZY_MIN = 6  # shortest name a one-typo match is tried on

E_LOAD = "discovery.E010"
E_ENTRY = "discovery.E011"
E_DUPLICATE = "discovery.E012"
E_PATTERN = "discovery.E013"


@dataclass(frozen=True, slots=True)
class GazetteerProblem:
    file: str
    where: str
    message: str
    check_id: str = E_ENTRY

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


class GazetteerInvalid(ValueError):
    def __init__(self, problems: Iterable[GazetteerProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems[:5]))


@dataclass(frozen=True, slots=True)
class Entry:
    """What a phrase names: a finding's category, normalized value, label and group."""

    category: str  # one of CATEGORIES, or "place" / "cue:before" / … for internal phrases
    value: str
    label: str
    group: str = ""
    fuzzy: bool = True


@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[str, ...]  # folded tokens
    exact: tuple[str, ...] | None  # raw tokens that must match as written, or None
    entry: Entry


@dataclass
class PhraseIndex:
    """Phrases by their first folded token, longest first; and by their letters joined
    ("service now" and "servicenow" both find ServiceNow)."""

    by_first: dict[str, list[Phrase]] = field(default_factory=dict)
    joined: dict[str, list[Phrase]] = field(default_factory=dict)
    longest: int = 1
    joinable: bool = False  # also look phrases up by their letters joined
    prefixes: set[str] = field(default_factory=set)  # every prefix of a joined key

    def add(
        self,
        text: str,
        entry: Entry,
        *,
        exact: bool = False,
        join: bool = True,
        toks: list[Any] | None = None,
    ) -> None:
        toks = tokens(text) if toks is None else toks
        if not toks:
            return
        words = tuple(t.norm for t in toks)
        phrase = Phrase(words, tuple(t.raw for t in toks) if exact else None, entry)
        bucket = self.by_first.setdefault(words[0], [])
        if any(p.words == words and p.exact == phrase.exact and p.entry == entry for p in bucket):
            return
        bucket.append(phrase)
        bucket.sort(key=lambda p: -len(p.words))
        self.longest = max(self.longest, len(words))
        if not exact and self.joinable and join:
            key = "".join(words)
            if len(key) >= 4:
                self.joined.setdefault(key, []).append(phrase)
                self.prefixes.update(key[:k] for k in range(2, len(key) + 1))


@dataclass(frozen=True)
class DeadlineSaid:
    """A deadline set by a law or regulator, said with its length: the words right before
    the duration, the obligation kinds and the cue words that make it the law's."""

    before: PhraseIndex
    kinds: frozenset[str]
    cues: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class RetentionSaid:
    """ "We keep Gift Aid declarations for six years": the keeping verbs, the participles
    that say it right before a duration, the words for what is kept, the words allowed
    between "for" and the duration, and how far a record may sit from its verb."""

    entry: Entry  # the obligation it is (records retention)
    verbs: PhraseIndex
    participles: frozenset[str]
    records: frozenset[str]
    qualifiers: PhraseIndex
    window: int


@dataclass(frozen=True)
class Visits:
    """ "Residents can visit 6 service points": a visiting verb before a count of sites or
    a place of the client's, within `window` words, is the in-person channel."""

    entry: Entry
    verbs: PhraseIndex
    places: PhraseIndex
    window: int
    field: frozenset[str] = frozenset()  # who, visiting, does field work
    between: frozenset[str] = frozenset()  # words between that subject and its verb


@dataclass(frozen=True)
class Alerts:
    """ "PRTG alerts land in the helpdesk": alerts in a clause naming a system of one of
    `systems` classes or a word of the desk's work are the monitoring channel."""

    entry: Entry
    words: frozenset[str]
    systems: frozenset[str]
    desk: PhraseIndex


@dataclass(frozen=True)
class Gazetteer:
    version: str
    names: PhraseIndex  # systems, obligations, languages, channels
    places: PhraseIndex
    cues: PhraseIndex  # negation: cue:before, cue:after, cue:break, cue:none
    units: PhraseIndex  # quantity units (category "unit") and periods ("period")
    number_words: PhraseIndex
    fuzzy: Mapping[str, tuple[str, ...]]  # a deletion variant → joined keys it may come from
    fuzzy_guard: frozenset[str]  # ordinary words never read as a typo of a name
    # Each hours pattern with what it means and a word it cannot match without (a cheap
    # test that skips most patterns for most texts), or "" when it has none.
    hours: tuple[tuple[re.Pattern[str], Entry, str], ...]
    time_zones: frozenset[str]
    time_zone_phrases: PhraseIndex
    scale_words: Mapping[str, float]
    currencies: Mapping[str, str]
    measures: tuple[tuple[str, frozenset[str], tuple[tuple[str, ...], ...]], ...]
    not_language_after: frozenset[str]
    speakers: PhraseIndex  # people nouns after a language name or demonym
    demonyms: PhraseIndex
    residency_window: int
    system_classes: Mapping[str, str]
    checked: Mapping[str, str]
    sizes: Mapping[str, int]
    # Zone abbreviations that are also ordinary acronyms ("ICT third party", "GST"): read
    # as a zone only next to a clock time (hours.yaml zones_near_a_time).
    ambiguous_zones: frozenset[str] = frozenset()
    # A system named with its class beside it ("Atlas (our in-house ERP)"): each pattern
    # with its `name` and `cls` groups, and the class each class word stands for.
    by_class: tuple[re.Pattern[str], ...] = ()
    class_words: Mapping[str, str] = field(default_factory=dict)
    class_firsts: frozenset[str] = frozenset()  # a sentence without one names no class
    # Units that are adjectives said alone ("60 seasonal"), and the words they may stand
    # before (quantities.yaml bare_units).
    bare_units: frozenset[str] = frozenset()
    bare_before: frozenset[str] = frozenset()
    # A unit word that counts people, not companies, in a text of one of these words
    # ("31,000 tenants" of a landlord, not a SaaS's tenants): quantities.yaml people_when.
    people_when: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # A hand-over written as places joined by arrows (hours.yaml hand_over), and the
    # folded names that count as places in it.
    hand_over: re.Pattern[str] | None = None
    hand_over_places: frozenset[str] = frozenset()
    hand_over_arrows: tuple[str, ...] = ()
    # Alerts that are the desk's work (channels.yaml alerts).
    alerts: Alerts | None = None
    # A visit to one of the client's places (channels.yaml visits).
    visits: Visits | None = None
    # A channel word that is another thing before these words ("Social Housing", "social
    # care"): the word as written, then the following words (channels.yaml not_before).
    not_channel_before: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # A retention rule said with a keeping verb (obligations.yaml retention_said).
    retention: RetentionSaid | None = None
    # A deadline set by law said with its length (obligations.yaml deadline_said).
    deadline: DeadlineSaid | None = None
    # Hits of sentences already read, by the sentence's text (see engine.extract).
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # A word's nearest name at one typo (or None), once per word and process.
    fuzzy_seen: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


# --- loading and validation -------------------------------------------------------------


def _load(name: str, problems: list[GazetteerProblem]) -> dict[str, Any]:
    path = DATA_DIR / name
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        problems.append(GazetteerProblem(name, "file", f"cannot be read: {exc}", E_LOAD))
        return {}
    if not isinstance(data, dict):
        problems.append(GazetteerProblem(name, "file", "must be a mapping", E_LOAD))
        return {}
    checked = data.get("checked")
    if not isinstance(checked, datetime.date):
        problems.append(
            GazetteerProblem(name, "checked", "needs the date the facts were checked (YYYY-MM-DD)")
        )
    return data


def _strings(value: Any) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _https(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


@dataclass
class _Build:
    problems: list[GazetteerProblem] = field(default_factory=list)
    names: PhraseIndex = field(default_factory=lambda: PhraseIndex(joinable=True))
    owner: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias → (file, id)

    def problem(self, file: str, where: str, message: str, check_id: str = E_ENTRY) -> None:
        self.problems.append(GazetteerProblem(file, where, message, check_id))

    def name(
        self,
        file: str,
        ident: str,
        text: str,
        entry: Entry,
        *,
        exact: bool = False,
        join: bool = True,
    ) -> None:
        toks = tokens(text)
        key = ("=" if exact else "") + (text if exact else " ".join(t.norm for t in toks))
        other = self.owner.get(key)
        if other is not None and other != (file, ident) and other[0] == file:
            self.problem(file, ident, f"name {text!r} is also a name of {other[1]!r}", E_DUPLICATE)
            return
        self.owner.setdefault(key, (file, ident))
        self.names.add(text, entry, exact=exact, join=join, toks=toks)


def _systems(data: dict[str, Any], b: _Build) -> tuple[dict[str, str], int]:
    file = "systems.yaml"
    classes = data.get("classes")
    if not isinstance(classes, dict) or not classes:
        b.problem(file, "classes", "must map each class id to its label")
        classes = {}
    systems = data.get("systems")
    if not isinstance(systems, list):
        b.problem(file, "systems", "must be a list")
        return classes, 0
    seen: set[str] = set()
    for index, item in enumerate(systems):
        where = f"system #{index + 1}"
        if not isinstance(item, dict):
            b.problem(file, where, "must be a mapping")
            continue
        ident = item.get("id")
        if not isinstance(ident, str) or not ID_RE.match(ident):
            b.problem(file, where, f"id {ident!r} must be lower_snake_case")
            continue
        where = f"system {ident}"
        if ident in seen:
            b.problem(file, where, "id appears twice", E_DUPLICATE)
        seen.add(ident)
        unknown = set(item) - {"id", "name", "class", "site", "aliases", "exact", "fuzzy"}
        unknown -= {"only_aliases"}
        if unknown:
            b.problem(file, where, f"unknown keys {sorted(unknown)}")
        name, cls = item.get("name"), item.get("class")
        if not isinstance(name, str) or not name.strip():
            b.problem(file, where, "needs a name")
            continue
        if cls not in classes:
            b.problem(file, where, f"class {cls!r} is not one of the classes listed")
            continue
        if not _https(item.get("site")):
            b.problem(file, where, "needs its source: the vendor's site (https://…)")
        aliases, exact = item.get("aliases", []), item.get("exact", [])
        if not _strings(aliases) or not _strings(exact):
            b.problem(file, where, "aliases and exact must be lists of names")
            continue
        entry = Entry("system", ident, name, str(cls), fuzzy=bool(item.get("fuzzy", True)))
        if not item.get("only_aliases"):
            b.name(file, ident, name, entry)
        for alias in aliases:
            b.name(file, ident, alias, entry)
        for alias in exact:
            b.name(file, ident, alias, entry, exact=True)
    return classes, len(seen)


def _obligations(data: dict[str, Any], b: _Build) -> int:
    file = "obligations.yaml"
    slots = data.get("slots") or {}
    if not isinstance(slots, dict) or not all(_strings(v) for v in slots.values()):
        b.problem(file, "slots", "must map slot names to lists of words")
        slots = {}
    items = data.get("obligations")
    if not isinstance(items, list):
        b.problem(file, "obligations", "must be a list")
        return 0
    seen: set[str] = set()
    for index, item in enumerate(items):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str) or not ID_RE.match(ident):
            b.problem(file, f"obligation #{index + 1}", "needs a lower_snake_case id")
            continue
        where = f"obligation {ident}"
        if ident in seen:
            b.problem(file, where, "id appears twice", E_DUPLICATE)
        seen.add(ident)
        if item.get("kind") not in OBLIGATION_KINDS:
            b.problem(file, where, f"kind must be one of {', '.join(OBLIGATION_KINDS)}")
            continue
        if not _https(item.get("source")):
            b.problem(file, where, "needs its source: the official text (https://…)")
        aliases, exact = item.get("aliases", []), item.get("exact", [])
        if not isinstance(item.get("name"), str) or not _strings(aliases) or not _strings(exact):
            b.problem(file, where, "needs a name, and aliases/exact as lists of names")
            continue
        entry = Entry("obligation", ident, item["name"], item["kind"])
        expanded = _expand(item.get("templates") or [], slots, file, where, b)
        for alias in (*aliases, *expanded):
            b.name(file, ident, alias, entry)
        for alias in exact:
            b.name(file, ident, alias, entry, exact=True)
    return len(seen)


def _deadline_said(data: dict[str, Any], b: _Build) -> DeadlineSaid | None:
    file, said = "obligations.yaml", data.get("deadline_said")
    if said is None:
        return None
    keys = ("before", "kinds", "cues")
    if not isinstance(said, dict) or not all(_strings(said.get(k)) for k in keys):
        b.problem(file, "deadline_said", f"must list {', '.join(keys)}")
        return None
    before = PhraseIndex()
    for word in said["before"]:
        before.add(word, Entry("before", word, word))
    return DeadlineSaid(
        before=before,
        kinds=frozenset(said["kinds"]),
        cues=tuple(tuple(t.norm for t in tokens(c)) for c in said["cues"]),
    )


def _retention_said(data: dict[str, Any], b: _Build) -> RetentionSaid | None:
    file, said = "obligations.yaml", data.get("retention_said")
    if said is None:
        return None
    keys = ("verbs", "participles", "records", "qualifiers")
    if not isinstance(said, dict) or not all(_strings(said.get(k)) for k in keys):
        b.problem(file, "retention_said", f"must list {', '.join(keys)}")
        return None
    window = said.get("window")
    if not isinstance(window, int) or window < 1:
        b.problem(file, "retention_said", "window must be a positive number of words")
        return None
    ident = said.get("obligation")
    item = next(
        (o for o in data.get("obligations") or [] if isinstance(o, dict) and o.get("id") == ident),
        None,
    )
    if item is None:
        b.problem(file, "retention_said", f"obligation {ident!r} is not an obligation listed")
        return None
    verbs, qualifiers = PhraseIndex(), PhraseIndex()
    for word in said["verbs"]:
        verbs.add(word, Entry("keep", word, word))
    for word in said["qualifiers"]:
        qualifiers.add(word, Entry("qualifier", word, word))
    return RetentionSaid(
        entry=Entry("obligation", str(ident), str(item.get("name")), str(item.get("kind"))),
        verbs=verbs,
        participles=frozenset(fold(w) for w in said["participles"]),
        records=frozenset(fold(w) for w in said["records"]),
        qualifiers=qualifiers,
        window=window,
    )


_SLOT_RE = re.compile(r"\{(\w+)\}")


def _expand(
    templates: Any, slots: Mapping[str, list[str]], file: str, where: str, b: _Build
) -> list[str]:
    """Every phrase a template stands for: "{data} {must} {stay}" → "data must stay", …"""
    if not _strings(templates):
        b.problem(file, where, "templates must be a list of phrases")
        return []
    out: list[str] = []
    for template in templates:
        names = _SLOT_RE.findall(template)
        unknown = [n for n in names if n not in slots]
        if unknown:
            b.problem(file, where, f"template {template!r} names unknown slots {unknown}")
            continue
        phrases = [template]
        for name in dict.fromkeys(names):
            phrases = [p.replace(f"{{{name}}}", word) for p in phrases for word in slots[name]]
        out.extend(phrases)
    return out


def _channels(data: dict[str, Any], b: _Build) -> int:
    file = "channels.yaml"
    items = data.get("channels")
    if not isinstance(items, list):
        b.problem(file, "channels", "must be a list")
        return 0
    if not isinstance(data.get("source"), str):
        b.problem(file, "source", "needs its source")
    not_plural = set(data.get("not_plural") or [])
    slots = data.get("slots") or {}
    if not isinstance(slots, dict) or not all(_strings(v) for v in slots.values()):
        b.problem(file, "slots", "must map slot names to lists of words")
        slots = {}
    seen: set[str] = set()
    for item in items:
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str) or not ID_RE.match(ident) or ident in seen:
            b.problem(file, f"channel {ident!r}", "needs a unique lower_snake_case id")
            continue
        seen.add(ident)
        if not isinstance(item.get("name"), str) or not _strings(item.get("aliases")):
            b.problem(file, f"channel {ident}", "needs a name and a list of aliases")
            continue
        entry = Entry("channel", ident, item["name"], "channel", fuzzy=False)
        for alias in _expand(item.get("templates") or [], slots, file, f"channel {ident}", b):
            # Phrases of several words said as a whole: never typed as one word.
            b.name(file, ident, alias, entry, join=False)
        for alias in item["aliases"]:
            b.name(file, ident, alias, entry)
            if alias not in not_plural:
                plural = _plural(alias)
                if plural != alias:
                    b.name(file, ident, plural, entry)
    return len(seen)


def _not_channel_before(data: dict[str, Any], b: _Build) -> dict[str, frozenset[str]]:
    raw = data.get("not_before") or {}
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and _strings(v) for k, v in raw.items()
    ):
        b.problem("channels.yaml", "not_before", "must map a channel word to a list of words")
        return {}
    return {k.lower(): frozenset(w.lower() for w in v) for k, v in raw.items()}


def _listed_channel(
    data: dict[str, Any], b: _Build, file: str, key: str, channel: Any
) -> Entry | None:
    """The channel a block of channels.yaml points at, as the entry it finds; a channel
    not listed is the file's problem."""
    item = next(
        (c for c in data.get("channels") or [] if isinstance(c, dict) and c.get("id") == channel),
        None,
    )
    if item is None:
        b.problem(file, key, f"channel {channel!r} is not a channel listed")
        return None
    return Entry("channel", str(item["id"]), str(item.get("name")), "channel", fuzzy=False)


def _phrases(words: list[str], kind: str) -> PhraseIndex:
    index = PhraseIndex()
    for word in words:
        index.add(word, Entry(kind, word, word))
    return index


def _visits(data: dict[str, Any], b: _Build) -> Visits | None:
    file, said = "channels.yaml", data.get("visits")
    if said is None:
        return None
    if (
        not isinstance(said, dict)
        or not _strings(said.get("verbs"))
        or not _strings(said.get("places"))
        or not isinstance(said.get("window"), int)
        or said["window"] < 1
        or not _strings(said.get("field") or ["-"])
        or not _strings(said.get("between") or ["-"])
    ):
        b.problem(file, "visits", "must list verbs, places, field and between, and a window")
        return None
    entry = _listed_channel(data, b, file, "visits", said.get("channel"))
    if entry is None:
        return None
    return Visits(
        entry=entry,
        verbs=_phrases(said["verbs"], "visit"),
        places=_phrases(said["places"], "place"),
        window=said["window"],
        field=frozenset(fold(w) for w in said.get("field") or []),
        between=frozenset(fold(w) for w in said.get("between") or []),
    )


def _alerts(data: dict[str, Any], b: _Build, classes: Mapping[str, str]) -> Alerts | None:
    file, said = "channels.yaml", data.get("alerts")
    if said is None:
        return None
    keys = ("words", "systems", "desk")
    if not isinstance(said, dict) or not all(_strings(said.get(k)) for k in keys):
        b.problem(file, "alerts", f"must list {', '.join(keys)}")
        return None
    unknown = sorted(set(said["systems"]) - set(classes))
    if unknown:
        b.problem(file, "alerts", f"systems {unknown} are not classes of systems.yaml")
        return None
    entry = _listed_channel(data, b, file, "alerts", said.get("channel"))
    if entry is None:
        return None
    return Alerts(
        entry=entry,
        words=frozenset(fold(w) for w in said["words"]),
        systems=frozenset(said["systems"]),
        desk=_phrases(said["desk"], "desk"),
    )


def _plural(phrase: str) -> str:
    """The phrase with its last word in the plural ("help centre" → "help centres"); the
    phrase itself when its last word is short, not a word, or already ends in s."""
    head, _, last = phrase.rpartition(" ")
    if len(last) < 3 or not re.fullmatch(r"[a-z]+(?:-[a-z]+)*", last) or last.endswith("s"):
        return phrase
    if last.endswith(("x", "sh", "ch")):
        last += "es"
    elif last.endswith("y") and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


# A name as typed: capitalized words said together ("Kestrel Connect", "e-MTA" aside).
_NAME = r"(?P<name>[A-Z][\w'’&.-]*[\w](?:\s+[A-Z0-9][\w'’&.-]*){0,2}|[A-Z])"
_DET = r"(?i:our|the|an?|their|its|my)"


def _by_class(
    data: dict[str, Any], classes: Mapping[str, str], b: _Build
) -> tuple[tuple[re.Pattern[str], ...], dict[str, str]]:
    """The patterns of a system named beside its class, from `class_words`."""
    words, kinds = data.get("class_words"), data.get("class_word_kinds")
    if not isinstance(words, dict) or not _strings(kinds):
        b.problem("systems.yaml", "class_words", "needs class_words and class_word_kinds")
        return (), {}
    by_word: dict[str, str] = {}
    for cls, items in words.items():
        if cls not in classes or not _strings(items):
            b.problem("systems.yaml", f"class_words {cls!r}", "must be a class listing words")
            continue
        for word in items:
            by_word[" ".join(word.casefold().split())] = cls
    alternatives = "|".join(
        r"\s+".join(re.escape(w) for w in word.split())
        for word in sorted(by_word, key=len, reverse=True)
    )
    kind = "|".join(re.escape(k) for k in kinds)
    # Up to three words before the class word ("in-house", "old", "IoT"), a kind after it.
    cls = rf"(?:[\w-]+\s+){{0,3}}?(?P<cls>(?i:{alternatives}))(?:\s+(?i:{kind}))?"
    patterns = (
        rf"{_NAME}\s*\(\s*{_DET}\s+{cls}\s*\)",  # Atlas (our in-house ERP)
        rf"{_NAME},\s+{_DET}\s+{cls}\s*(?:,|;|\.|$)",  # Juno, the old ticketing tool,
        rf"(?<!\w){_DET}\s+{cls},\s+{_NAME}\s*(?:,|;|\.|$)",  # our billing system, Ledgerly,
        rf"(?<!\w){_DET}\s+{cls}\s*\(\s*{_NAME}\s*\)",  # our CRM (Harbour)
        rf"(?<!\w){_DET}\s+{cls}\s+(?i:is|was|is called|was called)\s+{_NAME}(?=\s*(?:[,;.()]|$))",
    )
    return tuple(re.compile(p) for p in patterns), by_word


def _required_word(pattern: str) -> str:
    """The longest run of letters outside any group that the pattern always matches."""
    top, depth = [], 0
    for char in pattern:
        depth += char == "("
        top.append(char if depth == 0 else " ")
        depth -= char == ")"
    flat = re.sub(r"\\[a-zA-Z]|[a-z][?*]|\[[^\]]*\]", " ", "".join(top))
    words = re.findall(r"[a-z]{3,}", flat)
    return max(words, key=len) if words else ""


def _ambiguous_zones(data: dict[str, Any], zones: frozenset[str], b: _Build) -> frozenset[str]:
    near = data.get("zones_near_a_time") or []
    if not _strings(near) or set(near) - zones:
        b.problem("hours.yaml", "zones_near_a_time", "must list abbreviations of time_zones")
        return frozenset()
    return frozenset(near)


def _hours(
    data: dict[str, Any], b: _Build
) -> tuple[tuple[tuple[re.Pattern[str], Entry, str], ...], frozenset[str], PhraseIndex]:
    file = "hours.yaml"
    compiled: list[tuple[re.Pattern[str], Entry, str]] = []
    for item in data.get("patterns") or []:
        value = item.get("value") if isinstance(item, dict) else None
        if not isinstance(value, str) or not _strings(item.get("patterns")):
            b.problem(file, f"pattern {value!r}", "needs a value and a list of patterns")
            continue
        entry = Entry("hours", value, str(item.get("label", value)), "hours", fuzzy=False)
        for pattern in item["patterns"]:
            try:
                regex = re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)
            except re.error as exc:
                b.problem(file, f"pattern {value}", f"{pattern!r} is not valid: {exc}", E_PATTERN)
                continue
            compiled.append((regex, entry, _required_word(pattern.lower())))
    zones = data.get("time_zones")
    phrases = data.get("time_zone_phrases")
    if not _strings(zones) or not _strings(phrases):
        b.problem(file, "time_zones", "time_zones and time_zone_phrases must be lists")
        zones, phrases = [], []
    index = PhraseIndex()
    for phrase in phrases:
        index.add(phrase, Entry("hours", f"tz:{phrase.lower()}", phrase, "time_zone"))
    return tuple(compiled), frozenset(zones), index


_CHAIN_WORD = r"[A-ZÀ-Þ][\w'’]*(?:\.[\w'’]+)*"  # "St.Louis" keeps its dot, "Denver." not
_CHAIN_NAME = rf"{_CHAIN_WORD}(?:[ \t]+{_CHAIN_WORD})*"


def _hand_over(
    data: dict[str, Any], places: PhraseIndex, b: _Build
) -> tuple[re.Pattern[str] | None, frozenset[str]]:
    """The chain of capitalized names joined by arrows, and every name that is a place:
    the places index (countries and regions) and the file's regions (cities that name an
    IANA zone are `zone_cities()`)."""
    said = data.get("hand_over")
    if said is None:
        return None, frozenset()
    if (
        not isinstance(said, dict)
        or not _strings(said.get("arrows"))
        or not _strings(said.get("regions"))
    ):
        b.problem("hours.yaml", "hand_over", "must list arrows and regions")
        return None, frozenset()
    arrows = "|".join(re.escape(a) for a in sorted(said["arrows"], key=len, reverse=True))
    chain = re.compile(rf"{_CHAIN_NAME}(?:\s*(?:{arrows})\s*{_CHAIN_NAME})+")
    names = {" ".join(p.words) for ps in places.by_first.values() for p in ps}
    names.update(fold(r) for r in said["regions"])
    return chain, frozenset(names)


@functools.cache
def zone_cities() -> frozenset[str]:
    """Folded names of the cities that name an IANA zone ("dublin", "new york"): read
    from the zone database once, and only when a text holds an arrow."""
    return frozenset(
        fold(zone.rpartition("/")[2].replace("_", " "))
        for zone in zoneinfo.available_timezones()
        if "/" in zone
    )


def _quantities(data: dict[str, Any], b: _Build) -> dict[str, Any]:
    file = "quantities.yaml"
    units, numbers = PhraseIndex(), PhraseIndex()
    known_units: set[str] = set()
    for item in data.get("units") or []:
        unit = item.get("unit") if isinstance(item, dict) else None
        if not isinstance(unit, str) or not _strings(item.get("words")):
            b.problem(file, f"unit {unit!r}", "needs a unit and its words")
            continue
        known_units.add(unit)
        for word in item["words"]:
            units.add(word, Entry("unit", unit, unit))
    for item in data.get("periods") or []:
        period = item.get("period") if isinstance(item, dict) else None
        if not isinstance(period, str) or not _strings(item.get("words")):
            b.problem(file, f"period {period!r}", "needs a period and its words")
            continue
        for word in item["words"]:
            units.add(word, Entry("period", period, period))
    words = data.get("number_words")
    if not isinstance(words, dict):
        b.problem(file, "number_words", "must map words to numbers")
        words = {}
    for word, number in words.items():
        numbers.add(str(word), Entry("number", str(number), str(word)))
    # Compounds said in words: "thirty-two" (a hyphen is not a token), "six hundred".
    tens = {w: n for w, n in words.items() if isinstance(n, int) and 20 <= n <= 90 and n % 10 == 0}
    ones = {w: n for w, n in words.items() if isinstance(n, int) and 1 <= n <= 9}
    for ten, t in tens.items():
        for one, o in ones.items():
            numbers.add(f"{ten} {one}", Entry("number", str(t + o), f"{ten}-{one}"))
    for one, o in ones.items():
        for big, factor in (("hundred", 100), ("thousand", 1000)):
            numbers.add(f"{one} {big}", Entry("number", str(o * factor), f"{one} {big}"))
    multipliers = data.get("multiplier_words") or {}
    if not isinstance(multipliers, dict) or not all(
        isinstance(n, int | float) and n > 1 for n in multipliers.values()
    ):
        b.problem(file, "multiplier_words", "must map words to numbers above 1")
        multipliers = {}
    for word, number in multipliers.items():
        numbers.add(str(word), Entry("multiplier", str(number), str(word)))
    currencies = {str(k).lower(): str(v) for k, v in (data.get("currencies") or {}).items()}
    known_units.update(currencies.values())
    measures = []
    for item in data.get("measures") or []:
        name = item.get("measure") if isinstance(item, dict) else None
        unknown = set(item.get("units") or []) - known_units if isinstance(item, dict) else set()
        if not isinstance(name, str) or unknown:
            b.problem(file, f"measure {name!r}", f"unknown units {sorted(unknown)}")
            continue
        cues = tuple(tuple(t.norm for t in tokens(cue)) for cue in item.get("cues") or [])
        measures.append((name, frozenset(item["units"]), cues))
    scale = {str(k).lower(): float(v) for k, v in (data.get("scale_words") or {}).items()}
    bare = data.get("bare_units") or {"words": [], "before": []}
    if not isinstance(bare, dict) or not _strings(bare.get("words") or ["-"]):
        b.problem(file, "bare_units", "must list words and the words they may stand before")
        bare = {"words": [], "before": []}
    if not _strings(bare.get("before") or ["-"]):
        b.problem(file, "bare_units", "before must be a list of words")
        bare = {"words": [], "before": []}
    people = data.get("people_when") or {}
    if not isinstance(people, dict) or not all(_strings(v) for v in people.values()):
        b.problem(file, "people_when", "must map a unit word to the words that make it people")
        people = {}
    return {
        "people_when": {fold(k): frozenset(fold(w) for w in v) for k, v in people.items()},
        "bare": frozenset(fold(w) for w in bare.get("words") or []),
        "bare_before": frozenset(fold(w) for w in bare.get("before") or []),
        "units": units,
        "numbers": numbers,
        "currencies": currencies,
        "measures": tuple(measures),
        "scale": scale,
    }


def _negation(data: dict[str, Any], b: _Build) -> PhraseIndex:
    file = "negation.yaml"
    index = PhraseIndex()
    single = {fold(w) for w in data.get("before_single") or []}
    both = {fold(w) for w in data.get("before") or []} & {fold(w) for w in data.get("after") or []}
    for key, category in (
        ("before_single", "cue:single"),
        ("before", "cue:before"),
        ("after", "cue:after"),
        ("breakers", "cue:break"),
        ("not_cues", "cue:none"),
    ):
        words = data.get(key)
        if not _strings(words):
            b.problem(file, key, "must be a list of words")
            continue
        for word in words:
            if word.strip() in ",;:":
                continue  # punctuation breaks a clause by itself (see engine)
            if category == "cue:before" and fold(word) in single:
                continue
            if category in ("cue:before", "cue:after") and fold(word) in both:
                category_here = "cue:both"  # "no longer": before or after the mention
            else:
                category_here = category
            index.add(word, Entry(category_here, word, word))
    return index


def _places(data: dict[str, Any], b: _Build) -> tuple[PhraseIndex, frozenset[str]]:
    file = "places.yaml"
    index = PhraseIndex()
    aliases = data.get("aliases")
    if not isinstance(aliases, dict):
        b.problem(file, "aliases", "must map place codes of discovery/vocab to names")
        aliases = {}
    known = place_vocab.vocabulary()
    # The file's names first: where it reads a name otherwise ("Europe" as the EU), it wins.
    for code, names in aliases.items():
        if not isinstance(code, str) or code not in known:
            b.problem(file, f"place {code!r}", "is not a place code of discovery/vocab/places")
            continue
        if not _strings(names):
            b.problem(file, f"place {code}", "must list names")
            continue
        for name in names:
            index.add(name, Entry("place", code, place_vocab.name(code)))
    for code, name in known.items():
        index.add(name, Entry("place", code, name))
    for alias, code in place_vocab.ALIASES.items():
        index.add(alias, Entry("place", code, place_vocab.name(code)))
    after = data.get("not_language_after")
    if not _strings(after):
        b.problem(file, "not_language_after", "must be a list of words")
        after = []
    return index, frozenset(fold(w) for w in after)


@dataclass(frozen=True, slots=True)
class _Languages:
    count: int
    speakers: PhraseIndex  # people nouns: "Norwegian users" means the language
    demonyms: PhraseIndex  # "Mexican" (customers) → es


def _languages(data: dict[str, Any], b: _Build) -> _Languages:
    """Every language of the bank's vocabulary by its English name, own name and the
    vocabulary's aliases, with the file's aliases for running text."""
    file = "languages.yaml"
    exact = set(data.get("exact") or [])
    ignore = {fold(n) for n in data.get("ignore") or []}
    aliases = data.get("aliases") or {}
    demonyms = data.get("demonyms") or {}
    speakers = data.get("speakers")
    if not isinstance(aliases, dict) or not isinstance(demonyms, dict) or not _strings(speakers):
        b.problem(file, "file", "aliases and demonyms must be mappings, speakers a list")
        return _Languages(0, PhraseIndex(), PhraseIndex())
    vocabulary = language_vocab.vocabulary()
    names: dict[str, list[str]] = {code: [] for code in vocabulary}
    for code, lang in vocabulary.items():
        for name in (lang.english, lang.autonym):
            # A name two codes share ("Filipino") is the code the wizard reads it as.
            names[language_vocab.find(name) or code].append(name)
    for alias, code in language_vocab.ALIASES.items():
        names[code].append(alias)
    for code, extra in aliases.items():
        if code not in vocabulary:
            b.problem(file, f"aliases {code}", "is not a language code of discovery/vocab")
            continue
        for name in extra if _strings(extra) else ():
            read = language_vocab.find(name)
            if read is not None and read != code:
                b.problem(
                    file, f"aliases {code}", f"{name!r} is {read!r} in discovery/vocab", E_DUPLICATE
                )
                continue
            names[code].append(name)
    for code, spoken in names.items():
        entry_label = language_vocab.english_name(code)
        for name in dict.fromkeys(spoken):
            if fold(name) in ignore and name not in aliases.get(code, ()):
                continue
            entry = Entry("language", code, entry_label, "language", fuzzy=len(name) >= 7)
            b.names.add(name, entry, exact=name in exact)
    people = PhraseIndex()
    for word in speakers:
        people.add(word, Entry("speakers", word, word))
    demonym_index = PhraseIndex()
    for code, words in demonyms.items():
        if code not in vocabulary or not _strings(words):
            b.problem(
                file, f"demonyms {code}", "must be a language code of discovery/vocab and its words"
            )
            continue
        for word in words:
            demonym_index.add(
                word, Entry("language", code, language_vocab.english_name(code), "language")
            )
    return _Languages(len(vocabulary), people, demonym_index)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _fuzzy_index(names: PhraseIndex) -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for key, phrases in names.joined.items():
        if len(key) < FUZZY_MIN or not key.isalpha() or not key.isascii():
            continue
        if not all(p.entry.fuzzy and p.entry.category != "channel" for p in phrases):
            continue
        for variant in (key, *_deletes(key)):
            index.setdefault(variant, set()).add(key)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def _load_all() -> tuple[Gazetteer | None, list[GazetteerProblem]]:
    b = _Build()
    raw = {name: _load(name, b.problems) for name in FILES}
    if any(p.check_id == E_LOAD for p in b.problems):
        return None, b.problems
    classes, n_systems = _systems(raw["systems.yaml"], b)
    by_class, class_words = _by_class(raw["systems.yaml"], classes, b)
    n_obligations = _obligations(raw["obligations.yaml"], b)
    n_channels = _channels(raw["channels.yaml"], b)
    hours, zones, zone_phrases = _hours(raw["hours.yaml"], b)
    quantities = _quantities(raw["quantities.yaml"], b)
    cues = _negation(raw["negation.yaml"], b)
    places, not_language_after = _places(raw["places.yaml"], b)
    languages = _languages(raw["languages.yaml"], b)
    retention = _retention_said(raw["obligations.yaml"], b)
    deadline = _deadline_said(raw["obligations.yaml"], b)
    visits = _visits(raw["channels.yaml"], b)
    alerts = _alerts(raw["channels.yaml"], b, classes)
    not_channel_before = _not_channel_before(raw["channels.yaml"], b)
    hand_over, hand_over_places = _hand_over(raw["hours.yaml"], places, b)
    window = raw["obligations.yaml"].get("residency_window", 8)
    if not isinstance(window, int) or window < 1:
        b.problem("obligations.yaml", "residency_window", "must be a positive number of words")
        window = 8
    guard_path = DATA_DIR / "fuzzy_guard.txt"
    guard = (
        frozenset(
            line.strip()
            for line in guard_path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        )
        if guard_path.exists()
        else frozenset()
    )
    if b.problems:
        return None, b.problems
    gazetteer = Gazetteer(
        version=VERSION,
        names=b.names,
        places=places,
        cues=cues,
        units=quantities["units"],
        number_words=quantities["numbers"],
        fuzzy=_fuzzy_index(b.names),
        fuzzy_guard=guard,
        hours=hours,
        time_zones=zones,
        ambiguous_zones=_ambiguous_zones(raw["hours.yaml"], zones, b),
        time_zone_phrases=zone_phrases,
        scale_words=quantities["scale"],
        currencies=quantities["currencies"],
        measures=quantities["measures"],
        not_language_after=not_language_after,
        not_channel_before=not_channel_before,
        speakers=languages.speakers,
        demonyms=languages.demonyms,
        residency_window=window,
        system_classes=classes,
        by_class=by_class,
        class_words=class_words,
        class_firsts=frozenset(fold(w.split()[0]) for w in class_words),
        retention=retention,
        deadline=deadline,
        visits=visits,
        alerts=alerts,
        hand_over=hand_over,
        hand_over_places=hand_over_places,
        hand_over_arrows=tuple(raw["hours.yaml"].get("hand_over", {}).get("arrows") or ()),
        bare_units=quantities["bare"],
        bare_before=quantities["bare_before"],
        people_when=quantities["people_when"],
        checked={name: str(raw[name].get("checked")) for name in FILES},
        sizes={
            "systems": n_systems,
            "system names": sum(
                1 for ps in b.names.by_first.values() for p in ps if p.entry.category == "system"
            ),
            "obligations": n_obligations,
            "languages": languages.count,
            "channels": n_channels,
            "hours patterns": len(hours),
        },
    )
    return gazetteer, []


@functools.cache
def _cached() -> tuple[Gazetteer | None, tuple[GazetteerProblem, ...]]:
    gazetteer, problems = _load_all()
    return gazetteer, tuple(problems)


def gazetteer_problems() -> list[GazetteerProblem]:
    return list(_cached()[1])


def gazetteer() -> Gazetteer:
    """The compiled gazetteer (built once per process)."""
    compiled, problems = _cached()
    if compiled is None:
        raise GazetteerInvalid(problems)
    return compiled
