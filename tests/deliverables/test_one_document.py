"""One document: the framework page (the draft of the next version), the consultant's and
the client's version pages and the PDF render the same sections, in the same order, under
the same numbers and headings."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from pypdf import PdfReader

from deliverables.jobs import deliverable_for_version
from deliverables.render import render_pdf
from reviews import services as review_services

HEADINGS = {"h1": 1, "h2": 2, "h3": 3}
VOID = {"img", "br", "hr", "input", "meta", "link", "source", "col", "wbr", "area", "base"}


class Outline(HTMLParser):
    """The headings (h1–h3) inside the document article, skipping what is not part of the
    document itself (comments, note editors, the figures' data tables: data-outline="skip")."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, starts a skipped or document subtree)
        self._in_doc = 0
        self._skip = 0
        self._text: list[str] | None = None
        self._level = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        values = dict(attrs)
        doc = tag == "article" and values.get("id") == "document"
        skip = values.get("data-outline") == "skip"
        self._stack.append((tag, doc, skip))
        self._in_doc += doc
        self._skip += skip
        if tag in HEADINGS and self._in_doc and not self._skip:
            self._text, self._level = [], HEADINGS[tag]

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self._stack:
            open_tag, doc, skip = self._stack.pop()
            self._in_doc -= doc
            self._skip -= skip
            if open_tag == tag:
                break
        if tag in HEADINGS and self._text is not None:
            self.headings.append((self._level, " ".join("".join(self._text).split())))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def outline(html: str) -> list[tuple[int, str]]:
    parser = Outline()
    parser.feed(html)
    return parser.headings


def _pdf_outline(pdf: bytes) -> list[tuple[int, str]]:
    reader = PdfReader(io.BytesIO(pdf))
    found: list[tuple[int, str]] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            elif level <= 3:
                found.append((level, " ".join(item.title.split())))

    walk(reader.outline, 1)
    return found


@pytest.fixture
def renderings(v1, consultant_client, link, client) -> dict[str, str]:
    project = v1.project_id
    pages = {
        "framework page": consultant_client.get(reverse("deliverables:framework", args=[project])),
        "consultant's version": consultant_client.get(
            reverse("deliverables:version", args=[project, v1.number])
        ),
        "client's version": client.get(
            reverse("deliverables:client_version", args=[link.token, v1.number])
        ),
    }
    html = {name: response.content.decode() for name, response in pages.items()}
    assert all(response.status_code == 200 for response in pages.values())
    html["PDF"] = deliverable_for_version(v1)
    return html


def test_four_renderings_one_outline(renderings, v1):
    outlines = {name: outline(html) for name, html in renderings.items()}
    reference = outlines["PDF"]
    for name, headings in outlines.items():
        assert headings == reference, name
    chapters = [text for level, text in reference if level == 2]
    numbered = [text for text in chapters if not text.startswith("Appendix")]
    assert [t.split(".", 1)[0] for t in numbered] == [str(n) for n in range(1, len(numbered) + 1)]
    assert numbered[:5] == [
        "1. Executive summary",
        "2. Summary of identified needs",
        "3. Technical architecture",
        "4. Channels and centralized ticketing",
        "5. Tools scored against the requirements",
    ]
    assert numbered[-4:] == [
        "11. Operating the service",
        "12. Business case",
        "13. Future action plan",
        "14. Requirements",
    ]
    assert chapters[-2:] == ["Appendix A. Traceability", "Appendix B. Review status"]
    # The PDF's own bookmarks are the same outline.
    assert _pdf_outline(render_pdf(renderings["PDF"])) == reference


def test_the_contents_list_the_same_numbered_headings(renderings):
    for name, html in renderings.items():
        contents = re.search(r'<nav class="[^"]*(?:toc)[^"]*"[^>]*>(.*?)</nav>', html, re.S)
        assert contents, name
        entries = [
            " ".join(re.sub(r"<[^>]+>", "", e).split())
            for e in re.findall(r"<a href=\"#sec-[^\"]+\">(.*?)</a>", contents.group(1))
        ]
        chapters = [text for level, text in outline(html) if level == 2]
        assert entries == chapters, name


def test_requirements_and_the_appendix_read_the_same_everywhere(renderings):
    def rows(html: str, cls: str) -> list[str]:
        found = re.findall(rf'<p class="{cls}[^"]*"[^>]*>(.*?)</p>', html, re.S)
        return [" ".join(re.sub(r"<[^>]+>", "", row).split()) for row in found]

    reference = renderings["PDF"]
    for name, html in renderings.items():
        assert rows(html, "req") == rows(reference, "req"), name
        assert rows(html, "trace-row") == rows(reference, "trace-row"), name
    assert rows(reference, "req")


def test_a_comment_on_an_element_lands_where_the_document_shows_it(v1, consultant_client, link):
    """Comments are filed by section key and element id; an element a section now takes
    from another (a channel, once under the architecture) still finds its comments, and a
    new comment can be about it."""
    from django.utils import timezone

    from reviews.models import Comment

    # Filed as it was when the architecture section showed the channels.
    Comment.objects.create(
        version=v1,
        section="architecture",
        element_id="architecture.channel.email",
        body="Do we keep the old mailbox?",
        reviewer=link.reviewer,
        author_name=link.reviewer.name,
        created_at=timezone.now(),
    )
    new = review_services.comment_add(
        version=v1,
        section="channels",
        element_id="architecture.channel.chat",
        body="Chat on weekends too?",
        reviewer=link.reviewer,
    )
    assert new.element_id == "architecture.channel.chat"
    page = consultant_client.get(
        reverse("deliverables:version", args=[v1.project_id, v1.number])
    ).content.decode()
    channels = re.search(r'<section[^>]*id="sec-channels".*?</section>', page, re.S)
    assert channels
    assert "Do we keep the old mailbox?" in channels.group(0)
    assert "Chat on weekends too?" in channels.group(0)
