"""The extractor: a client's free text in, what it names out.

Pure: no ORM, no request, no clock, no randomness. `extract(text)` reads one answer and
returns its findings in text order. Each `Finding` carries its category (system,
obligation, language, channel, hours, quantity), the normalized value ("zendesk",
"data_residency:CA", "es", "phone", "24x7", "6500 contacts/month"), a label to show, a
group (the system's class, the obligation's kind, the quantity's measure), the exact span
in the text as typed, the sentence it sits in, and whether the mention is negated ("we
don't use Zendesk any more", "no phone support"). A negated finding says "not used /
being replaced"; it never becomes a positive suggestion.

Pasted HTML is read as text (tags are blanked, offsets kept); misspellings of names of six
letters or more are matched at one typo; names are matched in any case except those the
gazetteer marks exact ("Teams", "Polish"). One finding per value and sentence. The
gazetteer is compiled once per process; a 2,000-character answer takes about a millisecond
(bench/extract_bench.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .gazetteer import (
    Alerts,
    DeadlineSaid,
    Entry,
    Gazetteer,
    Phrase,
    PhraseIndex,
    RetentionSaid,
    Visits,
    gazetteer,
    zone_cities,
)
from .text import Token, fold, neutralize_html, sentence_spans, tokens

NEGATION_SCOPE = 8  # words a "not" / "no longer" reaches forward
AFTER_SCOPE = 3  # words between a mention and an "any more" after it
FUZZY_MIN = 6
CLAUSE_PUNCTUATION = re.compile(r"[,;:()!?\[\]{}|]")
_DIGIT_RE = re.compile(r"\d")
TIME_UNITS = ("s", "min", "h", "days", "weeks", "months", "years")


@dataclass(slots=True)  # not frozen: built for every sentence, and frozen init is slower
class Finding:
    category: str
    value: str
    label: str
    group: str
    start: int  # span in the text as typed
    end: int
    text: str  # text[start:end]
    sentence: str  # the sentence, markup removed and spaces collapsed
    sentence_start: int
    sentence_end: int
    negated: bool = False
    number: float | None = None
    unit: str = ""
    # The sentence as it stands in the text (markup blanked, spacing kept), so that
    # `start - sentence_start` indexes it: rows built from a sentence read around a mention.
    passage: str = ""

    @property
    def key(self) -> tuple[str, str, bool]:
        return (self.category, self.value, self.negated)


@dataclass(slots=True)
class _Hit:
    category: str
    value: str
    label: str
    group: str
    start: int  # offsets in the text
    end: int
    first: int  # token indexes in the text, [first, last)
    last: int
    number: float | None = None
    unit: str = ""
    negated: bool = False


@dataclass(slots=True)
class _Doc:
    clean: str
    toks: list[Token]
    starts: list[int]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        first = bisect_left(self.starts, start)
        if first > 0 and self.toks[first - 1].end > start:
            first -= 1
        last = max(bisect_left(self.starts, end), first + 1)
        return first, last


SENTENCE_CACHE = 20_000  # sentences remembered per process (typing changes one at a time)


def extract(text: str, gaz: Gazetteer | None = None) -> tuple[Finding, ...]:
    """Every finding in `text`, in order of appearance, one per value and sentence."""
    if not text or not text.strip():
        return ()
    gaz = gaz or gazetteer()
    clean = neutralize_html(text)
    findings: list[Finding] = []
    for s_start, s_end in sentence_spans(clean):
        part = clean[s_start:s_end]
        hits = gaz.cache.get(part)
        if hits is None:
            # Extraction reads one sentence at a time (negation, residency and measures
            # never look past it), so an unchanged sentence is not read twice.
            if len(gaz.cache) >= SENTENCE_CACHE:
                gaz.cache.clear()
            hits = gaz.cache[part] = _read_sentence(part, gaz)
        if not hits:
            continue
        sentence = " ".join(part.split())
        for hit in hits:
            start, end = s_start + hit.start, s_start + hit.end
            findings.append(
                Finding(
                    category=hit.category,
                    value=hit.value,
                    label=hit.label,
                    group=hit.group,
                    start=start,
                    end=end,
                    text=text[start:end],
                    sentence=sentence,
                    sentence_start=s_start,
                    sentence_end=s_end,
                    negated=hit.negated,
                    number=hit.number,
                    unit=hit.unit,
                    passage=part,
                )
            )
    return tuple(findings)


def _read_sentence(part: str, gaz: Gazetteer) -> tuple[_Hit, ...]:
    """The hits of one sentence, offsets relative to it, one per value."""
    toks = tokens(part)
    if not toks:
        return ()
    doc = _Doc(part, toks, [t.start for t in toks])
    hits = _sentence(doc, 0, len(toks), _hours_regex(doc, gaz), _numbers(doc, gaz), gaz)
    seen: set[tuple[str, str, bool]] = set()
    out = []
    for hit in hits:
        key = (hit.category, hit.value, hit.negated)
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return tuple(out)


def _sentence(
    doc: _Doc,
    first: int,
    last: int,
    hours: list[_Hit],
    numbers: list[tuple[int, int, float, float | None, str]],
    gaz: Gazetteer,
) -> list[_Hit]:
    names = [
        h
        for h in _names(doc, first, last, gaz)
        if not _not_a_language(h, doc, last, gaz) and not _not_a_channel(h, doc, last, gaz)
    ]
    names = _demonyms(names, doc, first, last, gaz)
    hours = hours + _phrases(doc, first, last, gaz.time_zone_phrases, "time_zone")
    kept = _without_overlaps(names, _without_overlaps(hours, []))
    # "Black Friday weekend", "the Easter weekend": the event's days, not the weekend's
    # cover.
    kept = [
        h
        for h in kept
        if not (
            h.value == "weekends"
            and any(
                k.value == "seasonal"
                and k.end <= h.start
                and not doc.clean[k.end : h.start].strip()
                for k in kept
            )
        )
    ]
    # A system named inside a channel's phrase ("Google Play reviews") is both.
    kept = sorted(
        kept
        + [
            h
            for h in names
            if h.category == "system"
            and h not in kept
            and any(k.category == "channel" and k.start <= h.start and h.end <= k.end for k in kept)
        ],
        key=lambda h: h.start,
    )
    kept = sorted(kept + _named_by_class(doc, first, last, kept, gaz), key=lambda h: h.start)
    if gaz.alerts is not None:
        kept = sorted(kept + _alerts(doc, first, last, kept, gaz.alerts), key=lambda h: h.start)
    # A channel named inside a quantity ("800 emails a week") is both.
    quantities = [
        q
        for q in _quantities(doc, first, last, numbers, gaz)
        if not any(q.start < k.end and k.start < q.end for k in kept if k.category != "channel")
    ]
    if gaz.retention is not None and any(q.unit in _SPANS_OF_TIME for q in quantities):
        kept += _retention_said(doc, first, last, quantities, gaz.retention)
    if gaz.deadline is not None and any(q.unit in _DEADLINE_UNITS for q in quantities):
        quantities = _deadlines_said(doc, first, last, quantities, numbers, kept, gaz.deadline)
    if gaz.visits is not None and not any(h.value == gaz.visits.entry.value for h in kept):
        kept += _visits(doc, first, last, quantities, gaz.visits)
    hits = sorted(kept + quantities, key=lambda h: (h.start, -h.end))
    if any(h.category != "quantity" for h in hits):
        _negate(hits, doc, first, last, gaz)
        if any(h.value == "data_residency" for h in hits):
            _residency(hits, doc, first, last, gaz)
    return hits


# --- names ----------------------------------------------------------------------------------

_NOT_A_NAME = frozenset(
    ["the", "our", "we", "it", "this", "that", "they", "their", "its", "my", "a", "an", "i"]
)


def _named_by_class(
    doc: _Doc, first: int, last: int, kept: Sequence[_Hit], gaz: Gazetteer
) -> list[_Hit]:
    """A system the gazetteer does not know, named beside its class ("Atlas (our in-house
    ERP)", "our billing system, Ledgerly,"): `named:<name>` of that class. A name the
    gazetteer knows, or any other finding in its place, stays what it is."""
    if not gaz.by_class or first >= last:
        return []
    firsts = gaz.class_firsts
    if not any(t.norm in firsts for t in doc.toks[first:last]):
        return []
    text = doc.clean
    lo = doc.toks[first].start
    hi = doc.toks[last].start if last < len(doc.toks) else len(text)  # closing brackets too
    out: list[_Hit] = []
    for pattern in gaz.by_class:
        for m in pattern.finditer(text, lo, hi):
            start, end = m.span("name")
            name = " ".join(text[start:end].split())
            if name.split()[0].casefold() in _NOT_A_NAME:
                continue
            if any(h.start < end and start < h.end for h in (*kept, *out)):
                continue
            cls = gaz.class_words.get(" ".join(m.group("cls").casefold().split()))
            if cls is None:
                continue
            slug = re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")
            if not slug:
                continue
            i, j = doc.token_range(start, end)
            out.append(_Hit("system", f"named:{slug}", name, cls, start, end, i, j))
    return out


def _match_at(
    index: PhraseIndex, toks: Sequence[Token], i: int, last: int
) -> tuple[Phrase, int] | None:
    """The longest phrase of `index` starting at token i (before `last`), and the token
    after it."""
    best: tuple[Phrase, int] | None = None
    candidates = index.by_first.get(toks[i].norm)
    if candidates:
        for phrase in candidates:  # longest first
            words = phrase.words
            n = len(words)
            if i + n > last:
                continue
            if n > 1:
                # Every word but the last as written; the last may carry one typo.
                k = 1
                while k < n - 1 and toks[i + k].norm == words[k]:
                    k += 1
                if k < n - 1:
                    continue
                word = toks[i + k].norm
                if word != words[k] and not _typo_of(word, words[k], k, n):
                    continue
            if phrase.exact is not None and any(
                toks[i + k].raw != phrase.exact[k] for k in range(n)
            ):
                continue
            best = (phrase, i + n)
            break
    if index.joinable and toks[i].norm in index.prefixes:
        # Spacing typed differently: "zen desk" for Zendesk, "servicenow" for ServiceNow.
        joined = toks[i].norm
        for j in range(i + 1, min(i + 4, last + 1)):
            if j > i + 1:
                if toks[j - 1].start - toks[j - 2].end > 1:
                    break
                if len(toks[j - 1].norm) < 3 or len(toks[i].norm) < 3:
                    break  # "plug-in for" is not Infor: pieces are words, not letters
                joined += toks[j - 1].norm
                if joined not in index.prefixes:
                    break
            found = index.joined.get(joined)
            if found and (best is None or j > best[1]):
                best = (found[0], j)
    return best


def _typo_of(word: str, want: str, k: int, n: int) -> bool:
    """ "Jira Service Managment": the last word of a name of several words, its first
    words typed right, may carry one typo when it is long enough to be unmistakable, and
    the word typed too ("the state cloud" is not "the states")."""
    return (
        k == n - 1
        and min(len(want), len(word)) >= FUZZY_MIN
        and word.isalpha()
        and _one_edit(word, want)
    )


def _phrases(doc: _Doc, first: int, last: int, index: PhraseIndex, group: str) -> list[_Hit]:
    hits = []
    starts, joinable, prefixes = index.by_first, index.joinable, index.prefixes
    toks = doc.toks
    i = first
    while i < last:
        norm = toks[i].norm
        if norm not in starts and not (joinable and norm in prefixes):
            i += 1
            continue
        match = _match_at(index, doc.toks, i, last)
        if match is None:
            i += 1
            continue
        phrase, j = match
        e = phrase.entry
        hits.append(
            _Hit(
                e.category,
                e.value,
                e.label,
                group or e.group,
                doc.toks[i].start,
                doc.toks[j - 1].end,
                i,
                j,
            )
        )
        i = j
    return hits


def _systems_inside(doc: _Doc, i: int, j: int, index: PhraseIndex) -> list[_Hit]:
    """The systems a channel's phrase names ("Google Play reviews", "Steam reviews")."""
    out = []
    for k in range(i, j):
        sub = _match_at(index, doc.toks, k, j - 1 if k == i else j)
        if sub is not None and sub[0].entry.category == "system":
            e, end = sub[0].entry, sub[1]
            tok = doc.toks
            out.append(
                _Hit(
                    e.category,
                    e.value,
                    e.label,
                    e.group,
                    tok[k].start,
                    tok[end - 1].end,
                    k,
                    end,
                )
            )
    return out


