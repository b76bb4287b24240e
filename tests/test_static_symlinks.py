"""Links in static/ and the template folders never carry a file from elsewhere into the site.

A project copied from someone else may hold ``static/logo.svg -> ~/.ssh/id_rsa``;
a template override may be a link to anything.  A link whose target leaves its
folder is not read: the build names it in one error line, builds the rest
(with the built-in template where the link was an override) and exits non-zero.
A link that stays inside its folder is an ordinary file.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from site_helpers import build, copy_fixture

from generator import cli

SECRET = "SECRET-7f3a-not-for-the-web"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A private file beside the project, of the kind a link could point at."""
    secret = tmp_path / "private" / "id_rsa"
    secret.parent.mkdir()
    secret.write_text(f"-----BEGIN KEY----- {SECRET} -----END KEY-----\n")
    return secret


def site_text(out: Path) -> str:
    assert (out / "index.html").is_file(), "the rest of the site must be built"
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(out.rglob("*")) if p.is_file())


def the_error(result: object, link: Path) -> str:
    errors = [str(e) for e in result.errors]  # type: ignore[attr-defined]
    assert len(errors) == 1, errors
    assert link.name in errors[0] and "outside" in errors[0]
    assert SECRET not in errors[0]
    return errors[0]


# --- static/ ---------------------------------------------------------------------


