"""Why a requirement exists, in the words a consultant would use with the client.

Pure: a requirement's origin, rationale and trace in, a plain reason out. The reason is the
rationale its rules give, never their ids; a requirement several rules call for says how
many more reasons there are, and one no answer calls for says the method always does.
"""

from __future__ import annotations

from typing import Any

ADDED_BY_CONSULTANT = "Added by a consultant."


def plain_reason(origin: str, rationale: str, trace: dict[str, Any] | None) -> dict[str, Any]:
    """{"headline": the first reason, "more": how many other reasons, "reasons": all of
    them in order, "always": whether the method calls for it whatever the answers,
    "answers": how many answers it reads}."""
    trace = trace or {}
    firings = trace.get("firings", [])
    reasons: list[str] = []
    for firing in firings:
        text = " ".join(str(firing.get("rationale") or "").split())
        if text and text not in reasons:
            reasons.append(text)
    own = " ".join(rationale.split())
    fallback = own or (ADDED_BY_CONSULTANT if origin == "manual" else "")
    headline = reasons[0] if reasons else fallback
    return {
        "headline": headline,
        "more": max(len(reasons) - 1, 0),
        "reasons": reasons,
        "always": bool(firings) and not trace.get("inputs"),
        "answers": len(trace.get("inputs", [])),
    }
