"""The extractor's quality and speed: precision and recall per category on the labelled
sentences (all, tuned-on, held out), on the second set written in new voices
(sentences_fresh.yaml, tuned on after its first reading), on the held-out set of five
kinds of client written without reading the gazetteer (sentences_heldout.yaml), on the
set written for the classes that fill rows (sentences_rows.yaml), on the set written for
what the briefs named and the extractor missed (sentences_heard.yaml), on the set of the
expert's misreadings and five new kinds of client (sentences_expert.yaml), on the set of
counts said in the client's own nouns (sentences_counts.yaml, written before the fix of
that class, the largest of the fifth set's first reading), on the set of alerts that are
or are not the monitoring channel (sentences_alerts.yaml, written before its fix), and the
time to read a 2,000-character answer.

    uv run python bench/extract_bench.py              # the table and the timings
    uv run python bench/extract_bench.py --misses     # also every sentence read wrongly
    uv run python bench/extract_bench.py --write-guard  # regenerate data/fuzzy_guard.txt

`--write-guard` needs Debian's word list (`apt-get install wamerican`): it lists the
ordinary words one typo away from a name, which the extractor never reads as a typo.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import yaml  # noqa: E402

from discovery.extraction import evaluation  # noqa: E402
from discovery.extraction.engine import extract  # noqa: E402
from discovery.extraction.gazetteer import DATA_DIR, gazetteer  # noqa: E402

SENTENCES = ROOT / "tests" / "discovery" / "extraction" / "sentences.yaml"
FRESH = ROOT / "tests" / "discovery" / "extraction" / "sentences_fresh.yaml"
HELDOUT = ROOT / "tests" / "discovery" / "extraction" / "sentences_heldout.yaml"
ROWS = ROOT / "tests" / "discovery" / "extraction" / "sentences_rows.yaml"
HEARD = ROOT / "tests" / "discovery" / "extraction" / "sentences_heard.yaml"
EXPERT = ROOT / "tests" / "discovery" / "extraction" / "sentences_expert.yaml"
COUNTS = ROOT / "tests" / "discovery" / "extraction" / "sentences_counts.yaml"
ALERTS = ROOT / "tests" / "discovery" / "extraction" / "sentences_alerts.yaml"
TARGET = 0.9
WORDS = Path("/usr/share/dict/american-english")


def load(path: Path = SENTENCES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]


def table(title: str, report: evaluation.Report) -> None:
    print(f"\n{title} ({report.sentences} sentences)")
    print(f"  {'category':<12}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}  target")
    for category, s in report.scores.items():
        ok = s.precision >= TARGET and s.recall >= TARGET
        print(
            f"  {category:<12}{s.precision:>10.2f}{s.recall:>8.2f}{s.tp:>6}{s.fp:>5}{s.fn:>5}"
            f"  {'PASS' if ok else 'MISS'}"
        )


def _f1(report: evaluation.Report) -> float:
    tp = sum(s.tp for s in report.scores.values())
    fp = sum(s.fp for s in report.scores.values())
    fn = sum(s.fn for s in report.scores.values())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def by_group(items: list[dict], key: str) -> None:
    groups: dict[str, list[dict]] = {}
    for item in items:
        groups.setdefault(item[key], []).append(item)
    scores = ", ".join(f"{name} {_f1(evaluation.evaluate(g)):.2f}" for name, g in groups.items())
    print(f"\n  by {key}: {scores} (F1 over all classes)")


def sample_text() -> str:
    """A 2,000-character answer made of the labelled sentences, as a client would type."""
    text, items = "", load()
    index = 0
    while len(text) < 2000:
        text += items[index % len(items)]["text"] + " "
        index += 1
    return text[:2000]


def timings() -> None:
    gaz = gazetteer()
    text = sample_text()
    rounds = 200
    cold, warm, one = [], [], []
    for i in range(rounds):
        gaz.cache.clear()
        t0 = time.process_time()
        extract(text)
        cold.append(time.process_time() - t0)
        t0 = time.process_time()
        extract(text)
        warm.append(time.process_time() - t0)
        changed = text.replace("7 min", f"{i % 50 + 2} min", 1)
        t0 = time.process_time()
        extract(changed)
        one.append(time.process_time() - t0)
    med = lambda xs: sorted(xs)[len(xs) // 2] * 1000  # noqa: E731
    print(
        f"\nSpeed on a 2,000-character answer ({len(extract(text))} findings), CPU ms, median of {rounds}:"
    )
    print(f"  every sentence new      {med(cold):6.2f} ms")
    print(f"  one sentence changed    {med(one):6.2f} ms   (what autosave sees while typing)")
    print(f"  nothing changed         {med(warm):6.2f} ms")


def write_guard() -> None:
    from discovery.extraction.engine import _one_edit
    from discovery.extraction.text import fold

    gaz = gazetteer()
    keys = {k for ks in gaz.fuzzy.values() for k in ks}
    guard = set()
    for line in WORDS.read_text(encoding="utf-8").splitlines():
        word = fold(line.strip())
        word = word[:-2] if word.endswith("'s") else word
        if len(word) < 6 or not word.isalpha() or not word.isascii() or word in keys:
            continue
        near = set(gaz.fuzzy.get(word, ()))
        for k in range(len(word)):
            near.update(gaz.fuzzy.get(word[:k] + word[k + 1 :], ()))
        if any(key != word and _one_edit(word, key) for key in near):
            guard.add(word)
    header = (
        "# Ordinary English words one typo away from a name in the gazetteer: never read as a\n"
        "# misspelt name. Generated from Debian's wamerican word list by\n"
        "# `bench/extract_bench.py --write-guard`; regenerate it when names are added.\n"
    )
    (DATA_DIR / "fuzzy_guard.txt").write_text(header + "\n".join(sorted(guard)) + "\n")
    print(f"wrote {len(guard)} words")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--write-guard", action="store_true")
    args = parser.parse_args()
    if args.write_guard:
        write_guard()
        return 0
    items = load()
    dev = [s for i, s in enumerate(items) if not evaluation.is_held_out(i)]
    held = [s for i, s in enumerate(items) if evaluation.is_held_out(i)]
    full = evaluation.evaluate(items)
    table("All labelled sentences", full)
    table("Tuned on", evaluation.evaluate(dev))
    table("Held out (never tuned on)", evaluation.evaluate(held))
    fresh_items = load(FRESH)
    fresh = evaluation.evaluate(fresh_items)
    table("Second set, new voices and sectors (tuned on after its first reading)", fresh)
    by_group(fresh_items, "sector")
    held_items = load(HELDOUT)
    heldout = evaluation.evaluate(held_items)
    table("Held-out set, five kinds of client (written without the gazetteer)", heldout)
    by_group(held_items, "kind")
    rows_items = load(ROWS)
    rows = evaluation.evaluate(rows_items)
    table("Held-out set of rows: systems, calendars, spikes, partners, quantities", rows)
    by_group(rows_items, "kind")
    heard_items = load(HEARD)
    heard = evaluation.evaluate(heard_items)
    table(
        "Held-out set of what the briefs named: systems, channels, hand-overs, obligations", heard
    )
    by_group(heard_items, "kind")
    expert_items = load(EXPERT)
    expert = evaluation.evaluate(expert_items)
    table("Held-out set of the expert's misreadings and five new kinds of client", expert)
    by_group(expert_items, "kind")
    counts_items = load(COUNTS)
    counts = evaluation.evaluate(counts_items)
    table(
        "Held-out set of counts in the client's own nouns (people, organisations, places)", counts
    )
    by_group(counts_items, "kind")
    alerts_items = load(ALERTS)
    alerts = evaluation.evaluate(alerts_items)
    table("Held-out set of alerts: the monitoring channel, or notifications to people", alerts)
    by_group(alerts_items, "kind")
    if args.misses:
        for title, report in (
            ("Read wrongly", full),
            ("Read wrongly, second set", fresh),
            ("Read wrongly, held-out set", heldout),
            ("Read wrongly, held-out set of rows", rows),
            ("Read wrongly, held-out set of what the briefs named", heard),
            ("Read wrongly, held-out set of the expert's misreadings and new clients", expert),
            ("Read wrongly, held-out set of counts in the client's own nouns", counts),
            ("Read wrongly, held-out set of alerts", alerts),
        ):
            print(f"\n{title}:")
            for text, fp, fn in report.misses:
                print(f"  {text}\n    found, not expected: {fp}\n    expected, not found: {fn}")
    timings()
    return 0


if __name__ == "__main__":
    sys.exit(main())
