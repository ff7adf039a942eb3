"""Print's traces: each basis said once per table or section, naming the rows it covers;
a basis already said in the section is referred to, never listed again; on the web every
element keeps its own trace."""

from __future__ import annotations

from html import unescape

from django.template import Context, Template

SLA = {"requirements": ["FR-SLA-001", "FR-SLA-002"], "answers": []}
CHANNELS = {"requirements": [], "answers": ["context.channels"]}
QUESTIONS = {"context.channels": {"label": "Through which channels do requests arrive?"}}

TABLE = (
    "{% load frameworks %}"
    "{% for e in rows %}{% trace_sentence e questions e.title %}{% endfor %}"
    '{% trace_flush "Every row" %}'
    "{% for e in paragraphs %}{% trace_sentence e questions %}{% endfor %}"
    "{% trace_section_end %}"
)


def render(rows, paragraphs=(), memo=None):
    context = Context(
        {
            "rows": rows,
            "paragraphs": list(paragraphs),
            "questions": QUESTIONS,
            "trace_memo": {} if memo is None else memo,
        }
    )
    return unescape(Template(TABLE).render(context))


def row(title, trace):
    return {"id": f"workflow.sla.{title}", "title": title, "trace": trace}


def test_one_basis_under_a_table_is_said_once_for_every_row():
    html = render([row("P1 Critical", SLA), row("P2 High", SLA), row("P3 Normal", SLA)])
    assert html == '<p class="trace">Every row: because of FR-SLA-001 and FR-SLA-002.</p>'


def test_rows_on_different_bases_are_grouped_by_basis_in_order():
    html = render([row("P1 Critical", SLA), row("Email", CHANNELS), row("P2 High", SLA)])
    assert html == (
        '<p class="trace">P1 Critical and P2 High: because of FR-SLA-001 and FR-SLA-002.</p>'
        '<p class="trace">Email: because of the answer to '
        "“Through which channels do requests arrive?”.</p>"
    )


def test_a_basis_said_under_a_table_is_referred_to_at_the_sections_end():
    paragraph = {"id": "workflow.note", "title": "Reply targets", "trace": SLA}
    other = {"id": "workflow.other", "title": "Channels", "trace": CHANNELS}
    html = render([row("P1 Critical", SLA), row("P2 High", SLA)], [paragraph, other])
    assert html.count("FR-SLA-001") == 1
    assert "Reply targets: because of the same requirements as the rows of the table above." in html
    assert "same basis" not in html.lower()


def test_the_next_section_starts_afresh():
    memo: dict = {}
    render([row("P1 Critical", SLA), row("P2 High", SLA)], memo=memo)
    again = render([row("P1 Critical", SLA), row("P2 High", SLA)], memo=memo)
    assert again.count("FR-SLA-001") == 1


def test_on_the_web_each_element_keeps_its_own_trace():
    context = Context({"e": row("P1 Critical", SLA), "questions": QUESTIONS, "trace_memo": None})
    text = Template("{% load frameworks %}{% trace_sentence e questions 'P1 Critical' %}").render(
        context
    )
    assert text == "P1 Critical: because of FR-SLA-001 and FR-SLA-002."
