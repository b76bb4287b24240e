"""Bad input through the real CLI: one clear message, nothing else lost, nothing let in.

Each case drops one file from ``tests/bad_inputs/`` into a copy of the sample
project whose site was already built, runs ``build.py build`` (in-process, the
way ``build.py`` calls it; a few cases again as a real subprocess), and checks
what a person sees and what is left on disk:

- the message names the file, the line where there is one, and says what to do;
- a broken source or article is skipped, everything else is built, the run ends
  with a summary and exit status 1;
- a site-wide mistake (site.yaml, a template, actors.yaml, topics.yaml) writes
  nothing at all: the previous ``_site/`` stays byte for byte;
- no file a person wrote is modified or deleted.

A new bad input is a file in ``tests/bad_inputs/`` and one line in a table below.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import markupsafe
import pytest

from generator import cli
from generator.frontmatter import load_article
from generator.ingest import run as ingest_run

REPO = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "bad_inputs"
SITE_YAML = "title: Bad inputs\nbase_url: https://user.github.io/sub/\nsearch: false\n"
#: Pages of the sample that must be there after any build that is not stopped as a whole.
SAMPLE_PAGES = ("index.html", "chronology/index.html", "actors/index.html",
                "articles/2023-09-13-kim-invites-putin-to-north-korea/index.html",
                "articles/2026-01-28-lavrov-us-and-denmark-officially-launch-arctic-security-talks/index.html")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run_cli(project: Path, *args: str) -> Run:
    """``python build.py ARGS`` in *project*, in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(project), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


def run_process(project: Path, *args: str, timeout: float = 120) -> Run:
    done = subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=project, capture_output=True,
                          text=True, timeout=timeout)
    return Run(done.returncode, done.stdout, done.stderr)


def files(root: Path, under: str = "") -> dict[str, bytes]:
    base = root / under if under else root
    if not base.exists():
        return {}
    # .cache/ is the tool's own memo (ingest's record may be refreshed), not anything published or edited.
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(base.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith(".cache/")}


def written_by_a_person(project: Path) -> dict[str, bytes]:
    """Everything a person wrote: sources, articles, registries, site.yaml, templates."""
    found = {**files(project, "content/sources"), **files(project, "content/articles"),
             **files(project, "templates")}
    for name in ("content/actors.yaml", "content/topics.yaml", "site.yaml"):
        if (project / name).exists():
            found[name] = (project / name).read_bytes()
    return found


def assert_kept(before: dict[str, bytes], project: Path) -> None:
    """Every file a person wrote is still there, byte for byte (ingest may add new articles)."""
    after = written_by_a_person(project)
    assert sorted(set(before) - set(after)) == [], "deleted"
    assert sorted(k for k in before if after[k] != before[k]) == [], "modified"


def the_message(result: Run, where: str, line: int | None) -> str:
    """The one output line that names *where* (and *line*); fails unless there is exactly one."""
    located = re.escape(where) + (f":{line}: " if line else r": ")
    pattern = re.compile(r"^\s*error: " + located)
    lines = [text for text in result.text.splitlines() if pattern.search(text)]
    assert len(lines) == 1, f"want one message for {where}:{line}, got {lines}\n{result.text}"
    return lines[0]


@pytest.fixture(scope="module")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project, ingested and built once, with search off (Pagefind is not under test)."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(REPO / "content", root / "content")
    (root / "site.yaml").write_text(SITE_YAML)
    result = run_cli(root, "build")
    assert result.code == 0, result.text
    return root


@pytest.fixture
def project(built_sample: Path, tmp_path: Path) -> Path:
    """A private copy of the built sample: content, site.yaml and the previous ``_site/``."""
    target = tmp_path / "project"
    shutil.copytree(built_sample, target)
    return target


def drop(project: Path, corpus: str, destination: str) -> None:
    target = project / destination
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BAD / corpus, target)


# --- a mistake in one input: that input is skipped, the rest is built -------------------------


@dataclass(frozen=True)
class Skipped:
    corpus: str  # file in tests/bad_inputs/
    destination: str  # where it goes in the project
    line: int | None
    says: str
    todo: str  # what the message tells the person to do


FIX_FRONT_MATTER = "fix the YAML between the '---' lines"
NO_OBJECTS = "the tag '!!python/object/apply:os.system' is not allowed"

