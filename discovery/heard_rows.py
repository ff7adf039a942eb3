"""Rows heard in a sentence: what a suggestion adds to a list-of-rows answer.

A named system becomes a row of the other named systems, with its kind and, when the
sentence says it, what that system must do (read per system: "Epic must show the chart
and ArcGIS should open a case" gives each its own); hours said for an audience or queue
become a coverage calendar of its own; a short spike becomes a row of its cause, how many
times normal, for how long and how often; an outsourcing partner becomes a row with its
share of the work and what it handles; a follow-the-sun hand-over ("at 17:00 Singapore
hands over to London") becomes a row per site in the order the work passes, the first
closing at the hand-over's time.

Pure: a finding, the findings of its text and the cue words (`rows:` of suggestions.yaml)
in; a row (field id → value, in the stored form the wizard saves) or None out. None means
the sentence does not say enough for that row, and the next rule of the mapping is tried.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Mapping, Sequence
from typing import Any

from . import units
from .extraction import Finding
from .extraction.engine import hand_over_chain

ROW_KINDS = (
    "system",
    "duty",
    "calendar",
    "site",
    "site_2",
    "site_3",
    "spike",
    "partner",
    "staff",
    "retention",
    "deadline",
)
_WORD_RE = re.compile(r"[A-Za-z0-9][\w&'/-]*")
# Where one clause of a sentence ends and the next begins: "…Mon-Fri, but the pharmacy
# queue…", "…; everyone else…", "…ET and the Manila team…".
_CLAUSE_RE = re.compile(
    r";|:\s|,\s*(?:but|while|whereas|and)\s|\s(?:but|while|whereas)\s"
    r"|\sand\s(?=(?:the|our|their|its|everyone|all|other)\s)",
    re.IGNORECASE,
)


def _mates(finding: Finding, others: Sequence[Finding]) -> list[Finding]:
    """The findings of the same sentence, negated ones left out, in text order."""
    return [
        o
        for o in others
        if o.sentence_start == finding.sentence_start and not o.negated and o is not finding
    ]


def _at(finding: Finding) -> tuple[int, int]:
    """The finding's span in its passage."""
    return finding.start - finding.sentence_start, finding.end - finding.sentence_start


def _clause(passage: str, at: int) -> tuple[int, int]:
    """The clause of the passage that holds offset `at`."""
    start, end = 0, len(passage)
    for m in _CLAUSE_RE.finditer(passage):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return start, end


def _in(finding: Finding, span: tuple[int, int]) -> bool:
    a, _ = _at(finding)
    return span[0] <= a < span[1]


_LOOSE_END_RE = re.compile(r"(?:[\s,;:.()–—-]|\b(?:and|or|but|then)\b)+$", re.IGNORECASE)
_LOOSE_START_RE = re.compile(
    r"^(?:[\s,;:.()–—-]|\b(?:and|or|the|each|every|our)\s)+", re.IGNORECASE
)


def _tidy(text: str, *, capital: bool = True) -> str:
    text = _LOOSE_START_RE.sub("", _LOOSE_END_RE.sub("", " ".join(text.split())))
    return text[:1].upper() + text[1:] if text and capital else text


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD_RE.finditer(text))


# --- systems ------------------------------------------------------------------------------


def system(
    finding: Finding, others: Sequence[Finding], cues: Mapping[str, Any], kinds: Mapping[str, str]
) -> dict[str, Any] | None:
    row: dict[str, Any] = {"name": finding.label, "class": kinds.get(finding.group, "other")}
    purpose = _purpose(finding, others, cues)
    if purpose:
        row["purpose"] = purpose[:400]
    return row


def duty(
    finding: Finding, others: Sequence[Finding], cues: Mapping[str, Any], kinds: Mapping[str, str]
) -> dict[str, Any] | None:
    """A system another question holds (a CRM, an ERP) as a row of its own only when the
    sentence says what it must do: that duty is the system's, not one shared purpose."""
    row = system(finding, others, cues, kinds)
    return row if row and row.get("purpose") else None


