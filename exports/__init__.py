"""Lossless project export and import (JSON), and the requirements as a Jira CSV."""
