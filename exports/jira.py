"""The requirements as a CSV that Jira's CSV importer (Jira Cloud and Data Center, "Import
issues from CSV") maps without configuration.

- Columns: Summary, Description, Priority, Issue Type, and Labels three times. Jira takes
  several values of a multi-value field (labels, components, versions) from several columns
  with the same header; a single column would become one label. Labels may not contain
  spaces, so whitespace in a label becomes "_".
- Priority: must → Highest, should → High, could → Medium, wont → Low (Jira's default
  priority scheme). Issue Type: Story for a functional requirement, Task for a
  non-functional one. Dismissed requirements are left out.
- Encoding: UTF-8 without a byte-order mark, which is the importer's default file encoding.
  A BOM is not needed by Jira, and some importer versions read it as part of the first
  header, which then no longer maps to Summary.
- Spreadsheet safety: a cell starting with = + - @, a tab or a carriage return is prefixed
  with an apostrophe, so a spreadsheet opened on the way to Jira never runs it as a formula
  (OWASP's CSV-injection advice). The text is otherwise written as is: the csv module quotes
  commas, quotes and line breaks.
"""

from __future__ import annotations

import csv
import io
import re

from discovery.models import Project
from requirements_app.catalogue import rule_catalogue
from requirements_app.models import Requirement

HEADER = ["Summary", "Description", "Priority", "Issue Type", "Labels", "Labels", "Labels"]
PRIORITY: dict[str, str] = {"must": "Highest", "should": "High", "could": "Medium", "wont": "Low"}
ISSUE_TYPE: dict[str, str] = {"functional": "Story", "non_functional": "Task"}
SUMMARY_MAX = 255  # Jira refuses a longer summary
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def label(text: str) -> str:
    return re.sub(r"\s+", "_", text.strip())


def _description(r: Requirement, category_name: str, summary_cut: bool) -> str:
    parts = []
    if summary_cut:
        parts.append(r.title)
    parts.append(r.description)
    if r.acceptance_criteria:
        parts.append("Acceptance criteria:\n" + "\n".join(f"* {c}" for c in r.acceptance_criteria))
    if r.rationale:
        parts.append(f"Rationale: {r.rationale}")
    parts.append(f"Requirement {r.code} · {category_name} · {r.get_priority_display()}")
    return "\n\n".join(p for p in parts if p)


def requirements_jira_csv(project: Project) -> str:
    names = {c.id: c.name for c in rule_catalogue().categories}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for r in Requirement.objects.filter(project=project, dismissed=False).order_by(
        "position", "pk"
    ):
        title = " ".join(r.title.split())
        cut = len(title) > SUMMARY_MAX
        summary = title[: SUMMARY_MAX - 1].rstrip() + "…" if cut else title
        writer.writerow(
            [
                cell(summary),
                cell(_description(r, names.get(r.category, r.category), cut)),
                PRIORITY.get(r.priority, "Medium"),
                ISSUE_TYPE.get(r.kind, "Task"),
                cell(label(r.kind)),
                cell(label(r.category)),
                cell(label(r.code)),
            ]
        )
    return out.getvalue()