def _purpose(finding: Finding, others: Sequence[Finding], cues: Mapping[str, Any]) -> str:
    """What the sentence says this system must do: the words after "must", "should",
    "has to"… that follow its name before the next system is named ("SAP and Pax8 must
    sync" gives both the same), or after "need <system> to"."""
    passage = finding.passage
    if not passage:
        return ""
    _, end = _at(finding)
    systems = [o for o in _mates(finding, others) if o.category == "system"]
    later = sorted(_at(o)[0] for o in systems if _at(o)[0] >= end)
    stop = len(passage)
    for start in later:
        between = passage[end:start].strip(" ,").casefold()
        if between in ("", "and", "or", "&", "and the", "or the"):
            end = _at(next(o for o in systems if _at(o)[0] == start))[1]
            continue  # named together: what follows is said of both
        stop = start
        break
    region = passage[end:stop]
    modal = re.compile(
        r"\b(?:" + "|".join(re.escape(c) for c in cues["purpose"]) + r")\b", re.IGNORECASE
    )
    found = modal.search(region)
    if found is None:
        wanted = re.compile(r"^\s+to\s+(?P<rest>.+)$", re.IGNORECASE | re.DOTALL)
        before = passage[: _at(finding)[0]].rstrip().casefold()
        if any(before.endswith(w) for w in cues["wanting"]):
            m = wanted.match(region)
            return _tidy(_first_clause(m.group("rest"))) if m else ""
        return ""
    # The subject of the duty, from the last pause before it ("is the LMS: a help link
    # in a course should open…" is said of the help link).
    head = region[: found.start()]
    pause = max((m.end() for m in re.finditer(r"[:;,]\s|\s(?:and|so|but)\s", head)), default=0)
    subject = head[pause:].strip(" ,").casefold()
    rest = _first_clause(region[found.end() :])
    subject_words = subject.split()
    if not subject_words or subject_words[-1] in cues["pronouns"]:
        return _tidy(rest)
    return _tidy(head[pause:] + found.group(0) + rest)


def _first_clause(text: str) -> str:
    """Up to the end of the sentence or the next clause about something else."""
    m = re.search(r";|\.\s|\s(?:but|while|whereas)\s", text)
    return text[: m.start()] if m else text


# --- coverage calendars -------------------------------------------------------------------


