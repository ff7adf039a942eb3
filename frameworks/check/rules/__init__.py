"""The rule functions, one module per family; importing this package registers them."""

from __future__ import annotations

from . import assumptions, constraints, scope, sources, targets, text

__all__ = ["assumptions", "constraints", "scope", "sources", "targets", "text"]
