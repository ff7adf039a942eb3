"""Vocabularies of named things the discovery speaks of: languages and places.

`languages` turns what people write ("German", "Deutsch", "pt", "Farsi") into ISO 639
codes and back into names; `places` does the same for countries and regions (ISO 3166-1
and a few UN M.49 regions) for data residency. Both are data files generated from
langcodes/language-data by `scripts/vocab_build.py`, read once per process. The question
bank validates and displays with them; the free-text extractor recognises with them.
"""
