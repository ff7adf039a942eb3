"""WeasyPrint fetches nothing outside the allow-list, whatever reaches it.

Each hostile snippet is rendered twice: through a template, the normal path, where it is
escaped into text; and as raw HTML handed to the renderer, where the fetcher alone must
refuse it. A loopback HTTP server stands in for the network and must receive no request;
the PDF must carry no embedded file.
"""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.template import engines
from pypdf import PdfReader

from deliverables.fetcher import SafeURLFetcher, URLRefused
from deliverables.render import MAX_HTML_BYTES, PdfInputTooLarge, render_pdf


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).hits.append(self.path)
        body = b"SECRET-FROM-LOOPBACK"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[str]]]:
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.hits
    finally:
        server.shutdown()
        server.server_close()


def _hostile(local: str) -> list[str]:
    return [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        f'<link rel="attachment" href="{local}/attach">',
        '<img src="http://169.254.169.254/latest/meta-data/">',
        f'<img src="{local}/img.png">',
        f'<link rel="stylesheet" href="{local}/style.css">',
        f'<style>@import url("{local}/import.css"); body {{ background: url("{local}/bg.png") }}</style>',
        '<style>@import "file:///etc/passwd";</style>',
        f'<p style="background-image: url({local}/inline.png)">x</p>',
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image href="{local}/svg.png" width="10" height="10"/><image xlink:href="file:///etc/passwd" width="5" height="5"/></svg>',
        f'<object data="{local}/object.svg"></object><embed src="{local}/embed.svg">',
        '<img src="../../../../../../etc/passwd">',
        '<img src="file://localhost/etc/hostname">',
    ]


def _assert_no_embedded_files(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    names = reader.trailer["/Root"].get("/Names")
    assert names is None or "/EmbeddedFiles" not in names.get_object()
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            assert annot.get_object().get("/Subtype") != "/FileAttachment"
    assert b"root:x:0:0" not in pdf
    assert b"SECRET-FROM-LOOPBACK" not in pdf


def _render_raw(snippet: str) -> tuple[bytes, SafeURLFetcher]:
    fetcher = SafeURLFetcher()
    html = f"<!doctype html><html><head></head><body><h1>Report</h1>{snippet}</body></html>"
    return render_pdf(html, fetcher=fetcher), fetcher


@pytest.mark.parametrize("index", range(13))
def test_raw_html_fetches_nothing(index: int, loopback) -> None:
    base, hits = loopback
    snippet = _hostile(base)[index]
    pdf, fetcher = _render_raw(snippet)
    assert hits == []
    _assert_no_embedded_files(pdf)
    # Everything outside our static files was asked for and refused, not silently fetched.
    assert all(
        url.startswith(("http", "file:")) and "/static/" not in url for url in fetcher.refused
    )


@pytest.mark.parametrize("index", range(13))
def test_escaped_user_text_fetches_nothing(index: int, loopback) -> None:
    base, hits = loopback
    snippet = _hostile(base)[index]
    template = engines["django"].from_string(
        "<!doctype html><html><body><h1>{{ client }}</h1><p>{{ note }}</p></body></html>"
    )
    html = template.render({"client": snippet, "note": snippet})
    fetcher = SafeURLFetcher()
    pdf = render_pdf(html, fetcher=fetcher)
    assert hits == []
    assert fetcher.refused == []  # escaped: never even asked for
    _assert_no_embedded_files(pdf)


def test_fetcher_refuses_outside_the_allow_list(loopback, tmp_path: Path) -> None:
    base, hits = loopback
    fetcher = SafeURLFetcher(roots=[tmp_path / "static"])
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "ok.css").write_text("p { color: red }")
    (tmp_path / "secret.txt").write_text("secret")
    (tmp_path / "static" / "escape.txt").symlink_to(tmp_path / "secret.txt")
    for url in [
        f"{base}/x",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/",
        "ftp://127.0.0.1/x",
        "file:///etc/passwd",
        (tmp_path / "secret.txt").as_uri(),
        (tmp_path / "static" / "escape.txt").as_uri(),
        (tmp_path / "static").as_uri() + "/../secret.txt",
        "file://evil.example/static/ok.css",
        "gopher://127.0.0.1/",
    ]:
        with pytest.raises(URLRefused):
            fetcher.fetch(url)
    assert hits == []
    response = fetcher.fetch((tmp_path / "static" / "ok.css").as_uri())
    assert response.read() == b"p { color: red }"
    assert response.content_type == "text/css"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_static_images_and_data_urls_still_render() -> None:
    fetcher = SafeURLFetcher()
    svg = (
        "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'>"
        "<rect width='4' height='4'/></svg>"
    )
    pdf = render_pdf(f'<img src="{svg}"><p>ok</p>', fetcher=fetcher)
    assert pdf.startswith(b"%PDF")
    assert fetcher.refused == []


def test_html_is_capped() -> None:
    with pytest.raises(PdfInputTooLarge):
        render_pdf("<p>" + "x" * (MAX_HTML_BYTES + 1) + "</p>")
