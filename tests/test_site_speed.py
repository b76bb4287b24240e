"""The build's fast paths give the same bytes as the slow ones they stand in for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.markdown import ActorLink, render_markdown, render_plain

LINKS = (
    ActorLink("ada-north", ("Ada North", "North"), "/actors/ada-north/", 1),
    ActorLink("ben-south", ("South", "Ben South"), "/actors/ben-south/", 2),
    ActorLink("nato", ("NATO", "North Atlantic Treaty Organization"), "/actors/nato/", 1),
    ActorLink("empty", ("",), "/actors/empty/", 1),
)

WORDS = st.sampled_from(
    ["North", "South", "Ada", "NATO", "Ben", "North's", "met", "the", "in", "2024.", "1.", "#", "##",
     "-", "*", "_", "`", "[x](y)", "<b>", "&amp;", "&", ">", "\\", "=", "---", "talks,", "said:", "é", '"',
     "  ", "\t", "1)", "+", "!", "(AFP)", "North-South", "Northern", "NorthSouth"]
)
LINE = st.lists(WORDS, min_size=0, max_size=8).map(" ".join)
BLOCK = st.lists(LINE, min_size=1, max_size=3).map("\n".join)
BODY = st.lists(BLOCK, min_size=1, max_size=5).map(lambda blocks: "\n\n".join(blocks) + "\n")
#: Mostly plain text, so that the fast path is taken often.
PLAIN_WORDS = st.sampled_from(["North", "South", "Ada", "NATO", "Ben", "North's", "met", "in", "talks,", "é",
                               '"', "(AFP)", "North-South", "Northern", "2024", "said.", "Organization"])
PLAIN_LINE = st.lists(PLAIN_WORDS, min_size=1, max_size=8).map(" ".join)
PLAIN_BLOCK = st.one_of(
    st.lists(PLAIN_LINE, min_size=1, max_size=3).map("\n".join),
    st.lists(PLAIN_WORDS, min_size=1, max_size=3).map(lambda words: "## " + " ".join(words)),
)
PLAIN_BODY = st.lists(PLAIN_BLOCK, min_size=1, max_size=6).map(lambda blocks: "\n\n".join(blocks) + "\n")


@settings(max_examples=300, deadline=None)
@given(st.one_of(BODY, PLAIN_BODY), st.lists(st.sampled_from(LINKS), max_size=4, unique=True))
def test_plain_path_agrees_with_python_markdown(body: str, links: list[ActorLink]) -> None:
    html = render_plain(body, links)
    if html is not None:
        assert html == render_markdown(body, links)


def test_plain_path_takes_plain_bodies_and_refuses_syntax() -> None:
    plain = "Ada North met Ben South.\n\n## Reactions\n\nSouth answered North, then North again.\n"
    assert render_plain(plain, LINKS) == render_markdown(plain, LINKS)
    assert render_plain(plain, LINKS) is not None
    for body in ("A *b* c\n", "1. item\n", "> quote\n", "a  \nb\n", "a\n\n\nb\n", "    code\n", "a &amp; b\n",
                 "Title\n===\n", "x\n- y\n", "# a #\n", ""):
        assert render_plain(body, LINKS) is None, body
