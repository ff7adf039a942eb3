"""KPI definitions, formulas and published benchmarks for the question bank's KPI ids.

Definitions and benchmarks were gathered in the project's reference notes; each carries the
public source those notes name (a site or a named publication a client can look up), never
the notes themselves. A definition that is standard help-desk practice with no single
publication behind it says so (WORKING_DEFINITION). A KPI without a published benchmark
has none: we do not make one up. `weak=True` marks what the reference calls a weak source
or a vendor claim, so the proposal can say so.
"""

from __future__ import annotations

from datetime import date

from .model import Benchmark, Kpi

KPIS_VERSION = "2026.12.2"

READ = date(2026, 11, 27)
# Not a source: the proposal prints it as the definition's basis, never as "source: …".
WORKING_DEFINITION = "the consultant's working definition, from standard help-desk practice"
ERLANG_SOURCE = "callcentrehelper.com, Erlang C worked example (80% in 20 s, 30% shrinkage)"
READ_DEC = date(2026, 12, 1)


def _b(text: str, source: str, *, weak: bool = False) -> Benchmark:
    return Benchmark(text=text, source=source, checked=READ, weak=weak)


KPI_CATALOGUE: tuple[Kpi, ...] = (
    Kpi(
        id="first_response_time",
        name="First response time (FRT)",
        definition=(
            "Time from ticket creation to the first human reply; automatic acknowledgements "
            "do not count. Report the median and the 90th percentile, in business hours."
        ),
        formula="first human reply at − ticket created at",
        unit="hours",
        direction="lower",
        benchmarks=(
            _b(
                "Email industry average 12 h 10 min; only 36% of companies answer within 4 h",
                "EmailAnalytics 2024 via stealthagents.com first-response-time article",
            ),
            _b(
                "Targets: email under 1–4 h, chat under 40 s–2 min, social under 1 h",
                "lorikeetcx.ai (2026), citing Zendesk research",
            ),
        ),
        measured_by="Help-desk timestamps of ticket creation and first public agent reply",
        definition_source=WORKING_DEFINITION,
        checked=READ,
    ),
    Kpi(
        id="avg_response_time",
        name="Average response time",
        definition=("Mean delay of every agent reply across the conversation, not only the first."),
        formula="Σ (agent reply at − previous customer message at) / number of agent replies",
        unit="hours",
        direction="lower",
        benchmarks=(),
        measured_by="Help-desk reply timestamps per conversation",
        definition_source="oxaide.com, average response time guide",
        checked=READ,
    ),
    Kpi(
        id="asa",
        name="Average speed of answer (ASA)",
        definition=(
            "Mean time a live contact{live_contact} waits in the queue before an agent "
            "answers, over all answered contacts; abandoned contacts are reported apart."
        ),
        formula="Σ (answered at − queued at) / answered contacts",
        unit="s",
        direction="lower",
        benchmarks=(),
        measured_by="{live_queues} reports (queue entry and answer timestamps)",
        definition_source=ERLANG_SOURCE,
        checked=READ_DEC,
    ),
    Kpi(
        id="abandonment_rate",
        name="Abandonment rate",
        definition=(
            "Share of live contacts{live_contacts} given up before an agent answers. "
            "Contacts abandoned within a few seconds are usually excluded and said so."
        ),
        formula="abandoned contacts / contacts offered to the queue",
        unit="%",
        direction="lower",
        benchmarks=(),
        measured_by="{live_queues} reports (offered, answered, abandoned)",
        definition_source=WORKING_DEFINITION,
        checked=READ_DEC,
    ),
    Kpi(
        id="service_level",
        name="Service level",
        definition=(
            "Share of live contacts answered within a target time, stated as “x% within "
            "y seconds” per queue and interval."
        ),
        formula="contacts answered within y s / contacts offered",
        unit="%",
        direction="higher",
        benchmarks=(
            Benchmark(
                text="80% answered within 20 seconds is the common call-centre target",
                source=ERLANG_SOURCE,
                checked=READ_DEC,
            ),
        ),
        measured_by="{live_queues} reports per interval",
        definition_source=ERLANG_SOURCE,
        checked=READ_DEC,
    ),
    Kpi(
        id="channel_shift",
        name="Channel shift",
        definition=(
            "How the share of contacts per channel moves toward the channels the client "
            "wants to grow (self-service among them), measured month by month."
        ),
        formula="contacts on a channel / all contacts, per month",
        unit="%",
        direction="higher",
        benchmarks=(),
        measured_by="Help-desk ticket counts by channel per month",
        definition_source=WORKING_DEFINITION,
        checked=READ_DEC,
    ),
    Kpi(
        id="resolution_time",
        name="Resolution time",
        definition=(
            "Time from creation to resolution, as mean and median; time spent pending the "
            "requester is excluded where SLAs pause."
        ),
        formula="resolved at − created at − time pending the requester",
        unit="hours",
        direction="lower",
        benchmarks=(),
        measured_by="Help-desk status history (created, pending, resolved)",
        definition_source="Zendesk Benchmark, CX Trends 2019",
        checked=READ,
    ),
    Kpi(
        id="fcr",
        name="First-contact resolution (FCR)",
        definition=(
            "Share of contacts resolved with no repeat contact within N days; SQM measures "
            "it with a post-contact survey."
        ),
        formula="contacts resolved without a repeat contact within N days / all contacts × 100",
        unit="%",
        direction="higher",
        benchmarks=(
            _b(
                "Average 67–70%; good 70–79%; world-class 80% or more (only 5% of centres)",
                "sqmgroup.com (2022 benchmark press release; best-practices page)",
            ),
            _b(
                "Technical support FCR 65% with CSAT 75%; each +1% FCR ≈ +1% CSAT and −1% "
                "operating cost",
                "sqmgroup.com (FCR–CSAT industry post)",
            ),
            _b(
                "HDI 2015: 66% for incidents, 66.9% for service requests",
                "blog.freshservice.com citing HDI 2015",
            ),
        ),
        measured_by="Repeat-contact matching in the help desk, or a post-contact survey",
        definition_source="sqmgroup.com, first call resolution best practices",
        checked=READ,
    ),
    Kpi(
        id="csat",
        name="Customer satisfaction (CSAT)",
        definition="Satisfied responses (4 or 5 of 5) divided by all survey responses.",
        formula="responses scoring 4–5 / all responses × 100",
        unit="%",
        direction="higher",
        benchmarks=(
            _b(
                "Zendesk global CSAT 86% (March 2012) and 82% (Q3 2013)",
                "Zendesk CSAT Index; Zendesk press release 2013-10-30",
            ),
            _b("World-class: 85% or more top-box", "sqmgroup.com"),
        ),
        measured_by="Survey sent when a ticket is solved",
        definition_source="Zendesk CSAT Index (zendesk.com); sqmgroup.com",
        checked=READ,
    ),
    Kpi(
        id="ces",
        name="Customer effort score (CES)",
        definition=(
            "CES 2.0: agreement with “The company made it easy to handle my issue”, scored "
            "1–7. The score is the share answering 5–7 (or the mean)."
        ),
        formula="responses scoring 5–7 / all responses × 100",
        unit="%",
        direction="higher",
        benchmarks=(
            _b(
                "Above 70% is good, above 85% excellent",
                "Dixon/Toman/DeLisi 2013 via support.customergauge.com; tryvouch.io glossary",
                weak=True,
            ),
        ),
        measured_by="One-question survey after resolution",
        definition_source="Dixon, Toman & DeLisi, The Effortless Experience (2013)",
        checked=READ,
    ),
    Kpi(
        id="nps",
        name="Net promoter score (NPS)",
        definition="Share of promoters (9–10) minus share of detractors (0–6), −100 to +100.",
        formula="% promoters − % detractors",
        unit="points",
        direction="higher",
        benchmarks=(_b("Depends on the industry", "Reichheld/Bain; eyebase glossary"),),
        measured_by="Relationship survey, typically quarterly",
        definition_source="Reichheld, Bain & Company: the Net Promoter System",
        checked=READ,
    ),
    Kpi(
        id="sla_compliance",
        name="SLA compliance",
        definition=(
            "Tickets meeting the target divided by tickets under that SLA, per metric (first "
            "reply, next reply, resolution), on the SLA's business hours."
        ),
        formula="tickets meeting the SLA target / tickets under the SLA × 100",
        unit="%",
        direction="higher",
        # Example targets from two projects' issue threads were dropped: an issue tracker is
        # not a source a client can follow, and examples are not a benchmark.
        benchmarks=(),
        measured_by="The help desk's SLA engine: achieved and breached targets per policy",
        definition_source=WORKING_DEFINITION,
        checked=READ,
    ),
    Kpi(
        id="cost_per_ticket",
        name="Cost per ticket",
        definition=(
            "Total monthly support operating expense (people, technology, telecom, "
            "facilities, training) divided by the month's ticket volume."
        ),
        formula="monthly support operating expense / monthly ticket volume",
        unit="USD",
        direction="lower",
        benchmarks=(
            _b(
                "About $22 at Level 1, roughly tripling with each escalation level",
                "metricnet.com (cost per ticket, metric of the month); ManageEngine blog "
                "citing MetricNet",
            ),
            _b("North American range $6 to $40 or more", "ghdsi.com citing HDI"),
        ),
        measured_by="Finance cost centre for support divided by help-desk ticket counts",
        definition_source="metricnet.com, cost per ticket (metric of the month)",
        checked=READ,
    ),
    Kpi(
        id="self_service_rate",
        name="Self-service rate",
        definition=(
            "Self-service ratio: knowledge-base article views divided by tickets. Deflection: "
            "self-service resolutions divided by self-service plus assisted resolutions."
        ),
        formula="self-service resolutions / (self-service + assisted resolutions) × 100",
        unit="%",
        direction="higher",
        benchmarks=(
            _b(
                "Knowledge-base deflection is claimed to cut ticket volume 15–30% in mature "
                "setups (vendor claim)",
                "Zendesk CX Trends 2019 methodology; crmcurator.com",
                weak=True,
            ),
        ),
        measured_by="Knowledge-base analytics joined with ticket counts",
        definition_source="Zendesk CX Trends 2019 methodology",
        checked=READ,
    ),
    Kpi(
        id="volume_reduction",
        name="Ticket volume reduction",
        definition=(
            "Fall in assisted tickets against the baseline month, once self-service and "
            "automation take over repetitive requests."
        ),
        formula="(baseline monthly tickets − current monthly tickets) / baseline × 100",
        unit="%",
        direction="higher",
        benchmarks=(
            _b(
                "Knowledge-base deflection is claimed to cut ticket volume 15–30% in mature "
                "setups (vendor claim)",
                "Zendesk CX Trends 2019 methodology; crmcurator.com",
                weak=True,
            ),
        ),
        measured_by="Monthly assisted ticket counts against the baseline month",
        definition_source="Zendesk CX Trends 2019 methodology",
        checked=READ,
    ),
)
