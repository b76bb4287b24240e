"""A declared, ordered list of small named rules, checked when it is made.

Each extractor is such a list (markdown-it-py's core is the model): a rule is a function from
the annotated state to a new one, registered with what it ``requires`` (facts an earlier rule
or the input must have put there) and what it ``provides``.  :class:`Chain` checks the order
when the module that declares it is imported, so a rule moved above the rule it depends on
fails at once, loudly, instead of quietly finding less.

    Rule(name, run, requires, provides)  --Chain(name, given, rules)-->  checked, runnable

The code fingerprint of ingest (:func:`code_fingerprint`) is derived from the modules the
registered rules live in and every module of ours they reach, so no hand-kept list of files can
go stale when a rule moves or a helper file is added.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, TypeVar

S = TypeVar("S")


class ChainError(Exception):
    """A rule list whose order cannot work: a programming error, raised at import."""


@dataclass(frozen=True)
class Rule(Generic[S]):
    name: str
    run: Callable[[S], S]
    requires: frozenset[str] = frozenset()
    provides: frozenset[str] = frozenset()


def rule(*, requires: Iterable[str] = (), provides: Iterable[str] = ()
         ) -> Callable[[Callable[[S], S]], Rule[S]]:
    """Declare a function as a rule, named after the function."""
    def declare(run: Callable[[S], S]) -> Rule[S]:
        return Rule(run.__name__.lstrip("_"), run, frozenset(requires), frozenset(provides))
    return declare


@dataclass(frozen=True)
class Chain(Generic[S]):
    """Rules run in order over a state; ``given`` is what the state holds before the first."""

    name: str
    given: frozenset[str]
    rules: tuple[Rule[S], ...]

    def __post_init__(self) -> None:
        names = [r.name for r in self.rules]
        if len(set(names)) != len(names):
            twice = sorted({n for n in names if names.count(n) > 1})
            raise ChainError(f"{self.name}: rule names used twice: {', '.join(twice)}")
        have = set(self.given)
        for r in self.rules:
            missing = r.requires - have
            if missing:
                raise ChainError(f"{self.name}: rule {r.name!r} requires {', '.join(sorted(missing))}, "
                                 "which neither the input nor an earlier rule provides")
            have |= r.provides

    @property
    def provides(self) -> frozenset[str]:
        return frozenset(self.given.union(*(r.provides for r in self.rules)))

    def __call__(self, state: S) -> S:
        for r in self.rules:
            state = r.run(state)
        return state


def declared(package: str, *names: str, kind: type = Rule, what: str = "rule") -> tuple[Any, ...]:
    """The rules ``names`` names, in order: ``"name"`` is the value ``name`` of module
    ``package.name``, ``"module.NAME"`` the value ``NAME`` of ``package.module``.  A new rule is
    its own file and one line in the list that names it; a name that is no ``kind`` fails."""
    rules = []
    for name in names:
        module, _, attr = name.rpartition(".")
        found = getattr(importlib.import_module(f"{package}.{module or attr}"), attr, None)
        if not isinstance(found, kind):
            raise ChainError(f"{package}.{name} is not a {what}")
        rules.append(found)
    return tuple(rules)


def _ours(module: ModuleType | None, package: str) -> bool:
    return module is not None and (module.__name__ == package or module.__name__.startswith(package + "."))


def _reached(start: Iterable[ModuleType], package: str) -> list[ModuleType]:
    """The modules of ``package`` that ``start`` name at module level, and the ones those name."""
    # name -> whether its names were followed; a package reached only as the parent of a module
    # is hashed but its submodule attributes are not followed: the import system sets one for
    # every submodule any code has imported, so they differ from one process to the next.
    seen: dict[str, bool] = {}
    modules: dict[str, ModuleType] = {}
    todo = [(m, True) for m in start if _ours(m, package)]
    while todo:
        module, follow = todo.pop()
        name = module.__name__
        if seen.get(name) is True or (name in seen and not follow):
            continue
        seen[name], modules[name] = follow, module
        # A package's __init__ runs whenever one of its modules is imported (and may hold the
        # rule list that names its rules as strings), so it is part of their code.
        parent = name.rpartition(".")[0]
        if parent and parent in sys.modules and _ours(sys.modules[parent], package):
            todo.append((sys.modules[parent], False))
        for value in list(vars(module).values()):
            if isinstance(value, ModuleType):
                if not follow and value.__name__.startswith(name + "."):
                    continue
                found: ModuleType | None = value
            else:
                owner = getattr(value, "__module__", None) or type(value).__module__
                found = sys.modules.get(owner) if isinstance(owner, str) else None
            if found is not None and _ours(found, package) and seen.get(found.__name__) is not True:
                todo.append((found, True))
    return sorted(modules.values(), key=lambda m: m.__name__)


def code_fingerprint(chains: Iterable[Chain[object]], *also: ModuleType, package: str = "generator") -> str:
    """SHA-256 over the source of every module the chains' rules (and ``also``) reach."""
    start = [sys.modules[r.run.__module__] for c in chains for r in c.rules] + list(also)
    digest = hashlib.sha256()
    for module in _reached(start, package):
        source = inspect.getsourcefile(module)
        if source:
            with open(source, "rb") as handle:
                digest.update(module.__name__.encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()