def _names(doc: _Doc, first: int, last: int, gaz: Gazetteer) -> list[_Hit]:
    toks = doc.toks
    hits: list[_Hit] = []
    names = gaz.names
    i = first
    while i < last:
        norm = toks[i].norm
        match = None
        if norm in names.by_first or norm in names.prefixes:
            match = _match_at(names, toks, i, last)
        if match is None:
            match = _fuzzy_at(toks, i, gaz)
        if match is None:
            i += 1
            continue
        phrase, j = match
        e = phrase.entry
        hits.append(
            _Hit(e.category, e.value, e.label, e.group, toks[i].start, toks[j - 1].end, i, j)
        )
        if e.category == "channel" and j - i > 1:
            hits.extend(_systems_inside(doc, i, j, names))
        i = j
    return hits


def _fuzzy_at(toks: list[Token], i: int, gaz: Gazetteer) -> tuple[Phrase, int] | None:
    word = toks[i].norm
    if len(word) < FUZZY_MIN or not word.isascii() or not word.isalpha():
        return None
    if word in gaz.fuzzy_guard or (len(word) < 7 and not toks[i].capitalized):
        return None  # an ordinary word, or a short lower-case one: not a typo of a name
    phrase = gaz.fuzzy_seen.get(word, _UNSEEN)
    if phrase is _UNSEEN:
        phrase = gaz.fuzzy_seen[word] = _nearest(word, gaz)
    return (phrase, i + 1) if phrase is not None else None


