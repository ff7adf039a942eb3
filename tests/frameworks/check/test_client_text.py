"""No client-facing text carries a placeholder, an unsourced amount, or a channel, system,
audience or language the client does not have: over the demo projects and every brief of
tests/briefs, in what the generators write (element by element, through the proposal
check's own rules) and in what a client reads (the framework page's document, the client's
version page and the PDF's HTML, as rendered)."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from discovery import scenarios
from discovery.services import answers_load
from frameworks.check import registry, run_check
from frameworks.generate import generate_framework, requirements_from_derived
from requirements_app.engine import derive
from tests.briefs.loader import briefs
from tests.reviews.conftest import invite, publish

CLIENTS: dict[str, dict[str, Any]] = {
    **{f"demo-{name}": answers for name, answers in scenarios.SCENARIOS.items()},
    **{f"brief-{b.slug}": b.answers for b in briefs()},
}

# The check's rules for what a client must never read: placeholders and leftover ids,
# amounts without a source (or the consultant's labelled estimate, or the client's own
# figure), sources without a checked date, and what the client does not have.
RULES = (
    "text.placeholder",
    "text.raw_id",
    "text.empty",
    "source.amount",
    "source.undated",
    "scope.channel",
    "scope.system",
    "scope.audience",
    "scope.language",
)

# What reads as a placeholder anywhere in a rendered document. "Other" and "None" count
# where a value belongs: on their own after a label's colon, in a list or in brackets.
PLACEHOLDER = re.compile(
    r"\bTBD\b|\bTODO\b|\bFIXME\b|\blorem\b|\bipsum\b|\(not stated\)|\bnot stated\b|"
    r"\bN/A\b|\bn/a\b|\bNaN\b|\bnull\b|\bundefined\b|\bNone\b|\{\{|\}\}|\{%|%\}|"
    r"\{[a-z_][a-z0-9_.]*\}|"
    r"(?:^|[:,(;]\s*)(?:Other|other|Something else)\s*(?=$|[,.;)])",
    re.M,
)
AMOUNT = re.compile(r"(?:US)?\$\s?\d[\d,]*(?:\.\d+)?|€\s?\d[\d,.]*|£\s?\d[\d,.]*")


def _framework(answers: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    requirements = requirements_from_derived(derive(answers))
    return generate_framework(answers, requirements), requirements


@pytest.mark.parametrize("name", sorted(CLIENTS))
def test_no_generated_element_has_a_placeholder_unsourced_amount_or_absent_scope(name):
    answers = CLIENTS[name]
    framework, requirements = _framework(answers)
    rules = [r for r in registry() if r.id in RULES]
    assert {r.id for r in rules} == set(RULES)
    result = run_check(framework, answers, requirements, today=date(2026, 12, 2), rules=rules)
    found = [f"{f.rule} @ {f.element_id}: {f.evidence}" for f in result.findings]
    assert found == []


class _DocumentText(HTMLParser):
    """The text of `<article id="document">` (the document a client reads), without
    scripts, styles and what is marked as not part of it (data-outline="skip": comment
    threads and note editors, whose words are the reviewers' and the consultant's), and
    without the traces and the appendix's answers, which quote each answer as the client
    gave it ("ERP: None")."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[tuple[bool, bool]] = []
        self._in_doc = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"img", "br", "hr", "input", "meta", "link", "source", "col", "wbr"}:
            return
        values = dict(attrs)
        doc = tag == "article" and values.get("id") == "document"
        skip = (
            tag in {"script", "style", "template"}
            or values.get("data-outline") == "skip"
            or bool({"trace", "answer-text"} & set((values.get("class") or "").split()))
        )
        self._stack.append((tag, doc, skip))  # type: ignore[arg-type]
        self._in_doc += doc
        self._skip += skip

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, doc, skip = self._stack.pop()  # type: ignore[misc]
            self._in_doc -= doc
            self._skip -= skip
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_doc and not self._skip and data.strip():
            self.parts.append(" ".join(data.split()))


def document_text(html: str) -> list[str]:
    parser = _DocumentText()
    parser.feed(html)
    return parser.parts


def _framework_strings(data: Any) -> str:
    """Every string of the generated framework, joined: what the document may print."""
    if isinstance(data, str):
        return data + "\n"
    if isinstance(data, dict):
        return "".join(_framework_strings(v) for v in data.values())
    if isinstance(data, list | tuple):
        return "".join(_framework_strings(v) for v in data)
    return ""


@pytest.fixture
def _pdf_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PDF_EMBEDDED_RUN = "sync"


@pytest.mark.usefixtures("_pdf_settings")
@pytest.mark.parametrize("name", sorted(CLIENTS))
def test_no_rendered_client_text_has_a_placeholder_or_an_amount_of_its_own(
    name, project, consultant, consultant_client, client
):
    from deliverables.jobs import deliverable_for_version

    answers_load(project=project, answers=CLIENTS[name], user=consultant)
    version = publish(project, consultant, "First version.")
    link = invite(project, consultant)
    pages = {
        "framework page": consultant_client.get(
            reverse("deliverables:framework", args=[project.pk])
        ),
        "client's version": client.get(
            reverse("deliverables:client_version", args=[link.token, version.number])
        ),
    }
    assert {n: r.status_code for n, r in pages.items()} == dict.fromkeys(pages, 200)
    html = {n: r.content.decode() for n, r in pages.items()}
    html["PDF"] = deliverable_for_version(version)
    # Amounts come from the generated elements, where the check saw each one sourced;
    # a template never adds one of its own.
    generated = _framework_strings(version.snapshot["framework"])
    for rendering, page in html.items():
        texts = document_text(page)
        assert len(texts) > 50, rendering  # the document itself was read
        placeholders = [(t, m.group(0).strip()) for t in texts for m in PLACEHOLDER.finditer(t)]
        assert placeholders == [], (rendering, placeholders[:10])
        unknown = sorted(
            {m.group(0) for t in texts for m in AMOUNT.finditer(t) if m.group(0) not in generated}
        )
        assert unknown == [], rendering
