# Shortcuts for the scripts. `make help` lists them.

UV ?= uv
CELERY_ARGS ?= --loglevel INFO --concurrency 2 --max-tasks-per-child 100 --max-memory-per-child 400000

.PHONY: help install run test lint worker ci

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

install: ## Install uv (if missing) and the locked dependencies into .venv
	bash scripts/bootstrap.sh

run: ## Migrate, seed the demo data and serve on http://127.0.0.1:8000/ (or PORT=...)
	bash scripts/run.sh

test: ## Run the test suite; pass pytest arguments with ARGS="-k wizard -x"
	bash scripts/test.sh $(ARGS)

lint: install ## ruff, mypy, the migrations check and djlint
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy .
	$(UV) run --frozen python manage.py makemigrations --check --dry-run
	$(UV) run --frozen djlint --lint .

worker: install ## A Celery worker; needs REDIS_URL (without it tasks run in-process)
	@test -n "$$REDIS_URL" || { echo "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0): without it tasks run in-process and no worker is needed."; exit 1; }
	$(UV) run --frozen celery -A config worker $(CELERY_ARGS)

ci: ## Everything CI runs, on a throwaway PostgreSQL (needs root for apt and postgres)
	bash .ci/run
