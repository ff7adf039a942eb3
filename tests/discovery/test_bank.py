"""The question bank as data and the pure wizard logic over it (no database)."""

from __future__ import annotations

import pytest

from discovery.bank import BANK, KPIS, AnswerInvalid, QType, clean_answer
from discovery.bank.data import LIVE_KPIS, MIX_KPIS
from discovery.bank.model import Question, QuestionBank, Step, check_stored
from discovery.scenarios import CONTOSO, NORTHWIND, SCENARIOS, VERDE


def q(qid: str) -> Question:
    return BANK.questions[qid]


def visible(qid: str, answers: dict) -> bool:
    return BANK.is_visible(q(qid), answers)


# --- the bank itself ---------------------------------------------------------------------


def test_the_bank_validates_clean():
    assert BANK.validate() == []


def test_six_steps_in_order():
    assert [s.slug for s in BANK.steps] == [
        "objective",
        "context",
        "audience",
        "metrics",
        "scale",
        "integrations",
    ]
    assert [s.number for s in BANK.steps] == [1, 2, 3, 4, 5, 6]


def test_every_question_sits_in_the_step_it_names():
    for step in BANK.steps:
        assert step.questions, step.slug
        for question in step.questions:
            assert question.step == step.slug
            assert question.id.startswith(f"{step.slug}.")


def test_html_ids_are_unique():
    html_ids = [question.html_id for question in BANK.questions.values()]
    assert len(html_ids) == len(set(html_ids))


def test_there_are_at_least_twelve_follow_ups():
    follow_ups = [question for question in BANK.questions.values() if question.is_follow_up]
    assert len(follow_ups) >= 12


def test_choice_values_are_unique_per_question():
    for question in BANK.questions.values():
        values = [c.value for c in question.choices]
        assert len(values) == len(set(values)), question.id
        assert set(question.exclusive) <= set(values), question.id


def test_validate_reports_unknown_ids_forward_references_and_missing_choices():
    bank = QuestionBank(
        [
            Step(
                slug="s",
                number=1,
                title="S",
                intro="",
                questions=(
                    Question(
                        id="s.a",
                        step="s",
                        label="A",
                        type=QType.TEXT,
                        show_when={"q": "s.b", "op": "answered"},
                    ),
                    Question(id="s.b", step="s", label="B", type=QType.CHOICE),
                    Question(
                        id="s.c",
                        step="s",
                        label="C",
                        type=QType.TEXT,
                        show_when={"q": "s.zzz", "op": "answered"},
                    ),
                ),
            )
        ],
        version="test",
    )
    assert bank.validate() == [
        "s.a: shown after a later question 's.b'",
        "s.b: a choice question without choices",
        "s.c: unknown question id 's.zzz'",
    ]


def test_duplicate_question_ids_are_refused():
    question = Question(id="s.a", step="s", label="A", type=QType.TEXT)
    with pytest.raises(ValueError, match="duplicate question id 's.a'"):
        QuestionBank(
            [Step(slug="s", number=1, title="S", intro="", questions=(question, question))], "t"
        )


# --- the follow-ups the product promises -------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "follow_ups"),
    [
        ({"context.tools": ["none"]}, ["context.current_workflow"]),
        ({"context.tools": ["spreadsheets_inbox"]}, ["context.current_workflow"]),
        ({"context.channels": ["phone"]}, ["context.volume_phone", "context.phone_aht"]),
        ({"audience.type": "internal"}, ["audience.itsm"]),
        ({"audience.type": "both"}, ["audience.itsm", "audience.market"]),
        ({"scale.compliance": ["gdpr"]}, ["scale.data_residency"]),
        ({"integrations.crm": ["salesforce"]}, ["integrations.salesforce_objects"]),
        ({"integrations.crm": ["hubspot"]}, ["integrations.hubspot_objects"]),
        ({"context.channels": ["chat"]}, ["context.chat_concurrency"]),
        ({"context.channels": ["messaging"]}, ["context.messaging_apps"]),
        ({"scale.peak_factor": 1.5}, ["scale.seasonality"]),
        ({"scale.peak_factor": 4}, ["scale.seasonality", "scale.pay_for_peaks"]),
        ({"integrations.erp": ["sap"]}, ["integrations.erp_uses"]),
        ({"integrations.communication": ["slack"]}, ["integrations.communication_uses"]),
        ({"integrations.other": ["ecommerce"]}, ["integrations.ecommerce_platform"]),
    ],
)
def test_follow_up_appears_on_its_trigger_and_not_without(trigger, follow_ups):
    for qid in follow_ups:
        assert q(qid).is_follow_up
        assert visible(qid, trigger), qid
        assert not visible(qid, {}), qid


