"""Regenerate ``generator/data/given_names.txt``: the given names that tell a person's name.

Sources, read at generation time only (neither is a dependency of the generator):
- the US Census Bureau's 1990 first-name frequency lists (public domain), as shipped by the
  ``names`` package (MIT): every name of the male and female lists;
- the first-name lists of ``Faker`` (MIT) for the locales written in Latin script, and the
  Cyrillic ones transliterated, for the names of Europe, Latin America, Africa and South Asia
  that news carries and the US Census does not ("Sergei", "Gareth", "Aiden").

    pip download names==0.3.0 faker --no-deps -d /tmp/n && (cd /tmp/n && tar xzf names-*.tar.gz
        && unzip -oq faker-*.whl)
    python tools/given_names.py /tmp/n > generator/data/given_names.txt

Names that are mostly words, not names, in news text are left out (``_NOT_NAMES``).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import unicodedata
from pathlib import Path

#: Locales whose names news rarely carries or whose lists are mostly not names (test stubs).
_SKIP = {"es", "en"}
#: Given names that are far more often an ordinary capitalised word at the start of a phrase, or a
#: city's name ("Dallas Cowboys").  Countries and US states that are given names stay: the rules
#: match those as places first, and hand them back only where a person's name goes on.
_NOT_NAMES = {
    "Will", "May", "June", "April", "August", "Christmas", "Summer", "Winter", "Autumn", "Star",
    "Love", "Golden", "Royal", "General", "Major", "King", "Queen", "Prince", "Princess", "Duke",
    "Earl", "Sir", "Dame", "Lord", "Lady", "Baron", "Bishop", "Pope", "Judge", "Page", "Young",
    "Man", "Son", "In", "On", "An", "As", "Do", "So", "My", "No", "Ok", "Us", "Or", "Ah", "Un",
    "Le", "La", "De", "Del", "Van", "Von", "Al", "El", "Bin", "Many", "Most", "Monday", "Sunday",
    "Friday", "Asia", "America",
    "Europe", "Africa", "Paris", "London", "Berlin", "Florence", "Sydney", "Victoria", "Madison",
    "Austin", "Dallas", "Houston", "Denver", "Phoenix", "Orlando",
    "Brooklyn", "Chelsea", "Fulham", "Everton", "Valencia", "Genesis", "Bible", "Independence",
    "Liberty", "Justice", "Faith", "Hope", "Joy", "Grace", "Trinity", "Christian", "Islam", "Unity",
    "Harmony", "Crystal", "Diamond", "Ruby", "Pearl", "Amber", "Coral", "Ivory", "Gold", "Silver",
    "Sterling", "Rich", "Price", "Cash", "Sunny", "Rain", "Storm", "Sky", "Ocean", "River",
    "Forest", "Lake", "Brook", "Dale", "Glen", "Cliff", "Rock", "Stone", "Wood", "Field", "Hill",
    "Lane", "Street", "Park", "Ford", "Chase", "Grant", "Mercedes", "Porsche", "Tesla", "Apple",
    "Amazon", "Delta", "Echo", "Nova", "Sage", "Temple", "Trump", "Don", "Democrat", "Republican",
    "Labour", "Tory", "Congress", "Senate", "House", "White", "Black", "Brown", "Green", "Gray",
    "Grey", "Red", "Blue",
}


def _fold(name: str) -> str:
    from text_unidecode import unidecode

    return unidecode(name).strip()


def census(root: Path) -> set[str]:
    out = set()
    for file in ("dist.male.first", "dist.female.first"):
        for line in (root / "names-0.3.0" / "names" / file).read_text().splitlines():
            if line.strip():
                out.add(line.split()[0].title())
    return out


def faker_names(root: Path) -> set[str]:
    sys.path.insert(0, str(root))
    import faker.providers.person as people

    out: set[str] = set()
    for module in pkgutil.iter_modules(people.__path__):
        if module.name in _SKIP:
            continue
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in dir(provider):
            if "first_name" not in attr:
                continue
            value = getattr(provider, attr, None)
            if not isinstance(value, (dict, list, tuple)):
                continue
            for name in value:
                name = unicodedata.normalize("NFC", str(name))
                latin = all(ord(c) < 0x250 for c in name)
                cyrillic = all(0x400 <= ord(c) < 0x500 or c in " -" for c in name)
                if latin or cyrillic:
                    out.add(name if latin else _fold(name))
    return out


def main(root: Path) -> None:
    names = census(root) | faker_names(root)
    keep = sorted(n for n in names if len(n) >= 2 and n[0].isupper() and n.replace("-", "").isalpha()
                  and " " not in n and n not in _NOT_NAMES)
    print("# Given names: US Census 1990 first names (public domain) and Faker's first names (MIT).")
    print("# Made by tools/given_names.py; one a line.  Edit the script, not this file.")
    print("\n".join(keep))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