_UNSEEN: Any = object()


def _nearest(word: str, gaz: Gazetteer) -> Phrase | None:
    """The one name `word` is a typo of, or None (none, or more than one)."""
    keys: set[str] = set(gaz.fuzzy.get(word, ()))
    for k in range(len(word)):
        keys.update(gaz.fuzzy.get(word[:k] + word[k + 1 :], ()))
    entries: dict[Entry, Phrase] = {}
    for key in keys:
        if key != word and _one_edit(word, key):
            for phrase in gaz.names.joined[key]:
                entries.setdefault(phrase.entry, phrase)
    if len(entries) != 1:
        return None
    return next(iter(entries.values()))


def _one_edit(a: str, b: str) -> bool:
    """Within one insertion, deletion, substitution or swap of neighbours."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    k = 0
    while k < len(short) and short[k] == long[k]:
        k += 1
    return short[k:] == long[k + 1 :]


def _not_a_language(hit: _Hit, doc: _Doc, last: int, gaz: Gazetteer) -> bool:
    """ "German law", "Spanish subsidiary": the place, not the language."""
    if hit.category != "language" or hit.last >= last:
        return False
    nxt = doc.toks[hit.last].norm
    if nxt in gaz.not_language_after:
        return True
    return hit.last + 1 < last and f"{nxt} {doc.toks[hit.last + 1].norm}" in gaz.not_language_after


def _not_a_channel(hit: _Hit, doc: _Doc, last: int, gaz: Gazetteer) -> bool:
    """ "the Regulator of Social Housing", "social care": a name or a service, not the
    social-media channel."""
    if hit.category != "channel" or hit.last >= last:
        return False
    after = gaz.not_channel_before.get(" ".join(tok.norm for tok in doc.toks[hit.first : hit.last]))
    return after is not None and doc.toks[hit.last].norm in after


def _demonyms(names: list[_Hit], doc: _Doc, first: int, last: int, gaz: Gazetteer) -> list[_Hit]:
    """ "Mexican customers", "Irish callers": the language the people named are served in.
    A demonym counts only before a people noun; it wins over a language of the same name."""
    toks = doc.toks
    index = gaz.demonyms
    if not any(toks[i].norm in index.by_first for i in range(first, last)):
        return names
    out = list(names)
    for hit in _phrases(doc, first, last, index, "language"):
        if hit.last >= last or _match_at(gaz.speakers, toks, hit.last, last) is None:
            continue
        same = [h for h in out if h.start == hit.start and h.end == hit.end]
        if any(h.category != "language" for h in same) or any(
            h.start < hit.end and hit.start < h.end and (h.start, h.end) != (hit.start, hit.end)
            for h in out
        ):
            continue
        out = [h for h in out if h not in same] + [hit]
    return sorted(out, key=lambda h: h.start)


def _without_overlaps(first: list[_Hit], second: list[_Hit]) -> list[_Hit]:
    """Longest spans win; on a tie, the earlier list."""
    if not second and len(first) < 2:
        return first
    ranked = sorted(
        [(h, 0) for h in first] + [(h, 1) for h in second],
        key=lambda p: (-(p[0].end - p[0].start), p[1], p[0].start),
    )
    kept: list[_Hit] = []
    for hit, _ in ranked:
        if not any(hit.start < k.end and k.start < hit.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


# --- hours ----------------------------------------------------------------------------------

_TIME = r"(?:[01]?\d|2[0-4])(?:[:.h][0-5]\d)?\s*(?:am|pm|a\.m\.|p\.m\.|h|hrs)?"
_RANGE_RE = re.compile(
    rf"(?<![\w:.])(?P<from>from\s+)?(?P<a>{_TIME})\s*(?:-|–|—|to|until|till|through|bis)\s*(?P<b>{_TIME})(?![\w:])",
    re.IGNORECASE,
)
_TIME_PART_RE = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?", re.IGNORECASE)
_ZONE_RE = re.compile(
    r"(?<![\w/])(?:(?P<utc>(?:UTC|GMT)\s?[+−-]\s?\d{1,2}(?::?\d{2})?)"
    r"|(?P<iana>(?:Europe|America|Asia|Africa|Australia|Pacific|Atlantic|Indian)/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?)"
    r"|(?P<abbr>[A-Z]{2,5}))(?![\w/])"
)


_CLOCK_NEAR_RE = re.compile(r"\d(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|h)?\s*$", re.IGNORECASE)


def _clock(text: str) -> str | None:
    match = _TIME_PART_RE.match(text.strip())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    half = (match.group(3) or "").lower()
    if half.startswith("p") and hour < 12:
        hour += 12
    if half.startswith("a") and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}" if hour <= 24 else None


def _afternoon(a: str, b: str) -> str:
    """The end of a working day said without am/pm ("7:30 to 4", "8 to 8", "9-5:30") is
    in the afternoon: an end at or before the start, on a 12-hour clock, gets 12 hours."""
    if re.search(r"[ap]\.?m", b, re.IGNORECASE) or re.search(r"p\.?m", a, re.IGNORECASE):
        return b
    start, end = _TIME_PART_RE.match(a.strip()), _TIME_PART_RE.match(b.strip())
    if start is None or end is None:
        return b
    hour_a, hour_b = int(start.group(1)), int(end.group(1))
    if (
        hour_b < 12
        and hour_a <= 12
        and (hour_b, int(end.group(2) or 0))
        <= (
            hour_a,
            int(start.group(2) or 0),
        )
    ):
        return f"{hour_b + 12}:{end.group(2) or '00'}"
    return b


def _day_span(m: re.Match[str], clean: str, gaz: Gazetteer) -> bool:
    """ "8 to 8", "7 till 6": two bare hours joined by a word, the second at or before the
    first, and no unit after them ("5 to 3 agents" is a count) can only be a working day;
    joined by a dash ("8-6"), the second before a morning first."""
    sep = clean[m.end("a") : m.start("b")].strip().lower()
    a, b = int(m.group("a")), int(m.group("b"))
    after = re.match(r"\s*([A-Za-z]+)", clean[m.end() :])
    unit = after is not None and fold(after.group(1)) in gaz.units.by_first
    if sep in ("-", "–"):
        # "one team in Leeds, 8-6": a morning hour to an earlier-numbered one is a day's
        # hours; "5-7" or "2-3" stay numbers.
        return 6 <= a <= 11 and 1 <= b < a and not unit
    if sep not in ("to", "until", "till"):
        return False
    return 5 <= a <= 12 and 1 <= b <= a and not unit


_DAY_BEFORE_RE = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?s?\.?\s*$"
    r"|\b(?:week\s*days?|weekends?|hrs|hours)\s*(?:are\s*|:\s*)?$",
    re.IGNORECASE,
)
_ZONE_AFTER_RE = re.compile(r"\s*([A-Z]{2,5})\b")


def _said_as_hours(m: re.Match[str], clean: str, gaz: Gazetteer) -> bool:
    """ "Sat 10-2", "hrs are 8-8", "8-8 CST": a bare range of hours after a day or the
    word hours, or before a time zone, is a working day's hours."""
    a, b = int(m.group("a")), int(m.group("b"))
    if not (1 <= a <= 12 and 1 <= b <= 12):
        return False
    if _DAY_BEFORE_RE.search(clean, max(0, m.start() - 14), m.start()):
        return True
    zone = _ZONE_AFTER_RE.match(clean, m.end())
    return zone is not None and zone.group(1) in gaz.time_zones


