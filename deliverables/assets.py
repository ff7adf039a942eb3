"""Files the printed document is made from, named without importing WeasyPrint (which
takes seconds to import: the web process loads it only when it renders)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

PRINT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "print.css"
