# Support Blueprint: one image for the web process (gunicorn) and the Celery worker.
#
#   docker build -t support-blueprint .
#   docker compose up            # see docker-compose.yml and README.md

FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# WeasyPrint renders PDFs through Pango and HarfBuzz; DejaVu is the fallback font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --frozen --no-dev --no-install-project --no-cache

COPY . .

# collectstatic needs production settings, and those need a secret key: this one exists
# only for this build step and is never stored in the image.
RUN DJANGO_DEBUG=false \
    DJANGO_SECRET_KEY=build-only-collectstatic-key-never-used-to-sign-anything-0123456789 \
    python manage.py collectstatic --noinput

# The code stays root-owned and read-only to the app; it writes only generated files and,
# when no DATABASE_URL is given, its SQLite database.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home app \
    && mkdir -p /app/media /app/data \
    && chown app:app /app/media /app/data
ENV SQLITE_PATH=/app/data/db.sqlite3
USER app

EXPOSE 8000

# (2 × cores) + 1 sync workers unless WEB_CONCURRENCY says otherwise.
CMD ["sh", "-c", "exec gunicorn config.wsgi --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-$((2 * $(nproc) + 1))} --access-logfile -"]
