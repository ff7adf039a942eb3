"""HTML to PDF with WeasyPrint, the app's way: one fetcher, shared fonts and stylesheet,
no presentational hints, a cap on the input."""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .assets import PRINT_CSS
from .fetcher import SafeURLFetcher

MAX_HTML_BYTES = 2 * 1024 * 1024

# WeasyPrint is not documented as thread-safe; the embedded mode renders in a background
# thread beside the web server, so renders in one process take turns.
_render_lock = threading.Lock()

# One line per render step at INFO is noise in web and worker logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class PdfInputTooLarge(ValueError):
    pass


@lru_cache(maxsize=1)
def font_config() -> FontConfiguration:
    return FontConfiguration()


@lru_cache(maxsize=4)
def _stylesheet(path: str, mtime: float) -> CSS:
    return CSS(filename=path, url_fetcher=SafeURLFetcher(), font_config=font_config())


def print_stylesheet() -> CSS:
    """The print stylesheet, parsed once per process (again only if the file changes)."""
    return _stylesheet(str(PRINT_CSS), PRINT_CSS.stat().st_mtime)


def stylesheet_hash() -> str:
    import hashlib

    return hashlib.sha256(PRINT_CSS.read_bytes()).hexdigest()


_image_cache: dict[str, object] = {}


def render_pdf(
    html: str,
    *,
    base_url: str | None = None,
    stylesheets: list[CSS] | None = None,
    fetcher: SafeURLFetcher | None = None,
) -> bytes:
    """Render `html` to PDF bytes. Resources come only through `SafeURLFetcher`."""
    return render_pdf_pages(html, base_url=base_url, stylesheets=stylesheets, fetcher=fetcher)[0]


def render_pdf_pages(
    html: str,
    *,
    base_url: str | None = None,
    stylesheets: list[CSS] | None = None,
    fetcher: SafeURLFetcher | None = None,
) -> tuple[bytes, int]:
    """The PDF and its page count."""
    if len(html.encode()) > MAX_HTML_BYTES:
        raise PdfInputTooLarge(f"the document is larger than {MAX_HTML_BYTES // 1024} KB")
    if base_url is None:
        base_url = Path(settings.BASE_DIR / "static").as_uri() + "/"
    fetcher = fetcher or SafeURLFetcher()
    sheets = stylesheets if stylesheets is not None else [print_stylesheet()]
    with _render_lock:
        if len(_image_cache) > 200:
            _image_cache.clear()
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=sheets,
            font_config=font_config(),
            cache=_image_cache,
            presentational_hints=False,
        )
        pdf = document.write_pdf()
    assert pdf is not None
    return pdf, len(document.pages)
