"""A content folder of real articles from ``../shared/corpus/``, made at run time in a temp folder.

Nothing of the corpus is copied into the repository: the sources are written
where the caller says (a pytest tmp folder, /tmp), Fox articles with their feed
date, URL and publisher from ``fox/meta.yaml`` as front-matter, BBC articles as
they are.  The registries are empty, as a new desk's are.
"""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"

SITE_YAML = """title: Real Briefing
description: Real articles, built at run time for tests and measurements.
base_url: http://127.0.0.1/repo/
language: en
search: false
"""


def available() -> bool:
    return (CORPUS / "fox" / "meta.yaml").is_file() and (CORPUS / "bbc").is_dir()


def _front_matter(meta: dict[str, str]) -> str:
    head = "".join(f"{key}: {yaml.safe_dump(meta[key]).splitlines()[0]}\n"
                   for key in ("date", "url", "publisher") if meta.get(key))
    return f"---\n{head}---\n" if head else ""


def make_content(root: Path, fox: int, bbc: int = 0) -> Path:
    """``root/content`` with the first ``fox`` Fox and ``bbc`` BBC articles (sorted by name) as sources,
    and ``root/site.yaml``; returns the content folder."""
    content = root / "content"
    sources = content / "sources"
    sources.mkdir(parents=True)
    meta = yaml.safe_load((CORPUS / "fox" / "meta.yaml").read_text(encoding="utf-8")) or {}
    for path in sorted((CORPUS / "fox").glob("*.txt"))[:fox]:
        text = path.read_text(encoding="utf-8")
        (sources / f"fox-{path.name}").write_text(_front_matter(meta.get(path.name) or {}) + text,
                                                  encoding="utf-8")
    bbc_files = sorted((CORPUS / "bbc").glob("*/*.txt"))
    # Every beat, not only the first folder's.
    step = max(1, len(bbc_files) // bbc) if bbc else 1
    for path in bbc_files[::step][:bbc]:
        (sources / f"bbc-{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    return content
