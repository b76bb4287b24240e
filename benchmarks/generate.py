#!/usr/bin/env python3
"""A deterministic synthetic corpus of raw news articles, for the benchmark.

    python benchmarks/generate.py --n 10000 --out /tmp/bench [--seed 1]

writes ``<out>/content/sources/*.txt``, ``<out>/content/actors.yaml``,
``<out>/content/topics.yaml``, ``<out>/site.yaml`` and ``<out>/corpus.json``
(what was generated, so tests can check the shapes without re-parsing).

Everything comes from ``random.Random(seed)`` and word pools in this file: no
text is copied from anywhere.  Same seed and N, identical bytes.  The noise is
the noise ingest has to survive in real sources: captions repeated with an
"(AFP)"-style credit, a bare agency marker line, the headline repeated, bylines
at the end, two stories in one file, no blank lines between paragraphs, YAML
front-matter, subheadings in capitals, people named four ways, dates explicit
and relative.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

# --- general knowledge: countries (name, demonym, capital) -----------------

COUNTRIES: tuple[tuple[str, str, str], ...] = (
    ("Denmark", "Danish", "Copenhagen"), ("Norway", "Norwegian", "Oslo"),
    ("Sweden", "Swedish", "Stockholm"), ("Finland", "Finnish", "Helsinki"),
    ("Iceland", "Icelandic", "Reykjavik"), ("Canada", "Canadian", "Ottawa"),
    ("Russia", "Russian", "Moscow"), ("China", "Chinese", "Beijing"),
    ("Japan", "Japanese", "Tokyo"), ("India", "Indian", "New Delhi"),
    ("France", "French", "Paris"), ("Germany", "German", "Berlin"),
    ("Italy", "Italian", "Rome"), ("Spain", "Spanish", "Madrid"),
    ("Poland", "Polish", "Warsaw"), ("Ukraine", "Ukrainian", "Kyiv"),
    ("Turkey", "Turkish", "Ankara"), ("Brazil", "Brazilian", "Brasilia"),
    ("Mexico", "Mexican", "Mexico City"), ("Argentina", "Argentine", "Buenos Aires"),
    ("Egypt", "Egyptian", "Cairo"), ("Nigeria", "Nigerian", "Abuja"),
    ("Kenya", "Kenyan", "Nairobi"), ("South Africa", "South African", "Pretoria"),
    ("Australia", "Australian", "Canberra"), ("Indonesia", "Indonesian", "Jakarta"),
    ("Vietnam", "Vietnamese", "Hanoi"), ("Thailand", "Thai", "Bangkok"),
    ("Pakistan", "Pakistani", "Islamabad"), ("Iran", "Iranian", "Tehran"),
    ("Saudi Arabia", "Saudi", "Riyadh"), ("Israel", "Israeli", "Jerusalem"),
    ("Greece", "Greek", "Athens"), ("Portugal", "Portuguese", "Lisbon"),
    ("Netherlands", "Dutch", "Amsterdam"), ("Belgium", "Belgian", "Brussels"),
    ("Austria", "Austrian", "Vienna"), ("Hungary", "Hungarian", "Budapest"),
    ("Romania", "Romanian", "Bucharest"), ("Chile", "Chilean", "Santiago"),
    ("Peru", "Peruvian", "Lima"), ("Colombia", "Colombian", "Bogota"),
    ("Morocco", "Moroccan", "Rabat"), ("Kazakhstan", "Kazakh", "Astana"),
    ("Mongolia", "Mongolian", "Ulaanbaatar"), ("Estonia", "Estonian", "Tallinn"),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
AGENCIES = ("AFP", "Reuters", "AP", "dpa", "EPA", "Xinhua", "Anadolu", "Kyodo")
AGENCY_MARKERS = ("TT", "AFP", "AP", "dpa")
OFFICES = ("President", "Prime Minister", "Foreign Minister", "Defense Minister", "Finance Minister",
           "Energy Minister", "Trade Minister", "Interior Minister", "ambassador", "spokesperson")
PUBLISHERS = ("Northern Ledger", "Harbor Times", "Meridian Wire", "Coastline Daily", "Polar Dispatch")

# --- pools the names and words are built from (syllables, not real names) ---

_ONSETS = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr",
           "kr", "st", "tr", "sh", "ch", "th", "gr", "pl")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "ea")
_CODAS = ("", "", "n", "r", "s", "l", "k", "m", "th", "nd", "rt", "sk", "v")
_ORG_ADJ = ("Northern", "Atlantic", "Baltic", "Continental", "Eastern", "Pacific", "Coastal", "Polar",
            "Central", "United", "Southern", "Western", "Maritime", "Highland", "Federal")
_ORG_NOUN = ("Energy", "Fisheries", "Shipping", "Security", "Trade", "Minerals", "Climate", "Ports",
             "Grain", "Rail", "Health", "Water", "Aviation", "Defense", "Research")
_ORG_KIND = ("Council", "Agency", "Alliance", "Authority", "Commission", "Forum", "Union", "Institute",
             "Bank", "Fund", "Corporation", "Organization")
TOPIC_THEMES = (
    "Arctic shipping", "energy cooperation", "fisheries quotas", "grain exports", "rare earth minerals",
    "missile tests", "border security", "gas pipelines", "climate adaptation", "port investment",
    "sanctions policy", "naval exercises", "satellite launches", "water rights", "refugee policy",
    "nuclear talks", "trade tariffs", "cyber attacks", "election monitoring", "debt relief",
    "wildfire response", "vaccine supply", "rail corridors", "deep sea mining",
)
_VERBS_SAY = ("said", "told reporters", "stressed", "noted", "added", "warned", "insisted")
_NOUNS = ("talks", "agreement", "proposal", "plan", "framework", "dialogue", "summit", "review",
          "package", "initiative", "deal", "process", "mission", "strategy", "partnership")
_ADJS = ("preliminary", "long-awaited", "contested", "bilateral", "regional", "technical", "informal",
         "formal", "limited", "broad", "cautious", "renewed", "joint", "separate", "new")
_PLACES = ("the northern coast", "the capital", "the border region", "the port city", "the islands",
           "the industrial zone", "the mountain provinces", "the eastern districts", "the delta")
_FILLER_SUBJ = ("Officials", "Analysts", "Diplomats", "Observers", "Critics", "Local residents",
                "Business groups", "Lawmakers", "Experts", "Negotiators", "Several delegates")
_FILLER_PRED = (
    "said the {adj} {noun} would take months to finalize",
    "expected the {noun} to shape relations in {place} for years",
    "described the {adj} {noun} as a step toward stability",
    "questioned whether the {noun} could survive a change of government",
    "pointed to rising costs in {place} as a reason for caution",
    "warned that delays could undermine the {adj} {noun}",
    "noted that similar efforts had stalled before in {place}",
    "argued that the {noun} reflected a broader shift in priorities",
    "said funding for the {adj} {noun} remained uncertain",
    "welcomed the {noun} but asked for more detail on its timeline",
)
_QUOTE_BITS = (
    "We are ready to work with all our partners", "This is not a decision we take lightly",
    "The door remains open to dialogue", "Our position has not changed",
    "We expect concrete results, not promises", "Security in the region concerns everyone",
    "There is still a great deal of work to do", "We will defend our interests",
    "Nobody benefits from escalation", "This agreement protects jobs and families",
)
_QUOTE_TAILS = (
    "and we will keep talking", "but patience has limits", "and the timetable is realistic",
    "whatever others may claim", "and that is what our citizens expect", "",
)
_HEADINGS = ("STRAINED RELATIONS", "NEXT STEPS", "'Partnership'", "MARKET REACTION", "'Red lines'",
             "BACKGROUND", "DOMESTIC PRESSURE")
_CAPTION_ACTS = ("attend a meeting at", "arrive for talks at", "speak to the press at",
                 "visit a facility near", "shake hands at", "review an honor guard at")


# --- the pool: people, countries, organizations, topics ---------------------


@dataclass(frozen=True)
class Person:
    id: str
    first: str
    last: str
    office: str
    country: int  # index into COUNTRIES
    since: str  # ISO date the office began

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    acronym: str


@dataclass(frozen=True)
class Pool:
    people: tuple[Person, ...]
    orgs: tuple[Org, ...]
    topics: tuple[str, ...]


def _slug(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(p for p in out.split("-") if p)


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables - 1)) + (
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS))


def make_pool(rng: random.Random, people: int = 300, orgs: int = 60) -> Pool:
    seen: set[str] = set()
    persons: list[Person] = []
    while len(persons) < people:
        first = _word(rng, rng.randint(2, 3)).capitalize()
        last = _word(rng, rng.randint(2, 3)).capitalize()
        if last in seen or len(last) < 4:
            continue
        seen.add(last)
        # Offices begin before the corpus (2019 on), so role dates never contradict a story.
        since = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randint(0, 4700))
        persons.append(Person(_slug(f"{first} {last}"), first, last, rng.choice(OFFICES),
                              rng.randrange(len(COUNTRIES)), since.isoformat()))
    names: set[str] = set()
    organizations: list[Org] = []
    while len(organizations) < orgs:
        name = f"{rng.choice(_ORG_ADJ)} {rng.choice(_ORG_NOUN)} {rng.choice(_ORG_KIND)}"
        acronym = "".join(w[0] for w in name.split())
        # An acronym names one organization only, as a registry requires.
        if name in names or acronym in names:
            continue
        names |= {name, acronym}
        organizations.append(Org(_slug(name), name, acronym))
    return Pool(tuple(persons), tuple(organizations), TOPIC_THEMES)


# --- one story ----------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    """What one generated article holds, for tests and for checking ingest by eye."""

    file: str
    part: int
    title: str
    date: str
    paragraphs: tuple[str, ...]
    words: int
    captions: tuple[str, ...] = ()
    credit: str | None = None
    marker: str | None = None
    byline: str | None = None
    headings: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    topic: str = ""
    compact: bool = False  # no blank lines between paragraphs
    front_matter: dict[str, str] = field(default_factory=dict)


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _date_phrase(rng: random.Random, pub: dt.date) -> str:
    """A date as reporters write it, explicit or relative to ``pub``."""
    kind = rng.randrange(9)
    if kind == 0:
        return f"on {WEEKDAYS[pub.weekday()]}"
    if kind == 1:
        day = pub - dt.timedelta(days=rng.randint(1, 5))
        return f"on {WEEKDAYS[day.weekday()]}, {MONTHS[day.month - 1]} {_ordinal(day.day)}"
    if kind == 2:
        return rng.choice(("last week", "earlier this month", "last month", "next week", "this summer"))
    if kind == 3:
        day = pub + dt.timedelta(days=rng.randint(-40, 40))
        return f"on {MONTHS[day.month - 1]} {day.day}"
    if kind == 4:
        day = pub - dt.timedelta(days=rng.randint(0, 900))
        return f"on {day.day} {MONTHS[day.month - 1]} {day.year}"
    if kind == 5:
        day = pub - dt.timedelta(days=rng.randint(0, 400))
        return f"on {MONTHS[day.month - 1]} {day.day}, {day.year}"
    if kind == 6:
        return f"in {MONTHS[rng.randrange(12)]}"
    if kind == 7:
        return f"in {pub.year - rng.randint(1, 30)}"
    return f"on Jan. {rng.randint(1, 28)}"


class _Writer:
    """Builds one story's sentences; keeps track of who has been introduced."""

    def __init__(self, rng: random.Random, pool: Pool, pub: dt.date) -> None:
        self.rng = rng
        self.pub = pub
        self.people = rng.sample(pool.people, rng.randint(3, 6))
        self.orgs = rng.sample(pool.orgs, rng.randint(1, 3))
        self.countries = sorted({p.country for p in self.people} | {rng.randrange(len(COUNTRIES))})
        self.topic = rng.choice(pool.topics)
        self.introduced: set[str] = set()

    def person(self) -> str:
        """Full name with title the first time; later surname, full name or title + surname."""
        p = self.rng.choice(self.people)
        name, demonym = p.name, COUNTRIES[p.country][1]
        if p.id not in self.introduced:
            self.introduced.add(p.id)
            return self.rng.choice((f"{demonym} {p.office} {name}", f"{p.office} {name}", name,
                                    f"{name}, the {demonym} {p.office.lower()},"))
        return self.rng.choice((p.last, p.last, name, f"{p.office} {p.last}"))

    def country(self) -> str:
        name, demonym, capital = COUNTRIES[self.rng.choice(self.countries)]
        return self.rng.choice((name, name, capital, f"the {demonym} government"))

    def org(self) -> str:
        o = self.rng.choice(self.orgs)
        if o.id not in self.introduced:
            self.introduced.add(o.id)
            return f"the {o.name} ({o.acronym})"
        return self.rng.choice((o.acronym, f"the {o.name}"))

    def quote(self) -> str:
        bit = self.rng.choice(_QUOTE_BITS)
        tail = self.rng.choice(_QUOTE_TAILS)
        text = f"{bit}, {tail}" if tail else bit
        who = self.person()
        if self.rng.random() < 0.5:
            return f"“{text},” {who} {self.rng.choice(_VERBS_SAY)}."
        return f'{who} {self.rng.choice(_VERBS_SAY)}: "{text}."'

    def sentence(self) -> str:
        r = self.rng
        kind = r.randrange(8)
        noun, adj, place = r.choice(_NOUNS), r.choice(_ADJS), r.choice(_PLACES)
        when = _date_phrase(r, self.pub)
        if kind == 0:
            return self.quote()
        if kind == 1:
            city = COUNTRIES[r.choice(self.countries)][2]
            a, b = self.person(), self.person()
            if a == b:
                return f"{a} arrived in {city} {when} to discuss {self.topic} and the {adj} {noun}."
            return f"{a} met {b} in {city} {when} to discuss {self.topic} and the {adj} {noun}."
        if kind == 2:
            a, b = self.country(), self.country()
            who = a if a == b else f"{a} and {b}"
            return f"{who} agreed {when} to launch the {adj} {noun} on {self.topic}."
        if kind == 3:
            return f"{self.org()} said {when} that its {noun} on {self.topic} would cover {place}."
        if kind == 4:
            return f"{self.person()} is due to visit {COUNTRIES[r.choice(self.countries)][0]} {when}, " \
                   f"according to {self.org()}."
        pred = r.choice(_FILLER_PRED).format(adj=adj, noun=noun, place=place)
        return f"{r.choice(_FILLER_SUBJ)} {pred}."


