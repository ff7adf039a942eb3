"""Bearer authentication with personal access tokens (api.tokens), and the organization
isolation the web has: a token reaches its own organization's projects, and anything else
is 404, exactly like a project that does not exist."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from discovery.models import Project

from . import services
from .models import ApiToken


class TokenAuth(HttpBearer):
    """401 for no token, a malformed, unknown or revoked one; with `write`, 403 for a
    read-only token (it is known, it may just not change anything)."""

    def __init__(self, *, write: bool) -> None:
        super().__init__()
        self.write = write

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = services.token_authenticate(token)
        if found is None:
            return None
        if self.write and not found.can_write:
            raise HttpError(403, "This token is read only: make a read and write token.")
        return found


READ = TokenAuth(write=False)
WRITE = TokenAuth(write=True)


def token_of(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken)  # the route's auth let the request through
    return token


def project_for(request: HttpRequest, pk: int) -> Project:
    """The project if it belongs to the token's organization (whose membership the
    authentication checked); 404 otherwise."""
    token = token_of(request)
    project = (
        Project.objects.filter(pk=pk, organization_id=token.organization_id)
        .select_related("organization")
        .first()
    )
    if project is None:
        raise Http404
    return project