SKIPPED = [
    Skipped("binary.txt", "content/sources/photo.txt", None, "not a text file (it contains NUL bytes)",
            "sources must be plain text"),
    Skipped("empty.txt", "content/sources/empty.txt", None, "the file is empty",
            "paste the article's text into it, or delete the file"),
    Skipped("article_broken_yaml.md", "content/articles/zz-broken.md", 10,
            "front-matter is not valid YAML: did not find expected ',' or '}'",
            FIX_FRONT_MATTER),
    Skipped("article_python_object.md", "content/articles/zz-object.md", 2, NO_OBJECTS, FIX_FRONT_MATTER),
    Skipped("article_bad_date.md", "content/articles/zz-date.md", 3, "'2025-02-30' is not a real date",
            FIX_FRONT_MATTER),
    # The split names a source by its bare file name; see test_source_errors_name_the_sources_folder.
    Skipped("source_broken_front_matter.txt", "content/sources/given.txt", 2,
            "front-matter is not valid YAML", FIX_FRONT_MATTER),
    Skipped("source_python_object.txt", "content/sources/tagged.txt", 2, NO_OBJECTS, FIX_FRONT_MATTER),
]


def _named(case: Skipped) -> str:
    # What the message calls the file: the path from the project.
    return case.destination


@pytest.mark.parametrize("case", SKIPPED, ids=[c.corpus for c in SKIPPED])
def test_a_bad_input_is_skipped_with_one_message_and_the_rest_is_built(project: Path, case: Skipped) -> None:
    drop(project, case.corpus, case.destination)
    site_before = files(project, "_site")
    person = written_by_a_person(project)

    result = run_cli(project, "build")

    message = the_message(result, _named(case), case.line)
    assert case.says in message and case.todo in message
    assert result.code == 1
    # The last line is the summary, and says the rest was built.
    last = result.text.rstrip().splitlines()[-1]
    assert last.startswith("build: ") and re.search(r"skipped", last), result.text
    # Everything else was built: the sample's pages are all there, unchanged.
    assert files(project, "_site") == site_before
    assert all((project / "_site" / page).is_file() for page in SAMPLE_PAGES)
    assert_kept(person, project)


def test_every_broken_article_is_skipped_and_counted(project: Path) -> None:
    for case in SKIPPED:
        if case.destination.startswith("content/articles/"):
            drop(project, case.corpus, case.destination)
    result = run_cli(project, "build", "--no-ingest")
    assert result.code == 1
    assert result.err.rstrip().splitlines()[-1] == "build: 3 errors; 3 articles skipped, the rest was built"
    assert all((project / "_site" / page).is_file() for page in SAMPLE_PAGES)


def test_a_huge_source_is_refused_at_once(project: Path) -> None:
    # 20 MB of prose: extraction time grows faster than the text (hours at this size).
    paragraph = ("Officials in Nuuk met on Tuesday to discuss fishing quotas, a spokesperson said. " * 12
                 + "\n\n").encode()
    (project / "content" / "sources" / "huge.txt").write_bytes(
        b"A very long file\n\n" + paragraph * (20_000_000 // len(paragraph)))
    person = written_by_a_person(project)
    started = time.monotonic()
    result = run_cli(project, "build")
    assert time.monotonic() - started < 30
    message = the_message(result, "content/sources/huge.txt", None)
    assert "too large to ingest (20.0 MB; the limit is 2 MB)" in message
    assert "split it into smaller files" in message
    assert result.code == 1 and all((project / "_site" / page).is_file() for page in SAMPLE_PAGES)
    assert_kept(person, project)


# --- inputs that are odd but readable: ingested, and said where a person should look -----------


@dataclass(frozen=True)
class Accepted:
    corpus: str
    title: str
    #: A phrase the body must hold, exactly as the person would read it.
    body: str
    stem: str  # the article's file name; the page's URL


ACCEPTED = [
    Accepted("cp1252.txt", "Café talks in København – ministers \"agree\"",
             "the naïve plan was \"dead\" on Tuesday – and the résumé",
             "undated-cafe-talks-in-kobenhavn-ministers-agree"),
    Accepted("latin1.txt", "Réunion à Genève", "déclaré mardi que la réunion était terminée",
             "undated-reunion-a-geneve"),
    Accepted("crlf_bom.txt", "Ministers meet in Nuuk", "to discuss fishing quotas.\n\nThe talks",
             "2025-03-04-ministers-meet-in-nuuk"),
    Accepted("nonlatin_title.txt", "Переговоры в Арктике", "Officials in Nuuk met on Tuesday",
             "undated-peregovory-v-arktike"),
    Accepted("punctuation_title.txt", "Officials in Nuuk met on Tuesday to discuss fishing quotas for the "
             "coming season", "The talks will continue next week",
             "undated-officials-in-nuuk-met-on-tuesday-to-discuss-fishing-quotas-for-the-coming-season"),
    Accepted("no_title.txt", "the talks went on for hours and nobody said what was agreed, officials told…",
             "A second paragraph follows",
             "undated-the-talks-went-on-for-hours-and-nobody-said-what-was-agreed-officials-told"),
    Accepted("only_title.txt", "Only a title line", "", "undated-only-a-title-line"),
]


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.corpus for c in ACCEPTED])
def test_an_odd_but_readable_source_becomes_an_article(project: Path, case: Accepted) -> None:
    drop(project, case.corpus, f"content/sources/{case.corpus}")
    person = written_by_a_person(project)
    result = run_cli(project, "build")
    assert result.code == 0, result.text
    assert "error:" not in result.text and "Traceback" not in result.text
    text = (project / "content" / "articles" / f"{case.stem}.md").read_text(encoding="utf-8")
    article = load_article(text, case.stem)
    assert article.title == case.title
    assert case.body in article.body
    assert "\r" not in text and "\ufeff" not in text
    page = (project / "_site" / "articles" / case.stem / "index.html").read_text(encoding="utf-8")
    assert str(markupsafe.escape(case.title)) in page
    assert_kept(person, project)


