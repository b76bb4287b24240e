"""The package's boundaries, read from the code: who may import whom.

The import graph is read with ``ast`` from every module under ``generator/``, counting every
import wherever it is written (inside a function, under ``TYPE_CHECKING``): a lazy import is
still a dependency.  The boundaries:

- the site (``generator/site``) never reaches ingest, even through a module it imports;
- the preview (``generator/serve``) runs ingest only through its runner and its report;
- the rules (everything under ``generator/ingest`` but the runner) never import the runner,
  its report, the build, the preview, the command line, the executor or the writer;
- the model imports nothing of ours;
- the entry points are reached only from above: ``cli`` by nobody, ``commands`` by ``cli``,
  ``serve`` and ``deploy`` by ``commands``;
- no import cycle anywhere in the package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Set
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

#: Imports the site may make into ingest for now, each with why.
SITE_EXCEPTIONS: set[tuple[str, str]] = set()

#: What a rule must not import: the runner and everything that runs it or touches disk.
RUNNING = ("generator.ingest.run", "generator.ingest.report", "generator.site", "generator.serve",
           "generator.commands", "generator.cli", "generator.deploy", "generator.executor",
           "generator.atomic", "generator.ingest_state")


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def graph() -> Mapping[str, frozenset[str]]:
    """Each module of ours -> the modules of ours it imports."""
    modules = {_name(path): path for path in PACKAGE.rglob("*.py")}
    edges: dict[str, frozenset[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                # ``from generator.ingest import body`` imports the module generator.ingest.body.
                found.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                             for alias in node.names)
        edges[name] = frozenset(m for m in found if m in modules and m != name)
    return edges


def _within(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _paths(start: str, skip: Set[tuple[str, str]] = frozenset()) -> Iterator[tuple[str, ...]]:
    """Each module ``start`` reaches, with the chain of imports that reaches it (breadth first)."""
    seen, queue = {start}, [(start,)]
    while queue:
        chain = queue.pop(0)
        yield chain
        for nxt in sorted(graph()[chain[-1]]):
            if nxt not in seen and (chain[-1], nxt) not in skip:
                seen.add(nxt)
                queue.append((*chain, nxt))


def test_the_graph_holds_every_kind_of_import() -> None:
    edges = graph()
    assert "generator.executor" in edges["generator.site.builder"]  # a plain one
    assert "generator.ingest.run" in edges["generator.serve.wiring"]  # one inside a function
    assert "generator.site.builder" in edges["generator.serve.wiring"]  # one under TYPE_CHECKING too
    assert "generator.ingest.clean.draft" in edges["generator.ingest.clean.junk"]  # a relative one
    assert "generator.ingest.readers" in edges["generator.ingest.run"]  # `from package import module`


def test_the_site_never_reaches_ingest() -> None:
    stale = [f"{a} -> {b}" for a, b in SITE_EXCEPTIONS if b not in graph()[a]]
    assert not stale, f"no longer imported, so no longer an exception: {stale}"
    wrong = [" -> ".join(chain) for module in graph() if _within(module, "generator.site")
             for chain in _paths(module, SITE_EXCEPTIONS) if _within(chain[-1], "generator.ingest")]
    assert not wrong, "the site imports ingest:\n" + "\n".join(wrong)


def test_the_preview_runs_ingest_only_through_its_runner() -> None:
    runner = ("generator.ingest.run", "generator.ingest.report")
    wrong = [f"{module} -> {target}" for module, targets in graph().items()
             if _within(module, "generator.serve")
             for target in targets if _within(target, "generator.ingest") and target not in runner]
    assert not wrong, "the preview imports a part of ingest: " + ", ".join(wrong)


def test_the_rules_never_import_the_runner() -> None:
    wrong = [f"{module} -> {target}" for module, targets in graph().items()
             if _within(module, "generator.ingest") and module != "generator.ingest.run"
             for target in targets if _within(target, *RUNNING) and target != module]
    assert not wrong, "a part of ingest imports what runs it: " + ", ".join(wrong)


def test_the_model_imports_nothing_of_ours() -> None:
    assert graph()["generator.model"] == frozenset()


def test_the_entry_points_are_reached_only_from_above() -> None:
    allowed = {"generator.cli": set(), "generator.commands": {"generator.cli"},
               "generator.serve": {"generator.commands"}, "generator.deploy": {"generator.commands"}}
    for entry, importers in allowed.items():
        found = {module for module, targets in graph().items() if not _within(module, entry)
                 and any(_within(target, entry) for target in targets)}
        assert found <= importers, f"{entry} is imported by {sorted(found - importers)}"


def test_no_import_cycle() -> None:
    cycles = {tuple(chain) for module in graph() for chain in _paths(module)
              if chain[-1] != module and module in graph()[chain[-1]]}
    assert not cycles, "import cycles: " + "; ".join(" -> ".join((*c, c[0])) for c in sorted(cycles))
