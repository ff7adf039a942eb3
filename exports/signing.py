"""The export's signature: an HMAC-SHA256 of the whole document with this installation's
secret key, so that a file this installation wrote and nobody changed since can be told
from any other.

Only this installation's key (SECRET_KEY, or one of SECRET_KEY_FALLBACKS after a
rotation) can make or check a signature, so a file is one of:

- VERIFIED: signed here and unchanged. Its approvals are kept as approvals.
- FOREIGN: signed by another installation (a key id that is not ours), or an export of
  format 1 (unsigned). Nothing here can tell whether it was edited, so its approvals are
  kept only as "imported, not verified here" records (reviews.ImportedApproval), which
  never print the APPROVED stamp nor make the project approved.
- a file that names our key but whose signature does not match was changed after it was
  exported: refused.

The signature covers the document's canonical JSON (sorted keys, no spaces, UTF-8)
without the "signature" member itself. The export is written in exactly that form, with
the signature as its last member, so it is signed as it streams (StreamSigner): the whole
document never has to be in memory; the key id is a public fingerprint of the key, so
a file tells which installation signed it without revealing anything about the key.
"""

from __future__ import annotations

import hmac
import json
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.utils.crypto import salted_hmac

from .reading import fail

ALGORITHM = "HMAC-SHA256"
_SIGNATURE_SALT = "support-blueprint.exports.signature"
_KEY_ID_SALT = "support-blueprint.exports.key-id"


class Verdict(StrEnum):
    VERIFIED = "verified"
    FOREIGN = "foreign"  # another installation's key
    UNSIGNED = "unsigned"  # format 1, from before exports were signed


def canonical(document: dict[str, Any]) -> bytes:
    body = {key: value for key, value in document.items() if key != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# The canonical form, one value at a time: the same bytes as canonical() gives for the
# whole, since a sorted object or a list is its members' encodings joined by commas.
encode_canonical = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False
).encode


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _key_id(secret: str) -> str:
    return salted_hmac(_KEY_ID_SALT, "key-id", secret=secret, algorithm="sha256").hexdigest()[:16]


def _mac(payload: bytes, secret: str) -> str:
    return salted_hmac(_SIGNATURE_SALT, payload, secret=secret, algorithm="sha256").hexdigest()


def key_id() -> str:
    """This installation's key, as a file names it."""
    return _key_id(settings.SECRET_KEY)


def sign(document: dict[str, Any]) -> dict[str, Any]:
    """The document with its signature added (any earlier one replaced)."""
    payload = canonical(document)
    return {
        **document,
        "signature": {
            "algorithm": ALGORITHM,
            "key_id": key_id(),
            "value": _mac(payload, settings.SECRET_KEY),
        },
    }


class StreamSigner:
    """The signature of a document written as its canonical JSON, fed in pieces: the
    bytes of `{` and of its members (everything but the signature) as they are written,
    then signature() once the last member is written."""

    def __init__(self) -> None:
        self._mac = salted_hmac(
            _SIGNATURE_SALT, b"", secret=settings.SECRET_KEY, algorithm="sha256"
        )

    def update(self, chunk: bytes) -> None:
        self._mac.update(chunk)

    def signature(self) -> dict[str, str]:
        self._mac.update(b"}")
        return {"algorithm": ALGORITHM, "key_id": key_id(), "value": self._mac.hexdigest()}


def verify(document: dict[str, Any], version: int) -> Verdict:
    """What the file's signature says; raises the ValidationError the import form shows
    when the file names this installation's key and was changed since."""
    if version < 2:
        return Verdict.UNSIGNED
    signature = document.get("signature")
    if not isinstance(signature, dict):
        raise fail(
            "signature",
            "missing: every export since format 2 is signed. Export the project again from "
            "where it came from.",
        )
    algorithm, claimed, value = (signature.get(k) for k in ("algorithm", "key_id", "value"))
    if algorithm != ALGORITHM or not isinstance(claimed, str) or not isinstance(value, str):
        raise fail("signature", f"expected {ALGORITHM} with a key id and a value.")
    payload = canonical(document)
    for secret in _secrets():
        if hmac.compare_digest(claimed, _key_id(secret)):
            if hmac.compare_digest(value, _mac(payload, secret)):
                return Verdict.VERIFIED
            raise fail(
                "",
                "This file was changed after it was exported: it was signed by this "
                "installation, and its content no longer matches the signature. A changed "
                "export could carry approvals a client never gave, so it cannot be "
                "imported. Export the project again and import that file unchanged.",
            )
    return Verdict.FOREIGN
