"""Reads for the proposal pages. Every page reads a fixed number of queries whatever the
number of comments, feedback or versions: comments come in one query per page and are
threaded in Python."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Q
from django.http import Http404

from accounts.http import bounded_int
from discovery.bank import BANK
from discovery.models import Project
from discovery.selectors import answers_for_project, question_links
from frameworks.models import FrameworkGeneration
from frameworks.selectors import check_panel, finding_anchor
from frameworks.services import generation_check

from .models import (
    Approval,
    CheckOverride,
    Comment,
    Feedback,
    ImportedApproval,
    ProposalVersion,
    Reviewer,
    VersionCheck,
)

GAPS_LISTED = 8


def discovery_gaps(project: Project) -> tuple[int, list[str]]:
    """How complete discovery is (percent of the needed, visible questions answered) and
    the ids of the needed questions that have no answer, in the bank's order."""
    answers = answers_for_project(project)
    return BANK.completeness(answers), [q.id for q in BANK.gaps(answers)]


def discovery_state(project: Project) -> dict[str, Any]:
    """How complete discovery is, for the publish form: the percentage, the number of
    needed questions without an answer and the first few of them, each with its wizard
    link, and how many more there are."""
    percent, gaps = discovery_gaps(project)
    links = question_links(project)
    listed = [links[qid] for qid in gaps[:GAPS_LISTED] if qid in links]
    return {
        "percent": percent,
        "gap_count": len(gaps),
        "gaps": listed,
        "gaps_more": max(0, len(gaps) - len(listed)),
    }


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)
    # For comments of an earlier version: "carried over" (still open) or "addressed".
    status: str = ""

    @property
    def resolved(self) -> bool:
        return self.comment.resolved_at is not None


def version_get(project: Project, number: int) -> ProposalVersion:
    version = ProposalVersion.objects.filter(project=project, number=number).first()
    if version is None:
        raise Http404
    return version


def version_numbers(project: Project) -> list[dict[str, Any]]:
    rows = (
        ProposalVersion.objects.filter(project=project)
        .order_by("number")
        .values("number", "published_at", "change_summary", "content_hash")
    )
    return [dict(row) for row in rows]


def _threads(comments: list[Comment]) -> list[Thread]:
    threads: dict[int, Thread] = {}
    replies: list[Comment] = []
    for comment in comments:
        if comment.parent_id is None:
            threads[comment.pk] = Thread(comment)
        else:
            replies.append(comment)
    for reply in replies:
        if reply.parent_id in threads:
            threads[reply.parent_id].replies.append(reply)
    return list(threads.values())


def comment_threads(version: ProposalVersion) -> dict[str, list[Thread]]:
    """This version's threads by section, oldest first."""
    by_section: dict[str, list[Thread]] = defaultdict(list)
    for thread in _threads(list(Comment.objects.filter(version=version))):
        by_section[thread.comment.section].append(thread)
    return dict(by_section)


def earlier_threads(version: ProposalVersion) -> dict[str, list[Thread]]:
    """Threads of earlier versions shown on this one: every one still open ("carried
    over"), and those of the previous version that were resolved ("addressed")."""
    top = Comment.objects.filter(
        version__project_id=version.project_id,
        version__number__lt=version.number,
        parent__isnull=True,
    ).filter(Q(resolved_at__isnull=True) | Q(version__number=version.number - 1))
    comments = (
        Comment.objects.filter(Q(pk__in=top.values("pk")) | Q(parent__in=top.values("pk")))
        .select_related("version")
        .only(
            "pk",
            "section",
            "element_id",
            "parent_id",
            "body",
            "reviewer_id",
            "author_name",
            "created_at",
            "resolved_at",
            "resolved_by_name",
            "version__number",
            "version__project_id",
        )
    )
    by_section: dict[str, list[Thread]] = defaultdict(list)
    for thread in _threads(list(comments)):
        thread.status = "addressed" if thread.resolved else "carried over"
        by_section[thread.comment.section].append(thread)
    return dict(by_section)


def unresolved_counts(
    threads: dict[str, list[Thread]], earlier: dict[str, list[Thread]]
) -> dict[str, int]:
    counts: dict[str, int] = {}
    for source in (threads, earlier):
        for section, items in source.items():
            open_ = sum(1 for t in items if not t.resolved)
            if open_:
                counts[section] = counts.get(section, 0) + open_
    return counts


def unresolved_by_version(project: Project) -> dict[int, int]:
    rows = Comment.objects.filter(
        version__project=project, parent__isnull=True, resolved_at__isnull=True
    ).values_list("version__number", flat=True)
    counts: dict[int, int] = defaultdict(int)
    for number in rows:
        counts[number] += 1
    return dict(counts)


def review_context(version: ProposalVersion) -> dict[str, Any]:
    threads = comment_threads(version)
    earlier = earlier_threads(version)
    counts = unresolved_counts(threads, earlier)
    return {
        "threads": threads,
        "earlier": earlier,
        "unresolved": counts,
        "unresolved_total": sum(counts.values()),
    }


def feedback_for_version(version: ProposalVersion) -> list[Feedback]:
    return list(Feedback.objects.filter(version=version).select_related("reviewer"))


def feedback_for_project(project: Project) -> list[Feedback]:
    return list(
        Feedback.objects.filter(version__project=project).select_related("reviewer", "version")
    )