_ARROW_SPLIT_RE = re.compile(r"\s*[^\w\s'’.]+\s*")


def hand_over_chain(text: str, gaz: Gazetteer | None = None) -> list[str]:
    """The names of the first follow-the-sun hand-over written with arrows in `text`, in
    the order the work passes ("Sydney -> Dublin -> Denver"), or [] when there is none."""
    gaz = gaz or gazetteer()
    if gaz.hand_over is None or not any(a in text for a in gaz.hand_over_arrows):
        return []
    for m in gaz.hand_over.finditer(text):
        if _places_in_chain(m.group(0), gaz) >= 2:
            return [n.strip() for n in _ARROW_SPLIT_RE.split(m.group(0)) if n.strip()]
    return []


def _places_in_chain(chain: str, gaz: Gazetteer) -> int:
    """How many names of an arrow chain are places ("Sydney -> Dublin -> Denver": 3; "In
    Sydney" counts by its last words)."""
    count = 0
    for name in _ARROW_SPLIT_RE.split(chain):
        words = fold(name).split()
        tails = [" ".join(words[k:]) for k in range(len(words))]
        if any(t in gaz.hand_over_places or t in zone_cities() for t in tails):
            count += 1
    return count


def _hours_regex(doc: _Doc, gaz: Gazetteer) -> list[_Hit]:
    clean = doc.clean
    hits: list[_Hit] = []

    def add(start: int, end: int, value: str, label: str, group: str) -> None:
        first, last = doc.token_range(start, end)
        hits.append(_Hit("hours", value, label, group, start, end, first, last))

    lower = clean.lower()
    digits = _DIGIT_RE.search(clean) is not None
    for regex, entry, word in gaz.hours:
        if word and word not in lower:
            continue
        if not word and not digits and regex.pattern[8:9].isdigit():
            continue
        for m in regex.finditer(clean):
            add(m.start(), m.end(), entry.value, entry.label, "hours")
    if gaz.hand_over is not None and any(a in clean for a in gaz.hand_over_arrows):
        for m in gaz.hand_over.finditer(clean):
            if _places_in_chain(m.group(0), gaz) >= 2:
                add(m.start(), m.end(), "follow_the_sun", "follow the sun", "hours")
    for m in _RANGE_RE.finditer(clean):
        a, b = m.group("a"), m.group("b")
        marked = re.search(r"[:.h]|[ap]\.?m", a + b, re.IGNORECASE)
        if (
            not marked
            and not m.group("from")
            and not _day_span(m, clean, gaz)
            and not _said_as_hours(m, clean, gaz)
        ):
            continue  # "5-7" is a range of numbers, not of hours
        start, end = _clock(a), _clock(_afternoon(a, b))
        if start and end and start != end:
            add(m.start(), m.end(), f"{start}-{end}", f"{start}–{end}", "time_range")
    for m in _ZONE_RE.finditer(clean):
        if m.group("abbr") and m.group("abbr") not in gaz.time_zones:
            continue
        if m.group("abbr") in gaz.ambiguous_zones and not _CLOCK_NEAR_RE.search(
            clean, max(0, m.start() - 24), m.start()
        ):
            continue  # "an ICT third party": an acronym, not Indochina Time
        value = re.sub(r"\s", "", m.group(0)).replace("−", "-")
        add(m.start(), m.end(), f"tz:{value}", value, "time_zone")
    return hits


