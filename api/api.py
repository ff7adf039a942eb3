"""The REST API, version 1, at /api/v1/ (django-ninja). Its OpenAPI schema is served at
/api/v1/openapi.json and committed as api/openapi.json (`manage.py api_schema --check`
compares them in CI)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.operation import Operation

from . import reads, writes  # noqa: F401  (writes registers its routes on reads.router)


class BlueprintApi(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The view's name ("answer_write"), as its URL is named: a generated client's
        method names read as the routes do, not as our module layout."""
        return operation.view_func.__name__


api = BlueprintApi(
    title="Support Blueprint API",
    version="1",
    description=(
        "Projects, discovery answers, requirements, the framework, proposal versions and "
        "their PDFs, reviewers, comments, approvals, and the JSON export and import. "
        "Authenticate with a personal access token (Settings → API tokens) sent as "
        "`Authorization: Bearer <token>`. A token reaches one organization: another "
        "organization's project is 404, as one that does not exist. A read-only token "
        "gets 403 on a write."
    ),
    urls_namespace="api-v1",
    # The interactive docs load scripts from a CDN, which the Content-Security-Policy
    # refuses; the schema itself is served.
    docs_url=None,
)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": "Send a valid, unrevoked personal access token as 'Authorization: Bearer …'."},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


api.add_router("", reads.router)