@pytest.mark.parametrize(
    ("not_triggering", "follow_up"),
    [
        ({"context.tools": ["zendesk"]}, "context.current_workflow"),
        ({"context.channels": ["email", "chat"]}, "context.volume_phone"),
        ({"context.channels": ["email", "chat"]}, "context.phone_aht"),
        ({"audience.type": "external"}, "audience.itsm"),
        ({"scale.compliance": ["none"]}, "scale.data_residency"),
        ({"integrations.crm": ["hubspot"]}, "integrations.salesforce_objects"),
        ({"integrations.crm": ["salesforce"]}, "integrations.hubspot_objects"),
        ({"integrations.crm": ["none"]}, "integrations.crm_direction"),
        ({"context.channels": ["email"]}, "context.chat_concurrency"),
        ({"context.channels": ["social"]}, "context.messaging_apps"),
        ({"scale.peak_factor": 1.49}, "scale.seasonality"),
        ({"integrations.erp": ["none"]}, "integrations.erp_uses"),
        ({"integrations.communication": ["none"]}, "integrations.communication_uses"),
        ({"integrations.other": ["billing"]}, "integrations.ecommerce_platform"),
    ],
)
def test_follow_up_stays_hidden_on_other_answers(not_triggering, follow_up):
    assert not visible(follow_up, not_triggering)


def test_existing_tool_asks_whether_it_stays_instead_of_the_workflow():
    answers = {"context.tools": ["zendesk"]}
    assert visible("context.tool_fate", answers)
    assert not visible("context.current_workflow", answers)
    assert not visible("context.tool_fate", {"context.tools": ["spreadsheets_inbox"]})


@pytest.mark.parametrize(
    ("kpi", "_label", "_unit"), [k for k in KPIS if k[0] not in LIVE_KPIS | MIX_KPIS]
)
def test_each_kpi_picked_asks_baseline_target_and_horizon(kpi, _label, _unit):
    picked = {"metrics.kpis": [kpi]}
    others = {"metrics.kpis": [k for k, _, _ in KPIS if k != kpi]}
    for part in ("baseline", "target", "horizon"):
        qid = f"metrics.{kpi}.{part}"
        assert visible(qid, picked)
        assert not visible(qid, others)
    assert q(f"metrics.{kpi}.target").needed
    assert not q(f"metrics.{kpi}.baseline").needed


def test_a_channel_volume_per_channel():
    channels = [c.value for c in q("context.channels").choices]
    for channel in channels:
        qid = f"context.volume_{channel}"
        assert visible(qid, {"context.channels": [channel]})
        assert not visible(qid, {"context.channels": [c for c in channels if c != channel]})


def test_a_follow_up_of_a_hidden_follow_up_is_hidden():
    # B2B market was answered, then the audience became internal employees: the market
    # question is gone, and so are the questions it opened.
    answers = {"audience.type": "internal", "audience.market": "b2b", "audience.accounts": 50}
    assert not visible("audience.market", answers)
    assert not visible("audience.accounts", answers)
    assert not visible("audience.contract_slas", answers)
    assert "audience.accounts" not in BANK.effective_answers(answers)
    assert visible("audience.accounts", {**answers, "audience.type": "both"})


# --- clean_answer ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1200", 1200),
        ("1,200", 1200),
        ("1 200", 1200),
        ("1_200", 1200),
        ("  42 ", 42),
        ("0", 0),
        ("1200.0", 1200),
        ("", None),
        ("   ", None),
    ],
)
def test_clean_integer(raw, expected):
    assert clean_answer(q("context.volume_email"), [raw]) == expected


