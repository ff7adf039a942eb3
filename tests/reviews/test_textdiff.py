"""The word-level diff and the reader-facing version diff, without a database."""

from __future__ import annotations

from reviews.textdiff import ADDED, ELIDED, REMOVED, SAME, Piece, word_diff
from reviews.versiondiff import enrich_framework, field_change, requirements_diff


def _marked(pieces: list[Piece]) -> str:
    marks = {SAME: "{}", ADDED: "[+{}]", REMOVED: "[-{}]", ELIDED: "{}"}
    return "".join(marks[p.kind].format(p.text) for p in pieces)


def test_only_the_changed_word_is_marked():
    pieces = word_diff(
        "First responses average about 18 hours today.",
        "First responses average about 2 hours today.",
    )
    assert _marked(pieces) == "First responses average about [-18][+2] hours today."


def test_neighbouring_changed_words_are_one_change():
    pieces = word_diff("Zendesk Suite Professional fits best.", "Freshdesk Pro fits best.")
    assert _marked(pieces) == "[-Zendesk Suite Professional][+Freshdesk Pro] fits best."


def test_long_unchanged_text_keeps_only_its_edges():
    words = " ".join(f"w{n}" for n in range(60))
    pieces = word_diff(f"{words} old.", f"{words} new.")
    text = _marked(pieces)
    assert text.startswith("…")
    assert text.endswith("w59 [-old][+new].")
    assert "w10 " not in text
    assert len(text) < 120


def test_new_and_removed_texts():
    assert _marked(word_diff("", "Brand new.")) == "[+Brand new.]"
    assert _marked(word_diff("Gone.", "")) == "[-Gone.]"


def test_numbers_and_lists_read_as_the_page_writes_them():
    agents, target = field_change("Agents", 3, 4), field_change("Target", 2.0, 1.5)
    assert agents is not None
    assert target is not None
    assert _marked(agents["pieces"]) == "[-3][+4]"
    assert _marked(target["pieces"]) == "[-2][+1.5]"
    change = field_change("Owners", ["Support lead"], ["Support lead", "IT"])
    assert change == {"field": "Owners", "added": ["IT"], "removed": []}
    assert field_change("Agents", 3, 3) is None


def _framework(gap: int, headcount: int, text: str) -> dict:
    return {
        "sections": [
            {
                "key": "staffing",
                "title": "Staffing",
                "intro": "How many people.",
                "elements": [
                    {
                        "id": "total",
                        "kind": "staffing_total",
                        "title": "Team",
                        "text": text,
                        "data": {"gap": gap, "headcount": headcount, "shrinkage": 0.3},
                        "trace": {"answers": [gap]},
                    }
                ],
            }
        ]
    }


def test_internal_fields_never_show_and_a_change_only_to_them_hides_the_section():
    from frameworks.diff import diff_frameworks

    old, new = _framework(1, 4, "Four agents."), _framework(-1, 4, "Four agents.")
    diff = diff_frameworks(old, new)
    enrich_framework(diff, old, new)
    [section] = diff["sections"]
    assert section["status"] == "unchanged"  # "gap: 1 → -1" is nobody's business

    old, new = _framework(1, 4, "Four agents."), _framework(-1, 5, "Five agents.")
    diff = diff_frameworks(old, new)
    enrich_framework(diff, old, new)
    [section] = diff["sections"]
    [change] = section["changed"]
    fields = [d["field"] for d in change["details"]]
    assert fields == ["Text", "Agents"]
    assert "gap" not in str(change["details"]).lower()
    assert _marked(change["details"][0]["pieces"]) == "[-Four][+Five] agents."


def test_requirements_show_their_names_not_their_codes():
    old = [
        {
            "code": "FR-1",
            "title": "Tickets from email",
            "priority": "should",
            "priority_display": "Should have",
            "category": "ticket_management",
            "category_name": "Ticket management",
        }
    ]
    new = [{**old[0], "priority": "must", "priority_display": "Must have"}]
    [row] = requirements_diff(old, new)["changed"]
    [detail] = row["fields"]
    assert detail["field"] == "Priority"
    assert _marked(detail["pieces"]) == "[-Should][+Must] have"
