"""Command line: parse arguments, then make one call into :mod:`generator.commands`."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator import __version__, commands

DESCRIPTION = """\
Turn a folder of raw news articles into a static briefing site.

  ingest   raw text in <content>/sources/ -> Markdown in <content>/articles/
  build    ingest what changed, then render the site into <out>/ (the default)
  serve    build, then preview with live reload on http://127.0.0.1:8000/
  deploy   build with the production base_url and publish to GitHub Pages
  check    look for broken internal links and anchors in <out>/
  new      make a new content folder with its own site.yaml

The site configuration is --config FILE when given, else <content>/site.yaml
when there is one, else site.yaml in the current folder.
"""


def _common(*, suppress: bool) -> argparse.ArgumentParser:
    """The global options; also accepted after the command name.

    A subcommand's copy has no defaults of its own (``SUPPRESS``): otherwise
    argparse lets the subcommand's default overwrite a value given before the
    command name, and ``build.py --content X build`` would ingest ``content/``.
    """
    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", type=Path, default=default(Path("content")), metavar="DIR",
                        help="content folder holding sources/, articles/, actors.yaml, topics.yaml "
                             "(default: content/)")
    common.add_argument("--out", type=Path, default=default(Path("_site")), metavar="DIR",
                        help="output folder for the site (default: _site/)")
    # None when not given: a missing default site.yaml means the defaults, a missing named one an error.
    common.add_argument("--config", type=Path, default=default(None), metavar="FILE",
                        help="site configuration (default: <content>/site.yaml if there is one, "
                             "else site.yaml)")
    common.add_argument("--templates", type=Path, action="append", default=default([]), metavar="DIR",
                        help="a folder of template overrides, searched before the built-in templates "
                             "(repeatable)")
    return common


def _parser() -> argparse.ArgumentParser:
    common = _common(suppress=True)
    parser = argparse.ArgumentParser(description=DESCRIPTION, parents=[_common(suppress=False)],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common], help="turn raw sources into curated Markdown articles",
                       description="Read every file in <content>/sources/, write one Markdown file per "
                                   "article to <content>/articles/ and the review list to "
                                   "<content>/ingest-report.md. Articles you edited are never overwritten.")
    p.add_argument("--take-new", action="store_true",
                   help="replace articles you edited whose source changed (your edit is kept as "
                        "<file>.md.orig, then .md.1.orig ...)")
    p.add_argument("--restore", action="append", default=[], metavar="NAME",
                   help="write again an article you deleted (NAME: its file name without .md, as "
                        "<content>/ingest-state.yaml lists it under removed:); may be repeated")

    p = sub.add_parser("build", parents=[common], help="ingest what changed, then build the site (default)",
                       description="Ingest changed sources, then render the site into <out>/.")
    p.add_argument("--no-ingest", action="store_true", help="build from the articles as they are")
    p.add_argument("--base-url", metavar="URL", help="override site.yaml's base_url")

    p = sub.add_parser("serve", parents=[common], help="preview the site with live reload",
                       description="Build, serve on http://HOST:PORT/ under the same sub-path as production, "
                                   "and rebuild and reload the browser on every change.")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")

    p = sub.add_parser("deploy", parents=[common], help="publish the site to a gh-pages branch",
                       description="Build with the production base_url and push the output to the gh-pages "
                                   "branch of a git remote, with .nojekyll and CNAME.")
    p.add_argument("--remote", default="origin", help="remote name, path or URL (default: origin)")
    p.add_argument("--branch", default="gh-pages", help="branch to publish to (default: gh-pages)")
    p.add_argument("--base-url", metavar="URL", help="override site.yaml's base_url")
    p.add_argument("--message", metavar="TEXT", help="commit message (default names the source commit)")
    p.add_argument("--no-push", action="store_true", help="commit to the local branch only")

    p = sub.add_parser("check", parents=[common], help="find broken internal links and anchors in <out>/",
                       description="Check every internal link and #anchor in the built site.")
    p.add_argument("--base-url", metavar="URL", help="the base_url the site was built with "
                                                     "(default: site.yaml's)")
    p = sub.add_parser("new", help="make a new content folder with its own site.yaml",
                       description="Create DIR with site.yaml (titled after DIR), empty actors.yaml and "
                                   "topics.yaml with an example entry in comments, and sources/. "
                                   "An existing folder that is not empty is refused; nothing is overwritten.")
    p.add_argument("folder", type=Path, metavar="DIR", help="the content folder to create")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "build"
    if command == "new":
        return commands.new(args.folder)
    options = commands.Options(
        content=args.content, out=args.out, config=args.config or commands.config_for(args.content),
        config_given=args.config is not None, templates=tuple(args.templates),
        take_new=getattr(args, "take_new", False), no_ingest=getattr(args, "no_ingest", False),
        base_url=getattr(args, "base_url", None), host=getattr(args, "host", "127.0.0.1"),
        port=getattr(args, "port", 8000), remote=getattr(args, "remote", "origin"),
        branch=getattr(args, "branch", "gh-pages"), push=not getattr(args, "no_push", False),
        message=getattr(args, "message", None), restore=tuple(getattr(args, "restore", ())),
    )
    return commands.run(command, options)


if __name__ == "__main__":
    raise SystemExit(main())