@pytest.mark.parametrize("corpus", ["cp1252.txt", "latin1.txt"])
def test_a_legacy_encoding_is_said(project: Path, corpus: str) -> None:
    drop(project, corpus, f"content/sources/{corpus}")
    result = run_cli(project, "ingest")
    report = (project / "content" / "ingest-report.md").read_text(encoding="utf-8")
    # Where the person reviews the article: which encoding was assumed, so a wrong guess is caught.
    assert re.search(r"(read|decoded) as (Windows-1252|cp1252)", report), report
    assert result.code == 0


# --- a mistake that affects the whole site: nothing is written, the previous site stays --------


@dataclass(frozen=True)
class Stopped:
    corpus: str
    destination: str
    line: int
    says: str
    todo: str


STOPPED = [
    Stopped("actors_duplicate_id.yaml", "content/actors.yaml", 8,
            "duplicate actor id 'anna-berg' (first at line 2)", "merge the two entries"),
    Stopped("actors_shared_alias.yaml", "content/actors.yaml", 9,
            "name 'Berg' is claimed by both 'anna-berg' and 'karl-berg'", "keep it on one actor only"),
    Stopped("actors_impossible_role_date.yaml", "content/actors.yaml", 6,
            "role start '2024-02-30' is not a real date", "check the month and day"),
    Stopped("actors_role_ends_before_start.yaml", "content/actors.yaml", 6,
            "role 'Foreign Minister' ends (2023-01-01) before it starts (2024-05-01)",
            "swap 'from' and 'to'"),
    Stopped("actors_python_object.yaml", "content/actors.yaml", 3,
            NO_OBJECTS, "fix the YAML at that line"),
    Stopped("topics_unknown_actor.yaml", "content/topics.yaml", 5,
            "topic 'fisheries' refers to unknown actor id 'nobody-we-know'", "add the actor to actors.yaml"),
    Stopped("template_syntax.html", "templates/article.html", 5, "unexpected '}'",
            "fix the template at that line, or delete your copy"),
    Stopped("site_unknown_key.yaml", "site.yaml", 2, "unknown setting 'tittle'", "known settings: author,"),
    Stopped("site_bad_base_url.yaml", "site.yaml", 3,
            "base_url: must be an absolute http(s) URL such as https://user.github.io/repo/",
            "correct base_url"),
    Stopped("site_python_object.yaml", "site.yaml", 1, NO_OBJECTS, "fix the YAML at that line"),
    Stopped("site_cp1252.yaml", "site.yaml", 1, "not UTF-8 text (byte 0xe9)", "save the file as UTF-8"),
    Stopped("actors_cp1252.yaml", "content/actors.yaml", 6, "not UTF-8 text (byte 0xf8)",
            "save the file as UTF-8"),
]