def test_clean_integer_with_nothing_posted():
    assert clean_answer(q("context.volume_email"), []) is None


@pytest.mark.parametrize("raw", ["12.5", "abc", "1.2.3", "NaN", "Infinity", "12 agents"])
def test_clean_integer_refuses_what_is_not_a_whole_number(raw):
    with pytest.raises(AnswerInvalid, match=r"Enter a whole number, such as 1200\."):
        clean_answer(q("context.volume_email"), [raw])


def test_clean_integer_range_messages():
    with pytest.raises(AnswerInvalid, match=r"^Enter a number of at least 0\.$"):
        clean_answer(q("context.team_size"), ["-1"])
    with pytest.raises(AnswerInvalid, match=r"^Enter a number no greater than 100\.$"):
        clean_answer(q("objective.repetitive_share"), ["101"])
    with pytest.raises(AnswerInvalid, match=r"^Enter a number no greater than 6\.$"):
        clean_answer(q("context.chat_concurrency"), ["7"])
    with pytest.raises(AnswerInvalid, match=r"^Enter a number no greater than 10,000,000\.$"):
        clean_answer(q("context.volume_email"), ["10,000,001"])
    assert clean_answer(q("objective.repetitive_share"), ["100"]) == 100


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.5", 1.5),
        ("1,5", 1.5),  # the European way
        ("4", 4.0),
        (" 2.25 ", 2.25),
        ("1.33333333", 1.3333),
        ("", None),
    ],
)
def test_clean_decimal(raw, expected):
    assert clean_answer(q("scale.peak_factor"), [raw]) == expected


def test_clean_decimal_with_thousands_separator():
    assert clean_answer(q("metrics.cost_per_ticket.baseline"), ["1,234.5"]) == 1234.5


@pytest.mark.parametrize("raw", ["abc", "1.5x", "NaN", "inf"])
def test_clean_decimal_refuses_what_is_not_a_number(raw):
    with pytest.raises(AnswerInvalid, match=r"Enter a number, such as 2\.5\."):
        clean_answer(q("scale.peak_factor"), [raw])


def test_clean_decimal_range_messages():
    with pytest.raises(AnswerInvalid, match=r"^Enter a number of at least 1\.$"):
        clean_answer(q("scale.peak_factor"), ["0,5"])
    with pytest.raises(AnswerInvalid, match=r"^Enter a number no greater than 50\.$"):
        clean_answer(q("scale.peak_factor"), ["50.5"])
    with pytest.raises(AnswerInvalid, match=r"^Enter a number of at least 0\.5\.$"):
        clean_answer(q("context.phone_aht"), ["0.4"])
    with pytest.raises(AnswerInvalid, match=r"^Enter a number of at least -100\.$"):
        clean_answer(q("metrics.nps.target"), ["-101"])
    assert clean_answer(q("metrics.nps.target"), ["-20"]) == -20.0


def test_clean_choice():
    question = q("audience.type")
    assert clean_answer(question, ["internal"]) == "internal"
    assert clean_answer(question, [" both "]) == "both"
    assert clean_answer(question, [""]) is None
    assert clean_answer(question, []) is None
    with pytest.raises(AnswerInvalid, match=r"Pick one of the options listed\."):
        clean_answer(question, ["martians"])


def test_clean_multi_keeps_the_bank_order():
    question = q("context.channels")
    assert clean_answer(question, ["chat", "email", "phone"]) == ["email", "phone", "chat"]
    assert clean_answer(question, ["email", "email"]) == ["email"]
    assert clean_answer(question, []) is None
    assert clean_answer(question, [""]) is None


def test_clean_multi_refuses_unknown_choices():
    with pytest.raises(AnswerInvalid, match=r"Pick from the options listed\."):
        clean_answer(q("context.channels"), ["email", "pigeon"])


