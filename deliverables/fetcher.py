"""The one URL fetcher WeasyPrint may use anywhere in the app.

WeasyPrint fetches whatever a document points at: images, stylesheets, `@import`, SVG
`<image>`, and `<link rel="attachment">` (which it embeds into the PDF). A deliverable
carries text typed by consultants and clients, so the fetcher is deny-by-default: `data:`
URLs, files read from disk under our own static directories, and PNG or JPEG organization
logos under MEDIA_ROOT/logos, each checked after the path is resolved (a symlink or `..`
that leads outside is refused). The rest of MEDIA_ROOT holds other clients' PDFs, so it
stays out. No network, no redirects, and a refusal raises so that nothing is fetched.
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Files we serve to WeasyPrint are small (a stylesheet, a logo, a font); a bigger one is
# not ours, and `/dev/urandom`-like files must never be read to the end.
MAX_FILE_BYTES = 5 * 1024 * 1024


class URLRefused(ValueError):
    """WeasyPrint asked for a URL outside the allow-list."""


def static_roots() -> list[Path]:
    roots: list[Path] = [Path(settings.STATIC_ROOT)]
    roots.extend(
        Path(str(d if isinstance(d, str | Path) else d[1])) for d in settings.STATICFILES_DIRS
    )
    return [root.resolve() for root in roots]


LOGO_DIR = "logos"
LOGO_SUFFIXES = {".png", ".jpg", ".jpeg"}


def logo_root() -> Path:
    """Where uploaded organization logos live (`upload_to` of Organization.logo)."""
    return (Path(settings.MEDIA_ROOT) / LOGO_DIR).resolve()


class SafeURLFetcher(URLFetcher):
    """Deny-by-default fetcher: `data:`, our static files and organization logos only."""

    def __init__(
        self, roots: Iterable[Path] | None = None, image_roots: Iterable[Path] | None = None
    ) -> None:
        super().__init__(
            timeout=5,
            allowed_protocols={"data", "file"},
            allow_redirects=False,
            fail_on_errors=False,
        )
        self._roots = [Path(r).resolve() for r in (roots if roots is not None else static_roots())]
        # Directories from which only PNG and JPEG files may be read (uploaded logos).
        self._image_roots = [
            Path(r).resolve() for r in (image_roots if image_roots is not None else [logo_root()])
        ]
        self._lock = threading.Lock()
        self.refused: list[str] = []

    def _refuse(self, url: str, why: str) -> URLRefused:
        with self._lock:
            self.refused.append(url)
        return URLRefused(f"{why}: {url[:200]}")

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            # Decoded in memory by urllib's DataHandler: no I/O.
            return super().fetch(url, headers)
        if scheme == "file":
            return self._fetch_file(url)
        raise self._refuse(url, "URL not allowed in PDFs")

    def _fetch_file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise self._refuse(url, "remote file URL")
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, RuntimeError, ValueError) as exc:
            raise self._refuse(url, "file not found") from exc
        in_static = any(path.is_relative_to(root) for root in self._roots)
        in_images = any(path.is_relative_to(root) for root in self._image_roots)
        if not in_static and not (in_images and path.suffix.lower() in LOGO_SUFFIXES):
            raise self._refuse(url, "file outside the static directories")
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            raise self._refuse(url, "not a regular static file")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        body = path.read_bytes()
        return URLFetcherResponse(
            path.as_uri(), body=body, headers={"Content-Type": content_type}, status=200
        )

    # Every path into urllib goes through fetch(); an explicit refusal here keeps a future
    # WeasyPrint that calls open() directly from reaching the network.
    def open(self, url, data=None, timeout=None):  # noqa: ANN001
        full_url = url.full_url if hasattr(url, "full_url") else str(url)
        return self.fetch(full_url)