def _capitalise(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:] if sentence[0].islower() else sentence


def _words(text: str) -> int:
    return len(text.split())


def make_story(rng: random.Random, pool: Pool, file: str, part: int) -> Story:
    pub = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 2500))
    w = _Writer(rng, pool, pub)
    # The longest sentence is under 45 words, so stopping at the first paragraph
    # that reaches the target keeps the total under 900.
    target = rng.randint(600, 830)
    paragraphs: list[str] = []
    total = 0
    while total < target:
        para = " ".join(_capitalise(w.sentence()) for _ in range(rng.randint(1, 3)))
        if total + _words(para) > 900:
            continue
        paragraphs.append(para)
        total += _words(para)
    lead = w.people[0]
    title = rng.choice((
        f"{lead.last}: {COUNTRIES[lead.country][0]} and {COUNTRIES[w.countries[-1]][0]} Open Talks on "
        f"{w.topic.title()}",
        f"{COUNTRIES[lead.country][1]} {lead.office} {lead.last} warns over {w.topic}",
        f"{w.orgs[0].name} weighs new {w.topic} {rng.choice(_NOUNS)}",
    ))
    headings: tuple[str, ...] = ()
    if len(paragraphs) > 6 and rng.random() < 0.3:
        headings = (rng.choice(_HEADINGS),)
    captions: tuple[str, ...] = ()
    credit = marker = None
    if rng.random() < 0.4:
        credit = rng.choice((*AGENCIES, "KCNA via YNA/dpa", "Reuters/Pool"))
        marker = rng.choice(AGENCY_MARKERS)
        p, q = w.people[0], w.people[1]
        shot = pub - dt.timedelta(days=rng.randint(0, 30))
        country, _demonym, capital = COUNTRIES[p.country]
        captions = tuple(
            f"{shot.day} {MONTHS[shot.month - 1]} {shot.year}, {country}, {capital}: "
            f"{COUNTRIES[a.country][1]} {a.office} {a.name} (L) and {COUNTRIES[b.country][1]} {b.office} "
            f"{b.name} {rng.choice(_CAPTION_ACTS)} {capital}."
            for a, b in ((p, q), (q, p))[: rng.randint(1, 2)])
    byline = None
    if rng.random() < 0.3:
        byline = f"{_word(rng, 2).capitalize()} {_word(rng, 3).capitalize()}"
    front: dict[str, str] = {}
    compact = rng.random() < 0.15
    return Story(file=file, part=part, title=title, date=pub.isoformat(), paragraphs=tuple(paragraphs),
                 words=total, captions=captions, credit=credit, marker=marker, byline=byline,
                 headings=headings, people=tuple(p.id for p in w.people), orgs=tuple(o.id for o in w.orgs),
                 countries=tuple(COUNTRIES[c][0] for c in w.countries), topic=w.topic, compact=compact,
                 front_matter=front)


