"""Article body Markdown -> safe HTML with paragraph anchors and actor links.

Raw HTML is off (the ``html_block`` preprocessor and the ``html`` inline
pattern are removed, so ``<script>`` stays text); a treeprocessor running
after every other one strips links and images whose scheme, once entities and
percent-escapes are decoded, is not http(s), mailto, a relative path or an
anchor, numbers the paragraphs (``id="p-N"``, headings not counted) and links
the first mention of each actor to its page.  Plain bodies, nearly all of them,
take a fast path with the same output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator.urls import url_scheme

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
    return url_scheme(url) in _SAFE_SCHEMES


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


#: Python-Markdown's inline work in a block grows with its markup characters times its length:
#: it scans from each ``[`` to the end of the block for the closing bracket and parenthesis
#: (200,000 ``[`` took 59 s) and rebuilds the block's text after each emphasis or link (200,000
#: ``*a`` took 44 s); it recurses once per level of nested lists and quotes (300 levels
#: overflow the stack).  A body whose estimate exceeds this many characters per character of
#: the body (plus a fixed allowance), or with a line indented or marked that deep, is rendered
#: as literal text instead: no real article comes near either.
_SCANS_PER_CHARACTER = 20
_SCAN_ALLOWANCE = 200_000
_INLINE_MARKUP = "[*_`"
_DEEP_NESTING = re.compile(r"^[ \t>*+\-]{64}", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _markdown_is_linear(body: str) -> bool:
    budget = _SCANS_PER_CHARACTER * len(body) + _SCAN_ALLOWANCE
    if sum(body.count(c) for c in _INLINE_MARKUP) * len(body) > budget:
        blocks = _BLANK_LINE.split(body)
        if sum(sum(block.count(c) for c in _INLINE_MARKUP) * len(block) for block in blocks) > budget:
            return False
    return not _DEEP_NESTING.search(body)


def render_body(body: str, links: Sequence[ActorLink] = ()) -> str:
    """Markdown -> HTML fragment: plain bodies by :func:`render_plain`, the rest by Python-Markdown,
    unless its work could grow faster than the body (then :func:`render_literal`)."""
    html = render_plain(body, links)
    if html is not None:
        return html
    if not _markdown_is_linear(body):
        return render_literal(body, links)
    try:
        return render_markdown(body, links)
    except RecursionError:  # pragma: no cover - _DEEP_NESTING keeps far from the limit
        return render_literal(body, links)


def render_literal(body: str, links: Sequence[ActorLink] = ()) -> str:
    """Each block of the body as a paragraph of escaped text, actor links in: linear in the body."""
    pending = list(links)
    patterns = {link: _pattern(link.names) for link in pending}
    out = []
    for number, block in enumerate((b for b in _BLANK_LINE.split(body.strip("\n")) if b.strip()), 1):
        html, pending = _block_html(number, escape(block.strip("\n"), quote=False), pending, patterns)
        out.append(html)
    return "\n".join(out)


def render_markdown(body: str, links: Sequence[ActorLink] = ()) -> str:
    """Markdown -> HTML fragment; one fresh converter per call (Markdown objects keep state)."""
    converter = markdown.Markdown(extensions=[_BodyExtension(links)], output_format="html")
    return converter.convert(body)


# --- plain bodies -------------------------------------------------------------
#
# Python-Markdown costs about 2 ms for a 700-word article.  Ingest's bodies are
# almost always plain paragraphs, for which its output is fully determined: each
# block becomes <p id="p-N">text</p>, and actor links go in exactly where the
# treeprocessor above puts them.  Anything that could be Markdown syntax
# (* _ ` [ ] < > & \, a line opening a list, quote, rule or code block, a hard
# break, an odd blank line) sends the body to Python-Markdown instead.
# tests/test_site_markdown_plain.py checks that both paths agree.

#: Characters Python-Markdown may treat as syntax or escape somewhere inside a line.
_SPECIAL = re.compile(r"[\\`*_\[\]<>&\x00-\x09\x0b-\x1f\x7f]")
#: Line starts that open a block construct (lists, quotes, headings, rules, setext, code).
_BLOCK_START = re.compile(r"^(?:[\s#>*+=-]|\d+[.)])", re.MULTILINE)
#: A line ending in whitespace (a hard break, or trailing spaces Markdown would treat specially).
_TRAILING = re.compile(r"[ \t]$", re.MULTILINE)
_HEADING = re.compile(r"(#{1,6})[ ]+([^#\n]*[^#\s])[ ]*")
_ATTRIBUTE_UNSAFE = re.compile(r'[&<>"\n]')


def _block_html(
    number: int, text: str, pending: list[ActorLink], patterns: dict[ActorLink, re.Pattern[str] | None]
) -> tuple[str, list[ActorLink]]:
    """A paragraph's HTML with due first mentions linked; the links still pending."""
    # Text segments between inserted anchors, in document order, as the treeprocessor walks them.
    pieces: list[str | tuple[str, str, str]] = [text]
    remaining = []
    for link in pending:
        if link.from_paragraph > number:
            remaining.append(link)
            continue
        pattern = patterns[link]
        found = False
        if pattern is not None:
            for index, piece in enumerate(pieces):
                if not isinstance(piece, str) or not piece:
                    continue
                match = pattern.search(piece)
                if match:
                    pieces[index : index + 1] = [
                        piece[: match.start()],
                        (link.actor, link.href, match.group(0)),
                        piece[match.end() :],
                    ]
                    found = True
                    break
        if not found:
            remaining.append(link)
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        else:
            actor, href, words = piece
            out.append(f'<a class="actor-link" data-actor="{actor}" href="{href}">{words}</a>')
    return f'<p id="p-{number}">' + "".join(out) + "</p>", remaining


def render_plain(body: str, links: Sequence[ActorLink] = ()) -> str | None:
    """The HTML Python-Markdown would make of a plain body, or ``None`` when the body is not plain."""
    text = body[:-1] if body.endswith("\n") else body
    if not text or _SPECIAL.search(text) or _TRAILING.search(text) or text.startswith("\n"):
        return None
    if any(_ATTRIBUTE_UNSAFE.search(link.actor) or _ATTRIBUTE_UNSAFE.search(link.href) for link in links):
        return None
    blocks = text.split("\n\n")
    pending = list(links)
    patterns = {link: _pattern(link.names) for link in pending}
    number = 0
    out = []
    for block in blocks:
        if not block or block.startswith("\n") or block.endswith("\n"):
            return None
        if block.startswith("#"):
            heading = _HEADING.fullmatch(block)
            if heading is None:
                return None
            level = len(heading.group(1))
            out.append(f"<h{level}>{heading.group(2)}</h{level}>")
            continue
        if _BLOCK_START.search(block):
            return None
        number += 1
        html, pending = _block_html(number, block, pending, patterns)
        out.append(html)
    return "\n".join(out)

