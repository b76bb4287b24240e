"""What each subcommand does, in terms of the stages; the CLI only parses arguments.

Every function returns the process exit status.  A user's mistake arrives as a
:class:`~generator.errors.GeneratorError` and is printed once, as one line naming
the file (and line) and what to do; so is an ``OSError`` (a full disk, a folder
without write permission).  Only a bug in the generator shows a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ArticleError, GeneratorError, SiteError

#: Beside site.yaml: parsed articles kept between builds (generator/site/cache.py); safe to delete.
CACHE_DIR = ".cache"
CONFIG_NAME = "site.yaml"


def config_for(content: Path) -> Path:
    """The configuration when no ``--config`` is given: the content folder's own, else ./site.yaml.

    A folder made by ``new`` carries its site.yaml, so ``--content that-folder`` builds
    that briefing, not the one whose site.yaml sits in the current folder.
    """
    own = content / CONFIG_NAME
    return own if own.is_file() else Path(CONFIG_NAME)


@dataclass(frozen=True)
class Options:
    content: Path = Path("content")
    out: Path = Path("_site")
    config: Path = Path("site.yaml")
    #: --config was given: then the file must exist (a missing default site.yaml means the defaults).
    config_given: bool = False
    templates: tuple[Path, ...] = ()
    take_new: bool = False
    no_ingest: bool = False
    base_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    remote: str = "origin"
    branch: str = "gh-pages"
    push: bool = True
    message: str | None = None
    #: ingest --restore: deleted articles to write again.
    restore: tuple[str, ...] = ()


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _shown(error: GeneratorError) -> GeneratorError:
    """*error* naming its file from the current folder when it is under it, as the others do."""
    if error.path is None or not Path(error.path).is_absolute():
        return error
    try:
        relative = Path(error.path).relative_to(Path.cwd())
    except ValueError:
        return error
    return type(error)(error.message, relative, error.line, error.hint)


def _run_ingest(options: Options) -> tuple[int, set[str]]:
    """Ingest and print its summary; (exit status, the errors printed, as ``file:line: message``)."""
    from generator.ingest.report import located, render_summary
    from generator.ingest.run import REPORT_NAME, ingest_content

    report = ingest_content(options.content, take_new=options.take_new, restore=options.restore,
                            cache_dir=options.config.parent / CACHE_DIR)
    print(render_summary(report, options.content))
    print(f"  report: {options.content / REPORT_NAME}")
    return (0 if report.ok else 1), {str(located(err, options.content)) for err in report.errors}


def _ingest(options: Options) -> int:
    try:
        return _run_ingest(options)[0]
    except SiteError as err:  # a broken registry: ingest read no source and wrote nothing
        _err(f"error: {err}")
        _err("ingest: stopped; no article was written")
        return 1


def _settings(options: Options, *, live_reload: bool = False):
    from generator.site.builder import BuildSettings

    return BuildSettings(content_dir=options.content, out_dir=options.out, config_path=options.config,
                         base_url=options.base_url, template_dirs=options.templates,
                         live_reload=live_reload, cache_dir=options.config.parent / CACHE_DIR)


def _build(options: Options) -> int:
    from generator.site.builder import build_site

    status, said = 0, set()
    if not options.no_ingest:
        try:
            status, said = _run_ingest(options)
        except SiteError as err:  # a broken registry breaks every page: build nothing
            _err(f"error: {err}")
            _err(f"build: stopped; nothing was written, {options.out}/ was left as it was")
            return 1
    result = build_site(_settings(options))
    for warning in result.warnings:
        _err(f"warning: {warning}")
    for error in map(_shown, result.errors):
        # A broken article is found by ingest and by the build; say it once.
        if str(error) not in said:
            _err(f"error: {error}")
    if (result.ok or result.written) and result.articles == 0:
        if _has_inputs(options.content):
            _err(f"build: no article was published from the sources and articles in {options.content}/ "
                 "(fix what is reported above)")
            status = 1
        else:
            _err(f"warning: {options.content}/ has no sources and no articles: built an empty site")
    if result.ok:
        skipped = f"; {len(said)} inputs with errors skipped (above)" if said else ""
        print(f"build: {len(result.written)} files written, {len(result.removed)} removed -> {options.out}/"
              + skipped)
    elif not result.written:
        _err(f"build: {len(result.errors)} errors; nothing was written, {options.out}/ was left as it was")
    else:
        skipped = sum(1 for e in result.errors if isinstance(e, ArticleError))  # a refused link is no article
        _err(f"build: {len(result.errors)} errors; {skipped} articles skipped, the rest was built")
    return status or (0 if result.ok else 1)


def _has_inputs(content: Path) -> bool:
    """Whether ``content`` holds anything meant to become an article (a raw source, an article file)."""
    from generator.site.load import article_paths

    sources = content / "sources"
    return bool(article_paths(content)) or (sources.is_dir() and any(
        p.is_file() and not p.name.startswith(".") for p in sources.iterdir()))


def _serve(options: Options) -> int:
    from generator.serve import serve

    if not options.no_ingest:
        _ingest(options)
    return serve(_settings(options, live_reload=True), host=options.host, port=options.port)


def _deploy(options: Options) -> int:
    from generator.deploy import deploy

    if _ingest(options) != 0:
        _err("deploy: ingest reported errors; fix them before publishing")
        return 1
    return deploy(_settings(options), remote=options.remote, branch=options.branch,
                  message=options.message, push=options.push)


def _check(options: Options) -> int:
    from generator.config import load_config
    from generator.site.check import check_site
    from generator.urls import base_path

    if not options.out.is_dir():
        _err(f"check: {options.out}/ does not exist; run `python build.py` first")
        return 1
    config = load_config(options.config)
    problems = check_site(options.out, base_path(options.base_url or config.base_url))
    for problem in problems:
        _err(problem)
    print(f"check: {len(problems)} broken links or anchors in {options.out}/")
    return 1 if problems else 0


def new(folder: Path) -> int:
    from generator.scaffold import create

    try:
        written = create(folder)
    except GeneratorError as err:
        _err(f"error: {_shown(err)}")
        return 1
    except OSError as err:
        _err(f"error: {err.filename or folder}: {err.strerror or err} (nothing else was written)")
        return 1
    for path in written:
        print(f"  created {path}")
    print(f"new: put raw articles into {folder / 'sources'}/, then run: briefing build --content {folder}")
    return 0


COMMANDS: dict[str, Callable[[Options], int]] = {
    "ingest": _ingest, "build": _build, "serve": _serve, "deploy": _deploy, "check": _check,
}


def _check_paths(command: str, options: Options) -> None:
    """What the options name must exist; before any work, so a typo never builds (or publishes) nothing."""
    if command != "check" and not options.content.is_dir():
        what = "is not a folder" if options.content.exists() else "does not exist"
        raise GeneratorError(f"the content folder {what}", options.content,
                             hint="name the folder holding sources/ and articles/ with --content")
    if options.config_given and not options.config.is_file():
        raise GeneratorError("the config file does not exist", options.config,
                             hint="name an existing site.yaml with --config, or leave it out")
    for folder in options.templates:
        if not folder.is_dir():
            raise GeneratorError("the templates folder does not exist", folder,
                                 hint="name an existing folder with --templates")
    if command == "serve" and not 1 <= options.port <= 65535:
        raise GeneratorError(f"--port {options.port} is not a port",
                             hint="pick one from 1 to 65535, such as 8000")


def _check_out(options: Options) -> None:
    """The output folder may be replaced whole (generator/outdir.py): before ingest or anything else."""
    from generator.config import load_config
    from generator.outdir import check_out_dir
    from generator.site.render import static_search_path, template_search_path

    try:
        theme = load_config(options.config).theme_dir
    except GeneratorError:  # the build reports it
        theme = None
    assets = (*options.templates, *template_search_path(options.config, theme, options.templates),
              *static_search_path(options.config))
    check_out_dir(options.out, content=options.content, config=options.config, assets=assets)


def _preflight(command: str, options: Options) -> None:
    _check_paths(command, options)
    if command in ("build", "serve", "deploy"):
        _check_out(options)
    if command == "deploy":
        from generator.deploy import check_branch

        check_branch(_settings(options), options.branch)


def run(command: str, options: Options) -> int:
    try:
        _preflight(command, options)
        return COMMANDS[command](options)
    except GeneratorError as err:
        _err(f"error: {_shown(err)}")
        return 1
    except OSError as err:  # a full disk or a folder without write permission: the user can fix it
        where = f"{err.filename}: " if err.filename else ""
        _err(f"error: {where}{err.strerror or err} (check the disk space and permissions, then run again)")
        return 1
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
