"""General knowledge: countries from countryinfo plus our data files."""

from __future__ import annotations

import pytest

from generator import lexicon
from generator.knowledge import load_knowledge


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


@pytest.mark.parametrize(("country", "names", "demonyms", "capitals"), [
    ("united-states", {"United States", "U.S.", "US", "USA"}, {"American", "Americans"}, {"Washington"}),
    ("north-korea", {"North Korea", "DPRK", "Democratic People's Republic of Korea"}, {"North Korean"},
     {"Pyongyang"}),
    ("south-korea", {"South Korea", "ROK"}, {"South Korean"}, {"Seoul"}),
    ("denmark", {"Denmark"}, {"Danish", "Danes"}, {"Copenhagen"}),
    ("greenland", {"Greenland"}, {"Greenlandic", "Greenlanders"}, {"Nuuk"}),
    ("russia", {"Russia", "Russian Federation"}, {"Russian"}, {"Moscow"}),
    ("united-kingdom", {"United Kingdom", "UK", "Britain"}, {"British"}, {"London"}),
    ("china", {"China"}, {"Chinese"}, {"Beijing"}),
])
def test_countries(knowledge, country, names, demonyms, capitals) -> None:
    found = knowledge.country(country)
    assert found is not None
    assert names <= set(found.names)
    assert demonyms <= set(found.demonyms)
    assert capitals <= set(found.capitals)


def test_ids_are_slugs_of_the_common_name(knowledge) -> None:
    ids = {c.id for c in knowledge.countries}
    assert {"united-states", "russia", "north-korea", "denmark", "greenland", "china"} <= ids
    assert len(ids) == len(knowledge.countries)
    assert all(c.id == c.id.lower() and " " not in c.id for c in knowledge.countries)


def test_no_name_is_an_english_word_or_a_two_letter_code(knowledge) -> None:
    names = {n for c in knowledge.countries for n in c.names}
    # ISO alpha-2 codes like "IS", "IN", "TO" and spellings like Iceland's "Island" are words.
    for word in ("IS", "IN", "TO", "AM", "IT", "NO", "ME", "BE", "Island", "Mann"):
        assert word not in names


def test_a_shared_demonym_means_the_most_populous_country(knowledge) -> None:
    owners = {c.id for c in knowledge.countries if "American" in c.demonyms}
    assert owners == {"united-states"}
    assert {c.id for c in knowledge.countries if "French" in c.demonyms} == {"france"}
    assert not any("Korean" in c.demonyms for c in knowledge.countries)  # North or South: ambiguous


def test_capitals_that_are_common_names_never_stand_for_governments(knowledge) -> None:
    capitals = {cap for c in knowledge.countries for cap in c.capitals}
    assert "Victoria" not in capitals and "Washington D.C." not in capitals


def test_organizations_titles_and_words(knowledge) -> None:
    orgs = {a.id: a for a in knowledge.organizations}
    assert {"nato", "un", "eu", "un-security-council", "world-economic-forum", "arctic-council"} <= set(orgs)
    assert all(a.type == "organization" and not a.discovered for a in orgs.values())
    titles = set(knowledge.titles)
    assert {"president", "prime minister", "secretary of state", "spokesman", "engineer"} <= titles
    assert {"Ministry", "Council", "Fund", "Bank", "Department", "Committee"} <= set(knowledge.org_heads)
    assert {"Cold War", "World War II", "New Year"} <= set(knowledge.non_actors)
    assert "Reuters" in knowledge.agency_names


def test_actor_lookup_and_fingerprint(knowledge) -> None:
    us = knowledge.actor("united-states")
    assert us is not None and us.type == "country" and "U.S." in us.aliases
    assert knowledge.actor("no-such-actor") is None
    assert load_knowledge() is knowledge  # loaded once
    assert len(lexicon.fingerprint()) == 64  # what the knowledge was made from