def approvals_for_project(project: Project) -> list[Approval]:
    return list(Approval.objects.filter(version__project=project).select_related("version"))


def imported_approvals_for_project(project: Project) -> list[ImportedApproval]:
    """Approvals an imported project carried that this installation cannot verify."""
    return list(ImportedApproval.objects.filter(version__project=project).select_related("version"))


def reviewers_for_project(project: Project) -> list[Reviewer]:
    return list(Reviewer.objects.filter(project=project))


# --- diff --------------------------------------------------------------------------------


def version_diff(old: ProposalVersion, new: ProposalVersion) -> dict[str, Any]:
    """Word-level, reader-facing changes between two versions (see reviews.versiondiff)."""
    from frameworks.diff import diff_frameworks

    from . import versiondiff

    old_fw = old.snapshot.get("framework", {})
    new_fw = new.snapshot.get("framework", {})
    framework = diff_frameworks(old_fw, new_fw)
    versiondiff.enrich_framework(framework, old_fw, new_fw)
    requirements = versiondiff.requirements_diff(
        old.snapshot.get("requirements", []), new.snapshot.get("requirements", [])
    )
    answers = versiondiff.answers_diff(old.snapshot, new.snapshot)
    titles = {s["key"]: s.get("title", s["key"]) for s in new_fw.get("sections", [])}
    notes = versiondiff.notes_diff(
        old.snapshot.get("notes", {}), new.snapshot.get("notes", {}), titles
    )
    sections_changed = any(s["status"] != "unchanged" for s in framework["sections"])
    has_changes = bool(
        sections_changed
        or requirements["added"]
        or requirements["removed"]
        or requirements["changed"]
        or answers
        or notes
    )
    return {
        "framework": framework,
        "requirements": requirements,
        "answers": answers,
        "notes": notes,
        "has_changes": has_changes,
    }


def diff_pair(
    project: Project, raw_from: str | None, raw_to: str | None
) -> tuple[ProposalVersion, ProposalVersion]:
    """The two versions named by ?from=&to= (default: the latest and the one before)."""
    latest = ProposalVersion.objects.filter(project=project).aggregate(n=Max("number"))["n"]
    if not latest:
        raise Http404
    to = bounded_int(raw_to) if raw_to else latest
    from_ = bounded_int(raw_from) if raw_from else max((to or 0) - 1, 1)
    if to is None or from_ is None:
        raise Http404
    versions = {
        v.number: v for v in ProposalVersion.objects.filter(project=project, number__in={from_, to})
    }
    if from_ not in versions or to not in versions:
        raise Http404
    return versions[from_], versions[to]


# --- the proposal check at Publish (the consultant's only) ---------------------------------


def publish_check(project: Project) -> dict[str, Any] | None:
    """The check of the framework Publish would freeze (the latest generation), for the
    panel beside the Publish button; None before any framework exists."""
    generation = FrameworkGeneration.objects.filter(project=project).first()
    if generation is None:
        return None
    return check_panel(generation_check(generation))


def blocked_findings(
    findings: list[dict[str, Any]], errors: dict[str, str]
) -> list[dict[str, Any]]:
    """The blocking findings Publish stopped on, each with its anchor on the framework page
    and what is wrong with its override (empty until the consultant tried one)."""
    return [{**f, "anchor": finding_anchor(f), "error": errors.get(f["key"], "")} for f in findings]


def grouped_findings(
    findings: list[dict[str, Any]], overrides: dict[str, str]
) -> list[dict[str, Any]]:
    """The blocking findings as the publish form shows them: one entry per problem (the same
    rule, title and fix), listing every element it was found in, so six elements with the
    same fault are read, and overridden with one reason, once. Each entry's `keys` are
    its findings' keys (the value its override checkbox posts); it is `checked` when any
    of them was ticked, and its `reason` is the one typed for it."""
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for finding in findings:
        group = groups.setdefault(
            (finding.get("rule", ""), finding["title"], finding["fix"]),
            {"title": finding["title"], "fix": finding["fix"], "items": []},
        )
        group["items"].append(finding)
    result = []
    for group in groups.values():
        items = group["items"]
        keys = [f["key"] for f in items]
        explanations = {f["explanation"] for f in items}
        result.append(
            {
                **group,
                "key": keys[0],
                "keys": " ".join(keys),
                "explanation": items[0]["explanation"] if len(explanations) == 1 else "",
                "error": next((f["error"] for f in items if f.get("error")), ""),
                "checked": any(key in overrides for key in keys),
                "reason": next((overrides[key] for key in keys if overrides.get(key)), ""),
            }
        )
    return result


def version_check_record(version: ProposalVersion) -> dict[str, Any] | None:
    """What the check found when `version` was published, with each override (who, when,
    which finding, why). None for versions published before the check existed."""
    record = VersionCheck.objects.filter(version=version).first()
    if record is None:
        return None
    overrides = list(CheckOverride.objects.filter(version=version))
    overridden = {o.finding_key for o in overrides}
    findings = record.findings or []
    return {
        "rules_version": record.rules_version,
        "checked_at": record.checked_at,
        "blocking": [f for f in findings if f.get("severity") == "blocking"],
        "advisory": [f for f in findings if f.get("severity") != "blocking"],
        "overrides": overrides,
        "overridden": overridden,
    }
