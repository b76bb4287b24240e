"""One small tree of errors, each about a file (and a line where there is one).

    GeneratorError              anything the user can fix; printed, never a traceback
    ├── InputError              one input file is wrong; the rest of the corpus still builds
    │   ├── SourceError         a raw source under sources/ cannot be read or split
    │   └── ArticleError        a generated article's front-matter is broken
    └── SiteError               the whole site is affected; nothing is written
        ├── ConfigError         site.yaml
        ├── RegistryError       actors.yaml / topics.yaml
        └── TemplateError       a Jinja template
"""

from __future__ import annotations

from pathlib import Path

#: Characters a terminal acts on instead of showing: C0 and C1 controls (ESC starts the codes
#: that clear the screen or retitle the window), DEL, and the bidirectional overrides that
#: reorder what is shown.  A file name or a quoted value carrying one is shown as ``\x1b``.
_UNPRINTABLE = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7f, 0xa0))}
_UNPRINTABLE.update({c: f"\\u{c:04x}" for c in (*range(0x202a, 0x202f), *range(0x2066, 0x206a))})


def printable(text: str) -> str:
    """*text* with every control character written as an escape: safe to print, and one line."""
    return text.translate(_UNPRINTABLE)


class GeneratorError(Exception):
    """A problem the user can fix. ``str()`` gives ``file:line: message (what to do)``."""

    #: What to do, for an error raised without a hint of its own: every message says it.
    default_hint: str | None = None

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint or self.default_hint

    @classmethod
    def not_utf8(cls, exc: UnicodeDecodeError, data: bytes, path: str | Path) -> GeneratorError:
        """The file *data* of *path* is no UTF-8: say where, and how to fix it, not the codec's words."""
        line = data.count(b"\n", 0, exc.start) + 1
        return cls(f"not UTF-8 text (byte 0x{data[exc.start]:02x})", path, line,
                   hint="save the file as UTF-8 in your editor")

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return printable(text)


class InputError(GeneratorError):
    pass


class SourceError(InputError):
    pass


class ArticleError(InputError):
    default_hint = "fix the front-matter by hand; docs/format.md lists every key"


class SiteError(GeneratorError):
    pass


class ConfigError(SiteError):
    pass


class RegistryError(SiteError):
    pass


class TemplateError(SiteError):
    default_hint = "fix the template at that line, or delete your copy to use the built-in one"