def render_story(story: Story) -> str:
    """The raw text of one story, with the noise of pasted web pages."""
    lines: list[str] = [story.title]
    if story.captions:
        # Pasted pages repeat the headline and the captions (each caption twice), around a marker.
        block = [f"{c} ({story.credit})" for c in story.captions for _ in range(2)]
        lines += ["", *block, story.marker or "", "", story.title, "", *block]
    sep = "" if story.compact else "\n"
    body = list(story.paragraphs)
    for i, heading in enumerate(story.headings):
        body.insert(min(len(body) - 1, 4 + 3 * i), heading)
    if story.byline:
        body.append(f"By {story.byline}")
    text = "\n".join(lines) + ("\n" if story.compact else "\n\n") + (sep + "\n").join(body)
    return text


def render_file(stories: list[Story]) -> str:
    text = "\n\n\n\n".join(render_story(s) for s in stories) + "\n"
    fm = stories[0].front_matter
    if fm:
        text = "---\n" + yaml.safe_dump(fm, sort_keys=False, allow_unicode=True) + "---\n" + text
    return text


# --- the whole corpus ---------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    files: dict[str, str]  # path relative to the work folder -> text
    stories: tuple[Story, ...]


def _registries(rng: random.Random, pool: Pool) -> tuple[str, str]:
    """actors.yaml for about 60 % of people and organizations (the rest are left to discovery)."""
    actors = []
    for p in pool.people:
        if rng.random() < 0.6:
            actors.append({"id": p.id, "name": p.name, "type": "person", "aliases": [p.last],
                           "roles": [{"title": p.office, "from": p.since, "to": None}],
                           "country": _slug(COUNTRIES[p.country][0])})
    for o in pool.orgs:
        if rng.random() < 0.6:
            actors.append({"id": o.id, "name": o.name, "type": "organization", "aliases": [o.acronym]})
    topics = []
    for theme in pool.topics:
        # Topics may only point at registered actors.
        registered = [a["id"] for a in actors if a["type"] == "organization"]
        related = sorted(rng.sample(registered, min(2, len(registered))))
        topics.append({"id": _slug(theme), "title": theme[0].upper() + theme[1:],
                       "description": f"Everything about {theme}.", "phrases": [theme],
                       "actors": related})
    dump = {"sort_keys": False, "allow_unicode": True}
    return yaml.safe_dump({"actors": actors}, **dump), yaml.safe_dump({"topics": topics}, **dump)


