"""A word-level diff of two texts, for people: what was struck and what was added, inside
the sentence that stays, with long unchanged stretches shortened to their edges.

Pure: strings in, a list of pieces out. Words, runs of spaces and punctuation are the
tokens, so a changed number or word is marked alone rather than the whole sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKENS = re.compile(r"\s+|[^\W_]+(?:['’.,-][^\W_]+)*|.", re.UNICODE)

SAME, ADDED, REMOVED, ELIDED = "same", "added", "removed", "elided"


@dataclass(frozen=True, slots=True)
class Piece:
    kind: str  # same, added, removed or elided ("…" stands for unchanged words left out)
    text: str


def tokens(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def word_diff(old: str, new: str, context: int = 10) -> list[Piece]:
    """The pieces that turn `old` into `new`. Unchanged runs longer than twice `context`
    words keep `context` words on each side of a change (one side at the start and the
    end of the text)."""
    a, b = tokens(old), tokens(new)
    raw: list[Piece] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            raw.append(Piece(SAME, "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            raw.append(Piece(REMOVED, "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            raw.append(Piece(ADDED, "".join(b[j1:j2])))
    pieces = _merge(_absorb_spaces(raw))
    return _elide(pieces, context)


def changed(pieces: list[Piece]) -> bool:
    return any(p.kind in (ADDED, REMOVED) for p in pieces)


def _absorb_spaces(pieces: list[Piece]) -> list[Piece]:
    """A lone space kept between two changes reads better inside them: "<del>18
    hours</del><ins>2 hours</ins>", not "<del>18</del> <del>hours</del>"."""
    out: list[Piece] = []
    for index, piece in enumerate(pieces):
        between_changes = (
            piece.kind == SAME
            and not piece.text.strip()
            and 0 < index < len(pieces) - 1
            and pieces[index - 1].kind != SAME
            and pieces[index + 1].kind != SAME
        )
        if between_changes:
            out.append(Piece(REMOVED, piece.text))
            out.append(Piece(ADDED, piece.text))
        else:
            out.append(piece)
    # Group removals before additions within each changed run.
    grouped: list[Piece] = []
    run: list[Piece] = []
    for piece in [*out, Piece(SAME, "")]:
        if piece.kind == SAME:
            grouped += [p for p in run if p.kind == REMOVED] + [p for p in run if p.kind == ADDED]
            run = []
            grouped.append(piece)
        else:
            run.append(piece)
    return [p for p in grouped if p.text]


def _merge(pieces: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for piece in pieces:
        if merged and merged[-1].kind == piece.kind:
            merged[-1] = Piece(piece.kind, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged


def _elide(pieces: list[Piece], context: int) -> list[Piece]:
    out: list[Piece] = []
    last = len(pieces) - 1
    for index, piece in enumerate(pieces):
        if piece.kind != SAME:
            out.append(piece)
            continue
        words = tokens(piece.text)
        keep_head = context if index > 0 else 0  # words after the change before it
        keep_tail = context if index < last else 0  # words before the change after it
        if len([w for w in words if w.strip()]) <= keep_head + keep_tail + 2:
            out.append(piece)
            continue
        head = _first_words(words, keep_head)
        tail = _last_words(words, keep_tail)
        if head:
            out.append(Piece(SAME, head))
        out.append(Piece(ELIDED, "…"))
        if tail:
            out.append(Piece(SAME, tail))
    return out


def _take(words: list[str], count: int) -> list[str]:
    """The leading tokens holding `count` words (and the spaces between them)."""
    taken: list[str] = []
    seen = 0
    for word in words:
        if seen >= count:
            break
        taken.append(word)
        if word.strip():
            seen += 1
    return taken


def _first_words(words: list[str], count: int) -> str:
    return "".join(_take(words, count))


def _last_words(words: list[str], count: int) -> str:
    return "".join(reversed(_take(words[::-1], count)))