def calendar(
    finding: Finding, others: Sequence[Finding], cues: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The hours of one audience or queue named in the clause ("the pharmacy queue runs
    24/7"): one calendar per clause, from its first time range or 24/7; None when the
    clause names no audience or queue."""
    passage = finding.passage
    if not passage:
        return None
    span = _clause(passage, _at(finding)[0])
    mates = [o for o in _mates(finding, others) if o.category == "hours" and _in(o, span)]
    if any(_triggers(o) and _at(o)[0] < _at(finding)[0] for o in mates):
        return None  # the clause's calendar comes from its first hours
    name = _audience(passage[span[0] : span[1]], cues)
    if not name:
        return None
    row: dict[str, Any] = {"name": name}
    days = cues["days"]
    for hours in [finding, *mates]:
        if hours.group == "time_range" and "opens" not in row:
            opens, _, closes = hours.value.partition("-")
            row["opens"], row["closes"] = opens, closes
        elif hours.value in ("24x7", "24x5") and "opens" not in row:
            row["opens"], row["closes"] = "00:00", "24:00"
            row.setdefault("days", days[hours.value])
        elif hours.value in days and "days" not in row:
            row["days"] = days[hours.value]
        elif hours.value.startswith("tz:") and "zone" not in row:
            zone = units.parse_zone(hours.value[3:])
            if zone:
                row["zone"] = zone
    return row


def _triggers(finding: Finding) -> bool:
    return finding.group == "time_range" or finding.value in ("24x7", "24x5")


def _audience(clause: str, cues: Mapping[str, Any]) -> str:
    """ "the pharmacy queue", "Enterprise customers", "the APAC desk": a queue or
    audience noun with the words that name it (one or two before it)."""
    words = _words(clause)
    nouns, skip = set(cues["queues"]), set(cues["not_names"])
    for index, word in enumerate(words):
        if word.group(0).casefold() not in nouns:
            continue
        named: list[str] = []
        after = word
        for before in reversed(words[max(0, index - 3) : index]):
            text = before.group(0)
            if text.casefold() in skip or any(ch.isdigit() for ch in text):
                break
            if clause[before.end() : after.start()].strip():
                break  # "(40 agents) answers patients": only words said together name it
            named.insert(0, text)
            after = before
        if named:
            return _tidy(clause[words[index - len(named)].start() : word.end()])
    return ""


# --- follow-the-sun sites ----------------------------------------------------------------

# A place or region as people write it: capitalized words said together ("New York",
# "EMEA", "São Paulo").
_NAME_RE = re.compile(r"[A-ZÀ-Þ][\w'’-]*(?:\s+[A-ZÀ-Þ][\w'’-]*)*")
_AT_TIME_RE = re.compile(
    r"\b(?:at|by|until|till)\s+(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?",
    re.IGNORECASE,
)
_RECEIVING = re.compile(r"^(?:pick|picks|picked|picking|take|takes|took|taking)\b", re.IGNORECASE)


def _names(text: str, cues: Mapping[str, Any]) -> list[str]:
    skip = set(cues["not_places"])
    out = []
    for m in _NAME_RE.finditer(text):
        words = m.group(0).split()
        while words and words[0].casefold() in skip:
            words.pop(0)
        if words:
            out.append(" ".join(words))
    return out


def sites(finding: Finding, cues: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The sites or regions of a follow-the-sun hand-over, in the order the work passes
    ("Singapore hands over to London": Singapore, then London; "Manila picks up from New
    York": New York, then Manila). The first closes at the hand-over's clock time, in its
    own zone or the zone said with the time."""
    passage = finding.passage
    if not passage:
        return []
    a, b = _at(finding)
    span = _clause(passage, a)
    # The hand-over's own names, the last one read on over the words after it ("New York").
    tail = re.match(r"(?:\s+[A-ZÀ-Þ][\w'’-]*)*", passage[b : span[1]])
    said = _names(passage[a : b + (tail.end() if tail else 0)], cues)
    names = said
    # Written as a chain ("Follow the sun: Sydney -> Dublin -> Denver"): its names, in order.
    chain = [n for part in hand_over_chain(passage) for n in _names(part, cues)[-1:]]
    if chain:
        names, span = chain, (0, len(passage))
    elif finding.text[:1].islower() and not finding.text.casefold().startswith("from"):
        subject = _names(passage[span[0] : a], cues)[-1:]
        names = [*said, *subject] if _RECEIVING.match(finding.text) else [*subject, *said]
    seen: list[str] = []
    for name in names:
        if name.casefold() not in {n.casefold() for n in seen}:
            seen.append(name)
    rows: list[dict[str, Any]] = []
    for name in seen:
        row: dict[str, Any] = {"name": name}
        zone = _zone_of(name)
        if zone:
            row["zone"] = zone
        rows.append(row)
    if len(rows) < 2:
        return []  # a hand-over is between two places
    clock = _AT_TIME_RE.search(passage, span[0], span[1])
    if clock:
        hour, minute = int(clock["h"]), int(clock["m"] or 0)
        ampm = (clock["ampm"] or "").casefold().replace(".", "")
        hour += 12 if ampm == "pm" and hour < 12 else 0
        hour -= 12 if ampm == "am" and hour == 12 else 0
        said_zone = next(
            (
                units.parse_zone(m.group(0))
                for m in re.finditer(r"\b[A-Z]{2,5}\b", passage[clock.end() : span[1]])
                if units.parse_zone(m.group(0))
            ),
            None,
        )
        first = rows[0]
        if (
            hour <= 24
            and minute < 60
            and (not said_zone or first.get("zone", said_zone) == said_zone)
        ):
            first["closes"] = f"{hour:02d}:{minute:02d}"
            if said_zone:
                first["zone"] = said_zone
    return rows


def _zone_of(place: str) -> str | None:
    """A site's zone by its name, as Area/City where one is ("Singapore" is
    Asia/Singapore, not the old link of the same name)."""
    zone = units.parse_zone(place)
    if zone and "/" not in zone:
        city = "_".join(place.casefold().split())
        areas = sorted(
            z for z in zoneinfo.available_timezones() if z.rpartition("/")[2].casefold() == city
        )
        return next((z for z in areas if "/" in z), zone)
    return zone


def site(
    finding: Finding, others: Sequence[Finding], cues: Mapping[str, Any], index: int
) -> dict[str, Any] | None:
    """The index-th site of the hand-over (0 the first), or None."""
    found = sites(finding, cues)
    return found[index] if index < len(found) else None


# --- spikes -------------------------------------------------------------------------------


def spike(
    finding: Finding, others: Sequence[Finding], cues: Mapping[str, Any]
) -> dict[str, Any] | None:
    """A multiple of normal said as a short spike ("10x for a few days around launch",
    "spikes 5x for 48 hours"): None for a seasonal peak, which is the peak factor's."""
    if finding.unit != "x" or finding.number is None or finding.number <= 1:
        return None
    passage = finding.passage
    span = _clause(passage, _at(finding)[0]) if passage else (0, 0)
    clause = passage[span[0] : span[1]]
    folded = " ".join(clause.casefold().split())
    lasts = [
        o
        for o in _mates(finding, others)
        if o.category == "quantity" and o.unit in ("h", "days", "weeks") and _in(o, span)
    ]
    short = any(o.number is not None and o.number * _DAYS[o.unit] <= 21 for o in lasts)
    if lasts and not short:
        return None  # "4x for about six weeks": a season, not a spike
    cue = any(re.search(rf"\b{re.escape(c)}\b", folded) for c in cues["spike"])
    often = next(
        (o for p, o in cues["often"].items() if re.search(rf"\b{re.escape(p)}\b", folded)), ""
    )
    # A multiple that comes back every week or month is a spike: a season does not.
    if not short and not cue and often not in ("weekly", "monthly"):
        return None
    row: dict[str, Any] = {"cause": _cause(clause, _at(finding)[0] - span[0], cues)}
    if not row["cause"]:
        return None
    row["factor"] = float(finding.number)
    if lasts and lasts[0].number is not None:
        row["lasts"] = float(lasts[0].number)
        row["lasts_unit"] = {"h": "hours", "days": "days", "weeks": "weeks"}[lasts[0].unit]
    else:
        for phrase, unit in cues["lasts"].items():
            if phrase in folded:
                row["lasts_unit"] = unit
                break
    if not often and any(
        o.category == "hours" and o.value == "seasonal" and _in(o, span)
        for o in _mates(finding, others)
    ):
        often = "yearly"  # Black Friday, tax season, term start: once a year
    if often:
        row["often"] = often
    return row


_DAYS = {"h": 1 / 24, "days": 1.0, "weeks": 7.0}


def _cause(clause: str, at: int, cues: Mapping[str, Any]) -> str:
    """What the client says brings the spike: the words after "around", "during",
    "after"… ("around launch", "after each firmware release"), or the subject the
    multiple is said of ("Payroll week doubles", "Black Friday weekend is about 4 times")."""
    stops = set(cues["cause_stops"])
    after = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in cues["cause_after"]) + r")\s+",
        re.IGNORECASE,
    )
    for m in after.finditer(clause):
        taken = []
        rest = clause[m.end() :]
        previous = None
        for word in _words(rest)[:5]:
            text = word.group(0)
            if text.casefold() in stops or any(ch.isdigit() for ch in text):
                break
            if previous is not None and rest[previous.end() : word.start()].strip():
                break
            taken.append(text)
            previous = word
        while taken and taken[-1].casefold() in ("the", "a", "an", "our", "each", "every"):
            taken.pop()
        if taken:
            return _tidy(" ".join(taken))
    subject: list[str] = []
    previous = None
    for word in _words(clause[:at]):
        text = word.group(0)
        if text.casefold() in stops or text.casefold() in cues["verbs"]:
            break
        if previous is not None and clause[previous.end() : word.start()].strip():
            break  # "every season launch (four a year)": the cause ends at the pause
        subject.append(text)
        previous = word
    while subject and subject[0].casefold() in ("the", "a", "an", "our", "each", "every"):
        subject.pop(0)
    return _tidy(" ".join(subject[:5]))