def test_clean_multi_refuses_none_combined_with_others():
    with pytest.raises(AnswerInvalid, match="“None” cannot be combined with other options."):
        clean_answer(q("scale.compliance"), ["gdpr", "none"])
    with pytest.raises(AnswerInvalid, match="“None beyond a SaaS tool” cannot be combined"):
        clean_answer(q("scale.needs"), ["none", "load_balancing"])
    assert clean_answer(q("scale.compliance"), ["none"]) == ["none"]


def test_clean_text():
    question = q("context.phone_system")
    assert clean_answer(question, ["  Cloud PBX  "]) == "Cloud PBX"
    assert clean_answer(question, ["   "]) is None
    assert clean_answer(question, []) is None
    assert clean_answer(q("context.process"), ["line one\r\nline two"]) == "line one\nline two"


def test_clean_text_too_long():
    question = q("context.phone_system")  # max 200
    assert clean_answer(question, ["x" * 200]) == "x" * 200
    with pytest.raises(AnswerInvalid, match=r"^Keep this under 200 characters \(it has 201\)\.$"):
        clean_answer(question, ["x" * 201])
    with pytest.raises(AnswerInvalid, match=r"Keep this under 4,000 characters \(it has 4,001\)"):
        clean_answer(q("objective.challenge_detail"), ["y" * 4001])


def test_clean_text_refuses_nul():
    with pytest.raises(AnswerInvalid, match="a character that cannot be saved"):
        clean_answer(q("context.process"), ["before\x00after"])


def test_clean_text_keeps_markup_as_text():
    text = "<script>alert(1)</script>"
    assert clean_answer(q("context.process"), [text]) == text


# --- display -----------------------------------------------------------------------------


def test_display():
    assert q("context.channels").display(["email", "messaging"]) == "Email, Messaging apps and SMS"
    assert q("audience.type").display("internal") == "Internal employees"
    assert q("context.volume_email").display(1200) == "1,200 / month"
    assert q("scale.peak_factor").display(1.5) == "1.5×"
    assert q("scale.peak_factor").display(4.0) == "4×"
    assert q("metrics.csat.target").display(100) == "100%"
    assert q("context.process").display("As is") == "As is"
    assert q("context.process").display(None) == ""
    assert q("context.channels").display([]) == ""


# --- effective answers, progress, gaps, completeness -------------------------------------


def test_effective_answers_drop_hidden_follow_ups_and_empties():
    answers = {
        "context.tools": ["zendesk"],
        # answered while the tools were "none", then the trigger was withdrawn
        "context.current_workflow": "A shared inbox",
        "context.channels": ["email"],
        "context.volume_email": 900,
        "context.volume_phone": 300,  # phone was unticked
        "context.process": "",
        "audience.languages": [],
    }
    effective = BANK.effective_answers(answers)
    assert effective == {
        "context.tools": ["zendesk"],
        "context.channels": ["email"],
        "context.volume_email": 900,
    }
    # Bank order, whatever order they came in.
    assert list(BANK.effective_answers(dict(reversed(answers.items())))) == list(effective)


def test_effective_answers_bring_a_follow_up_back_with_its_trigger():
    answers = {"context.tools": ["none"], "context.current_workflow": "A shared inbox"}
    assert BANK.effective_answers(answers)["context.current_workflow"] == "A shared inbox"


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenarios_are_complete_and_have_no_gaps(name):
    answers = SCENARIOS[name]
    assert set(answers) <= set(BANK.questions)
    assert BANK.gaps(answers) == []
    assert BANK.completeness(answers) == 100
    # Nothing in a brief is an answer to a question that does not apply.
    assert BANK.effective_answers(answers) == answers


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario_answers_are_valid_wizard_answers(name):
    for qid, value in SCENARIOS[name].items():
        question = q(qid)
        if question.type is QType.MULTI:
            # The wizard stores choices in bank order; the briefs list them by priority.
            assert sorted(check_stored(question, value)) == sorted(value), qid
        else:
            assert check_stored(question, value) == value, qid


