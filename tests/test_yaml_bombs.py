"""YAML bombs in every place a person's YAML is read: one short message naming the file and line.

A billion-laughs block (anchors and aliases, each level nine copies of the one before) is a
few hundred bytes that expand to 10**9 values; a list nested 990 levels deep overflows
Python's stack in whatever walks it; 100,000 levels of ``- - -`` crash libyaml's composer.
Front-matter, registries and site.yaml have no use for either, so both are refused before
anything is composed. The bombs run in a child process whose address space is capped, so a
bomb that got through shows as a failure, not as a machine out of memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator import frontmatter
from generator.frontmatter import MAX_YAML_NESTING, load_yaml

REPO = Path(__file__).resolve().parent.parent


def laughs(levels: int = 10, width: int = 10) -> str:
    """The billion laughs: level i is a list of *width* aliases of level i-1 (width**levels values)."""
    lines = ['a0: &a0 "lol"']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


BOMBS = {
    # The aliases' value as the title: before the fix, the error message repr()'d all of it.
    "laughs": laughs() + "title: *a9\n",
    "laughs in a block list": "title: x\nx:\n  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                              + "".join(f"  - &{c} [{', '.join(['*' + p] * 10)}]\n"
                                        for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
    "nested block list": "title: x\nx:\n" + "".join("  " * i + "-\n" for i in range(1, 992)) + "a\n",
    "compact nested list": "title: x\nx:\n  " + "- " * 100_000 + "a\n",
    "nested flow list": "title: x\nx: " + "[" * 990 + "]" * 990 + "\n",
}
#: The 1-based line of the first offence in each bomb, counted in the YAML text itself.
FIRST_LINE = {"laughs": 1, "laughs in a block list": 3, "nested block list": 3 + MAX_YAML_NESTING - 1,
              "compact nested list": 3, "nested flow list": 2}

#: One child process runs every bomb through the real readers; more than this much address
#: space means something was expanded.
_CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from generator.config import parse_config
from generator.errors import GeneratorError
from generator.frontmatter import load_article
from generator.ingest.split import split_source
from generator.registry import parse_registry
bombs = json.loads(sys.stdin.read())
out = {}
for name, yaml_text in bombs.items():
    doc = "---\\n" + yaml_text + "---\\nA headline\\n\\nThe first paragraph of the story, long enough.\\n"
    readers = {
        "source": lambda: split_source("content/sources/bomb.txt", doc),
        "article": lambda: load_article(doc, "content/articles/bomb.md"),
        "site.yaml": lambda: parse_config(yaml_text, "site.yaml"),
        "actors.yaml": lambda: parse_registry(yaml_text, None),
    }
    for reader, call in readers.items():
        try:
            call()
            out[f"{name} / {reader}"] = "accepted"
        except GeneratorError as exc:
            out[f"{name} / {reader}"] = str(exc)
        except BaseException as exc:
            out[f"{name} / {reader}"] = "crash: " + type(exc).__name__
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def outcomes() -> dict[str, str]:
    """Each bomb in its own child, so that a crash (libyaml's segfault) is that bomb's failure alone."""
    found: dict[str, str] = {}
    for name, text in BOMBS.items():
        done = subprocess.run([sys.executable, "-c", _CHILD], cwd=REPO, input=json.dumps({name: text}),
                              capture_output=True, text=True, timeout=300)
        if done.returncode == 0:
            found.update(json.loads(done.stdout))
        else:
            found.update({f"{name} / {reader}": f"crash: exit {done.returncode}" for reader in READERS})
    return found


READERS = ("source", "article", "site.yaml", "actors.yaml")


@pytest.mark.parametrize("bomb", sorted(BOMBS))
@pytest.mark.parametrize("reader, path, offset", [
    ("source", "content/sources/bomb.txt", 1),  # the YAML starts on the file's line 2
    ("article", "content/articles/bomb.md", 1),
    ("site.yaml", "site.yaml", 0),
    ("actors.yaml", "actors.yaml", 0),
])
def test_a_bomb_is_one_short_line_naming_file_and_line(outcomes: dict[str, str], bomb: str, reader: str,
                                                       path: str, offset: int) -> None:
    message = outcomes[f"{bomb} / {reader}"]
    assert message.startswith(f"{path}:{FIRST_LINE[bomb] + offset}: "), message[:500]
    assert "\n" not in message and len(message) < 300, message[:500]


def test_the_messages_say_what_is_wrong(outcomes: dict[str, str]) -> None:
    assert "anchors (&) and aliases (*) are not allowed" in outcomes["laughs / article"]
    assert f"nested more than {MAX_YAML_NESTING} levels deep" in outcomes["nested block list / source"]


@pytest.mark.parametrize("text", ["a: &x 1\n", "a: 1\nb: *x\n", "a: [&x 1, 2]\n", "? &k a\n: b\n"])
def test_a_lone_anchor_or_alias_is_refused(text: str) -> None:
    with pytest.raises(yaml.YAMLError, match="anchors"):
        load_yaml(text)


@pytest.mark.parametrize("text", ["title: AT&T and S&P 500\n", "title: '**bold** & *it*'\n",
                                  "title: R & D\nx: [a, b & c]\n", "x: " + "[" * 10 + "]" * 10 + "\n",
                                  "x:\n" + "".join("  " * i + "-\n" for i in range(1, 20))])
def test_ampersands_stars_and_modest_nesting_are_read(text: str) -> None:
    assert load_yaml(text) == yaml.safe_load(text)


def test_error_messages_show_a_value_shortened() -> None:
    text = "---\ntitle: [" + ", ".join(["word"] * 50_000) + "]\n---\nbody\n"
    with pytest.raises(Exception) as caught:
        frontmatter.load_article(text, "a.md")
    assert "'title' must be text" in str(caught.value) and len(str(caught.value)) < 300


# The quick check (``_surely_safe``) decides from the characters alone that a text can hold no
# anchor, no alias and no nesting deeper than the limit; whenever it says so, the parser's own
# events must agree.
YAMLISH = st.lists(st.sampled_from([*"ab &*!-?:[]{},'\"#|>\n\t\ufeff\u2028\x85", "  ", "- ", ": ", "? "]),
                   max_size=40).map("".join)


@pytest.mark.parametrize("limit", [2, 5, 10])  # small, so that random text reaches them
@settings(max_examples=2000, deadline=None)
@given(text=YAMLISH)
@example(text="a: &x b\nc: *x\n")
@example(text="a:\n- - - - - - - - - - - - b\n")
@example(text="a: [b: [c: [d: [e: [f: [g]]]]]]\n")
@example(text="a:\n- b:\n  - c:\n    - d:\n      - e\n")
@example(text="a: b\u2028c:\u2028- - - - - - - - - - - - d\n")
def test_the_quick_check_never_lets_an_alias_or_deep_nesting_through(limit: int, text: str) -> None:
    if not frontmatter._surely_safe(text, limit):
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            assert not isinstance(event, yaml.AliasEvent) and getattr(event, "anchor", None) is None, text
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                assert depth <= limit, text
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
