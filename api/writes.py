"""The API's writes (a read and write token only): each through the same form validation
and the same service as the web, with the web's conflict rules. 422 names what is wrong,
409 says what changed under the client, and nothing is written in either case."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from ninja import Field, File, Schema, Status, UploadedFile

from accounts.http import INT_MAX
from deliverables import jobs
from discovery.bank import BANK, AnswerInvalid
from discovery.services import answers_save
from exports.forms import ImportForm
from exports.importer import project_import
from frameworks.models import FrameworkGeneration
from frameworks.services import framework_generate
from requirements_app import services as requirement_services
from requirements_app.forms import ATTRIBUTE_PREFIX, ManualRequirementForm, RequirementEditForm
from requirements_app.models import Requirement
from reviews import services as review_services
from reviews.forms import InviteForm, PublishForm
from reviews.models import Reviewer

from . import schemas
from .answers import posted_form
from .auth import WRITE, project_for, token_of
from .reads import framework_out, pdf_out, router, stored_answer_out, version_for

# One router with the reads: Django routes a path to its first pattern, so every method
# of one path must be registered together (each write with its own, stricter auth).
WRITES: dict[str, Any] = {"auth": WRITE, "tags": ["write"]}


class AnswerIn(Schema):
    value: Any
    # The revision the client read (0: it read no answer). A write based on an older
    # revision than the stored one is refused with 409, as the wizard refuses a stale tab.
    revision: int = Field(ge=0, le=INT_MAX)


def _form_errors(form: Any) -> dict[str, list[str]]:
    return {
        (name.removeprefix(ATTRIBUTE_PREFIX) if name != "__all__" else name): list(errors)
        for name, errors in form.errors.items()
    }


def _invalid(detail: Any) -> Status[dict[str, Any]]:
    return Status(422, {"detail": detail})


@router.put(
    "/projects/{int:pk}/answers/{question_id}",
    response=schemas.write(
        {200: schemas.AnswerOut, 409: schemas.AnswerConflict, 422: schemas.Error}
    ),
    **WRITES,
)
def answer_write(request: HttpRequest, pk: int, question_id: str, payload: AnswerIn):
    """Write one answer through the wizard's service: its cleaners (422 with the wizard's
    message), its revision rule (409 when someone changed it since `revision`, with both
    versions) and its history (recorded as a revision by the token's user). `null` clears
    it. Writing the value already stored changes nothing."""
    project = project_for(request, pk)
    question = BANK.questions.get(question_id)
    if question is None:
        raise Http404
    try:
        raw = posted_form(question, payload.value, payload.revision)
    except AnswerInvalid as exc:
        return _invalid({question_id: str(exc)})
    result = answers_save(
        project=project, raw=raw, questions=[question], user=token_of(request).user
    )
    if question_id in result.errors:
        return _invalid({question_id: result.errors[question_id]})
    conflict = result.conflicts.get(question_id)
    if conflict is not None:
        return Status(
            409,
            {
                "detail": f"Changed by {conflict.changed_by} since revision {payload.revision}: "
                f"read revision {conflict.revision} and send your value again based on it.",
                "question_id": question_id,
                "yours": conflict.mine,
                "theirs": conflict.theirs,
                "revision": conflict.revision,
                "changed_at": conflict.changed_at,
                "changed_by": conflict.changed_by,
            },
        )
    # Cleared an answer that never existed: null at revision 0.
    return stored_answer_out(project, question_id)


def _requirement_or_404(project: Any, rid: int) -> Requirement:
    requirement = Requirement.objects.filter(project=project, pk=rid).first()
    if requirement is None:
        raise Http404
    return requirement


def _attribute_data(attributes: dict[str, Any] | None) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in (attributes or {}).items():
        values = value if isinstance(value, list) else [value]
        data[ATTRIBUTE_PREFIX + str(name)] = [str(v) for v in values]
    return data


def _unknown_attributes(attributes: dict[str, Any] | None, form: Any) -> list[str]:
    return sorted(a for a in (attributes or {}) if ATTRIBUTE_PREFIX + a not in form.fields)


@router.patch(
    "/projects/{int:pk}/requirements/{int:rid}",
    response=schemas.write(
        {
            200: schemas.RequirementOut,
            409: schemas.RequirementConflictOut,
            422: schemas.Error,
        }
    ),
    **WRITES,
)
def requirement_edit(request: HttpRequest, pk: int, rid: int, payload: schemas.RequirementEdit):
    """The consultant's edit, as the web's edit form: `version` is the one the client read
    (409 with the current requirement if someone saved it since). A derived requirement's
    edit is kept across re-derivation and flagged; its attributes come from its rule, so
    `attributes` applies to a manual one only. Criteria left out stay as they are."""
    project = project_for(request, pk)
    requirement = _requirement_or_404(project, rid)
    manual = requirement.origin == Requirement.Origin.MANUAL
    data = MultiValueDict(
        {
            "title": [payload.title],
            "description": [payload.description],
            "priority": [payload.priority],
            "version": [str(payload.version)],
            # Left out: the form checks the criteria it holds, and the service keeps them.
            "acceptance_criteria": [
                "\n".join(
                    requirement.acceptance_criteria
                    if payload.acceptance_criteria is None
                    else payload.acceptance_criteria
                )
            ],
            **_attribute_data(payload.attributes),
        }
    )
    form = RequirementEditForm(data, manual=manual)
    if not form.is_valid():
        return _invalid(_form_errors(form))
    if payload.attributes and not manual:
        return _invalid({"attributes": ["A derived requirement's attributes come from its rule."]})
    unknown = _unknown_attributes(payload.attributes, form)
    if unknown:
        return _invalid({"attributes": [f"Unknown attributes: {', '.join(unknown)}."]})
    try:
        requirement = requirement_services.requirement_update(
            requirement=requirement,
            version=form.cleaned_data["version"],
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            priority=form.cleaned_data["priority"],
            user=token_of(request).user,
            attributes=form.attribute_values() if manual else None,
            acceptance_criteria=form.cleaned_data["acceptance_criteria"]
            if payload.acceptance_criteria is not None
            else None,
        )
    except requirement_services.RequirementConflict as exc:
        return Status(
            409,
            {
                "detail": f"{exc.current.code} was saved by someone else since version "
                f"{payload.version}: apply your edit to version {exc.current.version}.",
                "current": exc.current,
            },
        )
    return requirement


@router.post(
    "/projects/{int:pk}/requirements",
    response=schemas.write({201: schemas.RequirementOut, 422: schemas.Error}),
    **WRITES,
)
def requirement_add(request: HttpRequest, pk: int, payload: schemas.RequirementNew):
    """A requirement the consultant writes, as the web's "Add a requirement" form: a
    category of the rule catalogue, at least one acceptance criterion, attributes from the
    vocabulary."""
    project = project_for(request, pk)
    data = MultiValueDict(
        {
            "kind": [payload.kind],
            "category": [payload.category],
            "priority": [payload.priority],
            "title": [payload.title],
            "description": [payload.description],
            "rationale": [payload.rationale],
            "acceptance_criteria": ["\n".join(payload.acceptance_criteria)],
            **_attribute_data(payload.attributes),
        }
    )
    form = ManualRequirementForm(data)
    if not form.is_valid():
        return _invalid(_form_errors(form))
    unknown = _unknown_attributes(payload.attributes, form)
    if unknown:
        return _invalid({"attributes": [f"Unknown attributes: {', '.join(unknown)}."]})
    cleaned = form.cleaned_data
    requirement = requirement_services.requirement_create_manual(
        project=project,
        user=token_of(request).user,
        kind=cleaned["kind"],
        category=cleaned["category"],
        priority=cleaned["priority"],
        title=cleaned["title"],
        description=cleaned["description"],
        rationale=cleaned["rationale"],
        attributes=form.attribute_values(),
        acceptance_criteria=cleaned["acceptance_criteria"],
    )
    return Status(201, requirement)


@router.post(
    "/projects/{int:pk}/framework",
    response=schemas.write({200: schemas.GenerateOut, 201: schemas.GenerateOut}),
    **WRITES,
)
def framework_create(request: HttpRequest, pk: int):
    """Generate the framework from the current answers and requirements (re-derived first
    if the answers moved): 201 with a new generation, 200 when nothing changed since the
    last one."""
    project = project_for(request, pk)
    result = framework_generate(project=project, user=token_of(request).user)
    generation = FrameworkGeneration.objects.get(pk=result.generation.pk)
    return Status(
        201 if result.created else 200,
        {"created": result.created, "framework": framework_out(project, generation)},
    )


class PublishIn(Schema):
    change_summary: str = ""
    # Publish although discovery is incomplete (the web's "publish anyway" box).
    confirm_incomplete: bool = False
    # Blocking findings of the proposal check to publish over: finding key -> the reason
    # it can go to the client as it is (recorded on the version, with who and when).
    overrides: dict[str, str] = {}


@router.post(
    "/projects/{int:pk}/versions",
    response=schemas.write(
        {201: schemas.VersionOut, 409: schemas.PublishBlockedOut, 422: schemas.Error}
    ),
    **WRITES,
)
def version_create(request: HttpRequest, pk: int, payload: PublishIn):
    """Publish the next version through the web's publish: the framework regenerated, the
    proposal check run on what would be published. When it blocks, 409 lists every
    blocking finding not fixed or overridden, what is wrong with each override given, and
    whether discovery is incomplete; nothing is published. Content identical to the last
    version is refused (409) too."""
    project = project_for(request, pk)
    form = PublishForm({"change_summary": payload.change_summary})
    if not form.is_valid():
        return _invalid(_form_errors(form))
    try:
        version = review_services.version_publish(
            project=project,
            change_summary=form.cleaned_data["change_summary"],
            user=token_of(request).user,
            overrides=payload.overrides,
            incomplete_confirmed=payload.confirm_incomplete,
        )
    except review_services.PublishBlocked as blocked:
        return Status(
            409,
            {
                "detail": str(blocked),
                "findings": blocked.findings,
                "errors": blocked.errors,
                "incomplete": (
                    {"percent": blocked.incomplete[0], "unanswered": blocked.incomplete[1]}
                    if blocked.incomplete is not None
                    else None
                ),
            },
        )
    except review_services.ReviewError as exc:
        return Status(409, {"detail": str(exc), "findings": [], "errors": {}, "incomplete": None})
    return Status(201, version)


@router.post(
    "/projects/{int:pk}/versions/{int:number}/pdf",
    response=schemas.write({202: schemas.PdfOut}),
    **WRITES,
)
def pdf_create(request: HttpRequest, pk: int, number: int):
    """Ask for the version's PDF: rendered by a worker, once per version and template set
    (a ready or running one is reused). Poll GET …/pdf until `ready`, then fetch
    `download`."""
    project = project_for(request, pk)
    version = version_for(project, number)
    jobs.pdf_request(version, token_of(request).user)
    return Status(202, pdf_out(project, version))


@router.post(
    "/projects/{int:pk}/reviewers",
    response=schemas.write({201: schemas.InvitationOut, 422: schemas.Error}),
    **WRITES,
)
def reviewer_create(request: HttpRequest, pk: int, payload: schemas.ReviewerIn):
    """Invite a client reviewer: their link (shown here once; only its hash is kept) is
    emailed to them, and expires after the organization's reviewer-link days."""
    project = project_for(request, pk)
    form = InviteForm({"name": payload.name, "email": payload.email})
    if not form.is_valid():
        return _invalid(_form_errors(form))

    def link_for(token: str) -> str:
        return request.build_absolute_uri(reverse("reviews:client_home", args=[token]))

    links: list[str] = []

    def remember(token: str) -> str:
        links.append(link_for(token))
        return links[-1]

    try:
        invitation = review_services.reviewer_invite(
            project=project,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            user=token_of(request).user,
            link_for=remember,
        )
    except ValidationError as exc:
        return _invalid(exc.message_dict)
    return Status(201, {"reviewer": invitation.reviewer, "link": links[-1]})


@router.post(
    "/projects/{int:pk}/reviewers/{int:reviewer_id}/revoke",
    response=schemas.write({200: schemas.ReviewerOut}),
    **WRITES,
)
def reviewer_revoke(request: HttpRequest, pk: int, reviewer_id: int):
    """Revoke a reviewer's link: it opens nothing from now on (their comments, feedback
    and approvals stay)."""
    project = project_for(request, pk)
    reviewer = Reviewer.objects.filter(project=project, pk=reviewer_id).first()
    if reviewer is None:
        raise Http404
    return review_services.share_link_revoke(reviewer=reviewer)


@router.post(
    "/projects/import",
    response=schemas.write({201: schemas.ProjectOut, 422: schemas.Error}, project=False),
    **WRITES,
)
def project_create_from_export(request: HttpRequest, file: File[UploadedFile]):
    """A new project in the token's organization from a JSON export (multipart, field
    `file`, up to 5 MB), checked as the web's import checks it; 422 names the place in the
    file that is wrong, and nothing is written."""
    organization = token_of(request).organization
    form = ImportForm(data={}, files=MultiValueDict({"file": [file]}))
    if not form.is_valid():
        return _invalid(_form_errors(form))
    try:
        project = project_import(
            form.cleaned_data["file"], organization=organization, user=token_of(request).user
        )
    except ValidationError as exc:
        return _invalid({"file": exc.messages})
    return Status(201, project)