def test_nothing_answered():
    assert BANK.completeness({}) == 0
    gaps = {question.id for question in BANK.gaps({})}
    assert "objective.challenge" in gaps
    assert "context.channels" in gaps
    # Follow-ups are not gaps until their trigger is answered.
    assert "context.current_workflow" not in gaps
    assert "scale.data_residency" not in gaps
    assert all(not BANK.questions[qid].is_follow_up for qid in gaps)


def test_removing_an_answer_opens_a_gap_and_lowers_completeness():
    answers = {k: v for k, v in NORTHWIND.items() if k != "context.team_size"}
    assert [question.id for question in BANK.gaps(answers)] == ["context.team_size"]
    assert 90 <= BANK.completeness(answers) < 100


def test_a_trigger_adds_its_needed_follow_up_as_a_gap():
    answers = {**NORTHWIND, "context.channels": ["email", "chat", "phone"]}
    assert [question.id for question in BANK.gaps(answers)] == [
        "context.volume_phone",
        "context.phone_aht",
    ]
    # An optional follow-up (phone system) is not a gap.
    assert visible("context.phone_system", answers)


def test_completeness_is_a_rounded_percentage_of_needed_visible_questions():
    needed = [x for x in BANK.questions.values() if x.needed and visible(x.id, NORTHWIND)]
    removed = {"objective.challenge_detail", "context.team_size", "scale.budget"}
    answers = {k: v for k, v in NORTHWIND.items() if k not in removed}
    assert removed <= {x.id for x in needed}
    assert BANK.completeness(answers) == round(100 * (len(needed) - 3) / len(needed))


def test_step_progress():
    context = BANK.step("context")
    answered, total = BANK.step_progress(context, {})
    assert answered == 0
    assert total == sum(1 for question in context.questions if not question.is_follow_up)
    answered, total = BANK.step_progress(context, CONTOSO)
    assert total == len(BANK.visible_questions(context, CONTOSO))
    assert answered == sum(1 for qid in CONTOSO if qid.startswith("context."))
    assert "context.volume_phone" in {x.id for x in BANK.visible_questions(context, CONTOSO)}
    assert "context.volume_chat" not in {x.id for x in BANK.visible_questions(context, CONTOSO)}


def test_verde_scenario_shows_the_peak_and_phone_follow_ups():
    assert visible("scale.seasonality", VERDE)
    assert visible("scale.pay_for_peaks", VERDE)
    assert visible("context.phone_aht", VERDE)
    assert visible("integrations.ecommerce_platform", VERDE)
    assert not visible("audience.itsm", VERDE)


def test_contoso_scenario_is_internal_it():
    assert visible("audience.itsm", CONTOSO)
    assert not visible("audience.market", CONTOSO)
    assert visible("scale.audit_trail", CONTOSO)
    assert visible("integrations.erp_uses", CONTOSO)


# --- navigation --------------------------------------------------------------------------


def test_navigation():
    assert BANK.first_step().slug == "objective"
    assert BANK.previous_step("objective") is None
    assert BANK.next_step("objective").slug == "context"
    assert BANK.previous_step("context").slug == "objective"
    assert BANK.next_step("scale").slug == "integrations"
    assert BANK.next_step("integrations") is None
    walked = [BANK.first_step().slug]
    while (following := BANK.next_step(walked[-1])) is not None:
        walked.append(following.slug)
    assert walked == [step.slug for step in BANK.steps]


def test_unknown_step_is_a_key_error():
    with pytest.raises(KeyError):
        BANK.step("nope")


@pytest.mark.parametrize(
    ("answers", "shown"),
    [
        ({"scale.obligations": ["other"]}, True),
        # An "Other" sector rule (a housing ombudsman's code) is asked for in words too.
        ({"scale.obligations": ["sector"], "scale.sector_rules": ["other"]}, True),
        ({"scale.obligations": ["sector"], "scale.sector_rules": ["fca"]}, False),
        ({"scale.obligations": ["retention"]}, False),
    ],
)
def test_an_other_obligation_or_sector_rule_is_asked_in_the_clients_words(answers, shown):
    assert BANK.visibility(answers)["scale.obligations_other"] is shown
