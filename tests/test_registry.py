"""The registry parser: what it accepts, and each mistake with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import RegistryError, SiteError
from generator.model import Role
from generator.registry import load_registry, parse_registry

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
actors:
  - id: marco-rubio
    name: Marco Rubio
    type: person
    aliases: [Rubio]
    roles:
      - {title: Secretary of State, from: 2025-01-21, to: null}
      - {title: Senator, from: '2011', to: 2025-01}
    country: united-states
    wikidata: Q324546
  - name: Danish Foreign Ministry
    type: organization
  - id: denmark
    name: Denmark
    type: country
    aliases: [Kingdom of Denmark]
not_actors: [Wegovy]
merge:
  Secretary Rubio: marco-rubio
"""

TOPICS = """\
topics:
  - id: arctic-security
    title: Arctic security
    description: Military activity in the Arctic.
    phrases: [Arctic security]
    actors: [nato, marco-rubio, united-states]
"""


def test_parses_a_good_registry() -> None:
    registry = parse_registry(GOOD, TOPICS, "actors.yaml", "topics.yaml")
    rubio, ministry, denmark = registry.actors
    assert rubio.roles == (Role("Secretary of State", "2025-01-21", None), Role("Senator", "2011", "2025-01"))
    assert rubio.aliases == ("Rubio",) and rubio.country == "united-states" and rubio.wikidata == "Q324546"
    assert ministry.id == "danish-foreign-ministry"  # the slug of the name when no id is given
    assert denmark.type == "country"
    assert registry.rejected == ("Wegovy",)
    assert registry.merges == (("Secretary Rubio", "marco-rubio"),)
    assert registry.topics[0].actors == ("nato", "marco-rubio", "united-states")


@pytest.mark.parametrize("actors", [None, "", "   \n", "# only a comment\n"])
def test_missing_or_empty_files_give_an_empty_registry(actors: str | None) -> None:
    registry = parse_registry(actors, actors)
    assert registry.actors == () and registry.topics == ()
    assert registry.rejected == () and registry.merges == ()


