"""Review dates: every page says when its content was last reviewed and when the next review is due.

Every page's front matter has (data/page_types.yml `every_page`, checked by validate.py):

    reviewed: 2026-12-01      shown as "Laatst inhoudelijk herzien: 1 december 2026"
    next_review: 2027-12-01   shown as "Volgende herziening: 1 december 2027"

This hook gives the template (overrides/partials/herziening.html) `page.meta.herziening`: both
dates in Dutch and whether the next review is overdue on the day of the build. An overdue review
shows a notice at the top of the page; it never fails the build. `status()` is also what
scripts/reviews.py (`./run reviews`) uses to list the pages, so both agree on "overdue".
"""

from __future__ import annotations

import datetime as dt

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def dutch_date(day: dt.date) -> str:
    """1 december 2026"""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def as_date(value) -> dt.date | None:
    """A front-matter date (YAML reads 2026-12-01 as a date); None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def status(meta: dict, today: dt.date) -> dict | None:
    """The page's review dates for display, or None when they are missing or not dates
    (validate.py reports that as a content problem)."""
    reviewed, due = as_date(meta.get("reviewed")), as_date(meta.get("next_review"))
    if reviewed is None or due is None:
        return None
    return {
        "reviewed": reviewed.isoformat(),
        "reviewed_nl": dutch_date(reviewed),
        "next": due.isoformat(),
        "next_nl": dutch_date(due),
        "overdue": due < today,
        "days_over": max((today - due).days, 0),
    }


def on_page_markdown(markdown, page, config, files):
    page.meta["herziening"] = status(page.meta, dt.date.today())
    return markdown
