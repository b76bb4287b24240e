"""Find broken internal links and anchors in a built site.

Every ``href``/``src`` of every HTML file is resolved the way a static host
would (``/repo/actors/x/`` -> ``actors/x/index.html`` when the base path is
``/repo/``); a ``#fragment`` must name an ``id`` (or ``<a name>``) in the
target page.  External links (http(s) to another host, mailto:) are not
fetched.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

_LINK_ATTRS = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("form", "action"),
}
#: Files only a browser's script asks for; Pagefind writes them after the pages link to them.
_OPTIONAL_PREFIXES = ("pagefind/",)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in _LINK_ATTRS:
                self.links.append((value, self.getpos()[0]))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector


def _target_file(out_dir: Path, relative: str) -> Path | None:
    """The file a static host serves for a path relative to the site root."""
    candidate = out_dir / relative
    if relative == "" or relative.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_site(out_dir: Path, base_path: str) -> list[str]:
    """Problems as ``file:line: message`` strings, sorted; empty when every link and anchor resolves."""
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    root = out_dir.resolve()
    pages = sorted(p for p in root.rglob("*.html") if p.is_file())
    parsed = {p: _parse(p) for p in pages}
    problems: list[str] = []
    for page in pages:
        relative_page = page.relative_to(root).as_posix()
        # The URL this page is served at, so relative links resolve like in a browser.
        page_url = base_path + (
            relative_page[: -len("index.html")] if relative_page.endswith("index.html") else relative_page
        )
        for link, line in parsed[page].links:
            problem = _check_link(root, page_url, link, base_path, parsed, page)
            if problem:
                problems.append(f"{relative_page}:{line}: {problem}")
    return sorted(problems)


def _check_link(
    root: Path, page_url: str, link: str, base_path: str, parsed: dict[Path, _Collector], page: Path
) -> str | None:
    link = link.strip()
    parts = urlsplit(link)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None if parts.scheme in ("mailto", "tel") else f"link with scheme {parts.scheme}: {link}"
    if parts.scheme or parts.netloc:
        return None  # external; not fetched
    absolute = urlsplit(urljoin(page_url, link))
    path = unquote(absolute.path)
    if not path.startswith(base_path):
        return f"link outside the site's base path {base_path}: {link}"
    relative = path[len(base_path) :]
    if ".." in PurePosixPath(relative).parts:
        return f"link escapes the site: {link}"
    if relative.startswith(_OPTIONAL_PREFIXES) and not (root / "pagefind").is_dir():
        return None
    target = _target_file(root, relative)
    if target is None:
        return f"broken link: {link}"
    fragment = unquote(absolute.fragment)
    if fragment and target.suffix == ".html":
        collector = parsed.get(target) or _parse(target)
        if fragment not in collector.ids:
            return f"missing anchor #{fragment} in {target.relative_to(root).as_posix()}: {link}"
    return None