def test_a_static_link_to_a_file_outside_is_not_copied(tmp_path: Path, outside: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    (content / "static").mkdir()
    (content / "static" / "logo.svg").symlink_to(outside)
    (content / "static" / "own.css").write_text("p { color: teal }")
    result = build(content, out)
    assert not result.ok
    the_error(result, content / "static" / "logo.svg")
    assert SECRET not in site_text(out)
    assert not (out / "static" / "logo.svg").exists()
    assert (out / "static" / "own.css").read_text() == "p { color: teal }"  # the rest of static/ is there


def test_a_static_link_to_a_folder_outside_is_not_copied(tmp_path: Path, outside: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    (content / "static").mkdir()
    (content / "static" / "keys").symlink_to(outside.parent, target_is_directory=True)
    result = build(content, out)
    assert not result.ok
    the_error(result, content / "static" / "keys")
    assert SECRET not in site_text(out)


def test_a_static_folder_that_is_a_link_out_of_the_project_is_not_copied(tmp_path: Path,
                                                                          outside: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    (content / "static").symlink_to(outside.parent, target_is_directory=True)
    result = build(content, out)
    assert not result.ok
    the_error(result, content / "static")
    assert SECRET not in site_text(out)


def test_a_static_link_inside_its_folder_is_an_ordinary_file(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    (content / "static" / "img").mkdir(parents=True)
    (content / "static" / "img" / "real.svg").write_text("<svg/>")
    (content / "static" / "alias.svg").symlink_to(Path("img") / "real.svg")
    result = build(content, out)
    assert result.ok, [str(e) for e in result.errors]
    assert (out / "static" / "alias.svg").read_text() == "<svg/>"


def test_the_error_stays_until_the_link_is_gone(tmp_path: Path, outside: Path) -> None:
    """The preview rebuilds incrementally: the link is reported on every build, not only the first."""
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    (content / "static").mkdir()
    link = content / "static" / "logo.svg"
    link.symlink_to(outside)
    first = build(content, out)
    again = build(content, out, first.state)
    assert not again.ok
    the_error(again, link)
    link.unlink()
    assert build(content, out, again.state).ok


# --- templates -------------------------------------------------------------------


def test_a_template_override_linked_outside_is_not_read(tmp_path: Path, outside: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    theme = tmp_path / "theme"
    theme.mkdir()
    outside.write_text('{% extends "base.html" %}{% block main %}' + SECRET + "{% endblock %}")
    (theme / "404.html").symlink_to(outside)
    (theme / "robots.txt").write_text("User-agent: *\nAllow: /\n# own override\n")
    result = build(content, out, template_dirs=(theme,))
    assert not result.ok
    the_error(result, theme / "404.html")
    assert SECRET not in site_text(out)
    assert "Not found" in (out / "404.html").read_text() or (out / "404.html").stat().st_size > 0
    assert "# own override" in (out / "robots.txt").read_text()  # the folder's other overrides apply


def test_a_template_in_the_project_templates_folder_linked_outside_is_not_read(tmp_path: Path,
                                                                                outside: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    outside.write_text(SECRET)
    (content / "templates").mkdir()
    (content / "templates" / "robots.txt").symlink_to(outside)
    result = build(content, out)
    assert not result.ok
    the_error(result, content / "templates" / "robots.txt")
    assert SECRET not in site_text(out)
    assert (out / "robots.txt").is_file()  # the built-in one


def test_a_linked_template_folder_inside_the_search_folder_cannot_be_included(tmp_path: Path,
                                                                               outside: Path) -> None:
    """``{% include "keys/id_rsa" %}`` through a linked folder reads nothing outside.

    The include then names a template that does not exist, which stops the build
    as a whole (as any missing template does); the link is named first.
    """
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    theme = tmp_path / "theme"
    theme.mkdir()
    first = build(content, out, template_dirs=(theme,))
    (theme / "keys").symlink_to(outside.parent, target_is_directory=True)
    (theme / "robots.txt").write_text('{% include "keys/id_rsa" %}\n')
    for state in (None, first.state):
        result = build(content, out, state, template_dirs=(theme,))
        assert not result.ok
        errors = [str(e) for e in result.errors]
        assert "keys: is a link leading outside theme/" in errors[0]
        assert "template not found: keys/id_rsa" in errors[-1]
        assert SECRET not in site_text(out) + "".join(errors)


def test_a_template_link_inside_its_folder_is_an_ordinary_template(tmp_path: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    theme = tmp_path / "theme"
    (theme / "parts").mkdir(parents=True)
    (theme / "parts" / "robots.txt").write_text("User-agent: *\n# linked inside\n")
    (theme / "robots.txt").symlink_to(Path("parts") / "robots.txt")
    result = build(content, out, template_dirs=(theme,))
    assert result.ok, [str(e) for e in result.errors]
    assert "# linked inside" in (out / "robots.txt").read_text()


# --- through the command line ------------------------------------------------------


def test_the_build_command_names_the_link_and_fails(tmp_path: Path, outside: Path) -> None:
    content, out = copy_fixture(tmp_path), tmp_path / "out"
    (content / "static").mkdir()
    (content / "static" / "logo.svg").symlink_to(outside)
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(["build", "--no-ingest", "--content", str(content), "--config",
                         str(content / "site.yaml"), "--out", str(out)])
    assert code != 0
    errors = [line for line in stderr.getvalue().splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "logo.svg" in errors[0], stderr.getvalue()
    assert "Traceback" not in stderr.getvalue()
    assert SECRET not in stdout.getvalue() + stderr.getvalue() + site_text(out)


# --- the helper --------------------------------------------------------------------


def test_inside(tmp_path: Path, outside: Path) -> None:
    from generator.confined import inside

    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "file").write_text("x")
    (folder / "out").symlink_to(outside)
    (folder / "in").symlink_to(folder / "sub" / "file")
    (folder / "loop").symlink_to(folder / "loop")
    (folder / "dangling").symlink_to(tmp_path / "nowhere")
    assert inside(folder, folder / "sub" / "file")
    assert inside(folder, folder / "in")
    assert inside(folder, folder)
    assert not inside(folder, folder / "out")
    assert not inside(folder, folder / "sub" / ".." / ".." / "private" / "id_rsa")
    assert not inside(folder, folder / "loop")
    assert not inside(folder, folder / "dangling")
    assert not inside(folder / "sub", folder / "subway")  # a prefix of the name is not a parent
