"""The framework's section generators, one module per section, in presentation order."""

from __future__ import annotations

from . import (
    action_plan,
    architecture,
    business_case,
    executive,
    metrics,
    operations,
    scalability,
    staffing,
    summary,
    tools,
    workflow,
)
from .base import Context, RequirementInput

# The executive summary is built last, from the others (it opens the document: outline.py).
SECTIONS = (
    summary,
    architecture,
    tools,
    scalability,
    workflow,
    staffing,
    metrics,
    operations,
    business_case,
    action_plan,
    executive,
)
SECTION_KEYS = (
    "summary",
    "architecture",
    "tools",
    "scalability",
    "workflow",
    "staffing",
    "metrics",
    "operations",
    "business_case",
    "action_plan",
    "executive",
)

__all__ = ["SECTIONS", "SECTION_KEYS", "Context", "RequirementInput"]
