"""Hard constraints in the scoring, at their cause: hosting, where data is kept, a BAA and
certifications, a tool kept or replaced, gaps in what the client needs. Unknown stays
unknown: it is something to confirm, never a yes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from discovery.scenarios import NORTHWIND, VERDE
from frameworks.catalogue import PLATFORMS, PLATFORMS_BY_ID
from frameworks.scoring import Req, score_platforms
from requirements_app.engine import derive
from tests.requirements_app.clients import HARBOR_CLINIC

US_SAAS = {
    **NORTHWIND,
    "audience.regions": ["north_america"],
    "scale.data_residency": "us",
    "scale.deployment": "cloud",
}


def test_a_vendor_hosting_outside_the_required_region_is_never_the_hosted_pick():
    result = score_platforms(US_SAAS)
    zammad = result.row("zammad")
    # Zammad hosts in German data centres and the client keeps data in the USA as SaaS.
    assert zammad.excluded
    assert "outside the USA" in zammad.exclusion_reason
    assert "German data centres" in zammad.exclusion_reason
    assert "zammad" not in result.shortlist_ids
    # Intercom's US region is in our sources: confirmed, nothing to ask.
    intercom = result.row("intercom")
    assert "vendor hosting in the USA" in intercom.criterion("deployment").reason
    assert "data kept in the USA" not in intercom.confirm


def test_self_hosting_keeps_the_data_where_the_client_hosts_it():
    result = score_platforms({**US_SAAS, "scale.deployment": "no_preference"})
    zammad = result.row("zammad")
    assert not zammad.excluded
    assert zammad.deployment == "self_hosted"
    assert "data kept in the USA by hosting it there" in zammad.criterion("deployment").reason


def test_an_unknown_region_is_to_confirm_not_a_yes():
    result = score_platforms(US_SAAS)
    freshdesk = result.row("freshdesk")
    assert "data kept in the USA" in freshdesk.confirm
    reason = freshdesk.criterion("deployment").reason
    assert "not in our sources: confirm with the vendor" in reason
    # It scores below a platform whose region is confirmed, all else alike.
    assert (
        freshdesk.criterion("deployment").score
        < result.row("intercom").criterion("deployment").score
    )


def test_a_baa_the_vendor_refuses_closes_its_hosted_service():
    answers = {**HARBOR_CLINIC, "scale.deployment": "cloud", "scale.data_residency": "us"}
    refusing = replace(
        PLATFORMS_BY_ID["zendesk"],
        id="refuses",
        baa=False,
        baa_fact=PLATFORMS_BY_ID["zendesk"].baa_fact,
    )
    result = score_platforms(answers, platforms=(*PLATFORMS, refusing))
    row = result.row("refuses")
    assert row.excluded
    assert "does not sign a BAA" in row.exclusion_reason
    zendesk = result.row("zendesk")
    assert "Business Associate Agreement" in zendesk.criterion("compliance").reason
    unknown = result.row("zoho_desk")
    assert PLATFORMS_BY_ID["zoho_desk"].baa is None
    assert "a signed BAA" in unknown.confirm
    assert unknown.criterion("compliance").score < zendesk.criterion("compliance").score


def test_certifications_in_our_sources_count_others_are_to_confirm():
    answers = {**NORTHWIND, "scale.compliance": ["soc2"], "scale.data_residency": "anywhere"}
    result = score_platforms(answers)
    assert "SOC 2 confirmed" in result.row("zendesk").criterion("compliance").reason
    assert "SOC 2 for the hosted service" in result.row("freshdesk").confirm


def test_a_kept_tool_is_the_recommendation_whatever_the_others_score():
    answers = {**VERDE, "context.tools": ["intercom"], "context.tool_fate": "keep"}
    result = score_platforms(answers)
    assert result.shortlist_ids == ("intercom",)
    assert result.shortlist[0].kept
    zammad = next(r for r in result.rejected if r.platform_id == "zammad")
    assert "keeps Intercom" in zammad.reason


def test_a_kept_tool_outside_the_catalogue_leaves_no_replacement_shortlist():
    answers = {
        **VERDE,
        "context.tools": ["other"],
        "context.tools_other": "ConnectWise PSA",
        "context.tool_fate": "keep",
    }
    result = score_platforms(answers)
    assert result.shortlist == ()
    assert result.kept_elsewhere == ("ConnectWise PSA",)
    assert all("keeps ConnectWise PSA" in r.reason for r in result.rejected if not r.excluded)


def test_a_saas_client_is_never_priced_on_software_it_would_host():
    result = score_platforms({**NORTHWIND, "scale.budget": "minimal"})
    for row in result.matrix:
        if not row.excluded:
            assert row.deployment == "cloud", row.platform_id
    osticket = result.row("osticket")
    assert osticket.excluded
    assert "runs no servers" in osticket.exclusion_reason


def test_the_shortlist_prefers_platforms_without_a_gap():
    result = score_platforms(VERDE)
    best_gaps = min(len(r.gaps) for r in result.matrix if not r.excluded)
    assert all(len(result.row(pid).gaps) == best_gaps for pid in result.shortlist_ids[:1])
    for rec in result.shortlist:
        assert not any(
            "no " in c and "in our sources" not in c
            for c in rec.cautions
            if c.startswith("channels")
        ), rec


@pytest.mark.parametrize("priority", ["must", "should"])
def test_a_requirement_written_by_hand_is_a_constraint_when_it_is_a_must(priority):
    requirements = [*derive(NORTHWIND)]
    base = score_platforms(NORTHWIND, requirements)
    manual = Req("NFR-MAN-001", priority, {"residency": "us"})
    # The derived EU residency dismissed, a hand-written US one in its place.
    kept = [r for r in requirements if r.code != "NFR-DAT-001"]
    result = score_platforms(NORTHWIND, [*kept, manual])
    assert result.needs.region == "us"
    assert result.needs.region_hard is (priority == "must")
    assert "NFR-MAN-001" in result.requirement_codes
    zammad = result.row("zammad")
    if priority == "must":
        assert zammad.excluded  # SaaS, and Zammad hosts outside the USA
    else:
        assert not zammad.excluded
        assert (
            zammad.criterion("deployment").score < base.row("zammad").criterion("deployment").score
        )


def test_dismissing_the_hosting_requirement_relaxes_it():
    requirements = [r for r in derive(NORTHWIND) if r.code != "NFR-SCL-008"]
    result = score_platforms(NORTHWIND, requirements)
    assert result.needs.hosting is None
    assert (
        not result.row("osticket").exclusion_reason
        or "runs no servers" not in result.row("osticket").exclusion_reason
    )


def test_named_places_are_where_data_may_be_kept():
    answers = {
        **US_SAAS,
        "scale.data_residency": "named",
        "scale.residency_places": ["DE"],
    }
    result = score_platforms(answers)
    assert result.needs.regions == ("de",)
    assert result.needs.region_hard
    # Zammad's German data centres keep data in Germany; "hosted in the EU" would not say so.
    zammad = result.row("zammad")
    assert not zammad.excluded
    assert "vendor hosting in Germany" in zammad.criterion("deployment").reason
    assert (
        "data kept in Germany" in result.row("intercom").confirm or result.row("intercom").excluded
    )
    canada_or_us = score_platforms({**answers, "scale.residency_places": ["CA", "US"]})
    assert canada_or_us.needs.regions == ("ca", "us")
    assert (
        "vendor hosting in Canada or the USA"
        in canada_or_us.row("intercom").criterion("deployment").reason
    )
