"""What an auditor of support operations looks for (COPC CX Standard, HDI Support Center
Standard, KCS v6), as data: for each practice, what the plan says at each size of team,
with the standard it answers to. `frameworks.generators.operations` fills in the client's
own figures. Sources from `../shared/reference/operations-anchors.md` section 2 (read
2026-12-01).

Sizes: `small` (a team of up to 10 people), `medium` (11 to 50), `large` (over 50: a
contact centre). A small team gets one paragraph per practice; a contact centre gets the
full plan (roles, cadences, samples, tools).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PRACTICES_VERSION = "1"
READ = date(2026, 12, 1)

SIZES = (("small", 10), ("medium", 50), ("large", 10**9))

COPC = "COPC CX Standard, Release 7.0 (copc.com; table of contents via pdfcoffee.com)"
HDI = "HDI Support Center Standard v5 (thinkhdi.com; fdocuments.in copy)"
KCS = "KCS v6 Practices Guide, Consortium for Service Innovation (library.serviceinnovation.org/KCS_Practices_Guide_v6)"
KCS_ADOPTION = "KCS v6 Adoption Guide (serviceinnovation.mindtouch.us/KCS_v6_Adoption_Guide)"
NICE = "NICE CXone intraday management (niceincontact.com/blog/intraday-management-gps-for-the-contact-center)"


@dataclass(frozen=True)
class Practice:
    key: str
    title: str
    anchor: str  # the standard's item it answers to
    source: str
    # Sentences per size, as whole format strings with named placeholders (translatable):
    # {team}, {leads}, {sample}, {cadence}, {survey}, {live}, {channels}, {customer} (the
    # people who ask for help: "employee" for an internal desk, else "customer").
    text: dict[str, str]


PRACTICES: tuple[Practice, ...] = (
    Practice(
        "voc",
        "Voice of the {customer}",
        "COPC 2.0 Gathering and Analyzing Customer Information; HDI Customer Satisfaction",
        COPC,
        {
            "small": (
                "Ask {survey} after each solved request, one question and a comment box. "
                "The team reads every low score and comment in its weekly meeting, answers "
                "the person who gave it, and turns what repeats into a knowledge article or "
                "a fix."
            ),
            "medium": (
                "Ask {survey} after each solved request, and once a quarter a short survey "
                "of how easy support is to use. A team lead reads every low score within two "
                "working days and calls back; each {cadence} review groups the comments "
                "into themes, and each theme gets an owner and an action in the "
                "corrective-action log."
            ),
            "large": (
                "A voice-of-the-{customer} programme: {survey} after each contact on "
                "{channels}, a quarterly relationship survey, complaints logged as their "
                "own type, and searches that found nothing. A named owner reports the "
                "themes {cadence} with their volume and cost, low scores are called back "
                "within two working days, and each theme becomes an action in the "
                "corrective-action log with a date to measure it again."
            ),
        },
    ),
    Practice(
        "quality",
        "Quality management",
        "COPC Quality Management; HDI Process and Procedure",
        COPC,
        {
            "small": (
                "No separate quality team: each month the lead reads {sample} requests per "
                "person against a one-page checklist (right answer, complete, tone, "
                "documented), and the team discusses one good and one poor example."
            ),
            "medium": (
                "A quality checklist scored on {sample} requests per agent a month, chosen "
                "at random across channels, by team leads. Leads calibrate monthly: all "
                "score the same five requests and settle differences, so a score means the "
                "same whoever gives it. Results feed coaching, never a ranking."
            ),
            "large": (
                "A quality team of about one analyst per {qa_ratio} agents (an assumption to "
                "set with the operation) scores {sample} contacts per agent a month on a "
                "weighted scorecard, separating errors that harm the {customer}, the business "
                "and compliance. Calibration sessions weekly with leads and analysts; "
                "scores feed coaching plans, and the errors that repeat feed the "
                "corrective-action loop."
            ),
        },
    ),
    Practice(
        "knowledge",
        "Knowledge management (KCS)",
        "KCS v6 Solve Loop (capture, structure, reuse, improve) and Evolve Loop "
        "(content health, process integration, performance assessment)",
        KCS,
        {
            "small": (
                "Knowledge the KCS way: whoever solves a request searches the knowledge "
                "base first, links the article used, and writes or corrects one when none "
                "fits, while solving, not later. Articles start as drafts, become "
                "validated once used, and are archived when the product changes. Watch two "
                "figures: the share of requests with a linked article, and searches that "
                "found nothing."
            ),
            "medium": (
                "KCS Solve Loop in every request (search, link, create or improve while "
                "solving) and an Evolve Loop run by a knowledge owner: article states "
                "(work in progress, not validated, validated, archived), a content "
                "standard, a {cadence} review of content health. KPIs: link rate, reuse, "
                "articles created and improved per agent, self-service success. Target "
                "from the KCS adoption guide: resolution times 25–50% shorter in 3 to 9 "
                "months."
            ),
            "large": (
                "KCS across the centre: Solve Loop in every contact; KCS coaches (about one "
                "per ten to fifteen agents during adoption, an assumption) and a knowledge "
                "domain expert per product area; licensing of agents as candidate, "
                "contributor and publisher; article states and a content standard; content "
                "health measured {cadence}; self-service success tracked against the 85/85 "
                "goal of the KCS adoption guide."
            ),
        },
    ),
    Practice(
        "people",
        "People: roles, hiring, training and satisfaction",
        "COPC 3.0 People; HDI Staff Management and Staff Satisfaction",
        HDI,
        {
            "small": (
                "Roles: {team} people who all work requests, one of them the lead who owns "
                "the queue, the knowledge base and the monthly figures. A new person "
                "shadows for a week, then works requests with a reviewer until their "
                "checklist scores hold. Ask the team once a quarter how the work is going "
                "(a short anonymous pulse) and act on it."
            ),
            "medium": (
                "Roles: agents, {leads} team leads (one per eight to twelve agents, an "
                "assumption), a knowledge owner and someone who plans staffing. Hiring "
                "follows the staffing plan ({team} people) with lead time for training. "
                "Onboarding: product and tools, then supervised work until proficiency is "
                "shown on the quality checklist. Staff satisfaction surveyed each quarter, "
                "with attrition and absence tracked as KPIs."
            ),
            "large": (
                "An organisation chart: agents by skill, {leads} team leads, quality "
                "analysts, KCS coaches, workforce planners and real-time analysts, and a "
                "trainer per intake. Hiring in waves ahead of the staffing plan's growth "
                "({team} people), with a training curriculum, a proficiency test before "
                "live work and nesting under a coach. Career steps, an engagement survey "
                "twice a year, and attrition, absence and training hours on the scorecard."
            ),
        },
    ),
    Practice(
        "intraday",
        "Intraday management",
        "COPC 2.0 Scheduling and Real Time Management",
        COPC,
        {
            "small": (
                "The lead checks the queue at set times each day ({checks}) against the "
                "response targets and moves people onto it when it ages; a request close to "
                "breaching its target is flagged to whoever is free."
            ),
            "medium": (
                "Someone on each shift watches {live} against the half-hour plan: when "
                "arrivals run above plan, pause off-queue work (training, projects) first, "
                "then move people between channels; when below, bring that work forward. "
                "Each change is logged, and the log feeds the next week's forecast."
            ),
            "large": (
                "Real-time analysts watch every queue against the half-hour plan and "
                "reforecast the rest of the day from the morning's actuals, with a playbook "
                "of agreed moves (pause training and meetings, move skills, offer overtime "
                "or voluntary time off) and thresholds that trigger each; every move is "
                "logged and reviewed against service level and abandonment at day's end."
            ),
        },
    ),
    Practice(
        "corrective_action",
        "Corrective action and continuous improvement",
        "COPC Corrective Action & Continuous Improvement; KCS Evolve Loop",
        COPC,
        {
            "small": (
                "A shared list of what went wrong (a missed target, a complaint, a repeated "
                "question), each with its cause, the fix, who does it and by when. Reviewed "
                "in the {cadence} meeting until the figure that showed the problem is back "
                "on target."
            ),
            "medium": (
                "A corrective-action log fed by KPI breaches, low satisfaction themes, "
                "quality findings and repeated contacts: each entry gets a root cause (five "
                "whys), an owner, a date and the measure that will show it worked; the "
                "{cadence} review closes entries only when that measure holds."
            ),
            "large": (
                "A formal corrective-action process: triggers defined per KPI (a target "
                "missed two periods running), root-cause analysis with the data, an action "
                "plan with owner and date, verification that the KPI recovered, and the "
                "open actions reported {cadence} to management; improvement projects chosen "
                "by the cost of the problem."
            ),
        },
    ),
)
