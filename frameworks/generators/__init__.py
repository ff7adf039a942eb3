"""The framework's section generators, one module per section, in presentation order."""

from __future__ import annotations

from . import (
    action_plan,
    architecture,
    metrics,
    scalability,
    staffing,
    summary,
    tools,
    workflow,
)
from .base import Context, RequirementInput

SECTIONS = (summary, architecture, tools, scalability, workflow, staffing, metrics, action_plan)
SECTION_KEYS = (
    "summary",
    "architecture",
    "tools",
    "scalability",
    "workflow",
    "staffing",
    "metrics",
    "action_plan",
)

__all__ = ["SECTIONS", "SECTION_KEYS", "Context", "RequirementInput"]