# --- staff of a season -------------------------------------------------------------------

_WHEN_RE = re.compile(
    r"\b(?:from|during|for|in|every|each|over|between|around|before|until)\s+(?:the\s+)?"
    r"(?:[A-Z][a-z]+|summer|winter|spring|autumn|fall|holidays?|season|peak|busy|tax|year[-\s]end)"
    r"[^,;:.()]*"
)


def staff(
    finding: Finding, others: Sequence[Finding], cues: Mapping[str, Any]
) -> dict[str, Any] | None:
    """Staff taken on for a season ("140 permanent agents, 60 seasonal from February to
    May"): a row of the team as it is, front-line and seasonal, with the season said in
    the same clause as its note; never the team's size all year."""
    if finding.unit != "seasonal agents" or finding.number is None or finding.number < 1:
        return None
    row: dict[str, Any] = {
        "role": "front_line",
        "people": int(finding.number),
        "employment": "seasonal",
    }
    passage = finding.passage
    if passage:
        a, b = _at(finding)
        span = _clause(passage, a)
        when = _WHEN_RE.search(passage, b, span[1])
        if when:
            row["note"] = _tidy(when.group(0), capital=False)[:80]
    return row


# --- records retention --------------------------------------------------------------------

_KEEP = (
    r"keep|keeps|kept|keeping|hold(?:s|ing)?(?:\s+on(?:to|\s+to))?|held|retain(?:s|ed|ing)?"
    r"|store(?:s|d)?|storing|archive(?:s|d)?|archiving|preserve(?:s|d)?|save(?:s|d)?"
)
_DELETE = r"delete(?:d|s)?|purge(?:d|s)?|destroy(?:ed|s)?|erase(?:d|s)?|remove(?:d|s)?|wipe(?:d|s)?"
_ANONYMISE = r"anonymi[sz]e(?:d|s)?"
_BEFORE_DURATION_RE = re.compile(
    r"(?:\s+(?:for|after))?(?:\s+(?:at\s+least|a\s+minimum\s+of|up\s+to|about|around|roughly"
    r"|no\s+less\s+than|the\s+full|another|a\s+further))?\s*$",
    re.IGNORECASE,
)
# "We keep <records> for", "<records> are kept for", "<records> are deleted after".
_ACTIVE_RE = re.compile(rf"\b(?P<verb>{_KEEP}|{_DELETE}|{_ANONYMISE})\s+(?P<records>.+)$", re.I)
_PASSIVE_RE = re.compile(
    r"(?P<records>.+?)\s+(?:is|are|must\s+be|has\s+to\s+be|have\s+to\s+be|should\s+be|will\s+be"
    r"|need\s+to\s+be|needs\s+to\s+be|get|gets|can\s+be|may\s+be)?\s*(?:recorded\s+and\s+)?"
    rf"(?P<verb>kept|retained|stored|archived|held|preserved|{_DELETE}|{_ANONYMISE})$",
    re.IGNORECASE,
)
_UNITS_OF_RETENTION = {"days": "days", "months": "months", "years": "years"}