# --- quantities -----------------------------------------------------------------------------

_NUMBER_RE = re.compile(
    r"(?<![\w.,/:])(?P<cur>US\$|R\$|A\$|C\$|[$€£¥₹])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s*(?:-|–|to)\s*(?P<num2>\d+(?:[.,]\d+)?))?"
    r"(?P<scale>\s?(?:k|K|mil|thousand|million|mn|bn|billion)(?!\w))?"
)
_ATTACHED_RE = re.compile(r"(?P<unit>x|×|%|min|mins|h|hrs?|s|secs?|d)(?![\w%])", re.IGNORECASE)
_ATTACHED_UNITS = {
    "x": "x",
    "×": "x",
    "%": "%",
    "min": "min",
    "mins": "min",
    "h": "h",
    "hr": "h",
    "hrs": "h",
    "s": "s",
    "sec": "s",
    "secs": "s",
    "d": "days",
}
_COUNTABLE = frozenset(
    {
        "contacts",
        "calls",
        "emails",
        "chats",
        "agents",
        "seasonal agents",
        "users",
        "companies",
        "sites",
    }
)
_SKIPPABLE_STOP = frozenset(
    [
        "of",
        "in",
        "on",
        "at",
        "to",
        "per",
        "a",
        "an",
        "the",
        "and",
        "or",
        "for",
        "by",
        "with",
        "from",
        "is",
        "was",
        "our",
        "their",
        "its",
        "we",
    ]
)


