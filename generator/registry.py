"""The user's registries: ``content/actors.yaml`` and ``content/topics.yaml``.

    actors.yaml + topics.yaml text --parse_registry()--> Registry

``actors.yaml``::

    actors:
      - id: marco-rubio          # optional; default: slug of the name. [a-z0-9-] only
        name: Marco Rubio        # required: the canonical name
        type: person             # required: person | country | organization
        aliases: [Rubio]         # other names the text may use
        roles:                   # titles of office, dates YYYY, YYYY-MM or YYYY-MM-DD
          - {title: Secretary of State, from: 2025-01-21, to: null}
        country: united-states   # optional: a country id
        wikidata: Q324546        # optional
    not_actors: [Wegovy]         # names ingest must never turn into actors
    merge:                       # a discovered name -> the actor id it really is
      Secretary Rubio: marco-rubio

``topics.yaml``::

    topics:
      - id: arctic-security      # required, [a-z0-9-] only
        title: Arctic security   # required
        description: ...         # optional
        phrases: [Arctic security]
        actors: [nato]           # actor ids: from actors.yaml or general knowledge

Countries (``united-states``, ``denmark``) and well-known international organizations
(``nato``, ``un``) are general knowledge: they may be referred to without being listed,
and listing one (same id) only adds aliases.  Every mistake raises
:class:`~generator.errors.RegistryError` naming the file and the line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, get_args

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.confined import Refused, read_inside
from generator.errors import RegistryError
from generator.frontmatter import compose_yaml
from generator.knowledge import Knowledge, load_knowledge, slug
from generator.model import Actor, ActorType, Registry, Role, Topic

try:  # pragma: no cover - depends on how PyYAML was built
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

ACTOR_KEYS = ("id", "name", "type", "aliases", "roles", "country", "wikidata")
ROLE_KEYS = ("title", "from", "to")
TOPIC_KEYS = ("id", "title", "description", "phrases", "actors")
#: Largest registry file read: tens of thousands of actors fit in a few MB.
MAX_REGISTRY_BYTES = 50_000_000
ACTORS_FILE_KEYS = ("actors", "not_actors", "merge")
TOPICS_FILE_KEYS = ("topics",)
ACTOR_TYPES: tuple[str, ...] = get_args(ActorType)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WIKIDATA = re.compile(r"^Q[1-9]\d*$")
_FIX_YAML = "fix the YAML at that line; the format is in the comment at the top of generator/registry.py"


@dataclass(frozen=True)
class _File:
    path: str

    def error(self, message: str, node: Node | None = None, hint: str | None = None) -> RegistryError:
        line = node.start_mark.line + 1 if node is not None else None
        return RegistryError(message, self.path, line, hint)


# --- YAML nodes -------------------------------------------------------------


def _compose(text: str | None, where: _File) -> Node | None:
    if text is None or not text.strip():
        return None
    try:
        # compose_yaml refuses deep nesting (which crashes libyaml) and non-YAML tags up front.
        return compose_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise RegistryError(f"not valid YAML: {exc.problem or exc}", where.path,
                            mark.line + 1 if mark else None, _FIX_YAML) from None
    except yaml.YAMLError as exc:
        raise RegistryError(f"not valid YAML: {exc}", where.path, hint=_FIX_YAML) from None


def _scalar(node: Node, where: _File) -> Any:
    if not isinstance(node, ScalarNode):
        raise where.error("expected a single value, not a list or mapping", node)
    try:
        return SafeConstructor().construct_object(node, deep=True)
    except ConstructorError as exc:
        raise where.error(f"cannot read value: {exc.problem}", node) from None
    except ValueError as exc:  # a timestamp-shaped value that is no date: 2024-13-01
        raise where.error(f"cannot read value {node.value!r}: {exc}", node) from None


def _mapping(node: Node, where: _File, what: str, allowed: tuple[str, ...]) -> dict[str, tuple[Node, Node]]:
    """Keys -> (key node, value node); unknown and repeated keys are errors."""
    if not isinstance(node, MappingNode):
        raise where.error(f"{what} must be a mapping", node)
    out: dict[str, tuple[Node, Node]] = {}
    for key_node, value_node in node.value:
        key = str(_scalar(key_node, where))
        if allowed and key not in allowed:
            raise where.error(f"unknown key {key!r} in {what} (allowed: {', '.join(allowed)})", key_node)
        if key in out:
            raise where.error(f"key {key!r} given twice in {what}", key_node)
        out[key] = (key_node, value_node)
    return out


def _sequence(node: Node, where: _File, what: str) -> list[Node]:
    if isinstance(node, ScalarNode) and _scalar(node, where) is None:
        return []
    if not isinstance(node, SequenceNode):
        raise where.error(f"{what} must be a list", node)
    return list(node.value)


def _text(node: Node, where: _File, what: str, *, required: bool = True) -> str | None:
    value = _scalar(node, where)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise where.error(f"{what} must not be empty", node)
        return None
    if isinstance(value, (dict, list, bool)):
        raise where.error(f"{what} must be text", node)
    return str(value).strip()


def _texts(node: Node, where: _File, what: str) -> tuple[str, ...]:
    return tuple(t for n in _sequence(node, where, what) if (t := _text(n, where, what)) is not None)


def _date(node: Node, where: _File, what: str) -> str | None:
    if isinstance(node, ScalarNode) and node.tag.endswith((":timestamp", ":int", ":str")):
        # The text as written: YAML would read 2024-13-01 as a broken timestamp, 2024 as a number.
        value: Any = node.value
    else:
        value = _scalar(node, where)
    if value is None:
        return None
    text = str(value).strip()
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise where.error(f"{what} {text!r} is not a date", node, hint="write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year or 1, month or 1, day or 1)
    except ValueError:
        raise where.error(f"{what} {text!r} is not a real date", node,
                          hint="check the month and day; write YYYY-MM if the day is unknown") from None
    return text


def _key(name: str) -> str:
    """How names are compared for clashes: case, accents, hyphens and spacing ignored."""
    return slug(name)


# --- actors.yaml ------------------------------------------------------------


def _role(node: Node, where: _File) -> Role:
    fields = _mapping(node, where, "a role", ROLE_KEYS)
    if "title" not in fields:
        raise where.error("a role needs a title", node)
    title = _text(fields["title"][1], where, "role title")
    start = _date(fields["from"][1], where, "role start") if "from" in fields else None
    end = _date(fields["to"][1], where, "role end") if "to" in fields else None
    # Partial dates compare correctly as strings once padded to a full day.
    if start and end and start.ljust(10, "0") > end.ljust(10, "9"):
        raise where.error(f"role {title!r} ends ({end}) before it starts ({start})", node,
                          hint="swap 'from' and 'to', or correct the one that is wrong")
    return Role(title=title or "", start=start, end=end)


def _actor(node: Node, where: _File) -> tuple[Actor, dict[str, Node]]:
    fields = _mapping(node, where, "an actor", ACTOR_KEYS)
    if "name" not in fields:
        raise where.error("an actor needs a name", node)
    name = _text(fields["name"][1], where, "name") or ""
    actor_id = _text(fields["id"][1], where, "id") if "id" in fields else slug(name)
    if not actor_id or not _ID.match(actor_id):
        raise where.error(f"id {actor_id!r} must be lower-case letters, digits and hyphens",
                          fields["id"][1] if "id" in fields else node)
    if "type" not in fields:
        raise where.error(f"actor {actor_id!r} needs a type ({' | '.join(ACTOR_TYPES)})", node)
    kind = _text(fields["type"][1], where, "type")
    if kind not in ACTOR_TYPES:
        raise where.error(f"unknown type {kind!r} (use {' | '.join(ACTOR_TYPES)})", fields["type"][1])
    aliases = _texts(fields["aliases"][1], where, "aliases") if "aliases" in fields else ()
    roles = tuple(_role(n, where) for n in _sequence(fields["roles"][1], where, "roles")) \
        if "roles" in fields else ()
    country = _text(fields["country"][1], where, "country", required=False) if "country" in fields else None
    wikidata = _text(fields["wikidata"][1], where, "wikidata", required=False) \
        if "wikidata" in fields else None
    if wikidata and not _WIKIDATA.match(wikidata):
        raise where.error(f"wikidata {wikidata!r} must look like Q42", fields["wikidata"][1])
    actor = Actor(id=actor_id, name=name, type=kind, aliases=tuple(dict.fromkeys(aliases)),  # type: ignore[arg-type]
                  roles=roles, country=country, wikidata=wikidata)
    nodes = {k: v for k, (_, v) in fields.items()}
    nodes["_"] = node
    return actor, nodes


def _check_actors(entries: list[tuple[Actor, dict[str, Node]]], knowledge: Knowledge, where: _File) -> None:
    ids: dict[str, Node] = {}
    owners: dict[str, str] = {}
    for actor, nodes in entries:
        if actor.id in ids:
            raise where.error(f"duplicate actor id {actor.id!r} (first at line "
                              f"{ids[actor.id].start_mark.line + 1})", nodes.get("id", nodes["_"]),
                              hint="merge the two entries, or give one of them another id")
        ids[actor.id] = nodes["_"]
        for name in (actor.name, *actor.aliases):
            owner = owners.setdefault(_key(name), actor.id)
            if owner != actor.id:
                node = nodes["aliases"] if name in actor.aliases and "aliases" in nodes else nodes["name"]
                raise where.error(f"name {name!r} is claimed by both {owner!r} and {actor.id!r}", node,
                                  hint="keep it on one actor only")
    countries = {c.id for c in knowledge.countries}
    countries |= {a.id for a, _ in entries if a.type == "country"}
    for actor, nodes in entries:
        if actor.country and actor.country not in countries:
            raise where.error(f"country {actor.country!r} of {actor.id!r} is not a known country id",
                              nodes["country"])


def _parse_actors(text: str | None, knowledge: Knowledge, where: _File
                  ) -> tuple[tuple[Actor, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    root = _compose(text, where)
    if root is None:
        return (), (), ()
    fields = _mapping(root, where, "actors.yaml", ACTORS_FILE_KEYS)
    entries = [_actor(n, where) for n in _sequence(fields["actors"][1], where, "actors")] \
        if "actors" in fields else []
    _check_actors(entries, knowledge, where)
    actors = tuple(a for a, _ in entries)
    rejected = _texts(fields["not_actors"][1], where, "not_actors") if "not_actors" in fields else ()
    known = {a.id for a in actors} | {a.id for a in knowledge.actors}
    merges: list[tuple[str, str]] = []
    if "merge" in fields and not (isinstance(fields["merge"][1], ScalarNode)
                                  and _scalar(fields["merge"][1], where) is None):
        for name, (key_node, value_node) in _mapping(fields["merge"][1], where, "merge", ()).items():
            target = _text(value_node, where, f"merge target of {name!r}") or ""
            if target not in known:
                raise where.error(f"merge {name!r}: unknown actor id {target!r}", value_node)
            if name.strip().casefold() in {r.casefold() for r in rejected}:
                raise where.error(f"{name!r} is both merged and listed in not_actors", key_node)
            merges.append((name.strip(), target))
    return actors, rejected, tuple(merges)


# --- topics.yaml ------------------------------------------------------------


def _parse_topics(text: str | None, actor_ids: set[str], where: _File) -> tuple[Topic, ...]:
    root = _compose(text, where)
    if root is None:
        return ()
    fields = _mapping(root, where, "topics.yaml", TOPICS_FILE_KEYS)
    if "topics" not in fields:
        return ()
    topics: list[Topic] = []
    seen: dict[str, int] = {}
    for node in _sequence(fields["topics"][1], where, "topics"):
        item = _mapping(node, where, "a topic", TOPIC_KEYS)
        for required in ("id", "title"):
            if required not in item:
                raise where.error(f"a topic needs {'an' if required == 'id' else 'a'} {required}", node)
        topic_id = _text(item["id"][1], where, "topic id") or ""
        if not _ID.match(topic_id):
            raise where.error(f"topic id {topic_id!r} must be lower-case letters, digits and hyphens",
                              item["id"][1])
        if topic_id in seen:
            raise where.error(f"duplicate topic id {topic_id!r} (first at line {seen[topic_id]})",
                              item["id"][1])
        seen[topic_id] = node.start_mark.line + 1
        actors: list[str] = []
        if "actors" in item:
            for ref in _sequence(item["actors"][1], where, "topic actors"):
                ref_id = _text(ref, where, "actor id") or ""
                if ref_id not in actor_ids:
                    raise where.error(f"topic {topic_id!r} refers to unknown actor id {ref_id!r}", ref,
                                      hint="add the actor to actors.yaml, or correct or remove the id")
                actors.append(ref_id)
        topics.append(Topic(
            id=topic_id,
            title=_text(item["title"][1], where, "topic title") or "",
            description=(_text(item["description"][1], where, "description", required=False) or "")
            if "description" in item else "",
            phrases=_texts(item["phrases"][1], where, "phrases") if "phrases" in item else (),
            actors=tuple(dict.fromkeys(actors)),
        ))
    return tuple(topics)


# --- entry points -------------------------------------------------------------


def parse_registry(actors_text: str | None, topics_text: str | None,
                   actors_path: str = "actors.yaml", topics_path: str = "topics.yaml") -> Registry:
    """Both registries from their text (``None`` or blank: empty).  Pure."""
    knowledge = load_knowledge()
    actors, rejected, merges = _parse_actors(actors_text, knowledge, _File(actors_path))
    actor_ids = {a.id for a in actors} | {a.id for a in knowledge.actors}
    topics = _parse_topics(topics_text, actor_ids, _File(topics_path))
    return Registry(actors=actors, topics=topics, rejected=rejected, merges=merges)


def _read(path: Path) -> str | None:
    try:
        # Within the content folder only: a link to another file would publish its names.
        data = read_inside(path, path.parent, MAX_REGISTRY_BYTES)
    except FileNotFoundError:
        return None
    except Refused as exc:
        raise RegistryError(exc.message, path, hint=exc.hint) from None
    except OSError as exc:
        raise RegistryError(f"cannot read: {exc.strerror or exc}", path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegistryError.not_utf8(exc, data, path) from None


def load_registry(content_dir: Path) -> Registry:
    """``content_dir/actors.yaml`` and ``topics.yaml``; missing or empty files give an empty registry."""
    actors_path, topics_path = content_dir / "actors.yaml", content_dir / "topics.yaml"
    return parse_registry(_read(actors_path), _read(topics_path), str(actors_path), str(topics_path))


def load_suggested_topics(content_dir: Path) -> tuple[Topic, ...]:
    """``topics.suggested.yaml`` (written by ingest), each topic marked ``suggested``."""
    path = content_dir / "topics.suggested.yaml"
    topics = _parse_topics(_read(path), set(), _File(str(path)))
    return tuple(replace(t, suggested=True) for t in topics)
