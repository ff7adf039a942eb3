"""Regenerate the language and place vocabularies in discovery/vocab/ from langcodes.

    uv run python scripts/vocab_build.py

The names come from langcodes and language-data (CLDR names, the IANA language subtag
registry). Looking a name up for a code loads their 4.6 MB name table, which takes seconds
in every process, so the app reads the two small TSV files this script writes instead and
keeps langcodes for finding a language by a name in any language (fast, through tries).

Languages: every ISO 639-1 language of the registry that is not deprecated, plus the
ISO 639-3 languages in EXTRA_LANGUAGES that support teams meet and that have no
two-letter code. Places: every ISO 3166-1 country or territory of the registry, plus the
regions in EXTRA_PLACES that data-residency rules name (the EU, the EEA…).
"""

from __future__ import annotations

import csv
from pathlib import Path

from langcodes import Language
from language_data.registry_parser import parse_registry

OUT = Path(__file__).resolve().parent.parent / "discovery" / "vocab"

# ISO 639-3 languages without a two-letter code that a support team may well serve.
EXTRA_LANGUAGES = (
    "fil",  # Filipino
    "yue",  # Cantonese
    "haw",  # Hawaiian
    "ceb",  # Cebuano
    "hmn",  # Hmong
    "chr",  # Cherokee
    "gsw",  # Swiss German
    "nds",  # Low German
    "pap",  # Papiamento
    "tpi",  # Tok Pisin
    "kri",  # Krio
    "ase",  # American Sign Language
    "bfi",  # British Sign Language
    "gsg",  # German Sign Language
    "fsl",  # French Sign Language
    "asf",  # Auslan
    "hak",  # Hakka Chinese
    "nan",  # Min Nan Chinese
    "mai",  # Maithili
    "sat",  # Santali
    "kok",  # Konkani
    "ast",  # Asturian
    "scn",  # Sicilian
    "nap",  # Neapolitan
    "mfe",  # Morisyen
)
# Regions that residency rules speak of, beyond single countries (UN M.49 or registry codes).
EXTRA_PLACES = {
    "EU": "European Union",
    "EEA": "European Economic Area",
    "150": "Europe",
    "019": "Americas",
    "021": "Northern America",
    "419": "Latin America and the Caribbean",
    "142": "Asia",
    "009": "Oceania",
    "002": "Africa",
    "145": "Middle East (Western Asia)",
}
SKIP_REGIONS = {"EZ", "UN", "AA", "QM", "XA", "ZZ"}


def main() -> None:
    registry = list(parse_registry())
    languages = [
        r["Subtag"]
        for r in registry
        if r.get("Type") == "language" and len(r["Subtag"]) == 2 and "Deprecated" not in r
    ]
    languages += [code for code in EXTRA_LANGUAGES if code not in languages]
    with (OUT / "languages.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "english", "autonym"])
        for code in sorted(languages):
            language = Language.get(code)
            english = language.display_name()
            autonym = language.autonym()
            writer.writerow([code, english, autonym if autonym != code else english])
    places = {
        r["Subtag"]: r["Description"][0]
        for r in registry
        if r.get("Type") == "region"
        and r["Subtag"].isalpha()
        and "Deprecated" not in r
        and r["Subtag"] not in SKIP_REGIONS
        and "Private use" not in r["Description"]
    }
    with (OUT / "places.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "english"])
        for code in sorted(places):
            name = Language.get(f"und-{code}").territory_name()
            writer.writerow([code, name if name != code else places[code]])
        for code, name in EXTRA_PLACES.items():
            if code not in places:
                writer.writerow([code, name])


if __name__ == "__main__":
    main()