SITE_YAML = """\
title: Benchmark briefing
description: A synthetic corpus for timing the generator.
base_url: https://example.org/briefing/
language: en
author: Benchmark
# Hugo and Pelican build no search index; leave it out so the comparison is like for like.
search: false
"""


def generate_corpus(n: int, seed: int = 1) -> Corpus:
    """N articles in about 0.93 N files (some hold two stories); pure, deterministic."""
    rng = random.Random(seed)
    pool = make_pool(rng)
    files: dict[str, str] = {}
    stories: list[Story] = []
    made = 0
    index = 0
    while made < n:
        name = f"{index:06d}_{rng.getrandbits(48):012x}.txt"
        # Fixed shares rather than dice, so even a 20-article corpus has every shape.
        count = 2 if n - made >= 2 and index % 12 == 3 else 1
        group = [make_story(rng, pool, name, k + 1) for k in range(count)]
        if index % 10 == 7:
            s = group[0]
            fm = {"title": s.title, "date": s.date, "url": f"https://news.example.org/{_slug(s.title)}",
                  "publisher": rng.choice(PUBLISHERS)}
            group[0] = Story(**{**asdict(s), "front_matter": fm})
        files[f"content/sources/{name}"] = render_file(group)
        stories += group
        made += count
        index += 1
    actors_yaml, topics_yaml = _registries(rng, pool)
    files["content/actors.yaml"] = actors_yaml
    files["content/topics.yaml"] = topics_yaml
    files["site.yaml"] = SITE_YAML
    return Corpus(files, tuple(stories))


def write_corpus(corpus: Corpus, out: Path) -> None:
    for rel, text in sorted(corpus.files.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    summary = [asdict(s) for s in corpus.stories]
    (out / "corpus.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n",
                                     encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of articles (default 10000)")
    parser.add_argument("--out", type=Path, required=True, help="work folder to write into")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    corpus = generate_corpus(args.n, args.seed)
    write_corpus(corpus, args.out)
    sources = sum(1 for k in corpus.files if k.startswith("content/sources/"))
    print(f"{len(corpus.stories)} articles in {sources} files -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
