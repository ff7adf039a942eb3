"""Measures a regulator publishes about the client's service, as data: for each, the sector
rule that binds the client (`scale.sector_rules`), the measure's code and name as the
regulator words it, and where the support system's data feeds it. The metrics section
lists them beside the client's own KPIs, so the board sees the figures it is judged by.

Only measures a support system moves are listed (satisfaction with repairs and with
complaint handling, complaints and their timeliness), not those of the homes themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MEASURES_VERSION = "1"
READ = date(2026, 12, 3)

_TSM_STANDARD = (
    "Regulator of Social Housing, Tenant Satisfaction Measures Standard and its technical "
    "requirements (gov.uk/government/publications/tenant-satisfaction-measures-standard)"
)
_TSM_LIST = (
    "Alliance Homes, 'Tenant Satisfaction Measures' (alliancehomes.org.uk/about-us/"
    "tenant-satisfaction-measures), listing the regulator's measures TP01–TP11"
)


@dataclass(frozen=True)
class Measure:
    rule: str  # the scale.sector_rules value that binds the client
    regulator: str
    code: str
    name: str
    fed_by: str  # what in the support system moves or measures it
    source: str


MEASURES: tuple[Measure, ...] = (
    Measure(
        "rsh_tsm",
        "Regulator of Social Housing",
        "TP01",
        "Overall satisfaction",
        "the annual tenant survey; the desk's post-contact survey is its monthly early warning",
        _TSM_LIST,
    ),
    Measure(
        "rsh_tsm",
        "Regulator of Social Housing",
        "TP02",
        "Satisfaction with repairs",
        "the annual survey; the help desk's survey after each completed repair job tracks it monthly",
        _TSM_LIST,
    ),
    Measure(
        "rsh_tsm",
        "Regulator of Social Housing",
        "TP03",
        "Satisfaction with time taken to complete the most recent repair",
        "the annual survey; the repair's promised and actual dates, synced from the job, explain it",
        _TSM_LIST,
    ),
    Measure(
        "rsh_tsm",
        "Regulator of Social Housing",
        "TP09",
        "Satisfaction with the landlord's approach to handling complaints",
        "the annual survey; a survey when each complaint closes tracks it monthly",
        _TSM_LIST,
    ),
    Measure(
        "rsh_tsm",
        "Regulator of Social Housing",
        "CH01",
        "Complaints relative to the size of the landlord",
        "complaints logged as their own ticket type at stage 1 and stage 2, per 1,000 homes",
        _TSM_STANDARD,
    ),
    Measure(
        "rsh_tsm",
        "Regulator of Social Housing",
        "CH02",
        "Complaints responded to within the Complaint Handling Code's timescales",
        "the stage 1 and stage 2 SLA policies of the regulated deadlines, met or breached",
        _TSM_STANDARD,
    ),
)


def measures_for(rules: list[str]) -> list[Measure]:
    return [m for m in MEASURES if m.rule in rules]
