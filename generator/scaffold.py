"""``briefing new DIR``: a content folder of its own, ready for its first sources.

It holds ``site.yaml`` (titled after the folder), empty ``actors.yaml`` and
``topics.yaml`` whose comments show an entry, and ``sources/``.  Nothing is
ever overwritten: a folder that exists and is not empty is refused, and each
file is created exclusively, so a file that appears meanwhile is left alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import GeneratorError

SITE_YAML = """\
# This briefing's settings; every key is described in the README ("Configuration").
title: {title}
description: ""
# Where the site is published; every link is relative, so it also works from any other address.
base_url: http://localhost:8000/
language: en
# false: links name index.html, so the built folder also works opened from disk (file://).
directory_urls: true
"""

ACTORS_YAML = """\
# People, countries and organizations of this briefing; ingest lists names it found but
# does not know in ingest-report.md. An entry:
#
#   actors:
#     - id: marco-rubio            # the URL: actors/marco-rubio/
#       name: Marco Rubio
#       type: person               # person | country | organization
#       aliases: [Rubio, Secretary Rubio]
#       roles:
#         - {title: Secretary of State, from: 2025-01-21, to: null}
#   not_actors: [Wegovy]           # names ingest must never treat as actors
#   merge:                         # a discovered name -> the actor it really is
#     Secretary Rubio: marco-rubio
actors: []
not_actors: []
merge: {}
"""

TOPICS_YAML = """\
# The topics of this briefing; without any, articles are grouped under "General". An entry:
#
#   topics:
#     - id: arctic-security
#       title: Arctic security
#       description: Military activity, sovereignty and alliances in the Arctic.
#       phrases: [Arctic security, militarization of the Arctic]
#       actors: [nato]             # actors whose presence signals the topic
topics: []
"""

class ScaffoldError(GeneratorError):
    """The target of ``new`` cannot take a new content folder."""


def title_of(folder: Path) -> str:
    """``my-arctic_desk`` -> ``My arctic desk``."""
    words = re.sub(r"[-_.\s]+", " ", folder.name).strip()
    return (words[:1].upper() + words[1:]) if words else "Briefing"


def _yaml_text(value: str) -> str:
    """A YAML double-quoted scalar: a folder name may hold ``:``, ``#`` or quotes."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scaffold_files(folder: Path) -> dict[str, str]:
    """The files of a new content folder, by path relative to it."""
    return {
        "site.yaml": SITE_YAML.format(title=_yaml_text(title_of(folder))),
        "actors.yaml": ACTORS_YAML,
        "topics.yaml": TOPICS_YAML,
        # Keeps the empty folder under version control; ingest reads no hidden file.
        "sources/.gitkeep": "",
    }


def create(folder: Path) -> list[Path]:
    """Write a new content folder at ``folder``; the files written, in order."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "a file" if not folder.is_dir() else "a folder that is not empty"
        raise ScaffoldError(f"{what} is already there; nothing was written", folder,
                            hint="choose a new folder name, or an empty folder")
    written = []
    for relative, text in scaffold_files(folder).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # never replaces a file
            handle.write(text)
        written.append(path)
    return written
