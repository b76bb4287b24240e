"""Reading the content folder: the build's only contact with ingest's formats.

``read_article`` and ``read_registry`` are the single doors through which the
build reads an article file and the registries.  They delegate to
``generator.frontmatter.load_article`` and ``generator.registry.load_registry``
when those modules exist and fall back to a minimal reader of the documented
format (docs/format.md) otherwise.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any

import yaml

from generator.confined import Refused, read_inside
from generator.errors import ArticleError, RegistryError
from generator.model import Actor, Article, DateInfo, Event, Mention, Note, Quote, Registry, Role, Topic

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def article_files(content_dir: Path) -> tuple[Path, ...]:
    """Article sources in a stable order."""
    return tuple(Path(name) for name in article_paths(content_dir))


def article_paths(content_dir: Path) -> list[str]:
    """:func:`article_files` as strings, without pathlib (10,000 Paths cost 0.1 s to sort)."""
    folder = os.path.join(content_dir, "articles")
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".md") and e.is_file())
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [os.path.join(folder, name) for name in names]


#: Largest article file read.  Ingest writes one from a source of at most 2 MB, and its
#: front-matter repeats the quotes and events; a person's additions fit many times over.
MAX_ARTICLE_BYTES = 8_000_000


def read_article_file(path: str | Path, shown: str | Path | None = None) -> bytes:
    """The bytes of the article file *path*, read only if it is a file within ``articles/``.

    A link out of the folder, a FIFO or an oversized file is an :class:`ArticleError`
    naming *shown* (default: *path*); nothing of it is read.
    """
    try:
        return read_inside(path, os.path.dirname(path), MAX_ARTICLE_BYTES,
                           limit_hint="an article this large is not one ingest wrote; split it")
    except Refused as exc:
        raise ArticleError(exc.message, shown or path, hint=exc.hint) from None


def read_article(text: str, path: str) -> Article:
    """One article file's text -> :class:`Article`; broken input is an :class:`ArticleError`."""
    try:
        from generator.frontmatter import load_article
    except ImportError:
        return _minimal_article(text, path)
    return load_article(text, path)


def read_registry(content_dir: Path) -> Registry:
    """``actors.yaml`` + ``topics.yaml`` -> :class:`Registry`; broken input is a :class:`RegistryError`."""
    try:
        from generator.registry import load_registry
    except ImportError:
        return _minimal_registry(content_dir)
    return load_registry(content_dir)


# --- minimal fallbacks ------------------------------------------------------


def _split(text: str, path: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        raise ArticleError("missing front-matter (the file must start with ---)", path, 1)
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            try:
                meta = yaml.load("".join(lines[1:index]), Loader=_Loader) or {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                raise ArticleError(
                    f"invalid front-matter: {getattr(exc, 'problem', exc)}",
                    path,
                    mark.line + 2 if mark else None,
                ) from exc
            if not isinstance(meta, dict):
                raise ArticleError("front-matter must be a mapping", path, 2)
            return meta, "".join(lines[index + 1 :])
    raise ArticleError("front-matter is not closed by ---", path, 1)


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _strs(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _minimal_article(text: str, path: str) -> Article:
    meta, body = _split(text, path)
    slug = Path(path).stem
    try:
        source = meta.get("source") or {}
        return Article(
            slug=slug,
            title=str(meta.get("title") or slug),
            date=DateInfo(
                _str(meta.get("date")),
                meta.get("date_confidence") or "none",
                str(meta.get("date_basis") or ""),
            ),
            body=body.strip() + "\n",
            source_file=str(source.get("file") or ""),
            source_part=int(source.get("part") or 1),
            source_parts=int(source.get("parts") or 1),
            source_url=_str(source.get("url")),
            publisher=_str(source.get("publisher")),
            language=str(meta.get("language") or "en"),
            byline=_str(meta.get("byline")),
            credits=_strs(meta.get("credits")),
            captions=_strs(meta.get("captions")),
            relayed=_strs(meta.get("relayed")),
            actors=tuple(
                Mention(
                    id=str(a["id"]),
                    name=str(a.get("name") or a["id"]),
                    type=a.get("type") or "organization",
                    roles=_strs(a.get("roles")),
                    discovered=bool(a.get("discovered")),
                    mentions=int(a.get("mentions") or 1),
                    first_paragraph=int(a.get("first_paragraph") or 0),
                )
                for a in meta.get("actors") or ()
            ),
            topics=_strs(meta.get("topics")),
            events=tuple(
                Event(
                    date=str(_str(e["date"])),
                    precision=e.get("precision") or "day",
                    text=str(e.get("text") or ""),
                    actors=_strs(e.get("actors")),
                    paragraph=int(e.get("paragraph") or 0),
                    planned=bool(e.get("planned")),
                    background=bool(e.get("background")),
                )
                for e in meta.get("events") or ()
            ),
            quotes=tuple(
                Quote(
                    speaker=_str(q.get("speaker")),
                    speaker_name=str(q.get("speaker_name") or ""),
                    text=str(q.get("text") or ""),
                    paragraph=int(q.get("paragraph") or 0),
                )
                for q in meta.get("quotes") or ()
            ),
            warnings=tuple(map(Note.of, _strs(meta.get("warnings")))),
            review=tuple(map(Note.of, _strs(meta.get("review")))),
            draft=meta.get("draft") is True,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ArticleError(f"malformed front-matter: {exc}", path) from exc


def _load_yaml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RegistryError(f"cannot read: {exc}", path, mark.line + 1 if mark else None) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RegistryError("expected a mapping", path, 1)
    return data


def _minimal_registry(content_dir: Path) -> Registry:
    actors_path, topics_path = content_dir / "actors.yaml", content_dir / "topics.yaml"
    actors_data, topics_data = _load_yaml(actors_path), _load_yaml(topics_path)
    try:
        actors = tuple(
            Actor(
                id=str(a["id"]),
                name=str(a.get("name") or a["id"]),
                type=a.get("type") or "organization",
                aliases=_strs(a.get("aliases")),
                roles=tuple(
                    Role(str(r["title"]), _str(r.get("from")), _str(r.get("to")))
                    for r in a.get("roles") or ()
                ),
                country=_str(a.get("country")),
                wikidata=_str(a.get("wikidata")),
            )
            for a in actors_data.get("actors") or ()
        )
        merges = tuple(sorted((str(k), str(v)) for k, v in (actors_data.get("merge") or {}).items()))
        rejected = _strs(actors_data.get("not_actors"))
    except (KeyError, TypeError, AttributeError) as exc:
        raise RegistryError(f"malformed actor entry: {exc}", actors_path) from exc
    try:
        topics = tuple(
            Topic(
                id=str(t["id"]),
                title=str(t.get("title") or t["id"]),
                description=str(t.get("description") or ""),
                phrases=_strs(t.get("phrases")),
                actors=_strs(t.get("actors")),
            )
            for t in topics_data.get("topics") or ()
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise RegistryError(f"malformed topic entry: {exc}", topics_path) from exc
    return Registry(actors=actors, topics=topics, rejected=rejected, merges=merges)
