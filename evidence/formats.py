"""Ticket-export formats as data: for each help desk, the documented columns that carry the
fields the staffing plan and the metrics read, and how its codes map to channels.

Sources (shared/reference/operations-anchors.md §3, gathered 2026-12-01):

- Zendesk: the legacy CSV/JSON export fields (`created_at`, `via`, `solved_at`, `reopens`,
  `replies`, `satisfaction`, `first_reply_time_in_minutes`,
  `full_resolution_time_in_minutes`, …), as listed in public copies of the export.
- Freshdesk: API v2 ticket objects (`created_at`, `source` 1–6, `stats.first_responded_at`,
  `stats.resolved_at`, `stats.closed_at`, `stats.reopened_at`). The column headers of the
  web UI's CSV export are NOT confirmed: a CSV goes through the mapping step, with these
  names suggested.
- Jira Service Management: the CSV export's column headers and its satisfaction field are
  NOT confirmed (only the REST API's SLA cycles are documented). The preset only suggests
  likely headers; the consultant confirms every column in the mapping step.
- ServiceNow incident table: `opened_at`, `contact_type` ("Channel"), `resolved_at`,
  `closed_at`, `reopen_count`, `reassignment_count`, `state`.

Only these canonical fields are ever read; every other column (requester, subject,
description, comments) is skipped unread and nothing of it is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# What an import can read. `created` is required; the rest fill what they can.
FIELDS: dict[str, str] = {
    "created": "Created at (required)",
    "channel": "Channel",
    "first_reply_minutes": "First reply time (minutes)",
    "first_reply_at": "First reply at (date and time)",
    "resolution_minutes": "Resolution time (minutes)",
    "solved_at": "Solved or resolved at",
    "reopens": "Number of reopens",
    "reopened_at": "Reopened at",
    "replies": "Number of agent replies",
    "reassignments": "Number of reassignments",
    "satisfaction": "Satisfaction",
}
REQUIRED = ("created",)

CHANNELS = ("email", "phone", "chat", "portal", "social", "messaging", "in_person")


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    columns: dict[str, tuple[str, ...]]  # canonical field -> column names, first found wins
    channels: dict[str, str] = field(default_factory=dict)  # raw value (lower) -> channel
    confirmed: bool = True
    note: str = ""

    def suggest(self, header: list[str]) -> dict[str, str]:
        """A mapping canonical field -> column from the header, by this preset's names."""
        lowered = {h.strip().lower(): h for h in header}
        found = {}
        for name, candidates in self.columns.items():
            for candidate in candidates:
                if candidate.lower() in lowered:
                    found[name] = lowered[candidate.lower()]
                    break
        return found


# Channel words shared by all tools (lower case), then each tool's own codes.
COMMON_CHANNELS = {
    "email": "email",
    "e-mail": "email",
    "mail": "email",
    "phone": "phone",
    "voice": "phone",
    "call": "phone",
    "chat": "chat",
    "live chat": "chat",
    "web": "portal",
    "web form": "portal",
    "web_form": "portal",
    "portal": "portal",
    "self-service": "portal",
    "self service": "portal",
    "api": "portal",
    "twitter": "social",
    "facebook": "social",
    "instagram": "social",
    "social": "social",
    "whatsapp": "messaging",
    "sms": "messaging",
    "messaging": "messaging",
    "native_messaging": "messaging",
    "walk-in": "in_person",
    "walk-up": "in_person",
    "walk in": "in_person",
    "in person": "in_person",
}

PRESETS: dict[str, Preset] = {
    p.key: p
    for p in (
        Preset(
            "zendesk",
            "Zendesk (ticket export, CSV or JSON)",
            {
                "created": ("created_at",),
                "channel": ("via",),
                "first_reply_minutes": (
                    "first_reply_time_in_minutes",
                    "first_reply_time_in_minutes_within_business_hours",
                ),
                "resolution_minutes": (
                    "full_resolution_time_in_minutes",
                    "first_resolution_time_in_minutes",
                ),
                "solved_at": ("solved_at",),
                "reopens": ("reopens",),
                "replies": ("replies",),
                "reassignments": ("group_stations",),
                "satisfaction": ("satisfaction", "satisfaction_score"),
            },
            {"closed ticket": "email", "mobile": "chat", "sample ticket": "portal"},
        ),
        Preset(
            "freshdesk",
            "Freshdesk (API v2 tickets as JSON, or a CSV mapped by hand)",
            {
                "created": ("created_at", "Created time"),
                "channel": ("source", "Source"),
                "first_reply_at": ("stats.first_responded_at", "First response time"),
                "solved_at": ("stats.resolved_at", "Resolved time"),
                "reopened_at": ("stats.reopened_at",),
                "satisfaction": ("satisfaction_rating", "Customer satisfaction"),
            },
            # API v2 `source` codes.
            {
                "1": "email",
                "2": "portal",
                "3": "phone",
                "4": "chat",
                "5": "portal",
                "6": "email",
                "7": "chat",
                "9": "portal",
                "10": "email",
            },
            confirmed=False,
            note=(
                "Freshdesk's API fields are documented; the headers of its CSV export are "
                "not confirmed, so check each column below."
            ),
        ),
        Preset(
            "jsm",
            "Jira Service Management (CSV, mapped by hand)",
            {
                "created": ("Created",),
                "channel": ("Request Type", "Custom field (Request Type)", "Channel"),
                "solved_at": ("Resolved", "Resolution date"),
                "satisfaction": ("Satisfaction", "Custom field (Satisfaction rating)"),
            },
            {"email": "email", "portal": "portal", "chat": "chat", "slack": "chat"},
            confirmed=False,
            note=(
                "Jira Service Management's CSV headers and satisfaction field are not "
                "confirmed in public documentation: check each column below."
            ),
        ),
        Preset(
            "servicenow",
            "ServiceNow (incident table export, CSV or JSON)",
            {
                "created": ("opened_at", "sys_created_on"),
                "channel": ("contact_type",),
                "solved_at": ("resolved_at",),
                "reopens": ("reopen_count",),
                "reassignments": ("reassignment_count", "count_reassign"),
            },
            {"self-service": "portal", "walk-in": "in_person", "virtual agent": "chat"},
        ),
        Preset("csv", "Another tool (any CSV, mapped by hand)", {}, confirmed=False),
    )
}


def detect(header: list[str]) -> str:
    """The preset whose columns the header carries most of (created included), else csv."""
    best, best_score = "csv", 0
    for key, preset in PRESETS.items():
        found = preset.suggest(header)
        if "created" not in found:
            continue
        score = len(found)
        if score > best_score:
            best, best_score = key, score
    return best
