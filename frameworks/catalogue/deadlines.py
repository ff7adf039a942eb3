"""Deadlines the law or a regulator sets on requests a support desk receives, as data: for
each, the answer that says the client is bound by it (a regulation ticked in
`scale.compliance`, a sector rule in `scale.sector_rules`), the duty, how long it allows
and in which calendar, and the public text it comes from with the date we read it.

The workflow section turns each into an SLA clock of its own beside the client's own
deadlines (`scale.deadlines`), and the metrics section into a KPI. A deadline that varies
by country is given only where the law's country is known (`countries`: the ISO 3166
codes of `scale.residency_places` or the places the client names); elsewhere the client's
own rows say it.

Units: `hours` (round the clock), `working_days` (weekdays without the country's public
holidays), `days` (calendar days), `weeks`, `months` (calendar months).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DEADLINES_VERSION = "1"
READ = date(2026, 12, 3)

UNIT_LABELS = {
    "hours": ("hour", "hours"),
    "working_days": ("working day", "working days"),
    "days": ("calendar day", "calendar days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
}


@dataclass(frozen=True)
class Deadline:
    key: str
    question: str  # the answer that binds the client: a multiple choice…
    value: str  # …that includes this value
    law: str  # as the client's documents name it
    duty: str  # what must be done, as a sentence without its subject
    within: int
    unit: str  # a key of UNIT_LABELS
    note: str  # what the clock starts on, and what the law allows beyond it
    source: str  # a public page a client can open
    names: tuple[str, ...]  # words in a client's own row that mean this law
    countries: tuple[str, ...] = ()  # only where the client is in one of these
    # only for a desk serving these audiences (`audience.type`); () for any. A person's
    # rights over their data are exercised with the organization that serves them, not
    # through its internal IT desk.
    audiences: tuple[str, ...] = ()


PUBLIC = ("external", "both")

_DPC = (
    "Data Protection Commission (Ireland), 'How long does an organisation have to respond "
    "to my access request?' (dataprotection.ie/en/faqs/access-and-rectification), on GDPR "
    "Article 12(3)"
)
_LGPD = "Lei 13.709/2018 (LGPD), art. 19, II (planalto.gov.br/ccivil_03/_ato2015-2018/2018/lei/l13709.htm)"
_HIPAA = "45 CFR 164.524(b)(2), HIPAA Privacy Rule right of access (ecfr.gov/current/title-45/section-164.524)"
_FCA = "FCA Handbook, DISP 1.6.2R (handbook.fca.org.uk/handbook/DISP/1/6.html)"
_HOS = (
    "Housing Ombudsman, 'Help if you are waiting for a final response' "
    "(housing-ombudsman.org.uk/residents/make-a-complaint/waiting-for-a-final-response), on "
    "the statutory Complaint Handling Code"
)
_AWAAB = (
    "GOV.UK, 'Awaab's Law: guidance for social landlords' (gov.uk/government/publications/"
    "awaabs-law-draft-guidance-for-social-landlords), on the Hazards in Social Housing "
    "(Prescribed Requirements) (England) Regulations 2025, in force 27 October 2025"
)
_FOIA_UK = (
    "Freedom of Information Act 2000, section 10 (legislation.gov.uk/ukpga/2000/36/section/10)"
)

DEADLINES: tuple[Deadline, ...] = (
    Deadline(
        "gdpr_rights",
        "scale.compliance",
        "gdpr",
        "GDPR Article 12(3)",
        "answer a person's request about their data (access, correction, erasure)",
        1,
        "months",
        "Counted from the day the request arrives, on any channel; two more months only for "
        "complex requests, and the person is told so within the first month.",
        _DPC,
        ("gdpr", "data protection", "subject access", "dsar", "sar"),
        audiences=PUBLIC,
    ),
    Deadline(
        "lgpd_access",
        "scale.compliance",
        "lgpd",
        "LGPD art. 19",
        "give a person the full statement of the data held about them",
        15,
        "days",
        "Counted from the date of the request; a simplified confirmation is due at once.",
        _LGPD,
        ("lgpd", "titular", "art. 19"),
        audiences=PUBLIC,
    ),
    Deadline(
        "hipaa_access",
        "scale.compliance",
        "hipaa",
        "HIPAA right of access",
        "act on a patient's request for access to their health records",
        30,
        "days",
        "One extension of up to 30 days, with a written reason sent within the first 30.",
        _HIPAA,
        ("hipaa", "right of access", "164.524"),
        audiences=PUBLIC,
    ),
    Deadline(
        "fca_final_response",
        "scale.sector_rules",
        "fca",
        "FCA DISP 1.6",
        "send a final response to a complaint",
        8,
        "weeks",
        "Counted from receipt; a prompt written acknowledgement first. A complaint resolved "
        "by the end of the third business day needs only a summary resolution letter.",
        _FCA,
        ("fca", "disp", "financial ombudsman"),
    ),
    Deadline(
        "hos_stage1_ack",
        "scale.sector_rules",
        "housing_ombudsman",
        "Complaint Handling Code",
        "acknowledge and log a stage 1 complaint",
        5,
        "working_days",
        "Counted from when the complaint is received, by any channel or member of staff.",
        _HOS,
        ("complaint handling code", "housing ombudsman", "ombudsman"),
    ),
    Deadline(
        "hos_stage1_response",
        "scale.sector_rules",
        "housing_ombudsman",
        "Complaint Handling Code",
        "send the stage 1 response",
        10,
        "working_days",
        "Counted from the acknowledgement; an extension needs a written reason and a date.",
        _HOS,
        ("complaint handling code", "housing ombudsman", "ombudsman"),
    ),
    Deadline(
        "hos_stage2_ack",
        "scale.sector_rules",
        "housing_ombudsman",
        "Complaint Handling Code",
        "acknowledge a request to escalate to stage 2",
        5,
        "working_days",
        "Counted from the request to escalate.",
        _HOS,
        ("complaint handling code", "housing ombudsman", "ombudsman"),
    ),
    Deadline(
        "hos_stage2_response",
        "scale.sector_rules",
        "housing_ombudsman",
        "Complaint Handling Code",
        "send the stage 2 response",
        20,
        "working_days",
        "Counted from the escalation's acknowledgement.",
        _HOS,
        ("complaint handling code", "housing ombudsman", "ombudsman"),
    ),
    Deadline(
        "awaab_emergency",
        "scale.sector_rules",
        "awaabs_law",
        "Awaab's Law",
        "investigate an emergency hazard and make the home safe",
        24,
        "hours",
        "Round the clock from when the landlord becomes aware of it, out of hours included.",
        _AWAAB,
        ("awaab", "hazard", "damp and mould"),
    ),
    Deadline(
        "awaab_significant",
        "scale.sector_rules",
        "awaabs_law",
        "Awaab's Law",
        "investigate a significant damp and mould hazard",
        10,
        "working_days",
        "Then a written summary to the tenant within 3 working days of the investigation, "
        "and safety work begun within 5.",
        _AWAAB,
        ("awaab", "hazard", "damp and mould"),
    ),
    Deadline(
        "foi_uk",
        "scale.sector_rules",
        "public_records",
        "Freedom of Information Act 2000",
        "answer a freedom of information request",
        20,
        "working_days",
        "Counted from the working day after receipt; a fees notice stops the clock until paid.",
        _FOIA_UK,
        ("freedom of information", "foi", "foia"),
        countries=("GB",),
    ),
)


def deadlines_for(
    answers_of: dict[str, list[str]], countries: set[str], audience: str | None = None
) -> list[Deadline]:
    """The catalogue's deadlines the client is bound by: `answers_of` maps a question id to
    the values the client chose; a country-bound deadline needs its country in
    `countries`, an audience-bound one the desk's `audience`."""
    return [
        d
        for d in DEADLINES
        if d.value in answers_of.get(d.question, [])
        and (not d.countries or countries.intersection(d.countries))
        and (not d.audiences or audience in d.audiences)
    ]


def unit_text(within: int, unit: str) -> str:
    one, many = UNIT_LABELS.get(unit, (unit, unit))
    return f"{within} {one if within == 1 else many}"
