from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Templates, catalogues and dictionaries loaded before the first request, not during it;
# under gunicorn's preload_app this runs once, in the master, before the workers fork.
from config.warmup import warm  # noqa: E402

warm(application)