def retention(
    finding: Finding, others: Sequence[Finding], cues: Mapping[str, Any]
) -> dict[str, Any] | None:
    """A retention rule said in a sentence ("we keep Gift Aid declarations for six years",
    "call recordings are deleted after 90 days"): a row of what is kept, the rule, and for
    how long. None when the duration is no retention period or the records are not said."""
    if finding.group != "retention" or finding.unit not in _UNITS_OF_RETENTION:
        return None
    if finding.number is None or not 1 <= finding.number <= 100 or finding.number % 1:
        return None
    passage = finding.passage
    if not passage:
        return None
    a, _ = _at(finding)
    span = _clause(passage, a)
    before = passage[span[0] : a]
    before = before[: _BEFORE_DURATION_RE.search(before).start()]  # type: ignore[union-attr]
    records, verb = "", ""
    passive = _PASSIVE_RE.search(before)
    if passive:
        verb = passive["verb"]
        # "tickets are public records and must be kept": what is kept is the subject
        records = re.split(r"\s(?:is|are|was|were)\s", passive["records"])[0]
        records = " ".join(records.split()[-6:])
        if re.search(r"\brecorded\s+and\s+$", passive.group(0)[: -len(verb)], re.I):
            records = f"recordings of {records.casefold()}"  # "calls are recorded and kept"
    else:
        actives = list(_ACTIVE_RE.finditer(before))
        if actives:
            verb, records = actives[-1]["verb"], actives[-1]["records"]
    records = _tidy(
        re.sub(r"^(?:we|they|you|i)\s+(?:must|have to|need to|)\s*", "", records, flags=re.I)
    )
    if not records or len(records) > 80:
        return None
    verb = verb.casefold()
    rule = (
        "delete_after"
        if re.fullmatch(_DELETE, verb, re.I)
        else "anonymise_after"
        if re.fullmatch(_ANONYMISE, verb, re.I)
        else "keep_at_least"
    )
    return {
        "records": records,
        "rule": rule,
        "keep": int(finding.number),
        "period": _UNITS_OF_RETENTION[finding.unit],
    }


# --- deadlines set by law ---------------------------------------------------------------

