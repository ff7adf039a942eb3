"""The team as it is today, read from its roles (discovery's context.team_roles): who
answers contacts at the desk and for how many hours, and who works elsewhere (field or
on-site staff), so that the staffing model, which sizes the contacts the desk answers, is
compared like with like: full-time equivalents at the desk, not every person on the payroll.

Without roles, the team is its headcount (context.team_size), all at the desk, full time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .base import Context
from .wording import count_text, number_text

# Roles that do not answer the desk's contacts: the model does not size their work.
AWAY_FROM_DESK = frozenset({"field"})
FULL_TIME_HOURS = 40.0

_EMPLOYMENT = {
    "part_time": ("part-time", "part-time"),
    "seasonal": ("seasonal", "seasonal"),
    "volunteer": ("volunteer", "volunteers"),
    "contractor": ("contractor", "contractors"),
}
_AWAY = {"field": ("field or on-site person", "field or on-site staff")}


@dataclass(frozen=True)
class Team:
    people: float  # everyone in the team today
    desk_people: float  # those who answer the desk's contacts
    desk_fte: float  # their weekly hours as full-time equivalents
    away: tuple[str, ...]  # "30 field or on-site staff": people the model does not size
    hours: tuple[str, ...]  # "18 volunteers at 4 h a week": desk people not full time
    from_roles: bool
    seasonal: float = 0.0  # hired for the peak: not in a normal week's desk
    volunteer_fte: float = 0.0  # the volunteers' part of desk_fte: unpaid

    @property
    def paid_fte(self) -> float:
        """The desk's paid full-time equivalents: what a loaded cost of an hour prices."""
        return max(0.0, self.desk_fte - self.volunteer_fte)

    @property
    def year_round(self) -> float:
        """Everyone who works all year, at the desk or away from it: the people a change
        of tool has to move."""
        return self.people - self.seasonal

    @property
    def part_time(self) -> bool:
        return bool(self.hours)

    def desk_text(self) -> str:
        """The desk as the comparison names it: '12 people at the desk' or '3.8 full-time
        equivalents at the desk'."""
        if not self.from_roles:
            return number_text(self.people)
        if self.part_time:
            return f"{_one_decimal(self.desk_fte)} full-time equivalents at the desk"
        return "{desk} at the desk".format(desk=count_text(self.desk_people, "person", "people"))

    def basis(self) -> float:
        """What the model's headcount (full-time people) is compared with."""
        return self.desk_fte if self.from_roles else self.people


def _one_decimal(value: float) -> str:
    return number_text(round(value, 1))


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def team_today(ctx: Context) -> Team | None:
    """The team from its roles, or from its headcount; None when neither was given."""
    size = ctx.num("context.team_size")
    rows = [r for r in ctx.get("context.team_roles") or [] if isinstance(r, dict)]
    rows = [r for r in rows if (_number(r.get("people")) or 0) > 0]
    if not rows:
        return None if size is None else Team(size, size, size, (), (), False)
    # A full-time row is one full-time equivalent a person, whatever its contract's length;
    # the others count by their hours against the full-time week.
    stated = [
        _number(r.get("hours")) or 0.0 for r in rows if str(r.get("employment")) == "full_time"
    ]
    full_time = ctx.num("context.contract_hours") or max(stated, default=0.0) or FULL_TIME_HOURS
    desk_people = desk_fte = seasonal = volunteer_fte = 0.0
    away: dict[str, float] = {}
    hours: list[str] = []
    for row in rows:
        people = _number(row.get("people")) or 0.0
        role = str(row.get("role") or "")
        if role in AWAY_FROM_DESK:
            away[role] = away.get(role, 0.0) + people
            continue
        employment = str(row.get("employment") or "")
        if employment == "seasonal":
            seasonal += people  # the peak's, sized apart from the normal week
            continue
        weekly = _number(row.get("hours")) or full_time
        if employment == "full_time":
            weekly = full_time
        desk_people += people
        desk_fte += people * min(weekly, full_time) / full_time
        if employment == "volunteer":
            volunteer_fte += people * min(weekly, full_time) / full_time
        if weekly < full_time or employment in _EMPLOYMENT:
            one, many = _EMPLOYMENT.get(employment, ("part-time", "part-time"))
            hours.append(
                f"{count_text(people, one, many)} at {number_text(weekly)} h a week"
                if weekly < full_time
                else count_text(people, one, many)
            )
    people_total = max(size or 0.0, desk_people + sum(away.values())) + seasonal
    return Team(
        people=people_total,
        desk_people=desk_people,
        desk_fte=desk_fte,
        away=tuple(
            count_text(n, *_AWAY.get(role, ("person", "people"))) for role, n in away.items()
        ),
        hours=tuple(hours),
        from_roles=True,
        seasonal=seasonal,
        volunteer_fte=volunteer_fte,
    )


def team_sentences(team: Team) -> str:
    """What the comparison must say first about a team read from its roles: who is not in
    the model, and what the desk's hours come to."""
    parts = []
    if team.away:
        parts.append(
            "Of the {people} people today, {away} work away from the desk and are not in "
            "this model, which sizes the contacts the desk answers.".format(
                people=number_text(team.people), away=" and ".join(team.away)
            )
        )
    if team.seasonal:
        parts.append(
            "The {seasonal} are for the peak and are not counted in a normal week.".format(
                seasonal=count_text(team.seasonal, "seasonal agent", "seasonal agents")
            )
        )
    if team.part_time:
        parts.append(
            "The {desk} at the desk come to about {fte} full-time equivalents ({hours}).".format(
                desk=count_text(team.desk_people, "person", "people"),
                fte=_one_decimal(team.desk_fte),
                hours="; ".join(team.hours),
            )
        )
    return " ".join(parts)