@pytest.mark.parametrize("command", ["build", "build --no-ingest", "ingest"])
@pytest.mark.parametrize("case", STOPPED, ids=[c.corpus for c in STOPPED])
def test_a_site_wide_mistake_writes_nothing(project: Path, case: Stopped, command: str) -> None:
    drop(project, case.corpus, case.destination)
    before = files(project)  # the previous _site/, the report, everything
    result = run_cli(project, *command.split())
    if command == "ingest" and not case.destination.startswith("content/"):
        # site.yaml and templates are the build's business; ingest does not read them.
        assert result.code == 0, result.text
        return
    message = the_message(result, case.destination, case.line)
    assert case.says in message and case.todo in message
    assert result.code == 1
    last = result.err.rstrip().splitlines()[-1]
    assert last in ("ingest: stopped; no article was written",
                    "build: stopped; nothing was written, _site/ was left as it was",
                    "build: 1 errors; nothing was written, _site/ was left as it was"), result.text
    assert files(project) == before
    assert not list(project.glob("._site*")), "a staging folder was left behind"


@pytest.mark.parametrize("text, line, says", [
    # libyaml's parser recurses per level and segfaults near 100,000: refused before parsing.
    ("title: " + "[" * 200_000 + "\n", 1, "nested more than 100 levels deep"),
    ("title: X\nhome_articles: many\n", 2, "home_articles: expected a whole number >= 0"),
    ("- a list\n", 1, "expected a mapping of settings"),
])
def test_site_yaml_that_would_crash_the_parser_is_a_message(project: Path, text: str, line: int,
                                                            says: str) -> None:
    (project / "site.yaml").write_text(text)
    before = files(project)
    result = run_cli(project, "build", "--no-ingest")
    assert says in the_message(result, "site.yaml", line) and result.code == 1
    assert files(project) == before


# --- what a person wrote is never touched ---------------------------------------------------


def test_an_article_a_person_broke_is_not_overwritten(project: Path) -> None:
    path = project / "content" / "articles" / "2023-09-13-kim-invites-putin-to-north-korea.md"
    text = path.read_text(encoding="utf-8")
    # A person's edit (the full name) and a slip in the YAML (the "[") in one save.
    edited = text.replace("title: ", "title: [", 1).replace("Putin", "Vladimir Putin")
    path.write_text(edited, encoding="utf-8")
    person = written_by_a_person(project)
    result = run_cli(project, "build")
    assert result.code == 1
    the_message(result, "content/articles/2023-09-13-kim-invites-putin-to-north-korea.md", 2)
    assert_kept(person, project)


def test_an_article_saved_in_another_encoding_is_named_with_its_line(project: Path) -> None:
    drop(project, "article_cp1252.md", "content/articles/zz-cp1252.md")
    person = written_by_a_person(project)
    result = run_cli(project, "build")
    message = the_message(result, "content/articles/zz-cp1252.md", 2)
    assert "not UTF-8 text (byte 0xe9)" in message and "save the file as UTF-8" in message
    assert result.code == 1 and all((project / "_site" / page).is_file() for page in SAMPLE_PAGES)
    assert_kept(person, project)


def test_source_errors_name_the_sources_folder(project: Path) -> None:
    source = project / "content" / "sources" / "000_2674c2b2dd7e5133.txt"
    source.write_bytes(b'---\ntitle: "broken\n---\n' + source.read_bytes())
    result = run_cli(project, "ingest")
    the_message(result, "content/sources/000_2674c2b2dd7e5133.txt", 2)
    assert "orphaned (source gone" not in result.text


# --- through a real process: exit status, and never a traceback -------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("corpus, destination, code, last", [
    ("binary.txt", "content/sources/photo.txt", 1, "inputs with errors skipped"),
    ("article_broken_yaml.md", "content/articles/zz-broken.md", 1, "the rest was built"),
    ("actors_python_object.yaml", "content/actors.yaml", 1, "_site/ was left as it was"),
    ("template_syntax.html", "templates/article.html", 1, "_site/ was left as it was"),
    ("site_python_object.yaml", "site.yaml", 1, "_site/ was left as it was"),
])
def test_the_command_line_exits_with_a_status_and_no_traceback(project: Path, corpus: str, destination: str,
                                                               code: int, last: str) -> None:
    drop(project, corpus, destination)
    result = run_process(project, "build")
    assert "Traceback" not in result.err and "Traceback" not in result.out
    assert result.code == code, result.text
    assert last in result.text.rstrip().splitlines()[-1]
    assert not Path("/tmp/pwned-by-yaml").exists()


# --- failures lose nothing --------------------------------------------------------------------


