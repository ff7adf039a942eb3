"""What a freshly started web process loads before its first answer."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings


def test_the_web_process_does_not_import_weasyprint_until_it_renders():
    """WeasyPrint takes seconds to import; a web process loads it with the first PDF, not
    with its URLconf, so its first page answers quickly."""
    code = (
        "import sys, django; django.setup(); "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "import config.wsgi; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'weasyprint', 'fontTools'}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
