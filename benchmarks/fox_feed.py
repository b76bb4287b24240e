"""The real Fox articles of ``../shared/corpus/fox/`` as a desk receives them: feeds or saved pages.

Writes them, in a temporary folder (never in the repository), as RSS feeds with each file's
``meta.yaml`` date and URL (``--as feed``), or as simple saved pages with
``article:published_time`` (``--as html``), ingests them, and prints how many articles came
out dated, how many with the date the metadata gave, and how long ingest took::

    python benchmarks/fox_feed.py --as feed -n 1000
    python benchmarks/fox_feed.py --as html -n 1000
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.ingest.run import ingest_content  # noqa: E402

FOX = REPO.parent / "shared" / "corpus" / "fox"
EASTERN = timezone(timedelta(hours=-5))


def _stories(limit: int) -> list[tuple[str, str, list[str], dict]]:
    meta = yaml.safe_load((FOX / "meta.yaml").read_text(encoding="utf-8"))
    out = []
    for name in sorted(meta)[:limit]:
        title, _, body = (FOX / name).read_text(encoding="utf-8").partition("\n")
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        out.append((name, title.strip(), paragraphs, meta[name]))
    return out


def _day(info: dict) -> datetime:
    return datetime.fromisoformat(str(info["date"])).replace(hour=12, tzinfo=EASTERN)


def write_feeds(stories: list, folder: Path, per_feed: int) -> None:
    for start in range(0, len(stories), per_feed):
        items = []
        for _name, title, paragraphs, info in stories[start:start + per_feed]:
            content = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            items.append(f"<item><title>{html.escape(title)}</title><link>{html.escape(info['url'])}</link>"
                         f"<pubDate>{format_datetime(_day(info))}</pubDate>"
                         f"<description>{html.escape(paragraphs[0])}</description>"
                         f"<content:encoded><![CDATA[{content}]]></content:encoded></item>")
        (folder / f"fox-{start // per_feed:04d}.rss").write_text(
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Fox News</title>'
            "<link>https://www.foxnews.com/</link><language>en-US</language>"
            + "".join(items) + "</channel></rss>", encoding="utf-8")


def write_pages(stories: list, folder: Path) -> None:
    for name, title, paragraphs, info in stories:
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        (folder / name.replace(".txt", ".html")).write_text(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<title>{html.escape(title)} | Fox News</title>'
            f'<link rel="canonical" href="{html.escape(info["url"])}">'
            f'<meta property="og:site_name" content="Fox News">'
            f'<meta property="article:published_time" content="{_day(info).isoformat()}"></head><body>'
            '<nav><ul><li><a href="/politics">Politics</a></li><li><a href="/world">World</a></li></ul></nav>'
            f"<article><h1>{html.escape(title)}</h1>{body}</article>"
            "<footer><p>Copyright Fox News Network.</p></footer></body></html>", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--as", dest="kind", choices=("feed", "html"), default="feed")
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--per-feed", type=int, default=50, help="entries in each feed file")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    if not (FOX / "meta.yaml").is_file():
        print(f"no corpus at {FOX}", file=sys.stderr)
        return 2
    stories = _stories(args.n)
    with tempfile.TemporaryDirectory(prefix="fox-feed-") as tmp:
        content = Path(tmp) / "content"
        (content / "sources").mkdir(parents=True)
        if args.kind == "feed":
            write_feeds(stories, content / "sources", args.per_feed)
        else:
            write_pages(stories, content / "sources")
        started, cpu = time.perf_counter(), time.process_time()
        report = ingest_content(content, quiet=True, workers=args.workers)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    stated = {info["url"]: str(info["date"]) for _n, _t, _p, info in stories}
    dated = sum(a.date.date is not None for a in report.articles)
    as_given = sum(a.date.date == stated.get(a.source_url or "") for a in report.articles)
    print(f"{args.kind}: {len(stories)} stories -> {len(report.articles)} articles, {dated} dated, "
          f"{as_given} with the metadata's date, {len(report.errors)} errors, "
          f"{len(report.duplicates)} duplicates")
    print(f"ingest: {wall:.1f} s wall ({wall / max(1, len(stories)) * 1000:.1f} ms per story), "
          f"{cpu:.1f} s CPU in this process")
    for error in report.errors[:5]:
        print(f"  error: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
