"""The only places the server calls into the other stages.

The live server needs three things from the rest of the generator: a build
(``generator.site.builder.build_site``), a re-ingest of changed raw sources
(``generator.ingest.run.ingest_content``) and the configured base URL
(``generator.config.load_config``).  Each is one small function here, so a
change of those APIs touches this file only, and tests can hand
:class:`~generator.serve.server.LiveServer` fakes with the same shape.
"""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from generator.errors import GeneratorError

if TYPE_CHECKING:  # the builder is imported lazily: serve must start even if it is broken
    from generator.site.builder import BuildSettings


class Outcome(Protocol):
    """What the server needs from a build result (``BuildResult`` has these fields)."""

    ok: bool
    written: tuple[str, ...]
    removed: tuple[str, ...]
    errors: tuple[Any, ...]
    warnings: tuple[str, ...]
    state: Any


@dataclasses.dataclass(frozen=True)
class Failed:
    """A build that raised instead of returning a result: nothing was written."""

    errors: tuple[Any, ...]
    state: Any
    ok: bool = False
    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


Builder = Callable[["BuildSettings", Any], Outcome]
Ingester = Callable[[Path], tuple[str, ...]]


def build(settings: BuildSettings, state: Any) -> Outcome:
    """One build, passing the previous state back so only affected pages are rendered.

    A user's mistake the builder raises (instead of reporting) becomes a failed
    outcome, and the previous state is kept, so the next build after the fix
    is still incremental.
    """
    from generator.site.builder import build_site

    try:
        return build_site(settings, state)
    except GeneratorError as err:
        return Failed(errors=(err,), state=state)


def ingest(content_dir: Path) -> tuple[str, ...]:
    """Re-ingest changed raw sources; returns the lines worth printing.

    ``take_new`` stays False: an article a person edited is never overwritten
    by the server, only reported as a conflict.
    """
    from generator.ingest.run import ingest_content

    try:
        report = ingest_content(content_dir, take_new=False)
    except GeneratorError as err:
        return (f"error: {err}",)
    lines = [f"ingest: wrote {name}" for name in report.written]
    lines += [f"ingest: kept your edit of {name}; its source changed too (build.py ingest --take-new "
              "takes the new version)" for name in report.conflicts]
    lines += [f"error: {err}" for err in report.errors]
    return tuple(lines)


def ingest_outputs() -> tuple[str, ...]:
    """Files ingest writes into the content folder that are not inputs of the build."""
    try:
        from generator.ingest.run import REPORT_NAME, STATE_NAME
    except ImportError:  # pragma: no cover - ingest not importable: watch everything
        return ()
    return (REPORT_NAME, STATE_NAME)


def configured_base_url(settings: BuildSettings) -> str:
    """``--base-url`` when given, else site.yaml's ``base_url``."""
    if settings.base_url:
        return settings.base_url
    from generator.config import load_config

    return load_config(settings.config_path).base_url


def theme_dir(settings: BuildSettings) -> Path | None:
    """site.yaml's ``theme_dir`` (relative to site.yaml), searched before the built-in templates."""
    from generator.config import load_config

    try:
        name = load_config(settings.config_path).theme_dir
    except GeneratorError:
        return None
    return settings.config_path.parent / name if name else None


def base_path_of(base_url: str) -> str:
    """``https://user.github.io/repo`` -> ``/repo/``."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def preview_settings(settings: BuildSettings, host: str, port: int) -> tuple[BuildSettings, str]:
    """Settings for the preview build and the base path it is served under.

    Links keep production's sub-path, so they behave as they will when
    published, but point at this server instead of the public host.  A broken
    site.yaml must not stop the server from starting: it falls back to the
    root path and the build reports the error.
    """
    try:
        path = base_path_of(configured_base_url(settings))
    except GeneratorError:
        path = "/"
    shown_host = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    if ":" in shown_host:
        shown_host = f"[{shown_host}]"
    local = f"http://{shown_host}:{port}{path}"
    return dataclasses.replace(settings, base_url=local, live_reload=True), path


def describe_crash(exc: BaseException) -> str:
    """A bug in the generator (not a user's mistake): keep the traceback for the terminal."""
    return "".join(traceback.format_exception(exc)).rstrip()
