"""People in an export: users are written as who they are, not as ids, because the
importing organization may not have them.

A person is {"username", "email", "name"}. On import a person who is a member of the
importing organization (same username, else the one member with the same email) becomes
that user; anyone else leaves the user field empty and is kept as text in the project's
ProjectImport.people, so nobody's authorship is silently lost and a re-export writes the
same person again. Authorship is never moved to the importing consultant: that would
claim they wrote what someone else did.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Model

from accounts.models import Organization
from accounts.people import person_key

Person = dict[str, str]


def person_of(user: User | None) -> Person | None:
    if user is None:
        return None
    return {
        "username": user.username,
        "email": user.email,
        "name": user.get_full_name() or user.username,
    }


class PeopleWriter:
    """The person behind a user field of an exported row: its user, or the person an
    earlier import kept as text."""

    def __init__(self, kept: dict[str, Any]) -> None:
        self.kept = kept

    def __call__(self, instance: Model, field: str) -> Person | None:
        user = getattr(instance, field)
        if user is not None:
            return person_of(user)
        kept = self.kept.get(person_key(instance, field))
        return dict(kept) if isinstance(kept, dict) else None


class PeopleMatcher:
    """Members of the importing organization, matched by username, then by email."""

    def __init__(self, organization: Organization) -> None:
        members = list(User.objects.filter(memberships__organization=organization))
        self.by_username = {u.username: u for u in members}
        by_email: dict[str, list[User]] = {}
        for user in members:
            if user.email:
                by_email.setdefault(user.email.lower(), []).append(user)
        self.by_email = {email: users[0] for email, users in by_email.items() if len(users) == 1}
        self.kept: dict[str, Person] = {}
        self._pending: list[tuple[Model, str, Person]] = []

    def user_for(self, person: Person | None) -> User | None:
        if person is None:
            return None
        user = self.by_username.get(person["username"])
        if user is None and person["email"]:
            user = self.by_email.get(person["email"].lower())
        return user

    def assign(self, instance: Model, field: str, person: Person | None) -> None:
        """Set the user field; remember the person as text when nobody here matches."""
        user = self.user_for(person)
        setattr(instance, field, user)
        if person is not None and user is None:
            self._pending.append((instance, field, person))

    def resolve(self) -> dict[str, Person]:
        """Key the people kept as text by their rows, once the rows have primary keys."""
        for instance, field, person in self._pending:
            assert instance.pk is not None, "resolve() after the rows are saved"
            self.kept[person_key(instance, field)] = person
        self._pending.clear()
        return self.kept
