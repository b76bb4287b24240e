"""Article body Markdown -> safe HTML with paragraph anchors and actor links.

Raw HTML is off (the ``html_block`` preprocessor and the ``html`` inline
pattern are removed, so ``<script>`` stays text); a treeprocessor running
after every other one strips links and images whose scheme is not http(s),
a relative path or an anchor, numbers the paragraphs (``id="p-N"``, headings
not counted) and links the first mention of each actor to its page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_SAFE_SCHEMES = {"http", "https", "mailto", ""}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class ActorLink:
    """Link the first of ``names`` found at or after paragraph ``from_paragraph`` to ``href``."""

    actor: str
    names: tuple[str, ...]
    href: str
    from_paragraph: int = 1


def _safe_url(url: str) -> bool:
    cleaned = "".join(ch for ch in url if ch > " ").lower()  # "java\nscript:" tricks
    try:
        return urlsplit(cleaned).scheme in _SAFE_SCHEMES
    except ValueError:
        return False


class _BodyTreeprocessor(Treeprocessor):
    def __init__(self, md: markdown.Markdown, links: Sequence[ActorLink]) -> None:
        super().__init__(md)
        self.links = links

    def run(self, root: etree.Element) -> None:
        self._strip_unsafe(root)
        pending = list(self.links)
        number = 0
        for block in list(root):
            if block.tag in _HEADINGS:
                continue
            number += 1
            block.set("id", f"p-{number}")
            if pending:
                pending = _link_first_mentions(block, number, pending)

    def _strip_unsafe(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not _safe_url(value):
                    del element.attrib[attribute]
            if element.tag == "a" and element.get("href", "").startswith(("http:", "https:")):
                element.set("rel", "nofollow noopener")


def _pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    names = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _link_first_mentions(block: etree.Element, number: int, pending: list[ActorLink]) -> list[ActorLink]:
    """Wrap each due actor's first name in this block in a link; return those still pending."""
    remaining = []
    for link in pending:
        if link.from_paragraph > number or not _link_in(block, link):
            remaining.append(link)
    return remaining


def _segments(block: etree.Element) -> list[tuple[etree.Element, str, etree.Element | None]]:
    """Text slots that may take a link: (parent, 'text'|'tail', child) outside links and code."""
    slots: list[tuple[etree.Element, str, etree.Element | None]] = []

    def walk(element: etree.Element) -> None:
        if element.tag in ("a", "code", "pre"):
            return
        slots.append((element, "text", None))
        for child in list(element):
            walk(child)
            slots.append((element, "tail", child))

    walk(block)
    return slots


def _link_in(block: etree.Element, link: ActorLink) -> bool:
    pattern = _pattern(link.names)
    if pattern is None:
        return False
    for parent, slot, child in _segments(block):
        text = parent.text if slot == "text" else child.tail if child is not None else None
        if not text:
            continue
        match = pattern.search(text)
        if not match:
            continue
        anchor = etree.Element("a", {"href": link.href, "class": "actor-link", "data-actor": link.actor})
        anchor.text = match.group(0)
        anchor.tail = text[match.end() :]
        before = text[: match.start()]
        if slot == "text":
            parent.text = before
            parent.insert(0, anchor)
        else:
            assert child is not None
            child.tail = before
            parent.insert(list(parent).index(child) + 1, anchor)
        return True
    return False


class _BodyExtension(Extension):
    def __init__(self, links: Sequence[ActorLink]) -> None:
        super().__init__()
        self.links = links

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After "unescape" (priority 0), so text is final when names are matched.
        md.treeprocessors.register(_BodyTreeprocessor(md, self.links), "briefing_body", -10)


def render_body(body: str, links: Sequence[ActorLink] = ()) -> str:
    """Markdown -> HTML fragment; one fresh converter per call (Markdown objects keep state)."""
    converter = markdown.Markdown(extensions=[_BodyExtension(links)], output_format="html")
    return converter.convert(body)