_DEADLINE_UNITS = {"h": "hours", "days": "days", "weeks": "weeks", "months": "months"}
_WITHIN_RE = re.compile(r"\s*(?:within|no\s+later\s+than|not\s+later\s+than|inside)\s*$", re.I)
# Where the words of one deadline begin: a pause, or the end of the deadline before it.
_DUTY_START_RE = re.compile(r"[,;:(]\s*|^\s*")
_DUTY_LOOSE_RE = re.compile(
    r"^(?:and|or|then|with|since|also|while|a|an|the|each|every|any|by\s+law|legally"
    r"|(?:we|they|you|landlords|firms|the\s+firm)\s+(?:must|have\s+to|has\s+to|need\s+to"
    r"|are\s+required\s+to|is\s+required\s+to|shall|are\s+obliged\s+to))\s+",
    re.IGNORECASE,
)


def deadline(
    finding: Finding, others: Sequence[Finding], cues: Mapping[str, Any]
) -> dict[str, Any] | None:
    """A deadline a law or regulator sets, said in a sentence ("the Code: a stage 1 answer
    within 10 working days", "damp and mould reports must be investigated within 10 working
    days"): a row of what must be done, within how long, and the law the sentence names.
    None when the duration is no deadline or nothing is said of what must be done."""
    if finding.group != "deadline" or finding.unit not in _DEADLINE_UNITS:
        return None
    if finding.number is None or not 1 <= finding.number <= 366 or finding.number % 1:
        return None
    passage = finding.passage
    if not passage:
        return None
    a, _ = _at(finding)
    before = passage[:a]
    within = _WITHIN_RE.search(before)
    if within is None:
        return None
    before = before[: within.start()]
    # back to the end of the deadline before it, or a pause
    start = 0
    for o in others:
        if (
            o.category == "quantity"
            and o.group == "deadline"
            and o.sentence_start == finding.sentence_start
        ):
            end = o.end - o.sentence_start
            if end <= len(before):
                start = max(start, end)
    for m in _DUTY_START_RE.finditer(before):
        if m.end() <= len(before) and m.start() >= start:
            start = max(start, m.end())
    duty = " ".join(before[start:].split())
    while (loose := _DUTY_LOOSE_RE.match(duty)) is not None:
        duty = duty[loose.end() :]
    duty = duty.strip(" ,;:.")
    if not duty or len(duty) > 100 or len(duty.split()) > 12:
        return None
    said = f"{finding.text} {finding.label}".casefold()
    unit = _DEADLINE_UNITS[finding.unit]
    if unit == "days" and ("working" in said or "business" in said):
        unit = "working_days"
    row: dict[str, Any] = {
        "duty": duty[:1].upper() + duty[1:],
        "within": int(finding.number),
        "unit": unit,
    }
    laws = [
        o
        for o in others
        if o.category == "obligation"
        and o.sentence_start == finding.sentence_start
        and not o.negated
    ]
    if laws:
        row["basis"] = laws[0].label
    return row


# --- outsourcing partners -----------------------------------------------------------------


def partner(
    finding: Finding, others: Sequence[Finding], cues: Mapping[str, Any]
) -> dict[str, Any] | None:
    """An outsourcing partner with the share of the work the clause gives it ("about 30%
    of our calls") and what it handles ("mostly overflow and nights", "handles tier 1
    chat in Spanish")."""
    row: dict[str, Any] = {"name": finding.label}
    passage = finding.passage
    if not passage:
        return row
    span = _clause(passage, _at(finding)[0])
    for o in _mates(finding, others):
        share = o.number if o.category == "quantity" and o.unit == "%" and _in(o, span) else None
        if share is not None and 0 <= share <= 100:
            row["share"] = round(share)
            break
    text = passage[_at(finding)[1] : span[1]]
    scope = re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in cues["scope"]) + r")\s+(?P<what>[^;.]+)",
        re.IGNORECASE,
    ).search(text)
    if scope:
        what = re.split(r",\s*(?:but|while)\b|\s(?:but|while)\s", scope.group("what"))[0]
        what = re.sub(r"^(?:about\s+)?\d+\s*%\s*of\s+(?:our\s+|the\s+)?", "", what.strip())
        if _tidy(what):
            row["scope"] = _tidy(what, capital=False)[:200]
    return row


def key_of(question_fields: Sequence[str], row: Mapping[str, Any]) -> str:
    """What tells one row from another: its first field ("name", "cause"), folded; a role
    of the team also by its employment (60 seasonal front-line agents are another row
    than the 140 full-time ones)."""
    first = question_fields[0] if question_fields else ""
    key = " ".join(str(row.get(first, "")).casefold().split())
    if "employment" in question_fields and row.get("employment"):
        key += f" ({row['employment']})"
    return key
