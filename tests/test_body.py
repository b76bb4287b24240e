"""Markdown bodies: raw text stays literal text, and paragraph N means the same both ways."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.body import body_paragraphs, escape, render_body, unescape
from generator.model import Block, Document


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.texts: list[str] = []
        self.open = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.texts.append("")
        self.open += 1

    def handle_endtag(self, tag: str) -> None:
        self.open -= 1

    def handle_data(self, data: str) -> None:
        if self.open:
            self.texts[-1] += data


def rendered(markdown_text: str) -> tuple[list[str], list[str]]:
    collector = _Collector()
    collector.feed(markdown.markdown(markdown_text))
    return collector.tags, collector.texts


def doc(*blocks: Block) -> Document:
    return Document("x.txt", 1, 1, "Title", tuple(blocks))


LOOKALIKES = [
    "1991. The year the network was first connected.",
    "# This line starts with a hash.",
    "## Nor is this a heading.",
    "- A dash starts this sentence.",
    "+ So does a plus.",
    "* And a star.",
    "> Not a quotation block.",
    "2) Not a list either.",
    "---",
    "The attackers posted <script>alert('x')</script> here.",
    "A [link](javascript:alert(1)) and ![image](x.png) and <https://example.org>.",
    "*stars*, _underscores_, `code`, \\backslash\\, {braces} and a | pipe.",
    "Entities: &amp; &copy; &#169; &#xA9; stay literal, AT&T too.",
    "    four spaces are not code",
]


def test_lookalikes_render_as_literal_paragraphs() -> None:
    body = render_body(doc(*(Block("paragraph", text) for text in LOOKALIKES)))
    tags, texts = rendered(body)
    assert tags == ["p"] * len(LOOKALIKES)
    assert texts == [" ".join(text.split()) for text in LOOKALIKES]


def test_readable_escaping() -> None:
    assert escape("Kim's \"comrades\" (R) say: 50% | more!") == "Kim's \"comrades\" (R) say: 50% | more!"
    assert escape("1991. The year") == "1991\\. The year"
    assert escape("# x") == "\\# x"
    assert escape("<script>") == "&lt;script>"


def test_layout_and_headings() -> None:
    body = render_body(doc(Block("paragraph", "One."), Block("heading", "Strained Relations"),
                           Block("paragraph", "Two.")))
    assert body == "One.\n\n## Strained Relations\n\nTwo.\n"
    assert rendered(body)[0] == ["p", "h2", "p"]
    assert body_paragraphs(body) == ("One.", "Two.")
    assert render_body(doc()) == ""


def test_body_paragraphs_reads_a_person_s_rewrapped_paragraph() -> None:
    assert body_paragraphs("First line\nwrapped here.\n\n# Heading\n\nSecond.") == (
        "First line wrapped here.", "Second.")


TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80),
    # Markdown's own characters, densely, so the syntax actually gets exercised.
    st.text(alphabet="#>-+*_`[]()!<>&;#x9\\|.1 a:=~{}/\"'^", min_size=1, max_size=40),
).map(lambda t: " ".join(t.split()))


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_any_text_renders_as_one_literal_paragraph(text: str) -> None:
    assume(text)
    assert unescape(escape(text)) == text
    tags, texts = rendered(escape(text))
    assert tags == ["p"]
    assert texts == [text]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["paragraph", "heading"]), TEXT), max_size=8))
def test_body_paragraphs_inverts_render_body(blocks: list[tuple[str, str]]) -> None:
    document = doc(*(Block(kind, text) for kind, text in blocks if text))  # type: ignore[arg-type]
    body = render_body(document)
    assert body_paragraphs(body) == document.paragraphs
    tags, _ = rendered(body)
    assert tags == ["h2" if b.kind == "heading" else "p" for b in document.blocks]