@pytest.mark.slow
def test_a_build_killed_midway_leaves_the_old_site_or_the_new_one(project: Path, tmp_path: Path) -> None:
    old = files(project, "_site")
    # A new site that differs on every page: another title.
    (project / "site.yaml").write_text(SITE_YAML.replace("Bad inputs", "Killed builds"))
    reference = tmp_path / "reference"
    shutil.copytree(project, reference)
    started = time.monotonic()
    assert run_process(reference, "build", "--no-ingest").code == 0
    duration = time.monotonic() - started
    new = files(reference, "_site")
    assert new != old

    seen: set[str] = set()
    # From the interpreter starting, through rendering in memory and writing the staging
    # folder, to the swap and the old site's removal.
    for fraction in (0.4, 0.7, 0.85, 0.95, 1.05):
        attempt = tmp_path / f"kill-{fraction}"
        shutil.copytree(project, attempt)
        process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "build", "--no-ingest"],
                                   cwd=attempt, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        left = files(attempt, "_site")
        assert left in (old, new), f"killed at {fraction:.2f} of a build: a mix of two sites"
        seen.add("old" if left == old else "new")
        if list(attempt.glob("._site*")):
            # The next build completes and leaves the new site, whatever half-built folder is beside it.
            assert run_process(attempt, "build", "--no-ingest").code == 0
            assert files(attempt, "_site") == new
    assert "old" in seen  # the kills did land before the swap


def test_a_crash_mid_ingest_leaves_no_half_written_article(project: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    articles = project / "content" / "articles"
    shutil.rmtree(articles)
    articles.mkdir()
    for corpus in ("cp1252.txt", "latin1.txt", "crlf_bom.txt"):
        drop(project, corpus, f"content/sources/{corpus}")
    person = written_by_a_person(project)

    real_replace, real_link, calls = os.replace, os.link, []

    def replace_then_fail(src: str | os.PathLike[str], dst: str | os.PathLike[str], **link: bool) -> None:
        # The third article's rename fails as if the disk filled up or the process died there.
        if not str(dst).endswith(".md"):  # ingest-state.yaml, written before the articles
            (real_link if link else real_replace)(src, dst, **link)
            return
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(dst))
        (real_link if link else real_replace)(src, dst, **link)

    monkeypatch.setattr(ingest_run.os, "replace", replace_then_fail)
    # A new article is put in place with a link, which fails rather than replace a file made meanwhile.
    monkeypatch.setattr(ingest_run.os, "link", replace_then_fail)
    result = run_cli(project, "ingest")
    monkeypatch.undo()

    assert result.code == 1
    assert "No space left on device" in the_message(result, str(calls[2]), None)
    assert "check the disk space" in result.err and "Traceback" not in result.err
    # Two complete articles, no third, no temporary file: nothing half-written.
    assert sorted(p.name for p in articles.iterdir()) == sorted(Path(c).name for c in calls[:2])
    for path in articles.iterdir():
        load_article(path.read_text(encoding="utf-8"), path.name)
    assert_kept(person, project)

    # Run again: every article is written, and the two already there are the same bytes.
    first = files(articles)
    assert run_cli(project, "ingest").code == 0
    complete = files(articles)
    assert len(complete) == 8 and all(complete[name] == data for name, data in first.items())


def test_a_temporary_file_left_by_a_killed_ingest_is_not_read_as_an_article(project: Path) -> None:
    # What SIGKILL between writing and renaming leaves: half an article under a hidden temporary name.
    article = project / "content" / "articles" / "2023-09-13-kim-invites-putin-to-north-korea.md"
    leftover = article.with_name(f".{article.name}.k1ll3d.tmp")
    leftover.write_bytes(article.read_bytes()[:300])
    site_before = files(project, "_site")
    result = run_cli(project, "build")
    assert result.code == 0 and "error:" not in result.text, result.text
    assert files(project, "_site") == site_before


def test_a_write_that_fails_halfway_leaves_the_previous_article(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "article.md"
    path.write_text("the complete previous version\n")

    def flush_fails(*fd: int) -> None:
        raise OSError(5, "Input/output error")

    # The new text is in a temporary file when flushing it to the disk fails.
    monkeypatch.setattr(ingest_run.os, "fsync", flush_fails)
    monkeypatch.setattr(ingest_run.os, "sync", flush_fails)
    with pytest.raises(OSError):
        ingest_run.write_atomic(path, "the new version, half of it on disk when the write failed\n")
    assert path.read_text() == "the complete previous version\n"
    assert [p.name for p in tmp_path.iterdir()] == ["article.md"]