def _number(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", "."))


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def _numbers(doc: _Doc, gaz: Gazetteer) -> list[tuple[int, int, float, float | None, str]]:
    """(start, end, number, upper end of a range, currency) of every number in the text."""
    out: list[tuple[int, int, float, float | None, str]] = []
    for m in _NUMBER_RE.finditer(doc.clean):
        n = _number(m.group("num"))
        n2 = _number(m.group("num2")) if m.group("num2") else None
        factor = gaz.scale_words.get((m.group("scale") or "").strip().lower(), 1.0)
        currency = gaz.currencies.get((m.group("cur") or "").lower(), "")
        start = m.start("cur") if m.group("cur") else m.start("num")
        out.append((start, m.end(), n * factor, n2 * factor if n2 is not None else None, currency))
    return out


def _quantities(
    doc: _Doc,
    first: int,
    last: int,
    numbers: list[tuple[int, int, float, float | None, str]],
    gaz: Gazetteer,
) -> list[_Hit]:
    toks, clean = doc.toks, doc.clean
    words = _phrases(doc, first, last, gaz.number_words, "")
    numbers = numbers + [
        (h.start, h.end, float(h.value), None, "") for h in words if h.category == "number"
    ]
    hits: list[_Hit] = []
    # "doubles", "tripled": a peak said as a verb, the multiple with no number before it.
    for h in words:
        if h.category == "multiplier":
            n = float(h.value)
            measure = _measure("x", "", toks, first, last, gaz)
            hits.append(
                _Hit(
                    "quantity",
                    _quantity_value(n, None, "x", ""),
                    _quantity_label(n, None, "x", ""),
                    measure,
                    h.start,
                    h.end,
                    h.first,
                    h.last,
                    n,
                    "x",
                )
            )
    if not numbers:
        return hits
    numbers = sorted(numbers)
    # "six in ten contacts", "1 out of 4 calls": a share, not a count of ten contacts.
    fractions: set[int] = set()
    for k in range(len(numbers) - 1):
        a, b = numbers[k], numbers[k + 1]
        if (
            k not in fractions
            and _FRACTION_RE.fullmatch(clean, a[1], b[0])
            and a[3] is None
            and b[3] is None
            and not a[4]
            and 0 < a[2] < b[2] <= 1000
            and not _time_after(b[1], doc, last, gaz)
        ):
            fractions.update((k, k + 1))
            share = round(100 * a[2] / b[2], 1)
            t_first, t_last = doc.token_range(a[0], b[1])
            hits.append(
                _Hit(
                    "quantity",
                    _quantity_value(share, None, "%", ""),
                    _quantity_label(share, None, "%", ""),
                    _measure("%", "", toks, first, last, gaz),
                    a[0],
                    b[1],
                    t_first,
                    t_last,
                    share,
                    "%",
                )
            )
    for k, (start, end, n, n2, currency) in enumerate(numbers):
        if k in fractions:
            continue
        unit, period, u_end = "", "", end
        attached = _ATTACHED_RE.match(clean, end)
        if attached and (clean[end : end + 1] != " " or attached.group("unit") == "%"):
            unit = _ATTACHED_UNITS[attached.group("unit").lower()]
            u_end = attached.end()
        after = bisect_left(doc.starts, u_end)
        if not unit:
            found = _unit_after(toks, after, last, gaz, clean)
            # "chat 1,500, email 900": a unit past a comma belongs to the next number.
            if found is not None and not _PAUSE_RE.search(clean, u_end, toks[found[1] - 1].start):
                unit, after = found
                u_end = toks[after - 1].end
                people = gaz.people_when.get(toks[after - 1].norm)
                if people and any(tok.norm in people for tok in toks):
                    unit = "users"  # a landlord's "31,000 tenants" are people
        if currency:
            unit = currency  # "$25 per agent": an amount, whatever follows
        if not unit:
            continue
        if after < last:
            match = _match_at(gaz.units, toks, after, last)
            if match is not None and match[0].entry.category == "period":
                period = match[0].entry.value
                u_end = toks[match[1] - 1].end
        value = _quantity_value(n, n2, unit, period)
        label = _quantity_label(n, n2, unit, period)
        number = n if n2 is None else (n + n2) / 2
        t_first, t_last = doc.token_range(start, u_end)
        measure = _measure(unit, period, toks, first, last, gaz)
        hits.append(
            _Hit("quantity", value, label, measure, start, u_end, t_first, t_last, number, unit)
        )
    return _without_overlaps(hits, [])


_PAUSE_RE = re.compile(r"[,;:()]")
_TIME_UNITS = frozenset({"s", "min", "h", "days", "weeks", "months", "years"})


def _time_after(end: int, doc: _Doc, last: int, gaz: Gazetteer) -> bool:
    """A duration after the second number ("40 in 60 seconds"): a rate, not a share."""
    found = _unit_after(doc.toks, bisect_left(doc.starts, end), last, gaz, doc.clean)
    return found is not None and found[0] in _TIME_UNITS


_FRACTION_RE = re.compile(r"\s+(?:in|out\s+of)\s+", re.IGNORECASE)


def _unit_after(
    toks: list[Token], k: int, last: int, gaz: Gazetteer, clean: str
) -> tuple[str, int] | None:
    """The unit said after a number at token k, over at most two words between ("40
    permanent agents", "12 on-site technicians"; a hyphenated word counts as one)."""
    i = k
    for _ in range(3):
        if i >= last:
            return None
        match = _match_at(gaz.units, toks, i, last)
        if match is not None and match[0].entry.category == "unit":
            unit, end = match[0].entry.value, match[1]
            if i > k and unit not in _COUNTABLE:
                return None
            if match[0].words[-1] in gaz.bare_units and not _bare_ends(toks, end, last, gaz, clean):
                return None
            return unit, end
        token = toks[i]
        if not token.raw.isalpha() or not token.raw.islower():
            return None
        joined = (
            i + 1 < last
            and clean[token.end : toks[i + 1].start] == "-"
            and toks[i + 1].raw.isalpha()
            and toks[i + 1].raw.islower()
        )
        if token.norm in _SKIPPABLE_STOP and not joined:
            return None
        i += 2 if joined else 1
    return None


def _bare_ends(toks: list[Token], end: int, last: int, gaz: Gazetteer, clean: str) -> bool:
    """An adjective said as the unit ("60 seasonal") stands alone: before a pause, the
    sentence's end, a number or one of the words it may stand before."""
    if end >= last or _PAUSE_RE.search(clean, toks[end - 1].end, toks[end].start):
        return True
    nxt = toks[end]
    return nxt.norm in gaz.bare_before or not nxt.raw.isalpha()


def _quantity_value(n: float, n2: float | None, unit: str, period: str) -> str:
    number = _fmt(n) if n2 is None else f"{_fmt(n)}-{_fmt(n2)}"
    if unit == "x":
        return f"{number}x" + (f"/{period}" if period else "")
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}" + (f"/{period}" if period else "")


_UNIT_WORDS = {"s": "s", "min": "min", "h": "h", "x": "×", "%": "%"}