def test_load_registry_reads_the_content_folder(tmp_path: Path) -> None:
    assert load_registry(tmp_path).actors == ()
    (tmp_path / "actors.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "topics.yaml").write_text(TOPICS, encoding="utf-8")
    assert len(load_registry(tmp_path).actors) == 3


def test_the_sample_registry_is_valid() -> None:
    registry = load_registry(ROOT / "content")
    ids = {a.id for a in registry.actors}
    assert {"donald-trump", "donald-trump-jr", "kim-jong-un", "lars-lokke-rasmussen", "nato"} <= ids
    trump = next(a for a in registry.actors if a.id == "donald-trump")
    assert Role("President of the United States", "2025-01-20", None) in trump.roles


# Each case: the actors.yaml text, a fragment of the message, and the line it must name.
ACTOR_ERRORS = {
    "duplicate id": ("actors:\n  - {id: a, name: A, type: person}\n  - {id: a, name: B, type: person}\n",
                     "duplicate actor id 'a'", 3),
    "alias of two actors": ("actors:\n  - {id: a, name: A, type: person, aliases: [Kim]}\n"
                            "  - id: b\n    name: B\n    type: person\n    aliases: [kim]\n",
                            "'kim' is claimed by both 'a' and 'b'", 6),
    "bad date": ("actors:\n  - name: A\n    type: person\n    roles:\n"
                 "      - {title: King, from: 2024-13-01}\n",
                 "not a real date", 5),
    "date format": ("actors:\n  - name: A\n    type: person\n    roles:\n      - title: King\n"
                    "        from: 'in 2024'\n", "is not a date", 6),
    "from after to": ("actors:\n  - name: A\n    type: person\n    roles:\n"
                      "      - {title: King, from: 2024-01-14, to: 2023}\n",
                      "ends (2023) before it starts", 5),
    "unknown type": ("actors:\n  - name: A\n    type: people\n", "unknown type 'people'", 3),
    "missing type": ("actors:\n  - name: A\n", "needs a type", 2),
    "missing name": ("actors:\n  - id: a\n    type: person\n", "needs a name", 2),
    "unknown actor key": ("actors:\n  - name: A\n    type: person\n    alias: [B]\n",
                          "unknown key 'alias'", 4),
    "unknown file key": ("actors: []\nnot_actor: [X]\n", "unknown key 'not_actor'", 2),
    "unknown role key": ("actors:\n  - name: A\n    type: person\n    roles:\n"
                         "      - {title: King, since: 2024}\n", "unknown key 'since'", 5),
    "bad id": ("actors:\n  - {id: ../etc, name: A, type: person}\n", "must be lower-case", 2),
    "unknown country": ("actors:\n  - {name: A, type: person, country: atlantis}\n", "'atlantis'", 2),
    "bad wikidata": ("actors:\n  - {name: A, type: person, wikidata: 42}\n", "must look like Q42", 2),
    "merge to nobody": ("actors: []\nmerge:\n  Someone: nobody\n", "unknown actor id 'nobody'", 3),
    "actors not a list": ("actors:\n  name: A\n", "must be a list", 2),
    "yaml syntax": ("actors:\n  - {name: A, type: person\n", "not valid YAML", 3),
    "unsafe tag": ("actors:\n  - {name: !!python/name:os.system '', type: person}\n",
                   "the tag '!!python/name:os.system' is not allowed", 2),
    "tagged list is no list of actors": ("actors: !!python/object/apply:os.system [ls]\n",
                                         "the tag '!!python/object/apply:os.system' is not allowed", 1),
    "a tag of one's own": ("actors:\n  - !actor {name: A, type: person}\n",
                           "the tag '!actor' is not allowed", 2),
    "nested deeper than libyaml survives": ("actors: " + "[" * 200_000 + "\n", "nested more than", 1),
}


@pytest.mark.parametrize("case", sorted(ACTOR_ERRORS))
def test_actor_errors_name_file_and_line(case: str) -> None:
    text, message, line = ACTOR_ERRORS[case]
    with pytest.raises(RegistryError) as caught:
        parse_registry(text, None, "content/actors.yaml", "content/topics.yaml")
    error = caught.value
    assert isinstance(error, SiteError)
    assert message in error.message
    assert (error.path, error.line) == ("content/actors.yaml", line)
    assert str(error).startswith(f"content/actors.yaml:{line}: ")


TOPIC_ERRORS = {
    "unknown actor": ("topics:\n  - id: t\n    title: T\n    actors: [nato, nobody]\n",
                      "refers to unknown actor id 'nobody'", 4),
    "duplicate topic": ("topics:\n  - {id: t, title: T}\n  - {id: t, title: U}\n",
                        "duplicate topic id 't'", 3),
    "unknown topic key": ("topics:\n  - {id: t, title: T, phrase: [x]}\n", "unknown key 'phrase'", 2),
    "missing title": ("topics:\n  - {id: t}\n", "needs a title", 2),
}


@pytest.mark.parametrize("case", sorted(TOPIC_ERRORS))
def test_topic_errors_name_file_and_line(case: str) -> None:
    text, message, line = TOPIC_ERRORS[case]
    with pytest.raises(RegistryError) as caught:
        parse_registry("actors:\n  - {id: a, name: A, type: person}\n", text, "a.yaml", "t.yaml")
    assert message in caught.value.message
    assert (caught.value.path, caught.value.line) == ("t.yaml", line)


def test_topics_may_name_registry_actors_and_built_in_countries() -> None:
    registry = parse_registry("actors:\n  - {id: a, name: A, type: person}\n",
                              "topics:\n  - {id: t, title: T, actors: [a, north-korea, eu]}\n")
    assert registry.topics[0].actors == ("a", "north-korea", "eu")


def test_unreadable_file_is_a_registry_error(tmp_path: Path) -> None:
    (tmp_path / "actors.yaml").write_bytes(b"actors: [\xff\xfe]\n")
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path)
    assert caught.value.path == str(tmp_path / "actors.yaml")
