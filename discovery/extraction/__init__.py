"""The free-text extractor: a gazetteer kept as data (`gazetteer.py`, `data/`), and a pure
function over text (`engine.extract`)."""

from __future__ import annotations

from .engine import Finding, extract

__all__ = ["Finding", "extract"]
