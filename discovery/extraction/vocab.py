"""ISO 639 language names and ISO 3166 country names, from the data langcodes ships.

The IANA language subtag registry (in `language_data`) lists every ISO 639-1 language and
ISO 3166-1 region with its English names; CLDR's names (`language_data.name_data`) give a
language's name in itself ("Deutsch", "español", "日本語"). Read once per process.
"""

from __future__ import annotations

import functools

import langcodes
from language_data.registry_parser import parse_registry


@functools.cache
def _registry() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    languages: dict[str, tuple[str, ...]] = {}
    regions: dict[str, tuple[str, ...]] = {}
    for item in parse_registry():
        subtag, kind = item.get("Subtag", ""), item.get("Type")
        if "Deprecated" in item or item.get("Scope") in ("collection", "special", "private-use"):
            continue
        names = tuple(item.get("Description", ()))
        if kind == "language":
            languages[subtag] = names
        elif kind == "region" and len(subtag) == 2 and names and names[0] != "Private use":
            regions[subtag] = names
    return languages, regions


@functools.cache
def language_names(extra_codes: tuple[str, ...] = ()) -> dict[str, tuple[str, tuple[str, ...]]]:
    """{ISO 639 code: (English name, every name in English and in the language itself)}
    for every ISO 639-1 language and the `extra_codes`."""
    from language_data.name_data import CODE_TO_NAMES  # 9,000 codes: loaded only here

    registry, _ = _registry()
    codes = [code for code in registry if len(code) == 2] + [
        code for code in extra_codes if code in registry
    ]
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for code in codes:
        cldr = CODE_TO_NAMES.get(code, {})
        english = cldr.get("en") or registry[code][0]
        names = [english, *registry[code]]
        own = cldr.get(code)
        if own:
            names.append(own)
        out[code] = (english, tuple(dict.fromkeys(n for n in names if n)))
    return out


@functools.cache
def country_names() -> dict[str, str]:
    """{ISO 3166-1 alpha-2 code: English name}."""
    _, regions = _registry()
    return {code: names[0] for code, names in regions.items()}


def language_label(code: str) -> str:
    """A language's English name, for any valid tag ("pt-BR" → "Portuguese (Brazil)")."""
    try:
        return str(langcodes.Language.get(code).display_name("en"))
    except (ValueError, LookupError):
        return code
