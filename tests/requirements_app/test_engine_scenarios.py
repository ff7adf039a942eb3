"""Scenario table: a client's answers in, requirement codes and their priorities out.

Engine only, no database. A changed rule shows up here as a changed row, which is the
point: the reviewer sees what the change does to each client.
"""

from __future__ import annotations

from typing import Any

import pytest

from discovery.bank import BANK, QType
from discovery.bank.model import check_stored
from discovery.scenarios import CONTOSO, NORTHWIND, VERDE
from requirements_app.engine import derive
from tests.requirements_app.clients import HARBOR_CLINIC, PIXELPRESS

SCENARIOS: list[Any] = [
    pytest.param(
        NORTHWIND,
        {
            "FR-TKT-001": "must", "FR-TKT-002": "must", "FR-TKT-008": "must", "FR-TKT-011": "should",
            "FR-PRI-001": "must", "FR-PRI-002": "must", "FR-PRI-006": "must", "FR-KB-001": "must",
            "FR-KB-002": "must", "FR-KB-003": "must", "FR-CHN-002": "must", "FR-CHN-005": "must",
            "FR-INT-001": "must", "FR-INT-003": "must", "FR-INT-007": "must", "FR-INT-011": "must",
            "FR-INT-013": "should", "FR-INT-014": "must", "FR-RPT-001": "must", "FR-RPT-002": "should",
            "FR-RPT-003": "must", "FR-RPT-005": "should", "FR-RPT-008": "should", "FR-RPT-011": "must",
            "FR-RPT-013": "must", "FR-RPT-020": "must", "FR-SLA-001": "must", "FR-SLA-007": "must", "FR-SLA-003": "must",
            "FR-SEC-001": "should", "FR-LOC-002": "must", "NFR-SEC-001": "must", "NFR-SEC-009": "must",
            "NFR-UX-001": "must", "NFR-UX-002": "must", "NFR-UX-004": "must", "NFR-UX-007": "should",
            "NFR-AVL-001": "must", "NFR-PRF-001": "must", "NFR-SCL-001": "must", "NFR-SCL-008": "must",
            "NFR-DAT-001": "must", "NFR-DAT-002": "must", "NFR-DAT-003": "should",
            "NFR-LOC-001": "must", "NFR-CST-001": "must", "NFR-DEL-001": "should",
            "NFR-DEL-002": "must",
            "FR-PRI-010": "should", "NFR-SEC-018": "must",
        },
        id="northwind-b2b-saas-email-only",
    ),
    pytest.param(
        VERDE,
        {
            "FR-TKT-001": "must", "FR-TKT-002": "must", "FR-TKT-006": "should", "FR-TKT-007": "must",
            "FR-TKT-009": "must", "FR-PRI-001": "must", "FR-PRI-002": "must", "FR-PRI-004": "must",
            "FR-KB-001": "should", "FR-KB-002": "should", "FR-CHN-001": "must", "FR-CHN-002": "must",
            "FR-CHN-003": "must", "FR-CHN-004": "must", "FR-CHN-005": "must", "FR-CHN-007": "must",
            "FR-CHN-008": "must", "FR-CHN-009": "should", "FR-AUT-001": "must", "FR-AUT-003": "must",
            "FR-AUT-006": "should", "FR-AUT-007": "must", "FR-AUT-010": "could", "FR-INT-006": "must",
            "FR-INT-009": "should", "FR-INT-010": "must", "FR-INT-012": "must", "FR-INT-013": "should",
            "FR-INT-014": "must", "FR-RPT-001": "must", "FR-RPT-002": "must", "FR-RPT-003": "must",
            "FR-RPT-004": "must", "FR-RPT-005": "should", "FR-RPT-010": "must", "FR-RPT-013": "must",
            "FR-RPT-019": "should", "FR-SLA-001": "must", "FR-SLA-007": "must", "FR-SLA-003": "must", "FR-DAT-001": "should",
            "FR-LOC-002": "should", "NFR-SEC-001": "must", "NFR-SEC-002": "must",
            "NFR-SEC-009": "must", "NFR-UX-001": "must", "NFR-UX-002": "must", "NFR-UX-006": "must",
            "NFR-UX-007": "must", "NFR-AVL-001": "must", "NFR-PRF-001": "must", "NFR-PRF-002": "must",
            "NFR-PRF-003": "must", "NFR-SCL-001": "must", "NFR-SCL-003": "must", "NFR-SCL-004": "must",
            "NFR-SCL-008": "must", "NFR-DAT-002": "must", "NFR-DAT-003": "should",
            "NFR-DAT-004": "should", "NFR-LOC-001": "must", "NFR-LOC-003": "must",
            "NFR-CST-001": "must", "NFR-CST-003": "must", "NFR-DEL-001": "must",
            "FR-PRI-010": "should", "FR-RPT-022": "must", "FR-RPT-024": "should", "NFR-SCL-010": "must",
        },
        id="verde-b2c-ecommerce-seasonal-peaks",
    ),
    pytest.param(
        CONTOSO,
        {
            "FR-TKT-001": "must", "FR-TKT-002": "must", "FR-TKT-004": "must", "FR-TKT-006": "should",
            "FR-TKT-007": "must", "FR-TKT-010": "should", "FR-PRI-001": "must", "FR-PRI-004": "must",
            "FR-PRI-005": "must", "FR-PRI-006": "must", "FR-KB-001": "must", "FR-KB-002": "must",
            "FR-KB-003": "must", "FR-KB-005": "must", "FR-CHN-002": "must", "FR-CHN-003": "must",
            "FR-CHN-010": "should", "FR-CHN-011": "must", "FR-ITS-001": "must", "FR-ITS-002": "must",
            "FR-ITS-004": "must", "FR-ITS-005": "must", "FR-ITS-006": "must", "FR-AUT-001": "must",
            "FR-AUT-002": "must", "FR-AUT-009": "should", "FR-INT-004": "must", "FR-INT-006": "must",
            "FR-INT-007": "must", "FR-INT-014": "must", "FR-RPT-001": "must", "FR-RPT-002": "must",
            "FR-RPT-012": "must", "FR-RPT-014": "must", "FR-RPT-015": "must", "FR-SLA-002": "must",
            "FR-SEC-001": "must", "FR-LOC-002": "must", "NFR-SEC-001": "must", "NFR-SEC-006": "must",
            "NFR-SEC-008": "must", "NFR-SEC-009": "must", "NFR-UX-001": "must", "NFR-UX-002": "must",
            "NFR-UX-005": "should", "NFR-AVL-001": "must", "NFR-AVL-004": "should",
            "NFR-PRF-001": "must", "NFR-SCL-001": "should", "NFR-SCL-008": "must",
            "NFR-SCL-009": "should", "NFR-DAT-001": "must", "NFR-DAT-002": "must",
            "NFR-DAT-003": "should", "NFR-LOC-001": "must", "NFR-LOC-003": "must",
            "NFR-CST-001": "must", "NFR-DEL-002": "must",
            "FR-PRI-010": "must", "FR-SLA-005": "must", "NFR-SEC-018": "must",
        },
        id="contoso-internal-it-itsm",
    ),
    pytest.param(
        HARBOR_CLINIC,
        {
            "FR-TKT-001": "must", "FR-TKT-002": "must", "FR-TKT-004": "must", "FR-TKT-009": "must",
            "FR-PRI-001": "must", "FR-PRI-005": "must", "FR-KB-001": "must", "FR-KB-002": "should",
            "FR-CHN-001": "must", "FR-CHN-002": "must", "FR-CHN-003": "must", "FR-CHN-012": "must",
            "FR-ITS-001": "must", "FR-ITS-002": "must", "FR-INT-008": "should", "FR-INT-012": "must",
            "FR-INT-013": "should", "FR-INT-014": "must", "FR-RPT-001": "must", "FR-RPT-002": "must",
            "FR-RPT-005": "must", "FR-RPT-008": "must", "FR-RPT-011": "must", "FR-RPT-016": "must",
            "FR-SLA-001": "must", "FR-SLA-007": "must", "FR-SLA-002": "must", "FR-SEC-001": "must", "FR-DAT-001": "must",
            "FR-LOC-002": "should", "NFR-SEC-003": "must", "NFR-SEC-004": "must",
            "NFR-SEC-008": "must", "NFR-SEC-009": "must", "NFR-UX-001": "must", "NFR-UX-002": "must",
            "NFR-UX-005": "should", "NFR-UX-006": "must", "NFR-UX-007": "must", "NFR-AVL-001": "must",
            "NFR-AVL-002": "must", "NFR-AVL-003": "should", "NFR-AVL-004": "must",
            "NFR-AVL-005": "must", "NFR-PRF-001": "must", "NFR-SCL-001": "should",
            "NFR-SCL-003": "must", "NFR-SCL-006": "must", "NFR-SCL-009": "must", "NFR-DAT-001": "must",
            "NFR-DAT-002": "must", "NFR-DAT-003": "must", "NFR-DAT-004": "should",
            "NFR-LOC-001": "must", "NFR-CST-001": "must",
            "FR-PRI-010": "should",
        },
        id="harbor-hipaa-clinic-self-hosted-24x7",
    ),
    pytest.param(
        PIXELPRESS,
        {
            "FR-TKT-001": "must", "FR-TKT-002": "must", "FR-TKT-008": "must", "FR-PRI-001": "must",
            "FR-KB-001": "should", "FR-KB-002": "should", "FR-CHN-002": "must", "FR-INT-014": "should",
            "FR-RPT-001": "must", "FR-RPT-002": "must", "FR-RPT-005": "must", "FR-RPT-011": "should",
            "FR-SLA-001": "must", "FR-SLA-002": "must", "FR-SLA-003": "must", "NFR-SEC-009": "must",
            "NFR-UX-001": "must", "NFR-UX-002": "must", "NFR-UX-004": "must", "NFR-UX-007": "should",
            "NFR-AVL-001": "should", "NFR-PRF-001": "must", "NFR-SCL-001": "should",
            "NFR-DAT-003": "should", "NFR-DAT-004": "should", "NFR-CST-001": "must",
            "NFR-CST-002": "must", "NFR-DEL-002": "must",
        },
        id="pixelpress-two-person-startup-minimal-budget",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), SCENARIOS)
def test_it_derives_the_expected_codes_and_priorities(answers, expected):
    derived = {r.code: r.priority for r in derive(answers)}

    assert derived == expected


@pytest.mark.parametrize("answers", [p.values[0] for p in SCENARIOS], ids=[p.id for p in SCENARIOS])
def test_scenario_answers_are_what_the_wizard_would_store(answers):
    # Guards the tables against answers the wizard could never save (a typo'd choice).
    for qid, value in answers.items():
        question = BANK.questions[qid]
        if question.type is QType.MULTI:
            assert set(check_stored(question, value)) == set(value), qid
        elif question.type in (QType.INTEGER, QType.DECIMAL):
            assert float(check_stored(question, value)) == float(value), qid
        else:
            assert check_stored(question, value) == value, qid