def _quantity_label(n: float, n2: float | None, unit: str, period: str) -> str:
    """As a person writes it: "6,500 contacts a month", "7 min", "10×", "40%"."""

    def text(x: float) -> str:
        return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")

    number = text(n) if n2 is None else f"{text(n)}–{text(n2)}"
    word = _UNIT_WORDS.get(unit, unit)
    amount = f"{number}{word}" if word in ("×", "%") else f"{number} {word}"
    return f"{amount} a {period}" if period else amount


def _measure(
    unit: str, period: str, toks: list[Token], first: int, last: int, gaz: Gazetteer
) -> str:
    words: list[str] | None = None
    for name, units, cues in gaz.measures:
        if unit not in units:
            continue
        if not cues:
            if name == "volume" and not period:
                return "count"
            if name == "peak" and period:
                return "frequency"
            return name
        if words is None:
            words = [t.norm for t in toks[first:last]]
        for cue in cues:
            n = len(cue)
            if any(tuple(words[k : k + n]) == cue for k in range(len(words) - n + 1)):
                return name
    return "duration" if unit in TIME_UNITS else unit


_SPANS_OF_TIME = frozenset({"days", "weeks", "months", "years"})


def _retention_said(
    doc: _Doc, first: int, last: int, quantities: Sequence[_Hit], said: RetentionSaid
) -> list[_Hit]:
    """ "We keep Gift Aid declarations for six years", "calls are recorded and kept five
    years": records retention, said with a keeping verb and what is kept before "for" and
    a duration (or a participle right before it), all in one clause; the duration is then
    the retention period."""
    toks, clean = doc.toks, doc.clean

    def pause(k: int) -> bool:  # punctuation between token k-1 and token k
        return CLAUSE_PUNCTUATION.search(clean, toks[k - 1].end, toks[k].start) is not None

    out: list[_Hit] = []
    for q in quantities:
        if q.unit not in _SPANS_OF_TIME:
            continue
        j = q.first
        for phrases in said.qualifiers.by_first.values():
            for phrase in phrases:
                n = len(phrase.words)
                if j - n >= first and tuple(t.norm for t in toks[j - n : j]) == phrase.words:
                    j -= n
                    break
            else:
                continue
            break
        j -= 1  # the word before the duration (and its qualifier)
        if j < first or pause(j + 1):
            continue
        verb: tuple[int, int] | None = None
        if toks[j].norm in said.participles:
            verb = (j, j + 1)
        elif toks[j].norm == "for":
            record = None
            for r in range(j - 1, max(first, j - 1 - said.window) - 1, -1):
                if pause(r + 1):
                    break
                if toks[r].norm in said.records:
                    record = r
                    break
            if record is None:
                continue
            for v in range(record - 1, max(first, record - said.window) - 1, -1):
                if pause(v + 1):
                    break
                match = _match_at(said.verbs, toks, v, record)
                if match is not None:
                    verb = (v, match[1])
                    break
        if verb is None:
            continue
        e = said.entry
        a, b = verb
        out.append(
            _Hit(e.category, e.value, e.label, e.group, toks[a].start, toks[b - 1].end, a, b)
        )
        q.group = "retention"
    return out


_DEADLINE_UNITS = frozenset({"h", "days", "weeks", "months"})


def _ends_with(doc: _Doc, first: int, j: int, index: PhraseIndex) -> int | None:
    """The start of a phrase of `index` that ends right before token j, or None."""
    toks = doc.toks
    for phrases in index.by_first.values():
        for phrase in phrases:
            n = len(phrase.words)
            if j - n >= first and tuple(t.norm for t in toks[j - n : j]) == phrase.words:
                return j - n
    return None


def _deadlines_said(
    doc: _Doc,
    first: int,
    last: int,
    quantities: list[_Hit],
    numbers: list[tuple[int, int, float, float | None, str]],
    kept: Sequence[_Hit],
    said: DeadlineSaid,
) -> list[_Hit]:
    """ "Stage 1 answered within 10 working days" in a sentence that names a law, a
    regulator's code or says "by law": the duration is a deadline (group `deadline`). A
    bare number after "within" that follows such a deadline ("and stage 2 within 20")
    becomes one in the same unit."""
    words = [t.norm for t in doc.toks[first:last]]
    legal = any(h.category == "obligation" and h.group in said.kinds for h in kept) or any(
        any(tuple(words[k : k + len(c)]) == c for k in range(len(words) - len(c) + 1))
        for c in said.cues
    )
    if not legal:
        return quantities
    out = list(quantities)
    previous: _Hit | None = None
    for q in sorted(quantities, key=lambda h: h.start):
        if q.unit in _DEADLINE_UNITS and _ends_with(doc, first, q.first, said.before) is not None:
            q.group = "deadline"
            previous = q
    if previous is None:
        return out
    taken = {(q.start, q.end) for q in quantities}
    deadlines = [q for q in quantities if q.group == "deadline"]
    for start, end, n, n2, currency in numbers:
        if currency or any(q.start <= start < q.end for q in quantities) or (start, end) in taken:
            continue
        k = bisect_left(doc.starts, start)
        if not (first <= k < last) or _ends_with(doc, first, k, said.before) is None:
            continue
        before = [q for q in deadlines if q.end <= start]
        if not before or n2 is not None:
            continue
        unit_of = before[-1]
        text = doc.clean[unit_of.start : unit_of.end]
        unit_words = text[text.find(" ") + 1 :] if " " in text else unit_of.unit
        value = _quantity_value(n, None, unit_of.unit, "")
        label = f"{_fmt(n)} {unit_words}"
        t_first, t_last = doc.token_range(start, end)
        out.append(
            _Hit("quantity", value, label, "deadline", start, end, t_first, t_last, n, unit_of.unit)
        )
    return sorted(out, key=lambda h: h.start)


