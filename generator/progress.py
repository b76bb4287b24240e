"""Progress bars for the long phases of a build, on a terminal only.

At 500 articles rendering takes seconds, at 10,000 minutes: a person at a
terminal sees each long phase counting.  Piped into a file or a CI log (stdout
or stderr not a terminal) nothing is shown, and a phase shorter than
:data:`DELAY` seconds (a preview's rebuild) never draws a bar.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

#: Seconds a phase runs before its bar appears.
DELAY = 1.0


def on_terminal() -> bool:
    return sys.stdout.isatty() and sys.stderr.isatty()


def counted(items: Iterable[T], desc: str, unit: str, *, total: int | None = None, scale: int = 1,
            shown: bool = True) -> Iterator[T]:
    """``items``, counted on stderr as they pass; ``scale`` when this is one of that many equal shares."""
    if not (shown and on_terminal()):
        yield from items
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=desc, unit=unit, unit_scale=scale if scale > 1 else False, delay=DELAY,
              leave=False, file=sys.stderr, mininterval=0.25) as bar:
        for item in items:
            yield item
            bar.update()
