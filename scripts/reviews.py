"""List the review dates of every page, overdue pages first.

    ./run reviews                 (or: python scripts/reviews.py [--date YYYY-MM-DD])

Reads the front matter of every page under docs/ (`reviewed`, `next_review`) and prints one line
per page: next review, last review, path, and OVERDUE where the next review date has passed.
Pages without valid dates are listed as such. The exit code is always 0: an overdue review is a
task for the editors, not a broken build (the site shows a notice on the page itself).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
from reviews import status  # noqa: E402  (the hook's own rule for "overdue")


def rows(docs: Path, today: dt.date) -> list[tuple[str, dict | None]]:
    found = []
    for path in sorted(docs.rglob("*.md")):
        _, meta = get_data(path.read_text(encoding="utf-8-sig"))
        found.append((path.relative_to(docs).as_posix(), status(meta, today)))
    # overdue first (longest overdue on top), then by next review date; missing dates last
    return sorted(found, key=lambda r: (r[1] is None, not (r[1] or {}).get("overdue"),
                                        (r[1] or {}).get("next", "")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="compare with this date instead of today (YYYY-MM-DD)")
    args = parser.parse_args()
    found = rows(ROOT / "docs", args.date)
    overdue = 0
    print(f"Review dates on {args.date.isoformat()}:\n")
    print(f"{'next review':<12} {'reviewed':<12} page")
    for page, info in found:
        if info is None:
            print(f"{'—':<12} {'—':<12} docs/{page}  NO VALID DATES (reviewed, next_review)")
            continue
        flag = f"  OVERDUE by {info['days_over']} days" if info["overdue"] else ""
        overdue += info["overdue"]
        print(f"{info['next']:<12} {info['reviewed']:<12} docs/{page}{flag}")
    print(f"\n{overdue} of {len(found)} pages overdue.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