def _pause_before(doc: _Doc, k: int) -> bool:
    """Punctuation between token k-1 and token k ends a clause; the comma or point inside
    a number ("1,800") does not."""
    a, b = doc.toks[k - 1], doc.toks[k]
    gap = doc.clean[a.end : b.start]
    if gap in (",", ".") and a.raw.isdigit() and b.raw.isdigit():
        return False
    return CLAUSE_PUNCTUATION.search(gap) is not None


def _alerts(doc: _Doc, first: int, last: int, kept: Sequence[_Hit], alerts: Alerts) -> list[_Hit]:
    """ "PRTG alerts land in the helpdesk as tickets", "alerts from NinjaOne": alerts, said
    where nothing else was read, in a clause that names a monitoring, RMM, security or fraud
    system or the desk's work (a ticket, a case, a queue, paging), are the monitoring
    channel; alerts sent to people are not ("text alerts" is SMS)."""
    toks = doc.toks
    at = [k for k in range(first, last) if toks[k].norm in alerts.words]
    if not at or any(h.value == alerts.entry.value for h in kept):
        return []
    for k in at:
        if any(h.first <= k < h.last for h in kept):
            continue  # inside another reading ("text alerts", "monitoring alert")
        lo = k
        while lo > first and not _pause_before(doc, lo):
            lo -= 1
        hi = k + 1
        while hi < last and not _pause_before(doc, hi):
            hi += 1
        named = any(
            h.category == "system" and h.group in alerts.systems and lo <= h.first < hi
            for h in kept
        )
        if named or any(_match_at(alerts.desk, toks, j, hi) is not None for j in range(lo, hi)):
            e = alerts.entry
            return [
                _Hit(e.category, e.value, e.label, e.group, toks[k].start, toks[k].end, k, k + 1)
            ]
    return []


def _visits(
    doc: _Doc, first: int, last: int, quantities: Sequence[_Hit], visits: Visits
) -> list[_Hit]:
    """ "Residents can visit 6 service points", "walk into one of our branches": a
    visiting verb, then within a few words (no pause) a count of sites or one of the
    client's places, is the in-person channel; the verb is its span."""
    toks, clean = doc.toks, doc.clean
    if not any(toks[k].norm in visits.verbs.by_first for k in range(first, last)):
        return []
    sites = {q.first for q in quantities if q.unit == "sites"}
    for verb in _phrases(doc, first, last, visits.verbs, ""):
        j = verb.first - 1
        while j >= first and toks[j].norm in visits.between:
            j -= 1
        if j >= first and toks[j].norm in visits.field:
            continue  # "we visit 30 customer sites": the team's field work
        for k in range(verb.last, min(last, verb.last + visits.window + 1)):
            if k > verb.last and CLAUSE_PUNCTUATION.search(clean, toks[k - 1].end, toks[k].start):
                break
            if k in sites or _match_at(visits.places, toks, k, last) is not None:
                e = visits.entry
                return [
                    _Hit(
                        e.category,
                        e.value,
                        e.label,
                        e.group,
                        verb.start,
                        verb.end,
                        verb.first,
                        verb.last,
                    )
                ]
    return []


# --- negation and residency -----------------------------------------------------------------


def _negate(hits: list[_Hit], doc: _Doc, first: int, last: int, gaz: Gazetteer) -> None:
    cues = [(h.first, h.last, h.category) for h in _phrases(doc, first, last, gaz.cues, "")]
    if not any(
        kind in ("cue:before", "cue:single", "cue:after", "cue:both") for _, _, kind in cues
    ):
        return
    toks, clean = doc.toks, doc.clean
    # Punctuation between two tokens always ends a clause; a breaker word ("to", "with",
    # "but") ends it only once a mention came after the cue ("moved from Zendesk to
    # Freshdesk", but "don't have to comply with HIPAA").
    stops = {
        k
        for k in range(first + 1, last)
        if CLAUSE_PUNCTUATION.search(clean, toks[k - 1].end, toks[k].start)
    }
    words = [a for a, _, kind in cues if kind == "cue:break"]
    starts = sorted(h.first for h in hits if h.category != "quantity")
    for hit in hits:
        if hit.category == "quantity":
            continue
        for a, b, kind in cues:
            before = kind in ("cue:before", "cue:single", "cue:both")
            if before and b <= hit.first and hit.first - b <= NEGATION_SCOPE:
                if any(b <= k <= hit.first for k in stops):
                    continue
                between = [m for m in starts if b <= m < hit.first]
                if kind == "cue:single" and between:
                    continue  # "instead of X we picked Y": only X
                if any(w < hit.first and any(m < w for m in between) for w in words if w >= b):
                    continue
                hit.negated = True
                break
            after = kind in ("cue:after", "cue:both")
            if (
                after
                and a >= hit.last
                and a - hit.last <= AFTER_SCOPE
                and not any(hit.last <= k <= a for k in stops)
                and not any(hit.last <= w < a for w in words)
            ):
                hit.negated = True
                break


def _residency(hits: list[_Hit], doc: _Doc, first: int, last: int, gaz: Gazetteer) -> None:
    places = _phrases(doc, first, last, gaz.places, "")
    if not places:
        return
    window = gaz.residency_window
    for hit in hits:
        if hit.category != "obligation" or hit.value != "data_residency":
            continue
        after = [p for p in places if hit.last <= p.first <= hit.last + window]
        before = [p for p in places if hit.first - window <= p.first < hit.first]
        chosen = after[0] if after else (before[-1] if before else None)
        if chosen is not None:
            hit.value = f"data_residency:{chosen.value}"
            hit.label = f"data residency ({chosen.label})"
