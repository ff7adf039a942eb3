"""Shared matching of typed names: case, accents and punctuation do not matter."""

from __future__ import annotations

import re
import unicodedata

_SPLIT_RE = re.compile(r"\s*(?:[,;/\n]|\band\b|\bund\b|\be\b|\by\b|&|\+)\s*", re.IGNORECASE)
_SPACE_RE = re.compile(r"[\s\-_.'’]+")


def normalize(name: str) -> str:
    """ "Português" → "portugues", "  U.S.A. " → "u s a" → "usa"-like keys for matching."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE_RE.sub(" ", stripped).strip()


def compact(name: str) -> str:
    return normalize(name).replace(" ", "")


def split_list(text: str) -> list[str]:
    """A typed list of names: commas, semicolons, slashes, new lines or "and" between them."""
    return [part.strip() for part in _SPLIT_RE.split(text or "") if part and part.strip()]
